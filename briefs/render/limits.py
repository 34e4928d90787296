"""A template sandbox that refuses huge values and reaches only an allow-list (see `exposure`).

A template is workspace input. `{{ 9**(9**9) }}` is one C-level operation that no timer can
interrupt, so the sandbox refuses operations whose result would be huge before doing them;
everything else (loops, recursion) runs under a time limit per target.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from briefs.render.exposure import (
    FILTERS,
    GLOBALS,
    TESTS,
    Record,
    allowed_attribute,
    allowed_callable,
)

MAX_RESULT_BITS = 4096
"""The largest integer a template may compute (about 1200 digits)."""
MAX_SEQUENCE = 1_000_000
"""The longest string or list a template may make with `*`."""
MAX_WIDTH = 10_000
"""The largest width, count or format padding a template may ask of a filter."""
SIZED_FILTERS = ("center", "indent", "wordwrap", "truncate", "batch", "slice", "format",
                 "filesizeformat", "round")


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """Jinja2's immutable sandbox, refusing arithmetic and repetition with huge results, and
    any attribute, method, global or filter outside the allow-list of `exposure`.

    Call `seal()` once the globals and filters are in place: only what is there then (and in
    the allow-lists) may be called.
    """

    intercepted_binops = frozenset({"**", "*", "%", "//", "+"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.callables: dict[int, str] = {}

    def seal(self) -> None:
        """Drop any global, filter or test outside the allow-list; remember the rest."""
        for table, allowed in ((self.globals, GLOBALS), (self.filters, FILTERS),
                               (self.tests, TESTS)):
            for name in [name for name in table if name not in allowed]:
                del table[name]
        self.callables = {id(value): name for name, value in self.globals.items()}

    def getattr(self, obj: Any, attribute: str) -> Any:
        if isinstance(obj, Record) and attribute in obj:
            return obj[attribute]  # a value named `items` is the value, not the method
        return super().getattr(obj, attribute)

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        return allowed_attribute(obj, attr) and super().is_safe_attribute(obj, attr, value)

    def is_safe_callable(self, obj: Any) -> bool:
        return allowed_callable(obj, self.callables)

    def wrap_str_format(self, value: Any) -> None:
        """`str.format` is not on the allow-list (a width is unbounded): never wrapped."""
        return None

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        _check_binop(operator, left, right)
        return super().call_binop(context, operator, left, right)


def _check_binop(operator: str, left: Any, right: Any) -> None:
    if operator == "**" and _is_int(left) and _is_int(right) and abs(left) > 1 and \
            abs(right) * max(abs(left).bit_length(), 1) > MAX_RESULT_BITS:
        raise SecurityError(f"{left} ** {right} is too large a number for a template")
    if operator == "*":
        if _is_int(left) and _is_int(right) and \
                abs(left).bit_length() + abs(right).bit_length() > MAX_RESULT_BITS:
            raise SecurityError("too large a number for a template")
        for sequence, count in ((left, right), (right, left)):
            if isinstance(sequence, str | list | tuple) and _is_int(count) and \
                    len(sequence) * count > MAX_SEQUENCE:
                raise SecurityError(f"a text or list of {len(sequence) * count} items is too "
                                    f"long for a template (the limit is {MAX_SEQUENCE})")
    if operator == "+" and isinstance(left, str | list | tuple) and \
            isinstance(right, str | list | tuple) and len(left) + len(right) > MAX_SEQUENCE:
        raise SecurityError(f"a text or list of {len(left) + len(right)} items is too long "
                            f"for a template (the limit is {MAX_SEQUENCE})")
    if operator == "%" and isinstance(left, str):
        _check_format(left)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_format(text: str) -> None:
    import re

    for width in re.findall(r"%(?:\([^)]*\))?[#0 +-]*(\d+)(?:\.(\d+))?", text):
        if any(part and int(part) > MAX_WIDTH for part in width):
            raise SecurityError(f"a format width over {MAX_WIDTH} in a template")


def bound_filters(filters: dict[str, Callable[..., Any]]) -> None:
    """Wrap the filters that take a width or count so that a huge one is refused."""
    for name in SIZED_FILTERS:
        if name in filters:
            filters[name] = _bounded(name, filters[name])


def _bounded(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    def bounded(*args: Any, **kwargs: Any) -> Any:
        for value in (*args[1:], *kwargs.values()):
            if _is_int(value) and abs(value) > MAX_WIDTH:
                raise SecurityError(f"{name}({value}) is over the limit of {MAX_WIDTH} for a "
                                    "template")
        if name == "format" and args and isinstance(args[0], str):
            _check_format(args[0])
        return function(*args, **kwargs)

    for attribute in ("jinja_pass_arg",):
        if hasattr(function, attribute):
            setattr(bounded, attribute, getattr(function, attribute))
    return bounded
