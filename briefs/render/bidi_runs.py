"""Runs of text against its direction, as the bidi algorithm sees them: which characters start,
extend and end a run of left-to-right words in right-to-left text (or the mirror), with the
isolates a translator types (LRI, RLI or FSI ... PDI, U+2066-2069) counted as neutrals.

UAX #9 treats an isolate, from its initiator to the matching PDI, as one neutral character of
the text around it (BD13: an isolating run sequence skips what the isolate holds; X5a-X6a
give the initiator and the PDI the level outside): a run goes on across it and never starts
or ends inside it, whatever letters it holds. `words.py` ended a run at any isolate control,
and `ltr_across.py` read the letters inside an isolate as if they were outside (an Arabic
number inside cut the run around it, and a run could start inside the isolate and end after
its PDI, parting the two controls). An initiator without its PDI isolates to the end of the
text scanned (UAX #9: the paragraph); a PDI without its initiator is a neutral. Embedding
controls (LRE, RLE, LRO, RLO) of the other direction end a run, as a strong character does.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

RIGHT_TO_LEFT_TEXT = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff]")
"""Characters of right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko...)."""
TYPED_INITIATOR = re.compile("[\u2066-\u2068]")
"""LRI, RLI or FSI: a text that holds none opens no isolate."""
TYPED_CONTROL = re.compile("[\u2066-\u2069]")
INITIATORS = frozenset({"LRI", "RLI", "FSI"})
START, EXTEND, END, OPEN, CLOSE = "start", "extend", "end", "open", "close"


@dataclass(frozen=True)
class Side:
    """A run against the text's direction: the bidi classes that start and extend it, that end
    it, and the direction of the isolate it goes in."""

    starts: frozenset[str]
    extends: frozenset[str]
    ends: frozenset[str]
    dir: str


IN_RTL = Side(frozenset({"L"}), frozenset({"L"}),
              frozenset({"R", "AL", "AN", "B", "S", "RLE", "RLO"}), "ltr")
"""Left-to-right words in right-to-left text: ended by a right-to-left letter, an
Arabic-Indic number, a tab or a line break (S, B)."""
IN_LTR = Side(frozenset({"R", "AL"}), frozenset({"R", "AL", "AN", "EN"}),
              frozenset({"L", "B", "S", "LRE", "LRO"}), "rtl")
"""Right-to-left words in left-to-right text: numbers after a right-to-left letter belong to
its run (W7 leaves them EN, N1 joins them to it)."""


@cache
def _roles(side: Side) -> dict[str, str]:
    """The role of each bidi class that has one for the side (OPEN, CLOSE: any isolate's)."""
    return {**dict.fromkeys(side.ends, END), **dict.fromkeys(side.extends, EXTEND),
            **dict.fromkeys(side.starts, START), **dict.fromkeys(INITIATORS, OPEN),
            "PDI": CLOSE}


class RunScanner:
    """Reads texts in order for one side's runs, isolates skipped; an isolate may go on from
    one text to the next (the texts and tails of one element's children)."""

    def __init__(self, side: Side) -> None:
        self.side = side
        self.depth = 0
        """How many isolates are open where the last text read ended."""
        self._roles = _roles(side)

    @property
    def isolated(self) -> bool:
        """Whether the last text read ended inside an isolate."""
        return self.depth > 0

    def roles_in(self, text: str) -> set[str]:
        """The roles of `text`'s characters, as `roles` gives them (in one pass over the
        characters when the text holds no isolate control and none is open)."""
        if self.depth or TYPED_CONTROL.search(text):
            return {role for _, _, role in self.roles(text)}
        table, bidirectional = self._roles, unicodedata.bidirectional
        return {role for char in text if (role := table.get(bidirectional(char))) is not None}

    def roles(self, text: str) -> Iterator[tuple[int, int, str]]:
        """(first, last, role) for each stretch of `text` whose characters that matter to
        the side's runs have one role: outside isolates, START (they can start one), EXTEND
        (they only extend one) or END (they end one), the neutrals between them in the
        stretch; OPEN and CLOSE (first == last) for the initiator and the PDI of an isolate
        outside all others. Nothing for what an isolate holds."""
        table, bidirectional = self._roles, unicodedata.bidirectional
        current, first, last = "", -1, -1
        for offset, char in enumerate(text):
            role = table.get(bidirectional(char))
            if role is None:
                continue
            if role == OPEN:
                self.depth += 1
                if self.depth == 1:
                    if current:
                        yield first, last, current
                        current = ""
                    yield offset, offset, OPEN
            elif role == CLOSE:
                if self.depth:
                    self.depth -= 1
                    if not self.depth:
                        yield offset, offset, CLOSE
            elif self.depth:
                continue
            elif role == current:
                last = offset
            else:
                if current:
                    yield first, last, current
                current, first, last = role, offset, offset
        if current:
            yield first, last, current


def run_spans(text: str, side: Side) -> Iterator[tuple[int, int]]:
    """(start, end) of each of the side's runs in one text: from a character that starts one
    to the last that extends it before one that ends it, isolates counted as neutrals."""
    start = end = -1
    for first, last, role in RunScanner(side).roles(text):
        if role == START or (role == EXTEND and start >= 0):
            start, end = first if start < 0 else start, last + 1
        elif role == END and start >= 0:
            yield start, end
            start = -1
    if start >= 0:
        yield start, end
