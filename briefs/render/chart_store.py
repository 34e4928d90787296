"""Charts drawn once: their SVG kept by what they show, in memory and, signed, in the cache.

Drawing the sample's charts costs a cold build matplotlib's import (about 0.45 CPU-seconds)
and the drawing itself, for SVG bytes that are the same whenever the spec is (`chart_svg` is
reproducible). A chart is therefore stored in the output folder's cache under the sha256 of
everything that makes its bytes: the spec (data, labels, colours, families, direction), how
its numbers are written (`ChartSpec.number_key`), briefs' own files, and the versions of
matplotlib and Babel. A stored chart ends up in a PDF, and the output folder belongs to the
workspace (a committed `build/`, a restored CI cache), so it is used only when it carries an
HMAC made with the user's key outside the workspace (`bytecode.signing_key`), as compiled
templates are; anything else is drawn again and stored anew.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import hmac
import json
import os
import stat
from collections.abc import Callable
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING

from briefs.core.versions import toolkit_versions

if TYPE_CHECKING:
    from briefs.output.writer import Writer
    from briefs.render.charts import ChartSpec

CHART_OWNER = "the chart cache"
MAX_CHART_BYTES = 4 * 1024 * 1024
"""A stored chart larger than this is not read (the sample's are about 30 KB)."""


@lru_cache(maxsize=1)
def _drawing_versions() -> tuple[str, ...]:
    found = []
    for package in ("matplotlib", "babel"):
        try:
            found.append(f"{package}={version(package)}")
        except PackageNotFoundError:
            found.append(f"{package}=none")
    return tuple(found)


def chart_key(spec: ChartSpec) -> str:
    """The sha256 of everything that makes the chart's bytes."""
    fields = {field.name: getattr(spec, field.name) for field in dataclasses.fields(spec)
              if field.name != "number"}  # a function: `number_key` says what it writes
    fields["fonts"] = [(_file_stamp(path), index) for path, index in spec.fonts]  # measured
    payload = json.dumps({"spec": fields, "toolkit": toolkit_versions(),
                          "drawing": _drawing_versions()}, sort_keys=True, default=repr)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _file_stamp(path: str) -> tuple[str, int, int]:
    """A font file as the chart was measured with it, by its name, size and time: replaced
    in place, the chart is drawn again. Not its folder: the same workspace copied elsewhere
    (a test's copy, a CI job's restored cache with its times kept) finds its charts; not its
    bytes either, which a cold build would read whole (a CJK collection is 20 MB)."""
    try:
        found = os.stat(path)
    except OSError:
        return (os.path.basename(path), -1, -1)
    return (os.path.basename(path), found.st_size, found.st_mtime_ns)


def _parts_name(parts: object) -> str:
    payload = json.dumps({"parts": parts, "toolkit": toolkit_versions()}, sort_keys=True,
                         default=repr)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class ChartStore:
    """Chart SVGs by `chart_key`: in memory for the session, and in `folder` (signed with
    `key`) between builds when a `writer` is given; without a key, in memory only. A stored
    chart is read only when it resolves inside the writer's output folder (no link out of
    it, the cache folder's own included)."""

    def __init__(self, folder: Path | None = None, writer: Writer | None = None,
                 key: bytes | None = None, suffix: str = ".svg") -> None:
        self.folder = folder
        self.suffix = suffix
        self.writer = writer
        self.key = key
        self._made: dict[str, bytes] = {}
        self.drawn = 0
        """How many charts this store drew (the others were found)."""

    def svg(self, spec: ChartSpec) -> bytes:
        name = chart_key(spec)
        if name in self._made:
            return self._made[name]
        found = self._stored(name)
        if found is None:
            from briefs.render.charts import chart_svg

            found = chart_svg(spec)
            self.drawn += 1
            self._store(name, found)
        self._made[name] = found
        return found

    def kept(self, parts: object, make: Callable[[], bytes]) -> bytes:
        """What `make` gives, kept as a chart is (signed, in this store's folder) under the
        sha256 of `parts` and the toolkit's versions: for small results that cost a cold
        build an import (a brand colour made readable needs coloraide's)."""
        found = self.recall(parts)
        if found is None:
            found = make()
            self.remember(parts, found)
        return found

    def recall(self, parts: object) -> bytes | None:
        """What was kept under `parts` (by this user, with this toolkit), or None."""
        name = _parts_name(parts)
        if name not in self._made:
            found = self._stored(name)
            if found is None:
                return None
            self._made[name] = found
        return self._made[name]

    def remember(self, parts: object, data: bytes) -> None:
        """Keep `data` under `parts`, replacing what was kept there."""
        name = _parts_name(parts)
        if self._made.get(name) != data:
            self._made[name] = data
            self._store(name, data)

    def _path(self, name: str) -> Path | None:
        if self.folder is None or not self.key:
            return None
        return self.folder / f"{name}{self.suffix}"

    def _stored(self, name: str) -> bytes | None:
        path = self._path(name)
        if path is None or self.key is None or self.writer is None:
            return None
        try:
            found = path.lstat()  # a link, a folder or a pipe is not read (a pipe would block)
            if not stat.S_ISREG(found.st_mode) or found.st_size > MAX_CHART_BYTES + 32 or \
                    not path.resolve().is_relative_to(self.writer.output_dir):
                return None
            raw = path.read_bytes()
        except (OSError, RuntimeError):  # RuntimeError: a symlink loop
            return None
        signature, data = raw[:32], raw[32:]
        expected = hmac.new(self.key, name.encode() + data, hashlib.sha256).digest()
        return data if hmac.compare_digest(signature, expected) else None

    def _store(self, name: str, data: bytes) -> None:
        path = self._path(name)
        if path is None or self.writer is None or self.key is None:
            return
        from briefs.output.writer import WriteError

        signature = hmac.new(self.key, name.encode() + data, hashlib.sha256).digest()
        with contextlib.suppress(WriteError):  # not kept: drawn again next time
            self.writer.write(path, signature + data, CHART_OWNER)
