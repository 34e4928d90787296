"""What identifies the toolkit that made an output: versions, and its own files when edited."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from briefs import __version__

PACKAGE = Path(__file__).resolve().parent.parent
SKIPPED = {"__pycache__", "sample_workspace", "preview"}  # what cannot change an output


@lru_cache(maxsize=1)
def toolkit_versions() -> dict[str, str]:
    """briefs' and WeasyPrint's versions (read without importing WeasyPrint), and a short
    fingerprint of briefs' own files (code, built-in templates, CSS, catalogs, kinds), so that
    editing an unreleased version also counts as a change (a checkout used for development)."""
    try:
        weasyprint = version("weasyprint")
    except PackageNotFoundError:
        weasyprint = "unknown"
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):  # by content: the same in every checkout
        relative = path.relative_to(PACKAGE)
        if not path.is_file() or SKIPPED & set(relative.parts) or path.suffix == ".pyc":
            continue
        digest.update(relative.as_posix().encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return {"briefs": __version__, "weasyprint": weasyprint, "code": digest.hexdigest()[:16]}
