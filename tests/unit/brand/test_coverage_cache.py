"""The coverage kept in build/.cache/coverage (brand/fonts.CoverageCache): read only from a
regular, small file inside the output folder; anything else is computed again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefs.brand.fonts import CoverageCache
from briefs.output.writer import Writer

FONT = next(Path("/usr/share/fonts/truetype/dejavu").glob("DejaVuSans.ttf"), None)
pytestmark = pytest.mark.skipif(FONT is None, reason="needs DejaVu Sans (make setup)")


def kept_file(root: Path) -> tuple[CoverageCache, Path, frozenset[int]]:
    """A build's cache after one look-up: its stored file and what it holds."""
    assert FONT is not None
    cache = CoverageCache(root / ".cache" / "coverage", Writer(root), root)
    points = cache.coverage(FONT)
    (stored,) = (root / ".cache" / "coverage").iterdir()
    return cache, stored, points


def fresh(root: Path) -> CoverageCache:
    return CoverageCache(root / ".cache" / "coverage", None, root)


def test_coverage_stored_by_a_build_is_read_by_the_next(tmp_path: Path) -> None:
    _cache, stored, points = kept_file(tmp_path / "build")
    stored.write_text(json.dumps([[65, 66]]), encoding="utf-8")  # what the next run reads
    assert FONT is not None and fresh(tmp_path / "build").coverage(FONT) == {65, 66}
    assert 0x41 in points


@pytest.mark.parametrize("plant", ["nested", "link out", "huge"])
def test_a_planted_coverage_file_is_not_read(tmp_path: Path, plant: str) -> None:
    root = tmp_path / "build"
    _cache, stored, points = kept_file(root)
    outside = tmp_path / "outside.json"
    outside.write_text(json.dumps([[65, 66]]), encoding="utf-8")
    stored.unlink()
    if plant == "nested":
        stored.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    elif plant == "link out":
        stored.symlink_to(outside)
    else:
        stored.write_text(json.dumps([[65, 66]]) + " " * (2 * 1024 * 1024), encoding="utf-8")
    assert FONT is not None and fresh(root).coverage(FONT) == points  # computed again
