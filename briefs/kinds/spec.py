"""Kinds defined as data: `kind.yaml` (fields from a small vocabulary) turned into schemas.

A workspace adds a kind without Python: `kinds/<name>/kind.yaml` says which fields
document.yaml (`settings`) and each locale's prose (`text`) hold, with a type from the
vocabulary below, whether each is required, length limits and a help text; the folder also
holds `template.html.j2`, `style.css` and, optionally, `starter/`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field, create_model, model_validator

from briefs.content.dates import DateSpan
from briefs.content.loader import KeyPath, LoadedYaml, load_yaml_file
from briefs.content.markdown import checked_markdown
from briefs.content.schema import (
    EMAIL_PATTERN,
    MARKDOWN_LIMIT,
    MARKDOWN_TEXT,
    MAX_NAME,
    SHORT_TEXT_LIMIT,
    CommonSettings,
    Generated,
    ImageRef,
    ImageText,
    ShortText,
    Strict,
    checked_url,
    is_valid_name,
    shown_name,
)
from briefs.content.validation import format_key_path, validate
from briefs.content.wording import describe_pattern
from briefs.core.diagnostics import Diagnostics, did_you_mean
from briefs.kinds.fit_levers import FitStep, parse_steps
from briefs.kinds.kind import Kind, PageRule

FieldType = Literal["text", "markdown", "date", "image", "url", "email", "number", "flag",
                    "list", "object"]
FIELD_NAME = describe_pattern(
    r"^[a-z][a-z0-9_]*$",
    "may hold only lower-case letters a-z, digits and underscores, starting with a letter")
MAX_NESTING = 3
TRANSLATED_TYPES = {"text", "markdown"}
COMMON_SETTINGS = set(CommonSettings.model_fields)
FieldName = Annotated[str, Field(pattern=FIELD_NAME, max_length=40)]


class FieldSpec(Strict):
    """One field of a kind: its type, whether it is required, limits, and help for writers."""

    type: FieldType
    required: bool = False
    help: ShortText | None = None
    """Shown in starters and schema docs: what to write here."""
    max_length: Annotated[int, Field(ge=1, le=MARKDOWN_LIMIT)] | None = None
    """Characters allowed (text: 300, markdown: 20000 by default)."""
    items: FieldSpec | None = None
    """The type of each item, for `type: list` (`items: text`, or a whole field)."""
    min_items: Annotated[int, Field(ge=0, le=100)] | None = None
    max_items: Annotated[int, Field(ge=1, le=100)] | None = None
    fields: dict[FieldName, FieldSpec] | None = None
    """The fields inside, for `type: object`."""
    minimum: int | None = None
    maximum: int | None = None
    translate: bool | None = None
    """Whether translators translate it (default: yes for text and markdown, no for others)."""

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        """`title: text` is short for `title: {type: text}`."""
        return {"type": data} if isinstance(data, str) else data

    @property
    def translated(self) -> bool:
        return self.translate if self.translate is not None else self.type in TRANSLATED_TYPES


class PagesSpec(Strict):
    """The page rule: a fixed maximum, or a settings field (a number) that sets it."""

    max: Annotated[int, Field(ge=1, le=200)] | None = None
    setting: FieldName | None = None
    default: Annotated[int, Field(ge=1, le=200)] | None = None


class KindSpec(Strict):
    """`kinds/<name>/kind.yaml`."""

    description: ShortText
    title_field: FieldName = "title"
    """The prose field that holds the document's title (shown in lists and the preview)."""
    pages: PagesSpec = PagesSpec()
    cost: Annotated[float, Field(gt=0, le=100)] = 2.0
    """Relative render time for balancing CI shards (a one-page flyer is 1)."""
    settings: dict[FieldName, FieldSpec] = Field(default_factory=dict)
    """document.yaml fields besides the common ones (brand, paper, keywords...)."""
    text: dict[FieldName, FieldSpec] = Field(min_length=1)
    """The prose fields, in every locale."""
    fit: list[ShortText] = Field(default_factory=list, max_length=40)
    """Copyfitting steps tried in order when a document is longer than its page limit
    (`space 75%`, `body 9.5pt`, `leading 1.3`, `photo 80%`, ..., and last `optional`); the
    stylesheet reads them as var(--fit-body), var(--fit-leading), var(--fit-photo),
    var(--fit-space)."""
    optional_blocks: ShortText | None = None
    """Which blocks the content may mark `optional: true`, in words, for the overflow error."""


