"""Render HTML to PDF bytes with WeasyPrint (imported only here, and only when rendering)."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from briefs.core.diagnostics import Problem, Severity
from briefs.core.paths import WORKSPACE_URL, Mounts
from briefs.kinds.fit_levers import FitPlan, one_step_more
from briefs.render.conformance import written
from briefs.render.copyfit import attempts_for, fit_to_pages
from briefs.render.css_warnings import stylesheet_spot
from briefs.render.deadline import RENDER_SECONDS, TimeLimitExceeded, time_limit
from briefs.render.fetcher import FetchLog, make_url_fetcher
from briefs.render.finishing import Finishing, finisher
from briefs.render.flex_cross_minimum import install as install_flex_cross_minimum
from briefs.render.fontsets import FontConfigurations, font_faces
from briefs.render.kept_drawings import DrawingStore, drawings_for
from briefs.render.layout_record import LayoutRecord
from briefs.render.line_breaks import install as install_line_break_fix
from briefs.render.native import import_weasyprint
from briefs.render.overflow import Overflow, measure_overflow
from briefs.render.page_count import PageCount, keep_page_rules
from briefs.render.parsed_css import ParsedStylesheets
from briefs.render.preflight import (
    check_layout,
    footnote_problems,
    synthesised_faces,
)
from briefs.render.proof import overflow_proof
from briefs.render.render_log import CollectingHandler
from briefs.render.shared_images import SharedImages
from briefs.render.stage_checks import Layout, StageCheck
from briefs.render.subset_arrays import install as install_unsized_arrays
from briefs.render.svg_text import install as install_svg_text_fix

FOOTNOTE_FALLBACKS = (
    "",
    "p:has(.footnote) { break-inside: avoid !important; }",
    "p:has(.footnote) { break-inside: avoid !important; }"
    " p { orphans: 1 !important; widows: 1 !important; }",
    "p { orphans: 1 !important; widows: 1 !important; }",
)
"""Extra CSS for each attempt at a layout that keeps every footnote on its call's page
(given as a user stylesheet, so `!important` is needed to override the layout's rules)."""

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
    even_pages: bool = False
    """Print: a back cover (`data-back-cover`) goes on a verso, padded with a blank page."""
    checks: tuple[StageCheck, ...] = ()
    """The checks run in the worker (`briefs.formats.checks.Check`s the build selected for
    the target's kind and profile): stage "layout" on the laid-out pages, stage "render" on
    the PDF before it is accepted. The engine runs these and no others."""
    layout: LayoutRecord | None = None
    """What the last render of the same inputs settled on (`render/layout_record.py`): laid
    out once with its CSS instead of searching again."""
    drawings: DrawingStore | None = None
    """Where the plain SVG drawings earlier builds recorded are kept (`kept_drawings.py`)."""


REFUSED = "render.refused"
LOG = "render.log"
PAGE_LIMIT = "render.page-limit"
UNCOVERED = "render.uncovered"
NOTDEF = "render.notdef"
"""Codes of problems the build reports apart: a resource the fetcher refused (at the
template or stylesheet that asks for it), a line of WeasyPrint's log, the page limit (at its
rule, or at what overflows), characters no declared font has (where they are written)."""


@dataclass
class RenderResult:
    """What one render produced: the PDF, its page count, and what went wrong on the way,
    as typed problems (plain data: it crosses from a worker process to the build)."""

    pdf: bytes | None
    pages: int
    problems: list[Problem] = field(default_factory=list)
    """Everything the render and the checks it ran found, in the order found: errors (the
    page limit, characters no declared font covers, a faked face, the checks' errors, a
    refused resource) fail the output; warnings are reported (and fail it under --strict)."""
    title: str = ""
    """How lines name the output ("forum (en, screen)")."""
    dependencies: list[Path] = field(default_factory=list)
    overflow: int = 0
    """Pages beyond the limit (the `render.page-limit` error says so too)."""
    fitted: tuple[str, ...] = ()
    """The fit steps the output needed ("body 8.5 pt", "photo 80%"), if any."""
    overflowed: Overflow | None = None
    """What ran past the page limit, even after every fit step."""
    proof: bytes | None = None
    """The overflow proof (the overflowing layout, shaded), when the output overflowed."""
    layout: LayoutRecord | None = None
    """What the page-count search settled on (kept for the next render of the same inputs),
    when the content fitted."""
    drawings: dict[str, bytes] = field(default_factory=dict)
    """The plain SVG drawings this render recorded, by name, for the build to keep
    (`kept_drawings.py`)."""

    @property
    def failures(self) -> list[Problem]:
        """The errors, but for refused resources (`refusals`)."""
        return [p for p in self.problems if p.is_error and p.code != REFUSED]

    @property
    def refusals(self) -> list[Problem]:
        """The resources the fetcher refused (the URL as subject)."""
        return [p for p in self.problems if p.code == REFUSED]

    @property
    def soft(self) -> list[Problem]:
        """The warnings: WeasyPrint's log first, then the checks' (as they are reported)."""
        warnings = [p for p in self.problems if not p.is_error]
        return [p for p in warnings if p.code == LOG] + [p for p in warnings if p.code != LOG]

    @property
    def errors(self) -> list[str]:
        """The errors but refusals as lines naming the output ("forum (en, screen): ...")."""
        prefix = f"{self.title}: " if self.title else ""
        return [prefix + p.line() for p in self.failures]

    @property
    def refused(self) -> list[str]:
        return [p.line() for p in self.refusals]

    @property
    def log_warnings(self) -> list[str]:
        """WeasyPrint's warnings, as lines (the manifest's `warnings`)."""
        return [p.line() for p in self.problems if not p.is_error and p.code == LOG]

    @property
    def preflight_warnings(self) -> list[str]:
        """The checks' warnings, as lines (the manifest's `preflight.warnings`)."""
        return [p.line() for p in self.problems if not p.is_error and p.code != LOG]

    @property
    def ok(self) -> bool:
        return self.pdf is not None and not any(p.is_error for p in self.problems)

    @classmethod
    def failure(cls, title: str, problem: Problem) -> RenderResult:
        """No PDF, for one reason."""
        return cls(pdf=None, pages=0, problems=[problem], title=title)


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
        import_weasyprint()  # its native libraries opened without ctypes' search (native.py)
        install_line_break_fix()  # a word alone before an inline element (line_breaks.py)
        install_flex_cross_minimum()  # no layout for a row item's minimum height
        install_svg_text_fix()  # SVG text drawn character by character (svg_text.py)
        install_unsized_arrays()  # no C type parsed per glyph count (subset_arrays.py)
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
                return RenderResult.failure(job.title, Problem.error("render.time-limit",
                                                                     str(exc)))

    def _render(self, job: RenderJob) -> RenderResult:
        """Lay out the job's HTML (its URLs confined to the mounts), check the page limit,
        the layout and the fonts used, and return the PDF bytes."""
        log = FetchLog()
        handler = CollectingHandler()
        logger = logging.getLogger("weasyprint")
        logger.addHandler(handler)
        result = RenderResult(pdf=None, pages=0, title=job.title)
        with drawings_for(job.drawings) as drawings:
            try:
                document = self._replayed(job, log, result) if job.layout is not None else None
                if document is None:
                    document = self._searched(job, log, result)
                result.problems += check_layout(document, job.min_image_dpi).problems
                layout = Layout(document, job.html)
                result.problems += [problem for check in _checks(job, "layout")
                                    for problem in check.check_layout(layout)]
                if not any(p.is_error for p in result.problems) and not log.refused \
                        and not job.layout_only:
                    _write(document, job, result, log)
            finally:
                logger.removeHandler(handler)
        result.drawings = drawings.made
        result.dependencies = sorted(set(log.fetched))
        result.problems += log.refusals
        _sort_messages(result, handler, log, job.mounts.folders)
        return result

    def _searched(self, job: RenderJob, log: FetchLog, result: RenderResult) -> Any:
        """The layout within the page limit with the fewest fit steps, after the page-count
        rules; what it settled on is kept in `result.layout` when the content fitted."""
        document = self._lay_out(job, log)
        result.pages = len(document.pages)
        fit_css = ""
        if job.max_pages is not None and result.pages > job.max_pages:
            document, fit_css = self._fit(job, log, document, result)
        if result.overflowed is None:
            document = self._page_rules(job, log, document, fit_css, result)
        return document

    def _replayed(self, job: RenderJob, log: FetchLog, result: RenderResult) -> Any:
        """The layout the last search of the same inputs settled on, laid out once; None
        when its page count is not the recorded one (then the search is made again)."""
        record = job.layout
        assert record is not None
        document = self._lay_out(job, log, record.css)
        if len(document.pages) != record.pages:
            return None
        result.pages, result.fitted = record.pages, record.fitted
        result.problems += record.warnings
        result.layout = record
        return document

    def _page_rules(self, job: RenderJob, log: FetchLog, document: Any, fit_css: str,
                    result: RenderResult) -> Any:
        """The layout after the page-count rules (`render/page_count.py`)."""
        found = keep_page_rules(lambda css: self._lay_out(job, log, css),
                                attempts_for(job.fit, job.html),
                                PageCount(document, fit_css, result.fitted), job.html,
                                even=job.even_pages, limit=job.max_pages)
        result.pages = len(found.document.pages)
        result.fitted = found.applied + tuple(found.notes)
        result.problems += found.warnings
        result.layout = LayoutRecord(found.css, result.pages, result.fitted,
                                     tuple(found.warnings))
        return found.document

    def _fit(self, job: RenderJob, log: FetchLog, document: Any,
             result: RenderResult) -> tuple[Any, str]:
        """The layout that fits the page limit with the fewest fit steps, and its CSS; else
        the tightest, with what overflows measured (and an overflow proof made of it)."""
        assert job.max_pages is not None
        attempts = attempts_for(job.fit, job.html)
        outcome = fit_to_pages(lambda css: self._lay_out(job, log, css), attempts,
                               job.max_pages, document)
        result.pages = len(outcome.document.pages)
        result.fitted = outcome.applied
        if outcome.fits:
            return outcome.document, outcome.css
        result.overflow = result.pages - job.max_pages
        result.overflowed = measure_overflow(outcome.document, job.max_pages)
        more = one_step_more(job.fit, attempts[-1] if attempts else None)
        if more is not None and len(self._lay_out(job, log, more.css).pages) <= job.max_pages:
            result.overflowed = replace(result.overflowed, one_more=str(job.fit.one_more))
        result.problems.append(Problem.error(
            PAGE_LIMIT, f"the content needs {result.pages} pages but the limit is "
            f"{job.max_pages}"))
        if not job.layout_only:
            result.proof = overflow_proof(outcome.document, result.overflowed,
                                          make_url_fetcher(job.mounts, FetchLog()))
        return outcome.document, outcome.css

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
        result.problems.append(Problem.error(
            "render.tagging", f"the structure tree could not be built ({exc})",
            "please report this with the document"))
        return
    strangers = _font_strangers(document, job.font_families)
    faked = synthesised_faces(font for font in document.fonts.values()
                              if font.family not in strangers)
    if log.refused:  # a sub-resource refused while writing (inside an SVG): reported below
        return
    if strangers:
        uncovered = "".join(sorted({
            char for font in document.fonts.values() if font.family in strangers
            for char in "".join(font.to_unicode.values()) if not char.isspace()}))
        named = ", ".join(f'U+{ord(c):04X} "{c}"' for c in uncovered[:8])
        result.problems.append(Problem.error(
            UNCOVERED, f"some characters are not covered by the brand's fonts "
            f"({named}), so the machine's {', '.join(strangers)} filled in",
            "declare a font that covers them in brand.yaml", subject=uncovered))
    elif faked:
        result.problems.append(Problem.error(
            "render.faked-face", f"no face for {', '.join(faked)}, so the renderer faked it",
            "declare the missing face in brand.yaml, or set `emphasis:` for the script there "
            "(scripts without italics are emphasised in bold)"))
    else:
        problems = [problem for check in _checks(job, "render") for problem in check.check(pdf)]
        result.problems += problems
        if not any(p.is_error for p in problems):
            result.pdf = pdf


def _checks(job: RenderJob, stage: str) -> tuple[StageCheck, ...]:
    """The job's checks of `stage`."""
    return tuple(check for check in job.checks if check.stage == stage)


def _font_strangers(document: Any, declared: frozenset[str]) -> list[str]:
    used = {font.family for font in document.fonts.values()}
    return sorted(used - declared) if declared else []


def _sort_messages(result: RenderResult, log_lines: CollectingHandler, log: FetchLog,
                   roots: list[Path]) -> None:
    """WeasyPrint's log: a missing glyph fails the output; other messages are warnings."""
    for message, char in log_lines.missing:
        result.problems.append(Problem.error(
            NOTDEF, message, "declare a font that covers it in brand.yaml",
            subject=char or None))
        result.pdf = None
    for message in log_lines.messages:
        if not _is_refusal_echo(message, log):
            result.problems.append(Problem(
                Severity.WARNING, LOG, message, at=stylesheet_spot(message, log.fetched, roots)))


def _is_refusal_echo(message: str, log: FetchLog) -> bool:
    """WeasyPrint logs a warning for every resource the fetcher refused; we already report it."""
    return bool(log.refused) and ("Failed to load" in message or "fetch" in message.lower())
