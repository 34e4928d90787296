"""A server's name changes with what a build depends on, and nothing else."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from briefs.server.address import NoPrivateFolder, server_folder, server_key

BASE = {"PATH": "/usr/bin", "HOME": "/home/a", "LANG": "en_US.UTF-8"}


def test_per_build_and_unrelated_variables_do_not_change_the_name() -> None:
    same = [{**BASE, "NO_COLOR": "1", "COLUMNS": "80", "TERM": "xterm", "CI": "true"},
            {**BASE, "WINDOWID": "42", "SSH_TTY": "/dev/pts/1"},
            {**BASE, "BRIEFS_SERVER": "1"}]
    assert {server_key(env) for env in same} == {server_key(BASE)}


@pytest.mark.parametrize("change", [{"LANG": "fr_FR.UTF-8"}, {"PATH": "/opt/bin"},
                                    {"FONTCONFIG_FILE": "/x"}, {"XDG_DATA_HOME": "/d"},
                                    {"PYTHONPATH": "/p"}, {"LC_ALL": "C"}, {"HOME": "/b"},
                                    # read by the build (dates), which the server runs in its
                                    # own environment: never rewritten per request
                                    {"SOURCE_DATE_EPOCH": "1"}])
def test_what_a_build_may_depend_on_changes_the_name(change: dict[str, str]) -> None:
    assert server_key({**BASE, **change}) != server_key(BASE)


def test_the_umask_changes_the_name() -> None:
    before = server_key(BASE)
    mask = os.umask(0o077)
    try:
        assert server_key(BASE) != before
    finally:
        os.umask(mask)


def test_the_script_folder_or_current_folder_does_not_change_the_name(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    before = server_key(BASE)
    monkeypatch.setattr(sys, "path", [str(tmp_path), *sys.path[1:]])
    (tmp_path / "new-file").write_text("x")
    assert server_key(BASE) == before


def test_a_changed_toolkit_file_changes_the_name(monkeypatch: pytest.MonkeyPatch,
                                                  tmp_path: Path) -> None:
    from briefs.server import address

    (tmp_path / "a.py").write_text("x = 1\n")
    monkeypatch.setattr(address, "PACKAGE_DIR", tmp_path)
    before = server_key(BASE)
    (tmp_path / "a.py").write_text("x = 22\n")
    assert server_key(BASE) != before


def test_sockets_live_in_a_private_folder(monkeypatch: pytest.MonkeyPatch,
                                          tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    with pytest.raises(FileNotFoundError):  # a build does not make it; `server start` does
        server_folder()
    folder = server_folder(create=True)
    assert folder == tmp_path / "briefs" and folder.stat().st_mode & 0o777 == 0o700
    folder.chmod(0o755)  # another user could reach in: no server is used
    with pytest.raises(NoPrivateFolder):
        server_folder()


def test_a_socket_path_too_long_for_the_system_is_refused_clearly(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from briefs.server.address import socket_path

    deep = tmp_path / ("x" * 80)
    deep.mkdir()
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(deep))
    with pytest.raises(OSError, match=r"too long for a socket.*XDG_RUNTIME_DIR"):
        socket_path(create=True)
