"""Safe paths: a missing file gets "did you mean" from inside the workspace only."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefs.core.paths import RefusedPath, nearest_file, resolve_inside


def test_a_wrong_case_or_close_name_is_suggested(tmp_path: Path) -> None:
    (tmp_path / "doc" / "images").mkdir(parents=True)
    (tmp_path / "doc" / "images" / "cover.svg").write_text("<svg/>")
    base = tmp_path / "doc"
    assert nearest_file(tmp_path, base, "Images/Cover.SVG") == "images/cover.svg"
    assert nearest_file(tmp_path, base, "images/covr.svg") == "images/cover.svg"
    assert nearest_file(tmp_path, base, "images/portrait.jpg") is None
    with pytest.raises(RefusedPath, match=r'did you mean "images/cover\.svg"'):
        resolve_inside(tmp_path, base, "images/Cover.svg")


def test_nothing_outside_the_workspace_is_listed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.svg").write_text("<svg/>")
    root = tmp_path / "ws"
    (root / "doc").mkdir(parents=True)
    (root / "doc" / "images").symlink_to(outside)
    assert nearest_file(root, root / "doc", "images/Secret.svg") is None
    assert nearest_file(root, root / "doc", "../../outside/Secret.svg") is None
