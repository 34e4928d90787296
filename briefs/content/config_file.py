"""`briefs.yaml` read and parsed once per build: the no-op path and the build share the parse."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from briefs.content.loader import LoadedYaml, load_yaml_file
from briefs.core.diagnostics import Diagnostics
from briefs.core.workspace import CONFIG_NAME, DEFAULT_OUTPUT_DIR, output_dir_of


@dataclass(frozen=True)
class ConfigFile:
    """A workspace's briefs.yaml as parsed (positions kept), not yet validated: enough for
    the no-op path, which must not import pydantic, and handed on to `load_workspace`."""

    root: Path
    loaded: LoadedYaml | None
    diagnostics: Diagnostics

    @classmethod
    def read(cls, root: Path) -> ConfigFile:
        """Parse `root`/briefs.yaml (a checked, bounded read); problems kept for the build."""
        root = root.resolve()
        diagnostics = Diagnostics()
        loaded = load_yaml_file(root / CONFIG_NAME, diagnostics, roots=(root,))
        return cls(root, loaded, diagnostics)

    @property
    def output_dir(self) -> Path | None:
        """The output folder it names, if it names one inside the workspace."""
        data = self.loaded.data if self.loaded is not None else None
        configured = data.get("output_dir") if isinstance(data, dict) else None
        if configured is not None and not isinstance(configured, str):
            return None
        return output_dir_of(self.root, configured or DEFAULT_OUTPUT_DIR)
