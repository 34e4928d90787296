"""Loading a document: every file reported in one run, locales spelt another way, image names."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefs.scaffold.new_workspace import init_workspace
from tests.conftest import run_cli

BRIEF = "content/first-brief"


@pytest.fixture
def team(tmp_path: Path) -> Path:
    return init_workspace(tmp_path / "team")


def edit(root: Path, relative: str, old: str, new: str) -> None:
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, (relative, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def check(root: Path) -> tuple[int, list[str]]:
    result = run_cli("check", workspace=root)
    return result.exit_code, [line for line in result.stderr.splitlines()
                              if ": error: " in line or ": warning: " in line]


def test_an_error_in_document_yaml_hides_neither_the_source_nor_a_translation(team: Path) -> None:
    edit(team, f"{BRIEF}/document.yaml", "paper: A4", "paper: A9")
    edit(team, f"{BRIEF}/en.yaml", "title: Key messages", "titel: Key messages")
    edit(team, f"{BRIEF}/fr.yaml", "title:", "titre:")
    code, lines = check(team)
    assert code == 1
    assert [line.split(": error: ")[0] for line in lines] == [
        f"{BRIEF}/document.yaml:4:8", f"{BRIEF}/en.yaml:3:1", f"{BRIEF}/en.yaml:3:1",
        f"{BRIEF}/fr.yaml:2:1"]
    assert lines[-1].startswith(f'{BRIEF}/fr.yaml:2:1: error: unknown key "titre" (did you mean '
                                '"title"?)')


def test_a_yaml_error_in_document_yaml_does_not_hide_one_in_en_yaml(team: Path) -> None:
    edit(team, f"{BRIEF}/document.yaml", "paper: A4", "paper: [A4")
    edit(team, f"{BRIEF}/en.yaml", "title: Key messages", "title: Key: messages")
    code, lines = check(team)
    assert code == 1
    assert [line.split(": error: ")[0] for line in lines] == [
        f"{BRIEF}/document.yaml:4:8", f"{BRIEF}/en.yaml:3:11"]


def test_en_yaml_errors_do_not_hide_fr_yaml_errors(team: Path) -> None:
    edit(team, f"{BRIEF}/en.yaml", "title: Key messages", "titel: Key messages")
    edit(team, f"{BRIEF}/fr.yaml", "title:", "  title:")
    code, lines = check(team)
    assert code == 1
    assert [line.split(": error: ")[0] for line in lines] == [
        f"{BRIEF}/en.yaml:3:1", f"{BRIEF}/en.yaml:3:1", f"{BRIEF}/fr.yaml:3:1"]


def test_a_locale_listed_under_another_spelling_is_an_error(team: Path) -> None:
    edit(team, "briefs.yaml", "locales: [en, fr]", "locales: [en, fr_FR]")
    code, lines = check(team)
    assert code == 1
    assert lines[0] == (
        f'{BRIEF}/fr.yaml: error: this file is named for the locale "fr", but briefs.yaml lists '
        '"fr_FR", so no fr_FR output would be built from it; rename it to fr_FR.yaml, or list '
        '"fr" in briefs.yaml locales instead of "fr_FR"')


def test_a_translation_saved_under_another_spelling_is_an_error(team: Path) -> None:
    (team / BRIEF / "fr.yaml").rename(team / BRIEF / "fr_FR.yaml")
    code, lines = check(team)
    assert code == 1
    assert lines == [
        f'{BRIEF}/fr_FR.yaml: error: this file is named for the locale "fr_FR", but briefs.yaml '
        'lists "fr", so no fr output would be built from it; rename it to fr.yaml, or list '
        '"fr_FR" in briefs.yaml locales instead of "fr"']


def test_a_wrong_case_image_name_gets_did_you_mean(team: Path) -> None:
    edit(team, f"{BRIEF}/document.yaml", "src: images/cover.svg", "src: Images/Cover.svg")
    code, lines = check(team)
    assert code == 1
    assert lines == [
        f'{BRIEF}/document.yaml:13:8: error: cover_image.src: "Images/Cover.svg" does not exist '
        f'(looked for {BRIEF}/Images/Cover.svg); did you mean "images/cover.svg"? (file names '
        "are case-sensitive)"]
