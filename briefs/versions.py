"""What identifies the toolkit that made an output: versions, and the code itself when edited."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from . import __version__

PACKAGE = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def toolkit_versions() -> dict[str, str]:
    """briefs' and WeasyPrint's versions (read without importing WeasyPrint), and a short
    fingerprint of briefs' own source files, so that editing the code of an unreleased
    version also counts as a change (a checkout used for development)."""
    try:
        weasyprint = version("weasyprint")
    except PackageNotFoundError:
        weasyprint = "unknown"
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*.py")):  # by content: the same in every checkout
        digest.update(path.relative_to(PACKAGE).as_posix().encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return {"briefs": __version__, "weasyprint": weasyprint, "code": digest.hexdigest()[:16]}
