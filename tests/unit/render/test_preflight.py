"""Preflight: checks on any PDF, and the `briefs preflight` command."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefs.render.preflight import check_layout, check_pdf, footnote_problems, synthesised_faces
from tests.conftest import run_cli


def test_sample_outputs_pass(built_sample: Path) -> None:
    pdf = built_sample / "build" / "forum-key-messages" / "forum-key-messages.en.pdf"
    findings = check_pdf(pdf)
    assert findings.errors == [] and findings.warnings == []
    result = run_cli("preflight", str(pdf))
    assert result.exit_code == 0 and "OK: 1 PDF passed preflight." in result.stdout


def test_unembedded_font_and_missing_metadata_are_found(tmp_path: Path) -> None:
    from pypdf import PdfWriter
    from pypdf.generic import DictionaryObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(width=200, height=200)
    font = DictionaryObject({NameObject("/Type"): NameObject("/Font"),
                             NameObject("/Subtype"): NameObject("/TrueType"),
                             NameObject("/BaseFont"): NameObject("/Arial")})
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): DictionaryObject(
        {NameObject("/F1"): writer._add_object(font)})})
    path = tmp_path / "bad.pdf"
    with path.open("wb") as stream:
        writer.write(stream)
    findings = check_pdf(path)
    assert findings.errors == ["font Arial is not embedded"]
    assert "no document title (/Title)" in findings.warnings
    result = run_cli("preflight", str(path))
    assert result.exit_code == 1 and "error: font Arial is not embedded" in result.stderr


def test_not_a_pdf(tmp_path: Path) -> None:
    path = tmp_path / "x.pdf"
    path.write_text("hello")
    assert check_pdf(path).errors[0].startswith("not a readable PDF")


def test_print_ready_needs_bleed(built_sample: Path, workspace_copy: Path) -> None:
    screen = built_sample / "build" / "river-dialogue-flyer" / "river-dialogue-flyer.en.pdf"
    assert check_pdf(screen, print_ready=True).errors == ["page 1: no bleed around the trim box"]
    run_cli("build", "river-dialogue-flyer", "-l", "en", "--profile", "print",
            workspace=workspace_copy)
    folder = workspace_copy / "build" / "river-dialogue-flyer"
    printed = folder / "river-dialogue-flyer.en.print.pdf"
    assert check_pdf(printed, print_ready=True).errors == []
    assert run_cli("preflight", "--print", str(printed)).exit_code == 0


FOOTNOTE_PAGE = """<style>@page {{ size: 100mm 60mm; margin: 5mm }}
html {{ font-size: 10pt; line-height: 1.2 }}
.footnote {{ float: footnote; footnote-policy: auto }}</style>
<div style="height: 30mm"></div>
<p>word word word word<span class="footnote">a note long enough to need lines and lines and
lines and more lines to show all of it and then more</span> more words and words and words
and words.</p>"""


@pytest.mark.render
def test_a_footnote_parted_from_its_call_is_an_error() -> None:
    import weasyprint

    parted = weasyprint.HTML(string=FOOTNOTE_PAGE.format()).render()
    assert footnote_problems(parted) == [
        'footnote 1 ("1. a note long enough to need lines and lines and") is called on '
        "page 1 but printed on page 2; shorten the note or the text before it, or move the "
        "call"]
    assert check_layout(parted, 0).errors == footnote_problems(parted)


@pytest.mark.render
def test_synthesised_faces_are_named() -> None:
    import weasyprint

    regular = "/usr/share/fonts/truetype/noto/NotoSansHebrew-Regular.ttf"
    html = (f"<style>@font-face {{ font-family: X; src: url(file://{regular}) }} "
            "p { font-family: X }</style><p>שלום <em>עולם</em> <strong>טוב</strong></p>")
    document = weasyprint.HTML(string=html).render()
    document.write_pdf()
    assert synthesised_faces(document.fonts.values()) == [
        "X (bold thickened from a face of weight 400)",
        "X (italic slanted from the upright face)"]
