"""What an output format is: one object that names, makes and costs one kind of file.

A build lays out every target once (the PDF, in the render workers). Each output format
selected for the build then makes its files from what that render produced: the PDF format
keeps the PDF itself; others (page images, a web page) make theirs from the target's HTML or
from the PDF. Every file a format makes is named from the target's `OutputName`, so two
outputs can never collide, and is written through the session's writer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from briefs.formats.targets import OutputName

if TYPE_CHECKING:
    from briefs.content.config import Profile
    from briefs.core.diagnostics import Problem
    from briefs.core.paths import Mounts
    from briefs.formats.targets import Target, TargetKey


@dataclass(frozen=True)
class Source:
    """What a format makes its files from: one target, laid out and checked."""

    target: Target
    name: OutputName
    """The format's own name for this target (`OutputFormat.name_for`)."""
    html: str
    """The target's HTML; its URLs are under the fixed mounts (`file:///briefs-workspace/`)."""
    pdf: bytes
    """The target's PDF, as written (or as kept, when it was up to date)."""
    mounts: Mounts
    """Where the HTML's URLs may lead (every read goes through `Mounts.path()`)."""


@dataclass
class Made:
    """The files a format made for one target (paths relative to the output folder), and
    what it found on the way (an error fails this output and writes none of its files)."""

    files: dict[str, bytes] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


class OutputFormat:
    """One kind of file a build can make of each target. Subclass it, set `name` and
    `suffix`, override `make` (and `cost` if it is not cheap), and register an instance
    (`[project.entry-points."briefs.outputs"]`)."""

    name: str = ""
    """How `--format`, `briefs.yaml` and the manifest name it: `pdf`, `png`, `html`."""
    suffix: str = ""
    """The file name's extension, with its dot: `.pdf`, `.html`."""
    description: str = ""
    cost: float = 0.0
    """Its share of a target's render time, added to the kind's cost when sharding (the
    PDF's is the kind's own cost, counted already)."""

    def name_for(self, key: TargetKey, profile: Profile) -> OutputName:
        """Where this format's main file for `key` goes. Further files of the same output
        (one image per page) are named `<main path without suffix>.<anything><suffix>`."""
        return OutputName.of(key, profile, self.suffix)

    def configured(self, options: str) -> OutputFormat:
        """This format with options (`--format png:1200x630` gives `1200x630`); ValueError
        saying what it takes. A format without options refuses any."""
        raise ValueError(f"the output format {self.name} takes no options")

    def make(self, source: Source) -> Made:
        """This format's files for one target (never called for the PDF itself)."""
        raise NotImplementedError(f"the output format {self.name} makes no files")

    def owns(self, name: OutputName, path: str) -> bool:
        """Whether `path` is one this format may write for the output named `name`: its
        main file, or a file named after it (`doc/doc.en.p1.png` beside `doc/doc.en.png`)."""
        stem = name.path[: -len(self.suffix)] if name.path.endswith(self.suffix) else name.path
        return path == name.path or (path.startswith(stem + ".") and path.endswith(self.suffix)
                                     and "/" not in path[len(stem):] and ".." not in path)

    def __repr__(self) -> str:
        return f"<output format {self.name}>"
