"""What the standards' checks found in a PDF, kept by its digest for the next check of the same
bytes in the process (render/checked_pdfs.py, preflight.check_pdf_bytes)."""

from __future__ import annotations

import io
from typing import Any

import pikepdf
import pytest

from briefs.core.diagnostics import Problem
from briefs.render import preflight
from briefs.render.checked_pdfs import CHECKED, CheckedPdfs


def _pdf(title: str | None) -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    if title is not None:
        pdf.docinfo["/Title"] = title
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times pikepdf opened a file (each a check made afresh)."""
    count: list[int] = []
    real = pikepdf.open

    def counted(*args: Any, **kwargs: Any) -> Any:
        count.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(pikepdf, "open", counted)
    monkeypatch.setattr(CHECKED, "enabled", True)  # as in a long-lived renderer's worker
    CHECKED.clear()
    yield count
    CHECKED.clear()


def test_the_same_bytes_checked_again_give_the_same_findings_unopened(
        opened: list[int]) -> None:
    data = _pdf(None)
    first = preflight.check_pdf_bytes(data)
    assert "pdf.title" in {problem.code for problem in first.problems} and len(opened) == 1
    again = preflight.check_pdf_bytes(data)
    assert len(opened) == 1  # not opened again
    assert (again.errors, again.warnings, again.problems) == \
        (first.errors, first.warnings, first.problems)
    again.problems.clear()  # the caller's own lists: the kept findings stay
    assert preflight.check_pdf_bytes(data).problems == first.problems


def test_other_bytes_are_checked_afresh(opened: list[int]) -> None:
    untitled, titled = preflight.check_pdf_bytes(_pdf(None)), preflight.check_pdf_bytes(
        _pdf("A title"))
    assert len(opened) == 2
    assert "pdf.title" in {p.code for p in untitled.problems}
    assert "pdf.title" not in {p.code for p in titled.problems}


def test_an_unreadable_pdf_is_not_kept(opened: list[int]) -> None:
    for _ in range(2):
        with pytest.raises(pikepdf.PdfError):
            preflight.check_pdf_bytes(b"%PDF-1.7 not really")
    assert len(opened) == 2


def test_a_process_that_renders_each_output_once_keeps_nothing(opened: list[int]) -> None:
    CHECKED.enabled = False  # the fixture puts it back
    data = _pdf(None)
    preflight.check_pdf_bytes(data)
    preflight.check_pdf_bytes(data)
    assert len(opened) == 2


def test_the_kept_findings_are_bounded() -> None:
    kept = CheckedPdfs(limit=2)
    problem = Problem.warning("pdf.title", "no document title (/Title)")
    for digest in (b"a", b"b"):
        kept.put(digest, (problem,))
    assert kept.get(b"a") == (problem,)  # now the most recently used
    kept.put(b"c", ())
    assert kept.get(b"b") is None and kept.get(b"a") == (problem,) and kept.get(b"c") == ()
