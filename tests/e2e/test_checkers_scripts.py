"""Every PDF of the more-scripts workspace (he, hi, ja, ko, th, fa, el and its English source)
under the independent checkers the sample passes (tests/e2e/test_checkers.py): page-validation
`ua1`, pdfua, pdfcpu strict (one run for all files), qpdf, and `briefs preflight`.

The sample's six locales never drew a glyph WeasyPrint maps to nothing; Hindi and Thai do
(render/tagging/cmap_values.py), and page-validation called their ToUnicode CMaps malformed
while no test looked.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from briefs.render.preflight import check_pdf
from tests.checkers import page_validation, pdfcpu_available, pdfcpu_strict, qpdf_check

LOCALES = {"en", "he", "hi", "ja", "ko", "th", "fa", "el"}


@pytest.fixture(scope="module")
def checked_scripts(built_scripts: Path, pdfua_validate_module: Callable[[str], Any]) -> dict[
        str, list[str]]:
    """What each checker found in each PDF of the workspace, once for the module."""
    files = sorted((built_scripts / "build").glob("*/*.pdf"))
    by_pdfcpu = pdfcpu_strict(files) if pdfcpu_available() else {}
    found: dict[str, list[str]] = {}
    for path in files:
        problems = [f"qpdf: {line}" for line in qpdf_check(path)]
        problems += [f"pdfcpu: {line}" for line in by_pdfcpu.get(path, [])]
        problems += [f"page-validation ua1: {line}" for line in page_validation(path, "ua1")]
        report = pdfua_validate_module(str(path))
        problems += [f"pdfua: {f.rule_id}: {f.message}" for f in report.findings]
        findings = check_pdf(path)
        problems += [f"preflight: {line}" for line in findings.errors + findings.warnings]
        found[path.name] = problems
    return found


def test_every_script_is_checked(checked_scripts: dict[str, list[str]]) -> None:
    assert {name.split(".")[-2] for name in checked_scripts} == LOCALES
    assert pdfcpu_available(), "run `make setup` (npm ci in tests/tools)"


def test_every_script_is_clean_under_every_checker(checked_scripts: dict[str, list[str]]) -> None:
    dirty = {name: problems for name, problems in checked_scripts.items() if problems}
    assert dirty == {}
