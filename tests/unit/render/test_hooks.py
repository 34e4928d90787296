"""The WeasyPrint pin: the installed release is within it and has every private hook."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefs.render import hooks

REPO = Path(__file__).resolve().parents[3]


def test_pyproject_pins_the_supported_range() -> None:
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r'"weasyprint(.*?)"', pyproject).group(1) == hooks.SUPPORTED  # type: ignore[union-attr]


@pytest.mark.parametrize(("found", "ok"), [("70.0", True), ("70.2", True), ("71.0", False),
                                            ("66.0", False), ("71.0b1", False),
                                            (None, False), ("not a version", False)])
def test_versions_outside_the_range_are_not_supported(found: str | None, ok: bool) -> None:
    assert hooks.supported(found) is ok


def test_the_installed_weasyprint_has_every_hook() -> None:
    assert hooks.supported(hooks.installed_version())
    assert hooks.missing_hooks() == []


def test_a_missing_hook_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hooks, "MODULE_HOOKS", (*hooks.MODULE_HOOKS,
                                                ("weasyprint.pdf.tags", "_gone")))
    assert hooks.missing_hooks() == ["weasyprint.pdf.tags._gone"]
