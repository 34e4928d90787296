"""The one URL fetcher WeasyPrint uses: workspace files and data: URIs only, never the network."""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit
from urllib.request import url2pathname

WORKSPACE_URL = "file:///briefs-workspace/"
"""Every workspace file is addressed under this fixed URL, never by its real location, so the
HTML and the PDF are the same wherever the workspace is checked out, and no local path leaks
into an output."""


def workspace_url(root: Path, path: Path) -> str:
    """The location-independent URL of a file inside the workspace."""
    relative = path.resolve().relative_to(root.resolve()).as_posix()
    return WORKSPACE_URL + quote(relative)


class RefusedPath(ValueError):
    """A path or URL that points outside the workspace or cannot be read."""


def resolve_inside(root: Path, base: Path, reference: str) -> Path:
    """Resolve `reference` (relative to `base`) and require it to stay inside `root`.

    Symlinks are followed before the check, so a link pointing out of the workspace is refused.
    """
    if not reference or "\x00" in reference:
        raise RefusedPath("empty path")
    if urlsplit(reference).scheme:
        raise RefusedPath(f'"{reference}" is a URL; give a file path inside the workspace')
    candidate = Path(reference)
    if candidate.is_absolute():
        raise RefusedPath(f'"{reference}" is an absolute path; give a path relative to '
                          f"{_shown(base, root)}")
    resolved = (base / candidate).resolve()
    if not resolved.is_relative_to(root.resolve()):
        raise RefusedPath(f'"{reference}" points outside the workspace')
    if not resolved.is_file():
        raise RefusedPath(f'"{reference}" does not exist (looked for {_shown(resolved, root)})')
    return resolved


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix() or "."
    except ValueError:
        return str(path)


def check_url(url: str, root: Path) -> Path | None:
    """Return the local file for an allowed `file:` URL, None for `data:`; raise if refused."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "data":
        return None
    if scheme != "file":
        raise RefusedPath(f"{url}: network and {scheme or 'relative'} URLs are not allowed; "
                          "put the file in the workspace")
    if parts.netloc not in ("", "localhost"):
        raise RefusedPath(f"{url}: remote file URLs are not allowed")
    prefix = urlsplit(WORKSPACE_URL).path
    if not parts.path.startswith(prefix):
        raise RefusedPath(f"{url}: outside the workspace")
    relative = url2pathname(unquote(parts.path[len(prefix):]))
    path = (root / relative).resolve()
    if not path.is_relative_to(root.resolve()):
        raise RefusedPath(f"{url}: outside the workspace")
    if not path.is_file():
        raise RefusedPath(f"{url}: file not found")
    return path


@dataclass
class FetchLog:
    """What the fetcher read (an output's dependencies) and refused during one render."""

    refused: list[str] = field(default_factory=list)
    fetched: list[Path] = field(default_factory=list)


def make_url_fetcher(root: Path, log: FetchLog) -> Any:
    """Build a WeasyPrint URLFetcher confined to `root` (imports WeasyPrint lazily)."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class WorkspaceFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
            try:
                path = check_url(url, root)
            except RefusedPath as exc:
                log.refused.append(str(exc))
                raise
            if path is None:
                return super().fetch(url, headers)
            log.fetched.append(path)
            mime, _ = mimetypes.guess_type(path.name)
            return URLFetcherResponse(
                url, body=path.read_bytes(),
                headers={"Content-Type": mime or "application/octet-stream"})

    return WorkspaceFetcher(allowed_protocols={"file", "data"}, allow_redirects=False)
