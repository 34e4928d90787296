"""Jinja2 for documents: sandboxed, autoescaped, strict about undefined names, with gettext.

Templates are looked up in the workspace's `templates/` first, then in the kind's own folder,
then among briefs' built-in templates, so a workspace overrides any template by adding a file
of the same name (as MkDocs' `custom_dir` does). Every template file is checked (symlinks
resolved) before it is read.
"""

from __future__ import annotations

import gettext
import inspect
import traceback
from collections.abc import Callable, Generator
from pathlib import Path
from typing import Any, cast

import jinja2
from jinja2.loaders import split_template_path
from markupsafe import Markup, escape

from briefs.content.markdown import render_block, render_inline
from briefs.content.schema import WEB_SCHEMES, checked_url
from briefs.core.diagnostics import Diagnostics, Position
from briefs.core.paths import RefusedPath, checked
from briefs.i18n.numbering import LocaleFormat
from briefs.render.deadline import TimeLimitExceeded, time_limit
from briefs.render.exposure import template_data
from briefs.render.limits import BoundedSandbox, bound_filters
from briefs.render.undefined import TemplateUndefined

MAX_TEMPLATE_BYTES = 1_000_000
MAX_OUTPUT_CHARS = 20_000_000
"""The most a template may write for one target (a brief's HTML is a few hundred kB)."""
TEMPLATE_SECONDS = 20.0
"""The longest one target's template may take to render (a few milliseconds is usual)."""


class RefusedTemplate(jinja2.TemplateNotFound):
    """A template that exists but may not be read (it resolves outside the workspace)."""


class TemplateLoader(jinja2.BaseLoader):
    """Templates by name: the workspace's first, then each kind's own file, then built in."""

    def __init__(self, folders: list[Path], named: dict[str, Path],
                 roots: tuple[Path, ...]) -> None:
        self.folders = folders
        """Searched in order for every name (the workspace's templates/, then briefs')."""
        self.named = named
        """A kind's template by its name ("flyer.html.j2"), used when no folder overrides it."""
        self.roots = roots

    def candidates(self, name: str) -> list[Path]:
        pieces = split_template_path(name)  # refuses ".." segments
        found = [self.folders[0].joinpath(*pieces)] if self.folders else []
        if name in self.named:
            found.append(self.named[name])
        found += [folder.joinpath(*pieces) for folder in self.folders[1:]]
        return found

    def locate(self, name: str) -> Path | None:
        """The file a template name stands for now, if any (for messages)."""
        try:
            return next(path for path in self.candidates(name) if path.is_file())
        except (StopIteration, jinja2.TemplateNotFound):
            return None

    def get_source(self, environment: jinja2.Environment,
                   template: str) -> tuple[str, str, Callable[[], bool]]:
        for path in self.candidates(template):
            if not path.is_file() and not path.is_symlink():
                continue
            try:
                resolved = checked(path, self.roots)  # before a byte is read
            except RefusedPath as exc:
                raise RefusedTemplate(template, f"{template}: {exc}") from exc
            data = resolved.read_bytes()[:MAX_TEMPLATE_BYTES + 1]
            if len(data) > MAX_TEMPLATE_BYTES:
                raise RefusedTemplate(template, f"{template} is over the "
                                                f"{MAX_TEMPLATE_BYTES}-byte limit")
            return data.decode("utf-8", errors="replace"), str(path), _unchanged(resolved)
        raise jinja2.TemplateNotFound(template)


def _unchanged(path: Path) -> Callable[[], bool]:
    """Jinja's `uptodate` check: the file is still there, with the same modification time."""
    mtime = path.stat().st_mtime_ns
    return lambda: path.is_file() and path.stat().st_mtime_ns == mtime


class QrCodes:
    """QR codes as SVG data: URIs (made with segno), crisp at any size; one per URL and colour
    for the session that made them."""

    def __init__(self) -> None:
        self._made: dict[tuple[str, str], str] = {}

    def data_uri(self, url: str, dark: str = "#000000") -> str:
        key = (url, dark)
        if key not in self._made:
            import segno  # only where a QR code is printed (it imports urllib.request)

            self._made[key] = segno.make(url, error="m").svg_data_uri(scale=1, border=0,
                                                                     dark=dark)
        return self._made[key]


def make_environment(loader: TemplateLoader, locale: str | LocaleFormat,
                     translations: gettext.NullTranslations | None,
                     cache: jinja2.BytecodeCache, qr_codes: QrCodes) -> jinja2.Environment:
    """A fresh environment for one locale: gettext from its catalog; dates, times and numbers
    in its conventions, digits and calendar (`locale` may be a bare formatting locale).
    """
    fmt = locale if isinstance(locale, LocaleFormat) else LocaleFormat(locale)
    env = BoundedSandbox(
        loader=loader,
        autoescape=True,
        undefined=TemplateUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=cache,
    )
    install_escaped_gettext(env, translations or gettext.NullTranslations())
    bound_filters(env.filters)
    env.filters.update({
        "markdown": _markdown_with_figures,
        "markdown_inline": lambda text: render_inline(text) if text else Markup(""),
        "date_long": fmt.date_long,
        "date_full": fmt.date_full,
        "time_short": fmt.time_short,
        "number": fmt.digits,
        "qr_data_uri": qr_codes.data_uri,
        "web_link": web_link,
    })
    env.globals.update({
        "date_range": lambda start, end=None: fmt.date_range(start, end),
        "time_range": lambda start, end=None: fmt.time_range(start, end),
    })
    env.seal()
    return env


