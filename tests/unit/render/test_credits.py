"""Image credits: set apart from the caption, printed as the brand says, in the language."""

from __future__ import annotations

import gettext
import io
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from briefs.core.diagnostics import Diagnostics
from briefs.i18n.catalogs import PACKAGE_LOCALES, catalog_path
from briefs.render.bytecode import MemoryBytecodeCache
from briefs.render.templating import QrCodes, TemplateLoader, make_environment, render_template

ASSETS = Path(__file__).resolve().parents[3] / "briefs" / "assets"
CALL = ('{% from "partials/image.html.j2" import figure %}'
        '{{ figure(view, words, "hero", style) }}')


def translations(locale: str) -> gettext.NullTranslations:
    if locale == "en":
        return gettext.NullTranslations()
    with catalog_path(PACKAGE_LOCALES, locale).open("rb") as stream:
        catalog = read_po(stream, locale=locale)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def figure(tmp_path: Path, locale: str, style: str, credit: str,
           caption: str | None = "The valley at dusk") -> str:
    folder = tmp_path / "templates"
    folder.mkdir(exist_ok=True)
    (folder / "t.html.j2").write_text(CALL, encoding="utf-8")
    loader = TemplateLoader([folder, ASSETS / "templates"], {}, (tmp_path, ASSETS))
    env = make_environment(loader, locale, translations(locale), MemoryBytecodeCache(),
                           QrCodes())
    view = {"url": "x.jpg", "alt": "", "decorative": False}
    words = {"caption": caption, "credit": credit}
    html = render_template(env, "t.html.j2", {"view": view, "words": words, "style": style},
                           Diagnostics())
    assert html is not None
    return html


@pytest.mark.parametrize(("locale", "style", "credit", "printed"), [
    ("en", "photo", "Songyang County", "Photo: Songyang County"),
    ("fr", "photo", "Songyang County", "Photo\u00a0: Songyang County"),
    ("ru", "photo", "Songyang County", "Фото: Songyang County"),
    ("zh", "photo", "Songyang County", "摄影：Songyang County"),
    ("ar", "photo", "Songyang County", "تصوير: Songyang County"),
    ("en", "copyright", "Songyang County", "© Songyang County"),
    ("en", "plain", "Songyang County", "Songyang County"),
    ("en", "copyright", "Illustration © Civic Habitat Network",
     "Illustration © Civic Habitat Network"),   # says so already: as written
    ("en", "photo", "Photo: Ana Ruiz", "Photo: Ana Ruiz"),
])
def test_credits_print_as_the_brand_says(tmp_path: Path, locale: str, style: str, credit: str,
                                         printed: str) -> None:
    html = figure(tmp_path, locale, style, credit)
    assert f'<span class="credit">{printed}</span>' in html
    assert '<span class="caption">The valley at dusk</span>' in html  # apart from the credit


def test_a_credit_without_a_caption_stands_alone(tmp_path: Path) -> None:
    html = figure(tmp_path, "en", "copyright", "Songyang County", caption=None)
    assert 'class="caption"' not in html and "© Songyang County" in html
