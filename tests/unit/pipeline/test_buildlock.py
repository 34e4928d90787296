"""One build at a time per output folder; leftovers cleared by the build that holds it."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from briefs.output.writer import WriteError
from briefs.pipeline.buildlock import LOCK_NAME, build_lock


def test_a_second_build_waits_says_so_and_fails_clearly(tmp_path: Path) -> None:
    said: list[str] = []
    holding, release = threading.Event(), threading.Event()

    def first() -> None:
        with build_lock(tmp_path, said.append):
            holding.set()
            release.wait(10)

    thread = threading.Thread(target=first)
    thread.start()
    holding.wait(10)
    with pytest.raises(WriteError, match=r"another build has held the build lock for 0\.1 s"), \
            build_lock(tmp_path, said.append, wait=0.1):
        pass
    assert said == ["waiting for another build of this workspace to finish (it holds .lock "
                    "in the output folder)"]
    release.set()
    thread.join()
    with build_lock(tmp_path, said.append, wait=0.1):
        pass  # free again


def test_leftover_temporary_files_are_removed_under_the_lock(tmp_path: Path) -> None:
    (tmp_path / "doc").mkdir()
    leftover = tmp_path / "doc" / ".doc.en.pdf.abcd1234.tmp"
    leftover.write_bytes(b"half")
    kept = tmp_path / "doc" / "notes.tmp"
    kept.write_bytes(b"mine")
    with build_lock(tmp_path, lambda message: None):
        assert not leftover.exists() and kept.exists()


def test_the_sweep_leaves_the_preview_page_images_alone(tmp_path: Path) -> None:
    """The preview writes a page image when a browser asks, outside any build: a `briefs
    build` taking the lock then must not remove the image's temporary file under it."""
    images = tmp_path / ".cache" / "preview" / "0123abcd"
    images.mkdir(parents=True)
    writing = images / ".1-full.png.abcd1234.tmp"
    writing.write_bytes(b"half")
    cached = tmp_path / ".cache" / ".cache.json.abcd1234.tmp"
    cached.write_bytes(b"half")
    with build_lock(tmp_path, lambda message: None):
        assert writing.exists() and not cached.exists()


def test_a_lock_file_that_is_a_link_is_never_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("precious")
    folder = tmp_path / "build"
    folder.mkdir()
    (folder / LOCK_NAME).symlink_to(outside)
    with build_lock(folder, lambda message: None):
        pass
    assert outside.read_text() == "precious"
