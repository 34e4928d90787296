"""French ordinal suffixes: found where the Imprimerie nationale abbreviates, nowhere else."""

from __future__ import annotations

import pytest

from briefs.i18n.ordinals import ordinal_suffixes


def marked(text: str) -> str:
    out, last = "", 0
    for start, end in ordinal_suffixes(text):
        out += f"{text[last:start]}^{text[start:end]}"
        last = end
    return out + text[last:]


@pytest.mark.parametrize(("text", "expected"), [
    ("le 1er janvier", "le 1^er janvier"),
    ("la 1re fois, les 1ers et les 1res", "la 1^re fois, les 1^ers et les 1^res"),
    ("la 2de, les 2ds, le 2d", "la 2^de, les 2^ds, le 2^d"),
    ("la 2e, les 3es, le 21e, le 100e.", "la 2^e, les 3^es, le 21^e, le 100^e."),
    ("François Ier, la Ire, le IIe", "François I^er, la I^re, le II^e"),
    ("le XXIe siècle, la Ve République", "le XXI^e siècle, la V^e République"),
    ("les XIe-XIIe siècles (IVe)", "les XI^e-XII^e siècles (IV^e)"),
])
def test_ordinals_get_their_suffix_marked(text: str, expected: str) -> None:
    assert marked(text) == expected


@pytest.mark.parametrize("text", [
    "Le Ce De Me Vie Cie Die Mie Lie",      # words, and a single L, C, D or M
    "1e 11 2ème 2è 1ère 2nd 2nde 2eme",     # not the abbreviations the rules give
    "1e-5 2e5 2e+3 2e\u22123 6,02e23",       # scientific notation
    "#2e2e2e 0x3e v1.2e 3,2e H2e 10:2e",    # colours, hex, versions, decimals, times
    "https://a.fr/2e-edition a@2e.fr 2e.fr XXIer VIE",
])
def test_other_text_is_left_alone(text: str) -> None:
    assert ordinal_suffixes(text) == []
