"""Render the safe Markdown subset of content: raw HTML escaped, footnotes as page footnotes,
and `[words]{lang=xx}` for a phrase in another language."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup
from mdit_py_plugins.attrs import attrs_plugin
from mdit_py_plugins.footnote import footnote_plugin

from briefs.content.markup_clusters import Split, widen_markup
from briefs.content.tables import shape_tables

ALLOWED_LINK_SCHEMES = ("http://", "https://", "mailto:", "#")
LIST_OPENERS = {"bullet_list_open", "ordered_list_open"}
PROSE_LIST_CLASS = "prose-list"
FIGURE_REFERENCE = re.compile(r"^\[figure:\s*([a-z0-9][a-z0-9-]{0,63})\s*\]$")
"""A paragraph that is only `[figure: name]` stands for the figure of that name."""
FigureHtml = Callable[[str], "Markup | None"]
UNSPACED = "\u0e00-\u0e7f\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
"""Scripts written without spaces between words (Thai, Han, kana): Korean is not one of them."""
UNSPACED_BREAK = re.compile(rf"(?<=[{UNSPACED}])[ \t]*\n[ \t]*(?=[{UNSPACED}])")
SPACED_BREAK = re.compile(r"[ \t]*\n[ \t]*")
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$")
"""BCP 47 in shape (`zh`, `pt-BR`, `sr-Latn`), as PDF/UA wants a structure element's /Lang."""


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "typographer": True, "linkify": False})
    md.enable(["replacements", "strikethrough", "table"])
    md.disable(["image", "html_block", "html_inline"])
    md.use(footnote_plugin, inline=False)
    md.use(attrs_plugin, spans=True, allowed=["lang"])
    md.validateLink = _safe_link  # type: ignore[method-assign]
    return md


def _safe_link(url: str) -> bool:
    """A web, mail or in-page link, with no control character that could hide a scheme."""
    text = url.strip()
    return text.lower().startswith(ALLOWED_LINK_SCHEMES) and not any(
        ord(char) < 0x20 or 0x7f <= ord(char) <= 0x9f for char in text)


def render_block(text: str, figure: FigureHtml | None = None) -> Markup:
    """Paragraphs, lists, tables, emphasis, links; `[^n]` references become
    `float: footnote` spans; a `[figure: name]` paragraph becomes `figure(name)`."""
    md = _parser()
    env: dict[str, object] = {}
    tokens = md.parse(text, env)
    _drop_bad_languages(tokens)
    _whole_clusters(tokens)
    notes, body = _split_footnotes(md, tokens, env)
    body = _place_figures(body, figure)
    body = shape_tables(body, lambda words: _cells(md, words, env))
    for token in body:
        if token.type == "inline" and token.children:
            token.children = [_footnote_span(child, notes) for child in token.children]
        elif token.type in LIST_OPENERS:
            token.attrSet("class", PROSE_LIST_CLASS)  # markers from the brand's fonts
    return Markup(md.renderer.render(body, md.options, env).strip())


def _cells(md: MarkdownIt, words: str, env: dict[str, object]) -> list[Token]:
    """A table cell's inline tokens, its markup on cluster boundaries."""
    tokens = [token for token in md.parseInline(words, env) if token.type == "inline"]
    _whole_clusters(tokens)
    return tokens


def _place_figures(tokens: list[Token], figure: FigureHtml | None) -> list[Token]:
    """Each `[figure: name]` paragraph replaced by the figure's HTML (left out when the
    figure could not be made: its problem has been reported)."""
    placed: list[Token] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        inline = tokens[index + 1] if index + 2 < len(tokens) else None
        match = (FIGURE_REFERENCE.match(inline.content.strip())
                 if token.type == "paragraph_open" and inline is not None
                 and inline.type == "inline" else None)
        if match is None:
            placed.append(token)
            index += 1
            continue
        html = Token("html_block", "", 0)
        html.content = str(figure(match[1]) or "") if figure is not None else ""
        placed.append(html)
        index += 3
    return placed


def render_inline(text: str) -> Markup:
    """Emphasis, links and language spans, no paragraphs: for titles, captions, list items."""
    md = _parser()
    env: dict[str, object] = {}
    tokens = md.parseInline(text, env)
    _drop_bad_languages(tokens)
    _whole_clusters(tokens)
    return Markup(md.renderer.render(tokens, md.options, env).strip())


def language_problems(text: str) -> list[str]:
    """`{lang=...}` values that are not language tags, for the content's validation."""
    return [f'"{value}" in {{lang={value}}} is not a language code; write one such as zh, '
            "pt-BR or sr-Latn" for token in _inline_tokens(_parser().parse(text, {}))
            if (value := str(token.attrs.get("lang", ""))) and not LANGUAGE_TAG.match(value)]


def cluster_splits(text: str) -> list[Split]:
    """Author markup that starts or ends inside a grapheme cluster (widened when rendered)."""
    return _whole_clusters(_parser().parse(text, {}))


def _whole_clusters(tokens: list[Token]) -> list[Split]:
    """Every inline token's markup moved to cluster boundaries (markup_clusters.py)."""
    splits: list[Split] = []
    for token in _inline_tokens(tokens):
        if token.type == "inline" and token.children:
            splits += widen_markup(token.children)
    return splits


def checked_markdown(text: str) -> str:
    """For the schema: Markdown whose language spans name real language codes."""
    problems = language_problems(text)
    if problems:
        raise ValueError(problems[0])
    return text


def _inline_tokens(tokens: list[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        if token.children:
            yield from _inline_tokens(token.children)


def _drop_bad_languages(tokens: list[Token]) -> None:
    """A `lang` that is no language tag is left out (validation has reported it)."""
    for token in _inline_tokens(tokens):
        if "lang" in token.attrs and not LANGUAGE_TAG.match(str(token.attrs["lang"])):
            del token.attrs["lang"]


def _split_footnotes(md: MarkdownIt, tokens: list[Token],
                     env: dict[str, object]) -> tuple[dict[int, str], list[Token]]:
    notes: dict[int, str] = {}
    body: list[Token] = []
    current: int | None = None
    inner: list[Token] = []
    inside_block = False
    for token in tokens:
        if token.type == "footnote_block_open":
            inside_block = True
        elif token.type == "footnote_block_close":
            inside_block = False
        elif token.type == "footnote_open":
            current, inner = token.meta["id"], []
        elif token.type == "footnote_close" and current is not None:
            html = md.renderer.render(inner, md.options, env)
            notes[current] = _joined(html.replace("<p>", "").replace("</p>", " ").strip())
            current = None
        elif current is not None:
            if token.type != "footnote_anchor":
                inner.append(token)
        elif not inside_block:
            body.append(token)
    return notes, body


def _joined(html: str) -> str:
    """A note's source lines joined as Markdown joins them (WeasyPrint 70 keeps a newline
    inside a `float: footnote` element as a line break): with a space, or with nothing
    between two Chinese, Japanese or Thai characters (Korean puts spaces between words)."""
    return SPACED_BREAK.sub(" ", UNSPACED_BREAK.sub("", html))


def _footnote_span(token: Token, notes: dict[int, str]) -> Token:
    if token.type != "footnote_ref":
        return token
    note = notes.get(token.meta["id"], "")
    replacement = Token("html_inline", "", 0)
    replacement.content = f'<span class="footnote">{note}</span>'
    return replacement
