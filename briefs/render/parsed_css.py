"""Parsed stylesheets kept across the renders of one process, found by their content.

WeasyPrint parses every linked and inline stylesheet of a document again at each render
(`weasyprint.css.find_stylesheets`): base.css, the kind's and the brand's stylesheets and the
output's own `<style>`, 8% of a warm render, and again at each re-layout (footnote fallbacks,
copyfitting). A parse has side effects on the render besides the `CSS` object: page rules,
cascade layers, counter styles and colour profiles added to the document's own collections,
@font-face rules registered in the font configuration, files fetched (the output's
dependencies) and warnings logged. So a parse is kept with what it did, and reused only
where it would do the same: the same bytes, base URL, media type and layers before it, in
the same font configuration (which already holds its faces). Reusing it replays the rest
into the new render: its page rules and layers, counter styles and profiles, and its
warnings, in order. A parse that had anything refused, or that imported another sheet, is
not kept.

Installed once per process in place of WeasyPrint's `find_stylesheets`; it keeps parses only
inside `ParsedStylesheets.active` (briefs' renders), and is WeasyPrint's own loop elsewhere.
"""

from __future__ import annotations

import copy
import hashlib
import logging
import weakref
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from briefs.render.fetcher import FetchLog

MAX_PARSES = 48
"""Parses kept per font configuration (the least recently used dropped beyond it)."""
FONT_SUFFIXES = frozenset({".ttf", ".otf", ".woff", ".woff2", ".ttc"})
"""What a kept parse may have read besides its own file: fonts, which WeasyPrint registers
once per font configuration (their URLs name their content). A sheet that @imports another
is parsed again at every render: the key does not cover the imported file."""


@dataclass
class _Parse:
    """One stylesheet as parsed, and what parsing it did to the render."""

    sheet: Any
    page_rules: list[Any]
    layers: list[Any]
    counter_styles: dict[str, Any]
    color_profiles: dict[str, Any]
    records: list[logging.LogRecord]
    pending: list[Any] = field(default_factory=list)
    """Values with `var()` whose error WeasyPrint reports once per value: made to report
    again in each render that reuses them."""


class _Recorder(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.NOTSET)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


class ParsedStylesheets:
    """The stylesheets parsed in this process, per font configuration."""

    def __init__(self) -> None:
        self._by_config: weakref.WeakKeyDictionary[Any, OrderedDict[tuple[Any, ...], _Parse]]
        self._by_config = weakref.WeakKeyDictionary()
        self.hits = 0
        self.misses = 0

    @contextmanager
    def active(self, log: FetchLog) -> Iterator[None]:
        """Parses kept and reused for the renders inside (their fetches logged in `log`)."""
        install()
        token = _ACTIVE.set((self, log))
        try:
            yield
        finally:
            _ACTIVE.reset(token)

    def clear(self) -> None:
        self._by_config = weakref.WeakKeyDictionary()

    def _parse(self, key: tuple[Any, ...], font_config: Any, log: FetchLog, state: Any,
               make: Any) -> Any:
        """The sheet `make()` parses, kept under `key`; or a kept one, its effects replayed."""
        kept = self._by_config.setdefault(font_config, OrderedDict())
        found = kept.get(key)
        if found is not None:
            kept.move_to_end(key)
            self.hits += 1
            return _replay(found, state)
        self.misses += 1
        sheet, parse = _record(make, state, log)
        if parse is not None:
            kept[key] = parse
            while len(kept) > MAX_PARSES:
                kept.popitem(last=False)
        return sheet


@dataclass
class _State:
    """The render's collections a parse adds to."""

    counter_style: Any
    color_profiles: dict[str, Any]
    page_rules: list[Any]
    layers: list[Any]


_ACTIVE: ContextVar[tuple[ParsedStylesheets, FetchLog] | None] = ContextVar(
    "briefs_parsed_stylesheets", default=None)
_INSTALLED: dict[str, Any] = {}


def install() -> None:
    """Put `find_stylesheets` in WeasyPrint's place (once per process)."""
    import weasyprint.css

    if "original" not in _INSTALLED:
        _INSTALLED["original"] = weasyprint.css.find_stylesheets
        weasyprint.css.find_stylesheets = find_stylesheets


def find_stylesheets(*args: Any) -> Iterator[Any]:
    """WeasyPrint 70's `find_stylesheets(wrapper_element, device_media_type, url_fetcher,
    base_url, font_config, counter_style, color_profiles, page_rules, layers)`: the same
    stylesheets in the same order, each parsed once per process while
    `ParsedStylesheets.active`."""
    active = _ACTIVE.get()
    if active is None or None in args[6:9]:
        yield from _INSTALLED["original"](*args)
        return
    from weasyprint.css import media_queries

    call = _Call(*active, *args)
    for wrapper in call.wrapper_element.query_all("style", "link"):
        element = wrapper.etree_element
        mime_type = element.get("type", "text/css").split(";", 1)[0].strip()
        if mime_type != "text/css":
            continue
        media_attr = element.get("media", "").strip() or "all"
        media = [media_type.strip() for media_type in media_attr.split(",")]
        if not media_queries.evaluate_media_query(media, call.media_type):
            continue
        if element.tag == "style":
            yield _inline(call, element)
        elif element.tag == "link" and element.get("href"):
            yield from _linked(call, element)


