"""Font files a brand declares: installed faces found with fontconfig, and their coverage."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .output import atomic_write

FONTCONFIG_WEIGHTS = {100: 0, 200: 40, 300: 50, 400: 80, 500: 100, 600: 180, 700: 200,
                      800: 205, 900: 210}
INSTALLED_FONTS_DIR = ".fonts"


class FontProblem(ValueError):
    """A declared font that cannot be found or read, with what to do about it."""


@dataclass(frozen=True)
class InstalledFace:
    """A face of an installed font file (a collection holds several faces)."""

    path: Path
    index: int


def find_installed_face(name: str, weight: int, italic: bool, package: str | None) -> InstalledFace:
    """Ask fontconfig for an installed family at a weight; refuse a look-alike substitute."""
    pattern = f"{name}:weight={FONTCONFIG_WEIGHTS.get(weight, 80)}"
    if italic:
        pattern += ":slant=100"
    how = f"install the package {package} (make build does)" if package else "install it"
    try:
        result = subprocess.run(
            ["fc-match", "--format=%{family}\n%{file}\n%{index}\n", pattern],
            capture_output=True, text=True, check=True, timeout=30)
    except (OSError, subprocess.SubprocessError) as exc:
        raise FontProblem(f'cannot look up the installed font "{name}" (fontconfig\'s '
                          f"fc-match failed: {exc}); {how}") from exc
    families, file, index = [*result.stdout.splitlines(), "", "", ""][:3]
    if name.lower() not in [family.strip().lower() for family in families.split(",")]:
        raise FontProblem(f'the font "{name}" is not installed on this machine; {how}')
    return InstalledFace(Path(file), int(index or 0))


def materialize(face: InstalledFace, folder: Path) -> Path:
    """Copy one face into `folder` (inside the workspace) as a standalone font file.

    WeasyPrint cannot pick a face out of a font collection (.ttc), and its fetcher only reads
    workspace files; so the face is extracted once and reused while its source is unchanged.
    """
    # The name must not depend on the machine (paths, dates): WeasyPrint derives resource names
    # in the PDF from it. The source's size stands in for its version.
    size = face.path.stat().st_size
    suffix = ".otf" if face.path.suffix.lower() in {".otf", ".ttc", ".otc"} else ".ttf"
    target = folder / f"{face.path.stem}-{face.index}-{size}{suffix}"
    if target.is_file():
        return target
    folder.mkdir(parents=True, exist_ok=True)
    temporary = target.with_suffix(".tmp")
    if face.path.suffix.lower() in {".ttc", ".otc"}:
        from fontTools.ttLib import TTCollection

        collection = TTCollection(str(face.path), lazy=True)
        collection.fonts[face.index].save(str(temporary))
    else:
        shutil.copyfile(face.path, temporary)
    temporary.replace(target)
    return target


COVERAGE_CACHE: Path | None = None
"""Folder where code point coverage is kept between runs (None: memory only). Reading the cmap
of a CJK font takes a tenth of a second, which a no-op build cannot afford."""
COVERAGE_CACHE_WRITABLE = False
"""A build fills the cache; `briefs check` only reads it (it writes nothing)."""


@lru_cache(maxsize=64)
def _coverage(path: str, index: int, size: int, mtime: int) -> frozenset[int]:
    stored = None
    if COVERAGE_CACHE is not None:
        name = hashlib.sha256(f"{path}|{index}|{size}|{mtime}".encode()).hexdigest()[:24]
        stored = COVERAGE_CACHE / f"{name}.json"
        try:
            ranges = json.loads(stored.read_text(encoding="utf-8"))
            return frozenset(p for start, end in ranges for p in range(start, end + 1))
        except (OSError, ValueError, TypeError):
            pass
    from fontTools.ttLib import TTFont

    font = TTFont(path, lazy=True, fontNumber=index)
    points = frozenset(font.getBestCmap() or {})
    if stored is not None and COVERAGE_CACHE_WRITABLE:
        stored.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(stored, json.dumps(_ranges(points)).encode("utf-8"))
    return points


def _ranges(points: frozenset[int]) -> list[list[int]]:
    ranges: list[list[int]] = []
    for point in sorted(points):
        if ranges and ranges[-1][1] == point - 1:
            ranges[-1][1] = point
        else:
            ranges.append([point, point])
    return ranges


def coverage(path: Path, index: int = 0) -> frozenset[int]:
    """Every code point the font (face `index` of a collection) maps to a glyph."""
    stat = path.stat()
    return _coverage(str(path), index, stat.st_size, stat.st_mtime_ns)
