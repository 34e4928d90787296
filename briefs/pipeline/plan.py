"""Plan a build: load and validate every document, brand and translation; render nothing.

Every problem is reported at once; a problem stops only the outputs it concerns. Two targets
that would write the same file are an error naming both, before anything renders.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from briefs.brand.brands import LoadedBrand
from briefs.brand.coverage import check_coverage, check_printed, strings_in
from briefs.brand.printed import Printed
from briefs.content.documents import DocumentSource, load_document
from briefs.core.paths import RefusedPath, resolve_inside
from briefs.formats.targets import Target, TargetKey
from briefs.i18n.catalogs import po_path
from briefs.kinds.kind import Kind
from briefs.output.writer import PathClaimed
from briefs.pipeline.events import Planned
from briefs.pipeline.profile_formats import check_profiles
from briefs.pipeline.session import BuildSession
from briefs.pipeline.sharding import select_failed, select_shard
from briefs.render.metadata import document_dates
from briefs.render.profiles import pdf_variant


@dataclass
class Plan:
    """Validated targets, ready to render, and the outputs that failed validation."""

    targets: list[Target] = field(default_factory=list)
    failed: list[TargetKey] = field(default_factory=list)
    untranslated: list[tuple[str, str]] = field(default_factory=list)
    """(document, locale) pairs with no text file in that locale yet: nothing to build."""


def plan_build(session: BuildSession, doc_ids: list[str], locales: list[str],
               planned: Callable[[list[Target]], None] | None = None) -> Plan:
    """Load and validate what the selected outputs are made from; report, then announce.

    `planned` is told each document's valid targets as soon as that document is planned
    (pipeline/head_start.py hands their jobs to the workers then), never under --shard."""
    plan = Plan()
    if not _profiles_usable(session):
        plan.failed += [key for doc in doc_ids for locale in locales
                        for key in session.keys(doc, locale)]
    else:
        owners: dict[str, Target] = {}
        for doc_id in doc_ids:
            first = len(plan.targets)
            _plan_document(session, plan, doc_id, locales)
            _refuse_collisions(session, plan, first, owners)
            if planned is not None and session.options.shard is None:
                planned(plan.targets[first:])
    if session.options.shard is not None:
        plan.targets = select_shard(plan.targets, *session.options.shard,
                                    extra=lambda target: _formats_cost(session, target))
        plan.failed = select_failed(plan.failed, lambda key: session.output_name(key).id,
                                    *session.options.shard)
    session.events.emit(Planned(
        outputs=tuple(session.output_ref(t.key) for t in plan.targets),
        failed=tuple(session.output_ref(key) for key in plan.failed),
        untranslated=tuple(session.output_ref(key) for doc, locale in plan.untranslated
                           for key in session.keys(doc, locale)),
        workers=max(1, session.options.jobs)))
    return plan


def _formats_cost(session: BuildSession, target: Target) -> float:
    """What the output formats made of `target` add to its render time (for --shard)."""
    return sum(output.cost for output in session.outputs_of(target.key.profile))


def _plan_document(session: BuildSession, plan: Plan, doc_id: str, locales: list[str]) -> None:
    workspace, diagnostics = session.workspace, session.diagnostics
    document = load_document(workspace, session.kinds, doc_id, diagnostics, locales,
                             session.facts)
    if document is None:
        plan.failed += [key for locale in locales for key in session.keys(doc_id, locale)]
        return
    brand = _brand(session, document)
    sheets = session.assets.stylesheets(document.kind, brand)
    styled = session.stylesheets_usable(sheets)
    _untranslated(session, plan, document)
    dates = document_dates(document.folder, document.settings.published)
    for locale in locales:
        if locale in document.untranslated_locales or not document.made_in(locale):
            continue
        keys = session.keys(doc_id, locale)
        if brand is None or not styled or locale in document.failed_locales or \
                not session.catalog_usable(locale) or \
                not _covered(session, document, locale, brand):
            plan.failed += keys
            continue
        for key in keys:
            plan.targets.append(Target(
                key, session.output_name(key), document, brand, session.profiles[key.profile],
                dates, document.texts[locale].warnings()))


def _untranslated(session: BuildSession, plan: Plan, document: DocumentSource[Kind]) -> None:
    """One line per document for all the locales it has no text in yet."""
    missing = document.untranslated_locales
    if not missing:
        return
    source = session.workspace.config.source_locale
    session.diagnostics.warning(
        f'document "{document.id}" has no {", ".join(f"{loc}.yaml" for loc in missing)} yet, '
        f"so no {', '.join(missing)} output is built; copy {source}.yaml to start a "
        "translation, or list the languages it is made in (locales: in document.yaml)",
        document.folder)
    plan.untranslated += [(document.id, locale) for locale in missing]


def _brand(session: BuildSession, document: DocumentSource[Kind]) -> LoadedBrand | None:
    workspace = session.workspace
    brand_id = document.settings.brand or workspace.config.default_brand
    brand = session.brand(brand_id)
    if brand is None and document.settings.brand is None and \
            brand_id not in workspace.brand_ids():
        message = f'default_brand: no brand "{brand_id}" in styles/'
        if not any(d.message == message for d in session.diagnostics):
            session.diagnostics.error(message, workspace.config_path)
    return brand


def _refuse_collisions(session: BuildSession, plan: Plan, first: int,
                       owners: dict[str, Target]) -> None:
    """Claim the file of each target from `first` on (one document's: a file's path starts
    with its document's folder, so two documents never clash); two targets claiming one file
    both fail, named."""
    clashing: list[Target] = []
    for target in plan.targets[first:]:
        path = session.output_dir / target.name.path
        try:
            session.writer.claim(path, target.title)
            owners[target.name.path] = target
        except PathClaimed:
            owner = owners[target.name.path]
            session.diagnostics.error(
                f"{owner.title} and {target.title} would both be written to "
                f"{session.workspace.config.output_dir}/{target.name.path}; give profile "
                f'"{target.key.profile}" its own suffix (profiles.{target.key.profile}.suffix '
                "or variant_suffix in briefs.yaml)", session.workspace.config_path)
            clashing += [owner, target]
    if clashing:
        plan.targets[first:] = [t for t in plan.targets[first:]
                                if all(t is not c for c in clashing)]
        plan.failed += list(dict.fromkeys(t.key for t in clashing))


def _profiles_usable(session: BuildSession) -> bool:
    """Each output format a profile names is registered; PDF/X-4 needs the printer's CMYK
    profile, a file in the workspace."""
    workspace, diagnostics = session.workspace, session.diagnostics
    usable = check_profiles(workspace, session.formats, session.profiles, diagnostics)
    for name, profile in session.profiles.items():
        if pdf_variant(profile, session.options.variant) != "pdf/x-4":
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


def _covered(session: BuildSession, document: DocumentSource[Kind], locale: str,
             brand: LoadedBrand) -> bool:
    """Glyph coverage of everything the target prints: prose, template strings, brand text."""
    workspace = session.workspace
    text = document.texts[locale]
    model = brand.model
    catalog = session.translations(locale)
    strings = [*strings_in(text.text.model_dump(mode="json")),
               *strings_in(model.contact.model_dump()), model.slogan or "",
               *(str(v) for v in (catalog.messages.values() if catalog else ()))]
    files = [text.path, workspace.text_path(document.id),
             po_path(workspace, locale), brand.folder / "brand.yaml"]
    prose = check_coverage(brand, locale, strings, files, session.diagnostics, session.coverage)
    printed = check_printed(brand, locale, _printed(session, document, brand, locale),
                            session.diagnostics, session.coverage)
    return prose and printed


def _printed(session: BuildSession, document: DocumentSource[Kind], brand: LoadedBrand,
             locale: str) -> list[Printed]:
    """What the target prints besides its text: stylesheet strings, markers and counters
    (with the locale's digits), and the text of its SVG images and the brand's logos."""
    found: list[Printed] = []
    for sheet in session.assets.stylesheets(document.kind, brand):
        found += session.printed_in(sheet)
    digits = session.locale_format(locale).digits("0123456789")
    if digits != "0123456789":
        found.append(Printed(digits, session.workspace.config_path, 1))
    images = [path for path, _info in document.images.values()]
    for image in dict.fromkeys([*images, brand.logo, *filter(None, [brand.logo_inverse])]):
        if image.suffix.lower() == ".svg":
            found += session.printed_in(image)
    return found

