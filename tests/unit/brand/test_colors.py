"""Derived colours: the accent as text on the primary band always meets WCAG AA."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from coloraide import Color

from briefs.brand.colors import AA_NORMAL_TEXT, readable_on

ENDS = ("#ffffff", "#1d1d1b")


def ratio(a: str, b: str) -> float:
    return float(Color(a).contrast(Color(b), method="wcag21"))


def test_an_accent_that_already_reads_is_kept() -> None:
    assert readable_on("#ffcc00", "#0a4f8f", ENDS) == "#ffcc00"


@pytest.mark.parametrize(("accent", "primary"), [
    ("#b34a22", "#0a4f8f"),  # the policy brief's kicker: 1.55:1 before
    ("#0a4f8f", "#0a4f8f"),  # an accent equal to the primary colour: invisible before
    ("#2e7d32", "#1b5e20"),
    ("#0a4f8f", "#f0f0f0"),  # a light band: mixed toward the text colour, not the paper
])
def test_a_faint_accent_is_mixed_until_it_reads(accent: str, primary: str) -> None:
    mixed = readable_on(accent, primary, ENDS)
    assert ratio(mixed, primary) >= AA_NORMAL_TEXT, mixed
    assert ratio(accent, primary) < AA_NORMAL_TEXT or mixed == accent


def test_press_colours_are_left_as_they_are() -> None:
    cmyk = "device-cmyk(0 0.6 1 0)"
    assert readable_on(cmyk, "#0a4f8f", ENDS) == cmyk


def test_a_readable_colour_is_kept_between_builds_and_a_planted_one_refused(
        tmp_path: Path) -> None:
    from briefs.brand.colors import kept_readable
    from briefs.output.writer import Writer
    from briefs.render.signed_store import SignedStore

    folder, writer = tmp_path / "build" / ".cache" / "colors", Writer(tmp_path / "build")
    expected = readable_on("#e8772e", "#0a4f8f", ENDS)
    first = SignedStore(folder, writer, b"k" * 32, ".txt")
    assert kept_readable(first.kept, "#e8772e", "#0a4f8f", ENDS) == expected
    (stored,) = folder.iterdir()
    asked: list[object] = []

    def counted(parts: object, make: Callable[[], bytes]) -> bytes:
        found = SignedStore(folder, writer, b"k" * 32, ".txt").kept(
            parts, lambda: asked.append(parts) or make())  # type: ignore[func-returns-value]
        return found

    assert kept_readable(counted, "#e8772e", "#0a4f8f", ENDS) == expected
    assert asked == []  # the next build's session found it
    stored.write_bytes(stored.read_bytes()[:32] + b"#ff00ff")  # planted, not signed so
    assert kept_readable(counted, "#e8772e", "#0a4f8f", ENDS) == expected
    assert kept_readable(lambda parts, make: b"</style><script>", "#e8772e", "#0a4f8f",
                         ENDS) == expected  # whatever a store gives, only #rrggbb is used
