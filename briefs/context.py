"""Build the template context of one target: settings, prose, brand, images, locale facts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from . import formatting
from .brands import LoadedBrand, ResolvedFace, brand_css
from .css import counter_content, css_string
from .documents import DocumentSource, LocaleText, image_refs
from .fetcher import workspace_url
from .models import ContactBlock, Profile
from .profiles import page_css
from .workspace import Workspace

PAPER_SIZES = {"A4": "A4", "letter": "letter"}
COMMON_STYLESHEETS = ("common/base.css",)


@dataclass(frozen=True)
class ImageView:
    """An image as a template sees it: a URL the fetcher allows, and its text."""

    url: str
    alt: str
    decorative: bool


def merged_contact(brand: LoadedBrand, document: DocumentSource, text: Any) -> ContactBlock:
    """Brand defaults, overridden by the document's settings, then by its prose."""
    values = brand.model.contact.model_dump()
    for layer in (getattr(document.settings, "contact", None), getattr(text, "contact", None)):
        if layer is not None:
            values.update({k: v for k, v in layer.model_dump().items() if v})
    return ContactBlock(**values)


def build_context(workspace: Workspace, document: DocumentSource, locale_text: LocaleText,
                  brand: LoadedBrand, font_url: Callable[[ResolvedFace], str],
                  profile_name: str, profile: Profile,
                  dates: tuple[str | None, str | None]) -> dict[str, Any]:
    """Everything a template may use; nothing else is reachable from a template."""
    text = locale_text.text
    locale = locale_text.locale
    script = formatting.locale_script(locale)
    direction = formatting.text_direction(locale)
    images: dict[str, Any] = {}
    for key_path, ref in image_refs(document.settings):
        path, _info = document.images[key_path]
        name = str(key_path[0])
        described = getattr(text, name, None) if len(key_path) == 1 else None
        alt = ref.alt or (getattr(described, "alt", None) or "")
        view = ImageView(url=workspace_url(workspace.root, path), alt="" if ref.decorative else alt,
                         decorative=ref.decorative)
        if len(key_path) == 1:
            images[name] = view
        else:
            images.setdefault(name, []).append(view)
    stylesheets = [*(workspace.styles_dir / sheet for sheet in COMMON_STYLESHEETS),
                   workspace.styles_dir / "common" / f"{document.kind}.css",
                   *brand.stylesheets]
    return {
        "doc": document.settings,
        "text": text,
        "kind": document.kind,
        "doc_id": document.id,
        "locale": locale,
        "lang": locale.replace("_", "-"),
        "dir": direction,
        "script": script,
        "start_side": "right" if direction == "rtl" else "left",
        "end_side": "left" if direction == "rtl" else "right",
        "page_counter_style": formatting.digits_counter_style(locale)
        if brand.model.native_digits else "decimal",
        "language_name": formatting.language_name(locale),
        "brand": brand.model,
        "brand_logo": workspace_url(workspace.root, brand.logo),
        "brand_logo_inverse": workspace_url(workspace.root, brand.logo_inverse or brand.logo),
        "brand_css": Markup(_page_css(document) + page_css(profile)
                            + _output_intent_css(workspace, profile)
                            + brand_css(brand, font_url, script)),
        "profile": profile_name,
        "created": dates[0],
        "modified": dates[1],
        "stylesheets": [workspace_url(workspace.root, sheet)
                        for sheet in stylesheets if sheet.is_file()],
        "images": images,
        "contact": merged_contact(brand, document, text),
        "slogan": getattr(text, "slogan", None) or brand.model.slogan,
        "counter_content": counter_content,
        "css_string": lambda value: Markup(css_string(str(value))),
    }


def _output_intent_css(workspace: Workspace, profile: Profile) -> str:
    """The printer's CMYK profile as `device-cmyk`, the output intent of PDF/X-4."""
    if not profile.output_intent_profile:
        return ""
    path = workspace.root / profile.output_intent_profile
    url = css_string(workspace_url(workspace.root, path))
    return f"@color-profile device-cmyk {{ src: url({url}); components: c, m, y, k; }}\n"


def _page_css(document: DocumentSource) -> str:
    return f"@page {{ size: {PAPER_SIZES[document.settings.paper]}; }}\n"