def load_kind(folder: Path, diagnostics: Diagnostics, reserved: set[str], *,
              roots: tuple[Path, ...], origin: str) -> Kind | None:
    """The kind defined in `folder/kind.yaml`; every problem goes to `diagnostics`."""
    name = folder.name
    path = folder / "kind.yaml"
    loaded = load_yaml_file(path, diagnostics, roots=roots)
    if loaded is None:
        return None
    errors = len(diagnostics.errors)
    if not is_valid_name(name):
        diagnostics.error(f"{shown_name(name)} is not a valid kind name (the folder name); use "
                          f"lowercase letters, digits and hyphens, at most {MAX_NAME}", path)
    elif name in reserved:
        diagnostics.error(f'a kind named "{name}" exists already (built in or from a plug-in); '
                          "rename the folder, or change the built-in kind's look with "
                          f"templates/{name}.html.j2 and styles/common/{name}.css", path)
    spec = validate(KindSpec, loaded, diagnostics)
    if spec is not None:
        _check(spec, loaded, diagnostics)
    for required in ("template.html.j2", "style.css"):
        if not (folder / required).is_file():
            diagnostics.error(f"kind {name} has no {required}; add it beside kind.yaml", path)
    if spec is None or len(diagnostics.errors) > errors:
        return None
    settings, text = build_models(name, spec)
    pages = PageRule(fixed=spec.pages.max, setting=spec.pages.setting,
                     default=spec.pages.default)
    return Kind(name=name, description=spec.description, settings_model=settings,
                text_model=text, folder=folder, title_field=spec.title_field, pages=pages,
                cost=spec.cost, origin=origin, fit=parse_steps(spec.fit),
                optional_blocks=spec.optional_blocks or "")


def _check(spec: KindSpec, loaded: LoadedYaml, diagnostics: Diagnostics) -> None:
    """What the schema alone cannot say: nesting, where images go, names that must exist."""

    def report(message: str, key_path: KeyPath) -> None:
        diagnostics.error(f"{format_key_path(key_path)}: {message}", loaded.path,
                          loaded.position_of(key_path))

    for section in ("settings", "text"):
        for name, field in getattr(spec, section).items():
            _check_field(field, (section, name), section, 1, report)
    for name in COMMON_SETTINGS & set(spec.settings):
        report(f'"{name}" is a setting every document has already; choose another name',
               ("settings", name))
    title = spec.text.get(spec.title_field)
    if title is None or title.type != "text" or not title.required:
        hint = did_you_mean(spec.title_field, spec.text)
        report(f'the title field "{spec.title_field}" must be a required text field in '
               f"text{hint}", ("title_field",))
    pages = spec.pages
    if pages.setting is not None:
        field = spec.settings.get(pages.setting)
        if field is None or field.type != "number":
            report(f'"{pages.setting}" must be a number field in settings',
                   ("pages", "setting"))
    if pages.max is not None and (pages.setting or pages.default):
        report("give either max (every document's limit) or setting (a field that sets it)",
               ("pages",))
    _check_fit(spec.fit, report)


def _check_fit(texts: list[str], report: Any) -> None:
    """Each fit step is one the vocabulary knows, and together they only ever tighten."""
    for index, text in enumerate(texts):
        try:
            FitStep.parse(text)
        except ValueError as exc:
            report(str(exc), ("fit", index))
            return
    try:
        parse_steps(texts)
    except ValueError as exc:
        report(str(exc), ("fit",))


