"""Build hook: ship the repository's sample workspace inside the wheel for `briefs init`."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

SAMPLE_PARTS = ("briefs.yaml", "content", "styles")


class BuildWithSampleWorkspace(build_py):
    """Copy briefs.yaml, content/ and styles/ to briefs/sample_workspace/."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return  # an editable install finds the workspace in the source tree itself
        target = Path(self.build_lib) / "briefs" / "sample_workspace"
        for part in SAMPLE_PARTS:
            source = Path(part)
            if source.is_dir():
                shutil.copytree(source, target / part, dirs_exist_ok=True,
                                ignore=shutil.ignore_patterns("__pycache__"))
            elif source.is_file():
                target.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, target / part)


setup(cmdclass={"build_py": BuildWithSampleWorkspace})
