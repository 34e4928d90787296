"""The walk of every dictionary of a file, and the dictionaries holding a key that the object
rules read instead of all of them (render/standards/objects.py)."""

from __future__ import annotations

from typing import Any

import pikepdf

from briefs.render.standards import objects
from briefs.render.standards.objects import dictionaries, fonts, forget, holding


def nested() -> Any:
    """Keyed dictionaries indirect, direct inside a dictionary, inside an array, in a stream's
    dictionary, and a font found by its /BaseFont alone."""
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.Root.OpenAction = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("1"))
    pdf.Root.Extra = pdf.make_indirect(pikepdf.Dictionary(
        Inner=pikepdf.Dictionary(S=pikepdf.Name.Launch, BM=pikepdf.Name.Multiply),
        List=pikepdf.Array([pikepdf.Dictionary(BM=pikepdf.Name.Weird), 3])))
    pdf.Root.Form = pdf.make_stream(b"", S=pikepdf.Name.URI)
    pdf.Root.Font = pdf.make_indirect(pikepdf.Dictionary(
        BaseFont=pikepdf.Name.Helvetica, Subtype=pikepdf.Name.Type1))
    pdf.Root.NotFont = pdf.make_indirect(pikepdf.Dictionary(
        BaseFont=pikepdf.Name.Helvetica, Subtype=pikepdf.Name.Unknown))
    return pdf


def test_the_dictionaries_holding_a_key_are_the_walks_own_in_its_order() -> None:
    pdf = nested()
    forget()
    every = dictionaries(pdf)
    for keys in (("/S",), ("/BM",), ("/S", "/BM"), ("/BaseFont", "/Type"), ("/Nothing",)):
        expected = [item for item in every if any(key in item for key in keys)]
        assert [(*item.objgen, repr(item)) for item in holding(pdf, *keys)] == \
            [(*item.objgen, repr(item)) for item in expected]
    assert len(holding(pdf, "/S")) == 3  # indirect or not, a stream's dictionary too
    assert len(holding(pdf, "/BM")) == 2  # in a dictionary, in an array
    assert [str(font.get("/Subtype")) for font in fonts(pdf)] == ["/Type1"]
    forget()


def test_a_changed_file_is_walked_again_after_forget() -> None:
    pdf = nested()
    forget()
    assert len(holding(pdf, "/BM")) == 2
    pdf.Root.More = pdf.make_indirect(pikepdf.Dictionary(BM=pikepdf.Name.Screen))
    assert len(holding(pdf, "/BM")) == 2  # the same file: its walk kept
    forget()
    assert len(holding(pdf, "/BM")) == 3
    forget()


def test_the_walk_stops_at_its_bound(monkeypatch: Any) -> None:
    monkeypatch.setattr(objects, "MAX_DICTIONARIES", 2)
    forget()
    assert len(dictionaries(nested())) == 2
    forget()
