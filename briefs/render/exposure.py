"""What a template may reach: plain data, and an allow-list of methods, filters and globals.

A template is workspace input (a kind's template, an override of a built-in one), so it must
not reach anything that reads files, unpickles or imports: the pydantic models of the content
have `parse_file`, `parse_raw(..., allow_pickle=True)`, `model_validate_json`, `copy`... The
context is therefore copied into plain data before it is rendered (`template_data`): models,
dataclasses and mappings become `Record`s (named values, no methods), sequences lists, and any
other value its text. The sandbox (`briefs.render.limits.BoundedSandbox`) then lets a template
read a `Record`'s values and call only the methods named in `METHODS`, the functions wrapped in
`TemplateFunction`, Jinja's own runtime objects (macros, loops, blocks) and the globals and
filters named in `GLOBALS` and `FILTERS`. Jinja2's sandbox has no allow-list mode (it refuses
a deny-list of attributes), hence this module.
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
import types
from collections.abc import Callable, Iterator, Mapping
from pathlib import PurePath
from typing import Any

from jinja2.runtime import BlockReference, LoopContext, Macro, TemplateReference, Undefined
from jinja2.utils import Cycler, Joiner, Namespace
from markupsafe import Markup
from pydantic import BaseModel

from briefs.content.dates import DateSpan, PartialDate

MAX_DEPTH = 64
"""The deepest a context may nest (a content tree is a few levels deep)."""

SCALARS = (type(None), bool, int, float, str, datetime.date, datetime.time,
           datetime.timedelta, PartialDate, DateSpan)
"""The values a template receives as they are (a `datetime` is a `date`): immutable, and read
by the date filters."""

STRING_METHODS = frozenset({
    "capitalize", "casefold", "count", "endswith", "find", "index", "isalnum", "isalpha",
    "isdigit", "islower", "isnumeric", "isspace", "istitle", "isupper", "join", "lower",
    "lstrip", "partition", "removeprefix", "removesuffix", "rfind", "rindex", "rpartition",
    "rsplit", "rstrip", "split", "splitlines", "startswith", "strip", "swapcase", "title",
    "upper", "replace",
})
"""No `format`/`format_map` (an unbounded width) and no padding methods (`center`, `ljust`,
`zfill`, `expandtabs`): the bounded filters of the same names are there instead."""

METHODS: dict[type, frozenset[str]] = {
    str: STRING_METHODS,
    Markup: STRING_METHODS | {"striptags", "unescape"},
    datetime.date: frozenset({"year", "month", "day", "isoformat", "weekday", "isoweekday"}),
    datetime.datetime: frozenset({"year", "month", "day", "hour", "minute", "second",
                                  "isoformat", "weekday", "isoweekday", "date", "time"}),
    datetime.time: frozenset({"hour", "minute", "second", "isoformat"}),
    datetime.timedelta: frozenset({"days", "seconds", "total_seconds"}),
    PartialDate: frozenset({"year", "month", "day", "precision", "first_day", "last_day",
                            "isoformat"}),
    DateSpan: frozenset({"start", "end", "precision", "isoformat"}),
    int: frozenset({"real", "imag"}),
    float: frozenset({"real", "imag", "is_integer"}),
    list: frozenset({"count", "index"}),
    tuple: frozenset({"count", "index"}),
    dict: frozenset({"items", "keys", "values", "get"}),
    LoopContext: frozenset({"index", "index0", "revindex", "revindex0", "first", "last",
                            "length", "depth", "depth0", "previtem", "nextitem", "cycle",
                            "changed"}),
    Cycler: frozenset({"next", "reset", "current", "items", "pos"}),
    Joiner: frozenset(),
    Macro: frozenset({"name", "arguments", "catch_kwargs", "catch_varargs", "caller"}),
}
"""The attributes and methods a template may use, by the exact type of the value."""

RECORD_METHODS = frozenset({"items", "keys", "values", "get"})

GLOBALS = frozenset({
    "range", "dict", "cycler", "joiner", "namespace",
    "gettext", "ngettext", "pgettext", "npgettext", "_",
    "date_range", "time_range",
})
"""Every global a template may call: Jinja's (not `lipsum`, which makes any amount of text),
gettext's and briefs' own."""

FILTERS = frozenset({
    # Jinja2's built-in filters (none reaches outside the values it is given)
    "abs", "attr", "batch", "capitalize", "center", "count", "d", "default", "dictsort", "e",
    "escape", "filesizeformat", "first", "float", "forceescape", "format", "groupby",
    "indent", "int", "items", "join", "last", "length", "list", "lower", "map", "max", "min",
    "pprint", "random", "reject", "rejectattr", "replace", "reverse", "round", "safe",
    "select", "selectattr", "slice", "sort", "string", "striptags", "sum", "title", "tojson",
    "trim", "truncate", "unique", "upper", "urlencode", "urlize", "wordcount", "wordwrap",
    "xmlattr",
    # briefs'
    "markdown", "markdown_inline", "date_long", "date_full", "time_short", "number",
    "qr_data_uri", "web_link",
})

TESTS = frozenset({
    "boolean", "callable", "defined", "divisibleby", "eq", "escaped", "even", "false",
    "filter", "float", "ge", "gt", "greaterthan", "in", "integer", "iterable", "le",
    "lower", "lt", "lessthan", "mapping", "ne", "none", "number", "odd", "sameas",
    "sequence", "string", "test", "true", "undefined", "upper", "==", "!=", ">", ">=", "<",
    "<=",
})

JINJA_CALLABLES = (Macro, BlockReference, LoopContext, Joiner, Undefined)
"""Jinja's runtime objects a template calls: `caller()`, `super()`, `loop(...)`, a joiner, and
an undefined name (which raises "... is undefined", the clearer message)."""


class Record(Mapping[str, Any]):
    """Named values, read by attribute (`doc.title`) or item (`doc["title"]`), with no method
    a template can reach but `items`, `keys`, `values` and `get`."""

    __slots__ = ("_kind", "_values")

    def __init__(self, values: dict[str, Any], kind: str = "record") -> None:
        self._values = values
        self._kind = kind

    def __getattr__(self, name: str) -> Any:
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(name) from None

    def __getitem__(self, key: str) -> Any:
        return self._values[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        return f"Record({self._values!r})"


def kind_of(record: Record) -> str:
    """What a record holds (a content model's class name), for messages about it; a function,
    not an attribute, so that no name of a template's data is shadowed."""
    return record._kind


class TemplateFunction:
    """A function a template may call (the context's `counter_content`, a model's `link`)."""

    __slots__ = ("_function", "name")

    def __init__(self, function: Callable[..., Any], name: str) -> None:
        self._function = function
        self.name = name

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return template_data(self._function(*args, **kwargs))

    def __repr__(self) -> str:
        return f"<template function {self.name}>"


class ExposureError(TypeError):
    """A context holds something a template may not be given (a programming error)."""


def template_data(value: Any, depth: int = 0) -> Any:
    """`value` as plain data a template may be given (see the module's docstring)."""
    if depth > MAX_DEPTH:
        raise ExposureError(f"a template's data is nested more than {MAX_DEPTH} levels")
    if isinstance(value, Markup):
        return value
    if isinstance(value, enum.Enum):
        return template_data(value.value, depth + 1)
    if isinstance(value, str):
        return str(value)  # a str subclass (a pydantic URL...) as plain text
    if isinstance(value, SCALARS):
        return value
    if isinstance(value, Record | TemplateFunction):
        return value
    if isinstance(value, BaseModel):
        return _model(value, depth)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return Record({field.name: template_data(getattr(value, field.name), depth + 1)
                       for field in dataclasses.fields(value)}, type(value).__name__)
    if isinstance(value, Mapping):
        return Record({str(key): template_data(item, depth + 1)
                       for key, item in value.items()})
    if isinstance(value, list | tuple | set | frozenset):
        return [template_data(item, depth + 1) for item in value]
    if isinstance(value, PurePath):
        return value.as_posix()
    if isinstance(value, types.FunctionType | types.BuiltinFunctionType | types.MethodType):
        raise ExposureError(f"{value!r} must be wrapped in TemplateFunction to be given to a "
                            "template")
    return str(value)


def _model(model: BaseModel, depth: int) -> Record:
    """A pydantic model's fields (and computed fields), and the methods its class names in
    `template_methods` (e.g. `SocialHandle.link`), each wrapped."""
    cls = type(model)
    names = [*cls.model_fields, *cls.model_computed_fields]
    values: dict[str, Any] = {name: getattr(model, name) for name in names}
    values.update((model.__pydantic_extra__ or {}).items())
    for name in getattr(cls, "template_methods", ()):
        values[name] = TemplateFunction(getattr(model, name), f"{cls.__name__}.{name}")
    return Record({key: template_data(item, depth + 1) for key, item in values.items()},
                  cls.__name__)


def allowed_attribute(obj: Any, attr: str) -> bool:
    """Whether a template may read `obj.attr` (data of a record, or an allow-listed method)."""
    if attr.startswith("_"):
        return False
    if isinstance(obj, Record):
        return attr in obj or attr in RECORD_METHODS
    if isinstance(obj, Namespace | TemplateReference) or _is_module(obj):
        return True  # a template's own names: `ns.x`, `self.block`, an imported macro
    return attr in METHODS.get(type(obj), frozenset())


def allowed_callable(obj: Any, allowed: Mapping[int, str]) -> bool:
    """Whether a template may call `obj`: a wrapped function, a global or filter given at the
    environment's creation (`allowed`, by identity), a Jinja runtime object, or an allowed
    method of an allowed value."""
    if isinstance(obj, (TemplateFunction, *JINJA_CALLABLES)) or id(obj) in allowed:
        return True
    if isinstance(obj, types.BuiltinMethodType | types.MethodType):
        owner = getattr(obj, "__self__", None)
        name = getattr(obj, "__name__", "")
        if isinstance(owner, Record):
            return name in RECORD_METHODS
        return not isinstance(owner, types.ModuleType | type) and \
            name in METHODS.get(type(owner), frozenset())
    return False


def _is_module(obj: Any) -> bool:
    from jinja2.environment import TemplateModule

    return isinstance(obj, TemplateModule)
