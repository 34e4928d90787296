"""The screen PDFs validate: pdfua (PyPI) finds nothing in any document or locale, and the
structure tree reads as the document does (walked here with pikepdf and pypdf)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pikepdf
import pytest

from briefs.render.preflight import check_pdf
from tests.tagged import Tag, TaggedPdf, read_tagged

BRIEF = "forum-key-messages"
FLYER = "river-dialogue-flyer"
SHEET = "urban-water-fact-sheet"
LOCALES = ("en", "fr", "es", "ru", "zh", "ar")


def screen_pdfs(root: Path) -> list[Path]:
    return sorted(path for path in (root / "build").glob("*/*.pdf")
                  if path.name.count(".") == 2)


def test_pdfua_finds_nothing_in_any_screen_pdf(built_sample: Path,
                                               pdfua_validate: Callable[[str], Any]) -> None:
    pdfs = screen_pdfs(built_sample)
    documents = sum(1 for folder in (built_sample / "content").iterdir() if folder.is_dir())
    assert len(pdfs) == documents * len(LOCALES)
    for pdf in pdfs:
        report = pdfua_validate(str(pdf))
        found = [f"{f.rule_id} {f.location.describe()}: {f.message}" for f in report.findings]
        skipped = [f"{o.rule_id}: {o.skipped_reason}" for o in report.outcomes
                   if o.skipped_reason]
        assert found == [] and skipped == [], pdf.name


def test_structure_checks_pass_on_every_screen_pdf(built_sample: Path) -> None:
    for pdf in screen_pdfs(built_sample):
        findings = check_pdf(pdf)
        assert findings.errors == [] and findings.warnings == [], pdf.name


def tagged(root: Path, doc: str, locale: str) -> TaggedPdf:
    return read_tagged(root / "build" / doc / f"{doc}.{locale}.pdf")


def marked_content(pdf: Any) -> set[tuple[int, int]]:
    """Every MCID on every page's content stream."""
    found = set()
    for index, page in enumerate(pdf.pages):
        for instruction in pikepdf.parse_content_stream(page):
            operands = getattr(instruction, "operands", [])
            if str(getattr(instruction, "operator", "")) == "BDC" and isinstance(
                    operands[1], pikepdf.Dictionary) and "/MCID" in operands[1]:
                found.add((index, int(operands[1].MCID)))
    return found


@pytest.mark.parametrize("doc", [BRIEF, FLYER, SHEET])
def test_nothing_is_orphaned(built_sample: Path, doc: str) -> None:
    """Every marked-content sequence belongs to exactly one element reached from the root,
    and every element the parent tree names is in the tree."""
    for locale in ("en", "ar"):
        document = tagged(built_sample, doc, locale)
        owned = [ref for tag in document.root.walk() for ref in tag.content]
        assert len(owned) == len(set(owned))
        assert set(owned) == marked_content(document.pdf)
        in_tree = {tag.obj.objgen for tag in document.root.walk()}
        nums = document.pdf.Root.StructTreeRoot.ParentTree.Nums
        named = [item for value in list(nums)[1::2]
                 for item in (value if isinstance(value, pikepdf.Array) else [value])]
        assert named and all(item.objgen in in_tree for item in named)


def test_running_headers_and_page_numbers_are_pagination_artifacts(built_sample: Path) -> None:
    document = tagged(built_sample, BRIEF, "en")
    pages = len(document.pdf.pages)
    for page in range(1, pages - 1):  # the inner pages; the covers have none
        headers = " ".join(t for p, kind, t in document.artifacts
                           if p == page and kind == "/Pagination/Header")
        footers = " ".join(t for p, kind, t in document.artifacts
                           if p == page and kind == "/Pagination/Footer")
        assert "Third International Forum" in headers and "Key messages" in headers
        assert f"Page {page + 1} of {pages}" in footers
    everything = document.text(document.root)
    assert "Page 2 of" not in everything


def test_a_running_footer_is_read_once_at_the_end(built_sample: Path) -> None:
    """The flyer's footer (partner logos, website) is content, read after the flyer; the
    fact sheet shows its footer again on page 2, as an artifact without a link."""
    flyer = tagged(built_sample, FLYER, "en")
    document = flyer.root.kids[0]
    footer = document.kids[-1]
    assert [figure.obj.Alt for figure in footer.find("Figure")] == [
        "Lenbrook District Water Board", "Centre for Floodplain Ecology"]
    assert [flyer.text(link) for link in footer.find("Link")] == ["www.riverlands.example.org"]
    sheet = tagged(built_sample, SHEET, "en")
    repeated = [text for page, kind, text in sheet.artifacts
                if page == 1 and kind == "/Pagination/Footer"]
    assert any("civichabitat.example" in text for text in repeated)
    uris = [str(a.A.URI) for a in sheet.pdf.pages[1].get("/Annots", [])]
    assert not any("civichabitat.example" in uri and "mailto" not in uri for uri in uris)


@pytest.mark.parametrize("doc", [BRIEF, FLYER, SHEET])
def test_one_annotation_per_link_inside_its_link_element(built_sample: Path, doc: str) -> None:
    document = tagged(built_sample, doc, "en")
    links = document.root.find("Link")
    held = [annotation.objgen for link in links for annotation in link.annotations]
    assert len(held) == len(set(held))
    on_pages = [a for page in document.pdf.pages for a in page.get("/Annots", [])]
    assert sorted(a.objgen for a in on_pages) == sorted(held)
    for link in links:
        for annotation in link.annotations:
            # as written: a URL broken across two lines reads without the line break
            assert "".join(str(annotation.Contents).split()) == \
                "".join(document.text(link).split())
            assert document.pdf.Root.StructTreeRoot.ParentTree.Nums[
                2 * int(annotation.StructParent) + 1].objgen == link.obj.objgen


