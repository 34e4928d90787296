"""The preview web app (Starlette): index, document pages, page images, PDFs, build events."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Mapping
from dataclasses import asdict
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import (
    FileResponse,
    HTMLResponse,
    JSONResponse,
    Response,
    StreamingResponse,
)
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from briefs.formats.targets import TargetKey
from briefs.preview.broadcast import sse
from briefs.preview.builder import Builder
from briefs.preview.pages import SIZES
from briefs.preview.state import Output, Snapshot
from briefs.preview.views import document_context, index_context, template_globals
from briefs.preview.watcher import Watcher

HERE = Path(__file__).resolve().parent
KEEPALIVE_SECONDS = 10.0
NO_STORE = {"Cache-Control": "no-store"}


class Preview:
    """The running preview: the builder, an optional watcher, page images and the web app."""

    def __init__(self, builder: Builder, output_dir: Path,
                 watcher: Watcher | None = None) -> None:
        self.builder = builder
        self.output_dir = output_dir.resolve()
        self.watcher = watcher
        self.pages = builder.pages
        self.templates = Environment(loader=FileSystemLoader(HERE / "templates"),
                                     autoescape=select_autoescape(default=True),
                                     undefined=StrictUndefined, trim_blocks=True,
                                     lstrip_blocks=True)
        self.templates.globals.update(template_globals())

    @property
    def snapshot(self) -> Snapshot:
        return self.builder.snapshot

    def start(self) -> None:
        self.builder.start()
        if self.watcher is not None:
            self.watcher.start()

    def stop(self) -> None:
        if self.watcher is not None:
            self.watcher.stop()
        self.builder.stop()

    def render(self, name: str, snapshot: Snapshot, status_code: int = 200,
               **context: Any) -> HTMLResponse:
        """A page made from one snapshot (its revision tells the page script what it shows)."""
        html = self.templates.get_template(name).render(snapshot=snapshot, **context)
        return HTMLResponse(html, status_code=status_code, headers=NO_STORE)

    def output(self, doc: str, locale: str, profile: str) -> Output:
        output = self.snapshot.outputs.get(TargetKey(doc, locale, profile))
        if output is None:
            raise HTTPException(404, f"no output {doc}.{locale} ({profile}) in this preview")
        return output

    def pdf(self, output: Output) -> Path:
        return self.output_dir / output.path


def create_app(preview: Preview, allowed_hosts: list[str] | None = None) -> Starlette:
    """The ASGI app; starting it (its lifespan) starts the builder and watcher.

    `allowed_hosts` limits the Host header a request may carry: on loopback, only loopback
    names, so that a web page cannot reach the preview through DNS rebinding.
    """

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        preview.start()
        try:
            yield
        finally:
            await asyncio.to_thread(preview.stop)

    async def not_found(request: Request, exc: Exception) -> Response:
        detail = exc.detail if isinstance(exc, HTTPException) else "Not found"
        return preview.render("not_found.html.j2", preview.snapshot, status_code=404,
                              detail=detail)

    middleware = [Middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts or ["*"])]
    app = Starlette(routes=routes(preview), lifespan=lifespan, middleware=middleware,
                    exception_handlers={404: not_found})
    app.state.preview = preview
    return app


def routes(preview: Preview) -> list[Route | Mount]:
    """Every URL the preview answers; sync views run in a thread (files, pdfium)."""

    def index(request: Request) -> Response:
        snapshot = preview.snapshot
        return preview.render("index.html.j2", snapshot,
                              **index_context(snapshot, preview.pages, preview.output_dir))

    def document(request: Request) -> Response:
        doc, snapshot = request.path_params["doc"], preview.snapshot
        context = document_context(snapshot, preview.pages, preview.output_dir, doc,
                                   request.query_params)
        if context is None:
            raise HTTPException(404, f'no document "{doc}" in this preview, or no such '
                                     "language or profile for it")
        return preview.render("document.html.j2", snapshot, **context)

    def page(request: Request) -> Response:
        return page_image(preview, request)

    def pdf(request: Request) -> Response:
        return build_file(preview, request)

    def status_json(request: Request) -> Response:
        return status(preview)

    async def event_stream(request: Request) -> Response:
        return events(preview, request)

    return [
        Route("/", index, name="index"),
        Route("/doc/{doc}", document, name="document"),
        Route("/page/{doc}/{locale}/{profile}/{number:int}.png", page, name="page"),
        Route("/build/{path:path}", pdf, name="build"),
        Route("/events", event_stream, name="events"),
        Route("/status.json", status_json, name="status"),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]


def page_image(preview: Preview, request: Request) -> Response:
    """One page of an output as PNG; cached for good when the URL names the PDF's hash."""
    params = request.path_params
    output = preview.output(params["doc"], params["locale"], params["profile"])
    size = request.query_params.get("size", "full")
    if size not in SIZES:
        raise HTTPException(404, f"no image size {size!r}")
    pdf = preview.pdf(output)
    if request.query_params.get("proof") and output.proof:
        pdf = preview.output_dir / output.proof  # the overflow proof of the last build
    rendered = preview.pages.png(pdf, params["number"], size)

    if rendered is None:
        raise HTTPException(404, f"no page {params['number']} in {output.path}")
    digest, png = rendered
    immutable = request.query_params.get("v") == digest[:16]
    headers = {"Cache-Control": "public, max-age=31536000, immutable" if immutable
               else "no-cache", "ETag": f'"{digest[:16]}-{params["number"]}-{size}"'}
    return Response(png, media_type="image/png", headers=headers)


