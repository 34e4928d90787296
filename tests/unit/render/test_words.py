"""The words the typesetting pass guards, and the left-to-right phrases around them."""

from __future__ import annotations

import lxml.html

from briefs.render.words import NO_BREAK, NO_HYPHEN, guard_word, ltr_phrase, ltr_phrase_spans


def _found(text: str) -> list[str]:
    return [text[start:end] for start, end in ltr_phrase_spans(text)]


def test_guarded_words() -> None:
    assert lxml.html.tostring(guard_word("UN-Habitat")).decode() == \
        f'<span class="{NO_BREAK}">UN-Habitat</span>'
    assert guard_word("UNESCO").get("class") == NO_HYPHEN  # type: ignore[union-attr]
    assert guard_word("۳۰-۱۶") == "۳۰-۱۶" and guard_word("water") == "water"


def test_ltr_phrases_that_a_guarded_word_would_cut() -> None:
    assert _found("گزارش World Bank UN-Habitat Report سال") == ["World Bank UN-Habitat Report"]
    assert _found("של the UNESCO, 2025 report ו") == ["the UNESCO, 2025 report"]
    # A number or a right-to-left letter ends the run; a tab or a line break too.
    assert _found("the UNESCO ٢٠٢٥ World Bank") == ["the UNESCO"]
    assert _found("the UNESCO\tWorld UN-Habitat") == ["the UNESCO", "World UN-Habitat"]
    assert _found("A UN-Habitat\nB UNESCO") == ["A UN-Habitat", "B UNESCO"]
    # A typed isolate is a neutral (render/bidi_runs.py): the run goes on across it.
    assert _found("של the UNESCO \u2067שלום\u2069 report ו") == [
        "the UNESCO \u2067שלום\u2069 report"]
    assert _found("של \u2066the UNESCO report ו") == []  # no PDI: isolated to the end


def test_runs_that_need_no_box() -> None:
    assert _found("گزارش UN-Habitat سال") == []  # one word: a box either way
    assert _found("از Civic Habitat Network") == []  # nothing would cut it
    assert _found("") == [] and _found("سال ۲۰۲۵") == []


def test_the_phrase_keeps_its_pieces_in_order() -> None:
    span = guard_word("UN-Habitat")
    phrase = ltr_phrase(["World ", span, " Report"])
    assert lxml.html.tostring(phrase).decode() == (
        f'<bdi dir="ltr">World <span class="{NO_BREAK}">UN-Habitat</span> Report</bdi>')


def test_a_long_text_is_scanned_once() -> None:
    import time

    text = ("World UN-Habitat سال " * 20_000)
    started = time.perf_counter()
    assert len(ltr_phrase_spans(text)) == 20_000
    assert time.perf_counter() - started < 5


def test_rtl_phrases_that_a_guarded_word_would_cut() -> None:
    """In left-to-right text the mirror case: a Hebrew or Arabic phrase holding a word kept
    whole (and the numbers after it) is one run; Latin text, and one word alone, are not."""
    from briefs.render.words import rtl_phrase_spans

    def found(text: str) -> list[str]:
        return [text[start:end] for start, end in rtl_phrase_spans(text)]

    assert found("At the בית בית-ספר גדול school") == ["בית בית-ספר גדול"]
    assert found("the مكتب شبه-جزيرة 2019 in") == ["مكتب شبه-جزيرة 2019"]
    assert found("the בית-ספר school") == []  # one word: one box either way
    assert found("the World Bank UN-Habitat Report") == []
    assert found("the בית ספר גדול school") == []  # nothing cuts it
