"""The translator's round trip: export XLIFF, translate with a script, import, build: the PDF
shows the new text, and the Markdown markup survived the trip."""

from __future__ import annotations

import subprocess
from pathlib import Path

from lxml import etree

from briefs.scaffold.new_workspace import init_workspace
from tests.conftest import run_cli

NS = {"x": "urn:oasis:names:tc:xliff:document:2.0"}


def machine_translate(path: Path) -> None:
    """What a CAT tool does: write a target for every unit, keeping its inline codes."""
    tree = etree.parse(str(path))
    for segment in tree.getroot().iterfind(".//x:segment", NS):
        source = segment.find("x:source", NS)
        target = segment.find("x:target", NS)
        if target is None:
            target = etree.SubElement(segment, f"{{{NS['x']}}}target")
        target.clear()
        target.text = source.text
        for code in source:
            copy = etree.SubElement(target, code.tag, dict(code.attrib))
            copy.tail = code.tail
        first = target if target.text or not len(target) else target[0]  # the first words
        if first is target:
            target.text = "Übersetzt: " + (target.text or "")
        else:
            first.tail = "Übersetzt: " + (first.tail or "")
        segment.set("state", "final")
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_export_translate_import_build(tmp_path: Path) -> None:
    root = init_workspace(tmp_path / "ws")
    config = root / "briefs.yaml"
    config.write_text(config.read_text().replace("[en, fr]", "[en, fr, de]"))
    exported = run_cli("i18n", "export", "-l", "de", workspace=root)
    assert exported.exit_code == 0, exported.stderr
    files = [root / line for line in exported.stdout.split()]
    for path in files:
        machine_translate(path)
    imported = run_cli("i18n", "import", *map(str, files), workspace=root)
    assert imported.exit_code == 0, imported.stderr
    german = (root / "content/first-brief/de.yaml").read_text()
    assert german.count("[^1]") == 2  # the footnote marks came back from their codes
    status = run_cli("i18n", "status", "-l", "de", workspace=root)
    assert status.exit_code == 0 and "de: 0 new words and 0 stale words" in status.stdout
    built = run_cli("build", "-l", "de", workspace=root)
    assert built.exit_code == 0, built.stderr
    text = pdf_text(root / "build/first-brief/first-brief.de.pdf")
    assert "Übersetzt: Partners will be invited" in " ".join(text.split())
    flyer = pdf_text(root / "build/first-flyer/first-flyer.de.pdf")
    assert "Übersetzt: Meet the team behind the reports" in " ".join(flyer.split())
