"""Font files a brand declares: installed faces found with fontconfig, and their coverage."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import subprocess
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

from briefs.core.kept import KeptFacts, plain_json
from briefs.core.paths import file_sha256
from briefs.output.writer import Writer

FONTCONFIG_WEIGHTS = {100: 0, 200: 40, 300: 50, 400: 80, 500: 100, 600: 180, 700: 200,
                      800: 205, 900: 210}
INSTALLED_FONTS_DIR = ".fonts"
FONTS_OWNER = "installed fonts"
COVERAGE_OWNER = "the glyph coverage cache"
MAX_CODE_POINT = 0x10FFFF
MAX_RANGES_BYTES = 1024 * 1024
"""A stored coverage file larger than this is not read (the 13-script sample's largest: 36 KB)."""


class FontProblem(ValueError):
    """A declared font that cannot be found or read, with what to do about it."""

    def __init__(self, message: str, subject: str = "") -> None:
        super().__init__(message)
        self.subject = subject
        """How brand.yaml names the font (its family, or its file's name)."""


@dataclass(frozen=True)
class InstalledFace:
    """A face of an installed font file (a collection holds several faces)."""

    path: Path
    index: int


def find_installed_face(name: str, weight: int, italic: bool, package: str | None,
                        facts: KeptFacts | None = None) -> InstalledFace:
    """Ask fontconfig for an installed family at a weight; refuse a look-alike substitute.

    A face found is remembered for the process (a `fc-match` run costs milliseconds, and the
    preview loads its brands on every save) and, with `facts` (a build's signed store in
    `build/.cache`), kept between builds, both while its file is unchanged and fontconfig
    is set up as it was (`_facts_key`: no font installed or removed, the same configuration);
    a face not found is asked again next time, so installing it helps at once. This is the one
    place a face is kept: one found in the process's memory (a server, the preview, a test)
    is kept in `facts` too when they do not hold it yet, so a later process finds it there.
    """
    key = (name, weight, italic)
    question = _facts_key(key)
    face = _known(key, question)
    recalled = _recall(question, facts) if facts is not None else None
    if face is None:
        face = recalled or _match_installed_face(name, weight, italic, package)
    _FOUND[key] = (face, (_version(face.path), question))
    if facts is not None and recalled != face:
        _remember(question, face, facts)
    return face


def _known(key: tuple[str, int, bool], question: dict[str, object]) -> InstalledFace | None:
    """The face this process found, while its file (size and time) and what fontconfig's
    answer depends on (`question`, `_facts_key`) are unchanged."""
    known = _FOUND.get(key)
    if known is not None and known[1] == (_version(known[0].path), question):
        return known[0]
    return None


_FOUND: dict[tuple[str, int, bool], tuple[InstalledFace, tuple[object, ...]]] = {}
FONT_FOLDERS = ("/var/cache/fontconfig", "~/.cache/fontconfig", "/usr/share/fonts",
                "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts")
"""Where installing or removing a font shows (fontconfig's caches, the usual font folders):
a face remembered in a long-lived process (the preview, the build server) is asked for
again when one of them changed, so a newly installed weight is found."""


def _fontconfig_state() -> tuple[tuple[int, int] | None, ...]:
    return tuple(_version(Path(folder).expanduser()) for folder in FONT_FOLDERS)
MAX_LOOKUPS_AT_ONCE = 8


def look_up_installed_faces(wanted: Iterable[tuple[str, int, bool, str | None]],
                            facts: KeptFacts | None = None) -> None:
    """Ask fontconfig for several faces at once (each `fc-match` run mostly waits for its
    process: a brand with a dozen system faces took 0.1 s one after the other). The threads
    find them for the process (the store is not shared between threads); each face found
    is then kept by `find_installed_face`, with `facts`, from what they found (no question
    asked again). What is not found is asked (and reported) again when it is needed."""
    def look_up(face: tuple[str, int, bool, str | None]) -> None:
        with suppress(FontProblem):
            find_installed_face(*face)

    def unknown(face: tuple[str, int, bool, str | None]) -> bool:
        question = _facts_key(face[:3])
        return _known(face[:3], question) is None and (
            facts is None or _recall(question, facts) is None)

    unique = [face for face in dict.fromkeys(wanted) if unknown(face)]
    if len(unique) < 2:
        return
    with ThreadPoolExecutor(max_workers=min(MAX_LOOKUPS_AT_ONCE, len(unique))) as pool:
        list(pool.map(look_up, unique))
    if facts is not None:
        for face in unique:
            if _known(face[:3], _facts_key(face[:3])) is not None:  # found, not asked again
                find_installed_face(*face, facts)


FONTCONFIG_SETUP = ("/etc/fonts", "/etc/fonts/conf.d", "/etc/fonts/fonts.conf",
                    "~/.config/fontconfig", "~/.config/fontconfig/fonts.conf",
                    "~/.config/fontconfig/conf.d")
"""fontconfig's own configuration (aliases, preferred families): a face remembered or kept
between builds is asked for again when one of these changed..."""
FONTCONFIG_VARIABLES = ("FONTCONFIG_FILE", "FONTCONFIG_PATH", "FONTCONFIG_SYSROOT",
                        "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "HOME")
"""...or when one of these environment variables, which move it, is set differently."""


def _facts_key(key: tuple[str, int, bool]) -> dict[str, object]:
    """What a kept `fc-match` answer depends on: the question, the font folders and caches
    (`FONT_FOLDERS`), fontconfig's configuration, and the program asked."""
    program = shutil.which("fc-match")
    return {"fc-match": list(key), "folders": list(_fontconfig_state()),
            "setup": [_version(Path(path).expanduser()) for path in FONTCONFIG_SETUP],
            "environment": [os.environ.get(name) for name in FONTCONFIG_VARIABLES],
            "program": [program, _version(Path(program)) if program else None]}


def _recall(question: dict[str, object], facts: KeptFacts) -> InstalledFace | None:
    """The face a build kept (signed) for the same question and fontconfig set-up
    (`_facts_key`), while its file is the one it was (size and time)."""
    data = facts.recall(question)
    if data is None:
        return None
    try:
        kept = plain_json(data)
        face = InstalledFace(Path(kept["path"]), int(kept["index"]))
        version = tuple(kept["version"])
    except (ValueError, KeyError, TypeError):
        return None
    current = _version(face.path)
    if current is None or current != version or not face.path.is_absolute():
        return None
    return face


def _remember(question: dict[str, object], face: InstalledFace, facts: KeptFacts) -> None:
    version = _version(face.path)
    if version is None:
        return
    facts.remember(question, json.dumps(
        {"path": str(face.path), "index": face.index, "version": list(version)}).encode())


def _version(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except (OSError, ValueError):  # ValueError: a NUL in a path recalled from build/.cache
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
                          f"fc-match failed: {exc}); {how}", name) from exc
    families, file, index = [*result.stdout.splitlines(), "", "", ""][:3]
    if name.lower() not in [family.strip().lower() for family in families.split(",")]:
        raise FontProblem(f'the font "{name}" is not installed on this machine; {how}', name)
    return InstalledFace(Path(file), int(index or 0))


def face_file_name(face: InstalledFace, version: str) -> str:
    """`<stem>-<face index>-<version>.otf|.ttf`: a standalone file for one face of `face`'s
    font, named by what it is made from (never a path or a date)."""
    suffix = ".otf" if face.path.suffix.lower() in {".otf", ".ttc", ".otc"} else ".ttf"
    return f"{face.path.stem}-{face.index}-{version}{suffix}"


def materialize(face: InstalledFace, folder: Path, writer: Writer) -> Path:
    """Copy one face into `folder` (inside the output folder) as a standalone font file.

    WeasyPrint cannot pick a face out of a font collection (.ttc), and its fetcher only reads
    workspace files; so the face is extracted once and reused while its source is unchanged
    and its bytes still match the hash recorded beside it (a truncated or damaged copy, which
    would make text silently invisible, is extracted again).
    """
    # The name must not depend on the machine (paths, dates): WeasyPrint derives resource names
    # in the PDF from it. The source's size stands in for its version.
    target = folder / face_file_name(face, str(face.path.stat().st_size))
    if reuse_verified(target, writer, FONTS_OWNER):
        return target

    def extract(temporary: Path) -> None:
        if face.path.suffix.lower() in {".ttc", ".otc"}:
            from fontTools.ttLib import TTCollection

            collection = TTCollection(str(face.path), lazy=True, recalcTimestamp=False)
            collection.fonts[face.index].save(str(temporary))
        else:
            shutil.copyfile(face.path, temporary)

    produce_verified(target, writer, FONTS_OWNER, extract)
    return target


def reuse_verified(target: Path, writer: Writer, owner: str) -> bool:
    """Whether a font file made by an earlier build can be used: it is there and its bytes
    match the hash recorded beside it (a truncated or damaged copy, which would make text
    silently invisible, is made again). Claims it for `owner` when it can."""
    record = target.with_name(target.name + ".sha256")
    if target.is_file() and not target.is_symlink() and _recorded(record) == file_sha256(target):
        writer.claim(target, owner)
        writer.claim(record, owner)
        return True
    return False


def produce_verified(target: Path, writer: Writer, owner: str,
                     produce: Callable[[Path], None]) -> None:
    """Write a font file through the writer, and the hash `reuse_verified` checks."""
    writer.produce(target, owner, produce)
    writer.write_text(target.with_name(target.name + ".sha256"), file_sha256(target), owner)


def _recorded(record: Path) -> str | None:
    """The hash written beside an extracted font; None when missing (extracted again)."""
    try:
        return record.read_text(encoding="ascii").strip() if not record.is_symlink() else None
    except (OSError, ValueError):
        return None


@dataclass
class CoverageCache:
    """Code points each font face covers, remembered in memory and in `folder` between runs.

    Reading the cmap of a CJK font takes a tenth of a second, which a quick check cannot
    afford. A build passes a `writer` and fills the folder; `briefs check` only reads it.
    """

    folder: Path | None = None
    writer: Writer | None = None
    root: Path | None = None
    """The output folder a stored file must resolve inside (none: nothing stored is read)."""
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
            found = _stored_ranges(stored, self.root)
            if found is not None:
                return found
        points = _read_cmap(Path(key[0]), key[1])
        if stored is not None and self.writer is not None:
            self.writer.write_text(stored, json.dumps(_ranges(points)), COVERAGE_OWNER)
        return points


def _read_cmap(path: Path, index: int) -> frozenset[int]:
    """The code points a font maps to glyphs; FontProblem when the file is not a usable font."""
    from fontTools.ttLib import TTFont

    try:
        with TTFont(path, lazy=True, fontNumber=index) as font:
            return frozenset(font.getBestCmap() or {})
    except Exception as exc:  # fontTools raises many types for damaged files
        raise FontProblem(f"{path.name} is not a usable font ({type(exc).__name__}: {exc}); "
                          "use the font file as its foundry ships it", path.name) from exc


def _stored_ranges(stored: Path, root: Path | None) -> frozenset[int] | None:
    """Coverage remembered by an earlier run, or None when the file is missing, damaged, or
    not a regular file of its own inside the output folder `root` (it is then computed and
    written again): the output folder is the workspace's, and what it holds is input."""
    if root is None:
        return None
    try:
        found = stored.lstat()  # a link, a folder or a pipe is not read (a pipe would block)
        if not stat.S_ISREG(found.st_mode) or found.st_size > MAX_RANGES_BYTES or \
                not stored.resolve().is_relative_to(root.resolve()):
            return None
        ranges = plain_json(stored.read_bytes())
    except OSError:
        return None
    if not isinstance(ranges, list) or not all(
            isinstance(pair, list) and len(pair) == 2
            and all(type(v) is int and 0 <= v <= MAX_CODE_POINT for v in pair)
            and pair[0] <= pair[1] for pair in ranges):
        return None
    return frozenset(p for start, end in ranges for p in range(start, end + 1))


def _ranges(points: frozenset[int]) -> list[list[int]]:
    ranges: list[list[int]] = []
    for point in sorted(points):
        if ranges and ranges[-1][1] == point - 1:
            ranges[-1][1] = point
        else:
            ranges.append([point, point])
    return ranges
