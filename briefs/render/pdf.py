"""Render HTML to PDF bytes with WeasyPrint (imported only here, and only when rendering)."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefs.core.diagnostics import Problem
from briefs.core.paths import WORKSPACE_URL, Mounts
from briefs.kinds.fit import FitPlan
from briefs.render.conformance import written
from briefs.render.contrast import contrast_warnings
from briefs.render.css_warnings import with_stylesheet
from briefs.render.deadline import RENDER_SECONDS, TimeLimitExceeded, time_limit
from briefs.render.fetcher import FetchLog, make_url_fetcher
from briefs.render.finishing import Finishing, finisher
from briefs.render.fit import attempts_for, fit_to_pages
from briefs.render.fontsets import FontConfigurations, font_faces
from briefs.render.overflow import Overflow, measure_overflow
from briefs.render.parsed_css import ParsedStylesheets
from briefs.render.preflight import (
    check_layout,
    footnote_problems,
    synthesised_faces,
)
from briefs.render.proof import overflow_proof
from briefs.render.shared_images import SharedImages

IGNORED_LOG_PREFIXES = (
    "Step ",  # progress messages
    # Declared for other renderers; WeasyPrint lacks them and briefs enforces them itself:
    # a synthesised face fails the output (see `synthesised_faces`), and Korean words are
    # kept whole by render/typeset.py.
    "Ignored `font-synthesis: none`",
    "Ignored `word-break: keep-all`",
)
FOOTNOTE_FALLBACKS = (
    "",
    "p:has(.footnote) { break-inside: avoid !important; }",
    "p:has(.footnote) { break-inside: avoid !important; }"
    " p { orphans: 1 !important; widows: 1 !important; }",
    "p { orphans: 1 !important; widows: 1 !important; }",
)
"""Extra CSS for each attempt at a layout that keeps every footnote on its call's page
(given as a user stylesheet, so `!important` is needed to override the layout's rules)."""

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
    fit: FitPlan = field(default_factory=FitPlan)
    """Copyfitting steps tried when the content is longer than `max_pages`."""
    layout_only: bool = False
    """Lay out and fit, write no PDF (`briefs check --layout`)."""
    checks: tuple[Any, ...] | None = None
    """The checks (`briefs.formats.checks.Check`, stage "render") run on the PDF before it
    is accepted, selected for the target's kind and profile; None: the built-in ones."""


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
    uncovered: str = ""
    """Characters a machine's font printed (the error about them is in `errors`)."""
    fitted: tuple[str, ...] = ()
    """The fit steps the output needed ("body 8.5 pt", "photo 80%"), if any."""
    overflowed: Overflow | None = None
    """What ran past the page limit, even after every fit step."""
    proof: bytes | None = None
    """The overflow proof (the overflowing layout, shaded), when the output overflowed."""
    problems: list[Problem] = field(default_factory=list)
    """What the render's checks found, typed (their lines are in `errors` and
    `preflight_warnings` too)."""
    refusals: list[Problem] = field(default_factory=list)
    """The resources the fetcher refused, typed (the URL as subject; lines in `refused`)."""

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
    """WeasyPrint in one process: font configurations kept warm between renders.

    Renders share a font configuration whose faces agree with theirs (see
    `FontConfigurations`), and the stylesheets parsed in it (see `ParsedStylesheets`).
    WeasyPrint's image cache is fresh for every render (it caches failed loads too, so a
    shared one would hide a refused resource from the fetcher the second time, and serve an
    image from before the file changed), except for plain SVG drawings and raster images,
    kept by content (see `SharedImages`).
    """

    def __init__(self) -> None:
        self.fonts = FontConfigurations()
        self.images = SharedImages()
        self.stylesheets = ParsedStylesheets()
        self._lock = threading.Lock()
        """WeasyPrint (fontconfig and Pango under it) is not thread-safe: one render at a time
        in a process, whichever thread asks (the preview's builder, a test's)."""

    def render(self, job: RenderJob) -> RenderResult:
        """`_render` the job, one render at a time in this process, within RENDER_SECONDS
        (in a worker, on the main thread, in the preview's thread alike)."""
        with self._lock:
            try:
                with time_limit(RENDER_SECONDS, "rendering"):
                    return self._render(job)
            except TimeLimitExceeded as exc:
                return RenderResult(pdf=None, pages=0, errors=[f"{job.title}: {exc}"])

    def _render(self, job: RenderJob) -> RenderResult:
        """Lay out the job's HTML (its URLs confined to the mounts), check the page limit,
        the layout and the fonts used, and return the PDF bytes."""
        log = FetchLog()
        handler = _CollectingHandler()
        logger = logging.getLogger("weasyprint")
        logger.addHandler(handler)
        title = job.title
        try:
            document = self._lay_out(job, log)
            result = RenderResult(pdf=None, pages=len(document.pages), refused=log.refused)
            if job.max_pages is not None and result.pages > job.max_pages:
                document = self._fit(job, log, document, result)
            findings = check_layout(document, job.min_image_dpi)
            result.errors += [f"{title}: {message}" for message in findings.errors]
            result.preflight_warnings += findings.warnings
            result.preflight_warnings += contrast_warnings(document, job.html)
            if not result.errors and not result.refused and not job.layout_only:
                _write(document, job, result, log)
        finally:
            logger.removeHandler(handler)
        result.dependencies = sorted(set(log.fetched))
        result.refusals = list(log.refusals) if result.refused else []
        _sort_messages(result, handler.messages, log, title, job.mounts.folders)
        return result

    def _fit(self, job: RenderJob, log: FetchLog, document: Any,
             result: RenderResult) -> Any:
        """The layout that fits the page limit with the fewest fit steps; else the tightest,
        with what overflows measured (and an overflow proof made of it)."""
        assert job.max_pages is not None
        attempts = attempts_for(job.fit, job.html)
        outcome = fit_to_pages(lambda css: self._lay_out(job, log, css), attempts,
                               job.max_pages, document)
        result.pages = len(outcome.document.pages)
        result.fitted = outcome.applied
        if outcome.fits:
            return outcome.document
        result.overflow = result.pages - job.max_pages
        result.overflowed = measure_overflow(outcome.document, job.max_pages)
        result.errors.append(f"{job.title}: the content needs {result.pages} pages but the "
                             f"limit is {job.max_pages}")
        if not job.layout_only:
            result.proof = overflow_proof(outcome.document, result.overflowed,
                                          make_url_fetcher(job.mounts, FetchLog()))
        return outcome.document

    def _lay_out(self, job: RenderJob, log: FetchLog, fit_css: str = "") -> Any:
        """The laid-out document (with `fit_css`, one copyfitting attempt). When WeasyPrint
        parts a footnote from its call (it does when it moves lines to respect widows and
        orphans after placing a note), the layout is made again keeping paragraphs with
        calls whole, then with widows and orphans relaxed: a less even page rather than a
        note on the wrong page."""
        import weasyprint

        font_config = self.fonts.for_faces(font_faces(job.html), job.mounts.owner)
        document = None
        for extra in FOOTNOTE_FALLBACKS:
            sheets = [weasyprint.CSS(string=css) for css in (fit_css, extra) if css]
            images = self.images.for_render(job.mounts, log, job.html, job.options)
            with self.stylesheets.active(log):
                document = weasyprint.HTML(
                    string=job.html, base_url=WORKSPACE_URL,
                    url_fetcher=make_url_fetcher(job.mounts, log),
                ).render(font_config=font_config, cache=images, stylesheets=sheets or None,
                         **job.options)
            if not footnote_problems(document):
                break
        return document


def _write(document: Any, job: RenderJob, result: RenderResult, log: FetchLog) -> None:
    """The PDF, finished (structure tree rebuilt, archival fixes, marks, reproducible IDs)
    and checked against the standards it claims (PDF/UA-1 rule by rule, PDF/A): a file that
    says it conforms and does not is an error, not a warning. No PDF either when the
    renderer had to fake a face, or fell back on a machine's font for characters the
    declared fonts lack (the output would then depend on the machine)."""
    from briefs.render.tagging.recover import TaggingError

    seed = job.html + repr(sorted(job.options.items())) + repr(job.finishing)
    try:
        pdf = written(lambda padding: document.write_pdf(
            finisher=finisher(job.finishing, seed, document, padding), **job.options))
    except TaggingError as exc:
        result.errors.append(f"{job.title}: the structure tree could not be built ({exc}); "
                             "please report this with the document")
        return
    strangers = _font_strangers(document, job.font_families)
    faked = synthesised_faces(font for font in document.fonts.values()
                              if font.family not in strangers)
    if log.refused:  # a sub-resource refused while writing (inside an SVG)
        result.refused = log.refused
    elif strangers:
        result.uncovered = "".join(sorted({
            char for font in document.fonts.values() if font.family in strangers
            for char in "".join(font.to_unicode.values()) if not char.isspace()}))
        named = ", ".join(f'U+{ord(c):04X} "{c}"' for c in result.uncovered[:8])
        result.errors.append(
            f"{job.title}: some characters are not covered by the brand's fonts ({named}), so "
            f"the machine's {', '.join(strangers)} filled in; declare a font that covers them "
            "in brand.yaml")
    elif faked:
        result.errors.append(
            f"{job.title}: no face for {', '.join(faked)}, so the renderer faked it; declare "
            "the missing face in brand.yaml, or set `emphasis:` for the script there "
            "(scripts without italics are emphasised in bold)")
    else:
        problems = [problem for check in _checks(job) for problem in check.check(pdf)]
        result.errors += [f"{job.title}: {p.message}" for p in problems if p.is_error]
        result.preflight_warnings += [p.message for p in problems if not p.is_error]
        result.problems += problems
        if not any(p.is_error for p in problems):
            result.pdf = pdf


def _checks(job: RenderJob) -> tuple[Any, ...]:
    if job.checks is not None:
        return job.checks
    from briefs.formats.checks import builtin_checks

    return tuple(check for check in builtin_checks() if check.stage == "render")


def _font_strangers(document: Any, declared: frozenset[str]) -> list[str]:
    used = {font.family for font in document.fonts.values()}
    return sorted(used - declared) if declared else []


def _sort_messages(result: RenderResult, messages: list[str], log: FetchLog, title: str,
                   roots: list[Path]) -> None:
    """WeasyPrint's log: a missing glyph fails the output; other messages are warnings."""
    for message in messages:
        if ".notdef glyph" in message:
            result.errors.append(f"{title}: {message}; declare a font that covers it in "
                                 "brand.yaml")
            result.pdf = None
        elif not _is_refusal_echo(message, log):
            result.warnings.append(with_stylesheet(message, log.fetched, roots))


def _is_refusal_echo(message: str, log: FetchLog) -> bool:
    """WeasyPrint logs a warning for every resource the fetcher refused; we already report it."""
    return bool(log.refused) and ("Failed to load" in message or "fetch" in message.lower())
