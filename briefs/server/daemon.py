"""The build server's process: warm render workers, one build at a time, until idle.

`python -m briefs.server.daemon SOCKET IDLE_SECONDS` (started by `briefs server start`). It
listens on a socket in a private folder and answers only processes of its own user (checked
with the peer's credentials). A build request is run as `briefs build` would run it, in the
client's folder with the client's per-build variables, its output sent back as it is
written; a second request while a build runs is told the server is busy (the client then
builds by itself). It ends after IDLE_SECONDS without a request, on `briefs server stop`,
or within seconds of its socket file being removed.
"""

from __future__ import annotations

import contextlib
import io
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
    EXIT,
    PROTOCOL,
    REPLY,
    REQUEST,
    STDERR,
    STDOUT,
    ProtocolError,
    receive_json,
    send,
    send_json,
)

REQUEST_SECONDS = 5.0
CHECK_SECONDS = 2.0
"""How often an idle server checks that its socket file is still there."""
EXIT_INTERRUPTED = 130
_Job = tuple[socket.socket, dict[str, Any]]


class _FrameWriter(io.RawIOBase):
    """A stream whose bytes go to the client as frames of one kind (stdout or stderr)."""

    def __init__(self, connection: socket.socket, kind: bytes, tty: bool) -> None:
        self._connection, self._kind, self._tty = connection, kind, tty

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return self._tty

    def write(self, data: Any) -> int:
        payload = bytes(data)
        with contextlib.suppress(OSError):  # the client went away: the build goes on
            send(self._connection, self._kind, payload)
        return len(payload)


def _text_stream(connection: socket.socket, kind: bytes, tty: bool) -> io.TextIOWrapper:
    """Text written to it reaches the client line by line; `isatty` is the client's."""
    return io.TextIOWrapper(io.BufferedWriter(_FrameWriter(connection, kind, tty)),
                            encoding="utf-8", errors="replace", line_buffering=True,
                            write_through=True)


class Server:
    """Accepts requests on one thread and runs builds on the main one."""

    def __init__(self, path: Path, idle_seconds: float) -> None:
        from briefs.render.workers import Renderer, default_jobs

        self.path, self.idle_seconds = path, idle_seconds
        self.renderer = Renderer(default_jobs())
        self.jobs: queue.Queue[_Job | None] = queue.Queue()
        self.busy = threading.Event()
        self.stopping = threading.Event()
        self.started, self.builds = time.time(), 0
        self.listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)

    def serve(self) -> None:
        from briefs.server.state import WARM_RENDERER

        old_mask = os.umask(0o177)  # the socket file: this user only
        try:
            self.listener.bind(str(self.path))
        finally:
            os.umask(old_mask)
        self.listener.listen(8)
        self.renderer.start()
        WARM_RENDERER.set(self.renderer)
        threading.Thread(target=self._accept, daemon=True).start()
        _log(f"listening on {self.path} (pid {os.getpid()}, {self.renderer.workers} workers)")
        pristine = os.getcwd(), dict(os.environ)
        try:
            while (job := self._next_job()) is not None:
                began = time.monotonic()
                try:
                    self._build(*job)
                except KeyboardInterrupt:
                    _log("build interrupted")
                finally:
                    _log(f"build {' '.join(job[1]['args'])} in {job[1]['cwd']}: "
                         f"{time.monotonic() - began:.1f} s")
                    _restore(pristine)
                    _close(job[0])
                    self.renderer.forget_pending()
                    self.builds += 1
                    self.busy.clear()
        finally:
            self.listener.close()
            self.renderer.shut_down(at_once=True)
            for leftover in (self.path, self.path.with_suffix(".log")):  # kept after a crash
                with contextlib.suppress(OSError):
                    leftover.unlink()

    def _next_job(self) -> _Job | None:
        """The next build to run; None to end (stopped, idle, or the socket file is gone,
        its folder cleaned up)."""
        last = time.monotonic()
        while not self.stopping.is_set() and self.path.exists():
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
            try:
                self._take(connection)
            except (ConnectionError, ProtocolError, OSError, ValueError):
                connection.close()

    def _take(self, connection: socket.socket) -> None:
        """Read one request (from this user only) and answer it, or hand it to the builder."""
        if _peer_uid(connection) != os.getuid():
            connection.close()
            return
        connection.settimeout(REQUEST_SECONDS)
        request = receive_json(connection, REQUEST)
        connection.settimeout(None)
        if not isinstance(request, dict) or request.get("protocol") != PROTOCOL:
            raise ProtocolError("not a request of this protocol")
        command = request.get("command")
        if command == "status":
            send_json(connection, REPLY, self.status())
        elif command == "stop":
            send_json(connection, REPLY, {"stopping": True, "pid": os.getpid()})
            self.stopping.set()
            self.jobs.put(None)
        elif command == "build" and _valid_build(request) and not self.busy.is_set():
            self.busy.set()
            self.jobs.put((connection, request))
            return
        else:
            send_json(connection, REPLY, {"busy": self.busy.is_set()})
        connection.close()

    def status(self) -> dict[str, Any]:
        return {"pid": os.getpid(), "started": self.started, "builds": self.builds,
                "busy": self.busy.is_set(), "workers": self.renderer.workers,
                "idle_seconds": self.idle_seconds}

    def _build(self, connection: socket.socket, request: dict[str, Any]) -> None:
        """Run the build as the client's `briefs build` would, and send its exit code."""
        from briefs.cli import run

        done = threading.Event()
        threading.Thread(target=_interrupt_when_gone, args=(connection, done),
                         daemon=True).start()
        os.chdir(request["cwd"])
        for name, value in request["env"].items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        out = _text_stream(connection, STDOUT, bool(request["tty"][0]))
        err = _text_stream(connection, STDERR, bool(request["tty"][1]))
        code = EXIT_INTERRUPTED
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                try:
                    code = run(list(request["args"]))
                except KeyboardInterrupt:
                    err.write("Aborted.\n")
        finally:
            done.set()
            for stream in (out, err):
                with contextlib.suppress(Exception):
                    stream.flush()
            with contextlib.suppress(OSError):
                send(connection, EXIT, str(code).encode())


def _restore(state: tuple[str, dict[str, str]]) -> None:
    """The server's own folder and environment, as they were before a build."""
    os.chdir(state[0])
    os.environ.clear()
    os.environ.update(state[1])


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


def _valid_build(request: dict[str, Any]) -> bool:
    from briefs.server.address import PER_REQUEST

    args, env, tty = request.get("args"), request.get("env"), request.get("tty")
    return (isinstance(args, list) and all(isinstance(a, str) for a in args)
            and "build" in args and isinstance(request.get("cwd"), str)
            and os.path.isdir(request["cwd"]) and isinstance(env, dict)
            and all(name in PER_REQUEST and (value is None or isinstance(value, str))
                    for name, value in env.items())
            and isinstance(tty, list) and len(tty) == 2)


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
