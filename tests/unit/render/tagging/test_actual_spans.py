"""An Indic line's /ActualText as one span a word, each text ending with a space its glyphs
do not draw (MuPDF's common-suffix handling writes a non-ASCII suffix twice)."""

from __future__ import annotations

from typing import Any

import pydyf

from briefs.render.tagging import actual_spans, joiners
from briefs.render.tagging.actual import add_actual_texts
from briefs.render.tagging.actual_spans import Region, regions_to_mark, wants_spans
from briefs.render.tagging.glyph_copies import _widths
from briefs.render.tagging.recover import resolve
from tests.unit.render.tagging.test_joiners import _pdf


def test_only_indic_lines_get_spans() -> None:
    assert wants_spans("आपूर्ति पर दबाव")
    assert not wants_spans("สำคัญ")  # Thai keeps its line-long span (MuPDF reads it whole)
    assert not wants_spans("Giving the river room")


def test_each_word_its_own_span_ending_with_the_space_after_it() -> None:
    # `में` drawn as म + a glyph first met in `ें`; `और` spelled right; `2025` ASCII; the
    # vowel sign of `कि` drawn before its consonant
    texts = ["म", "ं", " ", "औ", "र", " ", "2", "0", "2", "5", " ", "ि", "क"]
    regions = regions_to_mark(texts, "में और 2025 कि")
    # the space glyph inside (poppler then adds no space of its own), drawn with a copy
    # mapped to a no-break space (MuPDF then finds no common suffix)
    assert regions == [Region(0, 3, "में ", space_copy=True),
                       Region(3, 6, "और ", space_copy=True), Region(11, 13, "कि")]


def test_no_span_ends_where_its_last_glyph_matches_its_text() -> None:
    """MuPDF's suffix: the last glyph's last character must differ from the text's."""
    texts = ["", "ज़ि", "म्", "म", "े", "दि", "ा", "र", "ी", " ", "म", "ं"]
    line = "ज़िम्मेदारी में"
    regions = regions_to_mark(texts, line) or []
    assert regions
    for region in regions:
        last = "\u00a0" if region.space_copy else texts[region.end - 1][-1:]
        assert last != region.text[-1:]
        assert region.text.rstrip(" ") in line


def test_the_last_word_gets_a_space_only_where_its_suffix_would_match() -> None:
    assert regions_to_mark(["द", "ि", "न"], "दिन") == [Region(0, 3, "दिन ")]
    assert regions_to_mark(["", "दि", "न", "ा"], "दिना") == [Region(0, 4, "दिना ")]
    assert regions_to_mark(["क", "िर"], "कि") == [Region(0, 2, "कि")]


def test_a_space_drawn_after_the_text_is_read_from_its_glyph() -> None:
    assert regions_to_mark(["क", "ि", ",", " "], "कि,") == [Region(0, 3, "कि, ")]


def test_a_no_break_space_separates_words_whatever_its_glyph_maps_to() -> None:
    assert regions_to_mark(["ि", "क", " ", "ि", "क"], "कि\u00a0कि") \
        == [Region(0, 3, "कि\u00a0"), Region(3, 5, "कि")]
    assert regions_to_mark(["ि", "क", "\u00a0", "ि", "क"], "कि\u00a0कि") \
        == [Region(0, 3, "कि\u00a0", space_copy=True), Region(3, 5, "कि")]


def test_words_that_do_not_pair_up_are_left_to_a_span_over_the_line() -> None:
    assert regions_to_mark(["क", " ", "ख"], "क ख ग") is None
    assert regions_to_mark(["क", " ", " ", "ख"], "क \u200d ख") is None  # text with no glyph


def _hindi_pdf(content: list[object]) -> tuple[pydyf.PDF, pydyf.Stream, Any]:
    pdf, stream, font, sequence = _pdf(content)
    cmap = resolve(pdf, font["ToUnicode"])
    cmap.stream[0:3] = [b"4 beginbfchar", b"<0001> <092e>", b"<0002> <0947>",
                        b"<0003> <0020>", b"<0004> <0915>", b"endbfchar"]
    return pdf, stream, sequence


def test_the_space_after_a_word_is_drawn_with_a_copy_read_as_a_no_break_space() -> None:
    content: list[object] = [b"/F1 12 Tf", pydyf.Dictionary({"MCID": 0}), b"BDC",
                             b"[<0001>0<0002>0<0001>] TJ", b"EMC"]
    pdf, stream, font, sequence = _pdf(content)
    cmap = resolve(pdf, font["ToUnicode"])
    cmap.stream[0:3] = [b"2 beginbfchar", b"<0001> <092e>", b"<0002> <0020>", b"endbfchar"]
    resolve(pdf, font["DescendantFonts"][0])["W"].extend([2, pydyf.Array([260])])
    fonts = joiners.Fonts(pdf)
    assert actual_spans.add_actual_spans(sequence, "म म", actual_spans.GlyphTexts(fonts))
    fonts.save()
    tokens = stream.stream
    assert tokens[4]["ActualText"].string == "म "
    assert tokens[6:8] == [b"[<0001>0<0003>] TJ", b"EMC"]  # the space's copy, inside
    assert tokens[8:10] == ["/Span", tokens[9]]  # the piece left moving by 0 dropped
    assert tokens[9]["ActualText"].string == "म "
    assert tokens[11:] == [b"[<0001>] TJ", b"EMC", b"EMC"]
    assert b"<0003> <00a0>" in b"\n".join(resolve(pdf, font["ToUnicode"]).stream)
    assert _widths(pdf, font)[3] == 260


