"""Jinja2 for documents: sandboxed, autoescaped, strict about undefined names, with gettext."""

from __future__ import annotations

import gettext
import traceback
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
import segno
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from . import formatting
from .diagnostics import Diagnostics, Position
from .markdown import render_block, render_inline


class WorkspaceTemplateLoader(jinja2.FileSystemLoader):
    """FileSystemLoader that refuses templates resolving (via symlinks) outside the workspace."""

    def __init__(self, searchpath: Path, root: Path) -> None:
        super().__init__(str(searchpath))
        self._root = root.resolve()

    def get_source(self, environment: jinja2.Environment,
                   template: str) -> tuple[str, str, Callable[[], bool]]:
        source, filename, uptodate = super().get_source(environment, template)
        if not Path(filename).resolve().is_relative_to(self._root):
            raise jinja2.TemplateNotFound(f"{template} (resolves outside the workspace)")
        return source, filename, uptodate


@lru_cache(maxsize=64)
def qr_svg_data_uri(url: str, dark: str = "#000000") -> str:
    """A QR code for `url` as an SVG data: URI (made with segno), crisp at any size."""
    return segno.make(url, error="m").svg_data_uri(scale=1, border=0, dark=dark)


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates shared by every environment of this process (one per locale)."""

    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._store:
            bucket.bytecode_from_string(self._store[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._store[bucket.key] = bucket.bytecode_to_string()


_MEMORY_CACHE = MemoryBytecodeCache()


def bytecode_cache(folder: Path | None) -> jinja2.BytecodeCache:
    """Compiled templates kept in `folder` between runs, or in memory for this process."""
    if folder is None:
        return _MEMORY_CACHE
    folder.mkdir(parents=True, exist_ok=True)
    return jinja2.FileSystemBytecodeCache(str(folder))


def make_environment(templates_dir: Path, root: Path, locale: str,
                     translations: gettext.NullTranslations | None = None,
                     cache: jinja2.BytecodeCache | None = None) -> jinja2.Environment:
    """A fresh environment for one locale: gettext from its catalog; dates in its conventions.

    `locale` is the formatting locale (a workspace may format `en` as `en_GB`).
    """
    env = ImmutableSandboxedEnvironment(
        loader=WorkspaceTemplateLoader(templates_dir, root),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=cache or _MEMORY_CACHE,
    )
    env.install_gettext_translations(  # type: ignore[attr-defined]
        translations or gettext.NullTranslations(), newstyle=True)
    env.filters.update({
        "markdown": lambda text: render_block(text) if text else Markup(""),
        "markdown_inline": lambda text: render_inline(text) if text else Markup(""),
        "date_long": lambda value: formatting.date_long(value, locale),
        "date_full": lambda value: formatting.date_full(value, locale),
        "time_short": lambda value: formatting.time_short(value, locale),
        "qr_data_uri": qr_svg_data_uri,
    })
    env.globals.update({
        "date_range": lambda start, end=None: formatting.date_range(start, end, locale),
        "time_range": lambda start, end=None: formatting.time_range(start, end, locale),
    })
    return env


def render_template(env: jinja2.Environment, name: str, context: dict[str, Any],
                    diagnostics: Diagnostics) -> str | None:
    """Render `name`; a template problem becomes `template:line: error: ...`."""
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateSyntaxError as exc:
        path = Path(exc.filename) if exc.filename else None
        diagnostics.error(f"template syntax error: {exc.message}", path,
                          Position(exc.lineno, 1) if exc.lineno else None)
    except jinja2.TemplateNotFound as exc:
        diagnostics.error(f'template "{exc.name}" not found in templates/', None)
    except jinja2.UndefinedError as exc:
        path, position = _template_frame(exc)
        diagnostics.error(f"template error: {exc.message}; check the name, or guard it with "
                          "`{% if ... is defined %}`", path, position)
    except jinja2.TemplateError as exc:
        path, position = _template_frame(exc)
        diagnostics.error(f"template error: {exc}", path, position)
    except Exception as exc:  # an exception raised by a filter on bad data
        path, position = _template_frame(exc)
        diagnostics.error(f"template error: {type(exc).__name__}: {exc}", path, position)
    return None


def _template_frame(exc: BaseException) -> tuple[Path | None, Position | None]:
    """The innermost traceback frame that belongs to a template file."""
    found: tuple[Path | None, Position | None] = (None, None)
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename.endswith((".j2", ".html", ".jinja")) and frame.lineno:
            found = (Path(frame.filename), Position(frame.lineno, 1))
    return found
