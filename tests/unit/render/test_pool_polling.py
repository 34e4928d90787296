"""pebble's polling period: shortened once, put back once, never lost."""

from __future__ import annotations

from pebble.common import CONSTS

from briefs.render import pool_polling


def test_shortened_twice_and_restored_once_is_pebbles_own_period_again() -> None:
    own = CONSTS.sleep_unit
    pool_polling.restore()  # nothing shortened: nothing to put back
    assert CONSTS.sleep_unit == own
    pool_polling.shorten()
    pool_polling.shorten()  # a second build's results in the same renderer
    assert CONSTS.sleep_unit == pool_polling.QUICK_SECONDS < own
    pool_polling.restore()
    assert CONSTS.sleep_unit == own
    pool_polling.restore()
    assert CONSTS.sleep_unit == own
