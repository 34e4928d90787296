"""Safe paths: the checked read (links out refused before reading, only regular files of
bounded size read, judged on the file actually opened), and "did you mean" from inside the
workspace only."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefs.core.paths import RefusedPath, nearest_file, read_bytes, read_regular, resolve_inside


def test_a_link_out_is_refused(tmp_path: Path) -> None:
    root, outside = tmp_path / "ws", tmp_path / "secret.txt"
    root.mkdir()
    outside.write_text("secret")
    (root / "a.yaml").symlink_to(outside)
    with pytest.raises(RefusedPath, match="points outside"):
        read_bytes(root / "a.yaml", [root])


@pytest.mark.parametrize("target", ["/dev/zero", "/dev/null"])
def test_a_device_is_refused_even_through_a_link_inside(tmp_path: Path, target: str) -> None:
    (tmp_path / "zero").symlink_to(target)
    with pytest.raises(RefusedPath, match="not a regular file"):
        read_bytes(tmp_path / "zero", [tmp_path, Path("/dev")], limit=1000)


def test_a_fifo_and_a_folder_are_refused_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "folder").mkdir()
    for name in ("pipe", "folder"):
        with pytest.raises(RefusedPath, match="not a regular file"):
            read_regular(tmp_path / name, 1000)


def test_the_size_is_checked_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big"
    with big.open("wb") as stream:
        stream.truncate(50_000_000)  # sparse: reading it would cost, checking it does not
    with pytest.raises(RefusedPath, match="over the 1000-byte limit"):
        read_regular(big, 1000)
    assert read_regular(tmp_path / "big", None)[:1] == b"\0"


def test_a_wrong_case_or_close_name_is_suggested(tmp_path: Path) -> None:
    (tmp_path / "doc" / "images").mkdir(parents=True)
    (tmp_path / "doc" / "images" / "cover.svg").write_text("<svg/>")
    base = tmp_path / "doc"
    assert nearest_file(tmp_path, base, "Images/Cover.SVG") == "images/cover.svg"
    assert nearest_file(tmp_path, base, "images/covr.svg") == "images/cover.svg"
    assert nearest_file(tmp_path, base, "images/portrait.jpg") is None
    with pytest.raises(RefusedPath, match=r'did you mean "images/cover\.svg"'):
        resolve_inside(tmp_path, base, "images/Cover.svg")


def test_nothing_outside_the_workspace_is_listed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.svg").write_text("<svg/>")
    root = tmp_path / "ws"
    (root / "doc").mkdir(parents=True)
    (root / "doc" / "images").symlink_to(outside)
    assert nearest_file(root, root / "doc", "images/Secret.svg") is None
    assert nearest_file(root, root / "doc", "../../outside/Secret.svg") is None


def test_a_refused_url_says_why_apart_from_the_url(tmp_path: Path) -> None:
    from briefs.core.paths import Mounts

    mounts = Mounts.of(tmp_path)
    with pytest.raises(RefusedPath) as refused:
        mounts.path("file:///briefs-workspace/styles/a: b.css")  # a URL holding ": "
    assert refused.value.reason == "file not found"
    assert str(refused.value) == "file:///briefs-workspace/styles/a: b.css: file not found"
    with pytest.raises(RefusedPath) as remote:
        mounts.path("https://example.org/x.css")
    assert remote.value.reason.startswith("network and https URLs are not allowed")
    assert RefusedPath("plain").reason == "plain"


def test_too_large_names_the_file_and_limit_and_pickles(tmp_path: Path) -> None:
    import pickle

    from briefs.core.paths import TooLarge

    (tmp_path / "big.yaml").write_bytes(b"x" * 20)
    with pytest.raises(TooLarge) as raised:
        read_regular(tmp_path / "big.yaml", 10)
    assert (raised.value.name, raised.value.limit) == ("big.yaml", 10)
    assert str(raised.value) == "big.yaml is over the 10-byte limit"
    again = pickle.loads(pickle.dumps(raised.value))
    assert (again.name, again.limit, str(again)) == ("big.yaml", 10, str(raised.value))
