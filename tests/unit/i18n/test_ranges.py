"""Ranges in the author's text: found only where surely a range, spaced per CLDR (Babel)."""

from __future__ import annotations

import pytest

from briefs.i18n.ranges import native_range_spans, range_spans, respaced, separators


def ranged(text: str, locale: str) -> str:
    out, last = "", 0
    for start, end in range_spans(text):
        out += text[last:start] + "[" + respaced(text[start:end], locale) + "]"
        last = end
    return out + text[last:]


@pytest.mark.parametrize(("locale", "text", "expected"), [
    ("en", "19-20 October, 2019-2023", "[19\u2009–\u200920] October, [2019\u2009–\u20092023]"),
    ("fr", "19 – 20 octobre, 2019-2023", "[19–20] octobre, [2019–2023]"),
    ("fr", "de 14:30-16:30", "de [14:30\u2009–\u200916:30]"),
    ("es", "2016-2025", "[2016–2025]"),
    ("zh", "在2019-2023年", "在[2019–2023]年"),
    ("ja", "10-12日、14:30–16:30", "[10～12]日、[14:30–16:30]"),
    ("ru", "1941-1945 годы", "[1941—1945] годы"),
    ("ko", "2019-2023년", "[2019 ~ 2023]년"),
])
def test_ranges_take_the_locales_cldr_separator(locale: str, text: str, expected: str) -> None:
    assert ranged(text, locale) == expected


@pytest.mark.parametrize("text", [
    "2021-10-19", "1.5-2", "+31 20-555 0199", "+33 1 23-45", "COVID-19", "A4-5", "3-2",
    "10 - 12", "555-1234", "555-0199", "2023-2019", "09:30-1", "v2-3", "12-05-2021",
])
def test_what_is_not_surely_a_range_is_left_alone(text: str) -> None:
    assert range_spans(text) == []


def test_an_authors_dash_is_kept_and_a_word_separator_leaves_the_text_alone() -> None:
    assert respaced("2023–2019", "fr") == "2023–2019"          # typed with an en dash: a range
    assert respaced("19—20", "en") == "19\u2009—\u200920"
    assert separators("fa") == {}                                # "۱۹ تا ۲۰": a word
    assert respaced("19-20", "fa") == "19-20"


def test_a_field_full_of_ranges_and_plus_signs_is_read_in_linear_time() -> None:
    """Hostile: the telephone look-back is bounded, so many matches stay fast."""
    import time

    text = "+" + " 1-2" * 20000
    start = time.perf_counter()
    found = range_spans(text)
    assert time.perf_counter() - start < 2 and 19990 < len(found) < 20000


def test_ranges_in_arabic_indic_and_persian_digits_are_found_apart() -> None:
    """Arabic-Indic (AN) and Persian (EN) digits are drawn right to left in right-to-left
    text: their ranges are found by `native_range_spans`, Latin ones are not."""
    text = "بين ٢٠١٦-٢٠٢٥ و ۱۴:۳۰–۱۶:۳۰ و 2016–2025 و ۳-۲"
    found = [text[start:end] for start, end in native_range_spans(text)]
    assert found == ["٢٠١٦-٢٠٢٥", "۱۴:۳۰–۱۶:۳۰"]
    assert respaced("٢٠١٦-٢٠٢٥", "ar") == "٢٠١٦–٢٠٢٥"  # CLDR ar: `y–y`
    assert respaced("۲۰۱۶-۲۰۲۵", "fa") == "۲۰۱۶-۲۰۲۵"  # CLDR fa: `y تا y`, left alone
