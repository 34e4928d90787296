"""The `briefs` command's entry point sets the collector before the command line is imported."""

from __future__ import annotations

import tomllib
from pathlib import Path

from briefs.core.collector import YOUNG_THRESHOLD
from tests.conftest import run_python


def test_the_command_collects_young_objects_less_often_from_its_start() -> None:
    code = ("import gc, sys\nimport briefs.launch\nassert 'briefs.cli' not in sys.modules\n"
            "seen = []\nclass Watch:\n"
            "    def find_spec(self, name, path=None, target=None):\n"
            "        if name == 'briefs.cli': seen.append(gc.get_threshold()[0])\n"
            "sys.meta_path.insert(0, Watch())\nsys.argv = ['briefs', '--version']\n"
            "try:\n    briefs.launch.main()\nexcept SystemExit:\n    pass\n"
            "print(seen, gc.get_threshold()[0])")
    assert run_python(code).strip().splitlines()[-1] == f"[{YOUNG_THRESHOLD}] {YOUNG_THRESHOLD}"
    assert YOUNG_THRESHOLD > 700  # Python's own


def test_the_installed_command_and_python_m_briefs_start_there() -> None:
    root = Path(__file__).resolve().parents[2]
    scripts = tomllib.loads((root / "pyproject.toml").read_text())["project"]["scripts"]
    assert scripts["briefs"] == "briefs.launch:main"
    assert "from briefs.launch import main" in (root / "briefs" / "__main__.py").read_text()
