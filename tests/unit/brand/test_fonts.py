"""Installed faces are remembered while nothing about them changed, and asked again after."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefs.brand import fonts
from briefs.brand.fonts import InstalledFace, find_installed_face, look_up_installed_faces
from tests.kept import Facts


@pytest.fixture
def fake_fontconfig(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[tuple[str, int]]:
    """fc-match answered from a list (each call recorded), font folders under tmp_path."""
    asked: list[tuple[str, int]] = []
    face_file = tmp_path / "Face.ttf"
    face_file.write_bytes(b"\x00\x01\x00\x00")

    def match(name: str, weight: int, italic: bool, package: str | None) -> InstalledFace:
        asked.append((name, weight))
        if name == "Missing":
            raise fonts.FontProblem("not installed")
        return InstalledFace(face_file, 0)

    monkeypatch.setattr(fonts, "_match_installed_face", match)
    monkeypatch.setattr(fonts, "_FOUND", {})
    monkeypatch.setattr(fonts, "FONT_FOLDERS", (str(tmp_path / "cache"),))
    return asked


def test_a_face_found_is_remembered_until_a_font_is_installed(
        fake_fontconfig: list[tuple[str, int]], tmp_path: Path) -> None:
    find_installed_face("Sans", 700, False, None)
    find_installed_face("Sans", 700, False, None)
    assert fake_fontconfig == [("Sans", 700)]
    (tmp_path / "cache").mkdir()  # fontconfig's cache changed: a font was installed
    find_installed_face("Sans", 700, False, None)
    assert fake_fontconfig == [("Sans", 700), ("Sans", 700)]


def test_faces_are_looked_up_at_once_and_a_missing_one_is_asked_again(
        fake_fontconfig: list[tuple[str, int]]) -> None:
    look_up_installed_faces([("Sans", 400, False, None), ("Sans", 700, False, None),
                             ("Missing", 400, False, None), ("Sans", 400, False, None)])
    assert sorted(fake_fontconfig) == [("Missing", 400), ("Sans", 400), ("Sans", 700)]
    with pytest.raises(fonts.FontProblem):
        find_installed_face("Missing", 400, False, None)
    find_installed_face("Sans", 400, False, None)
    assert len(fake_fontconfig) == 4  # the missing one again, the found one remembered



def test_a_face_this_process_found_is_kept_in_a_build_that_lacks_it(
        fake_fontconfig: list[tuple[str, int]], monkeypatch: pytest.MonkeyPatch) -> None:
    """A long-lived process (a server, the preview, the test suite) found the faces before:
    a build with facts that do not hold them (a new workspace, or fontconfig's folders
    changed since they were kept) keeps them, from memory, so that the next process asks
    fontconfig nothing. Each face is asked once in all."""
    faces = [("Sans", 400, False, None), ("Sans", 700, False, None), ("Serif", 400, False, None)]
    look_up_installed_faces(faces)  # no facts: remembered by the process only
    find_installed_face("Mono", 400, False, None)
    assert len(fake_fontconfig) == 4
    facts = Facts()
    look_up_installed_faces(faces, facts)
    for face in [*faces, ("Mono", 400, False, None)]:
        find_installed_face(*face, facts=facts)
    assert len(facts.kept) == 4
    assert len(fake_fontconfig) == 4  # kept from memory, not asked again
    monkeypatch.setattr(fonts, "_FOUND", {})  # the next build's process
    look_up_installed_faces(faces, facts)
    for face in [*faces, ("Mono", 400, False, None)]:
        find_installed_face(*face, facts=facts)
    assert len(fake_fontconfig) == 4


def test_faces_kept_are_written_once_and_a_missing_one_is_asked_once_per_look_up(
        fake_fontconfig: list[tuple[str, int]]) -> None:
    """The look-up at once keeps what its threads found without asking again, and writes a
    kept face only when the facts do not hold it already."""
    writes: list[object] = []

    class Counted(Facts):
        def remember(self, parts: object, data: bytes) -> None:
            writes.append(parts)
            super().remember(parts, data)

    facts = Counted()
    faces = [("Sans", 400, False, None), ("Sans", 700, False, None),
             ("Missing", 400, False, None)]
    look_up_installed_faces(faces, facts)
    assert sorted(fake_fontconfig) == [("Missing", 400), ("Sans", 400), ("Sans", 700)]
    assert len(writes) == 2
    for face in faces[:2]:
        find_installed_face(*face, facts=facts)
    assert len(writes) == 2 and len(fake_fontconfig) == 3


def test_a_face_remembered_is_asked_again_when_fontconfig_is_set_up_otherwise(
        fake_fontconfig: list[tuple[str, int]], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Remembered by the process by the same rule as kept between builds: fontconfig's
    configuration changed (an alias, a preferred family), the face is asked for again."""
    monkeypatch.setattr(fonts, "FONTCONFIG_SETUP", (str(tmp_path / "conf.d"),))
    find_installed_face("Sans", 400, False, None)
    find_installed_face("Sans", 400, False, None)
    assert len(fake_fontconfig) == 1
    (tmp_path / "conf.d").mkdir()
    find_installed_face("Sans", 400, False, None)
    assert len(fake_fontconfig) == 2


