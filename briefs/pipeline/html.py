"""A target's HTML: its template rendered with its context, in its locale (no WeasyPrint)."""

from __future__ import annotations

import dataclasses

from briefs.brand.brands import ResolvedFace
from briefs.brand.fonts import INSTALLED_FONTS_DIR, InstalledFace, materialize
from briefs.brand.subsets import SUBSETS_DIR, characters, is_large, subset_face
from briefs.core.diagnostics import Diagnostics
from briefs.core.paths import RefusedPath
from briefs.formats.targets import Target
from briefs.i18n.catalogs import po_path
from briefs.pipeline.plan import Plan
from briefs.pipeline.resample import screen_image
from briefs.pipeline.session import BuildSession
from briefs.render.charts import chart_texts
from briefs.render.context import ContextStores, build_context
from briefs.render.metadata import FALLBACK_DATE
from briefs.render.templating import make_environment, render_template
from briefs.render.typeset import rules_for, typeset_html

DATED_VARIANTS = {"pdf/x-4"}


def render_html(session: BuildSession, target: Target, *, for_render: bool = True) -> str | None:
    """The target's HTML, or None with the template problem in the session's diagnostics.

    Template strings missing from the locale's catalog fall back to English and are added to
    the target's warnings. Installed fonts are copied into the output folder only when the
    HTML is going to be rendered (`briefs check` writes nothing).
    """
    diagnostics = session.diagnostics
    translations = session.translations(target.locale)
    fmt = session.locale_format(target.locale)
    env = make_environment(session.template_loader, fmt, translations,
                           session.compiled_templates, session.qr_codes)

    large: dict[str, ResolvedFace] = {}

    def font_url(resolved: ResolvedFace) -> str:
        if not for_render:
            return resolved.path.as_uri()
        if is_large(resolved.path, resolved.index):
            placeholder = f"{SUBSET_PLACEHOLDER}{len(large)}"
            large[placeholder] = resolved
            return placeholder
        return _font_url(session, resolved, None)

    dates = target.dates
    if target.pdf_variant in DATED_VARIANTS:
        dates = (dates[0] or FALLBACK_DATE, dates[1] or dates[0] or FALLBACK_DATE)
    stores = ContextStores(draw_chart=session.charts.svg, coverage=session.coverage,
                           readable=session.readable_on)
    if for_render:
        stores = dataclasses.replace(
            stores, image_file=lambda path: screen_image(session, path, target.profile))
    context = build_context(target, session.assets, font_url, dates, fmt, stores)
    html = render_template(env, target.template_name, context, diagnostics)
    if html is not None:
        html = typeset_html(html, rules_for(context["lang"], context["dir"],
                                            context["script_facts"]))
    if html is not None and large:  # after typesetting: subsets hold what is printed
        points = characters(html, *_stylesheet_texts(session, target), *chart_texts(html))
        for placeholder, resolved in large.items():
            html = html.replace(placeholder, _font_url(session, resolved, (target, points)))
    if translations is not None and translations.missing:
        _warn_untranslated(session, target, sorted(translations.missing), diagnostics)
    return html


SUBSET_PLACEHOLDER = "briefs-font-subset-"


def _font_url(session: BuildSession, resolved: ResolvedFace,
              subset: tuple[Target, frozenset[int]] | None) -> str:
    """A URL that names the font's content: a warm worker registers each @font-face once
    per process, so a changed file (or another workspace's) must not share its URL.

    With `subset`, a large font is first cut down to the characters the target prints, in
    a folder of the target's own (see brand/subsets.py).
    """
    face = InstalledFace(resolved.path, resolved.index)
    path = None
    if subset is not None:
        target, points = subset
        folder = session.output_dir / SUBSETS_DIR / f"{target.document.id}.{target.locale}"
        path = subset_face(face, points, folder, session.writer)
    if path is None:
        path = resolved.path if resolved.bundled else materialize(
            face, session.output_dir / INSTALLED_FONTS_DIR, session.writer)
    return f"{session.assets.url(path)}?v={session.file_hashes.tag(path)}"


def _stylesheet_texts(session: BuildSession, target: Target) -> list[str]:
    """The stylesheets the target links (their generated content may print characters)."""
    texts = []
    for sheet in session.assets.stylesheets(target.document.kind, target.brand):
        try:
            texts.append(session.workspace.read_bytes(sheet).decode("utf-8", "replace"))
        except (OSError, RefusedPath):  # the render reports it
            continue
    return texts


def _warn_untranslated(session: BuildSession, target: Target, missing: list[str],
                       diagnostics: Diagnostics) -> None:
    for message in missing:
        warning = f'template string "{message}" is not translated into {target.locale}'
        if warning not in target.warnings:
            target.warnings.append(warning)
    names = ", ".join(f'"{m}"' for m in missing)
    notice = (f"template strings not translated into {target.locale}: {names}; "
              "run `briefs i18n update`, then translate them in this file")
    if not any(d.message == notice for d in diagnostics):
        diagnostics.warning(notice, po_path(session.workspace, target.locale))


def check_templates(session: BuildSession, plan: Plan) -> None:
    """Render every target's HTML (cheap, no WeasyPrint) so template errors show in `check`."""
    for target in list(plan.targets):
        if render_html(session, target, for_render=False) is None:
            plan.targets.remove(target)
            plan.failed.append(target.key)
