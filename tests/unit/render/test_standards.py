"""The rule-by-rule checks `briefs preflight` runs: a good tagged PDF passes, and each fault
the issue found (and a few more) fails with its veraPDF rule id."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pikepdf
import pytest

from briefs.core.paths import Mounts
from briefs.formats.registry import builtin_checks
from briefs.render.engine import Engine, RenderJob
from briefs.render.preflight import check_pdf
from tests.conftest import run_cli

pytestmark = pytest.mark.render
SVG = ("data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='10' height='10'%3E"
       "%3Crect width='10' height='10'/%3E%3C/svg%3E")
HTML = (
    '<html lang="en"><head><title>Good</title><style>@page { size: A6 }</style></head><body>'
    "<h1>Title</h1><h2>Part</h2><p>Text<span style='float: footnote'>Note.</span> and "
    '<a href="https://example.org">a link</a>.</p>'
    f'<img src="{SVG}" alt="A square"><ul><li>One</li><li>Two</li></ul></body></html>')


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("good")
    result = Engine().render(RenderJob(html=HTML, mounts=Mounts.of(root), title="t",
                                       options={"pdf_tags": True, "pdf_variant": "pdf/ua-1"},
                                       checks=tuple(builtin_checks())))
    assert result.pdf is not None, result.errors
    path = root / "good.pdf"
    path.write_bytes(result.pdf)
    return path


def broken(good: Path, tmp_path: Path, change: Callable[[Any], None]) -> list[str]:
    """The errors preflight finds once `change` has been made to the good PDF."""
    with pikepdf.open(good) as pdf:
        change(pdf)
        path = tmp_path / "broken.pdf"
        pdf.save(path)
    return check_pdf(path).errors


def elements(pdf: Any, role: str) -> list[Any]:
    found, stack = [], [pdf.Root.StructTreeRoot]
    while stack:
        node = stack.pop()
        kids = node.get("/K")
        for kid in (kids if isinstance(kids, pikepdf.Array) else [kids] if kids else []):
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/StructElem":
                if str(kid.S) == f"/{role}":
                    found.append(kid)
                stack.append(kid)
    return found


def test_the_good_pdf_passes(good: Path) -> None:
    findings = check_pdf(good)
    assert findings.errors == [] and findings.warnings == []


def detach(pdf: Any, role: str) -> None:
    element = elements(pdf, role)[0]
    parent = element.P
    parent.K = pikepdf.Array([kid for kid in parent.K if not (
        isinstance(kid, pikepdf.Dictionary) and kid.objgen == element.objgen)])


def test_an_orphaned_element_and_its_content(good: Path, tmp_path: Path) -> None:
    errors = broken(good, tmp_path, lambda pdf: detach(pdf, "H2"))
    assert any(e.startswith("briefs:orphan: page 1: marked content MCID") for e in errors)
    assert any("elements in the parent tree are not reached" in e for e in errors)


def test_a_link_annotation_outside_a_link(good: Path, tmp_path: Path) -> None:
    def change(pdf: Any) -> None:
        link = elements(pdf, "Link")[0]
        link.S = pikepdf.Name("/NonStruct")
    assert "7.18.5-1: page 1: a link annotation is not inside a /Link element" in broken(
        good, tmp_path, change)


def test_two_annotations_on_one_link_area(good: Path, tmp_path: Path) -> None:
    def change(pdf: Any) -> None:
        page = pdf.pages[0]
        copy = pdf.make_indirect(pikepdf.Dictionary(page.Annots[0]))
        del copy["/StructParent"]
        page.Annots.append(copy)
    errors = broken(good, tmp_path, change)
    assert "briefs:link-area: page 1: two link annotations cover one link area" in errors
    assert "7.18.5-1: page 1: a link annotation is not inside a /Link element" in errors


def test_a_note_without_id_a_figure_without_alt(good: Path, tmp_path: Path) -> None:
    def change(pdf: Any) -> None:
        del elements(pdf, "Note")[0]["/ID"]
        del elements(pdf, "Figure")[0]["/Alt"]
    errors = broken(good, tmp_path, change)
    assert "7.9-1: page 1: a /Note has no /ID" in errors
    assert "7.3-1: page 1: a /Figure has no alternate text (/Alt)" in errors


def test_list_items_outside_a_list(good: Path, tmp_path: Path) -> None:
    def change(pdf: Any) -> None:
        elements(pdf, "L")[0].S = pikepdf.Name("/Div")
    errors = broken(good, tmp_path, change)
    assert "7.2-17: page 1: /LI is inside /Div" in errors


def test_headings_that_skip_a_level(good: Path, tmp_path: Path) -> None:
    def change(pdf: Any) -> None:
        elements(pdf, "H2")[0].S = pikepdf.Name("/H3")
    assert "7.4.2-1: page 1: /H3 follows /H1; headings go at most H2" in broken(
        good, tmp_path, change)


def test_unmapped_and_remapped_types(good: Path, tmp_path: Path) -> None:
    def change(pdf: Any) -> None:
        elements(pdf, "H2")[0].S = pikepdf.Name("/Subtitle")
        pdf.Root.StructTreeRoot.RoleMap.P = pikepdf.Name("/Span")
    errors = broken(good, tmp_path, change)
    assert "7.1-5: page 1: the structure type /Subtitle is not mapped to a standard type in " \
           "the RoleMap" in errors
    assert "7.1-7: the standard type /P is remapped to /Span" in errors


def test_untagged_text_and_artifacts_in_tagged_content(good: Path, tmp_path: Path) -> None:
    def change(pdf: Any) -> None:
        page = pdf.pages[0]
        page.contents_add(pdf.make_stream(
            b"BT (loose) Tj ET /P <</MCID 99>> BDC /Artifact BMC 0 0 1 1 re f EMC EMC"))
    errors = broken(good, tmp_path, change)
    assert "7.1-3: page 1: 1 painting operators are neither tagged nor marked as " \
           "artifacts" in errors
    assert "7.1-1: page 1: an artifact is marked inside tagged content" in errors
    assert "briefs:orphan: page 1: marked content MCID 99 has no parent in the structure " \
           "tree" in errors


def test_every_painting_operator_counted_among_skipped_ones(good: Path, tmp_path: Path) -> None:
    """The content walk reads only the operators it needs (content_rules.WALKED): an inline
    image, a shading, a `'` and a `"` drawn untagged, among operators it skips (text state,
    colours, a path built and not painted), are each counted; inside an artifact, none."""
    def change(pdf: Any) -> None:
        page = pdf.pages[0]
        page.contents_add(pdf.make_stream(
            b"q 1 0 0 1 5 5 cm 0.5 g /F1 9 Tf BI /W 1 /H 1 /BPC 8 /CS /G ID \x80 EI "
            b"/Sh1 sh BT 12 TL (a) ' 1 2 (b) \" ET 0 0 m 1 1 l n Q "
            b"/Artifact BMC BI /W 1 /H 1 /BPC 8 /CS /G ID \x80 EI /Sh1 sh EMC"))
    errors = broken(good, tmp_path, change)
    assert "7.1-3: page 1: 4 painting operators are neither tagged nor marked as " \
           "artifacts" in errors


def test_pdf_ua_identification_and_catalog(good: Path, tmp_path: Path) -> None:
    def change(pdf: Any) -> None:
        pdf.Root.ViewerPreferences.DisplayDocTitle = False
        pdf.Root.MarkInfo.Marked = False
        del pdf.Root["/Lang"]
    errors = broken(good, tmp_path, change)
    assert {"6.2-1: the catalog has no /MarkInfo with /Marked true",
            "7.1-10: /ViewerPreferences has no /DisplayDocTitle true",
            "7.2-34: the catalog has no /Lang, so the language of the text is unknown"} <= set(
        errors)


def test_a_form_with_marked_content_and_no_parent(good: Path, tmp_path: Path) -> None:
    def change(pdf: Any) -> None:
        form = pdf.make_stream(b"/Span <</MCID 0>> BDC 0 0 1 1 re f EMC", Type=pikepdf.Name.XObject,
                               Subtype=pikepdf.Name.Form, BBox=[0, 0, 1, 1])
        page = pdf.pages[0]
        page.Resources.XObject = pikepdf.Dictionary(Fx=form)
        page.contents_add(pdf.make_stream(b"/Fx Do"))
    errors = broken(good, tmp_path, change)
    assert any(e.startswith("briefs:form-parent: page 1: the form XObject") for e in errors)


def test_preflight_command_fails_where_the_checks_fail(good: Path, tmp_path: Path) -> None:
    errors = broken(good, tmp_path, lambda pdf: detach(pdf, "H2"))
    assert errors
    result = run_cli("preflight", str(tmp_path / "broken.pdf"))
    assert result.exit_code == 1 and "briefs:orphan" in result.stderr
    assert run_cli("preflight", str(good)).exit_code == 0


def test_a_malformed_pdf_is_reported_not_crashed_on(good: Path, tmp_path: Path) -> None:
    """A PDF from anywhere: odd kids in the tree, a parent tree that is no number tree, a
    link whose rectangle is a string. Each group of rules reports what it found."""
    def change(pdf: Any) -> None:
        page = pdf.pages[0]
        page.Annots.append(pdf.make_indirect(pikepdf.Dictionary(page.Annots[0])))
        page.Annots[1].Rect = pikepdf.String("nowhere")
        elements(pdf, "P")[0].K = pikepdf.Array([pikepdf.String("?"), pikepdf.Name("/X")])
        pdf.Root.StructTreeRoot.ParentTree = pikepdf.Array([1, 2])
    errors = broken(good, tmp_path, change)
    assert errors[0] == "briefs:orphan: page 1: marked content MCID 0 has no parent in the " \
                        "structure tree"
    assert "7.18.5-1: page 1: a link annotation is not inside a /Link element" in errors
    assert any(error.startswith("briefs:unreadable: the annotations could not be checked")
               for error in errors)
