"""An output format from an installed package (entry point `briefs.outputs`) is made beside
each PDF, named after it, checked by the checks selected for it, and recorded."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from briefs.core.diagnostics import Problem
from briefs.formats import checks, registry
from briefs.formats.checks import Check
from briefs.formats.format import Made, OutputFormat, Source
from briefs.scaffold.new_workspace import init_workspace
from tests.conftest import run_cli


class Outline(OutputFormat):
    """A toy format: the output's HTML as plain text, and the size of its PDF."""

    name = "outline"
    suffix = ".txt"

    def make(self, source: Source) -> Made:
        stem = source.name.path.removesuffix(self.suffix)
        return Made({source.name.path: source.html.encode(),
                     f"{stem}.size{self.suffix}": str(len(source.pdf)).encode()})


class NoFrench(Check):
    name = "no-french"
    output = "outline"

    def check(self, data: bytes) -> list[Problem]:
        french = b'lang="fr"' in data
        return [Problem.error("toy.french", "French outlines are refused")] if french else []


@pytest.fixture
def plugin(monkeypatch: pytest.MonkeyPatch) -> None:
    formats = [SimpleNamespace(name="outline", value="briefs_outline:Outline", load=Outline)]
    found = [SimpleNamespace(name="no-french", value="briefs_outline:NoFrench", load=NoFrench)]
    monkeypatch.setattr(registry, "entry_points",
                        lambda group: formats if group == registry.ENTRY_POINT_GROUP else [])
    monkeypatch.setattr(checks, "entry_points",
                        lambda group: found if group == checks.ENTRY_POINT_GROUP else [])


def test_a_plugin_output_format_is_made_beside_the_pdf(tmp_path: Path, plugin: None) -> None:
    root = init_workspace(tmp_path / "ws")
    doc = sorted(p.name for p in (root / "content").iterdir())[0]
    result = run_cli("build", doc, "-l", "en", "--format", "outline", "-j", "1",
                     workspace=root)
    assert result.exit_code == 0, result.stderr
    pdf = root / "build" / doc / f"{doc}.en.pdf"
    text = root / "build" / doc / f"{doc}.en.txt"
    assert text.read_text().startswith("<!DOCTYPE html>") or "<html" in text.read_text()
    assert (root / "build" / doc / f"{doc}.en.size.txt").read_text() == \
        str(len(pdf.read_bytes()))
    manifest = json.loads((root / "build" / "manifest.json").read_text())
    entry = next(e for e in manifest["outputs"] if e["path"] == f"{doc}/{doc}.en.pdf")
    assert [(f["format"], f["path"]) for f in entry["files"]] == [
        ("outline", f"{doc}/{doc}.en.txt"), ("outline", f"{doc}/{doc}.en.size.txt")]

    text.unlink()  # a missing file of another format: not up to date
    again = run_cli("build", doc, "-l", "en", "--format", "outline", workspace=root)
    assert again.exit_code == 0 and text.is_file(), again.stderr
    unchanged = run_cli("build", doc, "-l", "en", "--format", "outline", "--json",
                        workspace=root)
    assert json.loads(unchanged.stdout)["up_to_date"] == [f"{doc}.en"]


def test_a_check_of_the_format_fails_its_output_and_writes_nothing(
        tmp_path: Path, plugin: None) -> None:
    root = init_workspace(tmp_path / "ws")
    doc = sorted(p.name for p in (root / "content").iterdir())[0]
    result = run_cli("build", doc, "--format", "outline", "-j", "1", workspace=root)
    assert result.exit_code == 1
    assert f"error: {doc}.fr: French outlines are refused" in result.stderr
    assert (root / "build" / doc / f"{doc}.en.txt").is_file()
    assert not (root / "build" / doc / f"{doc}.fr.txt").exists()
    assert not (root / "build" / doc / f"{doc}.fr.pdf").exists()


def test_an_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    root = init_workspace(tmp_path / "ws")
    result = run_cli("build", "--format", "pfd", workspace=root)
    assert result.exit_code == 2
    assert 'no output format "pfd"' in result.stderr
