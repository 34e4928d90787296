"""French spacing around punctuation."""

from __future__ import annotations

from briefs.i18n.punctuation import french_spacing


def test_a_typed_space_becomes_a_no_break_one() -> None:
    assert french_spacing("récoltes : planifier ; oui ! non ?") == \
        "récoltes\u00a0: planifier\u202f; oui\u202f! non\u202f?"


def test_a_missing_space_is_added_after_a_letter_only() -> None:
    assert french_spacing("Pourquoi? Oui!") == "Pourquoi\u202f? Oui\u202f!"
    assert french_spacing("à 09:30 et https://x.example/?a=1") == \
        "à 09:30 et https://x.example/?a=1"


def test_guillemets_hold_narrow_no_break_spaces_and_nothing_doubles() -> None:
    once = french_spacing("« 70 % » et «eau»")
    assert once == "«\u202f70 %\u202f» et «\u202feau\u202f»"
    assert french_spacing(once) == once
