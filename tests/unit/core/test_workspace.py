"""Workspace: found from any folder inside it; config errors are diagnostics."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefs.content.config import load_workspace
from briefs.core.diagnostics import BriefsError


def test_found_from_a_subfolder(tmp_path: Path) -> None:
    (tmp_path / "briefs.yaml").write_text("name: w\ndefault_brand: b\n")
    (tmp_path / "content" / "doc").mkdir(parents=True)
    (tmp_path / "content" / "doc" / "document.yaml").write_text("kind: flyer\n")
    workspace = load_workspace(tmp_path / "content" / "doc")
    assert workspace.root == tmp_path.resolve()
    assert workspace.document_ids() == ["doc"]
    assert workspace.output_dir == (tmp_path / "build").resolve()


def test_config_errors_are_positioned(tmp_path: Path) -> None:
    (tmp_path / "briefs.yaml").write_text("name: w\ndefault_brand: b\nlocale: [en]\n")
    with pytest.raises(BriefsError) as caught:
        load_workspace(tmp_path)
    [diagnostic] = caught.value.diagnostics
    assert diagnostic.format(tmp_path).startswith(
        'briefs.yaml:3:1: error: unknown key "locale" (did you mean "locales"?)')
