"""Extended grapheme cluster boundaries (Unicode 15.1 rules, Indic conjuncts included).

Markup put around a run of text must start and end on these boundaries: a cluster cut in two
is shaped as two pieces (a broken conjunct, a vowel sign on a dotted circle). The rules come
from the Rust `unicode-segmentation` crate (through `unicode-segmentation-rs`), which follows
UAX #29 including GB9c, so that `क्ष` is one cluster; Python's own `re` knows no clusters.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from itertools import accumulate

import unicode_segmentation_rs

LETTER_OR_DIGIT = re.compile(r"[^\W_]")
"""A character `str.isalnum()` holds for (`re`'s word characters are those and `_`)."""


def clusters(text: str) -> list[str]:
    """The text's extended grapheme clusters, in order."""
    return list(unicode_segmentation_rs.graphemes(text, True))


def boundaries(text: str) -> list[int]:
    """Character offsets at which a cluster starts, and the text's length."""
    return [0, *accumulate(map(len, unicode_segmentation_rs.graphemes(text, True)))]


def widen(start: int, end: int, bounds: list[int]) -> tuple[int, int]:
    """The smallest span made of whole clusters that holds `start:end`."""
    before = bounds[max(bisect_right(bounds, start) - 1, 0)]
    after = bounds[min(bisect_left(bounds, end), len(bounds) - 1)]
    return before, after


def word_mask(text: str, is_letter: str = "a") -> str:
    """The text with every character of a cluster that starts with a letter or digit replaced
    by `is_letter` (same length), so that a pattern over the mask finds whole-cluster words:
    vowel signs, viramas, nuktas and joiners belong to the letter they follow."""
    found = clusters(text)
    if len(found) == len(text):  # each cluster one character (most text): `re` does it in C
        return LETTER_OR_DIGIT.sub(is_letter, text)
    masked: list[str] = []
    for cluster in found:
        first = cluster[0]
        word = first.isalnum()
        masked.append(is_letter * len(cluster) if word else cluster)
    return "".join(masked)
