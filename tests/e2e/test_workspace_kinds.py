"""A kind defined by the workspace alone (kind.yaml, template, stylesheet): it builds in six
languages and every command knows it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader
from starlette.testclient import TestClient

from briefs.preview.app import Preview
from briefs.preview.http import ServeOptions, make_app
from tests.conftest import REPO, run_cli
from tests.e2e.test_serve import BASE_URL, wait_built

PROJECT = Path(__file__).resolve().parent.parent / "projects" / "custom-kind"
DOC = "spring-report"
LOCALES = ("en", "fr", "es", "ru", "zh", "ar")


def make_project(target: Path) -> Path:
    shutil.copytree(PROJECT, target)
    shutil.copytree(REPO / "styles" / "civic-blue", target / "styles" / "civic-blue")
    return target


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("custom") / "ws")
    result = run_cli("build", "--strict", workspace=root)
    assert result.exit_code == 0, result.stderr
    return root


@pytest.fixture
def project(built: Path, tmp_path: Path) -> Path:
    target = tmp_path / "ws"
    shutil.copytree(built, target)
    return target


@pytest.mark.parametrize("locale", LOCALES)
def test_builds_in_every_locale(built: Path, locale: str) -> None:
    pdf = PdfReader(built / "build" / DOC / f"{DOC}.{locale}.pdf")
    assert len(pdf.pages) == 1 and pdf.trailer["/Root"]["/Lang"] == locale
    import yaml

    title = yaml.safe_load((built / "content" / DOC / f"{locale}.yaml").read_text())["title"]
    assert pdf.metadata.title == title
    text = "".join(pdf.pages[0].extract_text().split())
    assert "".join(title.split())[:6] in text


def test_kinds_and_list_show_it(built: Path) -> None:
    kinds = json.loads(run_cli("kinds", "--json", workspace=built).stdout)
    assert {"kind": "event-report", "origin": "this workspace", "pages": 1,
            "description": "A one-page report after an event, with outcomes and speakers",
            "title_field": "title"} in kinds
    [row] = json.loads(run_cli("list", "--json", workspace=built).stdout)
    assert row["kind"] == "event-report" and row["locales"]["zh"] == {"state": "built",
                                                                      "pages": 1}


def test_translation_status_knows_its_prose(built: Path) -> None:
    result = run_cli("i18n", "status", "--json", "-l", "fr", workspace=built)
    [row] = json.loads(result.stdout)
    # title, summary, photo.alt, two outcomes, one speaker role (names are not translated)
    assert row["total"] == 6 and row["percent"] == 100 and row["missing"] == []


def test_a_typo_in_a_document_is_reported_at_its_line(project: Path) -> None:
    path = project / "content" / DOC / "en.yaml"
    path.write_text(path.read_text().replace("title:", "titel:"), encoding="utf-8")
    result = run_cli("build", DOC, "-l", "en", workspace=project)
    assert result.exit_code == 1
    assert f'content/{DOC}/en.yaml:1:1: error: unknown key "titel" (did you mean "title"?)' \
        in result.stderr
    assert f'content/{DOC}/en.yaml:1:1: error: missing required field "title"' in result.stderr


def test_a_typo_in_the_kind_is_reported_at_its_line(project: Path) -> None:
    path = project / "kinds" / "event-report" / "kind.yaml"
    path.write_text(path.read_text().replace("held_on: {type: date", "held_on: {typ: date"))
    result = run_cli("check", workspace=project)
    assert result.exit_code == 1
    assert 'kinds/event-report/kind.yaml:6:13: error: unknown key "typ" (did you mean ' \
           '"type"?)' in result.stderr
    assert 'the kind "event-report" could not be loaded; fix the errors in ' \
           "kinds/event-report/kind.yaml first" in result.stderr


def test_new_writes_a_starter_from_the_schema_that_builds(project: Path) -> None:
    result = run_cli("new", "autumn-report", "--kind", "event-report", workspace=project)
    assert result.exit_code == 0, result.stderr
    folder = project / "content" / "autumn-report"
    settings = (folder / "document.yaml").read_text()
    assert "kind: event-report" in settings and "# The day the event took place" in settings
    prose = (folder / "en.yaml").read_text()
    assert "# What happened, in one or two paragraphs" in prose
    build = run_cli("build", "autumn-report", "-l", "en", workspace=project)
    assert build.exit_code == 0, build.stderr


def test_the_preview_shows_it(project: Path) -> None:
    app = make_app(project, project / "build", ServeOptions(watch=False), log=lambda m: None)
    with TestClient(app, base_url=BASE_URL) as client:
        preview: Preview = app.state.preview
        snapshot = wait_built(preview, 0)
        assert snapshot.doc(DOC).kind == "event-report"  # type: ignore[union-attr]
        assert snapshot.doc(DOC).title == "Spring dialogue on river towns"  # type: ignore[union-attr]
        outputs = client.get("/status.json").json()["outputs"]
        assert {o["locale"]: o["state"] for o in outputs} == dict.fromkeys(LOCALES, "ok")
        assert client.get(f"/page/{DOC}/ar/screen/1.png").status_code == 200


def test_sharding_uses_the_kind_cost(project: Path) -> None:
    first = run_cli("build", "--force", "--json", "--shard", "1/2", workspace=project)
    second = run_cli("build", "--force", "--json", "--shard", "2/2", workspace=project)
    rendered = [json.loads(r.stdout)["rendered"] for r in (first, second)]
    assert sorted(rendered[0] + rendered[1]) == sorted(f"{DOC}.{loc}" for loc in LOCALES)
    assert len(rendered[0]) == len(rendered[1]) == 3