SERVED = {".pdf": "application/pdf", ".html": "text/html; charset=utf-8",
          ".png": "image/png", ".jpg": "image/jpeg", ".webp": "image/webp",
          ".txt": "text/plain; charset=utf-8", ".svg": "image/svg+xml", ".ttf": "font/ttf",
          ".otf": "font/otf", ".woff": "font/woff", ".woff2": "font/woff2"}
"""What the preview serves from the output folder: PDFs, and the other formats' files."""


def build_file(preview: Preview, request: Request) -> Response:
    """An output from the output folder: a PDF or another format's file; nothing else,
    nothing outside it, nothing hidden. A web page gets its own policy (no script) as a
    header too; an SVG is served only as an image (no script in it would run)."""
    path = safe_build_path(preview.output_dir, request.path_params["path"], tuple(SERVED))
    if path is None:
        raise HTTPException(404, "only outputs in the build folder are served")
    headers = {"Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff"}
    if path.suffix.lower() in (".html", ".svg"):
        from briefs.formats.webpage import CSP

        headers["Content-Security-Policy"] = CSP
    return FileResponse(path, media_type=SERVED[path.suffix.lower()], headers=headers)


def safe_build_path(output_dir: Path, relative: str,
                    suffixes: tuple[str, ...] = (".pdf",)) -> Path | None:
    """The file `relative` names inside `output_dir`, with one of `suffixes`, or None when
    it is anything else."""
    parts = relative.replace("\\", "/").split("/")
    if not relative or "\x00" in relative or any(p in ("", ".", "..") or p.startswith(".")
                                                for p in parts):
        return None
    try:
        path = (output_dir / Path(*parts)).resolve(strict=True)
    except (OSError, RuntimeError, ValueError):
        return None
    if not path.is_relative_to(output_dir) or path.suffix.lower() not in suffixes:
        return None
    return path if path.is_file() else None


def status(preview: Preview) -> Response:
    """The last snapshot as JSON (for scripts and tests)."""
    snapshot = preview.snapshot
    data = {**snapshot.event(), "outputs": [
        {**asdict(output), "state": snapshot.state_of(output)}
        for output in snapshot.outputs.values()],
        "problems": [asdict(problem) for problem in snapshot.problems]}
    return JSONResponse(data, headers=NO_STORE)


def shown_outputs(snapshot: Snapshot, query: Mapping[str, str]) -> list[TargetKey]:
    """The outputs a document page shows (`doc`, `locale`, `compare`, `profile` as in its
    URL), which the builder renders first and images at once."""
    doc = query.get("doc")
    profile = query.get("profile") or (snapshot.profiles[0] if snapshot.profiles else "screen")
    if not doc:
        return []
    locales = {query.get("locale") or snapshot.source_locale, query.get("compare")}
    return [TargetKey(doc, locale, profile) for locale in sorted(filter(None, locales))]


def events(preview: Preview, request: Request) -> Response:
    """Server-sent events: a `build` event now and after every change of the snapshot, and a
    `page` event for each new page image of the outputs this page shows."""
    queue = preview.builder.broadcaster.subscribe()
    shown = shown_outputs(preview.snapshot, request.query_params)
    preview.builder.watched.add(shown)

    async def stream() -> AsyncIterator[str]:
        try:
            yield "retry: 1000\n" + sse("build", preview.snapshot.event())
            while True:
                try:
                    message = await asyncio.wait_for(queue.get(), KEEPALIVE_SECONDS)
                except TimeoutError:
                    if await request.is_disconnected():
                        return
                    yield ": keep-alive\n\n"
                    continue
                if message is None:
                    return
                yield message
        finally:
            preview.builder.broadcaster.unsubscribe(queue)
            preview.builder.watched.remove(shown)

    return StreamingResponse(stream(), media_type="text/event-stream",
                             headers={**NO_STORE, "X-Accel-Buffering": "no"})

