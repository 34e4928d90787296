"""`serve --open` where no browser can be opened says so, with the address to open."""

from __future__ import annotations

import webbrowser
from types import SimpleNamespace
from typing import Any

import pytest

from briefs.preview.http import open_when_started


@pytest.mark.parametrize("outcome", [False, webbrowser.Error("could not locate runnable browser")])
def test_no_browser_is_said(monkeypatch: pytest.MonkeyPatch, outcome: Any) -> None:
    def no_browser(url: str) -> bool:
        if isinstance(outcome, Exception):
            raise outcome
        return bool(outcome)

    monkeypatch.setattr(webbrowser, "open", no_browser)
    lines: list[str] = []
    open_when_started(SimpleNamespace(started=True), "http://127.0.0.1:8000/",  # type: ignore[arg-type]
                      lines.append)
    assert lines == ["No web browser found to open; open http://127.0.0.1:8000/ in a browser "
                     "yourself (or set the BROWSER environment variable to one)."]


def test_an_opened_browser_is_not_mentioned(monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url: opened.append(url) or True)
    lines: list[str] = []
    open_when_started(SimpleNamespace(started=True), "http://127.0.0.1:8000/doc/x",  # type: ignore[arg-type]
                      lines.append)
    assert opened == ["http://127.0.0.1:8000/doc/x"] and lines == []
