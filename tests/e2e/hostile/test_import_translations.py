"""`briefs i18n import` against hostile translators' files and workspaces: links out, devices,
entities, malformed units, huge indexes, oversized files. Each case: exit 1 at `file:line`,
nothing read or written outside the workspace, nothing written inside it, no temporary file."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from briefs.scaffold.new_workspace import init_workspace
from tests.conftest import run_cli

TOKEN = "CANARY-import-5d1e"
DOC = "content/first-brief"
FR = f"{DOC}/fr.yaml"
LOCK = f"{DOC}/translations.lock"
XLF = "translations/first-brief.fr.xlf"
PO = "po/first-brief.fr.po"


@dataclass
class Setting:
    root: Path
    outside: Path
    canary: Path


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new workspace with its French files exported once (XLIFF and PO)."""
    root = init_workspace(tmp_path_factory.mktemp("import") / "ws")
    for args in (("-l", "fr"), ("-l", "fr", "--format", "po", "-o", "po")):
        result = run_cli("i18n", "export", *args, workspace=root)
        assert result.exit_code == 0, result.stderr
    return root


@pytest.fixture
def setting(exported: Path, tmp_path: Path) -> Setting:
    import shutil

    root = tmp_path / "ws"
    shutil.copytree(exported, root, symlinks=True)
    outside = tmp_path / "outside"
    outside.mkdir()
    canary = outside / "secret.txt"
    canary.write_text(f"{TOKEN}\ntitle: {TOKEN}\n", encoding="utf-8")
    return Setting(root, outside, canary)


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): (p.read_bytes() if not p.is_symlink()
                                               else os.readlink(p).encode())
            for p in sorted(folder.rglob("*")) if p.is_file() or p.is_symlink()}


