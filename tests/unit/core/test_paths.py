"""The checked read: links out refused before reading, and only regular files of bounded
size read, judged on the file actually opened."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefs.core.paths import RefusedPath, read_bytes, read_regular


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
