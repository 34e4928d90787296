"""A target's render job: its HTML, what the worker needs, its cache key, and whether it is
up to date (made once per target, before or while the build hands jobs over)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from briefs.formats.checks import IN_RENDER
from briefs.formats.targets import Target
from briefs.kinds.fit_levers import medium_of
from briefs.output.entries import OutputEntry
from briefs.pipeline.cache import BuildCache, target_key
from briefs.pipeline.fitting import fit_plan
from briefs.pipeline.html import render_html
from briefs.pipeline.outputs import intact
from briefs.pipeline.session import BuildSession
from briefs.render.engine import RenderJob
from briefs.render.profiles import finishing, render_options

HTML_OWNER = "emitted HTML"


@dataclass(frozen=True)
class Composed:
    """A target's cache key and render job, and its manifest entry when it is up to date."""

    key: str
    job: RenderJob
    fresh: OutputEntry | None = None
    """The entry of the output as it is, when nothing it depends on changed (and its files
    are all there): it is not rendered again. None: it renders."""


def compose(session: BuildSession, target: Target, cache: BuildCache) -> Composed | None:
    """The target's key and job (None on a template error, reported where it is); writes
    the HTML beside the PDF under `--emit-html`."""
    html = render_html(session, target)
    if html is None:
        return None
    job = render_job(session, target, html)
    key = target_key(html, {"title": job.title, "max_pages": job.max_pages,
                            "fonts": sorted(job.font_families),
                            "min_dpi": job.min_image_dpi, "options": job.options,
                            "finishing": repr(job.finishing), "even": job.even_pages,
                            "fit": [attempt.css for attempt in job.fit.attempts]
                            + [str(job.fit.drop_optional)],
                            "checks": [check.name for check in job.checks],
                            "formats": [output.name for output in session.outputs_of(
                                target.key.profile)]})
    if session.options.emit_html:
        emitted = session.assets.mounts.real_urls(html)
        path = (session.output_dir / target.name.path).with_suffix(".html")
        session.writer.write_text(path, emitted, HTML_OWNER)
    fresh = None if session.options.force else \
        OutputEntry.from_json(cache.fresh_entry(target.name.path, key))
    if fresh is None or not intact(session, target, fresh):
        return Composed(key, replace(job, layout=cache.layout(target.name.path, key)))
    return Composed(key, job, fresh)


def render_job(session: BuildSession, target: Target, html: str,
               layout_only: bool = False) -> RenderJob:
    """What a worker needs to lay out (and fit, and write) one target."""
    return RenderJob(
        html=html, mounts=session.assets.mounts, target_id=target.id, title=target.title,
        max_pages=target.document.page_limit,
        font_families=frozenset(resolved.face.family for resolved in target.faces),
        min_image_dpi=target.profile.min_image_dpi,
        options=render_options(target.profile, target.key.variant),
        finishing=finishing(target.profile, target.key.variant, _slug_line(target)),
        fit=fit_plan(target), layout_only=layout_only,
        even_pages=medium_of(target.profile) == "print",
        checks=session.checks.select(target.document.kind.name, target.profile, "pdf",
                                     stage=IN_RENDER),
        drawings=session.drawing_store)


def _slug_line(target: Target) -> str:
    """What the printer reads beside each page: document, locale, profile and date."""
    created, modified = target.dates
    date = (modified or created or "")[:10]
    return "  ".join(part for part in (target.key.document, target.key.locale,
                                       target.key.profile, date) if part)
