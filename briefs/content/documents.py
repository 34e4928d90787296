"""Load one document: its settings, its prose in each locale, and the images it uses."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic

from briefs.content.cluster_warnings import warn_cluster_splits
from briefs.content.config import Workspace
from briefs.content.document_kind import DocumentKind, K, KindLookup
from briefs.content.figure_files import FigureFiles, check_figures, check_references
from briefs.content.images import ImageInfo, ImageProblem, inspect_image
from briefs.content.loader import KeyPath, LoadedYaml, load_yaml_file
from briefs.content.overlay import Overlay, overlay
from briefs.content.schema import CommonSettings, ImageRef, Strict
from briefs.content.translations_lock import LockEntries, compare, prose_leaves, read_lock
from briefs.content.validation import check_present, field_extra, format_key_path, validate
from briefs.core.diagnostics import Diagnostics, did_you_mean
from briefs.core.kept import KeptFacts
from briefs.core.paths import RefusedPath, resolve_inside


@dataclass(frozen=True)
class LocaleText:
    """A document's prose in one locale, validated, with what fell back to the source."""

    locale: str
    path: Path
    text: Strict
    fallbacks: tuple[str, ...] = ()
    stale: tuple[str, ...] = ()
    mismatched: tuple[str, ...] = ()

    def warnings(self) -> list[str]:
        """One line per translation problem, for the manifest."""
        return ([f"{key}: not translated, source text used" for key in self.fallbacks]
                + [f"{key}: stale, the source text changed since it was translated"
                   for key in self.stale]
                + list(self.mismatched))


@dataclass
class DocumentSource(Generic[K]):
    """Everything a document's outputs are made from, validated (`K`: its kind's type, a
    `briefs.kinds.kind.Kind` in a build)."""

    id: str
    folder: Path
    kind: K
    settings: CommonSettings
    images: dict[KeyPath, tuple[Path, ImageInfo]] = field(default_factory=dict)
    texts: dict[str, LocaleText] = field(default_factory=dict)
    failed_locales: set[str] = field(default_factory=set)
    untranslated_locales: list[str] = field(default_factory=list)
    settings_file: LoadedYaml | None = None
    """document.yaml as read, to point at a setting (the page limit) after rendering."""
    figures: FigureFiles = field(default_factory=FigureFiles)
    """The photos and data files of the figures placed in the text."""

    def made_in(self, locale: str) -> bool:
        """Whether the document is made in `locale` (its own `locales:`, if it lists any)."""
        return self.settings.locales is None or locale in self.settings.locales

    @property
    def page_limit(self) -> int | None:
        """The most pages this document may have, by its kind's rule."""
        return self.kind.pages.limit(self.settings)


def load_document(workspace: Workspace, kinds: KindLookup[K], doc_id: str,
                  diagnostics: Diagnostics, locales: list[str] | None = None,
                  facts: KeptFacts | None = None) -> DocumentSource[K] | None:
    """Load and validate a document; every problem goes to `diagnostics`. `facts`: the
    build's signed store, which keeps the images' verdicts between builds."""
    folder = workspace.content_dir / doc_id
    settings_path = folder / "document.yaml"
    loaded = load_yaml_file(settings_path, diagnostics, roots=workspace.read_roots)
    if loaded is None:
        _check_yaml_alone(workspace, folder, diagnostics, locales or workspace.config.locales)
        return None
    kind = kinds.get(loaded.data.get("kind"))
    if kind is None:
        diagnostics.error(kinds.unknown(loaded.data.get("kind")), loaded.path,
                          loaded.position_of(("kind",), value=True))
        _check_yaml_alone(workspace, folder, diagnostics, locales or workspace.config.locales)
        return None
    settings = validate(kind.settings_model, loaded, diagnostics)
    if settings is None:  # still check the prose, so that one run reports every file
        _check_texts_alone(workspace, kind, folder, diagnostics,
                           _listed_locales(loaded, locales or workspace.config.locales))
        return None
    document = DocumentSource(id=doc_id, folder=folder, kind=kind, settings=settings,
                              settings_file=loaded)
    wanted = [locale for locale in locales or workspace.config.locales
              if document.made_in(locale)]
    errors_before = len(diagnostics.errors)
    _check_images(workspace, document, loaded, diagnostics, facts)
    document.figures = check_figures(workspace, folder, settings.body_figures,
                                     (loaded, diagnostics), wanted, facts)
    _check_brand(workspace, settings, loaded, diagnostics)
    _check_locales(workspace, settings, loaded, diagnostics)
    settings_failed = len(diagnostics.errors) > errors_before
    _load_texts(workspace, document, diagnostics, wanted)
    if settings_failed:
        document.failed_locales.update(wanted)
    return document


