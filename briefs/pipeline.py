"""Stage order of a build: load and validate everything, render, check, write, manifest."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import fonts
from .brands import LoadedBrand, ResolvedFace, load_brand
from .cache import BuildCache, FileHashes, target_key
from .catalogs import load_translations, po_path
from .context import build_context
from .coverage import check_coverage, strings_in
from .diagnostics import Diagnostics
from .documents import DocumentSource, load_document
from .fetcher import WORKSPACE_URL, RefusedPath, resolve_inside, workspace_url
from .fonts import INSTALLED_FONTS_DIR, InstalledFace, materialize
from .formatting import locale_script as script_of
from .metadata import FALLBACK_DATE, document_dates
from .models import Profile
from .output import atomic_write, read_manifest, sha256, write_manifest
from .profiles import render_options
from .render import RenderResult
from .templating import bytecode_cache, make_environment, render_template
from .workers import Renderer, RenderJob
from .workspace import Workspace

Progress = Callable[[str], None]
DATED_VARIANTS = {"pdf/x-4"}


@dataclass
class Target:
    """One output to produce: a document in a locale, made with one profile."""

    document: DocumentSource
    locale: str
    brand: LoadedBrand
    profile_name: str = "screen"
    profile: Profile = field(default_factory=Profile)
    variant: str | None = None
    dates: tuple[str | None, str | None] = (None, None)
    warnings: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return f"{self.document.id}.{self.locale}{self.profile.suffix}"

    def output_path(self, workspace: Workspace) -> Path:
        return workspace.output_dir / self.document.id / f"{self.id}.pdf"

    @property
    def template_name(self) -> str:
        return self.document.settings.template or f"{self.document.kind}.html.j2"

    @property
    def pdf_variant(self) -> str | None:
        return self.variant or self.profile.pdf_variant

    @property
    def faces(self) -> tuple[ResolvedFace, ...]:
        """The brand's font faces for the script this target's locale is written in."""
        return self.brand.faces_for(script_of(self.locale))


@dataclass
class Plan:
    """Validated targets, ready to render, and the ids of those that failed validation."""

    targets: list[Target] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


@dataclass
class BuildResult:
    """What a build did: the manifest entries of the outputs it wrote, and what failed.

    The manifest is rewritten only when at least one output was written; entries of outputs
    that failed or were not selected this time are kept as they were, since their files are.
    """

    written: list[Path] = field(default_factory=list)
    entries: list[dict[str, Any]] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    rendered: list[str] = field(default_factory=list)
    up_to_date: list[str] = field(default_factory=list)
    manifest: Path | None = None


def plan_build(workspace: Workspace, doc_ids: list[str], locales: list[str],
               diagnostics: Diagnostics, profiles: dict[str, Profile] | None = None,
               variant: str | None = None, *, keep_caches: bool = False) -> Plan:
    """Load and validate every document, brand and translation; nothing is rendered.

    With `keep_caches` (a build, not a check), font coverage is saved in the output folder;
    otherwise it is only read from there.
    """
    profiles = profiles or {"screen": Profile()}
    fonts.COVERAGE_CACHE = workspace.output_dir / ".cache" / "coverage"
    fonts.COVERAGE_CACHE_WRITABLE = keep_caches
    plan = Plan()
    if not _profiles_usable(workspace, profiles, variant, diagnostics):
        plan.failed += [f"{doc}.{locale}" for doc in doc_ids for locale in locales]
        return plan
    brands: dict[str, LoadedBrand | None] = {}
    for doc_id in doc_ids:
        document = load_document(workspace, doc_id, diagnostics, locales)
        if document is None:
            plan.failed += [f"{doc_id}.{locale}" for locale in locales]
            continue
        brand_id = document.settings.brand or workspace.config.default_brand
        if brand_id not in brands:
            brands[brand_id] = load_brand(workspace, brand_id, diagnostics)
            if brand_id not in workspace.brand_ids() and document.settings.brand is None:
                diagnostics.error(f'default_brand: no brand "{brand_id}" in styles/',
                                  workspace.config_path)
        brand = brands[brand_id]
        for locale in document.untranslated_locales:
            diagnostics.warning(f'document "{doc_id}" has no {locale}.yaml yet, so no {locale} '
                                "output is built; copy the source file to start translating",
                                document.folder)
        dates = document_dates(document.folder, document.settings.published)
        for locale in locales:
            if locale in document.untranslated_locales:
                continue
            if brand is None or locale in document.failed_locales:
                plan.failed.append(f"{doc_id}.{locale}")
                continue
            if not _covered(workspace, document, locale, brand, diagnostics):
                plan.failed.append(f"{doc_id}.{locale}")
                continue
            for name, profile in profiles.items():
                plan.targets.append(Target(
                    document, locale, brand, name, profile, variant, dates,
                    document.texts[locale].warnings()))
    return plan


def _profiles_usable(workspace: Workspace, profiles: dict[str, Profile], variant: str | None,
                     diagnostics: Diagnostics) -> bool:
    """PDF/X-4 needs the printer's CMYK profile, a file in the workspace."""
    usable = True
    for name, profile in profiles.items():
        if (variant or profile.pdf_variant) != "pdf/x-4":
            continue
        if not profile.output_intent_profile:
            diagnostics.error(
                f'profile "{name}": PDF/X-4 needs the printer\'s CMYK ICC profile; set '
                f"profiles.{name}.output_intent_profile to an .icc file in the workspace",
                workspace.config_path)
            usable = False
            continue
        try:
            resolve_inside(workspace.root, workspace.root, profile.output_intent_profile)
        except RefusedPath as exc:
            diagnostics.error(f"profiles.{name}.output_intent_profile: {exc}",
                              workspace.config_path)
            usable = False
    return usable


