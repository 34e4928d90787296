"""The field reference of a kind, written from its schemas: names, types, limits, help."""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Iterator
from typing import Any

from annotated_types import MaxLen, MinLen
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from briefs.content.dates import DateSpan, PartialDate
from briefs.content.descriptions import described
from briefs.content.schema import MARKDOWN_TEXT, CommonSettings, ImageRef
from briefs.kinds.kind import Kind

DATE = "date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`"
SPAN = DATE + ", or a range `a/b`"


def field_reference(kind: Kind) -> str:
    """A Markdown section: every field of document.yaml and of the prose, with its limit."""
    lines = [f"## `{kind.name}`", "", kind.description + ".", ""]
    for title, model, skip in (("document.yaml", kind.settings_model, COMMON),
                               ("<locale>.yaml (prose)", kind.text_model,
                                {"body_figures", "keywords"})):
        lines += [f"**{title}**", "", "| field | type | required | limit | what it is |",
                  "|---|---|---|---|---|"]
        lines += [_row(*entry) for entry in _fields(described(model), "", skip)]
        lines.append("")
    return "\n".join(lines)


COMMON = set(CommonSettings.model_fields) - {"kind"}
"""Common settings are documented once, not per kind."""


def _fields(model: type[BaseModel], prefix: str,
            skip: set[str]) -> Iterator[tuple[str, FieldInfo, Any]]:
    for name, info in model.model_fields.items():
        if name in skip:
            continue
        core, is_list = _core(info.annotation)
        path = f"{prefix}{name}" + ("[]" if is_list else "")
        yield path, info, info.annotation
        if isinstance(core, type) and issubclass(core, BaseModel) and core is not ImageRef:
            yield from _fields(core, path + ".", set())


def _row(path: str, info: FieldInfo, annotation: Any) -> str:
    core, is_list = _core(annotation)
    item = typing.get_args(_core_list(annotation))[0] if is_list else annotation
    kind = _type_name(core, MARKDOWN_TEXT in _metadata(info, item))
    if is_list:
        kind = f"list of {kind}" + _items(info)
    required = "yes" if info.is_required() else ""
    limit = _limit(info, annotation)
    shown = f"{limit} characters" if limit and core is str else ""
    what = " ".join((info.description or "").split()).replace("|", "\\|")
    return f"| `{path}` | {kind} | {required} | {shown} | {what} |"


def _core(annotation: Any) -> tuple[Any, bool]:
    """The type inside Optional, Annotated and list, and whether it is a list."""
    is_list = False
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            inner = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
            annotation = next((arg for arg in inner if typing.get_origin(arg) is not list),
                              inner[0])
        elif origin is list:
            is_list, annotation = True, typing.get_args(annotation)[0]
        elif origin is typing.Literal:
            return typing.get_args(annotation), is_list
        else:
            return annotation, is_list


def _metadata(info: FieldInfo, annotation: Any) -> list[Any]:
    """Every constraint and marker on a field, in its annotation too (inside Optional)."""
    found = list(info.metadata)
    stack = [annotation]
    while stack:
        current = stack.pop()
        args = typing.get_args(current)
        if typing.get_origin(current) is typing.Annotated:
            for extra in args[1:]:
                found += getattr(extra, "metadata", None) or [extra]
            stack.append(args[0])
        elif typing.get_origin(current) in (typing.Union, types.UnionType):
            stack += list(args)
    return found


def _limit(info: FieldInfo, annotation: Any) -> int | None:
    """The most characters a text takes (on the field, or on its items)."""
    limits = [m.max_length for m in _metadata(info, annotation) if isinstance(m, MaxLen)]
    if _core(annotation)[1]:  # a list: the field's own MaxLen counts items, not characters
        item = typing.get_args(_core_list(annotation))[0] if _core_list(annotation) else None
        limits = [m.max_length for m in _metadata(FieldInfo(), item) if isinstance(m, MaxLen)]
    return max(limits) if limits and _core(annotation)[0] is str else None


def _core_list(annotation: Any) -> Any:
    """The `list[...]` inside Optional and Annotated, if any."""
    stack = [annotation]
    while stack:
        current = stack.pop()
        if typing.get_origin(current) is list:
            return current
        stack += list(typing.get_args(current)[:1] if typing.get_origin(current)
                      is typing.Annotated else typing.get_args(current))
    return None


def _items(info: FieldInfo) -> str:
    low = next((m.min_length for m in info.metadata if isinstance(m, MinLen)), 0)
    high = next((m.max_length for m in info.metadata if isinstance(m, MaxLen)), None)
    if high:
        return f" ({low}–{high})" if low else f" (up to {high})"
    return f" ({low} or more)" if low else ""


