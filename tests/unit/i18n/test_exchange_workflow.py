"""Exchange files as CAT tools and translators use them: valid XLIFF 2.0 (the OASIS schema),
readable by translate-toolkit, one segment per paragraph, workflow states through the round
trip, damaged targets refused, previous source text for stale units, a real PO header."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from lxml import etree

from briefs.scaffold.new_workspace import init_workspace
from tests.conftest import PROJECTS, run_cli

NS = {"x": "urn:oasis:names:tc:xliff:document:2.0"}
X = "{urn:oasis:names:tc:xliff:document:2.0}"
BRIEF = "content/first-brief"


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    return etree.XMLSchema(etree.parse(str(PROJECTS / "xliff-2.0/xliff_core_2.0.xsd"), parser))


def export(root: Path, *args: str) -> list[Path]:
    result = run_cli("i18n", "export", *args, workspace=root)
    assert result.exit_code == 0, result.stderr
    return [root / line for line in result.stdout.split()]


def unit(path: Path, ident: str) -> etree._Element:
    [found] = etree.parse(str(path)).getroot().xpath(f"//x:unit[@id='{ident}']",
                                                        namespaces=NS)
    return found


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_every_exported_file_is_valid_xliff_2(tmp_path: Path, schema: etree.XMLSchema) -> None:
    root = init_workspace(tmp_path / "ws", template="full")
    files = export(root)
    assert len(files) >= 8
    for path in files:
        tree = etree.parse(str(path))
        assert schema.validate(tree), (path.name, [str(e) for e in schema.error_log][:3])
    holder = tree.getroot().find(".//x:originalData", NS)
    holder.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    assert not schema.validate(tree)  # what made the earlier files invalid


def test_translate_toolkit_reads_the_units_with_their_placeholders(small: Path) -> None:
    from translate.storage.xliff2 import Xliff2File

    [path, _] = export(small, "-l", "fr")
    store = Xliff2File.parsefile(str(path))
    by_id = {u.getid(): u for u in store.units}
    first, second = by_id["messages.1.text::p1"], by_id["messages.1.text::p2"]
    assert first.source.startswith("Partners will be invited")
    assert first.target.startswith("Les partenaires seront invités")
    for found in (first, second):
        assert "ph" in repr(found.rich_source) and "ph" in repr(found.rich_target)


def test_a_paragraph_is_a_segment_and_yaml_wraps_are_joined(small: Path) -> None:
    assert "their advice can\n      still change" in (small / BRIEF / "en.yaml").read_text()
    [path, _] = export(small, "-l", "fr")
    sources = [etree.tostring(s, method="text", encoding="unicode", with_tail=False)
               for s in unit(path, "messages.1.text").iterfind("x:segment/x:source", NS)]
    assert sources[0] == ("Partners will be invited while plans are still drafts, so that "
                          "their advice can still change them.")
    assert all("\n" not in text for text in sources)
    before = (small / BRIEF / "fr.yaml").read_text(encoding="utf-8")
    result = run_cli("i18n", "import", str(path), workspace=small)
    assert result.exit_code == 0, result.stderr
    assert (small / BRIEF / "fr.yaml").read_text(encoding="utf-8") == before
    status = json.loads(run_cli("i18n", "status", "-l", "fr", "--json", workspace=small).stdout)
    assert all(row["stale"] == [] for row in status)  # the joined source is the same text


def test_a_list_keeps_its_items(small: Path) -> None:
    source = small / BRIEF / "en.yaml"
    edit(source, "Partners will be invited while plans are still drafts,",
         "Two steps:\n\n      - first one\n      - second one\n\n      Partners will be "
         "invited while plans are still drafts,")
    french = small / BRIEF / "fr.yaml"
    edit(french, "Les partenaires seront invités", "Deux étapes :\n\n      - la première\n"
         "      - la seconde\n\n      Les partenaires seront invités")
    [path, _] = export(small, "-l", "fr")
    segments = unit(path, "messages.1.text").findall("x:segment", NS)
    assert len(segments) == 4
    codes = [d.text for d in unit(path, "messages.1.text").iterfind(
        "x:originalData/x:data", NS)]
    assert "\n- " in codes  # the second item's line break is a code, not a wrap to join
    result = run_cli("i18n", "import", str(path), workspace=small)
    assert result.exit_code == 0, result.stderr
    assert "- la première\n      - la seconde" in french.read_text(encoding="utf-8")


def test_workflow_states_through_the_round_trip(small: Path) -> None:
    [path, _] = export(small, "-l", "fr")
    edits = {"title": ("initial", "Brouillon du titre"),
             "event_name": ("translated", "Journées de printemps"),
             "theme": ("reviewed", "Planifier ensemble"),
             "place": ("final", "Lisbonne (Portugal)")}
    tree = etree.parse(str(path))
    for ident, (state, text) in edits.items():
        [element] = tree.getroot().xpath(f"//x:unit[@id='{ident}']", namespaces=NS)
        segment = element.find("x:segment", NS)
        segment.set("state", state)
        segment.find("x:target", NS).text = text
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")
    before = (small / BRIEF / "fr.yaml").read_text(encoding="utf-8")
    result = run_cli("i18n", "import", str(path), workspace=small)
    assert result.exit_code == 0, result.stderr
    [warning] = [line for line in result.stderr.splitlines() if ": warning: " in line]
    assert re.match(r"translations/first-brief\.fr\.xlf:4:1: warning: unit \"title\" is in "
                    r"state \"initial\" \(a draft\): not imported", warning), warning
    after = (small / BRIEF / "fr.yaml").read_text(encoding="utf-8")
    assert "Brouillon du titre" not in after and "title: Messages clés" in before
    assert "event_name: Journées de printemps" in after
    assert "place: Lisbonne (Portugal)" in after
    lock = json.loads((small / BRIEF / "translations.lock").read_text())["locales"]["fr"]
    assert lock["theme"]["state"] == "reviewed" and lock["place"]["state"] == "final"
    assert "state" not in lock["event_name"]
    [again, _] = export(small, "-l", "fr")
    states = {ident: unit(again, ident).find("x:segment", NS).get("state") for ident in edits}
    assert states == {"title": "translated", "event_name": "translated", "theme": "reviewed",
                      "place": "final"}
    assert run_cli("i18n", "update", "-l", "fr", workspace=small).exit_code == 0
    lock = json.loads((small / BRIEF / "translations.lock").read_text())["locales"]["fr"]
    assert lock["place"]["state"] == "final"  # update keeps what the translator marked


def test_a_fuzzy_po_entry_is_not_imported(small: Path) -> None:
    [path, _] = export(small, "-l", "fr", "--format", "po")
    edit(path, 'msgctxt "title"\nmsgid "Key messages"\nmsgstr "Messages clés"',
         '#, fuzzy\nmsgctxt "title"\nmsgid "Key messages"\nmsgstr "Messages peut-être"')
    result = run_cli("i18n", "import", str(path), workspace=small)
    assert result.exit_code == 0, result.stderr
    assert re.search(r"first-brief\.fr\.po:\d+:1: warning: unit \"title\" is still fuzzy",
                     result.stderr), result.stderr
    assert "Messages peut-être" not in (small / BRIEF / "fr.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(("old", "new", "problem"), [
    ('<ph id="p1-m1" dataRef="d1" disp="[^1]"/></target>', "</target>",
     "missing footnote reference '1'"),
    ("changer.<ph", "changer. [x](https://evil.example)<ph", "unexpected link"),
])
def test_a_damaged_target_is_refused(small: Path, old: str, new: str, problem: str) -> None:
    [path, _] = export(small, "-l", "fr")
    edit(path, old, new)
    before = (small / BRIEF / "fr.yaml").read_bytes()
    result = run_cli("i18n", "import", str(path), workspace=small)
    assert result.exit_code == 1
    [line] = [line for line in result.stderr.splitlines() if problem in line]
    assert re.match(r"translations/first-brief\.fr\.xlf:\d+:1: error: unit "
                    r"\"messages\[1\]\.text\"", line), line
    assert "Nothing was written." in result.stderr
    assert (small / BRIEF / "fr.yaml").read_bytes() == before


def test_merged_paragraphs_in_po_are_refused(small: Path) -> None:
    [path, _] = export(small, "-l", "fr", "--format", "po")
    text = path.read_text(encoding="utf-8")
    start = text.index("msgstr", text.index('msgctxt "messages[1].text"'))
    end = text.index("\n\n", start)
    merged = text[start:end].replace('\n"\\n"\n', "\n", 1)  # drop the empty line's "\n"
    assert merged != text[start:end]
    path.write_text(text[:start] + merged + text[end:], encoding="utf-8")
    result = run_cli("i18n", "import", str(path), workspace=small)
    assert result.exit_code == 1, result.stderr
    assert "has 1 paragraph where the source has 2" in result.stderr


def test_a_stale_unit_carries_its_previous_source(small: Path) -> None:
    [path, _] = export(small, "-l", "fr")
    edit(path, ">Messages clés<", ">Messages essentiels<")
    assert run_cli("i18n", "import", str(path), workspace=small).exit_code == 0
    edit(small / BRIEF / "en.yaml", "title: Key messages", "title: Our key messages")
    [xliff, _] = export(small, "-l", "fr")
    title = unit(xliff, "title")
    notes = {n.get("category"): n.text for n in title.iterfind("x:notes/x:note", NS)}
    assert notes["previous-source"] == "Key messages"
    assert title.find("x:segment", NS).get("subState") == "briefs:stale"
    [po, _] = export(small, "-l", "fr", "--format", "po", "-o", "po")
    text = po.read_text(encoding="utf-8")
    assert re.search(r'#, fuzzy\n#\| msgid "Key messages"\nmsgctxt "title"\n'
                     r'msgid "Our key messages"', text), text
    import subprocess

    checked = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(po)],
                             capture_output=True, text=True, check=False)
    assert checked.returncode == 0, checked.stderr


def test_the_po_header_names_language_and_project(small: Path) -> None:
    [path, _] = export(small, "-l", "fr", "--format", "po")
    header = path.read_text(encoding="utf-8").split("\n\n", 1)[0]
    assert '"Language: fr\\n"' in header
    assert '"Project-Id-Version: briefs first-brief\\n"' in header
    assert "PACKAGE VERSION" not in header and "FULL NAME" not in header
    assert "YEAR-MO-DA" not in header


def test_inline_ids_are_unique_in_each_unit_and_shared_by_source_and_target(
        tmp_path: Path) -> None:
    root = init_workspace(tmp_path / "ws", template="full")
    for path in export(root, "-l", "fr"):
        for element in etree.parse(str(path)).getroot().iterfind(".//x:unit", NS):
            sources = [ph.get("id") for ph in element.iterfind("x:segment/x:source/x:ph", NS)]
            targets = [ph.get("id") for ph in element.iterfind("x:segment/x:target/x:ph", NS)]
            assert len(sources) == len(set(sources)), (path.name, element.get("id"))
            assert set(targets) <= set(sources), (path.name, element.get("id"))


def test_gettext_accepts_the_po_files(tmp_path: Path) -> None:
    import subprocess

    root = init_workspace(tmp_path / "ws", template="full")
    assert run_cli("i18n", "update", workspace=root).exit_code == 0
    for path in export(root, "-l", "fr", "--format", "po"):
        result = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)],
                                capture_output=True, text=True, check=False)
        assert result.returncode == 0, (path.name, result.stderr)


def test_many_drafts_are_one_warning_and_the_first_ones(
        small: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import briefs.i18n.importing as importing

    monkeypatch.setattr(importing, "MAX_DRAFT_WARNINGS", 3)
    [path, _] = export(small, "-l", "fr")
    tree = etree.parse(str(path))
    segments = tree.getroot().findall(".//x:segment", NS)
    for segment in segments:
        segment.set("state", "initial")
        target = segment.find("x:target", NS)
        if target is not None:
            target.text = "Brouillon " + (target.text or "")
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")
    result = run_cli("i18n", "import", str(path), workspace=small)
    assert result.exit_code == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if ": warning: " in line]
    assert sum("units are drafts" in line for line in warnings) == 1 and len(warnings) == 4


@pytest.mark.parametrize("label", ["Valle Alto", "2015", "Ribeña", "a_x20_b", "x-y", "北部"])
def test_data_labels_in_unit_ids_are_nmtokens_and_read_back(label: str) -> None:
    """A chart's labels are keyed by the data's own names: escaped in XLIFF ids (NMTOKENs) and
    PO contexts, read back as they were."""
    from briefs.i18n.translated_files import key_of, key_token

    token = key_token(label)
    assert re.fullmatch(r"[A-Za-z_][A-Za-z0-9_-]*", token), token
    key = ("body_figures", "access-table", "labels", label)
    assert key_of(".".join([*key[:3], token]), ".") == key
    assert key_of(f"body_figures.access-table.labels.{token}", "[") == key
