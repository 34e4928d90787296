"""Render the safe Markdown subset of content: raw HTML escaped, footnotes as page footnotes."""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup
from mdit_py_plugins.footnote import footnote_plugin

ALLOWED_LINK_SCHEMES = ("http://", "https://", "mailto:", "#")
LIST_OPENERS = {"bullet_list_open", "ordered_list_open"}
PROSE_LIST_CLASS = "prose-list"


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "typographer": True, "linkify": False})
    md.enable(["replacements", "strikethrough"])
    md.disable(["image", "html_block", "html_inline"])
    md.use(footnote_plugin, inline=False)
    md.validateLink = _safe_link  # type: ignore[method-assign]
    return md


def _safe_link(url: str) -> bool:
    return url.strip().lower().startswith(ALLOWED_LINK_SCHEMES)


def render_block(text: str) -> Markup:
    """Paragraphs, lists, emphasis, links; `[^n]` references become `float: footnote` spans."""
    md = _parser()
    env: dict[str, object] = {}
    tokens = md.parse(text, env)
    notes, body = _split_footnotes(md, tokens, env)
    for token in body:
        if token.type == "inline" and token.children:
            token.children = [_footnote_span(child, notes) for child in token.children]
        elif token.type in LIST_OPENERS:
            token.attrSet("class", PROSE_LIST_CLASS)  # markers from the brand's fonts
    return Markup(md.renderer.render(body, md.options, env).strip())


def render_inline(text: str) -> Markup:
    """Emphasis and links only, no paragraphs: for titles, captions and list items."""
    md = _parser()
    return Markup(md.renderInline(text).strip())


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
            notes[current] = html.replace("<p>", "").replace("</p>", " ").strip()
            current = None
        elif current is not None:
            if token.type != "footnote_anchor":
                inner.append(token)
        elif not inside_block:
            body.append(token)
    return notes, body


def _footnote_span(token: Token, notes: dict[int, str]) -> Token:
    if token.type != "footnote_ref":
        return token
    note = notes.get(token.meta["id"], "")
    replacement = Token("html_inline", "", 0)
    replacement.content = f'<span class="footnote">{note}</span>'
    return replacement
