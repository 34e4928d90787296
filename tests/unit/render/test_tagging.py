"""The structure tree briefs writes in place of WeasyPrint's, on small documents: one element
per HTML element across pages, furniture as artifacts, notes, lists, links, languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefs.core.paths import Mounts
from briefs.formats.registry import builtin_checks
from briefs.render.engine import Engine, RenderJob
from briefs.render.preflight import check_pdf
from tests.tagged import TaggedPdf, read_tagged

pytestmark = pytest.mark.render
ENGINE = Engine()
CHECKS = tuple(builtin_checks())
"""The PDF's checks, as a build's job carries them (the engine runs only those it is given)."""
PAGE = "@page { size: A6; margin: 15mm 10mm; }"


def tagged_pdf(tmp_path: Path, body: str, style: str = "") -> TaggedPdf:
    html = (f'<html lang="en"><head><title>T</title><style>{PAGE}{style}</style></head>'
            f"<body>{body}</body></html>")
    result = ENGINE.render(RenderJob(html=html, mounts=Mounts.of(tmp_path), title="t",
                                     options={"pdf_tags": True, "pdf_variant": "pdf/ua-1"},
                                     checks=CHECKS))
    assert result.pdf is not None, result.errors
    path = tmp_path / "out.pdf"
    path.write_bytes(result.pdf)
    assert check_pdf(path).errors == []
    return read_tagged(path)


def roles(document: TaggedPdf) -> list[str]:
    return [tag.role for tag in document.root.walk()][1:]


def test_page_furniture_is_artifacts_and_nothing_is_orphaned(tmp_path: Path) -> None:
    style = ("@page { @top-left { content: 'Running head' } "
             "@bottom-center { content: 'Page ' counter(page) } }")
    document = tagged_pdf(tmp_path, "<p style='break-after: page'>One</p><p>Two</p>", style)
    assert roles(document) == ["Document", "P", "P"]
    kinds = [(page, kind, text) for page, kind, text in document.artifacts if text.strip()]
    assert (0, "/Pagination/Header", "Running head") in kinds
    assert (1, "/Pagination/Footer", "Page 2") in kinds


def test_a_running_element_is_content_once_then_an_artifact(tmp_path: Path) -> None:
    style = "@page { @bottom-center { content: element(foot) } } footer { position: running(foot) }"
    body = ('<footer><a href="https://example.org"><bdi>example.org</bdi></a></footer>'
            "<p style='break-after: page'>One</p><p>Two</p>")
    document = tagged_pdf(tmp_path, body, style)
    last = document.root.kids[0].kids[-1]
    assert last.role == "Div" and document.text(last) == "example.org"
    assert [(p, kind) for p, kind, text in document.artifacts if "example" in text] == [
        (1, "/Pagination/Footer")]
    assert "/Annots" in document.pdf.pages[0] and "/Annots" not in document.pdf.pages[1]


def test_one_annotation_per_link_with_its_text(tmp_path: Path) -> None:
    document = tagged_pdf(tmp_path, '<p>See <a href="https://example.org/x"><bdi>'
                                    '<span>the site</span></bdi></a>.</p>')
    (link,) = document.root.find("Link")
    (annotation,) = link.annotations
    assert str(annotation.Contents) == "the site" == document.text(link)
    assert len(document.pdf.pages[0].Annots) == 1


def test_a_list_across_pages_is_one_list_with_labels(tmp_path: Path) -> None:
    document = tagged_pdf(tmp_path, "<ol><li>First</li><li style='break-before: page'>"
                                    "Second</li></ol><ul><li>Dot</li></ul>")
    numbered, bulleted = document.root.find("L")
    assert numbered.pages() == {0, 1} and str(numbered.obj.A.ListNumbering) == "/Decimal"
    assert [document.text(item.find("Lbl")[0]) for item in numbered.kids] == ["1.", "2."]
    assert [document.text(item.find("LBody")[0]) for item in numbered.kids] == [
        "First", "Second"]
    assert str(bulleted.obj.A.ListNumbering) == "/Disc"


def test_definition_list_terms_are_labels(tmp_path: Path) -> None:
    document = tagged_pdf(tmp_path, "<dl><dt>Date</dt><dd>Today</dd><dt>Place</dt>"
                                    "<dd>Here</dd></dl>")
    (listing,) = document.root.find("L")
    assert [[(kid.role, document.text(kid)) for kid in item.kids] for item in listing.kids] == [
        [("Lbl", "Date"), ("LBody", "Today")], [("Lbl", "Place"), ("LBody", "Here")]]
    assert str(listing.obj.A.ListNumbering) == "/None"


def test_a_hand_drawn_number_can_be_the_label(tmp_path: Path) -> None:
    body = ('<ol style="list-style: none"><li><span data-pdf-tag="Lbl">7</span> Text</li></ol>'
            '<p><span data-pdf-tag="Artifact">~</span>Words</p>')
    document = tagged_pdf(tmp_path, body)
    item = document.root.find("LI")[0]
    assert [(kid.role, document.text(kid)) for kid in item.kids] == [
        ("Lbl", "7"), ("LBody", "Text")]
    assert document.text(document.root.find("P")[0]) == "Words"


def test_a_footnote_is_a_note_right_after_its_call(tmp_path: Path) -> None:
    document = tagged_pdf(tmp_path, "<p>Claim<span style='float: footnote'>Source.</span> "
                                    "and more.</p>")
    (paragraph,) = document.root.find("P")
    assert [kid.role for kid in paragraph.kids] == ["Reference", "Note"]
    note = paragraph.kids[1]
    assert str(note.obj.ID) == "note-1" and document.text(note) == "1. Source."
    assert document.text(paragraph).startswith("Claim1 1. Source. and more.")


def test_languages_and_emphasis(tmp_path: Path) -> None:
    document = tagged_pdf(tmp_path, '<p>Say <span lang="fr">bonjour</span>, <em>now</em> '
                                    '<strong>loud</strong> <span lang="en">again</span>.</p>')
    spans = [(tag.role, str(tag.obj.get("/Lang", "")), document.text(tag))
             for tag in document.root.find("P")[0].kids]
    assert spans == [("Span", "fr", "bonjour"), ("Em", "", "now"), ("Strong", "", "loud")]


def test_decorative_images_are_artifacts_figures_have_alt(tmp_path: Path) -> None:
    svg = ("data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='10' "
           "height='10'%3E%3Crect width='10' height='10'/%3E%3C/svg%3E")
    document = tagged_pdf(tmp_path, f'<img src="{svg}" alt=""><img src="{svg}" alt="A square">')
    (figure,) = document.root.find("Figure")
    assert str(figure.obj.Alt) == "A square" and figure.content


def test_an_image_without_alt_fails_the_output(tmp_path: Path) -> None:
    svg = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='10' height='10'/%3E"
    result = ENGINE.render(RenderJob(
        html=f'<html lang="en"><title>T</title><img src="{svg}">', mounts=Mounts.of(tmp_path),
        title="doc (en)", options={"pdf_tags": True, "pdf_variant": "pdf/ua-1"},
        checks=CHECKS))
    assert result.pdf is None
    assert "doc (en): 7.3-1: page 1: a /Figure has no alternate text (/Alt)" in result.errors


def test_text_in_a_transparency_group_is_reached(tmp_path: Path) -> None:
    """`opacity` makes WeasyPrint draw through a form XObject: the form gets /StructParents
    and its sequences are marked-content references with /Stm."""
    document = tagged_pdf(tmp_path, '<p style="opacity: 0.5">Faint <a href="https://x.org">'
                                    "link</a></p>")
    (paragraph,) = document.root.find("P")
    assert document.text(paragraph) == "Faint link"
    mcr = [kid for kid in paragraph.obj.K if "/Stm" in kid]
    assert mcr and "/StructParents" in mcr[0].Stm


def test_the_same_document_gives_the_same_bytes(tmp_path: Path) -> None:
    html = ('<html lang="en"><title>T</title><p>A <em>b</em><span style="float: footnote">'
            "c</span></p><ul><li>d</li></ul></html>")
    job = RenderJob(html=html, mounts=Mounts.of(tmp_path), title="t",
                    options={"pdf_tags": True, "pdf_variant": "pdf/ua-1"})
    assert ENGINE.render(job).pdf == ENGINE.render(job).pdf


def test_tables_say_which_cells_are_headers(tmp_path: Path) -> None:
    document = tagged_pdf(tmp_path, "<table><caption>Cap</caption><thead><tr><th>A</th>"
                                    "<th colspan='2'>B</th></tr></thead><tbody><tr>"
                                    "<th scope='row'>r</th><td>1</td><td>2</td></tr></tbody>"
                                    "</table>")
    (table,) = document.root.find("Table")
    assert [kid.role for kid in table.kids] == ["Caption", "THead", "TBody"]
    headers = [(str(th.obj.A.Scope), int(th.obj.A.get("/ColSpan", 1)))
               for th in table.find("TH")]
    assert headers == [("/Column", 1), ("/Column", 2), ("/Row", 1)]


def test_an_image_link_is_described_by_its_image(tmp_path: Path) -> None:
    svg = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='10' height='10'/%3E"
    document = tagged_pdf(tmp_path, f'<p><a href="https://x.org"><img src="{svg}" '
                                    'alt="Our logo"></a></p>')
    (link,) = document.root.find("Link")
    assert str(link.annotations[0].Contents) == "Our logo" and link.find("Figure")
