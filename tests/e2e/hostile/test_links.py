"""Links that would point at a file or hide a scheme (issue 20): refused in url fields at
`path:line` (Markdown's links: tests/unit/content/test_markdown.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_cli

FLYER = "content/first-flyer/document.yaml"
GOOD = "url: https://example.org/open-afternoon"

BAD_URLS = {
    "protocol-relative": "//evil.example/x",
    "root-path": "/etc/passwd",
    "tab-in-scheme": '"java\\tscript:alert(1)"',
    "control-before-scheme": '"\\x01javascript:alert(1)"',
    "newline-in-scheme": '"javascript\\n:alert(1)"',
    "zero-width-in-scheme": '"jav\\u200bascript:alert(1)"',
    "upper-case-scheme": "JAVASCRIPT:alert(1)",
    "file": "file:///etc/passwd",
}


@pytest.mark.parametrize("command", ["check", "build"])
@pytest.mark.parametrize("name", sorted(BAD_URLS))
def test_a_url_field_that_is_no_web_address_is_refused(name: str, command: str,
                                                       small: Path) -> None:
    path = small / FLYER
    text = path.read_text(encoding="utf-8")
    assert GOOD in text
    lines = text[:text.index(GOOD)].count("\n") + 1
    path.write_text(text.replace(GOOD, f"url: {BAD_URLS[name]}"), encoding="utf-8")
    result = run_cli(command, "first-flyer", "-l", "en", workspace=small)
    assert result.exit_code == 1, result.stderr
    assert f"{FLYER}:{lines}:" in result.stderr, result.stderr
    assert "internal error" not in result.stderr
    assert not (small / "build" / "first-flyer").exists()

