"""Font files a brand declares: installed faces found with fontconfig, and their coverage."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from briefs.output.writer import Writer

FONTCONFIG_WEIGHTS = {100: 0, 200: 40, 300: 50, 400: 80, 500: 100, 600: 180, 700: 200,
                      800: 205, 900: 210}
INSTALLED_FONTS_DIR = ".fonts"
FONTS_OWNER = "installed fonts"
COVERAGE_OWNER = "the glyph coverage cache"


class FontProblem(ValueError):
    """A declared font that cannot be found or read, with what to do about it."""


@dataclass(frozen=True)
class InstalledFace:
    """A face of an installed font file (a collection holds several faces)."""

    path: Path
    index: int


def find_installed_face(name: str, weight: int, italic: bool, package: str | None) -> InstalledFace:
    """Ask fontconfig for an installed family at a weight; refuse a look-alike substitute.

    A face found is remembered for the process (a `fc-match` run costs milliseconds, and the
    preview loads its brands on every save) while its file is unchanged; a face not found is
    asked again next time, so installing it helps at once.
    """
    key = (name, weight, italic)
    known = _FOUND.get(key)
    if known is not None and known[1] == _version(known[0].path):
        return known[0]
    face = _match_installed_face(name, weight, italic, package)
    _FOUND[key] = (face, _version(face.path))
    return face


_FOUND: dict[tuple[str, int, bool], tuple[InstalledFace, tuple[int, int] | None]] = {}


def _version(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns


def _match_installed_face(name: str, weight: int, italic: bool,
                          package: str | None) -> InstalledFace:
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


def face_file_name(face: InstalledFace, version: str) -> str:
    """`<stem>-<face index>-<version>.otf|.ttf`: a standalone file for one face of `face`'s
    font, named by what it is made from (never a path or a date)."""
    suffix = ".otf" if face.path.suffix.lower() in {".otf", ".ttc", ".otc"} else ".ttf"
    return f"{face.path.stem}-{face.index}-{version}{suffix}"


def materialize(face: InstalledFace, folder: Path, writer: Writer) -> Path:
    """Copy one face into `folder` (inside the output folder) as a standalone font file.

    WeasyPrint cannot pick a face out of a font collection (.ttc), and its fetcher only reads
    workspace files; so the face is extracted once and reused while its source is unchanged.
    """
    # The name must not depend on the machine (paths, dates): WeasyPrint derives resource names
    # in the PDF from it. The source's size stands in for its version.
    target = folder / face_file_name(face, str(face.path.stat().st_size))
    if target.is_file():
        writer.claim(target, FONTS_OWNER)
        return target

    def extract(temporary: Path) -> None:
        if face.path.suffix.lower() in {".ttc", ".otc"}:
            from fontTools.ttLib import TTCollection

            collection = TTCollection(str(face.path), lazy=True, recalcTimestamp=False)
            collection.fonts[face.index].save(str(temporary))
        else:
            shutil.copyfile(face.path, temporary)

    writer.produce(target, FONTS_OWNER, extract)
    return target


@dataclass
class CoverageCache:
    """Code points each font face covers, remembered in memory and in `folder` between runs.

    Reading the cmap of a CJK font takes a tenth of a second, which a quick check cannot
    afford. A build passes a `writer` and fills the folder; `briefs check` only reads it.
    """

    folder: Path | None = None
    writer: Writer | None = None
    _faces: dict[tuple[str, int, int, int], frozenset[int]] = field(default_factory=dict)
    _unions: dict[tuple[tuple[str, int, int, int], ...], frozenset[int]] = field(
        default_factory=dict)

    def coverage(self, path: Path, index: int = 0) -> frozenset[int]:
        """Every code point the font (face `index` of a collection) maps to a glyph."""
        return self._face(self._key(path, index))

    def union(self, faces: list[tuple[Path, int]]) -> frozenset[int]:
        """Code points covered by any of `faces`; keyed by size and mtime too, so a long-lived
        process (the preview) sees a changed font."""
        keys = tuple(self._key(path, index) for path, index in faces)
        if keys not in self._unions:
            points: set[int] = set()
            for key in keys:
                points |= self._face(key)
            self._unions[keys] = frozenset(points)
        return self._unions[keys]

    @staticmethod
    def _key(path: Path, index: int) -> tuple[str, int, int, int]:
        stat = path.stat()
        return (str(path), index, stat.st_size, stat.st_mtime_ns)

    def _face(self, key: tuple[str, int, int, int]) -> frozenset[int]:
        if key not in self._faces:
            self._faces[key] = self._load(key)
        return self._faces[key]

    def _load(self, key: tuple[str, int, int, int]) -> frozenset[int]:
        stored = None
        if self.folder is not None:
            name = hashlib.sha256("|".join(map(str, key)).encode()).hexdigest()[:24]
            stored = self.folder / f"{name}.json"
            try:
                ranges = json.loads(stored.read_text(encoding="utf-8"))
                return frozenset(p for start, end in ranges for p in range(start, end + 1))
            except (OSError, ValueError, TypeError):
                pass
        from fontTools.ttLib import TTFont

        font = TTFont(key[0], lazy=True, fontNumber=key[1])
        points = frozenset(font.getBestCmap() or {})
        if stored is not None and self.writer is not None:
            self.writer.write_text(stored, json.dumps(_ranges(points)), COVERAGE_OWNER)
        return points


def _ranges(points: frozenset[int]) -> list[list[int]]:
    ranges: list[list[int]] = []
    for point in sorted(points):
        if ranges and ranges[-1][1] == point - 1:
            ranges[-1][1] = point
        else:
            ranges.append([point, point])
    return ranges