def _covered(workspace: Workspace, document: DocumentSource, locale: str, brand: LoadedBrand,
             diagnostics: Diagnostics) -> bool:
    """Glyph coverage of everything the target prints: prose, template strings, brand text."""
    text = document.texts[locale]
    model = brand.model
    catalog = load_translations(workspace, locale, Diagnostics())
    strings = [*strings_in(text.text.model_dump(mode="json")),
               *strings_in(model.contact.model_dump()), model.slogan or "",
               *(str(v) for v in (catalog.messages.values() if catalog else ()))]
    files = [text.path, document.folder / f"{workspace.config.source_locale}.yaml",
             po_path(workspace, locale), brand.folder / "brand.yaml"]
    return check_coverage(brand, locale, strings, files, diagnostics)


def render_html(workspace: Workspace, target: Target, diagnostics: Diagnostics, *,
                for_render: bool = True) -> str | None:
    """The target's HTML, or None with the template problem in `diagnostics`.

    Template strings missing from the locale's catalog fall back to English and are added to
    the target's warnings. Installed fonts are copied into the output folder only when the
    HTML is going to be rendered (`briefs check` writes nothing).
    """
    translations = load_translations(workspace, target.locale, diagnostics)
    format_locale = workspace.config.formats.get(target.locale, target.locale)
    env = make_environment(workspace.templates_dir, workspace.root, format_locale, translations,
                           bytecode_cache(workspace.output_dir / ".cache" / "jinja"
                                          if for_render else None))

    def font_url(resolved: ResolvedFace) -> str:
        """A URL that names the font's content: a warm worker registers each @font-face once
        per process, so a changed file (or another workspace's) must not share its URL."""
        if not for_render:
            return resolved.path.as_uri()
        path = resolved.path if resolved.bundled else materialize(
            InstalledFace(resolved.path, resolved.index),
            workspace.output_dir / INSTALLED_FONTS_DIR)
        return f"{workspace_url(workspace.root, path)}?v={_hashes(workspace).tag(path)}"

    dates = target.dates
    if target.pdf_variant in DATED_VARIANTS:
        dates = (dates[0] or FALLBACK_DATE, dates[1] or dates[0] or FALLBACK_DATE)
    context = build_context(workspace, target.document, target.document.texts[target.locale],
                            target.brand, font_url, target.profile_name, target.profile, dates)
    html = render_template(env, target.template_name, context, diagnostics)
    if translations is not None and translations.missing:
        for message in sorted(translations.missing):
            warning = f'template string "{message}" is not translated into {target.locale}'
            if warning not in target.warnings:
                target.warnings.append(warning)
        names = ", ".join(f'"{m}"' for m in sorted(translations.missing))
        notice = (f"template strings not translated into {target.locale}: {names}; "
                  "run `briefs i18n update`, then translate them in this file")
        if not any(d.message == notice for d in diagnostics):
            diagnostics.warning(notice, po_path(workspace, target.locale))
    return html