def test_without_a_free_glyph_the_space_stays_outside_the_span() -> None:
    content: list[object] = [b"/F1 12 Tf", pydyf.Dictionary({"MCID": 0}), b"BDC",
                             b"[<0001>0<>226<0002>-226<0003>0<0004>] TJ", b"EMC"]
    pdf, stream, sequence = _hindi_pdf(content)
    assert actual_spans.add_actual_spans(sequence, "में क",
                                         actual_spans.GlyphTexts(joiners.Fonts(pdf)))
    tokens = stream.stream
    assert tokens[3:6] == ["/Span", tokens[4], b"BDC"]
    assert tokens[4]["ActualText"].string == "में "
    assert tokens[6] == b"[<0001>0<>226<0002>] TJ"
    assert tokens[7] == b"EMC"
    assert tokens[8] == b"[<>-226<0003>0<>] TJ"  # the moves kept; the space outside
    assert tokens[9:12] == ["/Span", tokens[10], b"BDC"]
    assert tokens[10]["ActualText"].string == "क "  # the last glyph reads `क` too
    assert tokens[12:] == [b"[<0004>] TJ", b"EMC", b"EMC"]
    shown = b"".join(token for token in tokens if isinstance(token, bytes)
                     and token.endswith(b"TJ"))
    assert shown.replace(b"] TJ[", b"").replace(b"<>", b"") \
        == b"[<0001>0226<0002>-226<0003>0<0004>] TJ"


def test_add_actual_texts_falls_back_to_one_span_for_the_line() -> None:
    content: list[object] = [b"/F1 12 Tf", "/P", pydyf.Dictionary({"MCID": 0}), b"BDC",
                             b"<0001> Tj", b"EMC"]
    pdf, stream, sequence = _hindi_pdf(content)
    sequence = type(sequence)(0, stream, 2, None)
    add_actual_texts({(0, 0): sequence}, {(0, 0): "में"}, joiners.Fonts(pdf))
    assert stream.stream[4:7] == ["/Span", stream.stream[5], b"BDC"]
    assert stream.stream[5]["ActualText"].string == "में"
    assert stream.stream[7:] == [b"<0001> Tj", b"EMC", b"EMC"]


def _shown(tokens: list[Any]) -> list[bytes]:
    """The glyph codes and moves shown, in order, whatever the TJ operators' split."""
    import re

    shown = b"".join(token[1:-4] for token in tokens
                     if isinstance(token, bytes) and token.endswith(b"] TJ"))
    found: list[bytes] = []
    for codes, move in re.findall(rb"<([0-9a-f]*)>|(-?[0-9.]+)", shown):
        found.extend([codes[at:at + 4] for at in range(0, len(codes), 4)] or [move] * bool(move))
    return found


def test_any_line_gives_balanced_spans_over_the_same_drawing() -> None:
    """Lines of letters, vowel signs, spaces, joiners and ASCII, shown with glyph texts
    that are right, wrong, empty or several characters: the regions are in order, never
    empty, never overlap; the spans nest; the glyphs and moves shown are unchanged."""
    import random

    alphabet = ["क", "ि", "ं", "्", "र", " ", "\u200d", "a", "1", ",", "े"]
    chance = random.Random(22)
    for _ in range(400):
        line = "".join(chance.choice(alphabet) for _ in range(chance.randint(0, 14)))
        texts = []
        for character in line:
            roll = chance.random()
            texts.append(character if roll < 0.6 else "" if roll < 0.7
                         else chance.choice(alphabet) + character if roll < 0.85
                         else chance.choice(alphabet))
        regions = regions_to_mark(texts, line)
        if regions is None:
            continue
        previous_end = 0
        for region in regions:
            assert previous_end <= region.first < region.end <= len(texts)
            assert region.text  # an empty /ActualText would hide its glyphs
            previous_end = region.end
        codes = b"".join(b"%04x" % (index + 1) for index in range(len(texts)))
        token = b"[<" + codes[:8] + b">-12.5<" + codes[8:] + b">] TJ"
        tokens: list[Any] = ["/P", pydyf.Dictionary({"MCID": 0}), b"BDC", token, b"EMC"]
        glyphs = [actual_spans.Glyph(3, 2 + 4 * index + (7 if index >= 2 else 0), text)
                  for index, text in enumerate(texts)]
        actual_spans._insert(tokens, glyphs, regions)
        depth = 0
        for item in tokens:
            depth += {b"BDC": 1, b"EMC": -1}.get(item, 0) if isinstance(item, bytes) else 0
            assert depth >= 0
        assert depth == 0
        assert sum(item == b"BDC" for item in tokens) == len(regions) + 1
        assert _shown(tokens) == _shown(["/P", b"BDC", token, b"EMC"])
