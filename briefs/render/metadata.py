"""Dates written into PDF metadata (from SOURCE_DATE_EPOCH, the content, or git; never the
clock), and IDs derived from the content instead of drawn at random."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import subprocess
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

FALLBACK_DATE = "1980-01-01T00:00:00+00:00"
"""For PDF variants that require dates when nothing else gives one (as zip files do)."""
RANDOM_DOCUMENT_ID = re.compile(rb"xmp\.did:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-"
                                rb"[0-9a-f]{12}")


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


def derived_document_id(seed: str) -> Callable[[Any, Any], None]:
    """A WeasyPrint `finisher` that replaces the random XMP DocumentID (PDF/X-4 draws one with
    uuid4) by a UUID derived from `seed`, before the PDF's /ID is computed from its objects.

    The /ID hashes every object, so the bytes cannot be patched after writing; the finisher
    runs on the PDF objects just before they are written.
    """
    derived = uuid.UUID(hashlib.sha256(seed.encode("utf-8")).hexdigest()[:32], version=4)
    replacement = f"xmp.did:{derived}".encode()

    def finish(document: Any, pdf: Any) -> None:
        reference = pdf.catalog.get("Metadata")
        if reference is None:
            return
        number = int(bytes(reference).split()[0])
        stream = pdf.objects[number]
        stream.stream = [RANDOM_DOCUMENT_ID.sub(replacement, bytes(part))
                         if isinstance(part, bytes | bytearray) else part
                         for part in stream.stream]

    return finish
