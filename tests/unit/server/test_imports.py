"""The build server runs builds through the build entry point: nothing of the command line."""

from __future__ import annotations

import ast
from pathlib import Path

SERVER = Path(__file__).resolve().parents[3] / "briefs" / "server"


def test_the_server_imports_nothing_from_the_command_line() -> None:
    for module in SERVER.glob("*.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            assert not any(name == "briefs.cli" or name.startswith("briefs.cli.")
                           for name in names), module.name


def test_the_server_never_changes_its_folder_or_environment() -> None:
    for module in SERVER.glob("*.py"):
        text = module.read_text(encoding="utf-8")
        for forbidden in ("os.chdir", "os.environ[", "os.environ.update", "os.environ.pop",
                          "os.environ.clear", "redirect_stdout", "redirect_stderr"):
            assert forbidden not in text, (module.name, forbidden)
