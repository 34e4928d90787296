"""What a build says once: a stylesheet's warning is the same for every output that uses it,
so it is printed once per build, at the stylesheet (issue 23)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_cli, workspace_file


def test_a_kind_stylesheet_warning_is_printed_once_per_build_naming_the_file(
        small: Path) -> None:
    sheet = workspace_file(small, "styles/common/flyer.css")
    lines = sheet.read_text().splitlines()
    sheet.write_text("\n".join([*lines, ".flyer {", "  colr: red;", "}", ""]))
    result = run_cli("build", "first-flyer", "-l", "en", "-l", "fr", workspace=small)
    assert result.exit_code == 0, result.stderr
    warned = [line for line in result.stderr.splitlines() if "colr" in line]
    assert len(warned) == 1, result.stderr
    assert warned[0].startswith(f"styles/common/flyer.css:{len(lines) + 2}:3: warning: "), warned