def _type_name(core: Any, markdown: bool) -> str:
    if isinstance(core, tuple):
        return " \\| ".join(f"`{value}`" for value in core)
    names = {PartialDate: DATE, DateSpan: SPAN, dt.date: "date: `YYYY-MM-DD`",
             dt.time: "time: `HH:MM`", bool: "`true` or `false`", int: "number",
             ImageRef: "image: `{src, alt, decorative}`"}
    if core in names:
        return names[core]
    if core is str:
        return "Markdown" if markdown else "text"
    if isinstance(core, type) and issubclass(core, BaseModel):
        return "object"
    return "text"


LENGTH_ERROR = ("content/forum/en.yaml:52:14: error: more_events[0].summary: 412 characters, "
                "over the limit of 400 for this field by 12; shorten it")
PAGE_HEAD = """# Fields of the built-in kinds

Every field a document of each built-in kind may hold, with its type and length limit, as
`briefs check` enforces them (written from the schemas by `scripts/field_reference.py`; a
test fails when this page is out of date). A text over its limit is an error naming the
field, its length and the limit:

```
LENGTH_ERROR
```

Every document also has the common settings `brand`, `template`, `paper` (`A4` or
`letter`), `keywords`, `published` (a day, for the PDF's metadata), `locales` and
`body_figures` (photos, charts and tables placed in the text, with their prose under
`body_figures:` in each `<locale>.yaml`: see "Tables, charts and figures" below). The prose
of every kind may also give `keywords:`, the PDF's keywords in its language (default: the
`keywords` of document.yaml).

Dates may be as precise as the facts: a year (`2023`), a month (`2023-06`) or a day
(`2023-06-19`), and where the field says so a range of two of the same precision
(`2023-06-19/2023-06-20`, `2023-06/2023-07`). Each is printed per language ("June 2023",
"juin 2023", "2023年6月"), and no day or weekday is ever added to a month.

"""


FIGURES_SECTION = """## Tables, charts and figures

Every Markdown field of every kind (not the one-line ones: titles, captions, list items)
takes a **pipe table**. A paragraph `: text` right above it is its caption, one right below
it its source line; `:--` and `--:` align a column to the start or the end of the line (so
they mirror in Arabic); a column of numbers is set right in tabular figures by itself. The
header row is repeated on every page a long table runs over.

```markdown
: Households with safe drinking water (%)

| District | 2015 | 2023 |
|:--|--:|--:|
| Orvanne | 71,4 | 86,9 |

: Source: provincial household survey
```

**Figures placed in the text** are named in `document.yaml` under `body_figures:` and placed
in any Markdown field by a paragraph of their own, `[figure: name]`:

```yaml
# document.yaml
body_figures:
  access-chart:
    data: data/access.csv     # a header row; numbers written 1647.5 (no separators)
    chart: column             # bar, column, line or stacked-bar
    x: district               # the categories (default: the first column)
    series: ["2015", "2023"]  # the number columns drawn (default: all)
    table: false              # the data also as a table under the chart (default: yes)
  access-table:
    data: data/access.csv     # no chart: the data as a table
    decimals: 1               # default: as many as the file writes
  floodplain:
    src: images/floodplain.jpg   # images/<locale>/floodplain.jpg wins in that locale
    fit: cover                # cover: fill the frame and crop; contain: show it whole
    height: 60mm
    focus: 42% 62%            # the point the crop keeps, from the left and the top
```

```yaml
# en.yaml (each locale translates words, never numbers)
body_figures:
  access-chart:
    title: Households with safe drinking water, 2015 and 2023 (%)
    credit: "Source: provincial household survey"
    labels: {Orvanne: Orvanne}      # printed names of columns and categories
  access-table:
    title: Households and access by district (%)
    labels: {district: District, households: Households}
  floodplain:
    alt: A river winds between meadows towards a distant town.
    caption: The springs above the floodplain feed villages and town alike.
    credit: Illustration © Riverlands Research Alliance
```

Numbers from a data file are printed in each locale's way (1,647.5; 1 647,5; ١٬٦٤٧٫٥), years
in its calendar (2565 in Thai with `calendars: {th: buddhist}`); a chart is drawn in the
brand's colours and body fonts, its text kept as text, its axis mirrored right to left, and
its alt text written from the data when the prose gives none. A data file is at most 256 KB,
500 rows and 24 columns. A photo cropped by more than 40 % of its area, or by more than 15 %
around its centre when it has no `focus:`, is a warning naming the figure and the page.
"""


def reference_page() -> str:
    """docs/fields.md: the reference of every built-in kind."""
    from briefs.core.diagnostics import Diagnostics
    from briefs.kinds.registry import builtin_kinds

    sections = [field_reference(kind) for kind in builtin_kinds(Diagnostics())]
    return (PAGE_HEAD.replace("LENGTH_ERROR", LENGTH_ERROR) + "\n".join(sections) + "\n"
            + FIGURES_SECTION)
