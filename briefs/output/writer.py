"""The one writer of files under the output folder: claims, atomic writes, clear failures.

Every file a build puts under the output folder (PDFs, emitted HTML, the manifest, caches,
extracted fonts, preview images) goes through a `Writer`. It claims each path for one owner
per build and refuses a second owner (two outputs that would overwrite each other), writes
atomically (readers see the old file or the new one), never leaves a temporary file behind,
and turns a full disk or a read-only folder into a `WriteError` with a plain message.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path


class WriteError(Exception):
    """A file under the output folder could not be written; the message says why and what
    to do. Nothing partial was left behind."""

    def __init__(self, path: Path, message: str) -> None:
        self.path = path
        self.message = message
        super().__init__(f"{path}: {message}")


class PathClaimed(WriteError):
    """Two owners (outputs) want to write the same file in one build."""

    def __init__(self, path: Path, first: str, second: str) -> None:
        self.first, self.second = first, second
        super().__init__(path, f"{first} and {second} would both write this file")


def explain(exc: OSError, folder: str = "the output folder") -> str:
    """An OSError in words a user can act on."""
    if exc.errno == errno.ENOSPC or exc.errno == errno.EDQUOT:
        return "the disk is full (no space left on device); free some space and try again"
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        advice = ", or set output_dir in briefs.yaml to a writable folder" \
            if folder == "the output folder" else ""
        return (f"{folder} is read-only or not writable for this user; check its "
                f"permissions{advice}")
    return f"cannot write the file: {exc.strerror or exc}"


def write_workspace_file(path: Path, data: bytes, root: Path | None = None) -> None:
    """Write a file of the workspace itself (a lock file, a catalog) atomically; WriteError
    with a plain message when it cannot be written, or when `root` is given and a folder on
    the way leads out of it."""
    if root is not None:
        path = confined(path, root)
    try:
        atomic_write(path, data)
    except OSError as exc:
        raise WriteError(path, explain(exc, "the workspace folder")) from exc


def confined(path: Path, root: Path) -> Path:
    """`path` with its folder's links resolved, if that stays inside `root`; WriteError
    otherwise (a folder on the way is a link out of the workspace, or `..` leads out)."""
    parent = path.parent
    while not parent.exists() and parent != parent.parent and not parent.is_symlink():
        parent = parent.parent  # folders still to be made: check the nearest that exists
    resolved = parent.resolve() / path.parent.relative_to(parent) / path.name
    if ".." in path.parent.relative_to(parent).parts or \
            not resolved.is_relative_to(root.resolve()):
        raise WriteError(path, "this file would be written outside the workspace (a folder on "
                               "the way is a link to elsewhere, or the path leads out with ..); "
                               "nothing was written")
    return resolved


def write_workspace_files(files: list[tuple[Path, bytes]], root: Path) -> None:
    """Write several files of the workspace as one change: every destination is checked to
    lie inside `root`, every temporary file is written, and only then are they moved into
    place; on a failure before the moves nothing is changed and no temporary file is left."""
    targets = [(confined(path, root), data) for path, data in files]
    made: list[tuple[Path, Path]] = []
    try:
        for path, data in targets:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp",
                                            dir=path.parent)
            made.append((Path(name), path))
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
            os.chmod(name, 0o644)
        for temporary, path in made:
            os.replace(temporary, path)
    except OSError as exc:
        for temporary, _ in made:
            with contextlib.suppress(OSError):
                temporary.unlink()
        raise WriteError(Path(exc.filename) if exc.filename else root,
                         explain(exc, "the workspace folder")) from exc
    except BaseException:
        for temporary, _ in made:
            with contextlib.suppress(OSError):
                temporary.unlink()
        raise


def atomic_write(path: Path, data: bytes) -> None:
    """Write `data` to `path` so readers see the old file or the new one, never a partial one.

    Raises OSError; the temporary file is removed whatever happens.
    """
    write_atomically(path, lambda temporary: _write_bytes(temporary, data))


def write_atomically(path: Path, produce: Callable[[Path], None]) -> None:
    """Let `produce` write a temporary file beside `path`, then move it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    temporary = Path(name)
    try:
        os.close(handle)
        produce(temporary)
        with temporary.open("rb+") as stream:
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


TEMPORARY = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.tmp$")
"""How `write_atomically` names its temporary files (`.<name>.<random>.tmp`)."""
UNLOCKED_DIR = ".cache/preview"
"""The one folder under the output folder written outside any build, without the build
lock: the preview's page images, made when a browser asks for one. A build's sweep of
leftover temporary files leaves it alone (the preview prunes it itself)."""


def remove_leftovers(output_dir: Path) -> list[Path]:
    """Delete temporary files a killed build left in the output folder (call it only while
    holding the build lock, when no other build can be writing one; `UNLOCKED_DIR`, written
    outside builds, is skipped)."""
    removed = []
    unlocked = output_dir / UNLOCKED_DIR
    for folder, dirs, files in os.walk(output_dir):  # does not follow links
        dirs[:] = [name for name in dirs if Path(folder) / name != unlocked]
        for name in files:
            if TEMPORARY.match(name):
                path = Path(folder) / name
                with contextlib.suppress(OSError):
                    path.unlink()
                    removed.append(path)
    return removed


def _write_bytes(path: Path, data: bytes) -> None:
    path.write_bytes(data)


class Writer:
    """Writes the files of one build under `output_dir`, each path claimed by one owner."""

    def __init__(self, output_dir: Path) -> None:
        self.output_dir = output_dir.resolve()
        self._claims: dict[Path, str] = {}

    def claim(self, path: Path, owner: str) -> None:
        """Reserve `path` for `owner` in this build; PathClaimed if another owner has it."""
        key = self._inside(path)
        first = self._claims.setdefault(key, owner)
        if first != owner:
            raise PathClaimed(path, first, owner)

    def owner(self, path: Path) -> str | None:
        return self._claims.get(self._inside(path))

    def write(self, path: Path, data: bytes, owner: str) -> None:
        """Claim `path` and write `data` there atomically; WriteError when it fails."""
        self.produce(path, owner, lambda temporary: _write_bytes(temporary, data))

    def write_text(self, path: Path, text: str, owner: str) -> None:
        self.write(path, text.encode("utf-8"), owner)

    def produce(self, path: Path, owner: str, produce: Callable[[Path], None]) -> None:
        """Claim `path`; `produce` writes a temporary file that then replaces it atomically."""
        self.claim(path, owner)
        try:
            write_atomically(path, produce)
        except OSError as exc:
            raise WriteError(path, explain(exc)) from exc

    def remove(self, path: Path, owner: str) -> None:
        """Delete a file this build owns (a stale stamp); a missing file is fine."""
        self.claim(path, owner)
        try:
            path.unlink(missing_ok=True)
        except OSError as exc:
            raise WriteError(path, explain(exc)) from exc

    def _inside(self, path: Path) -> Path:
        resolved = path.parent.resolve() / path.name
        if not resolved.is_relative_to(self.output_dir):
            raise WriteError(path, f"this file would be written outside the output folder "
                                   f"{self.output_dir.name}/ (a folder in it is a link to "
                                   "elsewhere); remove the link")
        return resolved
