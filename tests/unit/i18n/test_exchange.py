"""Translators' files: XLIFF 2 and PO export, import back into YAML, and word counts."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from lxml import etree

from tests.conftest import run_cli

NS = {"x": "urn:oasis:names:tc:xliff:document:2.0"}
BRIEF_FR = "content/first-brief/fr.yaml"


def export(root: Path, *args: str) -> list[Path]:
    result = run_cli("i18n", "export", *args, workspace=root)
    assert result.exit_code == 0, result.stderr
    return [root / line for line in result.stdout.split()]


def unit(tree: etree._ElementTree, ident: str) -> etree._Element:
    [found] = tree.getroot().xpath(f"//x:unit[@id='{ident}']", namespaces=NS)
    return found


def test_xliff_holds_source_translation_state_key_and_line(small: Path) -> None:
    source = small / "content/first-brief/en.yaml"
    source.write_text(source.read_text().replace("Fewer priorities, done well",
                                                 "Fewer priorities, well done"))
    french = small / BRIEF_FR
    french.write_text(french.read_text().replace(
        "  - title: Associer les partenaires tôt\n    text:", "  - text:"))
    [path, _] = export(small, "-l", "fr")
    assert path.name == "first-brief.fr.xlf"
    tree = etree.parse(str(path))
    root = tree.getroot()
    assert root.get("version") == "2.0" and root.get("srcLang") == "en"
    assert root.get("trgLang") == "fr"
    assert root.find("x:file", NS).get("original") == "content/first-brief/en.yaml"
    title = unit(tree, "title")
    assert title.findtext("x:segment/x:target", namespaces=NS) == "Messages clés"
    assert title.find("x:segment", NS).get("state") == "translated"
    line = next(i for i, text in enumerate(source.read_text().splitlines(), 1)
                if text.startswith("title:"))
    notes = {n.get("category"): n.text for n in title.iterfind("x:notes/x:note", NS)}
    assert notes == {"key": "title", "location": f"content/first-brief/en.yaml:{line}"}
    new = unit(tree, "messages.1.title")
    assert new.find("x:segment/x:target", NS) is None
    assert new.find("x:segment", NS).get("state") == "initial"
    assert new.findtext("x:segment/x:source", namespaces=NS) == "Partners early, not late"


def test_markdown_is_kept_as_inline_codes(small: Path) -> None:
    [path, _] = export(small, "-l", "fr")
    tree = etree.parse(str(path))
    text = unit(tree, "messages.1.text")
    codes = {d.get("id"): d.text for d in text.iterfind("x:originalData/x:data", NS)}
    assert set(codes.values()) == {"[^1]", "[^1]: "}
    segments = text.findall("x:segment", NS)
    assert [s.get("id") for s in segments] == ["p1", "p2"]  # one segment per paragraph
    for segment in segments:
        source = segment.find("x:source", NS)
        assert [ph.get("dataRef") for ph in source.iterfind("x:ph", NS)] == \
            [ph.get("dataRef") for ph in segment.find("x:target", NS).iterfind("x:ph", NS)]
        assert "[^1]" not in "".join(source.itertext())  # the markup is not text to translate
        assert "\n" not in "".join(source.itertext())  # YAML's line wraps are joined


def test_stale_translations_are_marked(small: Path) -> None:
    assert run_cli("i18n", "update", workspace=small).exit_code == 0
    source = small / "content/first-flyer/en.yaml"
    source.write_text(source.read_text().replace("Register for free", "Register now"))
    [_, path] = export(small, "-l", "fr")
    segment = unit(etree.parse(str(path)), "call_to_action").find("x:segment", NS)
    assert segment.get("state") == "initial" and segment.get("subState") == "briefs:stale"
    assert segment.findtext("x:target", namespaces=NS) == "Inscription gratuite"
    [po, _] = export(small, "-l", "fr", "--format", "po", "-o", "po")
    text = (small / "po/first-flyer.fr.po").read_text()
    assert re.search(r'#, fuzzy\n(#\|.*\n)*msgctxt "call_to_action"', text), text
    assert po.parent == small / "po"


def translate(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_import_changes_only_what_changed(small: Path) -> None:
    before = (small / BRIEF_FR).read_text()
    [path, _] = export(small, "-l", "fr")
    translate(path, "Moins de priorités, bien menées", "Moins de priorités, menées à bien")
    result = run_cli("i18n", "import", str(path), workspace=small)
    assert result.exit_code == 0, result.stderr
    assert BRIEF_FR in result.stdout
    after = (small / BRIEF_FR).read_text()
    assert after == before.replace("bien menées", "menées à bien")  # comments, order, style
    status = json.loads(run_cli("i18n", "status", "--json", workspace=small).stdout)
    assert all(row["stale"] == [] and row["missing"] == [] for row in status)


def test_import_into_a_new_locale_file(small: Path) -> None:
    config = small / "briefs.yaml"
    config.write_text(config.read_text().replace("[en, fr]", "[en, fr, de]"))
    [_, path] = export(small, "-l", "de", "--format", "po")
    assert path.name == "first-flyer.de.po"
    text = path.read_text()
    text = text.replace('msgid "Register for free"\nmsgstr ""',
                        'msgid "Register for free"\nmsgstr "Kostenlos anmelden"')
    path.write_text(text)
    result = run_cli("i18n", "import", str(path), workspace=small)
    assert result.exit_code == 0, result.stderr
    german = (small / "content/first-flyer/de.yaml").read_text()
    assert german.startswith("# Translated with `briefs i18n import`")
    assert "call_to_action: Kostenlos anmelden" in german
    rows = json.loads(run_cli("i18n", "status", "first-flyer", "-l", "de", "--json",
                              workspace=small).stdout)
    assert rows[0]["translated"] == 1 and rows[0]["new_words"] > 50


def test_a_bad_file_is_an_error_and_nothing_is_written(small: Path) -> None:
    [good, flyer] = export(small, "-l", "fr")
    translate(good, "Moins de priorités", "Priorités")
    broken = small / "broken.xlf"
    broken.write_text(flyer.read_text().replace("</unit>", "</unti>", 1))
    before = (small / BRIEF_FR).read_bytes()
    result = run_cli("i18n", "import", str(good), str(broken), workspace=small)
    assert result.exit_code == 1
    assert re.search(r"broken\.xlf:\d+:\d+: error: not well-formed XLIFF", result.stderr)
    assert "Nothing was written." in result.stderr
    assert (small / BRIEF_FR).read_bytes() == before


@pytest.mark.parametrize(("old", "new", "message"), [
    ('<unit id="theme" name="theme">', '<unit id="thema" name="thema">',
     '"thema" is not a text of content/first-brief/en.yaml'),
    ('<file id="first-brief"', '<file id="other-brief"',
     'the file is for document "other-brief"'),
    ('trgLang="fr"', 'trgLang="xx"', 'the file translates into "xx"'),
    ('dataRef="d1"', 'dataRef="d9"', 'refers to "d9"'),
    ("Messages clés", "x" * 400, "title: 400 characters, over the limit of 300 for this field"),
])
def test_a_mismatched_file_names_file_and_line(small: Path, old: str, new: str,
                                               message: str) -> None:
    [path, _] = export(small, "-l", "fr")
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    result = run_cli("i18n", "import", str(path), workspace=small)
    assert result.exit_code == 1
    [line] = [line for line in result.stderr.splitlines() if message in line]
    assert re.match(r"translations/first-brief\.fr\.xlf:\d+:1: error: ", line), line
    assert "Nothing was written." in result.stderr


def test_status_counts_words_to_translate(small: Path) -> None:
    assert run_cli("i18n", "update", workspace=small).exit_code == 0
    source = small / "content/first-flyer/en.yaml"
    translate(source, "call_to_action: Register for free",
              "call_to_action: Register for free today")
    translate(source, "notes: Places are limited to forty people.\n", "")
    row = json.loads(run_cli("i18n", "status", "first-flyer", "--json",
                             workspace=small).stdout)[0]
    assert row["stale"] == ["call_to_action"] and row["stale_words"] == 4
    table = run_cli("i18n", "status", workspace=small).stdout
    assert "fr: 0 new words and 4 stale words to translate" in table
