"""Plain words for schema errors: what is wrong and how to fix it, never the validator's jargon."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from briefs.core.diagnostics import did_you_mean

MAX_SHOWN = 40

PATTERN_WORDS: dict[str, str] = {}
"""A field's regular expression -> what it asks for, in words (filled by the schemas that
declare patterns, next to the pattern)."""


def describe_pattern(pattern: str, words: str) -> str:
    """Register the plain description of `pattern`; return the pattern (for `Field(pattern=)`)."""
    PATTERN_WORDS[pattern] = words
    return pattern


def _shown(value: Any) -> str:
    if not isinstance(value, str):
        return ""
    text = value if len(value) <= MAX_SHOWN else value[:MAX_SHOWN - 3] + "..."
    return f' (got "{text}")'


def _found(value: Any) -> str:
    if value is None:
        return "nothing (the value is empty)"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping of fields"
    return f'"{value}"'


def _choices(error: dict[str, Any]) -> list[str]:
    expected = str(error.get("ctx", {}).get("expected", ""))
    return re.findall(r"'([^']*)'", expected)


def _one_of(error: dict[str, Any]) -> str:
    choices = _choices(error)
    value = error.get("input")
    hint = did_you_mean(value, choices) if isinstance(value, str) else ""
    listed = ", ".join(choices) if choices else "the listed choices"
    return f"must be one of: {listed}{_shown(value)}{hint}"


def _text(error: dict[str, Any]) -> str:
    value = error.get("input")
    if value is None:
        return "has no value; write one after the colon"
    return f"expected a text, found {_found(value)}"


def _pattern(error: dict[str, Any]) -> str:
    words = PATTERN_WORDS.get(str(error.get("ctx", {}).get("pattern", "")))
    return f"{words or 'is not written in the form this field takes'}{_shown(error.get('input'))}"


def _ctx(error: dict[str, Any], key: str) -> Any:
    return error.get("ctx", {}).get(key)


def _items(count: Any) -> str:
    return f"{count} item" + ("" if count == 1 else "s")


WORDING: dict[str, Callable[[dict[str, Any]], str]] = {
    "literal_error": _one_of,
    "enum": _one_of,
    "string_type": _text,
    "string_pattern_mismatch": _pattern,
    "string_too_short": lambda e: "is empty; write a value",
    "too_short": lambda e: f"needs at least {_items(_ctx(e, 'min_length'))}, "
                           f"found {_ctx(e, 'actual_length')}",
    "too_long": lambda e: f"has {_items(_ctx(e, 'actual_length'))}, more than the "
                          f"{_ctx(e, 'max_length')} allowed; remove some",
    "int_parsing": lambda e: f"expected a whole number such as 3{_shown(e.get('input'))}",
    "int_type": lambda e: f"expected a whole number such as 3, found {_found(e.get('input'))}",
    "int_from_float": lambda e: f"expected a whole number such as 3{_shown(e.get('input'))}",
    "float_parsing": lambda e: f"expected a number such as 2.5{_shown(e.get('input'))}",
    "float_type": lambda e: f"expected a number such as 2.5, found {_found(e.get('input'))}",
    "bool_parsing": lambda e: f"expected true or false{_shown(e.get('input'))}",
    "bool_type": lambda e: f"expected true or false, found {_found(e.get('input'))}",
    "greater_than": lambda e: f"must be more than {_ctx(e, 'gt')}{_shown(e.get('input'))}",
    "greater_than_equal": lambda e: f"must be {_ctx(e, 'ge')} or more{_shown(e.get('input'))}",
    "less_than": lambda e: f"must be less than {_ctx(e, 'lt')}{_shown(e.get('input'))}",
    "less_than_equal": lambda e: f"must be {_ctx(e, 'le')} or less{_shown(e.get('input'))}",
    "list_type": lambda e: f"expected a list (one item per line, each starting with '- '), "
                           f"found {_found(e.get('input'))}; check the indentation",
    "dict_type": lambda e: f"expected a mapping of fields (key: value), found "
                           f"{_found(e.get('input'))}; check the indentation",
    "model_type": lambda e: f"expected a mapping of fields (key: value), found "
                            f"{_found(e.get('input'))}; check the indentation",
    "model_attributes_type": lambda e: f"expected a mapping of fields (key: value), found "
                                       f"{_found(e.get('input'))}; check the indentation",
}


def plain_message(error: dict[str, Any]) -> str:
    """One schema error in plain words (our own validators' messages are kept as written)."""
    kind = str(error["type"])
    if kind == "string_too_long" and isinstance(error.get("input"), str):
        limit, length = _ctx(error, "max_length"), len(error["input"])
        return (f"{length} characters, over the limit of {limit} for this field by "
                f"{length - int(limit or 0)}; shorten it")
    if kind in WORDING:
        return WORDING[kind](error)
    text = str(error["msg"]).removeprefix("Value error, ").removeprefix("Assertion failed, ")
    text = text[0].lower() + text[1:] if text else text
    value = error.get("input")
    if isinstance(value, str) and kind != "missing" and f'"{value}"' not in text:
        text += _shown(value)
    if kind.startswith(("date_", "datetime_")):
        text = f"is not a date{_shown(value)}; write dates as YYYY-MM-DD"
    elif kind.startswith("time_"):
        text = f"is not a time{_shown(value)}; write times as HH:MM"
    return text
