"""The workspace: the folder holding `briefs.yaml`, and the folders it is made of."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from briefs.core.diagnostics import BriefsError, Diagnostic, Position, Severity
from briefs.core.paths import PACKAGE_DIR, checked, read_bytes

if TYPE_CHECKING:
    from briefs.content.config import WorkspaceConfig

CONFIG_NAME = "briefs.yaml"
DEFAULT_OUTPUT_DIR = "build"


@dataclass(frozen=True)
class Workspace:
    """A loaded workspace: its root, its validated `briefs.yaml`, and where things live."""

    root: Path
    config: WorkspaceConfig
    positions: Mapping[tuple[str | int, ...], Position] = field(
        default_factory=dict, compare=False, repr=False)
    """Where each value of briefs.yaml stands (key path -> line and column), for problems
    found after loading (a profile's unknown output format)."""

    @property
    def config_path(self) -> Path:
        return self.root / CONFIG_NAME

    def position_of(self, key_path: tuple[str | int, ...]) -> Position | None:
        """Where the value at `key_path` in briefs.yaml is, else its nearest parent's."""
        for depth in range(len(key_path), 0, -1):
            if key_path[:depth] in self.positions:
                return self.positions[key_path[:depth]]
        return None

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    def text_path(self, doc_id: str, locale: str | None = None) -> Path:
        """A document's prose in `locale`, by default its source text (the one place the
        name `content/<doc>/<locale>.yaml` is made)."""
        return self.content_dir / doc_id / f"{locale or self.config.source_locale}.yaml"

    @property
    def templates_dir(self) -> Path:
        """Templates that replace or add to the built-in ones (optional)."""
        return self.root / "templates"

    @property
    def styles_dir(self) -> Path:
        return self.root / "styles"

    @property
    def kinds_dir(self) -> Path:
        """Document kinds the workspace defines itself (optional)."""
        return self.root / "kinds"

    @property
    def output_dir(self) -> Path:
        found = output_dir_of(self.root, self.config.output_dir)
        if found is None:  # load_workspace refuses such a briefs.yaml
            raise ValueError(f"output_dir {self.config.output_dir!r} is not inside {self.root}")
        return found

    @property
    def read_roots(self) -> tuple[Path, ...]:
        """The folders files may be read from: the workspace, and briefs' own package."""
        return (self.root, PACKAGE_DIR)

    def check(self, path: Path) -> Path:
        """`path` resolved, if it stays inside the workspace (or the package); else refused."""
        return checked(path, self.read_roots)

    def read_bytes(self, path: Path, limit: int | None = None) -> bytes:
        """Read a file after checking where it really is (symlinks resolved first)."""
        return read_bytes(path, self.read_roots, limit)

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
            if (entry / "brand.yaml").is_file() or (entry / "_brand.yml").is_file()
        )


def output_dir_of(root: Path, configured: str) -> Path | None:
    """The output folder that `output_dir: <configured>` in the briefs.yaml of `root` (a
    resolved path) names, resolved; None unless it is a folder inside the workspace. The one
    place the output folder is worked out (the workspace, its loading, the no-op path)."""
    output = (root / configured).resolve()
    return output if output.is_relative_to(root) and output != root else None


def find_workspace_root(start: Path) -> Path:
    """Walk up from `start` to the first folder with a briefs.yaml."""
    found = quick_root(start)
    if found is None:
        raise BriefsError([Diagnostic(
            Severity.ERROR,
            f"no {CONFIG_NAME} found in {start.resolve()} or any parent folder; run "
            "`briefs init` to create a workspace, or pass --workspace DIR")])
    return found


def quick_root(start: Path) -> Path | None:
    """The nearest folder at or above `start` holding a briefs.yaml, or None."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    return None
