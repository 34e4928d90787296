"""Large fonts cut to an output's characters: small, renumbered, identity CIDs, reproducible."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from briefs.brand.fonts import InstalledFace, find_installed_face
from briefs.brand.subsets import ALWAYS, characters, is_large, prune_subsets, subset_face
from briefs.output.writer import Writer

REPO = Path(__file__).resolve().parents[3]
TEXT = "中小城市及其农村腹地的水安全"


@pytest.fixture(scope="module")
def cjk() -> InstalledFace:
    return find_installed_face("Noto Sans CJK SC", 400, False, "fonts-noto-cjk")


def test_only_fonts_with_many_glyphs_are_large(cjk: InstalledFace) -> None:
    assert is_large(cjk.path, cjk.index)
    assert not is_large(REPO / "styles/civic-blue/fonts/NotoSans-Regular.ttf", 0)


def test_characters_keep_punctuation_and_numerals() -> None:
    points = characters("水", "abc")
    assert ord("水") in points and ord("。") in points and ord("〇") in points
    assert points >= ALWAYS


def test_a_subset_has_only_what_the_text_needs(cjk: InstalledFace, tmp_path: Path) -> None:
    writer = Writer(tmp_path)
    path = subset_face(cjk, characters(TEXT), tmp_path / "doc.zh", writer)
    assert path is not None
    font = TTFont(io.BytesIO(path.read_bytes()))
    cmap = font.getBestCmap()
    assert all(ord(character) in cmap for character in TEXT)
    assert ord("龍") not in cmap
    assert font["maxp"].numGlyphs < 2000  # of 65,535
    assert path.stat().st_size < cjk.path.stat().st_size / 20
    # PDF viewers find a CID-keyed font's glyphs by CID: glyph i must be CID i.
    order = font.getGlyphOrder()
    assert order[1:] == [f"cid{number:05d}" for number in range(1, len(order))]


def test_the_same_text_gives_the_same_file(cjk: InstalledFace, tmp_path: Path) -> None:
    first = subset_face(cjk, characters(TEXT), tmp_path / "a", Writer(tmp_path))
    second = subset_face(cjk, characters(TEXT), tmp_path / "b", Writer(tmp_path))
    other = subset_face(cjk, characters(TEXT + "龍"), tmp_path / "a", Writer(tmp_path))
    assert first is not None and second is not None and other is not None
    assert first.name == second.name and first.read_bytes() == second.read_bytes()
    assert other.name != first.name


def test_pruning_removes_unused_subsets_of_outputs_built(cjk: InstalledFace,
                                                          tmp_path: Path) -> None:
    folder = tmp_path / "subsets"
    old = subset_face(cjk, characters(TEXT), folder / "doc.zh", Writer(tmp_path))
    untouched = subset_face(cjk, characters(TEXT), folder / "other.zh", Writer(tmp_path))
    writer = Writer(tmp_path)  # the next build: only doc.zh, with a new character
    new = subset_face(cjk, characters(TEXT + "龍"), folder / "doc.zh", writer)
    prune_subsets(folder, writer)
    assert new is not None and new.is_file()
    assert old is not None and not old.exists()
    assert untouched is not None and untouched.is_file()
