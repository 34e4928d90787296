"""Preflight: checks on any PDF, and the `briefs preflight` command."""

from __future__ import annotations

from pathlib import Path

from briefs.render.preflight import check_pdf
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
