"""The preview's watcher: editor temporary files are neither a build nor a line in the log."""

from __future__ import annotations

from pathlib import Path

import pytest
from watchfiles import Change

from briefs.preview.watcher import SourceFilter


@pytest.mark.parametrize("name", [
    "4913", "#en.yaml#", ".#en.yaml", "en.yaml~", ".en.yaml.swp", "en.yaml.swx", "~$brief.docx",
    "en.yaml.tmp", "brand.css.bak", "en.yaml.orig", "en.yaml.save", "en.yaml.save.1",
    "sedA1b2C3", "en.yaml.kate-swp", "en.yaml.Xy12ab", ".goutputstream-AB12CD",
    "en.yaml___jb_tmp___", ".~lock.brief.odt#",
])
def test_editor_temporary_files_are_ignored(tmp_path: Path, name: str) -> None:
    source_filter = SourceFilter(tmp_path / "build")
    assert not source_filter(Change.added, str(tmp_path / "content" / "doc" / name))


@pytest.mark.parametrize("name", [
    "en.yaml", "fr_FR.yaml", "document.yaml", "brand.css", "cover.jpg", "2026-photo.png",
    "messages.po", "base.html.j2", "NotoSans-Regular.ttf",
])
def test_sources_are_watched(tmp_path: Path, name: str) -> None:
    source_filter = SourceFilter(tmp_path / "build")
    assert source_filter(Change.modified, str(tmp_path / "content" / "doc" / name))
