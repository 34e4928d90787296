"""/ActualText for the text boxes whose glyphs do not spell their text."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import lxml.html
import pydyf

from briefs.render.tagging.actual import SOFT_HYPHEN, _wrap, actual_text


def box(text: str, written: str | None = None, spacing: Any = "normal",
        transform: str = "none") -> Any:
    element = lxml.html.fromstring(f"<p>{written if written is not None else text}</p>")
    style = {"hyphenate_character": "-", "letter_spacing": spacing,
             "text_transform": transform}
    return SimpleNamespace(text=text, element=element, style=style)


def test_plain_latin_needs_none() -> None:
    assert actual_text(box("Giving the river room")) is None


def test_a_line_end_hyphen_the_typesetter_added_is_a_soft_hyphen() -> None:
    assert actual_text(box("Giv-", "Giving the river")) == "Giv" + SOFT_HYPHEN
    assert actual_text(box("twelve-", "a twelve-kilometre stretch")) is None


def test_clusters_and_letter_spacing_get_their_text() -> None:
    assert actual_text(box("विचार-विमर्श हुआ")) == "विचार-विमर्श हुआ"
    assert actual_text(box("สำคัญ")) == "สำคัญ"
    assert actual_text(box("SCIENCE", spacing=1.5)) == "SCIENCE"


def test_right_to_left_runs_are_left_to_the_font() -> None:
    assert actual_text(box("שלום עולם")) is None
    assert actual_text(box("می\u200cخواهم")) is None


def test_the_span_is_nested_inside_its_sequence() -> None:
    tokens: list[Any] = ["/P", pydyf.Dictionary({"MCID": 0}), b"BDC", "BT", "/Span",
                         pydyf.Dictionary(), b"BDC", b"EMC", "ET", b"EMC", "/P"]
    _wrap(tokens, 2, "कि")
    assert tokens[3:6] == ["/Span", tokens[4], b"BDC"] and "ActualText" in tokens[4]
    assert tokens[-3:] == [b"EMC", b"EMC", "/P"]


def test_capitals_made_by_css_read_as_written() -> None:
    kicker = box("ΔΙΑΛΟΓΟΣ ΕΠΙΣΤΗΜΗΣ", "Διάλογος επιστήμης", transform="uppercase")
    assert actual_text(kicker) == "Διάλογος επιστήμης"
    line = box("ΔΙΑΛΟΓΟΣ", "Διάλογος επιστήμης", transform="uppercase")
    assert actual_text(line) is None  # one line of several: its part is not known
    assert actual_text(box("DATE", "Date", transform="uppercase")) is None  # only case lost
