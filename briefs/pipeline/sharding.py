"""CI sharding: split targets into N deterministic, balanced shares."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from briefs.i18n.scripts import locale_script

if TYPE_CHECKING:
    from briefs.formats.targets import Target

K = TypeVar("K")

SCRIPT_COST: dict[str, float] = {"Arab": 1.5, "Hans": 1.15, "Hant": 1.15}
"""Extra cost of a script, by ISO 15924 code, measured (renders of the sample's four
documents in one worker, against the same document in French, Spanish and Russian, 2026-12-06):
Arabic 1.4-1.65x (shaping, and the text layer's joiners and spans), Chinese 0.85-1.6x (the
chart labels' CFF glyph copies). Chinese once took twice as long (its fonts were embedded
whole); cut to each output's characters, it costs about what Latin does."""

MAX_SHARDS = 1000
"""The most shares a build may be split into (a CI matrix is tens of jobs at most)."""


class BadShard(ValueError):
    """A --shard value that is not K/N with 1 <= K <= N <= MAX_SHARDS."""


def parse_shard(text: str) -> tuple[int, int]:
    """"2/4" -> (2, 4); K counts from 1."""
    match = re.fullmatch(r" *([0-9]{1,9}) */ *([0-9]{1,9}) *", text)
    if not match or not 1 <= int(match[1]) <= int(match[2]) <= MAX_SHARDS:
        shown = text if text.isprintable() and len(text) <= 40 else repr(text[:40])
        raise BadShard(f"--shard takes K/N with 1 <= K <= N <= {MAX_SHARDS}, e.g. 2/4 (got "
                       f'"{shown}")')
    return int(match[1]), int(match[2])


Extra = Callable[["Target"], float]
"""The cost of the other output formats made of a target (they differ by profile)."""


def estimated_cost(target: Target, extra: Extra | None = None) -> float:
    """A rough, input-only estimate of render time: the kind's cost times the script's, plus
    `extra`'s, the cost of the other output formats made of it."""
    return target.document.kind.cost * SCRIPT_COST.get(locale_script(target.locale) or "",
                                                       1.0) + (extra(target) if extra else 0.0)


def longest_first(targets: list[Target]) -> list[Target]:
    """`targets` by estimated cost, the most costly first (ties in their order): each render
    worker then ends on short outputs, and the two end closer together."""
    return sorted(targets, key=lambda target: -estimated_cost(target))


def assign(targets: list[Target], count: int, extra: Extra | None = None) -> list[list[Target]]:
    """Longest-first greedy partition into `count` shares; ties broken by id (stable)."""
    shares: list[list[Target]] = [[] for _ in range(count)]
    loads = [0.0] * count
    for target in sorted(targets, key=lambda t: (-estimated_cost(t, extra), t.id)):
        lightest = min(range(count), key=lambda index: (loads[index], index))
        shares[lightest].append(target)
        loads[lightest] += estimated_cost(target, extra)
    return shares


def select_shard(targets: list[Target], index: int, count: int,
                 extra: Extra | None = None) -> list[Target]:
    """The targets of share `index` (1-based) of `count`, in their original order."""
    chosen = {id(t) for t in assign(targets, count, extra)[index - 1]}
    return [target for target in targets if id(target) in chosen]


def select_failed(keys: list[K], name: Callable[[K], str], index: int, count: int) -> list[K]:
    """The outputs that could not be planned that share `index` of `count` reports as failed:
    every shard sees the same ones, so each is given to one shard, in turn by name, and the
    shards' counts add up to the whole build's."""
    ordered = sorted(keys, key=name)
    return [key for position, key in enumerate(ordered) if position % count == index - 1]
