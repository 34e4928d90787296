"""A build session: what it warns about before anything is built."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefs.content.config import load_workspace
from briefs.pipeline.request import BuildOptions
from briefs.pipeline.session import BuildSession
from briefs.render import bytecode
from briefs.scaffold.new_workspace import init_workspace


@pytest.mark.parametrize(("given", "warned"), [("secret", True), ("0123456789abcdef" * 2, False),
                                               (None, False)])
def test_a_cache_key_too_short_to_be_used_is_a_warning(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, given: str | None,
        warned: bool) -> None:
    """A CI secret that keeps nothing is said, not silently ignored (docs/ci.md)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    if given is None:
        monkeypatch.delenv(bytecode.KEY_VARIABLE, raising=False)
    else:
        monkeypatch.setenv(bytecode.KEY_VARIABLE, given)
    bytecode.signing_key.cache_clear()
    try:
        session = BuildSession(load_workspace(init_workspace(tmp_path / "ws")))
        said = [item.message for item in session.diagnostics.warnings]
        assert any(bytecode.KEY_VARIABLE in message for message in said) is warned
        quiet = BuildSession(session.workspace, BuildOptions(writes=False))
        assert not any(bytecode.KEY_VARIABLE in item.message
                       for item in quiet.diagnostics.warnings)
    finally:
        bytecode.signing_key.cache_clear()
