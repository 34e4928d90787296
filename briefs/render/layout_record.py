"""What a render's page-count search settled on, kept signed so that the next render of the
same inputs lays the document out once instead of searching again.

A render lays an output out, and when it is too long or leaves a near-empty last page it
tries fit steps (`render/copyfit.py`, `render/page_count.py`): each try is a whole layout,
and the sample's key-messages brief needs four where `weasyprint` makes one. The layout
depends only on the job's HTML, options, fit plan, the files the renderer read and the
versions of the toolkit, which the build cache's key and dependency hashes already cover
(`pipeline/cache.py`); given the same inputs, the search ends on the same CSS, so the
result of the last search is replayed: one layout with the CSS it chose, and the steps and
warnings it reported. A replayed layout whose page count differs from the record is thrown
away and the search made as before.

The record lives in `build/.cache/outputs.json`, which belongs to the workspace (a
committed `build/`, a restored CI cache): its CSS is used only when it carries an HMAC made
with the user's key outside the workspace (`core/user_cache.signing_key`) over the output's cache
key and the record, as stored charts and compiled templates are.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass, field
from typing import Any

from briefs.core.diagnostics import Problem

MAX_CSS_CHARS = 64 * 1024
"""A record whose CSS is longer than this is not read (fit steps are a few hundred)."""


@dataclass(frozen=True)
class LayoutRecord:
    """The CSS of the layout a render kept, its page count, fit steps and page warnings."""

    css: str
    pages: int
    fitted: tuple[str, ...] = ()
    warnings: tuple[Problem, ...] = field(default_factory=tuple)

    def as_plain(self) -> dict[str, Any]:
        return {"css": self.css, "pages": self.pages, "fitted": list(self.fitted),
                "warnings": [problem.as_plain() for problem in self.warnings]}

    @classmethod
    def from_plain(cls, data: object) -> LayoutRecord | None:
        """The record `as_plain` wrote, or None when `data` is not one."""
        if not isinstance(data, dict):
            return None
        css, pages = data.get("css"), data.get("pages")
        fitted, warnings = data.get("fitted"), data.get("warnings")
        if not isinstance(css, str) or len(css) > MAX_CSS_CHARS or type(pages) is not int \
                or pages < 1 or not isinstance(fitted, list) \
                or not all(isinstance(step, str) for step in fitted) \
                or not isinstance(warnings, list):
            return None
        problems = [Problem.from_plain(item) for item in warnings]
        if any(problem is None for problem in problems):
            return None
        return cls(css, pages, tuple(fitted), tuple(p for p in problems if p is not None))


def _signature(key: bytes, cache_key: str, plain: dict[str, Any]) -> str:
    payload = cache_key.encode("utf-8") + b"\0" + json.dumps(
        plain, sort_keys=True).encode("utf-8")
    return hmac.new(key, payload, hashlib.sha256).hexdigest()


def sealed(record: LayoutRecord, cache_key: str, key: bytes) -> dict[str, Any]:
    """The record as JSON, signed for the output whose cache key is `cache_key`."""
    plain = record.as_plain()
    return {"record": plain, "hmac": _signature(key, cache_key, plain)}


def opened(data: object, cache_key: str, key: bytes | None) -> LayoutRecord | None:
    """The record `sealed` wrote for `cache_key` with `key`; None when there is none, when it
    is malformed, or when its signature is not this user's for this output."""
    if key is None or not isinstance(data, dict):
        return None
    plain, signature = data.get("record"), data.get("hmac")
    if not isinstance(plain, dict) or not isinstance(signature, str):
        return None
    try:
        expected = _signature(key, cache_key, plain)
    except (TypeError, ValueError):  # not JSON-able: not something `sealed` wrote
        return None
    if not hmac.compare_digest(signature, expected):
        return None
    return LayoutRecord.from_plain(plain)
