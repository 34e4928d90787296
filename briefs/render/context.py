"""Build the template context of one target: settings, prose, brand, images, locale facts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from markupsafe import Markup
from pydantic import BaseModel, ValidationError

from briefs.brand.brands import LoadedBrand, ResolvedFace
from briefs.brand.colors import readable_on
from briefs.brand.css import brand_css, counter_content, css_string
from briefs.brand.fonts import CoverageCache
from briefs.content.config import Profile
from briefs.content.documents import DocumentSource, image_refs
from briefs.content.schema import ContactBlock
from briefs.i18n.numbering import LocaleFormat
from briefs.i18n.scripts import language_name, locale_script, script_info, text_direction
from briefs.render.assets import Assets
from briefs.render.exposure import TemplateFunction
from briefs.render.figures import Look, figure_views
from briefs.render.profiles import page_css
from briefs.render.script_css import script_css

if TYPE_CHECKING:
    from briefs.kinds.kind import Kind
    from briefs.render.charts import ChartSpec


class Named(Protocol):
    """How an output is named: its profile's name (a `formats.targets.TargetKey`)."""

    @property
    def profile(self) -> str: ...


class Output(Protocol):
    """What the context needs of the output it is made for (a `formats.targets.Target` is one:
    render/ takes it by its shape, and does not import the output formats above it)."""

    @property
    def key(self) -> Named: ...
    @property
    def document(self) -> DocumentSource[Kind]: ...
    @property
    def brand(self) -> LoadedBrand: ...
    @property
    def profile(self) -> Profile: ...
    @property
    def locale(self) -> str: ...

PAPER_SIZES = {"A4": "A4", "letter": "letter"}


@dataclass(frozen=True)
class ImageView:
    """An image as a template sees it: a URL the fetcher allows, and its text."""

    url: str
    alt: str
    decorative: bool


def _draw_chart(spec: ChartSpec) -> bytes:
    from briefs.render.charts import chart_svg

    return chart_svg(spec)


@dataclass(frozen=True)
class ContextStores:
    """What a context is made with besides the target: a photo's copy for the profile
    (resampled for screen), charts drawn or found (`KeptCharts.svg`), and the fonts' glyph
    coverage (a session's `CoverageCache`, kept between builds)."""

    image_file: Callable[[Path], Path] = lambda path: path
    draw_chart: Callable[[ChartSpec], bytes] = _draw_chart
    coverage: CoverageCache | None = field(default=None)
    readable: Callable[[str, str, tuple[str, ...]], str] = readable_on
    """`readable_on`, or a session's (its answers kept between builds)."""


def merged_contacts(brand: LoadedBrand, document: DocumentSource,
                    text: Any) -> list[ContactBlock]:
    """The contact blocks to print: item by item, the document's settings overridden by its
    prose; the first block also takes the brand's defaults for what neither gives."""
    layers = [_blocks(getattr(document.settings, "contact", None)),
              _blocks(getattr(text, "contact", None))]
    blocks = []
    for index in range(max(1, *(len(layer) for layer in layers))):
        values = brand.model.contact.model_dump() if index == 0 else {}
        for layer in layers:
            if index < len(layer):
                values.update({k: v for k, v in layer[index].model_dump().items() if v})
        block = ContactBlock(**values)
        if any(value for key, value in block.model_dump().items() if key != "label"):
            blocks.append(block)  # a block with nothing under its heading is left out
    return blocks


def _blocks(value: Any) -> list[ContactBlock]:
    """A contact field as a list of blocks: briefs' own contact blocks, or a workspace kind's
    own `contact` object (or list of them) whose fields are named like a block's."""
    items = value if isinstance(value, list) else [value]
    return [block for block in map(_block, items) if block is not None]


def _block(value: Any) -> ContactBlock | None:
    if isinstance(value, ContactBlock):
        return value
    data = value.model_dump() if isinstance(value, BaseModel) else value
    if not isinstance(data, dict):
        return None
    known = {key: item for key, item in data.items()
             if key in ContactBlock.model_fields and isinstance(item, str) and item}
    try:
        return ContactBlock(**known) if known else None
    except ValidationError:
        return None  # validated as the kind's own field; what a block refuses is left out


