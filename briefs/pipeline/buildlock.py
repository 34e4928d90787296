"""One build at a time per output folder: a lock file (filelock), and leftovers cleared.

Two builds of one workspace (two terminals, a build beside the preview, a CI retry) would
race on the same temporary files. The second one waits for the first, saying so, and fails
clearly if the first never finishes. Holding the lock, a build may also remove temporary
files that a killed build (kill -9, power loss) left behind.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from briefs.output.writer import WriteError, explain, remove_leftovers

LOCK_NAME = ".lock"
WAIT_SECONDS = 600.0


@contextmanager
def build_lock(output_dir: Path, notify: Callable[[str], None],
               wait: float | None = None) -> Iterator[None]:
    """Hold the output folder's build lock for the block; WriteError when it cannot be had."""
    from filelock import FileLock, Timeout

    path = output_dir / LOCK_NAME
    limit = WAIT_SECONDS if wait is None else wait
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
        if path.is_symlink():  # never open (or truncate) what a link points to
            path.unlink()
        lock = FileLock(path, mode=0o644)
        try:
            lock.acquire(timeout=0)
        except Timeout:
            notify(f"waiting for another build of this workspace to finish (it holds "
                   f"{path.name} in the output folder)")
            lock.acquire(timeout=limit)
    except Timeout as exc:
        raise WriteError(path, f"another build has held the build lock for {limit:g} s; wait "
                               "for it to finish, or stop it") from exc
    except OSError as exc:
        raise WriteError(path, explain(exc)) from exc
    try:
        remove_leftovers(output_dir)
        yield
    finally:
        lock.release()