def replace_in(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def linked(path: Path, target: Path) -> None:
    path.unlink(missing_ok=True)
    path.symlink_to(target)


XXE = ('<?xml version="1.0"?>\n<!DOCTYPE xliff [<!ENTITY x SYSTEM "{uri}">]>\n')
PARAMETER = ('<?xml version="1.0"?>\n<!DOCTYPE xliff [<!ENTITY % p SYSTEM "{uri}"> %p;]>\n')


def with_prolog(prolog: str) -> Callable[[Setting], str]:
    def setup(s: Setting) -> str:
        path = s.root / XLF
        text = path.read_text(encoding="utf-8").split("\n", 1)[1]
        path.write_text(prolog.format(uri=s.canary.as_uri()) + text.replace(
            "Messages clés", "&x;" if "ENTITY x" in prolog else "Messages", 1),
            encoding="utf-8")
        return XLF
    return setup


def xliff(old: str, new: str) -> Callable[[Setting], str]:
    def setup(s: Setting) -> str:
        replace_in(s.root / XLF, old, new)
        return XLF
    return setup


def po(old: str, new: str) -> Callable[[Setting], str]:
    def setup(s: Setting) -> str:
        replace_in(s.root / PO, old, new)
        return PO
    return setup


def fr_linked_out(s: Setting) -> str:
    linked(s.root / FR, s.canary)
    return XLF


def lock_linked_out(s: Setting) -> str:
    linked(s.root / LOCK, s.canary)
    return XLF


def file_linked_out(s: Setting) -> str:
    linked(s.root / XLF, s.canary)
    return XLF


def file_to_dev_zero(s: Setting) -> str:
    linked(s.root / XLF, Path("/dev/zero"))
    return XLF


def file_is_fifo(s: Setting) -> str:
    (s.root / XLF).unlink()
    os.mkfifo(s.root / XLF)
    return XLF


def huge_fr_yaml(s: Setting) -> str:
    with (s.root / FR).open("a", encoding="utf-8") as stream:
        stream.write("# " + "x" * 20_000_000 + "\n")
    return XLF


def huge_file(s: Setting) -> str:
    with (s.root / XLF).open("a", encoding="utf-8") as stream:
        stream.write("<!-- " + "x" * 21_000_000 + " -->\n")
    return XLF


def lock_broken(s: Setting) -> str:
    (s.root / LOCK).write_text('{\n  "locales": {\n    "fr": }', encoding="utf-8")
    replace_in(s.root / XLF, "<target xml:space=\"preserve\">Messages clés</target>",
               "<target xml:space=\"preserve\">Messages essentiels</target>")
    return XLF


@dataclass(frozen=True)
class Case:
    id: str
    setup: Callable[[Setting], str]
    """Changes the copy; returns the file to import (relative to the workspace)."""
    where: str
    """`path:line` (or a prefix) the error must name, relative to the workspace."""


CASES = [
    Case("fr-yaml-linked-out", fr_linked_out, f"{FR}:1:1"),
    Case("lock-linked-out", lock_linked_out, f"{LOCK}:1:1"),
    Case("lock-not-json", lock_broken, f"{LOCK}:3:"),
    Case("file-linked-out", file_linked_out, f"{XLF}:1:1"),
    Case("file-to-dev-zero", file_to_dev_zero, f"{XLF}:1:1"),
    Case("file-is-a-fifo", file_is_fifo, f"{XLF}:1:1"),
    Case("file-over-20-mb", huge_file, f"{XLF}:1:1"),
    Case("fr-yaml-20-mb", huge_fr_yaml, f"{FR}:1:1"),
    Case("xxe-external-entity", with_prolog(XXE), f"{XLF}:2:"),
    Case("xxe-parameter-entity", with_prolog(PARAMETER), f"{XLF}:2:"),
    Case("xml-not-well-formed", xliff("</unit>", "</unti>"), f"{XLF}:13:"),
    Case("segment-without-source", xliff(
        '<source xml:space="preserve">Key messages</source>', ""), f"{XLF}:9:"),
    Case("unit-without-segment", xliff('<segment state="translated">\n        <source '
                                       'xml:space="preserve">Key messages</source>\n        '
                                       '<target xml:space="preserve">Messages clés</target>\n'
                                       "      </segment>", ""), f"{XLF}:4:"),
    Case("unit-id-superscript", xliff('<unit id="title"', '<unit id="messages.²"'), f"{XLF}:4:"),
    Case("unit-id-word-index", xliff('<unit id="title"', '<unit id="messages.x"'), f"{XLF}:4:"),
    Case("unit-id-huge-index", xliff('<unit id="title"', '<unit id="messages.20000000.title"'),
         f"{XLF}:4:"),
    Case("unit-id-empty", xliff('<unit id="title"', '<unit id=""'), f"{XLF}:4:"),
    Case("unknown-state", xliff('<segment state="translated">', '<segment state="done">'),
         f"{XLF}:9:"),
    Case("unknown-inline-element", xliff(">Messages clés<", "><b>Messages</b> clés<"),
         f"{XLF}:11:"),
    Case("po-context-huge-index", po('msgctxt "title"', 'msgctxt "messages[20000000].title"'),
         f"{PO}:18:"),
    Case("po-context-superscript", po('msgctxt "title"', 'msgctxt "messages[²].title"'),
         f"{PO}:18:"),
    Case("po-context-missing", po('msgctxt "title"\n', ""), f"{PO}:"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_hostile_import(case: Case, setting: Setting) -> None:
    imported = case.setup(setting)
    before = files_of(setting.root)
    outside = files_of(setting.outside)
    started = time.monotonic()
    result = run_cli("i18n", "import", str(setting.root / imported), workspace=setting.root)
    assert time.monotonic() - started < 30
    stderr = result.stderr
    assert result.exit_code == 1, stderr
    assert "internal error" not in stderr
    errors = [line for line in stderr.splitlines() if ": error: " in line]
    assert any(line.startswith(case.where) for line in errors), stderr
    assert "Nothing was written." in stderr
    assert TOKEN not in stderr + result.stdout
    assert files_of(setting.root) == before  # nothing written, no temporary file
    assert files_of(setting.outside) == outside


def test_comments_and_processing_instructions_in_a_target_are_not_text(
        setting: Setting) -> None:
    replace_in(setting.root / XLF, ">Messages clés<", "><!-- note -->Messages<?pi x?> clés<")
    result = run_cli("i18n", "import", str(setting.root / XLF), workspace=setting.root)
    assert result.exit_code == 0, result.stderr
    assert "title: Messages clés\n" in (setting.root / FR).read_text(encoding="utf-8")


def test_a_failing_second_file_leaves_the_first_unwritten(setting: Setting) -> None:
    """Every file is checked before anything is written: fr.yaml and the lock together."""
    replace_in(setting.root / XLF, ">Messages clés<", ">Messages essentiels<")
    flyer = setting.root / "translations/first-flyer.fr.xlf"
    replace_in(flyer, '<unit id="', '<unit id="nope.', 1)
    before = files_of(setting.root)
    result = run_cli("i18n", "import", str(setting.root / XLF), str(flyer),
                     workspace=setting.root)
    assert result.exit_code == 1
    assert "Nothing was written." in result.stderr
    assert files_of(setting.root) == before


def test_a_file_outside_the_workspace_named_by_the_user_is_read(setting: Setting) -> None:
    moved = setting.outside / "first-brief.fr.xlf"
    (setting.root / XLF).rename(moved)
    replace_in(moved, ">Messages clés<", ">Messages essentiels<")
    result = run_cli("i18n", "import", str(moved), workspace=setting.root)
    assert result.exit_code == 0, result.stderr
    assert "title: Messages essentiels\n" in (setting.root / FR).read_text(encoding="utf-8")


def test_a_content_folder_linked_out_is_not_written(setting: Setting) -> None:
    """A document's folder that is a link out of the workspace: refused before any write."""
    import shutil

    elsewhere = setting.outside / "first-brief"
    shutil.move(str(setting.root / DOC), elsewhere)
    (setting.root / DOC).symlink_to(elsewhere, target_is_directory=True)
    before = files_of(setting.outside)
    result = run_cli("i18n", "import", str(setting.root / XLF), workspace=setting.root)
    assert result.exit_code == 1
    assert "internal error" not in result.stderr
    assert files_of(setting.outside) == before


@pytest.mark.parametrize("folder", ["translations", "templates"])
def test_a_folder_linked_out_is_not_written_by_export(setting: Setting, folder: str) -> None:
    """`i18n export` writes translations/, `i18n update` templates/locales/messages.pot."""
    import shutil

    if (setting.root / folder).exists():
        shutil.rmtree(setting.root / folder)
    (setting.root / folder).symlink_to(setting.outside, target_is_directory=True)
    before = files_of(setting.outside)
    command = ("export", "-l", "fr") if folder == "translations" else ("update",)
    result = run_cli("i18n", *command, workspace=setting.root)
    assert result.exit_code == 1, result.stderr
    assert "outside the workspace" in result.stderr and "internal error" not in result.stderr
    assert files_of(setting.outside) == before
