"""pebble's polling period, shortened while a build that ends its workers waits for its end."""

from __future__ import annotations

QUICK_SECONDS = 0.01
"""The period of pebble's pool threads while a one-build renderer is ending (pebble's own is
0.1 s): joining a pool waits for two of those threads' sleeps, 10 to 150 ms of a
one-document build's wall time, 10 to 30 ms with this; 100 wake-ups a second of the
threads of a pool cost the main process no CPU measurably over a one-second build
(docs/performance.md)."""

_SAVED: list[float] = []


def _consts() -> object | None:
    """pebble's internal constants (`pebble.common.CONSTS`), if this pebble has them."""
    try:
        from pebble.common import CONSTS
    except ImportError:  # pragma: no cover - another pebble: its own period is kept
        return None
    return CONSTS if isinstance(getattr(CONSTS, "sleep_unit", None), float) else None


def shorten() -> None:
    """Poll every QUICK_SECONDS from now until `restore` (the threads take the new period at
    their next wake-up: call this a while before the pools are joined)."""
    consts = _consts()
    if consts is not None and not _SAVED:
        _SAVED.append(consts.sleep_unit)  # type: ignore[attr-defined]
        consts.sleep_unit = min(QUICK_SECONDS, _SAVED[0])  # type: ignore[attr-defined]


def restore() -> None:
    """pebble's own period again (long-lived pools then cost no CPU in their waits)."""
    consts = _consts()
    if consts is not None and _SAVED:
        consts.sleep_unit = _SAVED.pop()  # type: ignore[attr-defined]
