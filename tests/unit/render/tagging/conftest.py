"""Each tagging test starts with no font runs kept from another test (font_runs.py): a test
that empties a font's free glyph ids must not be answered from another test's run. And the
font files fontTools parses, for the tests that count them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from briefs.render.tagging import font_edits
from briefs.render.tagging.font_runs import KEPT


@pytest.fixture(autouse=True)
def _no_kept_font_runs() -> Iterator[None]:
    KEPT.clear()
    yield
    KEPT.clear()


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """The font files fontTools parses, in order."""
    seen: list[bytes] = []
    real = font_edits.parse

    def counted(copies: Any) -> bool:
        seen.append(b"".join(copies.stream.stream))
        return real(copies)

    monkeypatch.setattr(font_edits, "parse", counted)
    return seen
