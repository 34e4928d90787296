"""Each tagging test starts with no font runs kept from another test (font_runs.py): a test
that empties a font's free glyph ids must not be answered from another test's run."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from briefs.render.tagging.font_runs import KEPT


@pytest.fixture(autouse=True)
def _no_kept_font_runs() -> Iterator[None]:
    KEPT.clear()
    yield
    KEPT.clear()
