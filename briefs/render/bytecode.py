"""Compiled templates cached in memory, and in the output folder only with a signature.

Jinja2 reads a stored bytecode file with `pickle` and `marshal`, and both run whatever the
bytes say. The output folder belongs to the workspace (a pull request can commit a `build/`,
a CI cache can be restored from another branch's build), so a stored file is used only when
it carries an HMAC made with a key that lives outside the workspace, in the user's cache
folder. Anything else is ignored and compiled again: the cache heals, and never runs code.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import secrets
import stat
from functools import lru_cache
from pathlib import Path

import jinja2

from briefs.core.user_cache import user_cache_folder

CACHE_OWNER = "the template cache"
COMPILER = "bounded-concat-1"
"""Changed whenever briefs compiles templates differently (render/limits.py)."""
KEY_BYTES = 32
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


KEY_VARIABLE = "BRIEFS_CACHE_KEY"
"""A key given by the environment (a CI secret) instead of the key file: at least
`MIN_GIVEN_KEY` characters (`openssl rand -hex 32`)."""
MIN_GIVEN_KEY = 32


def given_key_problem() -> str | None:
    """What is wrong with `BRIEFS_CACHE_KEY`, when it is set but too short to be used."""
    given = os.environ.get(KEY_VARIABLE)
    if not given or len(given) >= MIN_GIVEN_KEY:
        return None
    return (f"{KEY_VARIABLE} has {len(given)} characters, fewer than {MIN_GIVEN_KEY}: it is "
            "not used, and build/.cache is not kept between runs; give it a longer secret "
            "(`openssl rand -hex 32`)")


@lru_cache(maxsize=1)
def signing_key() -> bytes | None:
    """This user's key for signing stored bytecode, made once (None when it cannot be kept).

    `BRIEFS_CACHE_KEY`, when set, is the key instead (hashed to 32 bytes): a CI pipeline that
    keeps `build/.cache` between runs gives it from a secret, since a runner's key file is new
    each time. One shorter than `MIN_GIVEN_KEY` characters is not used: nothing is kept
    between runs (a guessable key would let a workspace's own `build/` forge a signature)."""
    given = os.environ.get(KEY_VARIABLE)
    if given:
        if len(given) < MIN_GIVEN_KEY:
            return None
        # os.fsencode: the variable's own bytes, also when they are not UTF-8
        return hashlib.sha256(b"briefs-cache-key:" + os.fsencode(given)).digest()
    path = user_cache_folder() / "bytecode.key"
    with contextlib.suppress(OSError):
        data = path.read_bytes()
        if len(data) == KEY_BYTES:
            return data
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        key = secrets.token_bytes(KEY_BYTES)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(key)
        return key
    except OSError:
        return None
