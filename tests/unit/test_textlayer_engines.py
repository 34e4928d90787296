"""The optional fifth text-layer engine: a `mutool` binary named by BRIEFS_MUTOOL (a patched
MuPDF, docs/upstream/) runs with PyMuPDF's text flags and joins the measured engines."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from tests.textlayer import engines


def _fake_mutool(tmp_path: Path) -> Path:
    """A stand-in binary that prints the arguments it was given, one per line."""
    binary = tmp_path / "mutool"
    binary.write_text('#!/bin/sh\nfor a in "$@"; do echo "$a"; done\n', encoding="utf-8")
    binary.chmod(binary.stat().st_mode | stat.S_IXUSR)
    return binary


def test_mutool_is_an_engine_only_when_named(monkeypatch: pytest.MonkeyPatch,
                                             tmp_path: Path) -> None:
    monkeypatch.delenv("BRIEFS_MUTOOL", raising=False)
    assert "mutool" not in engines.available()
    monkeypatch.setenv("BRIEFS_MUTOOL", str(_fake_mutool(tmp_path)))
    assert engines.available()["mutool"] is engines.mutool


def test_mutool_reads_text_with_pymupdf_flags(monkeypatch: pytest.MonkeyPatch,
                                              tmp_path: Path) -> None:
    monkeypatch.setenv("BRIEFS_MUTOOL", str(_fake_mutool(tmp_path)))
    pdf = tmp_path / "doc.pdf"
    assert engines.mutool(pdf).splitlines() == [
        "draw", "-q", "-F", "txt", "-O",
        "preserve-ligatures,preserve-whitespace,use-cid-for-unknown-unicode", "-o", "-", str(pdf)]
