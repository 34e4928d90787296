"""Small results kept between builds, signed: in memory for the session and, with an HMAC made
with the user's key, in the output folder's cache (charts, brand colours, fontconfig's
answers, images' verdicts).

What is kept ends up in a PDF or decides what goes in one (a chart's SVG, a face's file), and
the output folder belongs to the workspace (a committed `build/`, a restored CI cache), so an
entry is used only when it carries an HMAC made with the user's key outside the workspace
(`core/user_cache.signing_key`), as compiled templates are; anything else is made again and kept
anew. An entry is read only when it is a regular file that resolves inside the writer's
output folder (no link out of it, the cache folder's own included) and is not huge.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import stat
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from briefs.core.versions import toolkit_versions

if TYPE_CHECKING:
    from briefs.output.writer import Writer

STORE_OWNER = "the build cache"
MAX_STORED_BYTES = 4 * 1024 * 1024
"""An entry larger than this is not read (the sample's charts are about 30 KB)."""


def parts_name(parts: object) -> str:
    """The name `parts` are kept under: the sha256 of them and the toolkit's versions."""
    payload = json.dumps({"parts": parts, "toolkit": toolkit_versions()}, sort_keys=True,
                         default=repr)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class SignedStore:
    """Bytes by name: in memory for the session, and in `folder` (each file `<name><suffix>`,
    signed with `key`) between builds when a `writer` is given; without a key, in memory
    only."""

    def __init__(self, folder: Path | None, writer: Writer | None, key: bytes | None,
                 suffix: str, max_bytes: int = MAX_STORED_BYTES,
                 owner: str = STORE_OWNER) -> None:
        self.folder = folder
        self.owner = owner
        """Who the files written are the writer's (its messages name it)."""
        self.max_bytes = max_bytes
        """An entry larger than this is neither read nor written."""
        self.suffix = suffix
        self.writer = writer
        self.key = key
        self.root = writer.output_dir if writer is not None else None
        """The output folder an entry must resolve inside (none: nothing is read)."""
        self._made: dict[str, bytes] = {}

    @classmethod
    def reader(cls, folder: Path, root: Path, key: bytes | None, suffix: str) -> SignedStore:
        """A store that only reads, entries resolving inside `root` (a render worker's,
        `render/kept_drawings.py`: the build writes what it sends back)."""
        store = cls(folder, None, key, suffix)
        store.root = root
        return store

    def found(self, name: str) -> bytes | None:
        """What is kept under `name` (by this user), or None."""
        if name not in self._made:
            found = self._stored(name)
            if found is None:
                return None
            self._made[name] = found
        return self._made[name]

    def keep(self, name: str, data: bytes) -> None:
        """Keep `data` under `name`, replacing what was kept there (written only when it
        differs from what this store holds)."""
        if self._made.get(name) != data:
            self._made[name] = data
            self._store(name, data)

    def kept(self, parts: object, make: Callable[[], bytes]) -> bytes:
        """What `make` gives, kept under `parts` (`recall`, `remember`): for small results
        that cost a cold build an import (a brand colour made readable needs coloraide's)."""
        found = self.recall(parts)
        if found is None:
            found = make()
            self.remember(parts, found)
        return found

    def recall(self, parts: object) -> bytes | None:
        """What was kept under `parts` (by this user, with this toolkit), or None."""
        return self.found(parts_name(parts))

    def remember(self, parts: object, data: bytes) -> None:
        """Keep `data` under `parts`, replacing what was kept there."""
        self.keep(parts_name(parts), data)

    def _path(self, name: str) -> Path | None:
        if self.folder is None or not self.key:
            return None
        return self.folder / f"{name}{self.suffix}"

    def _stored(self, name: str) -> bytes | None:
        path = self._path(name)
        if path is None or self.key is None or self.root is None:
            return None
        try:
            found = path.lstat()  # a link, a folder or a pipe is not read (a pipe would block)
            if not stat.S_ISREG(found.st_mode) or found.st_size > self.max_bytes + 32 or \
                    not path.resolve().is_relative_to(self.root):
                return None
            raw = path.read_bytes()
        except (OSError, RuntimeError):  # RuntimeError: a symlink loop
            return None
        signature, data = raw[:32], raw[32:]
        expected = hmac.new(self.key, name.encode() + data, hashlib.sha256).digest()
        return data if hmac.compare_digest(signature, expected) else None

    def _store(self, name: str, data: bytes) -> None:
        path = self._path(name)
        if path is None or self.writer is None or self.key is None or \
                len(data) > self.max_bytes:  # it would not be read
            return
        from briefs.output.writer import WriteError

        signature = hmac.new(self.key, name.encode() + data, hashlib.sha256).digest()
        with contextlib.suppress(WriteError):  # not kept: made again next time
            self.writer.write(path, signature + data, self.owner)
