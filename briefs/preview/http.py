"""`briefs serve`: a local live preview that rebuilds on every save and refreshes the page."""

from __future__ import annotations

import errno
import ipaddress
import socket
import threading
import time
import webbrowser
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING
from urllib.parse import quote

from briefs.core.diagnostics import BriefsError, Diagnostic, Severity

if TYPE_CHECKING:
    import uvicorn
    from starlette.applications import Starlette

Log = Callable[[str], None]
LOOPBACK_NAMES = ["127.0.0.1", "localhost", "[::1]"]


@dataclass(frozen=True)
class ServeOptions:
    """Where to listen, what to preview, and whether to open a browser."""

    host: str = "127.0.0.1"
    port: int = 8000
    docs: tuple[str, ...] = ()
    locales: tuple[str, ...] = ()
    profiles: tuple[str, ...] = ()
    formats: tuple[str, ...] = ()
    open_browser: bool = False
    watch: bool = True


def make_app(root: Path, output_dir: Path, options: ServeOptions, log: Log) -> Starlette:
    """The preview's ASGI app; starting it starts the builder (and the watcher)."""
    from briefs.output.writer import UNLOCKED_DIR, Writer
    from briefs.preview.app import Preview, create_app
    from briefs.preview.builder import Builder, Selection
    from briefs.preview.pages import PageImages
    from briefs.preview.watcher import Watcher

    pages = PageImages(output_dir / UNLOCKED_DIR, Writer(output_dir))
    builder = Builder(root, Selection(options.docs, options.locales, options.profiles,
                                     options.formats), pages,
                      log)
    watcher = None
    if options.watch:
        def changed(paths: list[str]) -> None:
            log(f"changed: {', '.join(paths)}")
            builder.request(paths)

        watcher = Watcher(root, output_dir, changed, log)
    hosts = LOOPBACK_NAMES if is_loopback(options.host) else None
    return create_app(Preview(builder, output_dir, watcher), allowed_hosts=hosts)


def bind(host: str, port: int) -> socket.socket:
    """A listening socket, or a BriefsError saying why the address cannot be used."""
    try:
        info = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        sock = socket.socket(info[0], socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(info[4])
        sock.listen(64)
    except OSError as exc:
        hint = " (is another preview running? pass --port N, or --port 0 for any free port)" \
            if exc.errno in (errno.EADDRINUSE, errno.EACCES) else ""
        raise BriefsError([Diagnostic(Severity.ERROR,
                                      f"cannot listen on {host}:{port}: {exc.strerror or exc}"
                                      f"{hint}")]) from exc
    return sock


def address(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    if host in ("0.0.0.0", "::"):
        shown = "localhost"
    return f"http://{shown}:{port}/"


def is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def make_server(app: Starlette, sock: socket.socket) -> uvicorn.Server:
    """A uvicorn server for `app` on an already bound socket; Ctrl+C also ends event streams."""
    import uvicorn

    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on",
                            timeout_graceful_shutdown=2, ws="none")
    server = uvicorn.Server(config)
    preview = app.state.preview
    handle_exit = server.handle_exit

    def exit_and_close_streams(sig: int, frame: FrameType | None) -> None:
        preview.builder.broadcaster.close()
        handle_exit(sig, frame)

    server.handle_exit = exit_and_close_streams  # type: ignore[method-assign]
    return server


def serve(root: Path, output_dir: Path, options: ServeOptions, log: Log, echo: Log) -> None:
    """Run the preview until Ctrl+C: print its address, open a browser if asked."""
    sock = bind(options.host, options.port)
    url = address(sock)
    if not is_loopback(options.host):
        log(f"warning: listening on {options.host}: anyone who can reach this machine can "
            "read the previews")
    server = make_server(make_app(root, output_dir, options, log), sock)
    echo(f"Previewing {root} at {url} (Ctrl+C to stop)")
    if options.open_browser:
        page = f"{url}doc/{quote(options.docs[0])}" if len(options.docs) == 1 else url
        threading.Thread(target=open_when_started, args=(server, page, log),
                         daemon=True).start()
    server.run(sockets=[sock])


def open_when_started(server: uvicorn.Server, url: str, log: Log) -> None:
    """Open `url` in a browser once the server answers; say so when there is no browser
    (a server, a container, SSH), instead of nothing."""
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        opened = webbrowser.open(url)
    except webbrowser.Error:
        opened = False
    if not opened:
        log(f"No web browser found to open; open {url} in a browser yourself (or set the "
            "BROWSER environment variable to one).")
