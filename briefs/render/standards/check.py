"""Every standards check on one open PDF: PDF/UA-1 identification and structure (for any
tagged PDF), and PDF/A for a file that claims it."""

from __future__ import annotations

from typing import Any

from briefs.render.standards.annotation_rules import check_annotations
from briefs.render.standards.archival_rules import check_archival
from briefs.render.standards.content_rules import check_content, number_tree
from briefs.render.standards.identification import check_identification, read_claims
from briefs.render.standards.model import Structure
from briefs.render.standards.report import RuleReport
from briefs.render.standards.tree_rules import check_tree


def check_standards(pdf: Any) -> RuleReport:
    """What a PDF/UA or PDF/A checker would object to in `pdf` (a pikepdf.Pdf).

    A tagged PDF's structure is checked whatever it claims; the PDF/UA rules on the catalog
    and metadata apply when its XMP identifies PDF/UA, the PDF/A rules when it identifies
    PDF/A.
    """
    report = RuleReport()
    claims = read_claims(pdf)
    if claims.accessible:
        check_identification(pdf, claims, report)
    structure = Structure.read(pdf)
    if structure is not None:
        for problem in structure.problems:
            rule, _, message = problem.partition(": ")
            report.error(rule if message else "briefs:structure", message or problem)
        parent_tree = number_tree(structure.root.get("/ParentTree"))
        check_tree(structure, report)
        check_content(structure, parent_tree, report)
        check_annotations(structure, parent_tree, report)
    if claims.a_part is not None:
        check_archival(pdf, claims, report)
    return report
