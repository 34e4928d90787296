"""The font runs of a right-to-left text box drawn in logical order, each at its own place."""

from __future__ import annotations

from types import SimpleNamespace

from briefs.render.tagging.glyph_copies import Fonts
from briefs.render.tagging.logical_runs import _logical, _Run, order_runs
from tests.unit.render.tagging.test_edge_spaces import _pdf


def _ordered(shows: list[bytes], direction: str = "rtl") -> list[bytes]:
    pdf, stream, _, sequence = _pdf(b"")
    stream.stream[3:4] = [b"BT", b"1 0 0 -1 10 20 Tm", *shows, b"ET"]
    fonts = Fonts(pdf)
    box = SimpleNamespace(text="", style={"direction": direction})
    order_runs({"k": sequence}, {"k": box}, fonts)  # type: ignore[dict-item]
    fonts.save()
    return [token for token in b"\n".join(stream.stream[3:]).split(b"\n") if token]


def test_a_number_drawn_left_of_a_right_to_left_word_is_drawn_after_it() -> None:
    """`aב` in logical order, drawn `a` (font size 10, 350 units wide: 3.5) then `ב`: the
    runs swap, each with its own Tm at its own place and its font."""
    tokens = _ordered([b"/F1 10 Tf", b"[<0003>] TJ", b"/F1 12 Tf", b"[<0001>] TJ"])
    assert tokens == [b"BT", b"1 0 0 -1 13.500000 20 Tm", b"/F1 12 Tf", b"[<0001>] TJ",
                      b"1 0 0 -1 10.000000 20 Tm", b"/F1 10 Tf", b"[<0003>] TJ",
                      b"/F1 12 Tf", b"ET", b"EMC"]


def test_boxes_that_are_not_one_plain_text_object_are_left_alone() -> None:
    """A colour inside the text object, a single run, or a left-to-right box."""
    for shows in ([b"/F1 10 Tf", b"[<0003>] TJ", b"0 0 0 rg", b"[<0001>] TJ"],
                  [b"/F1 10 Tf", b"[<0003><0001>] TJ"]):
        assert _ordered(shows) == [b"BT", b"1 0 0 -1 10 20 Tm", *shows, b"ET", b"EMC"]
    shows = [b"/F1 10 Tf", b"[<0003>] TJ", b"/F1 12 Tf", b"[<0001>] TJ"]
    assert _ordered(shows, "ltr") == [b"BT", b"1 0 0 -1 10 20 Tm", *shows, b"ET", b"EMC"]


def test_left_to_right_runs_keep_their_order_among_themselves() -> None:
    """Drawn `2016` `–` `2025` `ב` (a range left of a word): logical order is the word, then
    the range left to right; a neutral run between two left-to-right ones stays inside."""
    runs = [_Run(i, "F", 1.0, float(i), text)
            for i, text in enumerate(["2016", "–", "2025", " ב"])]
    assert [run.text for run in _logical(runs)] == [" ב", "2016", "–", "2025"]


def test_a_show_with_a_literal_string_or_an_exponent_is_left_alone() -> None:
    """Widths are added up only from hex glyph codes and plain numbers."""
    for show in (b"[(a)] TJ", b"[<0003>1e-05] TJ"):
        shows = [b"/F1 10 Tf", show, b"/F1 12 Tf", b"[<0001>] TJ"]
        assert _ordered(shows) == [b"BT", b"1 0 0 -1 10 20 Tm", *shows, b"ET", b"EMC"]


def test_punctuation_drawn_right_of_a_number_in_its_run_is_a_run_of_its_own() -> None:
    """`: 2` drawn `2 :` in one `TJ` (the Latin face drawing both, in a right-to-left box):
    the punctuation and its space are cut off as a run of their own, which comes first in
    logical order; a space alone, or punctuation left of the number, leaves the run whole."""
    from briefs.render.tagging.logical_runs import _part, _tail
    from tests.unit.render.tagging.fonts import one_font_pdf
    from tests.unit.render.tagging.test_range_dashes import _font_file

    pdf, _, _, sequence = one_font_pdf(_font_file(), {1: "2", 3: ":", 5: " "}, b"")
    fonts = Fonts(pdf)
    token = b"[<0001>-20<00050003>] TJ"
    (cut, _, head, head_advance), (_, tail, rest, _) = _tail(
        token, ("2 :", 10.2), sequence, fonts, "F1", 10)
    assert (head, rest, tail, round(head_advance, 6)) == ("2", " :", True, 3.7)
    assert _part(token, _Run(0, "F1", 10, 0, head, cut)) == b"[<0001>-20<> ] TJ"
    assert _part(token, _Run(0, "F1", 10, 0, rest, cut, True)) == b"[<00050003>] TJ"
    assert [run[0] for run in (*_tail(b"[<0001><0005>] TJ", ("2 ", 7.0), sequence, fonts,
                                      "F1", 10),
                               *_tail(b"[<0003><0001>] TJ", (":2", 7.0), sequence, fonts,
                                      "F1", 10))] == [0, 0]
