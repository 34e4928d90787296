"""Create workspaces (`briefs init`) from a template, and eject briefs' built-in files."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from briefs.core.diagnostics import BriefsError, Diagnostic, Severity
from briefs.core.paths import PACKAGE_DIR
from briefs.core.workspace import CONFIG_NAME
from briefs.output.writer import explain

SAMPLE_PARTS = (CONFIG_NAME, "content", "styles")
WORKSPACE_PARTS = (*SAMPLE_PARTS, "templates", "kinds")
GITIGNORE = "/build/\n"
ASSETS = PACKAGE_DIR / "assets"
BUILTIN_KINDS = PACKAGE_DIR / "kinds" / "builtin"
TEMPLATES = ("small", "full", "blank")
"""small: one brief and one flyer in English and French, one brand; full: the sample workspace
(three documents in six languages, two brands); blank: the configuration and a brand."""
SMALL = Path(__file__).resolve().parent / "templates" / "small"
SAMPLE_FONTS = "styles/civic-blue/fonts"
"""The small template's brand uses the sample brand's font files (not copied twice)."""
SMALL_FONTS = "styles/team/fonts"
IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc", ".*")
ERRNO_MESSAGE = re.compile(r"\[Errno (\d+)\] ([^:]*)")


def sample_workspace() -> Path:
    """Where the sample workspace lives: bundled in the wheel, or the source checkout itself."""
    for candidate in (PACKAGE_DIR / "sample_workspace", PACKAGE_DIR.parent):
        if all((candidate / part).exists() for part in SAMPLE_PARTS):
            return candidate
    raise BriefsError([Diagnostic(Severity.ERROR, "the sample workspace is not installed with "
                                  "this copy of briefs; reinstall it")])


def fail(message: str, path: Path | None = None) -> BriefsError:
    return BriefsError([Diagnostic(Severity.ERROR, message, path)])


@contextmanager
def all_or_nothing(made: list[Path], what: str) -> Iterator[None]:
    """File-system work that completes or leaves nothing behind: on an OSError (no space, no
    permission, a file where a folder should be) the paths in `made` (filled in as they are
    made) are removed, and the error says what failed and why, in plain words (exit 1)."""
    try:
        yield
    except OSError as exc:
        for path in reversed(made):
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                with suppress(OSError):
                    path.unlink(missing_ok=True)
        first = _first_error(exc)
        where = f" ({first.filename})" if first.filename else ""
        raise fail(f"cannot {what}: {explain(first, 'the folder')}{where}; nothing was left "
                   "behind") from exc


def _first_error(exc: OSError) -> OSError:
    """The error itself; or, for shutil.copytree, which gathers its files' errors as text in
    a list, the first of them as an OSError again (so that it is explained like any other)."""
    if isinstance(exc, shutil.Error) and exc.args and isinstance(exc.args[0], list):
        _, destination, message = exc.args[0][0]
        found = ERRNO_MESSAGE.match(str(message))
        if found:
            return OSError(int(found[1]), found[2], destination)
    return exc


def first_missing(path: Path) -> Path | None:
    """The outermost folder of `path` that does not exist yet (what mkdir -p would make)."""
    missing = None
    for candidate in (path, *path.parents):
        if candidate.exists() or candidate.is_symlink():
            break
        missing = candidate
    return missing


def init_workspace(directory: Path, template: str = "small") -> Path:
    """Create a workspace in `directory` from a template (see TEMPLATES).

    Templates and layout stylesheets are not copied: they are found in briefs itself, so a
    newer briefs brings its fixes to the workspace. `eject_assets` copies them for editing.
    """
    if template not in TEMPLATES:
        raise fail(f'no template "{template}"; templates: {", ".join(TEMPLATES)}')
    target = directory.resolve()
    if (target / CONFIG_NAME).exists():
        raise fail(f"{target} already holds a workspace ({CONFIG_NAME}); nothing was changed",
                   target / CONFIG_NAME)
    clashes = [part for part in WORKSPACE_PARTS if (target / part).exists()]
    if clashes:
        raise fail(f"{target} already has {', '.join(clashes)}; choose an empty folder")
    source = sample_workspace()
    missing = first_missing(target)
    made = [missing] if missing is not None else [
        target / part for part in (*WORKSPACE_PARTS, ".gitignore")
        if not (target / part).exists()]
    with all_or_nothing(made, f"create a workspace in {target}"):
        target.mkdir(parents=True, exist_ok=True)
        if template == "full":
            _copy(source, target, SAMPLE_PARTS)
        else:
            _copy(SMALL, target, SAMPLE_PARTS if template == "small" else (CONFIG_NAME, "styles"))
            shutil.copytree(source / SAMPLE_FONTS, target / SMALL_FONTS, ignore=IGNORED)
            (target / "content").mkdir(exist_ok=True)
        if not (target / ".gitignore").exists():
            (target / ".gitignore").write_text(GITIGNORE, encoding="utf-8")
    return target


def _copy(source: Path, target: Path, parts: tuple[str, ...]) -> None:
    for part in parts:
        origin = source / part
        if origin.is_dir():
            shutil.copytree(origin, target / part, ignore=IGNORED)
        else:
            shutil.copy2(origin, target / part)


def ejected_files() -> dict[str, Path]:
    """Workspace path -> built-in file, for every template, stylesheet and catalog briefs
    ships: what `briefs init --eject` copies."""
    files: dict[str, Path] = {}
    for path in sorted((ASSETS / "templates").rglob("*.j2")):
        files[f"templates/{path.relative_to(ASSETS / 'templates').as_posix()}"] = path
    files["styles/common/base.css"] = ASSETS / "styles" / "base.css"
    for folder in sorted(BUILTIN_KINDS.iterdir()):
        if (folder / "template.html.j2").is_file():
            files[f"templates/{folder.name}.html.j2"] = folder / "template.html.j2"
        if (folder / "style.css").is_file():
            files[f"styles/common/{folder.name}.css"] = folder / "style.css"
    for path in sorted((ASSETS / "locales").rglob("*.po*")):
        files[f"templates/locales/{path.relative_to(ASSETS / 'locales').as_posix()}"] = path
    return files


def eject_assets(root: Path) -> list[Path]:
    """Copy briefs' built-in templates, stylesheets and catalogs into the workspace at `root`;
    files the workspace has already are left as they are."""
    copied: list[Path] = []
    with all_or_nothing(copied, f"copy briefs' built-in files into {root}"):
        for relative, origin in ejected_files().items():
            destination = root / relative
            if destination.exists():
                continue
            missing = first_missing(destination.parent)
            if missing is not None:
                copied.append(missing)
            destination.parent.mkdir(parents=True, exist_ok=True)
            copied.append(destination)
            shutil.copy2(origin, destination)
    return copied
