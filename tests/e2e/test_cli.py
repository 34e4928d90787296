"""CLI: exit codes, stdout/stderr split, init/new/list/check, and the bad-input table."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import REPO, run_cli, workspace_file

FLYER = "river-dialogue-flyer"
BRIEF = "forum-key-messages"


def test_help_and_version() -> None:
    assert run_cli("--help").exit_code == 0
    result = run_cli("--version")
    assert result.exit_code == 0 and "briefs, version" in result.stdout


def test_usage_errors_exit_2(workspace_copy: Path) -> None:
    assert run_cli("build", "--nope", workspace=workspace_copy).exit_code == 2
    result = run_cli("build", "forum-key-mesages", workspace=workspace_copy)
    assert result.exit_code == 2
    assert 'no document "forum-key-mesages" (did you mean "forum-key-messages"?)' in result.stderr
    result = run_cli("build", "-l", "xx", workspace=workspace_copy)
    assert result.exit_code == 2 and 'locale "xx" is not in briefs.yaml locales' in result.stderr


def test_entry_point_maps_usage_error_to_exit_2(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "briefs", "build", "--bogus"],
                            capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 2 and "No such option" in result.stderr


def test_no_workspace_is_a_clear_error(tmp_path: Path) -> None:
    result = run_cli("check", workspace=tmp_path)
    assert result.exit_code == 1
    assert "no briefs.yaml found" in result.stderr and "Aborted with 1 error." in result.stderr


def test_list_shows_documents_and_locales(workspace_copy: Path) -> None:
    result = run_cli("list", "--json", workspace=workspace_copy)
    assert result.exit_code == 0
    rows = {row["doc"]: row for row in json.loads(result.stdout)}
    assert rows[BRIEF]["kind"] == "key-messages" and rows[FLYER]["kind"] == "flyer"
    assert rows[BRIEF]["locales"]["en"] == {"state": "built", "pages": 4}
    (workspace_copy / "content" / FLYER / "ru.yaml").unlink()
    (workspace_copy / "build" / BRIEF / f"{BRIEF}.fr.pdf").unlink()
    rows = {row["doc"]: row for row in json.loads(
        run_cli("list", "--json", workspace=workspace_copy).stdout)}
    assert rows[FLYER]["locales"]["ru"] == {"state": "no content"}
    assert rows[BRIEF]["locales"]["fr"] == {"state": "not built"}
    text = run_cli("list", workspace=workspace_copy).stdout
    assert "fr* " in text and "ru-" in text


def test_check_renders_nothing(workspace_copy: Path, snapshot: Callable) -> None:
    shutil.rmtree(workspace_copy / "build")
    result = run_cli("check", workspace=workspace_copy)
    assert result.exit_code == 0, result.stderr
    assert re.search(r"OK: \d+ outputs checked\.", result.stdout)
    assert not (workspace_copy / "build").exists()


def test_init_refuses_an_existing_workspace(workspace_copy: Path) -> None:
    result = run_cli("init", str(workspace_copy))
    assert result.exit_code == 1 and "already holds a workspace" in result.stderr


def test_new_documents_build_as_they_are(workspace_copy: Path) -> None:
    for kind in ("key-messages", "flyer"):
        result = run_cli("new", f"my-{kind}", "--kind", kind, workspace=workspace_copy)
        assert result.exit_code == 0, result.stderr
    result = run_cli("build", "my-key-messages", "my-flyer", workspace=workspace_copy)
    assert result.exit_code == 0, result.stderr
    assert (workspace_copy / "build/my-flyer/my-flyer.en.pdf").is_file()
    again = run_cli("new", "my-flyer", "--kind", "flyer", workspace=workspace_copy)
    assert again.exit_code == 1 and "already exists" in again.stderr
    bad = run_cli("new", "My Doc", "--kind", "flyer", workspace=workspace_copy)
    assert bad.exit_code == 1 and "not a valid document name" in bad.stderr


def test_json_report(workspace_copy: Path) -> None:
    result = run_cli("build", FLYER, "-l", "en", "--json", workspace=workspace_copy)
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["ok"] is True
    [entry] = report["outputs"]
    assert entry["doc"] == FLYER and entry["pages"] == 1 and entry["status"] == "ok"


# ------------------------------------------------------------------ the bad-input table


def edit(path: str, old: str, new: str) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        file = workspace_file(root, path)
        text = file.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {path}"
        file.write_text(text.replace(old, new, 1), encoding="utf-8")
    return apply


def write(path: str, data: bytes) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        (root / path).write_bytes(data)
    return apply


def line_of(root: Path, path: str, needle: str) -> int:
    lines = (root / path).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


FLYER_EN = f"content/{FLYER}/en.yaml"
FLYER_DOC = f"content/{FLYER}/document.yaml"

BAD_INPUTS = [
    pytest.param(edit(FLYER_EN, "kicker:", "kickr:"), FLYER_EN,
                 'unknown key "kickr" (did you mean "kicker"?)', id="typo-key"),
    pytest.param(edit(FLYER_EN, "kicker:", "kicker: [oops]\nkicker_old:"), FLYER_EN,
                 "kicker: expected a text, found a list", id="wrong-type"),
    pytest.param(edit(FLYER_EN, "title:", "title: x\ntitle:"), FLYER_EN,
                 'duplicate key "title"', id="duplicate-key"),
    pytest.param(write(FLYER_EN, b""), FLYER_EN, "file is empty", id="empty-file"),
    pytest.param(write(FLYER_EN, b"- a list\n"), FLYER_EN,
                 "expected a mapping of fields", id="not-a-mapping"),
    pytest.param(write(FLYER_EN, b"title: Caf\xe9\n"), FLYER_EN,
                 "invalid UTF-8 byte 0xe9", id="invalid-utf8"),
    pytest.param(edit(FLYER_EN, "kicker:", "kicker: bell\x07\nold_kicker:"), FLYER_EN,
                 "control character U+0007", id="control-char"),
    pytest.param(edit(FLYER_DOC, "kind: flyer", "kind: flyr"), FLYER_DOC,
                 'unknown kind "flyr" (did you mean "flyer"?)', id="unknown-kind"),
    pytest.param(edit(FLYER_DOC, "src: images/hero.jpg", "src: images/missing.jpg"), FLYER_DOC,
                 'image.src: "images/missing.jpg" does not exist', id="missing-image"),
    pytest.param(edit(FLYER_DOC, "src: images/hero.jpg", "src: ../../../../etc/passwd"),
                 FLYER_DOC, "points outside the workspace", id="image-outside"),
    pytest.param(write(f"content/{FLYER}/images/hero.jpg", b"<html>not a photo</html>"),
                 FLYER_DOC, "not a PNG, JPEG, GIF, WebP or SVG image", id="fake-image"),
    pytest.param(edit(FLYER_DOC, "brand: field-green", "brand: field-gren"), FLYER_DOC,
                 'no brand "field-gren" in styles/ (did you mean "field-green"?)', id="bad-brand"),
    pytest.param(edit("templates/flyer.html.j2", "{{ text.kicker }}</p>",
                      "{{ text.kickr }}</p>"), "templates/flyer.html.j2",
                 "has no field 'kickr' (did you mean 'kicker'?)",
                 id="template-undefined"),
    pytest.param(edit("templates/flyer.html.j2", "{% block body %}", "{% block body %}{% if %}"),
                 "templates/flyer.html.j2", "template syntax error", id="template-syntax"),
    pytest.param(edit("styles/field-green/brand.yaml", "file: fonts/Lato-Bold.ttf",
                      "file: fonts/Lato-Missing.ttf"), "styles/field-green/brand.yaml",
                 '"fonts/Lato-Missing.ttf" does not exist', id="missing-font"),
]


@pytest.mark.parametrize(("breakage", "where", "message"), BAD_INPUTS)
def test_bad_input_is_reported_and_previous_pdf_kept(
        workspace_copy: Path, snapshot: Callable, breakage: Callable[[Path], None],
        where: str, message: str) -> None:
    before = snapshot(workspace_copy)
    breakage(workspace_copy)
    result = run_cli("build", FLYER, "-l", "en", workspace=workspace_copy)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    matching = [line for line in lines if message in line]
    assert matching, result.stderr
    assert matching[0].startswith(f"{where}:"), matching[0]
    assert ": error: " in matching[0]
    assert lines[-1].startswith(("Aborted with", "Finished with"))
    assert snapshot(workspace_copy) == before
    assert result.stdout == ""


def test_every_problem_is_reported_in_one_run(workspace_copy: Path, snapshot: Callable) -> None:
    before = snapshot(workspace_copy)
    edit(FLYER_EN, "kicker:", "kickr:")(workspace_copy)
    edit(FLYER_EN, "programme:", "programm:")(workspace_copy)
    edit(f"content/{BRIEF}/en.yaml", "theme:", "them:")(workspace_copy)
    result = run_cli("build", workspace=workspace_copy)
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert len(errors) >= 3
    line = line_of(workspace_copy, FLYER_EN, "kickr:")
    assert any(e.startswith(f"{FLYER_EN}:{line}:1: error: unknown key \"kickr\"") for e in errors)
    # the other two documents (the fact sheet, the policy brief) are untouched, and their
    # twelve outputs still stand
    assert result.stderr.splitlines()[-1] == \
        f"Finished with {len(errors)} errors; 12 outputs built or up to date."
    assert snapshot(workspace_copy) == before


def set_locales(root: Path, locales: str) -> None:
    config = root / "briefs.yaml"
    config.write_text(re.sub(r"(?m)^locales: .*$", f"locales: {locales}", config.read_text()))


def test_strict_turns_warnings_into_failure(workspace_copy: Path, snapshot: Callable) -> None:
    set_locales(workspace_copy, "[en, de]")
    result = run_cli("build", FLYER, workspace=workspace_copy)
    assert result.exit_code == 0
    assert "has no de.yaml yet" in result.stderr
    before = snapshot(workspace_copy)
    strict = run_cli("build", FLYER, "--strict", workspace=workspace_copy)
    # every output that can be built is (issue 26: the English one, up to date), then it fails
    assert strict.exit_code == 1
    assert "Finished with 1 error; 1 output built or up to date." in strict.stderr
    assert snapshot(workspace_copy) == before


def test_translation_error_fails_only_its_locale(workspace_copy: Path) -> None:
    set_locales(workspace_copy, "[en, fr]")
    source = (workspace_copy / FLYER_EN).read_text()
    (workspace_copy / f"content/{FLYER}/fr.yaml").write_text(
        source.replace("kicker:", "kickerr:"), encoding="utf-8")
    result = run_cli("build", FLYER, "--json", workspace=workspace_copy)
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["failed"] == [f"{FLYER}.fr"]
    assert [entry["locale"] for entry in report["outputs"]] == ["en"]
    assert "Finished with 1 error; 1 output built or up to date." in result.stderr


def test_flyer_overflow_names_document_and_locale(workspace_copy: Path,
                                                  snapshot: Callable) -> None:
    before = snapshot(workspace_copy)
    long_text = "A sentence that keeps going to fill the page. " * 120
    edit(FLYER_EN, "context: |", f"context: |\n  {long_text}\n\n")(workspace_copy)
    result = run_cli("build", FLYER, "-l", "en", workspace=workspace_copy)
    assert result.exit_code == 1
    assert re.search(rf"content/{FLYER}/en\.yaml:\d+:\d+: error: {FLYER} \(en, screen\): "
                     r'"[^"]+" runs \d+ mm past the page', result.stderr)
    after = snapshot(workspace_copy)
    assert after.pop(f"{FLYER}/{FLYER}.en.overflow.pdf")  # the proof, beside the output
    assert after == before


def test_repository_is_a_workspace() -> None:
    assert (REPO / "briefs.yaml").is_file()
