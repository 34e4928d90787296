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


def test_the_client_and_the_no_op_path_stay_light() -> None:
    """A `briefs build` that a server takes, or that nothing changed for, imports neither
    pydantic, Babel, Jinja2 nor WeasyPrint."""
    import subprocess
    import sys

    code = ("import sys, briefs.server.client, briefs.pipeline.request, briefs.cli.build; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & "
            "{'pydantic', 'babel', 'jinja2', 'weasyprint', 'pebble'}))")
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True).stdout.strip()
    assert found == "[]"
