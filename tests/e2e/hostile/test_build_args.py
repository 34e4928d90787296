"""`build --shard` and `build -o` with values an untrusted script or a slip of the hand gives
(issue 20): exit 1 with a message, nothing built, nothing replaced; `-o -` stays stdout."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tests.conftest import run_cli

BAD_SHARDS = ["", "0/2", "3/2", "a/b", "1/0", "1/1000000000", "1/1001", "\u00b2/2"]


@pytest.mark.parametrize("shard", BAD_SHARDS)
def test_a_bad_shard_is_exit_1_before_anything_is_built(shard: str, small: Path) -> None:
    result = run_cli("build", "--shard", shard, workspace=small)
    assert result.exit_code == 1, result.stderr
    assert "error: --shard takes K/N with 1 <= K <= N <= 1000" in result.stderr
    assert "internal error" not in result.stderr
    assert not (small / "build").exists()


def _device(path: Path) -> None:
    os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))


CASES = {
    "device": (_device, "is a device"),
    "fifo": (lambda path: os.mkfifo(path), "named pipe"),
    "folder": (lambda path: path.mkdir(), "is a folder"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_o_refuses_what_is_not_a_file(name: str, small: Path, tmp_path: Path) -> None:
    if name == "device" and os.geteuid() != 0:
        pytest.skip("making a device node needs root")
    make, message = CASES[name]
    target = tmp_path / f"out-{name}"
    make(target)
    mode = os.lstat(target).st_mode
    result = run_cli("build", "first-flyer", "-l", "en", "-o", str(target), workspace=small)
    assert result.exit_code == 1, result.stderr
    assert message in result.stderr and "internal error" not in result.stderr
    assert os.lstat(target).st_mode == mode  # the node is still what it was
    assert not (small / "build").exists()  # refused before anything was built
    assert not list(tmp_path.glob(".out-*.tmp"))


def test_o_refuses_a_link_out_of_the_workspace(small: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (small / "dist").symlink_to(outside)
    result = run_cli("build", "first-flyer", "-l", "en", "-o", str(small / "dist" / "f.pdf"),
                     workspace=small)
    assert result.exit_code == 1, result.stderr
    assert "a link in the workspace leads out of it" in result.stderr
    assert list(outside.iterdir()) == []
    (small / "last.pdf").symlink_to(outside / "victim.pdf")
    result = run_cli("build", "first-flyer", "-l", "en", "-o", str(small / "last.pdf"),
                     workspace=small)
    assert result.exit_code == 1, result.stderr
    assert "is a link" in result.stderr
    assert list(outside.iterdir()) == []


def test_o_writes_a_file_and_dash_is_stdout(small: Path, tmp_path: Path) -> None:
    target = tmp_path / "flyer.pdf"
    result = run_cli("build", "first-flyer", "-l", "en", "-o", str(target), workspace=small)
    assert result.exit_code == 0, result.stderr
    assert target.read_bytes().startswith(b"%PDF")
    streamed = run_cli("build", "first-flyer", "-l", "en", "-o", "-", workspace=small)
    assert streamed.exit_code == 0, streamed.stderr
    assert streamed.stdout_bytes == target.read_bytes()
