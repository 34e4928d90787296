"""The glyph before a ZWNJ drawn with a copy of its own that maps to the ZWNJ too."""

from __future__ import annotations

import io

import pydyf
import pytest
from fontTools.ttLib import TTFont

from briefs.render.tagging import joiners
from briefs.render.tagging.glyph_copies import _widths
from briefs.render.tagging.recover import Marked, resolve
from briefs.render.tagging.stream_fonts import font_before
from tests.unit.render.tagging.fonts import one_font_page, square_font

ZWNJ = "\u200c"


def _font_file() -> bytes:
    """A TrueType font with .notdef, an `a` outline and three empty, zero-width glyphs (as a
    subset that keeps glyph ids leaves them)."""
    return square_font({"a": 450}, empty=3)


def _pdf(content: list[object]) -> tuple[pydyf.PDF, pydyf.Stream, pydyf.Dictionary, Marked]:
    """`content` drawn with a font whose glyph 1 is `a`, 450 wide."""
    pdf, stream, font, sequence = one_font_page(_font_file(), {1: "a"}, content, [450])
    return pdf, stream, font, sequence


def test_the_target_glyph_is_drawn_with_a_copy_mapped_to_the_zwnj() -> None:
    content: list[object] = [b"/F1 12 Tf", pydyf.Dictionary({"MCID": 0}), b"BDC",
                             b"[<0001>0<0001>0<>0.0<0001>0] TJ", b"EMC"]
    pdf, stream, font, sequence = _pdf(content)
    fonts = joiners.Fonts(pdf)
    assert joiners._drawn(sequence) == [1, 1, 1]
    joiners._replace(sequence, [(2, 1)], fonts)
    fonts.save()
    shown = stream.stream[3]
    assert shown == b"[<0001>0<0001>0<>0.0<0002>0] TJ"  # the first free slot
    cmap = b"\n".join(resolve(pdf, font["ToUnicode"]).stream)
    assert b"<0002> <0061200c>" in cmap  # logical: tounicode.py writes it in drawing order
    assert _widths(pdf, font)[2] == 450
    file = next(item for item in pdf.objects
                if isinstance(item, pydyf.Stream) and "Length1" in item.extra)
    assert file.extra["Length1"] == len(file.stream[0])
    copied = TTFont(io.BytesIO(file.stream[0]))
    order = copied.getGlyphOrder()
    assert copied["glyf"][order[2]].numberOfContours == 1
    assert copied["hmtx"][order[2]] == (450, 0)


def test_one_copy_per_glyph_and_text_and_none_without_a_free_slot() -> None:
    content: list[object] = [b"/F1 12 Tf", pydyf.Dictionary({"MCID": 0}), b"BDC",
                             b"[<0001><0001><0001><0001>] TJ", b"EMC"]
    pdf, stream, _, sequence = _pdf(content)
    fonts = joiners.Fonts(pdf)
    joiners._replace(sequence, [(0, 1), (2, 1)], fonts)
    assert stream.stream[3] == b"[<0002><0001><0002><0001>] TJ"
    fonts.copies[next(iter(fonts.copies))].free.clear()
    fonts.copies[next(iter(fonts.copies))].made.clear()
    joiners._replace(sequence, [(1, 1)], fonts)
    assert stream.stream[3] == b"[<0002><0001><0002><0001>] TJ"  # left as it is


def test_a_line_drawn_with_another_glyph_is_left_alone() -> None:
    content: list[object] = [b"/F1 12 Tf", pydyf.Dictionary({"MCID": 0}), b"BDC",
                             b"[<0001><0001>] TJ", b"EMC", b"[<0001>] TJ"]
    pdf, stream, _, sequence = _pdf(content)
    assert joiners._drawn(sequence) == [1, 1]  # the sequence ends at its EMC
    joiners._replace(sequence, [(1, 7)], joiners.Fonts(pdf))
    assert stream.stream[3] == b"[<0001><0001>] TJ"


def test_the_font_selected_before_the_sequence_is_the_one_it_draws_with() -> None:
    tokens = [b"/F9 10 Tf", b"BT", b"/F1 12 Tf", b"[<0001>] TJ", "/P", {}, b"BDC"]
    assert font_before(tokens, 5) == "F1"
    assert font_before([b"BT"], 1) is None


def test_a_font_given_copies_keeps_its_own_dates(monkeypatch: pytest.MonkeyPatch) -> None:
    """The font written back keeps the `head` table's dates it came with: two builds a
    second apart give the same bytes (fontTools stamps the time of saving unless told not)."""
    import time

    font_file = _font_file()
    monkeypatch.setitem(globals(), "_font_file", lambda: font_file)
    content: list[object] = [b"/F1 12 Tf", pydyf.Dictionary({"MCID": 0}), b"BDC",
                             b"[<0001>0<0001>0<>0.0<0001>0] TJ", b"EMC"]
    written = []
    for _ in range(2):
        pdf, _stream, _font, sequence = _pdf(list(content))
        fonts = joiners.Fonts(pdf)
        joiners._replace(sequence, [(2, 1)], fonts)
        fonts.save()
        file = next(item for item in pdf.objects
                    if isinstance(item, pydyf.Stream) and "Length1" in item.extra)
        written.append(file.stream[0])
        time.sleep(1.1)
    original = TTFont(io.BytesIO(font_file))["head"].modified
    assert TTFont(io.BytesIO(written[0]))["head"].modified == original
    assert written[0] == written[1]


def test_fonttools_low_timestamp_warning_is_not_shown(caplog: pytest.LogCaptureFixture) -> None:
    """Every face WeasyPrint subsets has a zero `created` stamp; fontTools' warning about it
    reached the user's terminal once per face read (glyph_copies.py drops that one message)."""
    import logging

    import briefs.render.tagging.glyph_copies  # noqa: F401  (it installs the filter)

    logger = logging.getLogger("fontTools.ttLib.tables._h_e_a_d")
    with caplog.at_level(logging.WARNING, logger=logger.name):
        logger.warning("'%s' timestamp seems very low; regarding as unix timestamp", "created")
        logger.warning("another warning")
    assert [record.getMessage() for record in caplog.records] == ["another warning"]
