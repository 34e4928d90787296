"""The build server's process: warm render workers, one build at a time, until idle.

`python -m briefs.server.daemon SOCKET IDLE_SECONDS` (started by `briefs server start`). It
listens on a socket in a private folder and answers only processes of its own user (checked
with the peer's credentials). Each connection is read on a thread of its own, within a few
seconds and a megabyte, and must hold one message of the schema (`server/request_schema.py`): a
build request, or a control question. A build is run by the one build entry point
(`build.entry.run`) on the main thread, its events streamed back for the client to draw; a
second request while a build runs is told the server is busy (the client then builds by
itself). The server never changes its folder or environment and imports nothing of the
command line. It ends after IDLE_SECONDS without a request, on `briefs server stop`, or
within seconds of its socket file being removed or replaced.
"""

from __future__ import annotations

import contextlib
import os
import queue
import socket
import struct
import sys
import threading
import time
from pathlib import Path
from typing import Any

from briefs.server.protocol import (
    EVENT,
    FAILURE,
    INTERNAL,
    INTERRUPTED,
    REFUSED,
    REPLY,
    REPORT,
    REQUEST,
    ProtocolError,
    receive,
    send_json,
)
from briefs.server.request_schema import BuildMessage, Refused, parse_message

REQUEST_SECONDS = 5.0
"""How long a connection may take to send its request (an idle one is closed after it)."""
CHECK_SECONDS = 2.0
"""How often an idle server checks that its socket file is still its own."""
MAX_CONNECTIONS = 32
"""Connections read at once; more are closed at once (the client then builds by itself)."""
_Job = tuple[socket.socket, BuildMessage]


