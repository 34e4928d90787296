"""Run a planned build: render what changed, check it, write it, record it, report it."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from briefs.brand.coverage import find_in_files
from briefs.brand.subsets import SUBSETS_DIR, prune_subsets
from briefs.core.diagnostics import Position, Problem, Severity
from briefs.formats.targets import Target
from briefs.output.entries import OutputEntry
from briefs.output.manifest import read_entries, sha256, write_manifest
from briefs.output.writer import WriteError
from briefs.pipeline.cache import BuildCache
from briefs.pipeline.events import Failed, Finished, Note, Rendered, Started, UpToDate
from briefs.pipeline.fitting import (
    announce_fit,
    page_limit_source,
    remove_stale_proof,
    report_overflow,
)
from briefs.pipeline.head_start import HeadStart
from briefs.pipeline.html import render_html
from briefs.pipeline.jobs import render_job
from briefs.pipeline.outputs import make_others, other_formats, write_others
from briefs.pipeline.plan import Plan
from briefs.pipeline.session import BuildSession
from briefs.render.engine import NOTDEF, PAGE_LIMIT, UNCOVERED, RenderJob, RenderResult
from briefs.render.fontsets import font_faces
from briefs.render.workers import Renderer

GLYPHS = (UNCOVERED, NOTDEF)
"""Problems about characters no declared font has (their subject): reported where the first
of them is written."""


@dataclass
class BuildResult:
    """What a build did: the manifest entries of the outputs it wrote, and what failed.

    The manifest is rewritten only when at least one output was written; entries of outputs
    that failed or were not selected this time are kept as they were, since their files are.
    """

    written: list[Path] = field(default_factory=list)
    entries: list[OutputEntry] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    rendered: list[str] = field(default_factory=list)
    up_to_date: list[str] = field(default_factory=list)
    manifest: Path | None = None


def run_build(session: BuildSession, plan: Plan, renderer: Renderer,
              head: HeadStart | None = None) -> BuildResult:
    """Render what changed; write each PDF atomically; rewrite the manifest at the end.

    An output whose key (HTML, options, versions) and dependencies (every file the renderer
    read) are unchanged, and whose file is intact, is not rendered again unless forced.
    `head`: the jobs handed over while planning (pipeline/head_start.py), if any.
    """
    started = time.monotonic()
    result = BuildResult(failed=[session.output_name(key).id for key in plan.failed])
    for key in plan.failed:
        session.events.emit(Failed(session.output_ref(key), "not valid"))
    head = head or HeadStart(session, renderer, open_cache(session))
    cache = head.cache
    previous = {entry.path: entry for entry in read_entries(session.output_dir)}
    pending: dict[str, tuple[Target, str]] = {}
    for target in plan.targets:
        prepared = _prepare(session, target, head, result)
        if prepared is None:
            continue
        cache_key, job = prepared
        if not pending:
            _announce(session)
        session.events.emit(Started(session.output_ref(target.key)))
        if target.id not in head.sent:
            renderer.submit(job, target.key.document)
        pending[target.id] = (target, cache_key)
        if renderer.in_process:  # nothing to overlap with: the first output is out sooner
            _take_results(session, renderer, pending, cache, result)
    prepared_at = time.monotonic()
    _take_results(session, renderer, pending, cache, result)
    cache.flush()
    session.file_hashes.save()
    if session.options.writes:
        prune_subsets(session.output_dir / SUBSETS_DIR, session.writer)
    if result.written:
        built = {entry.path for entry in result.entries}
        kept = [entry for path, entry in previous.items()
                if path not in built and (session.output_dir / path).is_file()]
        result.manifest = write_manifest(session.writer, result.entries + kept,
                                         session.options.shard)
    finished = time.monotonic()
    session.events.emit(Finished(
        rendered=len(result.rendered), up_to_date=len(result.up_to_date),
        failed=len(result.failed), seconds=finished - started,
        timings={"prepare": prepared_at - started, "render": finished - prepared_at}))
    return result


def open_cache(session: BuildSession) -> BuildCache:
    """The build cache of the session's workspace (what the last renders recorded)."""
    return BuildCache.load(session.workspace.root, session.writer, session.file_hashes)


