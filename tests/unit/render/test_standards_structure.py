"""What reading a structure tree finds is typed (rule id, message), never split from a line."""

from __future__ import annotations

import pikepdf

from briefs.render.standards.run_rules import check_standards
from briefs.render.standards.structure_tree import Structure


def cyclic() -> pikepdf.Pdf:
    """A tagged PDF whose paragraph element is its own kid."""
    pdf = pikepdf.new()
    pdf.add_blank_page()
    element = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructElem,
                                                   S=pikepdf.Name.P))
    element.K = pikepdf.Array([element])
    root = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructTreeRoot,
                                                K=pikepdf.Array([element])))
    element.P = root
    pdf.Root.StructTreeRoot = root
    return pdf


def test_a_structure_cycle_is_rule_7_1_6() -> None:
    pdf = cyclic()
    structure = Structure.read(pdf)
    assert structure is not None
    [(rule, message)] = structure.problems
    assert rule == "7.1-6" and message.startswith("structure element (") \
        and message.endswith("is reached twice (a cycle or a shared element)")
    report = check_standards(pdf)
    assert report.errors["7.1-6"] == [message]
    assert [p.code for p in report.problems() if p.code == "7.1-6"] == ["7.1-6"]