class Server:
    """Accepts connections on one thread, reads each on its own, runs builds on the main one."""

    def __init__(self, path: Path, idle_seconds: float) -> None:
        from briefs.render.workers import Renderer, default_jobs

        self.path, self.idle_seconds = path, idle_seconds
        self.renderer = Renderer(default_jobs())
        self.jobs: queue.Queue[_Job | None] = queue.Queue()
        self.busy = threading.Event()
        self.stopping = threading.Event()
        self.readers = threading.BoundedSemaphore(MAX_CONNECTIONS)
        self.started, self.builds = time.time(), 0
        self.listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.identity: tuple[int, int] | None = None

    def serve(self) -> None:
        # Bound beside its path and listening before it is moved there: a client never finds
        # a socket that refuses connections (it would remove it as a dead server's).
        staging = self.path.with_name(f".{self.path.name}.{os.getpid()}")
        old_mask = os.umask(0o177)  # the socket file: this user only
        try:
            with contextlib.suppress(FileNotFoundError):
                staging.unlink()
            self.listener.bind(str(staging))
        finally:
            os.umask(old_mask)
        self.listener.listen(64)
        os.replace(staging, self.path)
        self.identity = _identity(self.path)
        self.renderer.start()
        threading.Thread(target=self._accept, daemon=True).start()
        _log(f"listening on {self.path} (pid {os.getpid()}, {self.renderer.workers} workers)")
        try:
            while (job := self._next_job()) is not None:
                began = time.monotonic()
                connection, message = job
                try:
                    self._build(connection, message)
                except KeyboardInterrupt:
                    _log("build interrupted")
                finally:
                    _log(f"build in {message.request.workspace}: "
                         f"{time.monotonic() - began:.1f} s")
                    _close(connection)
                    self.renderer.forget_pending()
                    self.builds += 1
                    self.busy.clear()
        finally:
            self.listener.close()
            self.renderer.shut_down(at_once=True)
            if self.owns_socket():  # kept after a crash; never another server's
                for leftover in (self.path, self.path.with_suffix(".log")):
                    with contextlib.suppress(OSError):
                        leftover.unlink()

    def owns_socket(self) -> bool:
        """Whether the socket path is still the socket this server bound (not removed, not
        replaced by another file or another server's socket)."""
        return self.identity is not None and _identity(self.path) == self.identity

    def _next_job(self) -> _Job | None:
        """The next build to run; None to end (stopped, idle, or the socket file is gone or
        replaced)."""
        last = time.monotonic()
        while not self.stopping.is_set() and self.owns_socket():
            try:
                job = self.jobs.get(timeout=min(self.idle_seconds, CHECK_SECONDS))
            except queue.Empty:
                if time.monotonic() - last >= self.idle_seconds:
                    return None
                continue
            if job is not None:
                return job
        return None

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            if not self.readers.acquire(blocking=False):
                _close(connection)
                continue
            threading.Thread(target=self._read, args=(connection,), daemon=True).start()

    def _read(self, connection: socket.socket) -> None:
        """One connection, on its own thread: whatever it sends, this never stops the
        server from accepting others."""
        try:
            self._take(connection)
        except Exception:  # a malformed request, a client gone: close and forget it
            _close(connection)
        finally:
            self.readers.release()

    def _take(self, connection: socket.socket) -> None:
        """Read one request (from this user only) and answer it, or hand it to the builder."""
        if _peer_uid(connection) != os.getuid():
            _close(connection)
            return
        connection.settimeout(REQUEST_SECONDS)
        kind, payload = receive(connection)
        connection.settimeout(None)
        if kind != REQUEST:
            raise ProtocolError(f"expected a request, got {kind!r}")
        try:
            message = parse_message(payload)
        except Refused:
            _close(connection)
            return
        if isinstance(message, BuildMessage):
            if not self.busy.is_set() and not self.stopping.is_set():
                self.busy.set()
                self.jobs.put((connection, message))
                return
            send_json(connection, REPLY, {"busy": True})
        elif message.command == "status":
            send_json(connection, REPLY, self.status())
        else:
            send_json(connection, REPLY, {"stopping": True, "pid": os.getpid()})
            self.stopping.set()
            self.jobs.put(None)
        _close(connection)

    def status(self) -> dict[str, Any]:
        return {"pid": os.getpid(), "started": self.started, "builds": self.builds,
                "busy": self.busy.is_set(), "workers": self.renderer.workers,
                "idle_seconds": self.idle_seconds}

    def _build(self, connection: socket.socket, message: BuildMessage) -> None:
        """Run the build with the one build entry point; stream its events, then its end."""
        from briefs.core.diagnostics import BriefsError, Diagnostic, Severity
        from briefs.output.writer import WriteError
        from briefs.pipeline.entry import run
        from briefs.pipeline.report import BuildReport, wire
        from briefs.pipeline.request import BadRequest
        from briefs.server.wire import event_json

        def tell(kind: bytes, value: Any) -> None:
            with contextlib.suppress(OSError):  # the client went away: the build goes on
                send_json(connection, kind, value)

        done = threading.Event()
        threading.Thread(target=_interrupt_when_gone, args=(connection, done),
                         daemon=True).start()
        request = message.build_request()
        own = not request.options.jobs or request.options.jobs == self.renderer.workers
        try:
            outcome = run(request, [lambda event: tell(EVENT, event_json(event))],
                          self.renderer if own else None)
            done.set()
            tell(REPORT, BuildReport.of(outcome).to_wire())
        except BadRequest as exc:
            tell(REFUSED, {"message": str(exc)})
        except (BriefsError, WriteError) as exc:
            found = exc.diagnostics if isinstance(exc, BriefsError) else \
                [Diagnostic(Severity.ERROR, exc.message, exc.path)]
            tell(FAILURE, {"diagnostics": [wire(d) for d in found]})
        except KeyboardInterrupt:
            tell(INTERRUPTED, {})
        except Exception as exc:  # a bug: reported to the client, the server goes on
            _log(f"internal error: {type(exc).__name__}: {exc}")
            tell(INTERNAL, {"message": f"{type(exc).__name__}: {exc}"})
        finally:
            done.set()


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = path.lstat()
    except OSError:
        return None
    return info.st_dev, info.st_ino


def _close(connection: socket.socket) -> None:
    """Close a client's connection (waking the thread that waits for it to go away)."""
    with contextlib.suppress(OSError):
        connection.shutdown(socket.SHUT_RDWR)
    connection.close()


def _log(message: str) -> None:
    """A line in the server's log (its standard error: build-<key>.log beside the socket)."""
    stream = sys.__stderr__
    if stream is not None:
        stream.write(f"{time.strftime('%Y-%m-%d %H:%M:%S')} {message}\n")
        stream.flush()


def _peer_uid(connection: socket.socket) -> int:
    credentials = connection.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED,
                                        struct.calcsize("3i"))
    _pid, uid, _gid = struct.unpack("3i", credentials)
    return int(uid)


def _interrupt_when_gone(connection: socket.socket, done: threading.Event) -> None:
    """Stop the build (as Ctrl+C would) when the client closes its side: it was interrupted."""
    import _thread

    with contextlib.suppress(OSError):
        while not done.is_set() and connection.recv(1):
            pass
    if not done.is_set():
        _thread.interrupt_main()


def main() -> None:
    path, idle = Path(sys.argv[1]), float(sys.argv[2])
    Server(path, idle).serve()


if __name__ == "__main__":
    main()
