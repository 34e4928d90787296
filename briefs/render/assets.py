"""Where templates and stylesheets come from: the workspace's own files first, then briefs'.

A workspace holds only what it changes: `templates/<name>` replaces a built-in template or a
kind's template of that name, `styles/common/base.css` and `styles/common/<kind>.css` replace
the built-in stylesheets. `briefs init --eject` copies the built-in files in for editing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from briefs.content.config import Workspace
from briefs.core.paths import PACKAGE_DIR, Mounts
from briefs.kinds.kind import Kind
from briefs.kinds.registry import KindRegistry
from briefs.render.templating import TemplateLoader

if TYPE_CHECKING:
    from briefs.brand.brands import LoadedBrand

PACKAGE_TEMPLATES = PACKAGE_DIR / "assets" / "templates"
PACKAGE_STYLES = PACKAGE_DIR / "assets" / "styles"
BASE_STYLESHEET = "common/base.css"


@dataclass(frozen=True)
class Assets:
    """The templates and stylesheets of one workspace, and the URLs that reach them."""

    workspace: Workspace
    kinds: KindRegistry
    mounts: Mounts

    @classmethod
    def of(cls, workspace: Workspace, kinds: KindRegistry) -> Assets:
        """Kinds from plug-in packages get a URL mount of their own for their stylesheet."""
        extra = [(f"kind-{kind.name}", kind.folder) for kind in kinds
                 if not kind.folder.resolve().is_relative_to(PACKAGE_DIR)
                 and not kind.folder.resolve().is_relative_to(workspace.root)]
        return cls(workspace, kinds, Mounts.of(workspace.root, extra))

    def loader(self) -> TemplateLoader:
        named = {kind.template_name: kind.template_file for kind in self.kinds}
        return TemplateLoader([self.workspace.templates_dir, PACKAGE_TEMPLATES], named,
                              tuple(self.mounts.folders))

    def stylesheets(self, kind: Kind, brand: LoadedBrand | None) -> list[Path]:
        """Every stylesheet an output of `kind` in `brand` links, in order: the shared base,
        the kind's own, then the brand's (the one place this list is made)."""
        base = self._override(BASE_STYLESHEET) or PACKAGE_STYLES / "base.css"
        own = self._override(kind.stylesheet_name) or kind.stylesheet_file
        layout = [path for path in (base, own) if path.is_file()]
        return [*layout, *(brand.stylesheets if brand is not None else ())]

    def template_files(self) -> list[Path]:
        """Every kind's own template (for extracting template strings)."""
        return [kind.template_file for kind in self.kinds if kind.template_file.is_file()]

    def url(self, path: Path) -> str:
        return self.mounts.url(path)

    def _override(self, name: str) -> Path | None:
        path = self.workspace.styles_dir / name
        return path if path.is_file() else None
