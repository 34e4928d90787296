"""Author markup (emphasis, links, spans) whose edge falls inside a grapheme cluster, widened.

`क*ि*` puts an element boundary between a consonant and its vowel sign: each side would be
shaped alone (a vowel sign on a dotted circle). Markdown-it's inline tokens are moved so that
an opening tag starts its cluster and a closing tag ends it (the markup is widened to whole
clusters); where widening would cross two elements, the markup that was moved is dropped.
The same pass, on a field's text, gives the warnings that say where and how to fix it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace

from markdown_it.token import Token

from briefs.core.clusters import boundaries

OPAQUE = "\n"
"""Stands for a token with no text of its own (a line break, code, a note call): a control
character, so a cluster never spans it."""
NAMES = {"em": "emphasis", "strong": "strong emphasis", "link": "a link", "s": "strikethrough",
         "span": "a [span]{...}"}


@dataclass(frozen=True)
class Split:
    """Markup that started or ended inside a cluster."""

    markup: str
    cluster: str
    edge: int
    """Where in the cluster the markup's edge was (characters before it)."""
    dropped: bool = False
    """Widened, it would have crossed other markup: left out instead."""

    def message(self) -> str:
        side = "starts" if self.markup.endswith("open") else "ends"
        name = NAMES.get(self.markup.rsplit("_", 1)[0], self.markup)
        done = ("it is left out, as widening it would cross other markup" if self.dropped
                else "it is widened to the whole cluster")
        return (f'{name} {side} inside "{self.cluster}", between "{self.cluster[:self.edge]}" '
                f'and "{self.cluster[self.edge:]}" (a letter with its marks is shaped as one): '
                f"{done}; move the markup so that it encloses whole letters with all their "
                "vowel signs and marks")


def widen_markup(tokens: list[Token]) -> list[Split]:
    """Move the tags among one inline token's children to cluster boundaries (in place);
    what was moved."""
    text, tags, opaque = _layout(tokens)
    if not tags or text.isascii():
        return []  # no markup, or every character a cluster of its own: the usual case
    bounds = boundaries(text)
    places, splits = {}, []
    for index, offset in tags.items():
        opening = tokens[index].nesting > 0
        place = _boundary(offset, bounds, opening)
        if place != offset:
            start = _boundary(offset, bounds, True)
            end = _boundary(offset, bounds, False)
            splits.append(Split(tokens[index].type, text[start:end], offset - start))
        places[index] = place
    if not splits:
        return []
    rebuilt = _rebuilt(tokens, text, places, opaque)
    if not _well_nested(rebuilt):
        moved = {index for index, offset in tags.items() if places[index] != offset}
        dropped = _pairs_of(tokens, moved)
        kept = {index: offset for index, offset in tags.items() if index not in dropped}
        rebuilt = _rebuilt(tokens, text, kept, opaque)
        splits = [replace(split, dropped=True) for split in splits]
    tokens[:] = rebuilt
    return splits


def _layout(tokens: list[Token]) -> tuple[str, dict[int, int], dict[int, int]]:
    """The children's text, each tag's offset in it, and each opaque token's offset."""
    text, tags, opaque = "", {}, {}
    for index, token in enumerate(tokens):
        if token.type == "text":
            text += token.content
        elif token.nesting:
            tags[index] = len(text)
        else:
            opaque[len(text)] = index
            text += OPAQUE
    return text, tags, opaque


def _boundary(offset: int, bounds: list[int], before: bool) -> int:
    if before:
        return bounds[max(bisect_right(bounds, offset) - 1, 0)]
    return bounds[min(bisect_left(bounds, offset), len(bounds) - 1)]


def _rebuilt(tokens: list[Token], text: str, places: dict[int, int],
             opaque: dict[int, int]) -> list[Token]:
    at: dict[int, list[Token]] = {}
    for index, place in sorted(places.items(), key=lambda item: (item[1], item[0])):
        at.setdefault(place, []).append(tokens[index])
    result: list[Token] = []
    buffer = ""
    for position in range(len(text) + 1):
        if position in at:
            result += _flushed(buffer) + at[position]
            buffer = ""
        if position == len(text):
            break
        if position in opaque:
            result += [*_flushed(buffer), tokens[opaque[position]]]
            buffer = ""
        else:
            buffer += text[position]
    return result + _flushed(buffer)


def _flushed(buffer: str) -> list[Token]:
    return [Token("text", "", 0, content=buffer)] if buffer else []


def _well_nested(tokens: list[Token]) -> bool:
    stack: list[str] = []
    for token in tokens:
        if token.nesting > 0:
            stack.append(token.type.rsplit("_", 1)[0])
        elif token.nesting < 0 and (not stack
                                    or stack.pop() != token.type.rsplit("_", 1)[0]):
            return False
    return not stack


def _pairs_of(tokens: list[Token], indexes: set[int]) -> set[int]:
    """The indexes, with the tag that opens or closes each of them."""
    stack: list[int] = []
    paired = set(indexes)
    for index, token in enumerate(tokens):
        if token.nesting > 0:
            stack.append(index)
        elif token.nesting < 0 and stack:
            opener = stack.pop()
            if opener in indexes or index in indexes:
                paired |= {opener, index}
    return paired
