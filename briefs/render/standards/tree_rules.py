"""PDF/UA-1 rules on the structure tree itself (veraPDF rule ids): types and role mapping,
parents, lists, tables, figures, notes, headings and languages."""

from __future__ import annotations

import re
from typing import Any

import pikepdf

from briefs.render.standards.grouped_findings import RuleReport, on_page
from briefs.render.standards.structure_tree import Element, Structure, text
from briefs.render.tagging.roles import STANDARD_TYPES

LANGUAGE = re.compile(r"^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$")
HEADING = re.compile(r"^H([1-6])$")

ALLOWED_KIDS = {
    "L": ("7.2-19", {"L", "LI", "Caption"}),
    "LI": ("7.2-20", {"Lbl", "LBody"}),
    "Table": ("7.2-3", {"TR", "THead", "TBody", "TFoot", "Caption"}),
    "TR": ("7.2-10", {"TH", "TD"}),
    "THead": ("7.2-36", {"TR"}),
    "TBody": ("7.2-37", {"TR"}),
    "TFoot": ("7.2-38", {"TR"}),
    "TOC": ("7.2-27", {"TOC", "TOCI", "Caption"}),
}
ALLOWED_PARENTS = {
    "LI": ("7.2-17", {"L"}),
    "LBody": ("7.2-18", {"LI"}),
    "TR": ("7.2-4", {"Table", "THead", "TBody", "TFoot"}),
    "THead": ("7.2-5", {"Table"}),
    "TBody": ("7.2-6", {"Table"}),
    "TFoot": ("7.2-7", {"Table"}),
    "TH": ("7.2-8", {"TR"}),
    "TD": ("7.2-9", {"TR"}),
    "TOCI": ("7.2-26", {"TOC"}),
}


def check_tree(structure: Structure, report: RuleReport) -> None:
    """Every rule that looks at elements one by one, then those that compare elements."""
    _role_map(structure, report)
    for element in structure.elements:
        _element_type(structure, element, report)
        _parent_entry(structure, element, report)
        _nesting(element, report)
        _element_rules(element, report)
    _notes(structure, report)
    _headings(structure, report)
    _table_headers(structure, report)


def _role_map(structure: Structure, report: RuleReport) -> None:
    for role, target in structure.role_map.items():
        if role in STANDARD_TYPES:
            report.error("7.1-7", f"the standard type /{role} is remapped to /{target}")
        seen, current = {role}, target
        while current in structure.role_map and current not in STANDARD_TYPES:
            current = structure.role_map[current]
            if current in seen:
                report.error("7.1-6", f"the role map of /{role} goes round in a circle")
                break
            seen.add(current)


def _element_type(structure: Structure, element: Element, report: RuleReport) -> None:
    if element.standard not in STANDARD_TYPES:
        report.error("7.1-5", f"{on_page(element.page)}the structure type /{element.role} is "
                              "not mapped to a standard type in the RoleMap")


def _parent_entry(structure: Structure, element: Element, report: RuleReport) -> None:
    parent = element.obj.get("/P")
    expected = element.parent.obj if element.parent is not None else structure.root
    if parent is None:
        report.error("7.1-12", f"{on_page(element.page)}/{element.role} has no /P (parent)")
    elif not (isinstance(parent, pikepdf.Dictionary) and parent.is_indirect
              and expected.is_indirect and parent.objgen == expected.objgen):
        report.error("briefs:parent", f"{on_page(element.page)}/{element.role} names another "
                                      "element than its parent in /P")


def _nesting(element: Element, report: RuleReport) -> None:
    allowed_kids = ALLOWED_KIDS.get(element.standard)
    if allowed_kids is not None:
        rule, allowed = allowed_kids
        strangers = sorted({kid for kid in element.kid_types() if kid not in allowed})
        if strangers:
            report.error(rule, f"{on_page(element.page)}/{element.standard} contains "
                               f"{', '.join('/' + s for s in strangers)}")
    allowed_parents = ALLOWED_PARENTS.get(element.standard)
    parent = element.parent.standard if element.parent is not None else "StructTreeRoot"
    if allowed_parents is not None and parent not in allowed_parents[1]:
        report.error(allowed_parents[0], f"{on_page(element.page)}/{element.standard} is "
                                         f"inside /{parent}")
    kinds = element.kid_types()
    if element.standard in ("L", "TOC") and "Caption" in kinds[1:]:
        report.error("7.2-40" if element.standard == "L" else "7.2-28",
                     f"{on_page(element.page)}a Caption of /{element.standard} is not first")
    if element.standard == "Table":
        _table_kids(element, kinds, report)
    if kinds.count("H") > 1:
        report.error("7.4.4-1", f"{on_page(element.page)}/{element.role} has more than one "
                                "/H kid")


