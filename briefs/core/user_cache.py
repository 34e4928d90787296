"""briefs' folder in the user's cache, outside every workspace, and the key kept there that
signs what a build keeps in `build/.cache` (without Jinja2: a render worker reads it)."""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
from functools import lru_cache
from pathlib import Path

KEY_BYTES = 32


def user_cache_folder() -> Path:
    """`$XDG_CACHE_HOME/briefs`, else `~/.cache/briefs`: trusted as the toolkit is (it holds
    the key that signs what is kept in `build/.cache`; docs/security.md)."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "briefs"


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
    """This user's key for signing what a build keeps in `build/.cache`, made once (None
    when it cannot be kept).

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