def _take_results(session: BuildSession, renderer: Renderer,
                  pending: dict[str, tuple[Target, str]], cache: BuildCache,
                  result: BuildResult) -> None:
    for job, rendered in renderer.results():
        target, cache_key = pending[job.target_id]
        _take(session, target, cache_key, (job, rendered), cache, result)


def warm_up(session: BuildSession, plan: Plan, renderer: Renderer,
            keep_going: Callable[[], bool] = lambda: True) -> None:
    """Render, and drop, one source-language target per set of fonts, so that a long-lived
    renderer (the preview's) answers the first edit as fast as the next ones; stop as soon as
    `keep_going` says so (a save came in)."""
    seen: list[dict[tuple[str, str, str], str]] = []
    source = session.workspace.config.source_locale
    for target in plan.targets:
        if not keep_going():
            return
        html = render_html(session, target) if target.locale == source else None
        if html is None or font_faces(html) in seen or \
                renderer.is_warm_for(font_faces(html), session.assets.mounts.owner):
            continue
        seen.append(font_faces(html))
        renderer.submit(render_job(session, target, html))
        for _ in renderer.results():
            pass


def _announce(session: BuildSession) -> None:
    if not harfbuzz_subset_available():
        session.events.emit(Note(
            "note: libharfbuzz-subset is not installed, so WeasyPrint subsets fonts with "
            "fontTools (Chinese renders about 10x slower); install libharfbuzz-subset0 "
            "(make build does)"))
    jobs = session.options.jobs
    session.events.emit(Note(f"rendering with {jobs} worker{'s' if jobs != 1 else ''}"))


@lru_cache(maxsize=1)
def harfbuzz_subset_available() -> bool:
    """Whether HarfBuzz's subsetter is installed (WeasyPrint's fast font subsetting)."""
    import ctypes.util

    return ctypes.util.find_library("harfbuzz-subset") is not None


def _prepare(session: BuildSession, target: Target, head: HeadStart,
             result: BuildResult) -> tuple[str, RenderJob] | None:
    """The target's key and render job, or None when it failed or is up to date."""
    if session.options.strict and target.warnings:  # reported while planning
        _fail(session, target, result, "warnings under --strict")
        return None
    composed = head.take(target)
    if composed is None:
        _fail(session, target, result, "template error")
        return None
    fresh = composed.fresh
    if fresh is None:
        return composed.key, composed.job
    # What the last render found still holds: report it again (and fail on it with --strict),
    # as if it had been rendered now.
    replayed = head.cache.replayed(target.name.path)
    _report_soft(session, target, replayed)
    if session.options.strict and replayed:
        _fail(session, target, result, "warnings under --strict")
        return None
    remove_stale_proof(session, target)
    result.up_to_date.append(target.id)
    result.entries.append(fresh)

    session.events.emit(UpToDate(session.output_ref(target.key)))
    return None


def _refusal_source(session: BuildSession, target: Target,
                    refusal: Problem) -> tuple[Path | None, Position | None]:
    """Where a resource refused while rendering is named: the first of the target's
    template and stylesheets that holds its URL, at that line."""
    template = session.template_loader.locate(target.template_name)
    candidates: list[Path | None] = [template, *session.assets.stylesheets(
        target.document.kind, target.brand)]
    files = [f for f in candidates if f is not None]
    path, position = find_in_files(refusal.subject or "", files) if refusal.subject \
        else (None, None)
    return (path, position) if path is not None else (template, Position(1, 1))


def _fail(session: BuildSession, target: Target, result: BuildResult, reason: str,
          proof: str | None = None) -> None:
    result.failed.append(target.id)
    session.events.emit(Failed(session.output_ref(target.key), reason, proof))


def _report_soft(session: BuildSession, target: Target, problems: list[Problem]) -> None:
    """Warnings a render found (errors under --strict), named by the target; one written at
    a place (a stylesheet's CSS warning, the same for every output using it) at that place,
    once per build (the diagnostics keep the same problem at the same place once)."""
    severity = Severity.ERROR if session.options.strict else None
    for problem in problems:
        if problem.at is None:
            session.diagnostics.problem(problem, prefix=f"{target.id}: ", severity=severity,
                                        document=target.key.document)
        else:
            session.diagnostics.problem(problem, Path(problem.at.path),
                                        Position(problem.at.line, problem.at.column),
                                        severity=severity)