def _check_brand(workspace: Workspace, settings: CommonSettings, loaded: LoadedYaml,
                 diagnostics: Diagnostics) -> None:
    if settings.brand is None:
        return
    brands = workspace.brand_ids()
    if settings.brand not in brands:
        diagnostics.error(f'brand: no brand "{settings.brand}" in styles/'
                          f"{did_you_mean(settings.brand, brands)}; available: {', '.join(brands)}",
                          loaded.path, loaded.position_of(("brand",), value=True))


def _check_locales(workspace: Workspace, settings: CommonSettings, loaded: LoadedYaml,
                   diagnostics: Diagnostics) -> None:
    known = workspace.config.locales
    for index, locale in enumerate(settings.locales or []):
        if locale not in known:
            diagnostics.error(f'locales: "{locale}" is not in briefs.yaml locales '
                              f"({', '.join(known)}){did_you_mean(locale, known)}; add it "
                              "there first", loaded.path,
                              loaded.position_of(("locales", index), value=True))


def image_refs(settings: CommonSettings) -> list[tuple[KeyPath, ImageRef]]:
    """Every image a document's settings name, with the key path naming it."""
    found: list[tuple[KeyPath, ImageRef]] = []
    for name, value in settings:
        if isinstance(value, ImageRef):
            found.append(((name,), value))
        elif isinstance(value, list):
            found += [((name, index), item) for index, item in enumerate(value)
                      if isinstance(item, ImageRef)]
    return found


def _check_images(workspace: Workspace, document: DocumentSource, loaded: LoadedYaml,
                  diagnostics: Diagnostics, facts: KeptFacts | None = None) -> None:
    for key_path, ref in image_refs(document.settings):
        where = format_key_path((*key_path, "src"))
        position = loaded.position_of((*key_path, "src"), value=True)
        try:
            path = resolve_inside(workspace.root, document.folder, ref.src)
            info = inspect_image(path, facts=facts)
        except (RefusedPath, ImageProblem) as exc:
            diagnostics.error(f"{where}: {exc}", loaded.path, position)
            continue
        document.images[key_path] = (path, info)


def _load_texts(workspace: Workspace, document: DocumentSource, diagnostics: Diagnostics,
                locales: list[str]) -> None:
    source_locale = workspace.config.source_locale
    source_path = workspace.text_path(document.id)
    if not source_path.is_file():
        diagnostics.error(f"no source text {source_path.name} for document \"{document.id}\"; "
                          "create it with the document's prose", document.folder / "document.yaml")
        document.failed_locales.update(locales)
        return
    errors_before = len(diagnostics.errors)
    source = load_yaml_file(source_path, diagnostics, roots=workspace.read_roots)
    model = document.kind.text_model
    source_text = validate(model, source, diagnostics) if source else None
    if source is not None and source_text is not None:
        _check_alt_text(document, source_text, source, diagnostics)
        warn_cluster_splits(source, prose_leaves(source.data, model), diagnostics,
                            workspace.read_roots)
        check_references(document.settings.body_figures, source, diagnostics)
    if source is None or source_text is None or len(diagnostics.errors) > errors_before:
        document.failed_locales.update(locales)
        _check_translations_alone(workspace, model, document.folder, diagnostics,
                                  [locale for locale in locales if locale != source_locale])
        return
    errors_before = len(diagnostics.errors)
    lock = read_lock(workspace, document.folder, diagnostics)
    lock_failed = len(diagnostics.errors) > errors_before
    for locale in locales:
        if locale == source_locale:
            document.texts[locale] = LocaleText(locale, source_path, source_text)
            continue
        if lock_failed:
            document.failed_locales.add(locale)
            continue
        path = document.folder / f"{locale}.yaml"
        if not path.is_file():
            if _report_other_spelling(workspace, document.folder, locale, diagnostics):
                document.failed_locales.add(locale)
            else:
                document.untranslated_locales.append(locale)
            continue
        errors_before = len(diagnostics.errors)
        text = _load_translation(workspace, document, (locale, path), (source, lock),
                                 diagnostics)
        if text is None or len(diagnostics.errors) > errors_before:
            document.failed_locales.add(locale)
        else:
            document.texts[locale] = text


def _listed_locales(loaded: LoadedYaml, locales: list[str]) -> list[str]:
    """The locales a document whose settings failed validation is made in, as far as known."""
    own = loaded.data.get("locales") if isinstance(loaded.data, dict) else None
    if isinstance(own, list) and all(isinstance(locale, str) for locale in own):
        return [locale for locale in locales if locale in own]
    return locales


def _check_yaml_alone(workspace: Workspace, folder: Path, diagnostics: Diagnostics,
                      locales: list[str]) -> None:
    """Without a kind (document.yaml unreadable), the prose files can still be read as YAML."""
    for locale in dict.fromkeys([workspace.config.source_locale, *locales]):
        path = folder / f"{locale}.yaml"
        if path.is_file():
            load_yaml_file(path, diagnostics, roots=workspace.read_roots)


