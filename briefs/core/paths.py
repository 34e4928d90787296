"""Safe paths: every file briefs reads is resolved, then checked, then read; URLs by mount.

Two promises rest on this module. Nothing outside the workspace (and briefs' own package)
is read, symlinks included: `checked()` resolves a path and refuses it unless it lies inside
an allowed root, before a byte is read. And no machine-specific path reaches an output: files
are addressed by fixed URLs (`file:///briefs-workspace/...`, `file:///briefs-toolkit/...`)
that `Mounts` maps back to folders.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

if os.name == "nt":  # as urllib.request does, without importing it (http, ssl, email:
    from nturl2path import url2pathname  # 30 ms of every command, the no-op path's too)
else:
    def url2pathname(url: str) -> str:
        return unquote(url)

URL_PREFIX = "file:///briefs-"
WORKSPACE = "workspace"
TOOLKIT = "toolkit"
WORKSPACE_URL = f"{URL_PREFIX}{WORKSPACE}/"
"""Every workspace file is addressed under this fixed URL, never by its real location, so the
HTML and the PDF are the same wherever the workspace is checked out."""
PACKAGE_DIR = Path(__file__).resolve().parent.parent


class RefusedPath(ValueError):
    """A path or URL that points outside the allowed folders or cannot be read."""

    def __init__(self, message: str, reason: str | None = None) -> None:
        super().__init__(message)
        self.reason = reason if reason is not None else message
        """Why, without what was asked for (a URL refused: "file not found")."""

    @classmethod
    def of_url(cls, url: str, reason: str) -> RefusedPath:
        return cls(f"{url}: {reason}", reason)


class TooLarge(RefusedPath):
    """A file over the size limit of what reads it."""

    def __init__(self, name: str, limit: int) -> None:
        super().__init__(f"{name} is over the {limit}-byte limit")
        self.name, self.limit = name, limit

    def __reduce__(self) -> tuple[type[TooLarge], tuple[str, int]]:
        return type(self), (self.name, self.limit)


def checked(path: Path, roots: Iterable[Path]) -> Path:
    """`path` with every symlink resolved, when it lies inside one of `roots`.

    The check comes before any read: a link that points out of the workspace is refused
    without opening its target.
    """
    try:
        resolved = path.resolve()
    except (OSError, RuntimeError) as exc:  # a symlink loop
        raise RefusedPath(f"{path.name}: cannot be resolved ({exc})") from exc
    if not any(resolved.is_relative_to(root.resolve()) for root in roots):
        raise RefusedPath(f"{path.name} points outside the workspace (to {resolved}); "
                          "copy the file into the workspace instead of linking to it")
    return resolved


def read_bytes(path: Path, roots: Iterable[Path], limit: int | None = None) -> bytes:
    """The bytes of `path` once `checked()`; RefusedPath or OSError otherwise."""
    return read_regular(checked(path, roots), limit, shown_as=path.name)


def read_regular(path: Path, limit: int | None = None, shown_as: str | None = None) -> bytes:
    """The bytes of the regular file `path`, its size checked before reading.

    The checks are made on the file actually opened (fstat of the open descriptor), so a
    link swapped in, a device (`/dev/zero`), a FIFO or a directory is refused, never read.
    """
    name = shown_as or path.name
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)  # a FIFO must not block the open
    descriptor = os.open(path, flags)
    try:
        status = os.fstat(descriptor)
    except OSError:
        os.close(descriptor)
        raise
    if not stat.S_ISREG(status.st_mode):
        os.close(descriptor)
        raise RefusedPath(f"{name} is not a regular file (a device, a pipe or a folder); "
                          "give a file")
    if limit is not None and status.st_size > limit:
        os.close(descriptor)
        raise TooLarge(name, limit)
    with os.fdopen(descriptor, "rb") as stream:
        data = stream.read(limit + 1 if limit is not None else -1)
    if limit is not None and len(data) > limit:
        raise TooLarge(name, limit)
    return data


def file_sha256(path: Path) -> str:
    """The sha256 of a file's bytes, read in pieces (fonts run to tens of megabytes)."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def resolve_inside(root: Path, base: Path, reference: str) -> Path:
    """Resolve `reference` (a path relative to `base`) and require it to stay inside `root`.

    Symlinks are followed before the check, so a link pointing out of the workspace is refused.
    """
    if not reference or "\x00" in reference:
        raise RefusedPath("empty path")
    if urlsplit(reference).scheme:
        raise RefusedPath(f'"{reference}" is a URL; give a file path inside the workspace')
    candidate = Path(reference)
    if candidate.is_absolute():
        raise RefusedPath(f'"{reference}" is an absolute path; give a path relative to '
                          f"{shown(base, root)}")
    resolved = (base / candidate).resolve()
    if not resolved.is_relative_to(root.resolve()):
        raise RefusedPath(f'"{reference}" points outside the workspace')
    if not resolved.is_file():
        near = nearest_file(root, base, reference)
        hint = ""
        if near is not None:
            hint = f'; did you mean "{near}"?' + (
                " (file names are case-sensitive)" if near.lower() == reference.lower() else "")
        raise RefusedPath(f'"{reference}" does not exist (looked for {shown(resolved, root)})'
                          f"{hint}")
    return resolved


