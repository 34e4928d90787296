"""Render HTML to PDF bytes with WeasyPrint (imported only here, and only when rendering)."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .fetcher import WORKSPACE_URL, FetchLog, make_url_fetcher
from .metadata import deterministic_document_id
from .preflight import check_layout

IGNORED_LOG_PREFIXES = (
    "Step ",  # progress messages
)


@dataclass
class RenderResult:
    """What one render produced: the PDF, its page count, and what went wrong on the way."""

    pdf: bytes | None
    pages: int
    errors: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    preflight_warnings: list[str] = field(default_factory=list)
    dependencies: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class _CollectingHandler(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if not message.startswith(IGNORED_LOG_PREFIXES):
            self.messages.append(message)


_FONT_CONFIGURATION: tuple[int, Any] | None = None
_INHERITED: list[Any] = []


def _font_configuration() -> Any:
    """One FontConfiguration per process: a fresh one per render leaks memory.

    A forked worker must not use (or delete) the one it inherited: its temporary font folder
    belongs to the parent. It is detached, kept alive so that no finalizer runs, and replaced.

    The image cache, by contrast, is fresh for every render: WeasyPrint caches failed loads
    too, so a shared cache would hide a refused resource from the fetcher the second time,
    and would serve an image from before the file changed.
    """
    global _FONT_CONFIGURATION
    from weasyprint.text.fonts import FontConfiguration

    if _FONT_CONFIGURATION is not None and _FONT_CONFIGURATION[0] == os.getpid():
        return _FONT_CONFIGURATION[1]
    if _FONT_CONFIGURATION is not None:
        inherited = _FONT_CONFIGURATION[1]
        inherited._folder = None  # the parent's folder: never delete it from here
        _INHERITED.append(inherited)
    _FONT_CONFIGURATION = (os.getpid(), FontConfiguration())
    return _FONT_CONFIGURATION[1]


def render_pdf(html: str, root: Path, *, title: str, max_pages: int | None = None,
               font_families: frozenset[str] = frozenset(), min_image_dpi: int = 0,
               options: dict[str, Any] | None = None) -> RenderResult:
    """Lay out `html` (its URLs confined to `root`), check the page limit, return PDF bytes.

    When `font_families` is given, a font outside it in the PDF means some characters were not
    covered by the declared fonts and a system font filled in: an error, since the output would
    then depend on the machine.
    """
    import weasyprint

    options = options or {}
    log = FetchLog()
    handler = _CollectingHandler()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        document = weasyprint.HTML(
            string=html, base_url=WORKSPACE_URL, url_fetcher=make_url_fetcher(root, log),
        ).render(font_config=_font_configuration(), cache={}, **options)
        pages = len(document.pages)
        result = RenderResult(pdf=None, pages=pages)
        result.refused += log.refused
        if max_pages is not None and pages > max_pages:
            result.errors.append(
                f"{title}: the content needs {pages} pages but the limit is {max_pages}; "
                "shorten the text or raise the limit")
        findings = check_layout(document, min_image_dpi)
        result.errors += [f"{title}: {message}" for message in findings.errors]
        result.preflight_warnings += findings.warnings
        if not result.errors and not result.refused:
            with deterministic_document_id(html + repr(sorted(options.items()))):
                pdf = document.write_pdf(**options)
            used = {font.family for font in document.fonts.values()}
            strangers = sorted(used - font_families) if font_families else []
            if strangers:
                result.errors.append(
                    f"{title}: some characters are not covered by the brand's fonts, so the "
                    f"machine's {', '.join(strangers)} filled in; declare a font that covers "
                    "them in brand.yaml")
            else:
                result.pdf = pdf
    finally:
        logger.removeHandler(handler)
    result.dependencies = sorted(set(log.fetched))
    for message in handler.messages:
        if ".notdef glyph" in message:
            result.errors.append(f"{title}: {message}; declare a font that covers it in "
                                 "brand.yaml")
            result.pdf = None
        elif not _is_refusal_echo(message, log):
            result.warnings.append(message)
    return result


def _is_refusal_echo(message: str, log: FetchLog) -> bool:
    """WeasyPrint logs a warning for every resource the fetcher refused; we already report it."""
    return bool(log.refused) and ("Failed to load" in message or "fetch" in message.lower())
