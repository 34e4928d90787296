"""A translator's file or a locale file over its limit is named with the limit, from the
typed refusal (TooLarge's name and limit), never by rewriting its message."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from briefs.content import loader
from briefs.core.diagnostics import Diagnostics
from briefs.core.paths import RefusedPath, TooLarge
from briefs.i18n import importing, translated_files


def test_a_translators_file_over_the_limit(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(translated_files, "MAX_FILE_BYTES", 3_000_000)
    big = tmp_path / "fr.xlf"
    big.write_bytes(b"x" * 3_000_001)
    diagnostics = Diagnostics()
    assert translated_files.read_file(big, (tmp_path,), diagnostics) is None
    assert [d.message for d in diagnostics] == ["fr.xlf is over the 3 MB limit"]


def test_a_locale_file_over_the_content_limit(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader, "MAX_FILE_BYTES", 10)
    path = tmp_path / "fr.yaml"
    path.write_text("title: far too long\n")

    def read_bytes(file: Path, limit: int) -> bytes:
        raise TooLarge(file.name, limit)

    diagnostics = Diagnostics()
    usable, text = importing._existing(SimpleNamespace(read_bytes=read_bytes), path,
                                       diagnostics)
    assert (usable, text) == (False, None)
    assert [d.message for d in diagnostics] == [
        "fr.yaml is over the 10-byte limit for content files"]

    def refuse(file: Path, limit: int) -> bytes:
        raise RefusedPath("fr.yaml points outside the workspace")

    diagnostics = Diagnostics()
    importing._existing(SimpleNamespace(read_bytes=refuse), path, diagnostics)
    assert [d.message for d in diagnostics] == ["fr.yaml points outside the workspace"]
