"""Compiled templates cached in memory, and in the output folder only with a signature.

Jinja2 reads a stored bytecode file with `pickle` and `marshal`, and both run whatever the
bytes say. The output folder belongs to the workspace (a pull request can commit a `build/`,
a CI cache can be restored from another branch's build), so a stored file is used only when
it carries an HMAC made with a key that lives outside the workspace, in the user's cache
folder. Anything else is ignored and compiled again: the cache heals, and never runs code.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import jinja2

from briefs.core.user_cache import KEY_VARIABLE as KEY_VARIABLE
from briefs.core.user_cache import MIN_GIVEN_KEY as MIN_GIVEN_KEY
from briefs.core.user_cache import given_key_problem as given_key_problem
from briefs.core.user_cache import signing_key as signing_key
from briefs.render.signed_store import SignedStore

if TYPE_CHECKING:
    from briefs.output.writer import Writer

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
    writer (`signed_store.SignedStore`: a regular file inside the output folder, not huge,
    with this user's signature). Without a key (no writable cache folder) it keeps them in
    memory only."""

    def __init__(self, folder: Path, writer: Writer | None, key: bytes | None = None) -> None:
        super().__init__()
        self.stored = SignedStore(folder, writer, key if key is not None else signing_key(),
                                  ".cache", max_bytes=MAX_STORED_BYTES, owner=CACHE_OWNER)

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        """Jinja's key, salted with how briefs compiles (`COMPILER`): code compiled before
        the sandbox checked `~` is not reused."""
        return super().get_cache_key(f"{COMPILER}:{name}", filename)

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key not in self._store:
            stored = self.stored.found(bucket.key)
            if stored is not None:
                self._store[bucket.key] = stored
        super().load_bytecode(bucket)
        if bucket.code is None:  # stale: compiled again and stored
            self._store.pop(bucket.key, None)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        super().dump_bytecode(bucket)
        self.stored.keep(bucket.key, self._store[bucket.key])
