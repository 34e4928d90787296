"""Assets: the one list of stylesheets an output links, workspace files first."""

from __future__ import annotations

from pathlib import Path

from briefs.brand.brands import load_brand
from briefs.content.config import load_workspace
from briefs.core.diagnostics import Diagnostics
from briefs.kinds.registry import load_kinds
from briefs.render.assets import PACKAGE_STYLES, Assets
from briefs.scaffold.new_workspace import init_workspace


def test_base_then_kind_then_brand_with_the_workspace_overrides(tmp_path: Path) -> None:
    workspace = load_workspace(init_workspace(tmp_path / "ws"))
    diagnostics = Diagnostics()
    kinds = load_kinds(workspace, diagnostics)
    brand = load_brand(workspace, workspace.config.default_brand, diagnostics)
    assert brand is not None and not diagnostics.has_errors()
    flyer = kinds.get("flyer")
    assert flyer is not None
    assets = Assets.of(workspace, kinds)
    assert assets.stylesheets(flyer, None) == [PACKAGE_STYLES / "base.css", flyer.stylesheet_file]
    assert assets.stylesheets(flyer, brand) == [PACKAGE_STYLES / "base.css",
                                                flyer.stylesheet_file, *brand.stylesheets]
    own = workspace.styles_dir / "common" / "base.css"
    own.parent.mkdir(parents=True, exist_ok=True)
    own.write_text("body { margin: 0 }\n")
    assert assets.stylesheets(flyer, brand)[0] == own