def _table_kids(element: Element, kinds: list[str], report: RuleReport) -> None:
    where = on_page(element.page)
    for rule, kind in (("7.2-11", "THead"), ("7.2-12", "TFoot")):
        if kinds.count(kind) > 1:
            report.error(rule, f"{where}a table has more than one /{kind}")
    if ("TFoot" in kinds or "THead" in kinds) and "TBody" not in kinds:
        report.error("7.2-13" if "TFoot" in kinds else "7.2-14",
                     f"{where}a table with a header or footer has no /TBody")
    if kinds.count("Caption") > 1:
        report.error("7.2-39", f"{where}a table has more than one /Caption")
    if "Caption" in kinds[1:-1]:
        report.error("7.2-16", f"{where}a table's /Caption is neither first nor last")


def _element_rules(element: Element, report: RuleReport) -> None:
    where = on_page(element.page)
    obj = element.obj
    if element.standard == "Figure" and not (text(obj.get("/Alt")) or
                                             obj.get("/ActualText") is not None):
        report.error("7.3-1", f"{where}a /Figure has no alternate text (/Alt)")
    if element.standard == "Note" and not text(obj.get("/ID")):
        report.error("7.9-1", f"{where}a /Note has no /ID")
    lang = text(obj.get("/Lang"))
    if lang is not None and not LANGUAGE.match(lang):
        report.error("7.2-29", f"{where}/{element.role} has the language {lang!r}, which is not "
                               "a language tag")


def _notes(structure: Structure, report: RuleReport) -> None:
    seen: set[str] = set()
    for element in structure.elements:
        if element.standard != "Note":
            continue
        identifier = text(element.obj.get("/ID"))
        if identifier and identifier in seen:
            report.error("7.9-2", f"{on_page(element.page)}two notes have the ID {identifier!r}")
        if identifier:
            seen.add(identifier)


def _headings(structure: Structure, report: RuleReport) -> None:
    """Numbered headings start at H1 and never skip a level (7.4.2-1); a document uses H or
    H1-H6, not both (7.4.4-2, 7.4.4-3)."""
    levels = [(element, int(match.group(1))) for element in structure.elements
              if (match := HEADING.match(element.standard))]
    previous = 0
    for element, level in levels:
        if level > previous + 1:
            expected = "H1 first" if previous == 0 else f"at most H{previous + 1}"
            report.error("7.4.2-1", f"{on_page(element.page)}/H{level} follows "
                                    f"{'the start' if previous == 0 else f'/H{previous}'}; "
                                    f"headings go {expected}")
        previous = level
    if levels and any(element.standard == "H" for element in structure.elements):
        report.error("7.4.4-3", "the document uses both /H and numbered headings /H1-/H6")


def _table_headers(structure: Structure, report: RuleReport) -> None:
    """7.5-1: a TH needs a Scope when no TD names it in Headers."""
    named: set[str] = set()
    for element in structure.elements:
        if element.standard == "TD":
            for attributes in _attribute_dicts(element.obj):
                named.update(str(value) for value in attributes.get("/Headers", []))
    for element in structure.elements:
        if element.standard != "TH":
            continue
        scoped = any("/Scope" in attributes for attributes in _attribute_dicts(element.obj))
        if not scoped and text(element.obj.get("/ID")) not in named:
            report.error("7.5-1", f"{on_page(element.page)}a table header cell (/TH) has neither "
                                  "a /Scope nor cells that name it in /Headers")


def _attribute_dicts(obj: Any) -> list[Any]:
    value = obj.get("/A")
    values = list(value) if isinstance(value, pikepdf.Array) else [value]
    return [item for item in values if isinstance(item, pikepdf.Dictionary)]