def _check_texts_alone(workspace: Workspace, kind: DocumentKind, folder: Path,
                       diagnostics: Diagnostics, locales: list[str]) -> None:
    """Report the problems of a document's prose files when its settings are broken."""
    source_locale = workspace.config.source_locale
    source_path = workspace.text_path(folder.name)
    if not source_path.is_file():
        return  # said once the settings are fixed; a missing file hides nothing
    source = load_yaml_file(source_path, diagnostics, roots=workspace.read_roots)
    if source is not None:
        validate(kind.text_model, source, diagnostics)
    _check_translations_alone(workspace, kind.text_model, folder, diagnostics,
                              [locale for locale in locales if locale != source_locale])


def _check_translations_alone(workspace: Workspace, model: type[Strict], folder: Path,
                              diagnostics: Diagnostics, locales: list[str]) -> None:
    """Each translation's own problems when the source (or the settings) failed: its YAML,
    its unknown keys and wrong values, against the schema (the source cannot be trusted)."""
    for locale in locales:
        path = folder / f"{locale}.yaml"
        if not path.is_file():
            continue
        translation = load_yaml_file(path, diagnostics, roots=workspace.read_roots)
        if translation is not None:
            check_present(model, translation, diagnostics)


def _language(code: str) -> str:
    return code.replace("-", "_").split("_")[0].lower()


def _report_other_spelling(workspace: Workspace, folder: Path, locale: str,
                           diagnostics: Diagnostics) -> bool:
    """A translation saved under another spelling of `locale` (fr.yaml where briefs.yaml lists
    fr_FR, fr_FR.yaml where it lists fr) is an error, not a silently missing language."""
    listed = set(workspace.config.locales)
    try:
        stems = sorted(entry.stem for entry in folder.iterdir()
                       if entry.suffix == ".yaml" and entry.stem != "document")
    except OSError:
        return False
    for stem in stems:
        if stem in listed or _language(stem) != _language(locale):
            continue
        diagnostics.error(
            f'this file is named for the locale "{stem}", but briefs.yaml lists "{locale}", so '
            f"no {locale} output would be built from it; rename it to {locale}.yaml, or list "
            f'"{stem}" in briefs.yaml locales instead of "{locale}"', folder / f"{stem}.yaml")
        return True
    return False


def _load_translation(workspace: Workspace, document: DocumentSource, file: tuple[str, Path],
                      against: tuple[LoadedYaml, dict[str, LockEntries]],
                      diagnostics: Diagnostics) -> LocaleText | None:
    """One translation over the source: validated, with fallbacks, stale keys and mismatches."""
    locale, path = file
    source, lock = against
    model = document.kind.text_model
    source_locale = workspace.config.source_locale
    translation = load_yaml_file(path, diagnostics, roots=workspace.read_roots)
    if translation is None:
        return None
    merged = overlay(source, translation)
    text = _validate_translation(model, merged, diagnostics)
    if text is None:
        return None
    fallbacks = [key_path for key_path in merged.missing
                 if field_extra(model, key_path).get("translate", True)]
    for key_path in fallbacks:
        diagnostics.warning(
            f'{format_key_path(key_path)}: not translated into "{locale}"; the '
            f"{source_locale} text is used", path, translation.position_of(key_path))
    state = compare(prose_leaves(source.data, model), prose_leaves(translation.data, model),
                    locale, lock.get(locale, {}))
    for key_path in state.stale_paths:
        diagnostics.warning(
            f"{format_key_path(key_path)}: stale translation: the {source_locale} text "
            "changed since it was translated; update it, then run `briefs i18n update`",
            path, translation.position_of(key_path, value=True))
    for key_path, message in state.mismatched:
        diagnostics.warning(message, path, translation.position_of(key_path, value=True))
    warn_cluster_splits(translation, prose_leaves(translation.data, model), diagnostics,
                        workspace.read_roots)
    return LocaleText(locale, path, text, tuple(format_key_path(k) for k in fallbacks),
                      tuple(state.stale), tuple(message for _, message in state.mismatched))


def _validate_translation(model: type[Strict], merged: Overlay,
                          diagnostics: Diagnostics) -> Strict | None:
    assert merged.translation is not None
    for key_path, message in merged.extra:
        path, position = merged.translation.locate(key_path)
        diagnostics.error(message, path, position)
    text = validate(model, merged, diagnostics)
    return None if merged.extra else text


def _check_alt_text(document: DocumentSource, text: Strict, source: LoadedYaml,
                    diagnostics: Diagnostics) -> None:
    """A content photo needs alt text in the prose, or `decorative: true` in its settings."""
    for key_path, ref in image_refs(document.settings):
        if len(key_path) != 1 or ref.decorative or ref.alt:
            continue
        described = getattr(text, str(key_path[0]), None)
        if described is None or not getattr(described, "alt", None):
            diagnostics.error(
                f"{key_path[0]}.alt: the image {ref.src} has no alt text; describe it for "
                f"readers who cannot see it, or set {key_path[0]}.decorative: true in "
                "document.yaml", source.path, source.position_of((str(key_path[0]),)))