def build_context(target: Output, assets: Assets, font_url: Callable[[ResolvedFace], str],
                  dates: tuple[str | None, str | None], fmt: LocaleFormat,
                  stores: ContextStores | None = None) -> dict[str, Any]:
    """Everything a template may use; nothing else is reachable from a template (it is given
    this as plain data: see `briefs.render.exposure`).

    `stores` may swap a photo for a copy made for the profile (resampled for screen), and
    keep charts and glyph coverage between builds.
    """
    stores = stores or ContextStores()
    image_file = stores.image_file
    document, brand, profile = target.document, target.brand, target.profile
    locale = target.locale
    text = document.texts[locale].text
    script = locale_script(locale)
    facts = script_info(script)
    direction = text_direction(locale)
    stylesheets = assets.stylesheets(document.kind, brand)
    return {
        "doc": document.settings,
        "text": text,
        "kind": document.kind.name,
        "doc_id": document.id,
        **_locale_context(locale, script, direction, fmt),
        "script_facts": facts,
        "brand": brand.model,
        "brand_logo": assets.url(brand.logo),
        "brand_logo_inverse": assets.url(brand.logo_inverse or brand.logo),
        "brand_css": Markup(_page_css(document) + page_css(profile)
                            + _output_intent_css(assets, profile)
                            + brand_css(brand, font_url, script, stores.coverage,
                                        stores.readable)
                            + script_css(facts, brand.model, fmt)),
        "profile": target.key.profile,
        "created": dates[0],
        "modified": dates[1],
        "stylesheets": [assets.url(sheet) for sheet in stylesheets],
        "images": _images(document, text, assets, image_file),
        "body_figures": figure_views(document, text, (locale, fmt), _look(brand, script, direction),
                                     lambda path: assets.url(image_file(path)),
                                     stores.draw_chart),
        "contacts": (contacts := merged_contacts(brand, document, text)),
        "contact": contacts[0] if contacts else ContactBlock(),
        "credit_style": brand.model.image_credit,
        "slogan": getattr(text, "slogan", None) or brand.model.slogan,
        "counter_content": TemplateFunction(counter_content, "counter_content"),
        "css_string": TemplateFunction(lambda value: Markup(css_string(str(value))),
                                       "css_string"),
    }


def _locale_context(locale: str, script: str | None, direction: str,
                    fmt: LocaleFormat) -> dict[str, Any]:
    """The language, script and writing direction of the output, as templates use them."""
    return {
        "locale": locale,
        "lang": locale.replace("_", "-"),
        "dir": direction,
        "script": script,
        "start_side": "right" if direction == "rtl" else "left",
        "end_side": "left" if direction == "rtl" else "right",
        "page_counter_style": fmt.counter_style,
        "language_name": language_name(locale),
    }


def _look(brand: LoadedBrand, script: str | None, direction: str) -> Look:
    """What a chart takes from the brand (palette, the script's body fonts) and locale."""
    colors = brand.model.colors
    stack = brand.model.scripts.get(script or "") or brand.model.typography
    return Look((colors.primary, colors.accent, colors.secondary, colors.muted),
                tuple(stack.body), colors.text, colors.secondary, direction == "rtl",
                _measuring_fonts(brand, brand.model.stack("body", script)))


def _measuring_fonts(brand: LoadedBrand, families: list[str]) -> tuple[tuple[str, int], ...]:
    """Each family's regular face (else its first), as a file and face index: the faces a
    chart's labels are set in, for matplotlib to measure them with."""
    fonts = []
    for family in families:
        faces = sorted((resolved for resolved in brand.faces if resolved.face.family == family),
                       key=lambda resolved: (resolved.face.style != "normal",
                                             abs(resolved.face.weight - 400)))
        if faces:
            fonts.append((str(faces[0].path), faces[0].index))
    return tuple(fonts)


def _images(document: DocumentSource, text: Any, assets: Assets,
            image_file: Callable[[Path], Path]) -> dict[str, Any]:
    """Every image the settings name, as the templates use it: one view, or a list of them."""
    images: dict[str, Any] = {}
    for key_path, ref in image_refs(document.settings):
        path, _info = document.images[key_path]
        name = str(key_path[0])
        described = getattr(text, name, None) if len(key_path) == 1 else None
        alt = ref.alt or (getattr(described, "alt", None) or "")
        view = ImageView(url=assets.url(image_file(path)), alt="" if ref.decorative else alt,
                         decorative=ref.decorative)
        if len(key_path) == 1:
            images[name] = view
        else:
            images.setdefault(name, []).append(view)
    return images


def _output_intent_css(assets: Assets, profile: Profile) -> str:
    """The printer's CMYK profile as `device-cmyk`, the output intent of PDF/X-4."""
    if not profile.output_intent_profile:
        return ""
    path = assets.workspace.root / profile.output_intent_profile
    url = css_string(assets.url(path))
    return f"@color-profile device-cmyk {{ src: url({url}); components: c, m, y, k; }}\n"


def _page_css(document: DocumentSource) -> str:
    return f"@page {{ size: {PAPER_SIZES[document.settings.paper]}; }}\n"
