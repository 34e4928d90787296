"""Compiled templates cached in memory, and in the output folder only with a signature.

Jinja2 reads a stored bytecode file with `pickle` and `marshal`, and both run whatever the
bytes say. The output folder belongs to the workspace (a pull request can commit a `build/`,
a CI cache can be restored from another branch's build), so a stored file is used only when
it carries an HMAC made with a key that lives outside the workspace, in the user's cache
folder. Anything else is ignored and compiled again: the cache heals, and never runs code.
"""

from __future__ import annotations

import hashlib
import hmac
import stat
from pathlib import Path

import jinja2

from briefs.core.user_cache import KEY_VARIABLE as KEY_VARIABLE
from briefs.core.user_cache import MIN_GIVEN_KEY as MIN_GIVEN_KEY
from briefs.core.user_cache import given_key_problem as given_key_problem
from briefs.core.user_cache import signing_key as signing_key

CACHE_OWNER = "the template cache"
COMPILER = "bounded-concat-1"
"""Changed whenever briefs compiles templates differently (render/limits.py)."""
MAX_STORED_BYTES = 16 * 1024 * 1024
"""A stored template larger than this is not read (the sample's largest is about 30 KB)."""


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates shared by every environment (one per locale) of one session."""

    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._store:
            bucket.bytecode_from_string(self._store[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._store[bucket.key] = bucket.bytecode_to_string()


class StoredBytecodeCache(MemoryBytecodeCache):
    """Compiled templates kept in the output folder between runs, signed, written by the
    writer. Without a key (no writable cache folder) it keeps them in memory only."""

    def __init__(self, folder: Path, writer: object, key: bytes | None = None) -> None:
        super().__init__()
        self.folder = folder
        self.writer = writer
        self.key = key if key is not None else signing_key()

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        """Jinja's key, salted with how briefs compiles (`COMPILER`): code compiled before
        the sandbox checked `~` is not reused."""
        return super().get_cache_key(f"{COMPILER}:{name}", filename)

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key not in self._store and self.key:
            stored = self._verified(self.folder / f"{bucket.key}.cache")
            if stored is not None:
                self._store[bucket.key] = stored
        super().load_bytecode(bucket)
        if bucket.code is None:  # stale: compiled again and stored
            self._store.pop(bucket.key, None)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        super().dump_bytecode(bucket)
        if self.key:
            data = self._store[bucket.key]
            signature = hmac.new(self.key, data, hashlib.sha256).digest()
            self.writer.write(self.folder / f"{bucket.key}.cache",  # type: ignore[attr-defined]
                              signature + data, CACHE_OWNER)

    def _verified(self, path: Path) -> bytes | None:
        try:
            found = path.lstat()  # a link, a folder or a pipe is not read (a pipe would block)
            if not stat.S_ISREG(found.st_mode) or found.st_size > MAX_STORED_BYTES:
                return None
            raw = path.read_bytes()
        except OSError:
            return None
        signature, data = raw[:32], raw[32:]
        expected = hmac.new(self.key or b"", data, hashlib.sha256).digest()
        return data if hmac.compare_digest(signature, expected) else None


