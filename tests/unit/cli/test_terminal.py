"""The terminal: global options anywhere, quiet broken pipes, init templates, completion,
doctor, and documents that declare their own locales (no rendering here)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefs.cli import cli
from briefs.scaffold.new_workspace import eject_assets
from tests.conftest import run_cli


def test_global_options_work_after_the_command(small: Path, tmp_path: Path) -> None:
    before = CliRunner().invoke(cli, ["-w", str(small), "list", "--json"])
    after = CliRunner().invoke(cli, ["list", "--json", "-w", str(small)])
    long = CliRunner().invoke(cli, ["i18n", "status", "--workspace", str(small), "--debug"])
    assert before.exit_code == after.exit_code == long.exit_code == 0, after.output
    assert json.loads(before.stdout) == json.loads(after.stdout)
    assert [row["doc"] for row in json.loads(after.stdout)] == ["first-brief", "first-flyer"]
    # the one after the command wins
    elsewhere = CliRunner().invoke(cli, ["-w", str(tmp_path), "list", "-w", str(small)])
    assert elsewhere.exit_code == 0 and "first-brief" in elsewhere.stdout


def test_a_closed_pipe_ends_quietly(small: Path) -> None:
    """`briefs list | head -1`: the reader is gone before briefs writes."""
    read, write = os.pipe()
    os.close(read)
    try:
        result = subprocess.run([sys.executable, "-m", "briefs", "list", "-w", str(small)],
                                stdout=write, stderr=subprocess.PIPE, text=True, timeout=60)
    finally:
        os.close(write)
    assert result.returncode in (0, 1)
    assert result.stderr == ""


def test_head_reads_the_first_line_without_an_error(small: Path) -> None:
    shell = f"{sys.executable} -m briefs list -w {small} | head -1"
    result = subprocess.run(["bash", "-o", "pipefail", "-c", shell], capture_output=True,
                            text=True, timeout=60)
    assert result.stdout.startswith("first-brief") and "error" not in result.stderr


@pytest.mark.parametrize(("args", "docs"), [
    ((), ["first-brief", "first-flyer"]),
    (("--template", "full"), ["forum-key-messages", "river-dialogue-flyer",
                              "urban-water-fact-sheet", "water-access-policy-brief"]),
    (("--blank",), []),
])
def test_init_templates_and_next_steps(tmp_path: Path, args: tuple[str, ...],
                                       docs: list[str]) -> None:
    target = tmp_path / "new"
    result = run_cli("init", str(target), *args, "--eject")
    assert result.exit_code == 0, result.stderr
    assert f"Created a workspace in {target}." in result.stdout
    assert f"Next: `cd {target}`" in result.stdout and "cd ." not in result.stdout
    assert sorted(p.name for p in (target / "content").iterdir()) == docs
    assert (target / "templates" / "flyer.html.j2").is_file()  # --eject with every template
    assert eject_assets(target) == []
    listed = run_cli("list", "--json", workspace=target)
    assert [row["doc"] for row in json.loads(listed.stdout)] == docs


def test_init_in_this_folder_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli("init")
    assert result.exit_code == 0, result.stderr
    assert "Created a workspace in this folder." in result.stdout
    assert "Next: `briefs build`" in result.stdout
    again = run_cli("init")
    assert again.exit_code == 1 and "already holds a workspace" in again.stderr


def test_init_where_it_cannot_write_is_exit_1_in_plain_words(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    result = run_cli("init", str(tmp_path / "notes.txt" / "team"))
    assert result.exit_code == 1, result.stderr
    assert "error: cannot create a workspace in " in result.stderr
    assert "Not a directory" in result.stderr and "internal error" not in result.stderr


def complete(args: str, small: Path) -> list[str]:
    env = {**os.environ, "_BRIEFS_COMPLETE": "bash_complete", "COMP_WORDS": f"briefs {args}",
           "COMP_CWORD": str(len(args.split(" ")))}
    result = subprocess.run([sys.executable, "-m", "briefs"], env=env, cwd=small,
                            capture_output=True, text=True, timeout=60)
    return [line.split(",", 1)[1] for line in result.stdout.splitlines()]


def test_shell_completion_of_documents_and_locales(small: Path) -> None:
    assert complete("build first-f", small) == ["first-flyer"]
    assert complete("build ", small) == ["first-brief", "first-flyer"]
    assert complete("check -l ", small) == ["en", "fr"]
    script = subprocess.run([sys.executable, "-m", "briefs"], capture_output=True, text=True,
                            env={**os.environ, "_BRIEFS_COMPLETE": "bash_source"}, timeout=60)
    assert "complete" in script.stdout and "_BRIEFS_COMPLETE" in script.stdout


def test_doctor_reports_versions_and_each_locale(small: Path) -> None:
    result = run_cli("doctor", workspace=small)
    assert result.exit_code == 0, result.stdout
    for word in ("Python 3.", "WeasyPrint ", "Pango 1.", "libharfbuzz-subset"):
        assert word in result.stdout
    assert "en     Latn  team: Team Sans (bundled)" in result.stdout
    assert "Everything a build needs is here." in result.stdout


def test_doctor_fails_when_a_script_has_no_font(small: Path) -> None:
    config = small / "briefs.yaml"
    config.write_text(config.read_text().replace("locales: [en, fr]", "locales: [en, fr, zh]"))
    result = run_cli("doctor", workspace=small)
    assert result.exit_code == 1
    assert "zh     Hans  team" in result.stdout
    assert "sudo apt-get install fonts-noto-cjk" in result.stdout
    assert "1 problem: a build would fail." in result.stdout


def test_doctor_names_the_package_of_a_missing_installed_font(small: Path) -> None:
    brand = small / "styles/team/brand.yaml"
    brand.write_text(brand.read_text().replace(
        "  # For Arabic", "  - {family: X, system: No Such Font Sans, package: fonts-nosuch}\n"
                        "  # For Arabic"))
    result = run_cli("doctor", workspace=small)
    assert result.exit_code == 1
    assert 'the font "No Such Font Sans" is not installed' in result.stdout
    assert "fonts-nosuch" in result.stdout


def test_a_document_can_list_its_own_locales(small: Path) -> None:
    (small / "content/first-flyer/fr.yaml").unlink()
    status = run_cli("check", workspace=small)
    assert status.exit_code == 0
    assert 'document "first-flyer" has no fr.yaml yet' in status.stderr
    settings = small / "content/first-flyer/document.yaml"
    settings.write_text(settings.read_text() + "locales: [en]\n")
    quiet = run_cli("check", workspace=small)
    assert quiet.exit_code == 0 and quiet.stderr == "", quiet.stderr
    assert "OK: 3 outputs checked." in quiet.stdout
    rows = {row["doc"]: row for row in json.loads(run_cli("list", "--json",
                                                          workspace=small).stdout)}
    assert rows["first-flyer"]["locales"]["fr"] == {"state": "not made in"}
    statuses = json.loads(run_cli("i18n", "status", "--json", workspace=small).stdout)
    assert [(row["doc"], row["locale"]) for row in statuses] == [("first-brief", "fr")]


def test_untranslated_locales_are_one_line_per_document(small: Path) -> None:
    config = small / "briefs.yaml"
    config.write_text(config.read_text().replace("[en, fr]", "[en, fr, es, de, it]"))
    result = run_cli("check", workspace=small)
    warnings = [line for line in result.stderr.splitlines() if "warning:" in line]
    assert len(warnings) == 2, result.stderr
    assert 'document "first-brief" has no es.yaml, de.yaml, it.yaml yet' in warnings[0]


def test_a_document_locale_must_be_a_workspace_locale(small: Path) -> None:
    settings = small / "content/first-flyer/document.yaml"
    settings.write_text(settings.read_text() + "locales: [en, de]\n")
    result = run_cli("check", workspace=small)
    assert result.exit_code == 1
    assert 'content/first-flyer/document.yaml:18:15: error: ' in result.stderr
    assert 'locales: "de" is not in briefs.yaml locales (en, fr)' in result.stderr


def test_bare_briefs_shows_the_help_and_exits_0() -> None:
    result = subprocess.run([sys.executable, "-m", "briefs"], capture_output=True, text=True,
                            timeout=60, env={**os.environ, "NO_COLOR": "1"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Usage: briefs [OPTIONS] [COMMAND] [ARGS]...")
    assert "  build " in result.stdout and result.stderr == ""


@pytest.mark.parametrize(("env", "coloured"), [
    ({"FORCE_COLOR": "1"}, True),
    ({"FORCE_COLOR": "0"}, False),
    ({}, False),
    ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
])
def test_force_color_colours_a_pipe(small: Path, env: dict[str, str], coloured: bool) -> None:
    config = small / "briefs.yaml"
    config.write_text(config.read_text().replace("locales: [en, fr]", "locales: [en, sp]"))
    base = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    result = subprocess.run([sys.executable, "-m", "briefs", "check", "-w", str(small)],
                            capture_output=True, text=True, timeout=60, env={**base, **env})
    assert result.returncode == 1
    assert ("\x1b[31m" in result.stderr) is coloured, result.stderr
    assert 'did you mean "es" (Spanish)?' in result.stderr