def test_back_cover_websites_and_handles_are_links(built_sample: Path) -> None:
    document = tagged(built_sample, BRIEF, "en")
    back = document.pdf.pages[len(document.pdf.pages) - 1]
    uris = [str(annotation.A.URI) for annotation in back.Annots]
    assert {"https://www.civichabitat.example", "https://x.com/CivicHabitat",
            "https://www.instagram.com/civichabitat", "https://www.youtube.com/@civichabitat",
            "https://www.territories-platform.example", "https://x.com/URTerritories",
            "mailto:territories@civichabitat.example"} <= set(uris)


def test_footnotes_are_notes_right_after_their_call(built_sample: Path) -> None:
    document = tagged(built_sample, BRIEF, "en")
    notes = document.root.find("Note")
    assert notes
    identifiers = [str(note.obj.ID) for note in notes]
    assert len(set(identifiers)) == len(identifiers)
    id_tree = list(document.pdf.Root.StructTreeRoot.IDTree.Names)
    assert [str(name) for name in id_tree[::2]] == sorted(identifiers)
    for number, note in enumerate(notes, 1):
        assert note.parent is not None
        siblings = note.parent.kids
        call = siblings[siblings.index(note) - 1]
        assert call.role == "Reference" and document.text(call) == str(number)
        assert document.text(note.find("Lbl")[0]) == f"{number}."
    assert document.text(notes[0]).startswith("1. Agreements under which water users")


def outline(pdf: Any) -> list[tuple[str, list[str]]]:
    entries, item = [], pdf.Root.Outlines.First
    while True:
        kids, kid = [], item.get("/First")
        while kid is not None:
            kids.append(str(kid.Title))
            kid = kid.get("/Next")
        entries.append((str(item.Title), kids))
        if "/Next" not in item:
            return entries
        item = item.Next


def test_the_title_is_the_h1(built_sample: Path) -> None:
    brief = tagged(built_sample, BRIEF, "en")
    assert [brief.text(h) for h in brief.root.find("H1")] == [
        "Third International Forum on Urban–Rural Linkages"]
    assert outline(brief.pdf) == [("Third International Forum on Urban–Rural Linkages",
                                   ["Introduction", "Key messages"])]
    flyer = tagged(built_sample, FLYER, "en")
    assert len(flyer.root.find("H1")) == 1


def test_key_messages_are_one_numbered_list_with_labels(built_sample: Path) -> None:
    import yaml

    content = built_sample / "content" / BRIEF / "en.yaml"
    count = len(yaml.safe_load(content.read_text(encoding="utf-8"))["messages"])
    from briefs.content.config import load_workspace
    from briefs.pipeline.session import BuildSession

    session = BuildSession(load_workspace(built_sample))
    for locale in LOCALES:
        fmt = session.locale_format(locale)  # Arabic numbers its messages ١, ٢, ٣
        document = tagged(built_sample, BRIEF, locale)
        numbered = [tag for tag in document.root.find("L")
                    if str(tag.obj.A.ListNumbering) == "/Decimal"]
        assert len(numbered) == 1, locale
        messages = numbered[0]
        marks = dict.fromkeys(map(ord, "\u200e\u200f\u061c"))  # invisible (edge_spaces.py)
        labels = [document.text(item.find("Lbl")[0]).translate(marks).strip()
                  for item in messages.kids if item.find("Lbl")]
        assert labels == [fmt.number(number) for number in range(1, count + 1)], locale
        assert len(messages.pages()) >= 2  # one list across its pages
        assert all(item.role == "LI" for item in messages.kids)


def test_every_list_says_how_it_is_numbered(built_sample: Path) -> None:
    for doc in (BRIEF, FLYER, SHEET):
        document = tagged(built_sample, doc, "en")
        for element in document.root.find("L"):
            assert str(element.obj.A.O) == "/List"
            assert str(element.obj.A.ListNumbering) in ("/Decimal", "/Disc", "/None")
    facts = [tag for tag in tagged(built_sample, FLYER, "en").root.find("L")
             if tag.kids and tag.kids[0].find("Lbl")]
    assert facts  # the flyer's <dl>: each term a label, each definition a body


def test_a_phrase_in_another_language_has_its_lang(built_sample: Path) -> None:
    document = tagged(built_sample, BRIEF, "ar")
    spans = [tag for tag in document.root.walk() if "/Lang" in tag.obj
             and tag.role != "Document"]
    assert [(str(tag.obj.Lang), tag.role, document.text(tag)) for tag in spans] == [
        ("en", "Span", "Civic Habitat Network")]


def test_emphasis_is_em_in_every_script(built_sample: Path) -> None:
    for locale in LOCALES:
        document = tagged(built_sample, BRIEF, locale)
        assert document.root.find("Em") or document.root.find("Strong"), locale
        role_map = document.pdf.Root.StructTreeRoot.RoleMap
        assert str(role_map.Em) == "/Span" and str(role_map.Strong) == "/Span"


def test_figures_have_alt_text_and_decoration_is_not_tagged(built_sample: Path) -> None:
    document = tagged(built_sample, BRIEF, "en")
    figures: list[Tag] = document.root.find("Figure")
    assert len(figures) == 7 and all(str(figure.obj.Alt) for figure in figures)
