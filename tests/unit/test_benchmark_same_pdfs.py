"""benchmarks.same_pdfs: the workspaces it builds, and what counts as a difference."""

from __future__ import annotations

from pathlib import Path

from benchmarks.same_pdfs import differences, make_workspaces


def test_a_pdf_made_by_one_side_only_or_with_other_bytes_differs() -> None:
    this = {"a.pdf": "1", "b.pdf": "2", "c.pdf": "3"}
    baseline = {"a.pdf": "1", "b.pdf": "9", "d.pdf": "4"}
    assert differences(this, baseline) == ["b.pdf", "c.pdf", "d.pdf"]
    assert differences(this, dict(this)) == []


def test_the_three_workspaces_hold_the_sample_the_scripts_and_the_real_documents(
        tmp_path: Path) -> None:
    sample, scripts, examples = make_workspaces(tmp_path)
    assert len(list((sample / "content").iterdir())) == 4
    assert any(scripts.rglob("he.yaml")) and any(scripts.rglob("th.yaml"))
    assert {p.name for p in (examples / "content").iterdir()} >= {
        "wetland-dialogue-flyer", "edge-forum-brief"}
