"""WeasyPrint font configurations shared by renders whose fonts do not clash."""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass, field
from typing import Any

FONT_FACE = re.compile(r"@font-face\s*\{([^}]*)\}")
DESCRIPTOR = re.compile(r"(font-family|src|font-weight|font-style)\s*:\s*([^;]*)")
MAX_FONT_CONFIGURATIONS = 8

Face = tuple[str, str, str]
"""A face as fontconfig tells it apart: family, weight and style."""


def font_faces(html: str) -> dict[Face, str]:
    """The faces a job's own @font-face rules declare, each with the URL of its file (a URL
    that names the file's content)."""
    faces: dict[Face, str] = {}
    for rule in FONT_FACE.findall(html):
        found = {name: value.strip() for name, value in DESCRIPTOR.findall(rule)}
        if "font-family" in found and "src" in found:
            face = (found["font-family"], found.get("font-weight", "400"),
                    found.get("font-style", "normal"))
            faces[face] = found["src"]
    return faces


@dataclass
class _Configuration:
    configuration: Any
    faces: dict[Face, str] = field(default_factory=dict)
    owner: str = ""
    """The workspace whose renders registered these faces: a family one workspace declares
    must never draw another workspace's text (one that names it without declaring it would
    get it instead of its fallback) in a long-lived process (the build server)."""

    def accepts(self, faces: dict[Face, str], owner: str) -> bool:
        return owner == self.owner and \
            all(self.faces.get(face, url) == url for face, url in faces.items())


class FontConfigurations:
    """The FontConfigurations of one process, each shared by every render whose faces agree.

    A FontConfiguration registers every @font-face it is given for good, and two files for
    one family, weight and style in one configuration are a coin toss: after a render with
    one output's Chinese subset, the next output's glyphs could be drawn from the wrong file.
    So a render uses a configuration whose faces all agree with its own (every Latin and
    Arabic output of every brand shares one), and another one when a face clashes (a second
    output's subset, a font file changed while the preview runs). The least recently used
    are dropped beyond `MAX_FONT_CONFIGURATIONS`. A fresh configuration for every render
    would leak memory and register every font again.

    A forked worker must not use (or delete) the configurations it inherited: their
    temporary font folders belong to the parent, so they are detached (kept alive so that no
    finalizer runs) and new ones made.
    """

    def __init__(self) -> None:
        self._entries: list[_Configuration] = []
        self._pid = 0
        self._inherited: list[Any] = []

    def knows(self, faces: dict[Face, str], owner: str = "") -> bool:
        """Whether a configuration of this process has every one of `faces` registered."""
        return self._pid == os.getpid() and any(
            entry.owner == owner and all(entry.faces.get(face) == url
                                         for face, url in faces.items())
            for entry in self._entries)

    def for_faces(self, faces: dict[Face, str], owner: str = "") -> Any:
        """A configuration in which `faces` are (or can be) registered without a clash."""
        from weasyprint.text.fonts import FontConfiguration

        if self._pid != os.getpid():
            for entry in self._entries:
                entry.configuration._folder = None  # the parent's: never delete it from here
                self._inherited.append(entry.configuration)
            self._entries, self._pid = [], os.getpid()
            # WeasyPrint deletes a configuration's temporary font folder when it is collected,
            # which a process ending (a render worker when the pool closes) does not wait
            # for: every build left its fonts in /tmp. Removed when this process exits.
            from multiprocessing import util

            util.Finalize(None, self.close, exitpriority=10)
        found = next((entry for entry in self._entries if entry.accepts(faces, owner)), None)
        if found is not None:
            self._entries.remove(found)
        entry = found or _Configuration(FontConfiguration(), owner=owner)
        entry.faces.update(faces)
        self._entries.insert(0, entry)  # the most recently used first
        del self._entries[MAX_FONT_CONFIGURATIONS:]
        return entry.configuration

    def close(self) -> None:
        """Remove the temporary font folders of this process's configurations."""
        if self._pid != os.getpid():
            return
        for entry in self._entries:
            folder = getattr(entry.configuration, "_folder", None)
            if folder:
                shutil.rmtree(folder, ignore_errors=True)
                entry.configuration._folder = None
        self._entries = []
