"""Charts drawn once: their SVG kept by what they show, in a signed store (`SignedStore`).

Drawing the sample's charts costs a cold build matplotlib's import (about 0.45 CPU-seconds)
and the drawing itself, for SVG bytes that are the same whenever the spec is (`chart_svg` is
reproducible). A chart is therefore kept under the sha256 of everything that makes its
bytes: the spec (data, labels, colours, families, direction), how its numbers are written
(`ChartSpec.number_key`), briefs' own files, and the versions of matplotlib and Babel; a
stored chart ends up in a PDF, so it is used only when signed with the user's key
(`signed_store.py`).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING

from briefs.core.versions import toolkit_versions

if TYPE_CHECKING:
    from briefs.render.charts import ChartSpec
    from briefs.render.signed_store import SignedStore


@lru_cache(maxsize=1)
def _drawing_versions() -> tuple[str, ...]:
    found = []
    for package in ("matplotlib", "babel"):
        try:
            found.append(f"{package}={version(package)}")
        except PackageNotFoundError:
            found.append(f"{package}=none")
    return tuple(found)


def chart_key(spec: ChartSpec) -> str:
    """The sha256 of everything that makes the chart's bytes."""
    fields = {field.name: getattr(spec, field.name) for field in dataclasses.fields(spec)
              if field.name != "number"}  # a function: `number_key` says what it writes
    fields["fonts"] = [(_file_stamp(path), index) for path, index in spec.fonts]  # measured
    payload = json.dumps({"spec": fields, "toolkit": toolkit_versions(),
                          "drawing": _drawing_versions()}, sort_keys=True, default=repr)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _file_stamp(path: str) -> tuple[str, int, int]:
    """A font file as the chart was measured with it, by its name, size and time: replaced
    in place, the chart is drawn again. Not its folder: the same workspace copied elsewhere
    (a test's copy, a CI job's restored cache with its times kept) finds its charts; not its
    bytes either, which a cold build would read whole (a CJK collection is 20 MB)."""
    try:
        found = os.stat(path)
    except OSError:
        return (os.path.basename(path), -1, -1)
    return (os.path.basename(path), found.st_size, found.st_mtime_ns)


class KeptCharts:
    """Chart SVGs by `chart_key`, drawn only when `store` holds none (signed) for the spec."""

    def __init__(self, store: SignedStore) -> None:
        self.store = store
        self.drawn = 0
        """How many charts were drawn (the others were found)."""

    def svg(self, spec: ChartSpec) -> bytes:
        name = chart_key(spec)
        found = self.store.found(name)
        if found is None:
            from briefs.render.charts import chart_svg

            found = chart_svg(spec)
            self.drawn += 1
            self.store.keep(name, found)
        return found
