"""Colours a brand's stylesheet writes out that are its own tokens (they should be var()s)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from briefs.brand.colors import normalized_color

COLOR_FUNCTIONS = {"rgb", "rgba", "hsl", "hsla", "hwb", "lab", "lch", "oklab", "oklch",
                   "color", "device-cmyk"}


@dataclass(frozen=True)
class Literal:
    """A colour written out in a declaration, that a token of the brand holds."""

    line: int
    column: int
    written: str
    token: str


def token_literals(source: str, tokens: dict[str, str]) -> list[Literal]:
    """Every colour in the declarations of `source` whose value is one of `tokens`
    (name -> normalised colour): a brand copied from this one, with other colours, would
    keep printing it."""
    import tinycss2

    names = {value: name for name, value in reversed(tokens.items())}
    found = []
    for token in _values(tinycss2.parse_stylesheet(source, skip_comments=True,
                                                   skip_whitespace=True)):
        written = token.serialize()
        try:
            value = normalized_color(written)
        except ValueError:
            continue
        if value in names:
            found.append(Literal(token.source_line, token.source_column, written, names[value]))
    return found


def _values(rules: list[Any]) -> Iterator[Any]:
    """The colour-like tokens (hashes and colour functions) in every declaration's value,
    inside @media and other nested rules too."""
    import tinycss2

    for rule in rules:
        if rule.type not in ("qualified-rule", "at-rule") or rule.content is None:
            continue
        for item in tinycss2.parse_blocks_contents(rule.content, skip_comments=True,
                                                   skip_whitespace=True):
            if item.type == "declaration":
                yield from _colours(item.value)
            elif item.type in ("qualified-rule", "at-rule"):
                yield from _values([item])


def _colours(tokens: list[Any]) -> Iterator[Any]:
    for token in tokens:
        if token.type == "hash":
            yield token
        elif token.type == "function":
            if token.lower_name in COLOR_FUNCTIONS:
                yield token
            else:
                yield from _colours(token.arguments)
