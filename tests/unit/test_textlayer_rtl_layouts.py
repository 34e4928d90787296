"""The orders the right-to-left layout harness (tests/textlayer/rtl_layouts.py) writes glyphs in:
logical order undone from drawing order, left-to-right runs kept whole."""

from __future__ import annotations

from tests.textlayer.rtl_layouts import kind, logical_units, segments


def _drawn(logical: str) -> list[str]:
    """A test line of one glyph per character, given in logical order with its left-to-right
    runs marked by brackets, as it is drawn: reversed, the bracketed runs kept in order."""
    runs, current, inside = [], "", False
    for character in logical:
        if character in "[]":
            if current:
                runs.append((inside, current))
            current, inside = "", character == "["
        else:
            current += character
    if current:
        runs.append((inside, current))
    drawn: list[str] = []
    for ltr, text in reversed(runs):
        drawn += list(text) if ltr else list(reversed(text))
    return drawn


def _read(texts: list[str], units: list[list[int]]) -> str:
    return "".join(texts[index] for unit in units for index in unit)


def test_kinds_follow_the_bidi_class_of_the_first_character() -> None:
    assert [kind(text) for text in ("ש", "ب", "a", "2", "۲", "٢", ":", "%", " ", "", "ًا")] \
        == ["R", "R", "L", "D", "D", "D", "S", "S", "N", "N", "N"]


def test_a_line_with_numbers_reads_back_in_logical_order() -> None:
    line = "۱ از ۳"  # 1 of 3: each number a run of its own
    texts = _drawn("[۱] از [۳]")
    assert "".join(texts) == "۳ زا ۱"
    assert _read(texts, logical_units(texts)) == line


def test_separators_between_digits_and_a_percent_sign_stay_in_their_number() -> None:
    texts = _drawn("من [14:30] إلى [30%] تقريبًا")
    units = logical_units(texts)
    assert _read(texts, units) == "من 14:30 إلى 30% تقريبًا"
    assert ["".join(texts[i] for i in unit) for unit in units if len(unit) > 1] \
        == ["14:30", "30%"]


def test_spaces_between_latin_words_stay_in_their_run() -> None:
    texts = _drawn("شبكة [Civic Habitat Network] في")
    units = logical_units(texts)
    assert _read(texts, units) == "شبكة Civic Habitat Network في"
    assert "Civic Habitat Network" in ["".join(texts[i] for i in unit) for unit in units]


def test_a_space_between_a_number_and_a_word_is_not_part_of_the_number() -> None:
    texts = _drawn("[212] شهر در [14] کشور")
    assert _read(texts, logical_units(texts)) == "212 شهر در 14 کشور"
    assert ["".join(texts[i] for i in unit) for unit in logical_units(texts)
            if len(unit) > 1] == ["212", "14"]


def test_segments_draw_each_right_to_left_stretch_left_to_right_spaces_first() -> None:
    texts = _drawn("[212] شهر در [14] کشور")
    drawn = ["".join(texts[i] for i in unit) for unit in segments(texts)]
    # the stretch after 212 starts with the space next to the number, then draws left to right
    assert drawn == ["212", "  رد رهش", "14", " روشک"]
