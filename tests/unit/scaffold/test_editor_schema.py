"""Editor schemas: every sample file validates as an editor would read it; mistakes do not."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from briefs.content.config import load_workspace
from briefs.core.diagnostics import BriefsError
from briefs.scaffold.editor import wire_editors
from briefs.scaffold.editor_schema import MODELINE, SCHEMA_FOLDER
from briefs.scaffold.new_workspace import init_workspace
from tests.conftest import REPO, run_cli


class Yaml12Loader(yaml.SafeLoader):
    """YAML as the YAML language server reads it (YAML 1.2 core schema): dates stay text,
    only true/false are flags, `yes` and `NO` are words."""


Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers
            if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}
Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:bool",
                                   __import__("re").compile(r"^(?:true|false)$"), list("tf"))


def editor_problems(root: Path) -> dict[str, list[str]]:
    """Each YAML file the settings map to a schema, validated as an editor would."""
    settings = json.loads((root / ".vscode/settings.json").read_text())
    found: dict[str, list[str]] = {}
    checked = 0
    for schema_path, patterns in settings["yaml.schemas"].items():
        schema = json.loads((root / schema_path).read_text())
        jsonschema.Draft202012Validator.check_schema(schema)
        validator = jsonschema.Draft202012Validator(schema)
        for pattern in patterns:
            for path in sorted(root.glob(pattern)):
                data = yaml.load(path.read_text(encoding="utf-8"), Loader=Yaml12Loader)
                errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
                          for e in validator.iter_errors(data)]
                found[path.relative_to(root).as_posix()] = errors
                checked += 1
    assert checked, "no file was checked"
    return found


def workspace_from(source: Path, tmp_path: Path) -> Path:
    root = tmp_path / source.name
    shutil.copytree(source, root, ignore=shutil.ignore_patterns("build", ".briefs", ".vscode",
                                                                "*.pdf", ".venv", "tests",
                                                                "briefs", "docs", ".git"))
    return root


@pytest.mark.parametrize("template", ["small", "full", "blank"])
def test_init_wires_schemas_that_every_sample_file_meets(tmp_path: Path, template: str) -> None:
    root = tmp_path / "ws"
    args = ("--blank",) if template == "blank" else ("--template", template)
    made = run_cli("init", str(root), *args)
    assert made.exit_code == 0, made.stderr
    problems = editor_problems(root)
    assert ("briefs.yaml" in problems and "styles/team/brand.yaml" in problems) or \
        template == "full"
    assert {path: errors for path, errors in problems.items() if errors} == {}
    first_line = (root / "briefs.yaml").read_text().splitlines()[0]
    assert first_line == f"{MODELINE}{SCHEMA_FOLDER}/briefs.schema.json"
    assert run_cli("check", workspace=root).exit_code in (0, 1) if template == "blank" else \
        run_cli("check", workspace=root).exit_code == 0


@pytest.mark.parametrize("project", ["custom-kind", "more-scripts"])
def test_test_projects_and_workspace_kinds_validate(tmp_path: Path, project: str) -> None:
    root = workspace_from(REPO / "tests" / "projects" / project, tmp_path)
    wire_editors(load_workspace(root))
    problems = editor_problems(root)
    assert {path: errors for path, errors in problems.items() if errors} == {}
    if project == "custom-kind":  # a workspace kind gets schemas of its own
        kinds = {p.name for p in (root / SCHEMA_FOLDER).iterdir()}
        custom = sorted(p.name for p in (root / "kinds").iterdir())
        assert all(f"{kind}.source.schema.json" in kinds for kind in custom)


def test_the_repository_sample_workspace_validates(tmp_path: Path) -> None:
    root = tmp_path / "sample"
    root.mkdir()
    for part in ("briefs.yaml", "content", "styles"):
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, root / part)
        else:
            shutil.copy2(source, root / part)
    wire_editors(load_workspace(root))
    problems = editor_problems(root)
    assert len(problems) > 20
    assert {path: errors for path, errors in problems.items() if errors} == {}


def validator(root: Path, name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(
        json.loads((root / SCHEMA_FOLDER / name).read_text()))


def messages(checker: jsonschema.Draft202012Validator, data: Any) -> list[str]:
    return sorted(error.message for error in checker.iter_errors(data))


def test_mistakes_are_underlined(tmp_path: Path) -> None:
    root = init_workspace(tmp_path / "ws")
    wire_editors(load_workspace(root))
    document = yaml.load((root / "content/first-flyer/document.yaml").read_text(),
                         Loader=Yaml12Loader)
    check = validator(root, "document.schema.json")
    assert messages(check, document) == []
    assert any("'A9' is not one of" in m for m in messages(check, {**document, "paper": "A9"}))
    assert any("'papr' was unexpected" in m for m in messages(check, {**document, "papr": "A4"}))
    assert any("'leaflet' is not one of" in m for m in messages(check, {"kind": "leaflet"}))
    source = validator(root, "flyer.source.schema.json")
    translation = validator(root, "flyer.translation.schema.json")
    assert any("'title' is a required property" in m for m in messages(source, {"context": "x"}))
    assert messages(translation, {"context": "x"}) == []  # the source fills the gaps
    assert any("'titel' was unexpected" in m for m in messages(translation, {"titel": "x"}))
    workspace = validator(root, "briefs.schema.json")
    config = yaml.load((root / "briefs.yaml").read_text(), Loader=Yaml12Loader)
    assert messages(workspace, {**config, "locales": ["en", "fr"], "name": 2026}) == []


def test_existing_vscode_settings_are_kept(tmp_path: Path) -> None:
    root = init_workspace(tmp_path / "ws", "blank")
    settings = root / ".vscode/settings.json"
    settings.parent.mkdir()
    settings.write_text(json.dumps({"editor.tabSize": 2, "yaml.schemas": {"other.json": "x.yaml"}}))
    wire_editors(load_workspace(root))
    kept = json.loads(settings.read_text())
    assert kept["editor.tabSize"] == 2 and kept["yaml.schemas"]["other.json"] == "x.yaml"
    assert kept["yaml.schemas"][f"{SCHEMA_FOLDER}/briefs.schema.json"] == ["briefs.yaml"]
    settings.write_text("// a comment\n{}")
    with pytest.raises(BriefsError, match=r"add the yaml\.schemas entries by hand"):
        wire_editors(load_workspace(root))


def test_a_schema_folder_linking_out_of_the_workspace_is_refused(tmp_path: Path) -> None:
    root = init_workspace(tmp_path / "ws", "blank")
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.rmtree(root / ".briefs", ignore_errors=True)
    (root / ".briefs").symlink_to(outside)
    with pytest.raises(BriefsError, match="leads out of the workspace"):
        wire_editors(load_workspace(root))
    assert list(outside.iterdir()) == []


def test_briefs_schema_command(tmp_path: Path) -> None:
    root = init_workspace(tmp_path / "ws")
    result = run_cli("schema", "--modelines", workspace=root)
    assert result.exit_code == 0, result.stderr
    assert f"{SCHEMA_FOLDER}/flyer.source.schema.json" in result.stdout.splitlines()
    assert ".vscode/settings.json" in result.stdout.splitlines()


def test_modelines_are_added_once_and_never_through_a_link(tmp_path: Path) -> None:
    root = init_workspace(tmp_path / "ws")
    outside = tmp_path / "outside.yaml"
    outside.write_text("title: elsewhere\n")
    flyer = root / "content/first-flyer/fr.yaml"
    flyer.unlink()
    flyer.symlink_to(outside)
    first = wire_editors(load_workspace(root), modelines=True)
    again = wire_editors(load_workspace(root), modelines=True)
    assert root / "content/first-brief/en.yaml" in first.modelines and again.modelines == []
    text = (root / "content/first-brief/en.yaml").read_text()
    assert text.count("yaml-language-server") == 1
    assert outside.read_text() == "title: elsewhere\n"
