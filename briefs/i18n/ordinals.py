"""French ordinal abbreviations (`1er`, `1re`, `2e`, `2de`, `XXIe`), found for superscripting.

The Imprimerie nationale's rules (Lexique des règles typographiques): the suffix of an
abbreviated ordinal is set in superior letters: `1er` `1re` `1ers` `1res` for premier, `2d`
`2de` `2ds` `2des` for second, `2e` `3es` `21e` for the others, and the same after a Roman
numeral (`Ier`, `IIe`, `XXIe`). Forms the rules call wrong (`2ème`, `2è`, `1ère`) are not
ordinals by them and are left as typed, as is anything a number is only next to: `2e-3` or
`1e5` (a number in scientific notation), `#2e2e2e`, `0x3e`, `v1.2e`, and `Le`, `Ce`, `De`,
`Me` (a single Roman letter other than I, V, X is read as a word). Only the suffix is
marked, so the text (and what a reader extracts) stays `1er`.
"""

from __future__ import annotations

import re

ROMAN = r"(?=[IVXLC])(?:C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})"
"""A Roman numeral up to 399 (centuries, kings, republics, arrondissements, volumes)."""
NOT_AFTER = r"(?<![\w.,/@#&%+=:\u00b7])"
"""A number inside a word, a decimal, a path, a colour or a time is no ordinal."""
NOT_BEFORE = r"(?![\w\u00b2\u00b3]|[-+\u2212]?\d|[.@/]\w)"
"""Nor is one followed by a letter, a digit, a signed exponent (`1e-5`) or more of an
address (`2e.fr`)."""
ORDINAL = re.compile(
    NOT_AFTER + "(?:"
    r"(?:1|I)(?P<first>ers?|res?)"             # premier, première
    r"|2(?P<second>des?|ds?)"                  # second, seconde
    r"|(?:[2-9]|[1-9]\d{1,3}|V|X|(?=[IVXLC]{2})" + ROMAN + r")(?P<other>es?)"
    ")" + NOT_BEFORE)


def ordinal_suffixes(text: str) -> list[tuple[int, int]]:
    """The (start, end) offsets of each ordinal suffix in the text, in order."""
    spans = []
    for match in ORDINAL.finditer(text):
        group = next(name for name in ("first", "second", "other") if match.group(name))
        spans.append(match.span(group))
    return spans
