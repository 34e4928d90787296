"""`build -o` and `--shard` checked before anything is built."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from briefs.cli.build_args import checked_destination, checked_shard
from briefs.core.diagnostics import BriefsError


@pytest.fixture
def root(tmp_path: Path) -> Path:
    folder = tmp_path / "ws"
    folder.mkdir()
    return folder


def test_stdout_and_plain_files_pass(root: Path, tmp_path: Path) -> None:
    assert checked_destination("-", root) is None
    assert checked_destination(str(root / "x.pdf"), root) == root / "x.pdf"
    (root / "old.pdf").write_bytes(b"old")
    assert checked_destination(str(root / "old.pdf"), root) == root / "old.pdf"
    assert checked_destination(str(tmp_path / "elsewhere.pdf"), root) == \
        tmp_path / "elsewhere.pdf"  # named on the command line, outside: the user's choice


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_a_device_is_refused(root: Path) -> None:
    device = root / "null"
    os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    with pytest.raises(BriefsError, match="is a device"):
        checked_destination(str(device), root)
    assert stat.S_ISCHR(os.lstat(device).st_mode)


def test_dev_null_is_refused(root: Path) -> None:
    with pytest.raises(BriefsError, match="is a device"):
        checked_destination("/dev/null", root)


def test_a_fifo_a_folder_and_a_link_are_refused(root: Path, tmp_path: Path) -> None:
    os.mkfifo(root / "pipe")
    (root / "folder").mkdir()
    (root / "link.pdf").symlink_to(tmp_path / "target.pdf")
    for name, what in (("pipe", "named pipe"), ("folder", "is a folder"), ("link.pdf", "link")):
        with pytest.raises(BriefsError, match=what):
            checked_destination(str(root / name), root)


def test_a_path_through_a_link_out_of_the_workspace_is_refused(root: Path,
                                                               tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (root / "dist").symlink_to(outside)
    with pytest.raises(BriefsError, match="leads out of it"):
        checked_destination(str(root / "dist" / "x.pdf"), root)
    (root / "inside").mkdir()
    (root / "alias").symlink_to(root / "inside")
    assert checked_destination(str(root / "alias" / "x.pdf"), root) == root / "alias/x.pdf"


@pytest.mark.parametrize("text", ["", "0/2", "3/2", "a/b", "1/0", "1/1000000000"])
def test_a_bad_shard_is_an_error(text: str) -> None:
    with pytest.raises(BriefsError, match="--shard takes K/N"):
        checked_shard(text)
