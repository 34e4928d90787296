"""Watch the workspace's sources (watchfiles) and ask the builder for a build on each save."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from watchfiles import Change, DefaultFilter, watch

SOURCE_FOLDERS = ("content", "templates", "styles", "kinds")  # catalogs: templates/locales/
CONFIG_NAME = "briefs.yaml"
DEBOUNCE_MS = 200
"""The longest a burst of changes (an editor's save, a `git checkout`) is gathered."""
STEP_MS = 10
"""How long without a change ends a burst: the delay between a save and its build."""


EDITOR_TEMPORARY = (
    r"^\d+$",                    # vim's write test file (4913)
    r"^#.*#$",                   # Emacs auto-save
    r"^~\$",                     # Word, LibreOffice lock files (~$brief.docx)
    r"\.(tmp|temp|bak|orig|rej|part|crdownload|crswap|kate-swp|swp|swx)$",
    r"\.save(\.\d+)?$",           # nano's emergency save
    r"___jb_\w+___$",            # JetBrains' safe write (en.yaml___jb_tmp___)
    r"^sed[A-Za-z0-9]{6}$",      # sed -i's temporary
    r"\.yaml\.[A-Za-z0-9]{6,}$",  # atomic saves that write `en.yaml.Xy12ab`, then rename
)
"""File names editors and tools write for a moment while saving (besides watchfiles' own
list: `~` backups, `.swp`, `.#` locks): not a change worth a build or a line."""


class SourceFilter(DefaultFilter):
    """Skip editor droppings, hidden files and anything in the output folder."""

    def __init__(self, output_dir: Path) -> None:
        super().__init__(ignore_entity_patterns=(*DefaultFilter.ignore_entity_patterns,
                                                 *EDITOR_TEMPORARY))
        self.output_dir = output_dir.resolve()

    def __call__(self, change: Change, path: str) -> bool:
        candidate = Path(path)
        if candidate.name.startswith(".") or candidate.is_relative_to(self.output_dir):
            return False
        return super().__call__(change, path)


class Watcher:
    """Two watch loops in threads: source folders (recursive) and the root's briefs.yaml.

    The root is not watched recursively: a workspace can hold a virtual environment or a
    Git checkout that there is no reason to watch.
    """

    def __init__(self, root: Path, output_dir: Path, on_change: Callable[[list[str]], None],
                 log: Callable[[str], None] | None = None,
                 debounce_ms: int = DEBOUNCE_MS) -> None:
        self.root = root.resolve()
        self.output_dir = output_dir
        self.on_change = on_change
        self.log = log or (lambda message: None)
        self.debounce_ms = debounce_ms
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []

    def start(self) -> None:
        folders = [self.root / name for name in SOURCE_FOLDERS if (self.root / name).is_dir()]
        loops: list[tuple[list[Path], bool]] = [([self.root], False)]
        if folders:
            loops.append((folders, True))
        for paths, recursive in loops:
            thread = threading.Thread(target=self._loop, args=(paths, recursive),
                                      name="briefs-watcher", daemon=True)
            thread.start()
            self._threads.append(thread)

    def stop(self, timeout: float = 5) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout)

    def _loop(self, paths: list[Path], recursive: bool) -> None:
        """Watch until stopped; a failing watch (a folder removed...) is started again."""
        while not self._stop.is_set():
            try:
                self._watch(paths, recursive)
            except Exception as exc:  # the server outlives a watcher problem
                self.log(f"watching {', '.join(map(str, paths))} failed ({exc}); retrying")
                self._stop.wait(2)

    def _watch(self, paths: list[Path], recursive: bool) -> None:
        source_filter = SourceFilter(self.output_dir)

        def wanted(change: Change, path: str) -> bool:
            if not recursive and Path(path).name != CONFIG_NAME:
                return False
            return source_filter(change, path)

        for changes in watch(*paths, watch_filter=wanted, debounce=self.debounce_ms, step=STEP_MS,
                             stop_event=self._stop, recursive=recursive, rust_timeout=1000,
                             raise_interrupt=False):
            self.on_change(sorted(self._relative(path) for _, path in changes))

    def _relative(self, path: str) -> str:
        try:
            return Path(path).relative_to(self.root).as_posix()
        except ValueError:
            return path
