"""Catalogs: extract a POT from templates, update PO files, read them without compiling."""

from __future__ import annotations

from pathlib import Path

from babel.messages.pofile import read_po, write_po

from briefs.content.config import load_workspace
from briefs.core.diagnostics import Diagnostics
from briefs.i18n.catalogs import (
    TemplateSource,
    load_translations,
    po_path,
    template_sources,
    update_catalogs,
    write_pot,
)
from briefs.kinds.key_messages import KIND as KEY_MESSAGES


def make_workspace(tmp_path: Path) -> Path:
    (tmp_path / "briefs.yaml").write_text(
        "name: w\ndefault_brand: b\nlocales: [en, fr]\n", encoding="utf-8")
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "page.html.j2").write_text(
        '<h2>{{ _("Our heading") }}</h2>\n<p>{{ _("Apply by %(date)s", date=d) }}</p>\n'
        '{% trans %}Other news{% endtrans %}\n', encoding="utf-8")
    return tmp_path


def sources(workspace: object) -> list[TemplateSource]:
    """The built-in templates and the key-messages kind's, and the workspace's own."""
    return template_sources(workspace, [KEY_MESSAGES.template_file])  # type: ignore[arg-type]


def test_extract_update_translate_round_trip(tmp_path: Path) -> None:
    workspace = load_workspace(make_workspace(tmp_path))
    pot = write_pot(workspace, sources(workspace))
    text = pot.read_text(encoding="utf-8")
    for message in ("Our heading", "Apply by %(date)s", "Other news", "Page {page} of {pages}"):
        assert f'msgid "{message}"' in text  # the workspace's strings, and the built-in ones
    assert "#: page.html.j2:1" in text and "#: briefs/assets/templates/base.html.j2" in text
    [po] = update_catalogs(workspace, sources(workspace), ["en", "fr"])
    assert po == po_path(workspace, "fr")
    with po.open("rb") as stream:
        catalog = read_po(stream, locale="fr")
    assert "Key messages" not in catalog  # briefs translates its own strings already
    catalog["Our heading"].string = "Notre titre"
    catalog["Other news"].string = "Autres nouvelles"
    catalog["Other news"].flags.add("fuzzy")  # fuzzy entries are not used
    catalog.add("Key messages", "Nos messages")  # the workspace may replace a built-in one
    with po.open("wb") as stream:
        write_po(stream, catalog)
    translations = load_translations(workspace, "fr", Diagnostics())
    assert translations is not None
    assert translations.gettext("Our heading") == "Notre titre"
    assert translations.gettext("Key messages") == "Nos messages"
    assert translations.gettext("Introduction") == "Introduction"  # built in (the same word)
    assert translations.gettext("Focus areas") == "Thèmes"
    assert translations.gettext("Other news") == "Other news"
    assert translations.missing == {"Other news"}
    update_catalogs(workspace, sources(workspace), ["fr"])
    with po.open("rb") as stream:
        updated = read_po(stream, locale="fr")
    assert updated["Our heading"].string == "Notre titre"
    assert updated["Key messages"].string == "Nos messages"  # kept: the workspace's own


def test_template_language_needs_no_catalog(tmp_path: Path) -> None:
    workspace = load_workspace(make_workspace(tmp_path))
    assert load_translations(workspace, "en", Diagnostics()) is None
    assert update_catalogs(workspace, sources(workspace), ["en"]) == []


def test_broken_catalog_is_a_diagnostic(tmp_path: Path) -> None:
    workspace = load_workspace(make_workspace(tmp_path))
    path = po_path(workspace, "fr")
    path.parent.mkdir(parents=True)
    path.write_text('msgid "a"\nmsgstr "b"\nmsgid\n', encoding="utf-8")
    diagnostics = Diagnostics()
    load_translations(workspace, "fr", diagnostics)
    assert diagnostics.errors and diagnostics.errors[0].path == path


def test_no_catalog_is_written_when_briefs_translates_everything(tmp_path: Path) -> None:
    workspace = load_workspace(make_workspace(tmp_path))
    (workspace.templates_dir / "page.html.j2").unlink()
    assert update_catalogs(workspace, sources(workspace), ["fr"]) == []
    assert not po_path(workspace, "fr").exists()
