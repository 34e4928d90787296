"""The package's shape holds: small modules with one-line docstrings, short functions with few
parameters, no module-level state set from elsewhere, and a core importable without pydantic."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "briefs"
MODULES = sorted(PACKAGE.rglob("*.py"))
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 50
MAX_PARAMETERS = 6
LIBRARY_PATCHES = {"render/line_breaks.py", "render/svg_text.py", "render/subset_arrays.py"}
"""Modules that replace a function of a library on purpose, the same for every build (a
WeasyPrint defect worked around, its reproduction in docs/decisions.md): not build state."""
CLICK_COMMANDS = {"cli", "build", "check", "serve", "status", "update", "preflight", "merge",
                  "watch", "doctor", "export", "import_files", "import_brand",
                  "new", "init", "list_documents", "kinds"}
"""Click passes one parameter per option to a command: those are exempt."""


def functions() -> list[tuple[Path, ast.FunctionDef | ast.AsyncFunctionDef]]:
    found = []
    for path in MODULES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                found.append((path, node))
    return found


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_module_is_small_and_says_what_it_holds(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    assert source.count("\n") <= MAX_MODULE_LINES
    docstring = ast.get_docstring(ast.parse(source))
    assert docstring and docstring.splitlines()[0].strip()


def test_functions_are_short_with_few_parameters() -> None:
    too_long, too_many = [], []
    for path, node in functions():
        where = f"{path.relative_to(PACKAGE)}:{node.lineno} {node.name}"
        assert node.end_lineno is not None
        if node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES:
            too_long.append(where)
        arguments = node.args.posonlyargs + node.args.args + node.args.kwonlyargs
        names = [a.arg for a in arguments if a.arg not in ("self", "cls")]
        if len(names) > MAX_PARAMETERS and node.name not in CLICK_COMMANDS:
            too_many.append(where)
    assert too_long == [] and too_many == []


def test_no_module_assigns_another_modules_globals() -> None:
    """`fonts.COVERAGE_CACHE = ...` from the pipeline was how state leaked between builds."""
    offenders = []
    for path in MODULES:
        if path.relative_to(PACKAGE).as_posix() in LIBRARY_PATCHES:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {(alias.asname or alias.name).split(".")[0] for node in ast.walk(tree)
                    if isinstance(node, ast.ImportFrom | ast.Import) for alias in node.names}
        for node in ast.walk(tree):
            targets = node.targets if isinstance(node, ast.Assign) else []
            for target in targets:
                if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) \
                        and target.value.id in imported and target.value.id[0].islower():
                    offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert offenders == []


def test_core_imports_nothing_heavy() -> None:
    code = ("import sys, briefs.core.diagnostics, briefs.core.workspace, briefs.core.paths, "
            "briefs.core.versions, briefs.pipeline.noop\n"
            "heavy = [m for m in ('pydantic', 'jinja2', 'weasyprint', 'babel', 'fontTools') "
            "if m in sys.modules]\nassert not heavy, heavy")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
