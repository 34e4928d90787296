"""Large fonts (CJK) cut down to the characters one output prints, before WeasyPrint sees them."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from briefs.brand.fonts import (
    INSTALLED_FONTS_DIR,
    InstalledFace,
    face_file_name,
    produce_verified,
    reuse_verified,
)
from briefs.output.writer import WriteError, Writer

LARGE_FONT_GLYPHS = 10_000
"""Fonts with more glyphs than this (CJK: about 65,000) are subset for each output.

WeasyPrint subsets embedded fonts but keeps every glyph ID up to the last one used, so a
Chinese page that uses 600 glyphs still carries offsets, widths and charset entries for
60,000: three quarters of a Chinese PDF's bytes. A font first cut to the output's characters
has about a thousand glyph IDs, and the PDF carries only what it prints.
"""
SUBSETS_DIR = f"{INSTALLED_FONTS_DIR}/subsets"
OWNER = "font subsets"
SAFETY_RANGES = ((0x20, 0x7E), (0xA0, 0xFF), (0x2000, 0x206F), (0x3000, 0x303F),
                 (0xFF00, 0xFFEF))
"""Always kept: ASCII, Latin-1, general and CJK punctuation, full-width forms."""
NUMERALS = "〇一二三四五六七八九十百千万"
"""CJK counter styles (cjk-decimal, simp-chinese-informal) may print these."""
ALWAYS = frozenset({point for first, last in SAFETY_RANGES for point in range(first, last + 1)}
                   | {ord(character) for character in NUMERALS})


@dataclass(frozen=True)
class FaceKey:
    """A face of a font file at a given size and modification time (its version)."""

    path: Path
    index: int
    size: int
    mtime_ns: int

    @classmethod
    def of(cls, path: Path, index: int) -> FaceKey:
        stat = path.stat()
        return cls(path, index, stat.st_size, stat.st_mtime_ns)


def is_large(path: Path, index: int) -> bool:
    """Whether the face has so many glyphs that it is subset for each output."""
    return _glyph_count(FaceKey.of(path, index)) > LARGE_FONT_GLYPHS


@lru_cache(maxsize=256)
def _glyph_count(key: FaceKey) -> int:
    import uharfbuzz

    return int(uharfbuzz.Face(uharfbuzz.Blob.from_file_path(str(key.path)), key.index)
               .glyph_count)


def characters(*texts: str) -> frozenset[int]:
    """The code points of `texts`, and those a page may print without them (punctuation,
    numerals of counter styles)."""
    return ALWAYS | {ord(character) for text in texts for character in text}


class SubsetFailed(Exception):
    """HarfBuzz could not subset a font (the whole face is used instead)."""


def subset_face(face: InstalledFace, points: frozenset[int], folder: Path,
                writer: Writer) -> Path | None:
    """A font file with only the glyphs `points` need (layout substitutions included).

    Named by what it is made from (never a path or a date), so identical inputs give
    identical PDFs; kept while in use. Glyph IDs are renumbered and the CFF charset made
    the identity, since PDF viewers find a CID-keyed font's glyphs by CID. None when
    HarfBuzz cannot subset the font.
    """
    import uharfbuzz

    key = FaceKey.of(face.path, face.index)
    recipe = hashlib.sha256(
        f"{uharfbuzz.__version__}|{key.size}|{key.index}|".encode()
        + b",".join(b"%x" % point for point in sorted(points))).hexdigest()[:20]
    target = folder / face_file_name(face, recipe)
    if reuse_verified(target, writer, OWNER):
        return target

    def make(temporary: Path) -> None:
        source = uharfbuzz.Face(uharfbuzz.Blob.from_file_path(str(face.path)), face.index)
        wanted = uharfbuzz.SubsetInput()
        wanted.unicode_set.update(points)
        wanted.flags = uharfbuzz.SubsetFlags.CFF_IDENTITY_CHARSET
        subset = uharfbuzz.subset(source, wanted)
        if subset is None:
            raise SubsetFailed(face.path.name)
        temporary.write_bytes(bytes(subset.blob.data))

    try:
        produce_verified(target, writer, OWNER, make)
    except SubsetFailed:
        return None
    return target


def prune_subsets(folder: Path, writer: Writer) -> None:
    """In each output's subset folder this build used, remove the subsets it did not use
    (made for an earlier version of the text); other outputs' folders are left alone."""
    if not folder.is_dir():
        return
    for output in sorted(path for path in folder.iterdir() if path.is_dir()):
        files = sorted(path for path in output.iterdir() if path.is_file())
        if not any(writer.owner(path) for path in files):
            continue
        for path in files:
            if writer.owner(path) is None:
                try:
                    writer.remove(path, OWNER)
                except WriteError:
                    continue
