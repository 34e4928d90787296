"""Pipe tables in Markdown made into accessible tables: a caption, a source line, header
scope, alignment that follows the writing direction, and numbers set apart."""

from __future__ import annotations

import re
from collections.abc import Callable

from markdown_it.token import Token

CAPTION_MARK = re.compile(r"^(?:Table)?:\s+", re.IGNORECASE)
"""A paragraph `: text` (pandoc's short form, which needs no word to translate) right above a
table is its caption; right below it, its source line (`: Source: UN-Water, 2024`)."""
NUMBER = re.compile(r"^[-+−]?[\d\u00a0\u202f ,.'’]*\d[\d\u00a0\u202f ,.'’]*\s?[%‰]?$")
"""A cell that holds a number as people write one (1 647; 14,8; 3.5%): set right, in tabular
figures, so that units line up (digits read left to right in every script)."""
ALIGNMENT = {"text-align:left": "align-start", "text-align:right": "align-end",
             "text-align:center": "align-center"}
"""`:--` and `--:` mean the start and the end of the line: mirrored in right-to-left text."""
TABLE_CLASS = "prose-table"

Inline = Callable[[str], list[Token]]


def shape_tables(tokens: list[Token], inline: Inline) -> list[Token]:
    """`tokens` with every table given its caption and source line, classes and scopes."""
    result: list[Token] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type != "table_open":
            result.append(token)
            index += 1
            continue
        end = _closing(tokens, index)
        caption = _marked_paragraph(result[-3:]) if len(result) >= 3 else None
        if caption is not None:
            del result[-3:]
        source = _marked_paragraph(tokens[end + 1:end + 4])
        result += _figure(tokens[index:end + 1], caption, source, inline)
        index = end + 1 + (3 if source is not None else 0)
    return result


def _closing(tokens: list[Token], start: int) -> int:
    depth = 0
    for index in range(start, len(tokens)):
        depth += {"table_open": 1, "table_close": -1}.get(tokens[index].type, 0)
        if depth == 0:
            return index
    return len(tokens) - 1


def _marked_paragraph(tokens: list[Token]) -> str | None:
    """The text of a paragraph written `: text`, or None."""
    if len(tokens) != 3 or [t.type for t in tokens] != ["paragraph_open", "inline",
                                                          "paragraph_close"]:
        return None
    content = tokens[1].content
    match = CAPTION_MARK.match(content)
    return content[match.end():] if match and content[match.end():].strip() else None


def _figure(table: list[Token], caption: str | None, source: str | None,
            inline: Inline) -> list[Token]:
    numeric = _numeric_columns(table)
    shaped: list[Token] = [_html('<div class="table-block">')]
    column = 0
    in_head = False
    for token in table:
        if token.type == "table_open":
            token.attrSet("class", TABLE_CLASS)
            shaped.append(token)
            if caption is not None:
                shaped += [_html("<caption>"), *inline(caption), _html("</caption>")]
            continue
        if token.type in ("thead_open", "thead_close"):
            in_head = token.type == "thead_open"
        if token.type == "tr_open":
            column = 0
        if token.type in ("th_open", "td_open"):
            _cell(token, column in numeric, in_head)
            column += 1
        shaped.append(token)
    if source is not None:
        shaped += [_html('<p class="table-source">'), *inline(source), _html("</p>")]
    shaped.append(_html("</div>"))
    return shaped


def _cell(token: Token, numeric: bool, header: bool) -> None:
    classes = []
    style = str(token.attrs.pop("style", "") or "")
    if style in ALIGNMENT:
        classes.append(ALIGNMENT[style])
    if numeric:
        classes.append("num")
    if header:
        token.attrSet("scope", "col")
    if classes:
        token.attrSet("class", " ".join(classes))


def _numeric_columns(table: list[Token]) -> set[int]:
    """Columns whose body cells are all numbers (empty cells and dashes aside)."""
    seen: dict[int, bool] = {}
    column, in_body = 0, False
    for index, token in enumerate(table):
        if token.type == "tbody_open":
            in_body = True
        elif token.type == "tr_open":
            column = 0
        elif token.type == "td_open" and in_body:
            text = table[index + 1].content.strip() if index + 1 < len(table) else ""
            if text not in ("", "-", "–", "—"):
                seen[column] = seen.get(column, True) and bool(NUMBER.match(text))
            column += 1
    return {column for column, numeric in seen.items() if numeric}


def _html(content: str) -> Token:
    token = Token("html_block", "", 0)
    token.content = content
    return token
