"""briefs' folder in the user's cache, outside every workspace."""

from __future__ import annotations

import os
from pathlib import Path


def user_cache_folder() -> Path:
    """`$XDG_CACHE_HOME/briefs`, else `~/.cache/briefs`: trusted as the toolkit is (it holds
    the key that signs what is kept in `build/.cache`; docs/security.md)."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "briefs"
