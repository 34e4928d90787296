"""Dates written into PDF metadata: from SOURCE_DATE_EPOCH, the content, or git; never the clock."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

FALLBACK_DATE = "1980-01-01T00:00:00+00:00"
"""For PDF variants that require dates when nothing else gives one (as zip files do)."""


def _from_epoch(value: str) -> str | None:
    try:
        moment = dt.datetime.fromtimestamp(int(value), tz=dt.UTC)
    except (ValueError, OverflowError, OSError):
        return None
    return moment.isoformat(timespec="seconds")


def _git_date(folder: Path) -> str | None:
    try:
        result = subprocess.run(["git", "log", "-1", "--format=%cI", "--", "."], cwd=folder,
                                capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return None
    text = result.stdout.strip()
    return text if result.returncode == 0 and text else None


def document_dates(folder: Path, published: dt.date | None) -> tuple[str | None, str | None]:
    """(created, modified) as ISO 8601, or None where nothing reproducible is known."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and (moment := _from_epoch(epoch)):
        return moment, moment
    changed = _git_date(folder)
    created = f"{published.isoformat()}T00:00:00+00:00" if published else changed
    return created, changed or created


@contextlib.contextmanager
def deterministic_document_id(seed: str) -> Iterator[None]:
    """Make WeasyPrint's PDF/X DocumentID (a random uuid4) derive from `seed` instead.

    The ID also feeds the PDF's /ID, so it cannot be patched in the bytes afterwards.
    """
    from weasyprint.pdf import metadata

    derived = uuid.UUID(hashlib.sha256(seed.encode("utf-8")).hexdigest()[:32], version=4)
    original = metadata.uuid4
    metadata.uuid4 = lambda: derived
    try:
        yield
    finally:
        metadata.uuid4 = original