_HASHES: dict[Path, FileHashes] = {}


def _hashes(workspace: Workspace) -> FileHashes:
    if workspace.output_dir not in _HASHES:
        _HASHES[workspace.output_dir] = FileHashes.load(workspace.output_dir)
    return _HASHES[workspace.output_dir]


def check_templates(workspace: Workspace, plan: Plan, diagnostics: Diagnostics) -> None:
    """Render every target's HTML (cheap, no WeasyPrint) so template errors show in `check`."""
    for target in list(plan.targets):
        if render_html(workspace, target, diagnostics, for_render=False) is None:
            plan.targets.remove(target)
            plan.failed.append(target.id)


@dataclass
class BuildOptions:
    """How to run a build: strictness, parallelism, cache use, extra outputs."""

    strict: bool = False
    jobs: int = 1
    force: bool = False
    emit_html: bool = False


def _job(workspace: Workspace, target: Target, html: str) -> RenderJob:
    return RenderJob(
        html=html, root=workspace.root, target_id=target.id,
        title=f"{target.document.id} ({target.locale}, {target.profile_name})",
        max_pages=target.document.settings.max_pages,
        font_families=frozenset(resolved.face.family for resolved in target.faces),
        min_image_dpi=target.profile.min_image_dpi,
        options=render_options(target.profile, target.variant))


def _static_dependencies(target: Target) -> list[Path]:
    """Files a render may not fetch again in a warm worker (fonts are loaded once per process)."""
    return [resolved.path for resolved in target.faces]


def build(workspace: Workspace, plan: Plan, diagnostics: Diagnostics, options: BuildOptions,
          progress: Progress, renderer: Renderer | None = None) -> BuildResult:
    """Render what changed; write each PDF atomically; rewrite the manifest at the end.

    An output whose key (HTML, options, versions) and dependencies (every file the renderer
    read) are unchanged, and whose file is intact, is not rendered again unless `force`.
    """
    result = BuildResult(failed=list(plan.failed))
    cache = BuildCache.load(workspace.root, workspace.output_dir)
    previous_outputs = read_manifest(workspace.output_dir)["outputs"]
    previous = {entry.get("path"): entry for entry in previous_outputs}
    pending: list[tuple[Target, str]] = []
    with renderer or Renderer(options.jobs) as renderer:
        for target in plan.targets:
            prepared = _prepare(workspace, target, cache, options, diagnostics, result)
            if prepared is None:
                continue
            key, job = prepared
            if not pending:
                if not harfbuzz_subset_available():
                    progress("note: libharfbuzz-subset is not installed, so WeasyPrint subsets "
                             "fonts with fontTools (Chinese renders about 10x slower); install "
                             "libharfbuzz-subset0 (make build does)")
                progress(f"rendering with {options.jobs} worker{'s' if options.jobs != 1 else ''}")
            renderer.submit(job)
            pending.append((target, key))
        for (target, key), rendered in zip(pending, renderer.results(), strict=True):
            entry = _accept(workspace, target, rendered, diagnostics, options.strict)
            if entry is None:
                result.failed.append(target.id)
                continue
            progress(f"rendered {target.id} ({entry['pages']} pages)")
            result.written.append(target.output_path(workspace))
            result.rendered.append(target.id)
            result.entries.append(entry)
            cache.record(entry["path"], key,
                         rendered.dependencies + _static_dependencies(target), entry,
                         replay=rendered.warnings + rendered.preflight_warnings)
    _hashes(workspace).save()
    if result.written:
        built = {entry["path"] for entry in result.entries}
        kept = [entry for path, entry in previous.items()
                if path not in built and isinstance(path, str)
                and (workspace.output_dir / path).is_file()]
        result.manifest = write_manifest(workspace.output_dir, result.entries + kept)
    return result


