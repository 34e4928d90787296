"""A template sandbox that refuses huge values and reaches only an allow-list (see `exposure`).

A template is workspace input. `{{ 9**(9**9) }}` is one C-level operation that no timer can
interrupt, so the sandbox refuses operations whose result would be huge before doing them;
everything else (loops, recursion) runs under a time limit per target.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
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
MAX_TEXT = 20_000_000
"""The longest text a template may make by `~`, `+`, `replace` or `join` (its whole output is
bounded alike, in `templating`)."""
MAX_WIDTH = 10_000
"""The largest width, count or format padding a template may ask of a filter."""
SIZED_FILTERS = ("center", "indent", "wordwrap", "truncate", "batch", "slice", "format",
                 "filesizeformat", "round")


class BoundedCodeGenerator(CodeGenerator):
    """Compiles `a ~ b` into a call that checks the size of the result before making it."""

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        if frame.eval_ctx.volatile:
            join = "(markup_join if context.eval_ctx.volatile else str_join)"
        elif frame.eval_ctx.autoescape:
            join = "markup_join"
        else:
            join = "str_join"
        self.write(f"environment.checked_concat({join}, (")
        for argument in node.nodes:
            self.visit(argument, frame)
            self.write(", ")
        self.write("))")


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """Jinja2's immutable sandbox, refusing arithmetic and repetition with huge results, and
    any attribute, method, global or filter outside the allow-list of `exposure`.

    Call `seal()` once the globals and filters are in place: only what is there then (and in
    the allow-lists) may be called.
    """

    intercepted_binops = frozenset({"**", "*", "%", "//", "+"})
    code_generator_class = BoundedCodeGenerator

    def checked_concat(self, join: Callable[[Any], str], parts: tuple[Any, ...]) -> str:
        return _checked_concat(join, parts)

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

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        owner = getattr(__obj, "__self__", None)
        if isinstance(owner, str) and getattr(__obj, "__name__", "") == "replace":
            check_replace(owner, *args, **kwargs)
        if isinstance(owner, str) and getattr(__obj, "__name__", "") == "join" and args:
            check_join(owner, args[0])
        return super().call(__context, __obj, *args, **kwargs)

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
            if isinstance(sequence, str | list | tuple) and _is_int(count) and count > 0 and \
                    weight(sequence, MAX_SEQUENCE // count + 1) * count > MAX_SEQUENCE:
                raise SecurityError(f"a text or list of over {MAX_SEQUENCE} characters or "
                                    "items is too long for a template")
    if operator == "+" and isinstance(left, str | list | tuple) and \
            isinstance(right, str | list | tuple) and \
            weight(left, MAX_TEXT) + weight(right, MAX_TEXT) > MAX_TEXT:
        raise SecurityError(f"a text or list of over {MAX_TEXT} characters or items is too "
                            "long for a template")
    if operator == "%" and isinstance(left, str):
        _check_format(left)


def weight(value: Any, budget: int) -> int:
    """About how many characters `value` prints as (a list's items counted through), counted
    no further than just past `budget` (a list may hold one big text a million times)."""
    if isinstance(value, str):
        return len(value)
    if isinstance(value, list | tuple | dict):
        total = 2
        for item in (value.items() if isinstance(value, dict) else value):
            total += 2 + weight(item, budget - total)
            if total > budget:
                break
        return total
    return 8


def _checked_concat(join: Callable[[Any], str], parts: tuple[Any, ...]) -> str:
    """A template's `a ~ b ~ c`, refused before it is made when it would pass `MAX_TEXT`."""
    total = 0
    for part in parts:
        total += weight(part, MAX_TEXT - total)
        if total > MAX_TEXT:
            raise SecurityError(f"joining texts of over {MAX_TEXT} characters with ~ is too "
                                "long for a template")
    return join(parts)


def check_replace(text: str, old: str, new: str, count: int = -1) -> None:
    """`replace` (filter or method) refused when its result would pass `MAX_TEXT`."""
    found = len(text) + 1 if old == "" else text.count(old) if old else 0
    if count is not None and count >= 0:
        found = min(found, count)
    if len(text) + found * (len(new) - len(old)) > MAX_TEXT:
        raise SecurityError(f"a replace() whose result is over {MAX_TEXT} characters is too "
                            "long for a template")


def check_join(separator: str, items: Any) -> None:
    """`sep.join(items)` (filter or method) refused when the result would pass `MAX_TEXT`."""
    if isinstance(items, list | tuple):
        budget = MAX_TEXT
        if len(separator) * max(len(items) - 1, 0) + weight(list(items), budget) > budget:
            raise SecurityError(f"a join() whose result is over {MAX_TEXT} characters is too "
                                "long for a template")


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_format(text: str) -> None:
    import re

    for width in re.findall(r"%(?:\([^)]*\))?[#0 +-]*(\d+)(?:\.(\d+))?", text):
        if any(part and int(part) > MAX_WIDTH for part in width):
            raise SecurityError(f"a format width over {MAX_WIDTH} in a template")


def bound_filters(filters: dict[str, Callable[..., Any]]) -> None:
    """Wrap the filters that take a width or count so that a huge one is refused, and those
    that can multiply a text (`replace`, `join`) so that a huge result is."""
    for name in SIZED_FILTERS:
        if name in filters:
            filters[name] = _bounded(name, filters[name])
    if "replace" in filters:
        filters["replace"] = _checked(filters["replace"], _replace_args)
    if "join" in filters:
        filters["join"] = _checked_join(filters["join"])


def _replace_args(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    # do_replace(eval_ctx, s, old, new, count=None)
    values = list(args[1:]) + [kwargs.get(key) for key in ("s", "old", "new", "count")
                               if key in kwargs]
    if len(values) >= 3 and all(isinstance(v, str) for v in values[:3]):
        count = values[3] if len(values) > 3 and _is_int(values[3]) else -1
        check_replace(str(values[0]), str(values[1]), str(values[2]), count)


def _checked_join(function: Callable[..., Any]) -> Callable[..., Any]:
    """The `join` filter, its items taken once (a generator from `map`) and measured first."""
    def checked(eval_ctx: Any, value: Any, d: str = "", attribute: Any = None) -> Any:
        if not isinstance(value, str) and isinstance(d, str):
            value = list(value) if not isinstance(value, list | tuple) else value
            if attribute is None:
                check_join(d, value)
        return function(eval_ctx, value, d, attribute)

    checked.jinja_pass_arg = function.jinja_pass_arg  # type: ignore[attr-defined]
    return checked


def _checked(function: Callable[..., Any],
             check: Callable[[tuple[Any, ...], dict[str, Any]], None]) -> Callable[..., Any]:
    def checked(*args: Any, **kwargs: Any) -> Any:
        check(args, kwargs)
        return function(*args, **kwargs)

    for attribute in ("jinja_pass_arg",):
        if hasattr(function, attribute):
            setattr(checked, attribute, getattr(function, attribute))
    return checked


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
