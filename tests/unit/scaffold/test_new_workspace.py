"""Scaffold: `init` copies a workspace that builds; `new` writes commented starters."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefs.content.config import load_workspace
from briefs.core.diagnostics import BriefsError
from briefs.kinds.key_messages import KIND as KEY_MESSAGES
from briefs.scaffold.document import new_document
from briefs.scaffold.new_workspace import eject_assets, init_workspace


def test_init_full_creates_the_sample_workspace(tmp_path: Path) -> None:
    root = init_workspace(tmp_path / "team", template="full")
    for part in ("briefs.yaml", "content", "styles", ".gitignore"):
        assert (root / part).exists()
    assert not (root / "templates").exists()  # built-in templates come from briefs itself
    workspace = load_workspace(root)
    assert workspace.document_ids() == ["forum-key-messages", "river-dialogue-flyer",
                                        "urban-water-fact-sheet", "water-access-policy-brief"]
    assert workspace.brand_ids() == ["civic-blue", "field-green"]


def test_init_small_is_the_default(tmp_path: Path) -> None:
    root = init_workspace(tmp_path / "team")
    workspace = load_workspace(root)
    assert workspace.document_ids() == ["first-brief", "first-flyer"]
    assert workspace.brand_ids() == ["team"]
    assert workspace.config.locales == ["en", "fr"]
    for doc in workspace.document_ids():
        assert {p.name for p in (root / "content" / doc).glob("*.yaml")} == \
            {"document.yaml", "en.yaml", "fr.yaml"}
    assert (root / "styles/team/fonts/NotoSans-Regular.ttf").is_file()
    assert (root / "styles/team/fonts/LICENSE.txt").is_file()


def test_init_blank_has_a_brand_and_no_documents(tmp_path: Path) -> None:
    root = init_workspace(tmp_path / "team", template="blank")
    workspace = load_workspace(root)
    assert workspace.document_ids() == [] and workspace.brand_ids() == ["team"]


def test_init_refuses_an_unknown_template(tmp_path: Path) -> None:
    with pytest.raises(BriefsError, match='no template "huge"'):
        init_workspace(tmp_path, template="huge")


def test_init_refuses_to_mix_with_existing_files(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    with pytest.raises(BriefsError, match="already has content"):
        init_workspace(tmp_path)


def test_new_uses_source_locale_and_default_brand(tmp_path: Path) -> None:
    root = init_workspace(tmp_path / "ws")
    folder = new_document(load_workspace(root), "climate-forum", KEY_MESSAGES)
    assert sorted(p.name for p in folder.iterdir()) == ["document.yaml", "en.yaml", "images"]
    settings = (folder / "document.yaml").read_text()
    assert "brand: team" in settings and "{{" not in settings
    assert settings.lstrip().startswith("#")  # commented starter


def test_eject_copies_every_built_in_file_once(tmp_path: Path) -> None:
    root = init_workspace(tmp_path / "ws")
    copied = eject_assets(root)
    names = {path.relative_to(root).as_posix() for path in copied}
    assert {"templates/base.html.j2", "templates/key-messages.html.j2",
            "templates/flyer.html.j2", "templates/fact-sheet.html.j2",
            "styles/common/base.css", "styles/common/flyer.css",
            "templates/locales/fr/LC_MESSAGES/messages.po"} <= names
    assert eject_assets(root) == []  # nothing is overwritten


def disk_full_after(monkeypatch: pytest.MonkeyPatch, copies: int) -> None:
    """Every file copy after the first `copies` fails as on a full disk."""
    import errno
    import shutil

    real = shutil.copyfile  # what copy2 and copytree call for each file's bytes
    done = [0]

    def copyfile(source: object, destination: object, **options: object) -> object:
        done[0] += 1
        if done[0] > copies:
            raise OSError(errno.ENOSPC, "No space left on device", str(destination))
        return real(source, destination, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(shutil, "copyfile", copyfile)


def files_under(root: Path) -> list[str]:
    return sorted(path.relative_to(root).as_posix() for path in root.rglob("*"))


def test_init_on_a_full_disk_is_a_clear_error_and_leaves_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    disk_full_after(monkeypatch, 5)
    with pytest.raises(BriefsError, match=r"cannot create a workspace in .*: the disk is full "
                                          r"\(no space left on device\); free some space and "
                                          r"try again \(.*\); nothing was left behind"):
        init_workspace(tmp_path)
    assert files_under(tmp_path) == ["notes.txt"]  # what was there before stays
    with pytest.raises(BriefsError, match="nothing was left behind"):
        init_workspace(tmp_path / "new" / "team")
    assert files_under(tmp_path) == ["notes.txt"]  # folders it would have made are gone too


def test_init_where_a_file_stands_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(BriefsError, match="Not a directory"):
        init_workspace(tmp_path / "file" / "team")
    assert files_under(tmp_path) == ["file"]


def test_new_and_eject_on_a_full_disk_leave_the_workspace_as_it_was(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = init_workspace(tmp_path / "ws")
    before = files_under(root)
    disk_full_after(monkeypatch, 3)
    with pytest.raises(BriefsError, match="cannot copy briefs' built-in files"):
        eject_assets(root)
    assert files_under(root) == before
    with pytest.raises(BriefsError, match='cannot create document "climate-forum"'):
        new_document(load_workspace(root), "climate-forum", KEY_MESSAGES)  # copies its images
    assert files_under(root) == before


def test_a_starter_from_a_kind_schema_gets_room_for_its_pages(tmp_path: Path) -> None:
    """`briefs new` for a workspace kind whose page limit is a setting wrote `max_pages: 1`
    (the sample of any number), and its starter then failed to build."""
    from briefs.core.diagnostics import Diagnostics
    from briefs.kinds.spec import load_kind
    from briefs.scaffold.document import starter_files

    folder = tmp_path / "kinds" / "report"
    folder.mkdir(parents=True)
    (folder / "kind.yaml").write_text(
        "description: A report\npages: {setting: max_pages}\nsettings:\n"
        "  max_pages: {type: number, minimum: 1, maximum: 3}\n  copies: number\n"
        "text:\n  title: {type: text, required: true}\n")
    (folder / "template.html.j2").write_text("{{ text.title }}")
    (folder / "style.css").write_text("")
    kind = load_kind(folder, Diagnostics(), set(), roots=(tmp_path,), origin="workspace")
    assert kind is not None
    document = str(starter_files(kind)["document.yaml"])
    assert "max_pages: 3" in document.splitlines() and "copies: 1" in document.splitlines()
