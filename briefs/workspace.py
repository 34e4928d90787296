"""Find and load a workspace: the folder holding `briefs.yaml`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .diagnostics import BriefsError, Diagnostic, Diagnostics, Severity
from .loader import load_yaml_file
from .models import WorkspaceConfig
from .validation import validate

CONFIG_NAME = "briefs.yaml"


@dataclass(frozen=True)
class Workspace:
    """A loaded workspace and the folders it is made of."""

    root: Path
    config: WorkspaceConfig

    @property
    def config_path(self) -> Path:
        return self.root / CONFIG_NAME

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    @property
    def styles_dir(self) -> Path:
        return self.root / "styles"

    @property
    def output_dir(self) -> Path:
        return (self.root / self.config.output_dir).resolve()

    def document_ids(self) -> list[str]:
        """Every folder under content/ that holds a document.yaml, sorted."""
        if not self.content_dir.is_dir():
            return []
        return sorted(
            entry.name for entry in self.content_dir.iterdir()
            if entry.is_dir() and (entry / "document.yaml").is_file()
        )

    def brand_ids(self) -> list[str]:
        if not self.styles_dir.is_dir():
            return []
        return sorted(
            entry.name for entry in self.styles_dir.iterdir()
            if (entry / "brand.yaml").is_file()
        )


def find_workspace_root(start: Path) -> Path:
    """Walk up from `start` to the first folder with a briefs.yaml."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    raise BriefsError([Diagnostic(
        Severity.ERROR,
        f"no {CONFIG_NAME} found in {start} or any parent folder; run `briefs init` to create "
        "a workspace, or pass --workspace DIR")])


def load_workspace(start: Path) -> Workspace:
    """Load briefs.yaml from `start` or a parent; raise BriefsError with every problem."""
    root = find_workspace_root(start)
    diagnostics = Diagnostics()
    loaded = load_yaml_file(root / CONFIG_NAME, diagnostics)
    config = validate(WorkspaceConfig, loaded, diagnostics) if loaded else None
    if config is None or loaded is None:
        raise BriefsError(diagnostics)
    output = (root / config.output_dir).resolve()
    if not output.is_relative_to(root.resolve()) or output == root.resolve():
        raise BriefsError([Diagnostic(
            Severity.ERROR, "output_dir must be a folder inside the workspace",
            root / CONFIG_NAME, loaded.position_of(("output_dir",), value=True))])
    return Workspace(root=root.resolve(), config=config)
