"""Output formats chosen per profile in briefs.yaml (`formats: [png, html]`), beside
`--format`: checked against the registry at their line, made, recorded and kept up to date.
A fake renderer stands in for WeasyPrint and a toy format for the built-in ones."""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from briefs.formats import registry
from briefs.formats.format import Made, OutputFormat, Source
from briefs.render import workers
from briefs.render.engine import RenderJob, RenderResult
from briefs.scaffold.new_workspace import init_workspace
from tests.conftest import run_cli

PROFILES = """
profiles:
  screen:
    pdf_variant: pdf/ua-1
    tagged: true
    formats: [outline]
  plain:
    suffix: .plain
"""


class Outline(OutputFormat):
    """A toy format: the output's HTML as text."""

    name = "outline"
    suffix = ".txt"

    def make(self, source: Source) -> Made:
        return Made({source.name.path: source.html.encode()})


def fake_render(job: RenderJob) -> RenderResult:
    return RenderResult(pdf=f"%PDF-1.7 fake {job.target_id}".encode(), pages=1)


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(workers, "run_job", fake_render)
    plugins = [SimpleNamespace(name="outline", value="toy:Outline", load=Outline)]
    monkeypatch.setattr(registry, "entry_points",
                        lambda group: plugins if group == registry.ENTRY_POINT_GROUP else [])
    return init_workspace(tmp_path / "ws")


def configure(root: Path, profiles: str) -> Path:
    config = root / "briefs.yaml"
    config.write_text(config.read_text() + profiles)
    return config


def files_of(root: Path) -> dict[str, list[str]]:
    manifest = json.loads((root / "build" / "manifest.json").read_text())
    return {entry["path"]: [f["path"] for f in entry.get("files", [])]
            for entry in manifest["outputs"]}


def test_a_profile_s_formats_are_made_for_its_outputs_only(root: Path) -> None:
    configure(root, PROFILES)
    result = run_cli("build", "first-flyer", "-l", "en", "--profile", "all", "-j", "1",
                     workspace=root)
    assert result.exit_code == 0, result.stderr
    assert files_of(root) == {
        "first-flyer/first-flyer.en.pdf": ["first-flyer/first-flyer.en.txt"],
        "first-flyer/first-flyer.en.plain.pdf": [],
        "first-flyer/first-flyer.en.print.pdf": []}
    assert "<html" in (root / "build" / "first-flyer" / "first-flyer.en.txt").read_text()
    assert not (root / "build" / "first-flyer" / "first-flyer.en.plain.txt").exists()


def test_format_on_the_command_line_adds_to_the_profile_s(root: Path) -> None:
    configure(root, PROFILES)
    result = run_cli("build", "first-flyer", "-l", "en", "--profile", "plain",
                     "--format", "outline", "-j", "1", workspace=root)
    assert result.exit_code == 0, result.stderr
    assert files_of(root) == {
        "first-flyer/first-flyer.en.plain.pdf": ["first-flyer/first-flyer.en.plain.txt"]}


def test_a_format_added_to_a_profile_later_is_made_at_the_next_build(root: Path) -> None:
    assert run_cli("build", "first-flyer", "-l", "en", "-j", "1", workspace=root
                   ).exit_code == 0
    assert files_of(root) == {"first-flyer/first-flyer.en.pdf": []}
    configure(root, PROFILES)
    result = run_cli("build", "first-flyer", "-l", "en", "-j", "1", "--json", workspace=root)
    assert result.exit_code == 0, result.stderr
    assert files_of(root) == {
        "first-flyer/first-flyer.en.pdf": ["first-flyer/first-flyer.en.txt"]}


@pytest.mark.parametrize(("formats", "message"), [
    ("[outline, outlien]", 'briefs.yaml:12:24: error: profiles.screen.formats[1]: no output '
                           'format "outlien" (did you mean "outline"?); formats: pdf, png, jpeg'),
    ("[png:12q]", 'briefs.yaml:12:15: error: profiles.screen.formats[0]: png:12q: "12q" is '
                  "not an option of png; write png:WIDTH"),
])
def test_an_unknown_format_in_a_profile_is_an_error_at_its_line(
        root: Path, formats: str, message: str) -> None:
    configure(root, PROFILES.replace("[outline]", formats))
    result = run_cli("build", "-j", "1", workspace=root)
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert message in result.stderr, result.stderr
    assert not (root / "build" / "first-flyer").exists()


def test_an_unknown_format_in_a_profile_not_built_is_not_in_the_way(root: Path) -> None:
    configure(root, PROFILES.replace("suffix: .plain", "suffix: .plain\n    formats: [nope]"))
    assert run_cli("build", "first-flyer", "-l", "en", "-j", "1", workspace=root
                   ).exit_code == 0
    result = run_cli("build", "first-flyer", "-l", "en", "--profile", "plain", "-j", "1",
                     workspace=root)
    assert result.exit_code == 1
    assert 'profiles.plain.formats[0]: no output format "nope"' in result.stderr


@pytest.mark.parametrize(("formats", "message"), [
    ("png", "briefs.yaml:12:14: error: profiles.screen.formats: expected a list"),
    ('["PNG images"]', "briefs.yaml:12:15: error: profiles.screen.formats[0]: must be an "
                       "output format's name, such as png"),
    ("[" + ", ".join(["png"] * 17) + "]",
     "briefs.yaml:12:14: error: profiles.screen.formats: has 17 items, more than the 16"),
])
def test_the_schema_refuses_what_is_not_a_list_of_format_names(
        root: Path, formats: str, message: str) -> None:
    configure(root, PROFILES.replace("[outline]", formats))
    result = run_cli("build", "-j", "1", workspace=root)
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert message in result.stderr, result.stderr


def test_watch_makes_the_formats_asked_for(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    watch = importlib.import_module("briefs.cli.watch")

    def stop(_changes: object) -> list[str]:
        raise KeyboardInterrupt

    monkeypatch.setattr(watch.Changes, "take", stop)
    result = run_cli("watch", "first-flyer", "-l", "en", "--format", "outline", "-j", "1",
                     workspace=root)
    assert result.exit_code == 0, result.stderr
    assert "Stopped watching." in result.stderr
    assert files_of(root) == {
        "first-flyer/first-flyer.en.pdf": ["first-flyer/first-flyer.en.txt"]}
    unknown = run_cli("watch", "--format", "outlien", "-j", "1", workspace=root)
    assert unknown.exit_code == 2 and 'no output format "outlien"' in unknown.stderr


def test_hostile_names_and_options_are_refused_before_anything_is_made() -> None:
    from pydantic import ValidationError

    from briefs.content.config import Profile
    from briefs.core.diagnostics import Diagnostics
    from briefs.pipeline.profile_formats import formats_of, unknown_formats

    formats = registry.load_formats(Diagnostics())
    hostile = ["social:../x", "html:x", "png:../../etc", "png:99999", "email:a", "pdf:x"]
    profile = Profile(formats=hostile)
    assert [index for index, _ in unknown_formats(formats, profile)] == list(range(6))
    assert [output.name for output in formats_of(formats, profile, ())] == ["pdf"]
    for name in ("../png", "png x", "PNG", "", "a" * 81, "png\nhtml", "png:\x00"):
        with pytest.raises(ValidationError):
            Profile(formats=[name])
    assert Profile(formats=[" png\n"]).formats == ["png"]  # stripped, as every setting is
