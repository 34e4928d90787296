"""Page images made as soon as an output a browser shows is rebuilt, each then announced."""

from __future__ import annotations

import queue
import threading
import traceback
from collections.abc import Callable
from pathlib import Path

from briefs.preview.broadcast import sse
from briefs.preview.pages import PageImages
from briefs.preview.state import Output
from briefs.preview.views import PAGE_WIDTH, page_view


class Imager:
    """A thread that renders the pages of freshly built outputs to images, page 1 first, and
    announces each page (a `page` event with the image's new URL) once it is cached, so the
    browser shows it without waiting for the rest of the build.

    It works beside the build thread: pdfium and PNG encoding run while WeasyPrint renders
    the next output.
    """

    def __init__(self, pages: PageImages, announce: Callable[[str], None],
                 log: Callable[[str], None]) -> None:
        self.pages = pages
        self.announce = announce
        self.log = log
        self._queue: queue.Queue[tuple[Output, Path, int] | None] = queue.Queue()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="briefs-imager", daemon=True)
            self._thread.start()

    def stop(self, timeout: float = 5) -> None:
        self._queue.put(None)
        if self._thread is not None:
            self._thread.join(timeout)

    def put(self, output: Output, pdf: Path, first: int = 1) -> None:
        """Image the output's pages from page `first` on, in this thread (the PDF just
        written)."""
        self._queue.put((output, pdf, first))

    def _run(self) -> None:
        while (item := self._queue.get()) is not None:
            try:
                self.image(*item)
            except Exception:  # a page that cannot be imaged is shown when asked for
                self.log(traceback.format_exc())

    def image(self, output: Output, pdf: Path, first: int = 1, last: int | None = None) -> None:
        """Image and announce pages `first` to `last` (default: the last page) now."""
        info = self.pages.info(pdf)
        if info is None:
            return
        for number in range(first, min(last or info.page_count, info.page_count) + 1):
            if self.pages.png(pdf, number, "full") is None:
                return
            page = page_view(output, info, number, "full", PAGE_WIDTH)
            self.announce(sse("page", {
                "doc": output.doc, "locale": output.locale, "profile": output.profile,
                "page": number, "pages": info.page_count, "version": info.sha256[:16],
                "src": page.src, "width": page.width, "height": page.height}))
