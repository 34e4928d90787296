"""Render HTML to PDF bytes with WeasyPrint (imported only here, and only when rendering)."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefs.core.paths import WORKSPACE_URL, Mounts
from briefs.render.fetcher import FetchLog, make_url_fetcher
from briefs.render.finishing import Finishing, finisher
from briefs.render.preflight import check_layout, check_pdf_bytes

IGNORED_LOG_PREFIXES = (
    "Step ",  # progress messages
)
IGNORED_LOG_PARTS = (
    # An image with alt="" is decoration (an artifact); one without alt fails the structure
    # check (7.3-1) with its page, so WeasyPrint's own message would only repeat it.
    "has no required alt description",
)


@dataclass(frozen=True)
class RenderJob:
    """Everything needed to render one target; it crosses to worker processes and back."""

    html: str
    mounts: Mounts
    title: str
    """How messages name the output: "forum (en, screen)"."""
    target_id: str = ""
    """The output this job renders ("doc.locale[.suffix]"), for progress reports."""
    max_pages: int | None = None
    font_families: frozenset[str] = frozenset()
    min_image_dpi: int = 0
    options: dict[str, Any] = field(default_factory=dict)
    finishing: Finishing = field(default_factory=Finishing)


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
    overflow: int = 0
    """Pages beyond the limit (the page-limit error is in `errors`)."""

    @property
    def ok(self) -> bool:
        return self.pdf is not None and not self.errors and not self.refused


class _CollectingHandler(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if not message.startswith(IGNORED_LOG_PREFIXES) and not any(
                part in message for part in IGNORED_LOG_PARTS):
            self.messages.append(message)


class Engine:
    """WeasyPrint in one process, with one FontConfiguration for every render it makes.

    A fresh FontConfiguration per render leaks memory. A forked worker must not use (or
    delete) the one it inherited: its temporary font folder belongs to the parent, so the
    engine notices the process changed, detaches the old one (kept alive so that no finalizer
    runs) and makes its own. The image cache, by contrast, is fresh for every render:
    WeasyPrint caches failed loads too, so a shared cache would hide a refused resource from
    the fetcher the second time, and would serve an image from before the file changed.
    """

    def __init__(self) -> None:
        self._font_config: Any = None
        self._pid = 0
        self._inherited: list[Any] = []

    def font_configuration(self) -> Any:
        from weasyprint.text.fonts import FontConfiguration

        if self._font_config is not None and self._pid == os.getpid():
            return self._font_config
        if self._font_config is not None:
            self._font_config._folder = None  # the parent's folder: never delete it from here
            self._inherited.append(self._font_config)
        self._font_config, self._pid = FontConfiguration(), os.getpid()
        return self._font_config

    def render(self, job: RenderJob) -> RenderResult:
        """Lay out the job's HTML (its URLs confined to the mounts), check the page limit
        and the fonts used, and return the PDF bytes.

        When `font_families` is given, a font outside it in the PDF means some characters
        were not covered by the declared fonts and a system font filled in: an error, since
        the output would then depend on the machine.
        """
        import weasyprint

        log = FetchLog()
        handler = _CollectingHandler()
        logger = logging.getLogger("weasyprint")
        logger.addHandler(handler)
        title, options = job.title, job.options
        try:
            document = weasyprint.HTML(
                string=job.html, base_url=WORKSPACE_URL,
                url_fetcher=make_url_fetcher(job.mounts, log),
            ).render(font_config=self.font_configuration(), cache={}, **options)
            result = RenderResult(pdf=None, pages=len(document.pages), refused=log.refused)
            if job.max_pages is not None and result.pages > job.max_pages:
                result.overflow = result.pages - job.max_pages
                result.errors.append(
                    f"{title}: the content needs {result.pages} pages but the limit is "
                    f"{job.max_pages}; shorten the text or raise the limit")
            findings = check_layout(document, job.min_image_dpi)
            result.errors += [f"{title}: {message}" for message in findings.errors]
            result.preflight_warnings += findings.warnings
            if not result.errors and not result.refused:
                pdf = _write(document, job, result)
                strangers = _font_strangers(document, job.font_families)
                if log.refused:  # a sub-resource refused while writing (inside an SVG)
                    result.refused = log.refused
                elif strangers:
                    result.errors.append(
                        f"{title}: some characters are not covered by the brand's fonts, so "
                        f"the machine's {', '.join(strangers)} filled in; declare a font that "
                        "covers them in brand.yaml")
                elif not result.errors:
                    result.pdf = pdf
        finally:
            logger.removeHandler(handler)
        result.dependencies = sorted(set(log.fetched))
        _sort_messages(result, handler.messages, log, title)
        return result


def _write(document: Any, job: RenderJob, result: RenderResult) -> bytes | None:
    """The PDF, finished (structure tree rebuilt, archival fixes, marks, reproducible IDs)
    and checked against the standards it claims (PDF/UA-1 rule by rule, PDF/A): a file that
    says it conforms and does not is an error, not a warning."""
    from briefs.render.tagging.recover import TaggingError

    seed = job.html + repr(sorted(job.options.items())) + repr(job.finishing)
    try:
        pdf: bytes = document.write_pdf(finisher=finisher(job.finishing, seed, document),
                                        **job.options)
    except TaggingError as exc:
        result.errors.append(f"{job.title}: the structure tree could not be built ({exc}); "
                             "please report this with the document")
        return None
    findings = check_pdf_bytes(pdf)
    result.errors += [f"{job.title}: {message}" for message in findings.errors]
    result.preflight_warnings += findings.warnings
    return pdf


def _font_strangers(document: Any, declared: frozenset[str]) -> list[str]:
    used = {font.family for font in document.fonts.values()}
    return sorted(used - declared) if declared else []


def _sort_messages(result: RenderResult, messages: list[str], log: FetchLog, title: str) -> None:
    """WeasyPrint's log: a missing glyph fails the output; other messages are warnings."""
    for message in messages:
        if ".notdef glyph" in message:
            result.errors.append(f"{title}: {message}; declare a font that covers it in "
                                 "brand.yaml")
            result.pdf = None
        elif not _is_refusal_echo(message, log):
            result.warnings.append(message)


def _is_refusal_echo(message: str, log: FetchLog) -> bool:
    """WeasyPrint logs a warning for every resource the fetcher refused; we already report it."""
    return bool(log.refused) and ("Failed to load" in message or "fetch" in message.lower())
