"""Page images of built PDFs (pypdfium2), cached on disk by the PDF's sha256."""

from __future__ import annotations

import contextlib
import io
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefs.output.manifest import sha256
from briefs.output.writer import WriteError, Writer

OWNER = "the preview's page images"

SIZES = {"thumb": 360, "full": 1100}  # image width in pixels: 2x the width shown on screen


@dataclass(frozen=True)
class PdfInfo:
    """One version of a PDF: its hash, size in bytes and each page's size in points."""

    sha256: str
    bytes: int
    pages: tuple[tuple[float, float], ...]

    @property
    def page_count(self) -> int:
        return len(self.pages)


class PageImages:
    """Renders PDF pages to PNG once per PDF version; pdfium is not thread-safe, so one lock."""

    def __init__(self, cache_dir: Path, writer: Writer) -> None:
        self.cache_dir = cache_dir
        self.writer = writer
        self._lock = threading.Lock()
        self._infos: dict[tuple[Path, int, int], PdfInfo] = {}

    def info(self, pdf: Path) -> PdfInfo | None:
        """The PDF's hash and page sizes, or None when it does not exist or cannot be read."""
        try:
            stat = pdf.stat()
        except OSError:
            return None
        key = (pdf, stat.st_mtime_ns, stat.st_size)
        info = self._infos.get(key)
        if info is None:
            data = _read(pdf)
            info = self._measure(data) if data is not None else None
            if info is not None:
                self._infos[key] = info
        return info

    def png(self, pdf: Path, page: int, size: str) -> tuple[str, bytes] | None:
        """The PDF's hash and page `page` (1-based) as PNG, or None when there is no such page."""
        data = _read(pdf)
        if data is None or size not in SIZES:
            return None
        digest = sha256(data)
        cached = self.cache_dir / digest / f"{page}-{size}.png"
        if cached.is_file():
            return digest, cached.read_bytes()
        image = self._render(data, page, SIZES[size])
        if image is None:
            return None
        with contextlib.suppress(WriteError):  # a cache that cannot be written is only slower
            self.writer.write(cached, image, OWNER)
        return digest, image

    def prune(self, keep: set[str]) -> None:
        """Forget the images of PDF versions that are no longer built."""
        if not self.cache_dir.is_dir():
            return
        for folder in self.cache_dir.iterdir():
            if folder.is_dir() and folder.name not in keep:
                shutil.rmtree(folder, ignore_errors=True)
        self._infos = {key: info for key, info in self._infos.items() if info.sha256 in keep}

    @contextlib.contextmanager
    def _opened(self, data: bytes) -> Iterator[Any]:
        """The PDF open in pdfium (one at a time: pdfium is not thread-safe), or None."""
        import pypdfium2

        with self._lock:
            try:
                document = pypdfium2.PdfDocument(data)
            except pypdfium2.PdfiumError:
                yield None
                return
            try:
                yield document
            finally:
                document.close()

    def _measure(self, data: bytes) -> PdfInfo | None:
        with self._opened(data) as document:
            if document is None:
                return None
            sizes = tuple(document.get_page_size(i) for i in range(len(document)))
        return PdfInfo(sha256(data), len(data), sizes)

    def _render(self, data: bytes, page: int, width: int) -> bytes | None:
        with self._opened(data) as document:
            if document is None or not 1 <= page <= len(document):
                return None
            pdf_page = document[page - 1]
            scale = width / pdf_page.get_width()
            image = pdf_page.render(scale=scale, may_draw_forms=False).to_pil()
            pdf_page.close()
        buffer = io.BytesIO()
        image.save(buffer, format="PNG", compress_level=3)
        return buffer.getvalue()


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None
