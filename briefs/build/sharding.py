"""CI sharding: split targets into N deterministic, balanced shares."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from briefs.i18n.formatting import locale_script

if TYPE_CHECKING:
    from briefs.build.targets import Target

SCRIPT_COST: dict[str, float] = {}
"""Extra cost of a script, by ISO 15924 code. Chinese used to take twice as long (its fonts
were embedded whole); cut to each output's characters, they cost what Latin fonts do
(measured: `make bench`), so no script costs more today."""


class BadShard(ValueError):
    """A --shard value that is not K/N with 1 <= K <= N."""


def parse_shard(text: str) -> tuple[int, int]:
    """"2/4" -> (2, 4); K counts from 1."""
    match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", text)
    if not match or not 1 <= int(match[1]) <= int(match[2]):
        raise BadShard(f'--shard takes K/N with 1 <= K <= N, e.g. 2/4 (got "{text}")')
    return int(match[1]), int(match[2])


def estimated_cost(target: Target, extra: float = 0.0) -> float:
    """A rough, input-only estimate of render time: the kind's cost times the script's, plus
    `extra`, the cost of the other output formats made of it."""
    return target.document.kind.cost * SCRIPT_COST.get(locale_script(target.locale) or "",
                                                       1.0) + extra


def assign(targets: list[Target], count: int, extra: float = 0.0) -> list[list[Target]]:
    """Longest-first greedy partition into `count` shares; ties broken by id (stable)."""
    shares: list[list[Target]] = [[] for _ in range(count)]
    loads = [0.0] * count
    for target in sorted(targets, key=lambda t: (-estimated_cost(t, extra), t.id)):
        lightest = min(range(count), key=lambda index: (loads[index], index))
        shares[lightest].append(target)
        loads[lightest] += estimated_cost(target, extra)
    return shares


def select_shard(targets: list[Target], index: int, count: int,
                 extra: float = 0.0) -> list[Target]:
    """The targets of share `index` (1-based) of `count`, in their original order."""
    chosen = {id(t) for t in assign(targets, count, extra)[index - 1]}
    return [target for target in targets if id(target) in chosen]
