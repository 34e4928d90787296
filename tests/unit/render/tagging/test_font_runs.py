"""A font's text-layer work kept for the next render of the same font in the process
(font_runs.py, glyph_copies.Fonts): answered without fontTools, byte for byte what fontTools
gives, and fontTools again as soon as a render asks something else."""

from __future__ import annotations

from typing import Any

import pydyf
import pytest

from briefs.render.tagging.font_runs import FontRun, FontRuns, run_key
from briefs.render.tagging.glyph_copies import Fonts
from briefs.render.tagging.recover import TaggingError
from tests.unit.render.tagging.fonts import one_font_page, square_font

Op = tuple[Any, ...]
FIRST: list[Op] = [("copy_as", 1, "a\u200c"), ("carrier", "\u200e "), ("units",),
                   ("composite", 1, ((2, 40, 300),), "ab"), ("copy_as", 1, "a\u200c")]


def _font_file() -> bytes:
    """A TrueType font with .notdef, outlines `a` and `b`, and four empty zero-width glyphs
    (as a subset that keeps glyph ids leaves them)."""
    return square_font({"a": 450, "b": 420}, empty=4)


FONT = _font_file()


def _render(runs: FontRuns, ops: list[Op], font_file: bytes = FONT) -> tuple[Any, ...]:
    """`ops` asked of a fresh `Fonts` on a fresh one-font page, then saved: their answers,
    the font file written, the ToUnicode CMap and the widths."""
    content: list[object] = [b"/F1 12 Tf", pydyf.Dictionary({"MCID": 0}), b"BDC",
                             b"[<0001><0002>] TJ", b"EMC"]
    pdf, _stream, font, sequence = one_font_page(font_file, {1: "a", 2: "b"}, content,
                                                 [450, 420])
    fonts = Fonts(pdf, runs)
    answers = []
    for op in ops:
        method = "units_per_em" if op[0] == "units" else op[0]
        answers.append(getattr(fonts, method)(sequence, "F1", *op[1:]))
    fonts.save()
    file = next(item for item in pdf.objects
                if isinstance(item, pydyf.Stream) and "Length1" in item.extra)
    cmap = pdf.objects[int(font["ToUnicode"].split()[0])]
    descendant = pdf.objects[int(font["DescendantFonts"][0].split()[0])]
    return (answers, b"".join(file.stream), file.extra["Length1"], list(cmap.stream),
            repr(list(descendant["W"])))


def test_the_same_font_asked_the_same_again_is_answered_without_fonttools(
        parses: list[bytes]) -> None:
    runs = FontRuns()
    first = _render(runs, FIRST)
    assert first[0] == [3, 4, 1000, 5, 3] and first[1] != FONT  # copies made and written
    assert len(parses) == 1 and len(runs) == 1
    assert _render(runs, FIRST) == first
    assert len(parses) == 1  # not parsed again
    assert _render(FontRuns(), FIRST) == first  # what fontTools itself writes


@pytest.mark.parametrize("second", [
    [("copy_as", 1, "a\u200c"), ("copy_as", 2, "b\u200c"), ("carrier", "\u200e ")],  # parts
    [("copy_as", 1, "a\u200c")],  # fewer: the kept font file is not the one to write
    [*FIRST, ("carrier", "\u200f ")],  # more
    [("units",), ("copy_as", 1, "a\u200c")],  # another order
])
def test_a_render_that_asks_something_else_gets_fonttools_answers(
        second: list[Op], parses: list[bytes]) -> None:
    runs = FontRuns()
    _render(runs, FIRST)
    assert _render(runs, second) == _render(FontRuns(), second)
    assert len(parses) == 3  # the kept run left, and the fresh render
    assert _render(runs, second) == _render(FontRuns(), second)  # the new run kept in turn
    assert len(parses) == 4


def test_a_font_asked_only_its_units_is_kept_too(parses: list[bytes]) -> None:
    runs = FontRuns()
    assert _render(runs, [("units",)])[0] == [1000]
    assert _render(runs, [("units",)])[0] == [1000]
    assert len(parses) == 1


def test_another_font_or_other_glyphs_in_use_are_another_run(parses: list[bytes]) -> None:
    runs = FontRuns()
    _render(runs, FIRST)
    builder_font = FONT.replace(b"\x01\xc2", b"\x01\xc3", 1)  # hmtx of `a`: 450 -> 451
    assert builder_font != FONT
    _render(runs, FIRST, builder_font)
    assert len(parses) == 2 and len(runs) == 2
    assert run_key(FONT, {1, 2}) != run_key(FONT, {1, 2, 3})


def test_a_font_fonttools_cannot_read_is_refused_once(parses: list[bytes]) -> None:
    runs = FontRuns()
    broken = b"\x00\x01\x00\x00not a font"
    ops: list[Op] = [("copy_as", 1, "a\u200c"), ("carrier", "\u200e ")]
    assert _render(runs, ops, broken)[:2] == ([None, None], broken)
    assert _render(runs, ops, broken)[:2] == ([None, None], broken)
    assert len(parses) == 1


def test_a_kept_run_that_fonttools_would_not_answer_alike_fails_loudly() -> None:
    """Answers follow from the font and the requests before them; a run that disagrees
    (a bug, never a font) fails the output rather than draw the wrong glyph: a TaggingError,
    which the engine reports as the structure tree not built, "please report this"."""
    runs = FontRuns()
    _render(runs, FIRST)
    key, kept = next(iter(runs._runs.items()))
    runs.put(key, FontRun(kept.requests, (6, *kept.outcomes[1:]), kept.written))
    with pytest.raises(TaggingError, match="another glyph"):
        _render(runs, [("copy_as", 1, "a\u200c"), ("copy_as", 2, "b\u200c")])


def test_runs_are_bounded_least_recently_used_first() -> None:
    runs = FontRuns(max_runs=2, max_bytes=100)
    one, two, three = (run_key(bytes([n]), set()) for n in range(3))
    runs.put(one, FontRun((), (), b"x" * 40))
    runs.put(two, FontRun((), (), b"y" * 40))
    assert runs.get(one) is not None  # now the most recently used
    runs.put(three, FontRun((), (), None))
    assert runs.get(two) is None and runs.get(one) is not None and len(runs) == 2
    runs.put(two, FontRun((), (), b"z" * 90))  # over the bytes: the older ones go
    assert runs.get(one) is None and runs.get(three) is None and runs.get(two) is not None
    runs.put(one, FontRun((), (), b"w" * 101))  # larger than everything: never kept
    assert runs.get(one) is None and runs.get(two) is not None
