"""Generated workspaces of any size: the sample's documents, copied, in chosen locales."""

from __future__ import annotations

import re
import shutil
from collections.abc import Sequence
from pathlib import Path

from briefs.scaffold.new_workspace import init_workspace

ALL_LOCALES = ("en", "fr", "es", "ru", "zh", "ar")


def generate_workspace(root: Path, documents: int,
                       locales: Sequence[str] = ALL_LOCALES) -> Path:
    """A workspace at `root` with `documents` documents in `locales`: that many outputs per
    profile. The sample's documents (a brief, a flyer, a fact sheet) are cycled, so every
    size has the same mix of kinds and scripts."""
    init_workspace(root, template="full")
    content = root / "content"
    samples = sorted(path for path in content.iterdir() if path.is_dir())
    for number in range(documents):
        source = samples[number % len(samples)]
        shutil.copytree(source, content / f"{source.name}-{number + 1:03d}")
    for sample in samples:
        shutil.rmtree(sample)
    config = root / "briefs.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"^locales: \[[^\]]*\]", f"locales: [{', '.join(locales)}]", text,
                             count=1, flags=re.MULTILINE), encoding="utf-8")
    return root
