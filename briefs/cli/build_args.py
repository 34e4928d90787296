"""`build`'s --shard and -o checked before anything is built: bad values are exit 1."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from briefs.core.diagnostics import BriefsError, Diagnostic, Severity

STDOUT = "-"


def refuse(message: str, path: Path | None = None) -> BriefsError:
    return BriefsError([Diagnostic(Severity.ERROR, message, path)])


def checked_shard(text: str | None) -> tuple[int, int] | None:
    """`--shard K/N` as numbers; an empty or malformed value is an error, not "no shard"."""
    from briefs.pipeline.sharding import BadShard, parse_shard

    if text is None:
        return None
    try:
        return parse_shard(text)
    except BadShard as exc:
        raise refuse(str(exc)) from exc


def checked_destination(destination: str, workspace_root: Path) -> Path | None:
    """Where `-o` may copy the output: None for stdout (`-`), else a path that is a regular
    file or nothing yet. Refused: a directory, a device (`/dev/null` would be replaced by a
    file), a FIFO or socket, a link (the copy replaces files, never writes through a link),
    and a path that a link inside the workspace carries out of it."""
    if destination == STDOUT:
        return None
    if not destination or "\x00" in destination:
        raise refuse("-o needs a file name, e.g. -o brief.pdf (or - for stdout)")
    target = Path(os.path.abspath(destination))
    try:
        mode = os.lstat(target).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise refuse(f"-o {destination}: cannot be checked ({exc.strerror})", target) from exc
    if mode is not None and not stat.S_ISREG(mode):
        raise refuse(f"-o {destination}: {_what(mode)}; -o writes a new PDF file (or - for "
                     "stdout)", target)
    root = Path(os.path.abspath(workspace_root))
    if target.is_relative_to(root):
        parent = target.parent.resolve()
        if not parent.is_relative_to(root.resolve()):
            raise refuse(f"-o {destination}: a link in the workspace leads out of it (to "
                         f"{parent}); write the copy inside the workspace or name a path "
                         "outside it", target)
    if target.parent.exists() and not target.parent.is_dir():
        raise refuse(f"-o {destination}: {target.parent.name} is not a folder", target)
    return target


def _what(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "is a folder; name a file in it, e.g. FOLDER/brief.pdf"
    if stat.S_ISLNK(mode):
        return "is a link, which -o would not follow"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not a file"
    if stat.S_ISFIFO(mode):
        return "is a named pipe (FIFO); to stream the PDF, use -o - and a shell pipe"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a file"
    return "is not a regular file"
