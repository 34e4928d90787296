"""The standards' findings kept between builds (render/kept_findings.py): the same bytes get
the same findings without pikepdf; anything that is not findings is not read."""

from __future__ import annotations

import json
from typing import Any

import pikepdf
import pytest

from briefs.core.diagnostics import Problem, SourceSpot
from briefs.render import kept_drawings, kept_findings
from briefs.render.preflight import check_pdf_bytes
from tests.unit.render.test_kept_drawings import MemoryStore

FOUND = (Problem.error("7.1-3", "a figure has no alternative text", hint="add alt",
                       subject="fig", page=2),
         Problem.warning("pdf.fonts", "a font is synthesised"))


def test_findings_are_written_and_read_back_the_same() -> None:
    for problems in (FOUND, ()):
        data = kept_findings.encode(problems)
        assert data is not None and kept_findings.decode(data) == problems


def test_a_finding_at_a_spot_in_a_source_file_is_not_kept() -> None:
    spot = SourceSpot("styles/a.css", 1, 1)
    assert kept_findings.encode((Problem(FOUND[0].severity, "c", "m", at=spot),)) is None


@pytest.mark.parametrize("change", [
    lambda plain: plain[0].update(severity="fatal"),
    lambda plain: plain[0].update(code=7),
    lambda plain: plain[0].update(page=0),
    lambda plain: plain[0].update(page=True),
    lambda plain: plain[0].update(hint=["x"]),
    lambda plain: plain[0].update(extra=1),
    lambda plain: plain[1].pop("subject"),
    lambda plain: plain.append("a problem"),
    lambda plain: plain.extend([plain[1]] * 10_000),
])
def test_what_is_not_findings_is_not_read(change: Any) -> None:
    encoded = kept_findings.encode(FOUND)
    assert encoded is not None
    plain = json.loads(encoded)
    change(plain)
    assert kept_findings.decode(json.dumps(plain).encode()) is None
    assert kept_findings.decode(b"\xff") is None and kept_findings.decode(b"{}") is None


@pytest.fixture(autouse=True)
def _a_builds_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing kept in memory (checked_pdfs.py), as in a build's worker, whatever an earlier
    test switched on in this process."""
    from briefs.render.checked_pdfs import CHECKED

    monkeypatch.setattr(CHECKED, "enabled", False)


@pytest.fixture
def a_pdf() -> bytes:
    import io

    pdf = pikepdf.new()
    pdf.add_blank_page()
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def _checked(data: bytes, store: MemoryStore) -> tuple[list[Problem], dict[str, bytes]]:
    drawings = kept_drawings.RenderDrawings(store)  # type: ignore[arg-type]
    token = kept_drawings._CURRENT.set(drawings)
    try:
        return check_pdf_bytes(data).problems, drawings.made
    finally:
        kept_drawings._CURRENT.reset(token)


def test_the_same_bytes_in_a_later_build_get_the_findings_without_pikepdf(
        a_pdf: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    found, made = _checked(a_pdf, MemoryStore())
    assert found and len(made) == 1  # a blank page breaks rules: found, sent to the build
    assert check_pdf_bytes(a_pdf).problems == found  # as without any store

    def no_parse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("pikepdf opened the PDF")

    monkeypatch.setattr(pikepdf, "open", no_parse)
    again, made_again = _checked(a_pdf, MemoryStore(made))
    assert again == found and made_again == {}


def test_other_bytes_or_unreadable_findings_are_checked_again(a_pdf: bytes) -> None:
    _found, made = _checked(a_pdf, MemoryStore())
    (name, _data), = made.items()
    found, made_again = _checked(a_pdf, MemoryStore({name: b"not findings"}))
    assert found == _found and len(made_again) == 1
    other = a_pdf.replace(b"%PDF-1.3", b"%PDF-1.4")
    assert _checked(other, MemoryStore(made))[1]  # another digest: checked, and sent to keep
