"""Stylesheets checked before rendering: every url() and @import must name an allowed file.

The URL fetcher refuses anything outside the workspace while WeasyPrint renders, but it is
never told which stylesheet asked. Reading each stylesheet first (with tinycss2, WeasyPrint's
own CSS parser) finds the reference where it is written: `styles/<brand>/brand.css:12:22`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from briefs.core.diagnostics import Diagnostics, Position
from briefs.core.paths import Mounts, RefusedPath, checked

MAX_STYLESHEET_BYTES = 2_000_000
MAX_IMPORT_DEPTH = 8


def check_stylesheet(path: Path, mounts: Mounts, diagnostics: Diagnostics) -> bool:
    """Report every reference in `path` (and the stylesheets it imports) that the fetcher would
    refuse, each at its line and column; True when there is none."""
    errors_before = len(diagnostics.errors)
    _check(path, mounts, diagnostics, depth=0)
    return len(diagnostics.errors) == errors_before


def _check(path: Path, mounts: Mounts, diagnostics: Diagnostics, depth: int) -> None:
    import tinycss2

    try:
        resolved = checked(path, mounts.folders)
        with resolved.open("rb") as stream:
            data = stream.read(MAX_STYLESHEET_BYTES + 1)
    except RefusedPath as exc:
        diagnostics.error(str(exc), path, Position(1, 1))
        return
    except OSError as exc:
        diagnostics.error(f"cannot read the stylesheet: {exc.strerror or exc}", path)
        return
    if len(data) > MAX_STYLESHEET_BYTES:
        diagnostics.error(f"stylesheet is over the {MAX_STYLESHEET_BYTES}-byte limit", path,
                          Position(1, 1))
        return
    base = mounts.url(resolved)
    rules, _encoding = tinycss2.parse_stylesheet_bytes(data, skip_comments=True)
    for reference, node, imported in _references(rules):
        if reference.startswith(("data:", "#")) or not reference.strip():
            continue
        url = urljoin(base, reference.strip())
        where = Position(node.source_line, node.source_column)
        try:
            target = mounts.path(url)
        except RefusedPath as exc:
            diagnostics.error(f'url "{reference}" is refused ({_why(exc)}); only files inside '
                              "the workspace can be used", path, where)
            continue
        if imported and target is not None:
            if depth >= MAX_IMPORT_DEPTH:
                diagnostics.error(f"@import nested deeper than {MAX_IMPORT_DEPTH} stylesheets",
                                  path, where)
            else:
                _check(target, mounts, diagnostics, depth + 1)


def _why(exc: RefusedPath) -> str:
    return exc.reason


def _references(nodes: Iterable[Any]) -> Iterator[tuple[str, Any, bool]]:
    """Every URL a stylesheet names: url(...) tokens, url("...") functions and @import."""
    for node in nodes:
        kind = getattr(node, "type", "")
        if kind == "url":
            yield node.value, node, False
        elif kind == "function" and node.lower_name in ("url", "src"):
            strings = [arg for arg in node.arguments if arg.type == "string"]
            if strings:
                yield strings[0].value, node, False
        elif kind == "at-rule" and node.lower_at_keyword == "import":
            yield from ((value, node, True) for value in _imported(node.prelude))
            continue
        for attribute in ("prelude", "content", "arguments"):
            children = getattr(node, attribute, None)
            if isinstance(children, list):
                yield from _references(children)


def _imported(prelude: list[Any]) -> list[str]:
    """The stylesheet an @import names (its first string, url token or url() function)."""
    for token in prelude:
        if token.type in ("string", "url"):
            return [token.value]
        if token.type == "function" and token.lower_name == "url":
            return [arg.value for arg in token.arguments if arg.type == "string"][:1]
    return []