def _check_field(field: FieldSpec, key_path: KeyPath, section: str, depth: int,
                 report: Any) -> None:
    if depth > MAX_NESTING:
        report(f"fields nest deeper than {MAX_NESTING} levels", key_path)
        return
    if field.type == "list":
        if field.items is None:
            report("a list needs `items:` (the type of each item, e.g. items: text)", key_path)
        elif field.items.type == "list":
            report("a list of lists is not supported; use a list of objects", key_path)
        else:
            _check_field(field.items, (*key_path, "items"), section, depth + 1, report)
    elif field.items is not None or field.min_items is not None or field.max_items is not None:
        report("items, min_items and max_items are for `type: list`", key_path)
    if field.type == "object":
        if not field.fields:
            report("an object needs `fields:`", key_path)
        for name, inner in (field.fields or {}).items():
            _check_field(inner, (*key_path, "fields", name), section, depth + 1, report)
    elif field.fields is not None:
        report("fields is for `type: object`", key_path)
    if field.type == "image":
        top_level = len(key_path) == 2 or (len(key_path) == 3 and key_path[-1] == "items")
        if section != "settings" or not top_level:
            report("images go in settings (document.yaml), as a field or a list of images; "
                   "their alt text, caption and credit are prose automatically", key_path)
    if field.max_length is not None and field.type not in {"text", "markdown", "url"}:
        report("max_length is for text, markdown and url fields", key_path)


def build_models(name: str, spec: KindSpec) -> tuple[type[CommonSettings], type[Strict]]:
    """pydantic models for the kind's document.yaml and prose, from its field specs."""
    prefix = "".join(part.title() for part in name.split("-"))
    settings_fields: dict[str, Any] = {"kind": (Literal[name], ...)}  # type: ignore[valid-type]
    settings_fields |= {key: _field(value, f"{prefix}{key.title()}")
                        for key, value in spec.settings.items()}
    settings = create_model(f"{prefix}Settings", __base__=(CommonSettings, Generated),
                            **settings_fields)  # type: ignore[call-overload]
    text_fields = {key: _field(value, f"{prefix}{key.title()}")
                   for key, value in spec.text.items()}
    for key, value in spec.settings.items():
        if value.type == "image" and key not in text_fields:
            text_fields[key] = (ImageText, Field(default=ImageText(), description=(
                f"What readers read about the {key} image: alt text, caption, credit")))
    text = create_model(f"{prefix}Text", __base__=(Strict, Generated), **text_fields)  # type: ignore[call-overload]
    return settings, text  # type: ignore[return-value]  # subclasses of both, by their bases


def _field(spec: FieldSpec, model_name: str) -> tuple[Any, Any]:
    annotation = _annotation(spec, model_name)
    extra: dict[str, Any] = {"translate": spec.translated}
    if spec.required:
        return annotation, Field(description=spec.help, json_schema_extra=extra)
    if spec.type == "list":
        return annotation, Field(default_factory=list, description=spec.help,
                                 json_schema_extra=extra)
    if spec.type == "flag":
        return annotation, Field(default=False, description=spec.help, json_schema_extra=extra)
    return annotation | None, Field(default=None, description=spec.help,
                                    json_schema_extra=extra)


def _annotation(spec: FieldSpec, model_name: str) -> Any:
    kind = spec.type
    if kind in {"text", "markdown"}:
        limit = spec.max_length or (SHORT_TEXT_LIMIT if kind == "text" else MARKDOWN_LIMIT)
        if kind == "markdown":
            return Annotated[str, Field(min_length=1, max_length=limit), MARKDOWN_TEXT,
                             AfterValidator(checked_markdown)]
        return Annotated[str, Field(min_length=1, max_length=limit)]
    if kind == "url":
        return Annotated[str, Field(min_length=1, max_length=spec.max_length or 2000),
                         AfterValidator(checked_url)]
    if kind == "email":
        return Annotated[str, Field(pattern=EMAIL_PATTERN, max_length=254)]
    if kind == "number":
        return Annotated[int, Field(ge=spec.minimum, le=spec.maximum)]
    if kind == "date":
        return DateSpan
    if kind == "flag":
        return bool

    if kind == "image":
        return ImageRef
    if kind == "object":
        fields = {key: _field(value, f"{model_name}{key.title()}")
                  for key, value in (spec.fields or {}).items()}
        return create_model(model_name, __base__=(Strict, Generated), **fields)  # type: ignore[call-overload]
    assert kind == "list" and spec.items is not None
    item = _annotation(spec.items, f"{model_name}Item")
    return Annotated[list[item], Field(min_length=spec.min_items or 0,  # type: ignore[valid-type]
                                       max_length=spec.max_items)]