def test_a_face_found_is_kept_between_builds_until_its_file_or_the_fonts_change(
        fake_fontconfig: list[tuple[str, int]], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A cold build (a new process: nothing remembered) asks fontconfig nothing for a face the
    last build found, while the face's file and fontconfig's folders are as they were."""
    facts = Facts()
    look_up_installed_faces([("Sans", 400, False, None), ("Sans", 700, False, None)], facts)
    assert sorted(fake_fontconfig) == [("Sans", 400), ("Sans", 700)]
    assert len(facts.kept) == 2
    monkeypatch.setattr(fonts, "_FOUND", {})  # the next build's process
    look_up_installed_faces([("Sans", 400, False, None), ("Sans", 700, False, None)], facts)
    found = find_installed_face("Sans", 700, False, None, facts)
    assert found == InstalledFace(tmp_path / "Face.ttf", 0)
    assert len(fake_fontconfig) == 2  # nothing asked again

    monkeypatch.setattr(fonts, "_FOUND", {})
    (tmp_path / "Face.ttf").write_bytes(b"\x00\x01\x00\x00 replaced")  # another file
    find_installed_face("Sans", 700, False, None, facts)
    assert len(fake_fontconfig) == 3
    monkeypatch.setattr(fonts, "_FOUND", {})
    (tmp_path / "cache").mkdir()  # a font was installed: the kept answers do not hold
    find_installed_face("Sans", 700, False, None, facts)
    assert len(fake_fontconfig) == 4


def test_a_missing_face_is_not_kept_and_a_damaged_record_is_asked_again(
        fake_fontconfig: list[tuple[str, int]], monkeypatch: pytest.MonkeyPatch) -> None:
    facts = Facts()
    with pytest.raises(fonts.FontProblem):
        find_installed_face("Missing", 400, False, None, facts)
    assert facts.kept == {}
    find_installed_face("Sans", 400, False, None, facts)
    for key in facts.kept:
        facts.kept[key] = b'{"path": "relative.ttf", "index": 0, "version": [4, 0]}'
    monkeypatch.setattr(fonts, "_FOUND", {})
    find_installed_face("Sans", 400, False, None, facts)
    assert fake_fontconfig == [("Missing", 400), ("Sans", 400), ("Sans", 400)]


def test_an_answer_planted_in_the_workspace_cache_is_not_believed(
        fake_fontconfig: list[tuple[str, int]], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A workspace's own build/.cache (committed, or restored from another branch's CI
    cache) cannot point a face at another file: an answer is used only when signed with this
    user's key."""
    from briefs.output.writer import Writer
    from briefs.render.signed_store import SignedStore

    output = tmp_path / "build"
    folder = output / ".cache" / "facts"
    planted = tmp_path / "planted.ttf"
    planted.write_bytes(b"\x00\x01\x00\x00 not the face")
    forger = SignedStore(folder, Writer(output), b"f" * 32, ".json")
    fonts._remember(fonts._facts_key(("Sans", 400, False)), InstalledFace(planted, 0),
                   forger)
    assert len(list(folder.iterdir())) == 1
    users = SignedStore(folder, Writer(output), b"u" * 32, ".json")
    found = find_installed_face("Sans", 400, False, None, users)
    assert found == InstalledFace(tmp_path / "Face.ttf", 0)
    assert fake_fontconfig == [("Sans", 400)]  # asked, not taken from the planted file


def test_a_kept_answer_naming_no_possible_file_is_asked_again(
        fake_fontconfig: list[tuple[str, int]], monkeypatch: pytest.MonkeyPatch) -> None:
    """A record read back from build/.cache is data: a path no file can have (a NUL in it)
    is a record to ignore, not a traceback."""
    facts = Facts()
    find_installed_face("Sans", 400, False, None, facts)
    for key in facts.kept:
        facts.kept[key] = b'{"path": "/fonts/a\\u0000b.ttf", "index": 0, "version": [4, 0]}'
    monkeypatch.setattr(fonts, "_FOUND", {})
    find_installed_face("Sans", 400, False, None, facts)
    assert fake_fontconfig == [("Sans", 400), ("Sans", 400)]