MAX_LISTED = 2000
"""Most names of one folder looked at for a "did you mean" (a huge folder is not listed)."""


def nearest_file(root: Path, base: Path, reference: str) -> str | None:
    """The file `reference` most likely meant ("images/cover.svg" for "Images/Cover.svg"):
    one that exists under another case or a close spelling, inside `root`; else None."""
    from briefs.core.diagnostics import did_you_mean

    parts = Path(reference).parts
    folder, fixed = base, list[str]()
    for index, part in enumerate(parts):
        if part in {".", ".."}:
            folder, fixed = folder / part, [*fixed, part]
            continue
        try:
            if not folder.resolve().is_relative_to(root.resolve()) or not folder.is_dir():
                return None
            names = [entry.name for _, entry in zip(range(MAX_LISTED), folder.iterdir(),
                                                     strict=False)]
        except OSError:
            return None
        last = index == len(parts) - 1
        same = [name for name in names if name.lower() == part.lower()
                and (folder / name).is_file() == last]
        if same:
            chosen = same[0]
        elif last:
            hint = did_you_mean(part, [name for name in names if (folder / name).is_file()])
            if not hint:
                return None
            chosen = hint.split('"')[1]
        else:
            return None
        folder, fixed = folder / chosen, [*fixed, chosen]
    suggestion = "/".join(fixed)
    return suggestion if suggestion != reference else None


def shown(path: Path, root: Path) -> str:
    """`path` relative to `root` for messages, or as it is when outside."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix() or "."
    except ValueError:
        return str(path)


@dataclass(frozen=True)
class Mounts:
    """The folders URLs may name, each under `file:///briefs-<name>/`.

    `workspace` is the workspace root; `toolkit` is briefs' package (built-in templates, CSS,
    kinds); a kind from a plug-in package gets a mount of its own.
    """

    roots: tuple[tuple[str, Path], ...]

    @classmethod
    def of(cls, workspace_root: Path, extra: Iterable[tuple[str, Path]] = ()) -> Mounts:
        return cls(((WORKSPACE, workspace_root.resolve()), (TOOLKIT, PACKAGE_DIR),
                    *((name, folder.resolve()) for name, folder in extra)))

    @property
    def folders(self) -> list[Path]:
        return [root for _, root in self.roots]

    @property
    def owner(self) -> str:
        """The workspace these mounts serve (what per-process caches are kept apart by)."""
        return next((str(root) for name, root in self.roots if name == WORKSPACE), "")

    def url(self, path: Path) -> str:
        """The location-independent URL of a file inside one of the mounted folders."""
        resolved = path.resolve()
        for name, root in self.roots:
            if resolved.is_relative_to(root):
                return f"{URL_PREFIX}{name}/" + quote(resolved.relative_to(root).as_posix())
        raise RefusedPath(f"{path} is outside the workspace")

    def real_urls(self, text: str) -> str:
        """`text` with every mounted URL replaced by the real folder's `file:` URL (for HTML
        written for people to open, which then depends on this machine)."""
        for name, root in self.roots:
            text = text.replace(f"{URL_PREFIX}{name}/", root.as_uri() + "/")
        return text

    def path(self, url: str) -> Path | None:
        """The file an allowed `file:` URL names, None for `data:`; RefusedPath otherwise."""
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme == "data":
            return None
        if scheme != "file":
            raise RefusedPath.of_url(url, f"network and {scheme or 'relative'} URLs are not "
                                          "allowed; put the file in the workspace")
        if parts.netloc not in ("", "localhost"):
            raise RefusedPath.of_url(url, "remote file URLs are not allowed")
        for name, root in self.roots:
            prefix = urlsplit(f"{URL_PREFIX}{name}/").path
            if parts.path.startswith(prefix):
                relative = url2pathname(unquote(parts.path[len(prefix):]))
                path = (root / relative).resolve()
                if not path.is_relative_to(root):
                    break
                if not path.is_file():
                    raise RefusedPath.of_url(url, "file not found")
                return path
        raise RefusedPath.of_url(url, "outside the workspace")
