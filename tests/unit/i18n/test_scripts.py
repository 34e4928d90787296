"""A locale's script, direction and own name (the locale facts of `i18n/scripts.py`)."""

from __future__ import annotations

from briefs.i18n.scripts import language_name, locale_script, text_direction


def test_direction_and_language_names() -> None:
    assert text_direction("ar") == "rtl" and text_direction("fr") == "ltr"
    assert text_direction("fa") == "rtl" and text_direction("zh") == "ltr"
    assert language_name("fr") == "français"


def test_the_script_a_locale_is_written_in() -> None:
    assert locale_script("zh") == "Hans" and locale_script("zh_Hant") == "Hant"
    assert locale_script("ar") == "Arab" and locale_script("ru") == "Cyrl"
    assert locale_script("sr_Latn") == "Latn"