@dataclass
class _Call:
    """One call of `find_stylesheets` in a render that keeps parses."""

    cache: ParsedStylesheets
    log: FetchLog
    wrapper_element: Any
    media_type: str
    url_fetcher: Any
    base_url: str
    font_config: Any
    counter_style: Any
    color_profiles: dict[str, Any]
    page_rules: list[Any]
    layers: list[Any]

    @property
    def state(self) -> _State:
        return _State(self.counter_style, self.color_profiles, self.page_rules, self.layers)

    @property
    def options(self) -> dict[str, Any]:
        return {"media_type": self.media_type, "font_config": self.font_config,
                "counter_style": self.counter_style, "color_profiles": self.color_profiles,
                "page_rules": self.page_rules, "layers": self.layers}

    def parse(self, key: tuple[Any, ...], make: Any) -> Any:
        return self.cache._parse((*key, self.media_type, tuple(self.layers)),
                                 self.font_config, self.log, self.state, make)


def _inline(call: _Call, element: Any) -> Any:
    """A `<style>` element's sheet."""
    from weasyprint import CSS
    from weasyprint.css import get_child_text

    content = get_child_text(element)
    key = ("style", _digest(content.encode("utf-8", "surrogatepass")), call.base_url)
    return call.parse(key, lambda: CSS(string=content, base_url=call.base_url,
                                       url_fetcher=call.url_fetcher, **call.options))


def _linked(call: _Call, element: Any) -> Iterator[Any]:
    """A `<link rel=stylesheet>`'s sheet, if it loads: fetched at every render (the output
    depends on the file), parsed when its bytes are new."""
    from weasyprint import CSS
    from weasyprint.html import element_has_link_type, parse_url
    from weasyprint.logger import LOGGER
    from weasyprint.urls import URLFetcherResponse, URLFetchingError, fetch

    if not element_has_link_type(element, "stylesheet") or \
            element_has_link_type(element, "alternate"):
        return
    href = parse_url(element.get("href"), call.base_url)
    if href is None:
        return
    try:
        with fetch(call.url_fetcher, href) as response:
            body = response.read()
            served = (response.url, response.headers, response.status)
        key = ("link", _digest(body), href, served[0], str(served[1]))
        replaying = _Replaying(call.url_fetcher, href, lambda: URLFetcherResponse(
            served[0], body=body, headers=served[1], status=served[2]))
        yield call.parse(key, lambda: CSS(url=href, url_fetcher=replaying,
                                          _check_mime_type=True, **call.options))
    except URLFetchingError as exception:
        LOGGER.error("Failed to load stylesheet at %s: %s", href, exception)


class _Replaying:
    """The render's URL fetcher, answering the stylesheet's own URL once with the response
    already fetched (so that it is read once per render, as WeasyPrint reads it)."""

    def __init__(self, fetcher: Any, url: str, response: Any) -> None:
        self._fetcher = fetcher
        self._url = url
        self._response = response

    def __call__(self, url: str, *args: Any, **kwargs: Any) -> Any:
        if url == self._url and self._response is not None:
            response, self._response = self._response, None
            return response()
        return self._fetcher(url, *args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._fetcher, name)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _record(make: Any, state: _State, log: FetchLog) -> tuple[Any, _Parse | None]:
    """Parse (the parse doing its work on the render, as WeasyPrint's), noting what it added
    to the render: the sheet, and the parse to keep, or None when it is not to be kept (a
    file was refused, or the sheet imports another one, whose content the key does not
    cover)."""
    from weasyprint.logger import LOGGER

    counters, profiles = dict(state.counter_style), dict(state.color_profiles)
    rules, layers = len(state.page_rules), len(state.layers)
    fetched, refused = len(log.fetched), len(log.refused)
    recorder = _Recorder()
    LOGGER.addHandler(recorder)
    try:
        sheet = make()
    finally:
        LOGGER.removeHandler(recorder)
    read = log.fetched[fetched:]
    if len(log.refused) > refused or any(path.suffix.lower() not in FONT_SUFFIXES
                                         for path in read):
        return sheet, None
    return sheet, _Parse(
        sheet=sheet, page_rules=state.page_rules[rules:], layers=state.layers[layers:],
        counter_styles={name: value for name, value in state.counter_style.items()
                        if counters.get(name) is not value},
        color_profiles={name: value for name, value in state.color_profiles.items()
                        if profiles.get(name) is not value},
        records=recorder.records, pending=_pending(sheet, state.page_rules[rules:]))


def _replay(parse: _Parse, state: _State) -> Any:
    """The kept sheet for this render: a copy bound to its collections, and what the parse
    did to the first render done again to this one. (Not its fetches: a kept parse read
    only fonts, which a parse in the same font configuration does not read again.)"""
    from weasyprint.logger import LOGGER

    for value in parse.pending:
        value._reported_error = False
    state.page_rules.extend(parse.page_rules)
    state.layers.extend(layer for layer in parse.layers if layer not in state.layers)
    state.counter_style.update(parse.counter_styles)
    state.color_profiles.update(parse.color_profiles)
    for record in parse.records:
        if LOGGER.isEnabledFor(record.levelno):
            LOGGER.handle(record)
    sheet = copy.copy(parse.sheet)
    sheet.page_rules = state.page_rules
    sheet.layers = state.layers
    return sheet


def _pending(sheet: Any, page_rules: list[Any]) -> list[Any]:
    """The `var()` values in a sheet's declarations (see `_Parse.pending`)."""
    from weasyprint.css.tokens import Pending

    matcher = sheet.matcher
    entries = [entry for group in (matcher.id_selectors, matcher.class_selectors,
                                   matcher.lower_local_name_selectors,
                                   matcher.namespace_selectors)
               for entries in group.values() for entry in entries]
    entries += matcher.lang_attr_selectors + matcher.other_selectors
    declarations = [entry[-1][0] for entry in entries]
    declarations += [rule[2] for rule in page_rules]
    return [values for block in declarations for _name, values, _important in block
            if isinstance(values, Pending)]
