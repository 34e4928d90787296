"""The one URL fetcher WeasyPrint uses: mounted files and data: URIs only, never the network."""

from __future__ import annotations

import hashlib
import mimetypes
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefs.content.images import ImageProblem, inspect_image, sniff_format
from briefs.core.diagnostics import Problem
from briefs.core.paths import Mounts, RefusedPath

MAX_RESOURCE_BYTES = 100_000_000


@dataclass
class FetchLog:
    """What the fetcher read (an output's dependencies) and refused during one render."""

    refused: list[str] = field(default_factory=list)
    fetched: list[Path] = field(default_factory=list)
    images: dict[str, str] = field(default_factory=dict)
    """The sha256 of each image served, by URL (what the render's kept images are found by)."""
    refusals: list[Problem] = field(default_factory=list)
    """The same refusals, typed: code `render.refused`, the URL asked for as subject."""


def check_image(path: Path, body: bytes, url: str) -> str | None:
    """Every image WeasyPrint loads, from a template, a stylesheet or inside an SVG, passes the
    same check as the images a document names (SVG allow-list, whole raster decoded; the
    verdict remembered per content). The sha256 of `body` if it is an image, else None."""
    if sniff_format(body[:4096]) is None:
        return None
    digest = hashlib.sha256(body).hexdigest()
    try:
        inspect_image(path, digest)
    except ImageProblem as exc:
        raise RefusedPath(f"{url}: {exc}") from exc
    return digest


def make_url_fetcher(mounts: Mounts, log: FetchLog) -> Any:
    """A WeasyPrint URLFetcher confined to the mounted folders (imports WeasyPrint lazily)."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class WorkspaceFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
            try:
                path = mounts.path(url)
                body = None
                if path is not None:
                    with path.open("rb") as stream:  # mounts.path resolved and checked it
                        body = stream.read(MAX_RESOURCE_BYTES + 1)
                    if len(body) > MAX_RESOURCE_BYTES:
                        raise RefusedPath(f"{url}: over the {MAX_RESOURCE_BYTES}-byte limit")
                    digest = check_image(path, body, url)
                    if digest is not None:
                        log.images[url] = digest
            except RefusedPath as exc:
                log.refused.append(str(exc))
                log.refusals.append(Problem.error("render.refused", str(exc), subject=url))
                raise
            if path is None or body is None:
                return super().fetch(url, headers)
            log.fetched.append(path)
            mime, _ = mimetypes.guess_type(path.name)
            return URLFetcherResponse(
                url, body=body, headers={"Content-Type": mime or "application/octet-stream"})

    return WorkspaceFetcher(allowed_protocols={"file", "data"}, allow_redirects=False)
