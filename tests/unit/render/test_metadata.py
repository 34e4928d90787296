"""Metadata dates: SOURCE_DATE_EPOCH, then content, then git; never the clock."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest

from briefs.render.metadata import document_dates


def test_source_date_epoch_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert document_dates(tmp_path, dt.date(2020, 1, 1)) == (
        "2023-11-14T22:13:20+00:00", "2023-11-14T22:13:20+00:00")


def test_published_date_from_content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert document_dates(tmp_path, dt.date(2025, 11, 6)) == (
        "2025-11-06T00:00:00+00:00", "2025-11-06T00:00:00+00:00")


def test_nothing_known_means_no_dates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert document_dates(tmp_path, None) == (None, None)


def test_git_commit_date(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    env = {"GIT_AUTHOR_DATE": "2024-05-06T07:08:09+00:00",
           "GIT_COMMITTER_DATE": "2024-05-06T07:08:09+00:00", "HOME": str(tmp_path),
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@e", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@e", "PATH": "/usr/bin:/bin"}
    (tmp_path / "doc").mkdir()
    (tmp_path / "doc" / "en.yaml").write_text("a: b\n")
    for command in (["git", "init", "-q"], ["git", "add", "."], ["git", "commit", "-qm", "x"]):
        subprocess.run(command, cwd=tmp_path, env=env, check=True)
    assert document_dates(tmp_path / "doc", None) == (
        "2024-05-06T07:08:09+00:00", "2024-05-06T07:08:09+00:00")
