"""What a template is told when it reads a field that is not there: the kind of value, the
field asked for, and the nearest field it does have."""

from __future__ import annotations

import difflib

import jinja2
from jinja2.utils import missing

from briefs.render.exposure import METHODS, Record, kind_of

PLAIN_NAMES = {str: "a text", int: "a number", float: "a number", bool: "a yes/no value",
               list: "a list", type(None): "an empty value"}
"""How values that are not records are named to a template's writer."""

MAX_LISTED = 12


class TemplateUndefined(jinja2.StrictUndefined):
    """StrictUndefined whose message names the record's kind (`Event`) and its fields."""

    __slots__ = ()

    @property
    def _undefined_message(self) -> str:
        owner, name = self._undefined_obj, self._undefined_name
        if self._undefined_hint or owner is missing:
            return str(super()._undefined_message)
        if isinstance(owner, Record):
            what, names = kind_of(owner), sorted(owner)
        else:
            what = PLAIN_NAMES.get(type(owner), type(owner).__name__)
            names = sorted(METHODS.get(type(owner), ()))
        if not isinstance(name, str):
            return f"{what} has no item {name!r}"
        message = f"{what} has no field {name!r}"
        close = difflib.get_close_matches(name, names, n=1)
        if close:
            return f"{message} (did you mean {close[0]!r}?)"
        if names:
            listed = ", ".join(names[:MAX_LISTED]) + (", ..." if len(names) > MAX_LISTED else "")
            return f"{message} (it has: {listed})"
        return message
