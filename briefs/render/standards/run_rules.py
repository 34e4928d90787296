"""Every standards check on one open PDF: PDF/UA-1 identification and structure (for any
tagged PDF), PDF/A and PDF/X-4 for a file that claims them, and rules on objects anywhere."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from briefs.render.standards.annotation_rules import check_annotations
from briefs.render.standards.archival_rules import check_archival
from briefs.render.standards.content_rules import check_content, number_tree
from briefs.render.standards.grouped_findings import RuleReport
from briefs.render.standards.identification import check_identification, read_claims
from briefs.render.standards.object_rules import OBJECT_RULES
from briefs.render.standards.objects import forget
from briefs.render.standards.print_rules import PRINT_RULES
from briefs.render.standards.structure_tree import Structure
from briefs.render.standards.tree_rules import check_tree


def check_standards(pdf: Any, require_ua: bool = False) -> RuleReport:
    """What a PDF/UA or PDF/A checker would object to in `pdf` (a pikepdf.Pdf).

    A tagged PDF's structure is checked whatever it claims; the PDF/UA rules on the catalog
    and metadata apply when its XMP identifies PDF/UA, the PDF/A rules when it identifies
    PDF/A. A PDF made elsewhere may hold anything: a group of rules that cannot read it
    reports that as an error instead of stopping the others.

    An untagged PDF that claims nothing passes: it promises no accessibility. With
    `require_ua`, every file is held to PDF/UA-1, claimed or not.
    """
    report = RuleReport()
    forget()  # the file may have changed since it was last walked
    claims = read_claims(pdf)
    if require_ua and not claims.accessible:
        report.error("5-1", "the XMP metadata does not identify PDF/UA-1 (pdfuaid:part), "
                            "which --ua requires")
        claims = dataclasses.replace(claims, ua_part="1")
    if claims.accessible:
        _guarded("the PDF/UA identification", report,
                 lambda: check_identification(pdf, claims, report))
    structure: Structure | None = None

    def read() -> None:
        nonlocal structure
        structure = Structure.read(pdf)

    _guarded("the structure tree", report, read)
    if structure is not None:
        for rule, message in structure.problems:
            report.error(rule, message)
        parent_tree = number_tree(structure.root.get("/ParentTree"))
        _guarded("the structure tree", report, lambda: check_tree(structure, report))
        _guarded("the page content", report,
                 lambda: check_content(structure, parent_tree, report))
        _guarded("the annotations", report,
                 lambda: check_annotations(structure, parent_tree, report))
    if claims.a_part is not None:
        _guarded("the PDF/A requirements", report, lambda: check_archival(pdf, claims, report))
    for object_rule in (*OBJECT_RULES, *PRINT_RULES):
        _guarded(object_rule.__name__.replace("_", " "), report,
                 lambda rule=object_rule: rule(pdf, claims, report))  # type: ignore[misc]
    forget()  # hold no file once checked
    return report


def _guarded(what: str, report: RuleReport, check: Callable[[], None]) -> None:
    try:
        check()
    except Exception as exc:  # a malformed object somewhere in a PDF from anywhere
        report.error("briefs:unreadable", f"{what} could not be checked: "
                                          f"{type(exc).__name__}: {exc}")
