"""CI sharding: split targets into N deterministic, balanced shares."""

from __future__ import annotations

import re
from typing import Protocol, TypeVar

import click

KIND_COST = {"key-messages": 4.0, "flyer": 1.0}
SCRIPT_COST = {"Hans": 2.0, "Hant": 2.0, "Jpan": 2.0, "Kore": 2.0}


class Shardable(Protocol):
    @property
    def id(self) -> str: ...


T = TypeVar("T", bound=Shardable)


def parse_shard(text: str) -> tuple[int, int]:
    """"2/4" -> (2, 4); K counts from 1."""
    match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", text)
    if not match or not 1 <= int(match[1]) <= int(match[2]):
        raise click.UsageError(f'--shard takes K/N with 1 <= K <= N, e.g. 2/4 (got "{text}")')
    return int(match[1]), int(match[2])


def estimated_cost(target: object) -> float:
    """A rough, input-only estimate of render time: kind, script, profile."""
    from .formatting import locale_script

    document = getattr(target, "document", None)
    kind = getattr(document, "kind", "") if document is not None else ""
    locale = getattr(target, "locale", "en")
    return KIND_COST.get(kind, 2.0) * SCRIPT_COST.get(locale_script(locale) or "", 1.0)


def assign(targets: list[T], count: int) -> list[list[T]]:
    """Longest-first greedy partition into `count` shares; ties broken by id (stable)."""
    shares: list[list[T]] = [[] for _ in range(count)]
    loads = [0.0] * count
    for target in sorted(targets, key=lambda t: (-estimated_cost(t), t.id)):
        lightest = min(range(count), key=lambda index: (loads[index], index))
        shares[lightest].append(target)
        loads[lightest] += estimated_cost(target)
    return shares


def select_shard(targets: list[T], index: int, count: int) -> list[T]:
    """The targets of share `index` (1-based) of `count`, in their original order."""
    chosen = {id(t) for t in assign(targets, count)[index - 1]}
    return [target for target in targets if id(target) in chosen]
