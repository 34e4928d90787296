"""Where a build server listens: a private folder, and a name that changes with what a build
depends on (this toolkit's files, the Python and packages installed, the environment).

A client only ever talks to a server started from the same toolkit, interpreter, installed
packages, umask and build-relevant environment: anything else has another socket name, so
it is simply not found and the build runs in the command's own process. Standard library
only: every `briefs build` computes this (about a millisecond).
"""

from __future__ import annotations

import hashlib
import os
import stat
import sys
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent
KEYED_NAMES = frozenset({"PATH", "HOME", "USER", "LOGNAME", "LANG", "LANGUAGE", "TZ", "TMPDIR",
                         "VIRTUAL_ENV", "SOURCE_DATE_EPOCH"})
KEYED_PREFIXES = ("LC_", "XDG_", "FONTCONFIG", "PYTHON", "PANGO", "CAIRO", "HB_", "G_", "GIO_",
                  "GDK_", "BRIEFS_")
"""Variables a build may depend on (fonts, locale, caches, paths): part of the server's name.
Others (a terminal's window id, an SSH session, NO_COLOR, COLUMNS: the client draws the build's
progress and report itself) do not change what a build makes."""
NOT_KEYED = frozenset({"BRIEFS_SERVER"})


class NoPrivateFolder(OSError):
    """The folder for sockets exists but is not this user's alone: no server is used."""


def server_folder(create: bool = False) -> Path:
    """`$XDG_RUNTIME_DIR/briefs`, or `~/.cache/briefs/run`: made private (0700) when asked to
    create it (FileNotFoundError otherwise), refused if another user could reach into it."""
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    base = Path(runtime) / "briefs" if runtime and Path(runtime).is_dir() else \
        Path.home() / ".cache" / "briefs" / "run"
    if create:
        base.mkdir(mode=0o700, parents=True, exist_ok=True)
    info = base.lstat()
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o077:
        raise NoPrivateFolder(f"{base} is not a private folder of this user")
    return base


def server_key(environ: dict[str, str] | None = None) -> str:
    """What a build depends on, outside the workspace, as a short hash."""
    environ = dict(os.environ if environ is None else environ)
    digest = hashlib.sha256()
    for name in sorted(environ):
        if name not in NOT_KEYED and (
                name in KEYED_NAMES or name.startswith(KEYED_PREFIXES)):
            digest.update(f"{name}={environ[name]}\0".encode("utf-8", "surrogateescape"))
    digest.update(f"{sys.executable}\0{sys.version}\0{_umask()}\0".encode())
    # A package installed or removed changes its folder's mtime. The first entry is the
    # folder of the script or the current folder (`python -m`): not where packages live.
    for entry in sys.path[1:]:
        if entry:
            digest.update(f"{entry}:{_mtime(Path(entry))}\0".encode("utf-8", "replace"))
    for path, size, mtime in _package_files():
        digest.update(f"{path}:{size}:{mtime}\0".encode("utf-8", "replace"))
    return digest.hexdigest()[:20]


MAX_SOCKET_PATH_BYTES = 104
"""What every system accepts as a socket's path (Linux allows 107 bytes, macOS 103)."""


def socket_path(environ: dict[str, str] | None = None, create: bool = False) -> Path:
    """The socket of the server for this toolkit and environment (OSError: no folder for
    one, not a private one, or one whose path is too long for a socket)."""
    path = server_folder(create) / f"build-{server_key(environ)}.sock"
    if len(os.fsencode(path)) > MAX_SOCKET_PATH_BYTES:
        raise OSError(f"{path} is too long for a socket ({MAX_SOCKET_PATH_BYTES} bytes at "
                      "most); set XDG_RUNTIME_DIR to a shorter folder")
    return path


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


def _package_files() -> list[tuple[str, int, int]]:
    """Every file of this toolkit, with its size and mtime (a changed file: another server)."""
    found = []
    for folder, subfolders, files in os.walk(PACKAGE_DIR):
        subfolders[:] = sorted(name for name in subfolders if name != "__pycache__")
        for name in sorted(files):
            info = os.stat(os.path.join(folder, name))
            found.append((os.path.join(folder, name), info.st_size, info.st_mtime_ns))
    return found