@jinja2.pass_context
def _markdown_with_figures(context: jinja2.runtime.Context, text: str | None) -> Markup:
    """The `markdown` filter: a `[figure: name]` paragraph is laid out by the template
    `partials/figure.html.j2` (a workspace may replace it) with the target's figure."""
    if not text:
        return Markup("")
    views = context.get("body_figures") or {}

    def figure(name: str) -> Markup | None:
        view = views.get(name)
        if view is None:
            return None
        template = context.environment.get_template(FIGURE_TEMPLATE)
        return Markup(template.render({**context.get_all(), "figure": view}))

    return render_block(text, figure)


FIGURE_TEMPLATE = "partials/figure.html.j2"


def web_link(address: object) -> str:
    """A link target for a web address as people write it (`www.example.org` ->
    `https://www.example.org`); only web and mail links, as the schema allows."""
    text = str(address).strip()
    checked_url(text)  # refuses `//host`, `java\tscript:`... (raises ValueError)
    if text.lower().startswith(WEB_SCHEMES):
        return text
    return "https://" + text


def install_escaped_gettext(env: jinja2.Environment,
                            translations: gettext.NullTranslations) -> None:
    """`_()` and friends for templates, with every translation escaped like content.

    Jinja2 marks a translated string safe; a catalog is untrusted input (a `msgstr` with a
    `javascript:` link reached a PDF), so each one is escaped before it is marked safe.
    """
    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=lambda message: escape(translations.gettext(message)),
        ngettext=lambda singular, plural, n: escape(translations.ngettext(singular, plural,
                                                                          n)),
        pgettext=lambda context, message: escape(translations.pgettext(context, message)),
        npgettext=lambda context, singular, plural, n: escape(
            translations.npgettext(context, singular, plural, n)),
        newstyle=True)


def render_template(env: jinja2.Environment, name: str, context: dict[str, Any],
                    diagnostics: Diagnostics) -> str | None:
    """Render `name` within the time and size limits, given the context as plain data (see
    `exposure`); a problem becomes `template:line: error: ...`."""
    try:
        with time_limit(TEMPLATE_SECONDS, f"rendering the template {name}"):
            return bounded_render(env.get_template(name), template_data(context))
    except OutputTooLarge as exc:
        path, position = _template_frame(exc)
        diagnostics.error(f"{exc}; a loop that repeats too much, or a value printed too many "
                          "times?", path or _located(env, name), position)
    except TimeLimitExceeded as exc:
        path, position = _template_frame(exc)
        diagnostics.error(f"{exc} (a loop that is too long, or never ends); simplify the "
                          "template", path or _located(env, name), position)
    except jinja2.TemplateSyntaxError as exc:
        path = Path(exc.filename) if exc.filename else None
        diagnostics.error(f"template syntax error: {exc.message}", path,
                          Position(exc.lineno, 1) if exc.lineno else None)
    except RefusedTemplate as exc:
        path, position = _template_frame(exc)
        diagnostics.error(f"template refused: {exc.message}", path or _located(env, name),
                          position)
    except jinja2.TemplateNotFound as exc:
        path, position = _template_frame(exc)
        diagnostics.error(f'template "{exc.name}" not found in templates/', path, position)
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


class OutputTooLarge(jinja2.TemplateError):
    """A template wrote more than `MAX_OUTPUT_CHARS`."""


def bounded_render(template: jinja2.Template, context: dict[str, Any]) -> str:
    """The template's output, refused once it passes `MAX_OUTPUT_CHARS`: the error is thrown
    into the template where it is writing, so that it names the template's line."""
    pieces: list[str] = []
    total = 0
    stream = cast(Generator[str, None, None], template.generate(context))
    try:
        for piece in stream:
            total += len(piece)
            if total > MAX_OUTPUT_CHARS:
                stream.throw(OutputTooLarge(f"the template wrote more than "
                                            f"{MAX_OUTPUT_CHARS} characters"))
            pieces.append(piece)
    except TimeLimitExceeded as exc:
        if _template_frame(exc)[0] is None and inspect.getgeneratorstate(stream) == \
                inspect.GEN_SUSPENDED:
            stream.throw(exc)  # stopped between two pieces: raised where the template is
        raise
    except TypeError as exc:
        # the time limit landed on an instruction without a line number, and Jinja's
        # traceback rewriting failed on it: still the time limit (its line unknown)
        limit = exc.__context__
        if isinstance(limit, TimeLimitExceeded):
            raise TimeLimitExceeded(limit.what, limit.seconds) from None
        raise
    return "".join(pieces)


def _located(env: jinja2.Environment, name: str) -> Path | None:
    loader = env.loader
    return loader.locate(name) if isinstance(loader, TemplateLoader) else None


def _template_frame(exc: BaseException) -> tuple[Path | None, Position | None]:
    """The innermost traceback frame that belongs to a template file."""
    found: tuple[Path | None, Position | None] = (None, None)
    # walk_tb, not extract_tb: extract_tb also computes column ranges, which fails
    # (TypeError) on some frames a time limit interrupts inside Jinja's generated code
    for frame, line in traceback.walk_tb(exc.__traceback__):
        filename = frame.f_code.co_filename
        if filename.endswith((".j2", ".html", ".jinja")) and line:
            found = (Path(filename), Position(line, 1))
    return found