def _take(session: BuildSession, target: Target, key: str,
          done: tuple[RenderJob, RenderResult], cache: BuildCache, result: BuildResult) -> None:
    """Report what the render found; write the PDF (and the other formats' files) if it
    passed; record and announce it."""
    began = time.monotonic()
    job, rendered = done
    for name, drawing in rendered.drawings.items():  # recorded by the worker, kept by the build
        session.drawings.keep(name, drawing)
    proof = report_render(session, target, rendered)
    others = make_others(session, target, job.html, rendered.pdf) \
        if rendered.ok and rendered.pdf is not None and other_formats(session, target) else []
    entry = _accept(session, target, rendered) if others is not None else None
    if entry is not None and others:
        files = write_others(session, target, others)
        entry = entry.with_files(files) if files is not None else None
    if entry is None:
        _fail(session, target, result, "does not fit" if proof else "render failed", proof)
        return
    remove_stale_proof(session, target)
    announce_fit(session, target, rendered)
    result.written.append(session.output_dir / target.name.path)
    result.rendered.append(target.id)
    result.entries.append(entry)
    cache.record(entry.path, key, rendered.dependencies + [f.path for f in target.faces],
                 entry.as_json(), replay=rendered.soft, layout=rendered.layout)
    session.events.emit(Rendered(session.output_ref(target.key), entry.pages,
                                 len(rendered.pdf or b""), time.monotonic() - began))


def _glyph_location(session: BuildSession, target: Target,
                    characters: str) -> tuple[Path | None, Position | None]:
    """Where the first character a machine's font printed is written: the translation, the
    source text, the template, or an SVG image."""
    document = target.document
    files = [document.texts[target.locale].path,
             session.workspace.text_path(document.id),
             session.template_loader.locate(target.template_name),
             *[path for path, _info in document.images.values() if path.suffix == ".svg"]]
    for char in characters:
        path, position = find_in_files(char, [f for f in files if f is not None])
        if path is not None:
            return path, position
    return files[0], None


def report_render(session: BuildSession, target: Target, rendered: RenderResult) -> str | None:
    """Report what a render (or a layout) found, each problem where it can be fixed; the
    overflow proof's path when the content did not fit (it is written then)."""
    diagnostics = session.diagnostics
    content_file = target.document.texts[target.locale].path
    prefix, document = f"{target.title}: ", target.key.document
    proof = None
    for problem in rendered.failures:
        if problem.code == PAGE_LIMIT and rendered.overflowed is not None:
            proof = report_overflow(session, target, rendered)
        elif problem.code == PAGE_LIMIT:
            path, position, why = page_limit_source(target)
            over = f"{rendered.overflow} page{'s' if rendered.overflow != 1 else ''} over"
            diagnostics.problem(replace(problem, message=f"{problem.message} ({why}; {over})"),
                                path, position, prefix=prefix, document=document)
        elif problem.code in GLYPHS and problem.subject:
            found, at = _glyph_location(session, target, problem.subject)
            diagnostics.problem(problem, found, at, prefix=prefix, document=document)
        else:
            diagnostics.problem(problem, content_file, prefix=prefix, document=document)
    for refusal in rendered.refusals:
        source, where = _refusal_source(session, target, refusal)
        diagnostics.problem(refusal.hinted("only files inside the workspace can be used"),
                            source, where, document=document,
                            prefix=f"{target.id}: a template or stylesheet asks for ")
    _report_soft(session, target, rendered.soft)
    return proof


def _accept(session: BuildSession, target: Target,
            rendered: RenderResult) -> OutputEntry | None:
    """Write the PDF if the render passed; return its manifest entry."""
    diagnostics = session.diagnostics
    soft = rendered.soft
    if not rendered.ok or rendered.pdf is None or (session.options.strict and soft):
        return None
    try:
        session.writer.write(session.output_dir / target.name.path, rendered.pdf, target.title)
    except WriteError as exc:
        diagnostics.error(f"{target.id}: {exc.message}", exc.path)
        return None
    return OutputEntry(
        path=target.name.path, doc=target.document.id, locale=target.locale,
        kind=target.document.kind.name, profile=target.key.profile,
        pdf_variant=target.pdf_variant, pages=rendered.pages, bytes=len(rendered.pdf),
        sha256=sha256(rendered.pdf), warnings=(*target.warnings, *rendered.log_warnings),
        preflight_warnings=tuple(rendered.preflight_warnings), fit=rendered.fitted)