@lru_cache(maxsize=1)
def harfbuzz_subset_available() -> bool:
    """Whether HarfBuzz's subsetter is installed (WeasyPrint's fast font subsetting)."""
    import ctypes.util

    return ctypes.util.find_library("harfbuzz-subset") is not None


def _prepare(workspace: Workspace, target: Target, cache: BuildCache, options: BuildOptions,
             diagnostics: Diagnostics, result: BuildResult) -> tuple[str, RenderJob] | None:
    """The target's key and render job, or None when it failed or is up to date."""
    html = render_html(workspace, target, diagnostics)
    if html is None:
        result.failed.append(target.id)
        return None
    job = _job(workspace, target, html)
    key = target_key(html, {"title": job.title, "max_pages": job.max_pages,
                            "fonts": sorted(job.font_families),
                            "min_dpi": job.min_image_dpi, "options": job.options})
    relative = _relative(workspace, target)
    if options.emit_html:
        emitted = html.replace(WORKSPACE_URL, workspace.root.as_uri() + "/")
        atomic_write(target.output_path(workspace).with_suffix(".html"), emitted.encode("utf-8"))
    fresh = None if options.force else cache.fresh_entry(relative, key)
    if fresh is None:
        return key, job
    # What the last render found still holds: report it again (and fail on it with --strict),
    # as if it had been rendered now.
    replayed = cache.entries[relative].get("replay", [])
    _report_soft(diagnostics, target, replayed, options.strict)
    if options.strict and replayed:
        result.failed.append(target.id)
        return None
    result.up_to_date.append(target.id)
    result.entries.append(fresh)
    return None


def _report_soft(diagnostics: Diagnostics, target: Target, messages: list[str],
                 strict: bool) -> None:
    """Warnings a render found (errors under --strict), named by the target."""
    for message in messages:
        (diagnostics.error if strict else diagnostics.warning)(f"{target.id}: {message}")


def _relative(workspace: Workspace, target: Target) -> str:
    return target.output_path(workspace).relative_to(workspace.output_dir).as_posix()


def _accept(workspace: Workspace, target: Target, rendered: RenderResult,
            diagnostics: Diagnostics, strict: bool) -> dict[str, Any] | None:
    """Report what the render found; write the PDF if it passed; return its manifest entry."""
    content_file = target.document.texts[target.locale].path
    for message in rendered.errors:
        diagnostics.error(message, content_file)
    for message in rendered.refused:
        diagnostics.error(f"{target.id}: a template or stylesheet asks for {message}; only "
                          "files inside the workspace can be used",
                          workspace.templates_dir / target.template_name)
    soft = rendered.warnings + rendered.preflight_warnings
    _report_soft(diagnostics, target, soft, strict)
    if rendered.pdf is None or rendered.errors or rendered.refused or (strict and soft):
        return None
    atomic_write(target.output_path(workspace), rendered.pdf)
    return {
        "path": _relative(workspace, target),
        "doc": target.document.id,
        "locale": target.locale,
        "kind": target.document.kind,
        "profile": target.profile_name,
        "pdf_variant": target.pdf_variant,
        "pages": rendered.pages,
        "bytes": len(rendered.pdf),
        "sha256": sha256(rendered.pdf),
        "warnings": target.warnings + rendered.warnings,
        "preflight": {"errors": [], "warnings": rendered.preflight_warnings},
        "status": "ok",
    }
