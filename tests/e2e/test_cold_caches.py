"""What a cold build keeps between builds (charts, glyph coverage, compiled templates) never
changes a byte of an output: built with the caches and without them, the PDFs are the same."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import run_cli

DOC = "water-access-policy-brief"
LOCALES = ("ar", "zh")


@pytest.mark.render
def test_outputs_built_with_and_without_the_caches_are_identical(
        built_sample: Path, workspace_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = workspace_copy / "build" / ".cache"
    assert any((cache / "charts").iterdir())  # the first build stored its charts
    drawn: list[object] = []
    from briefs.render import charts

    monkeypatch.setattr(charts, "chart_svg", lambda spec: drawn.append(spec) or b"")
    args = ["build", DOC, "--force", "-q", "-j", "1", *(f"-l{locale}" for locale in LOCALES)]
    result = run_cli(*args, workspace=workspace_copy)
    assert result.exit_code == 0, result.stderr
    assert drawn == []  # every chart was found, none drawn
    monkeypatch.undo()
    with_caches = {locale: (workspace_copy / "build" / DOC / f"{DOC}.{locale}.pdf").read_bytes()
                   for locale in LOCALES}
    shutil.rmtree(cache)
    result = run_cli(*args, workspace=workspace_copy)
    assert result.exit_code == 0, result.stderr
    for locale in LOCALES:
        name = f"{DOC}/{DOC}.{locale}.pdf"
        without = (workspace_copy / "build" / name).read_bytes()
        assert with_caches[locale] == without == (built_sample / "build" / name).read_bytes()
