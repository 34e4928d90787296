"""What a template can reach: a walk over every context passed to a template, and the sandbox's
answers to the attacks of issue 20 (pydantic methods, pickle, files, dunders)."""

from __future__ import annotations

import datetime
import shutil
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import jinja2
import pytest
from pydantic import BaseModel

from briefs.core.diagnostics import Diagnostics
from briefs.render.bytecode import MemoryBytecodeCache
from briefs.render.exposure import Record, TemplateFunction, template_data
from briefs.render.templating import QrCodes, TemplateLoader, make_environment, render_template
from briefs.scaffold.new_workspace import init_workspace
from tests.conftest import PROJECTS, run_cli


def words(text: str) -> set[str]:
    return set(text.split())


STRING_METHODS = words("""
    capitalize casefold count endswith find index isalnum isalpha isdigit islower
    isnumeric isspace istitle isupper join lower lstrip partition removeprefix
    removesuffix rfind rindex rpartition rsplit rstrip split splitlines startswith strip
    swapcase title upper replace
""")
EXPECTED_CALLABLES = {
    # what a template may call, written out here apart from briefs.render.exposure
    *(f"{kind}.{name}" for name in STRING_METHODS for kind in ("str", "Markup")),
    "Markup.striptags", "Markup.unescape",
    "date.isoformat", "date.weekday", "date.isoweekday",
    "time.isoformat", "float.is_integer", "timedelta.total_seconds",
    "PartialDate.isoformat", "DateSpan.isoformat",
    "list.count", "list.index", "tuple.count", "tuple.index",
    "Record.items", "Record.keys", "Record.values", "Record.get",
    "counter_content", "css_string", "SocialHandle.link", "a template's own macro",
}
EXPECTED_GLOBALS = {"range", "dict", "cycler", "joiner", "namespace", "gettext",
                    "ngettext", "pgettext", "npgettext", "_", "date_range", "time_range"}
EXPECTED_FILTERS = words("""
    abs attr batch capitalize center count d default dictsort e escape filesizeformat
    first float forceescape format groupby indent int items join last length list lower
    map max min pprint random reject rejectattr replace reverse round safe select
    selectattr slice sort string striptags sum title tojson trim truncate unique upper
    urlencode urlize wordcount wordwrap xmlattr markdown markdown_inline date_long
    date_full time_short number qr_data_uri web_link
""")
EXPECTED_TESTS = words("""
    boolean callable defined divisibleby eq escaped even false filter float ge gt
    greaterthan in integer iterable le lower lt lessthan mapping ne none number odd sameas
    sequence string test true undefined upper == != > >= < <=
""")
PLAIN = (type(None), bool, int, float, str, datetime.date, datetime.time, datetime.timedelta,
         Record, list, tuple)


class Captured:
    """Every template render's environment and the context it was given."""

    def __init__(self) -> None:
        self.renders: list[tuple[jinja2.Environment, dict[str, Any]]] = []


@pytest.fixture
def captured(monkeypatch: pytest.MonkeyPatch) -> Captured:
    seen = Captured()
    original = jinja2.Template.new_context

    def new_context(self: jinja2.Template, vars: dict[str, Any] | None = None,
                    shared: bool = False, locals: Mapping[str, Any] | None = None) -> Any:
        seen.renders.append((self.environment, dict(vars or {})))
        return original(self, vars, shared, locals)

    monkeypatch.setattr(jinja2.Template, "new_context", new_context)
    return seen


def _label(value: Any) -> str:
    if isinstance(value, jinja2.runtime.Macro):
        return "a template's own macro"
    if isinstance(value, TemplateFunction):
        return value.name
    owner = getattr(value, "__self__", None)
    if owner is not None and not isinstance(owner, type):
        return f"{type(owner).__name__}.{value.__name__}"
    return getattr(value, "__qualname__", repr(value))


def walk(env: jinja2.Environment, context: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    """Every value a template can reach from `context` by attributes, items and elements."""
    stack: list[tuple[str, Any]] = list(context.items())
    seen: set[int] = set()
    while stack:
        path, value = stack.pop()
        if id(value) in seen or isinstance(value, jinja2.Undefined):
            continue
        seen.add(id(value))
        yield path, value
        if isinstance(value, str):
            names = dir(value)
        else:
            names = [*dir(value), *(value if isinstance(value, Mapping) else ())]
            if isinstance(value, list | tuple):
                stack += [(f"{path}[{index}]", item) for index, item in enumerate(value)]
        for name in names:
            if isinstance(name, str):
                child = env.getattr(value, name)
                if not isinstance(child, jinja2.Undefined):
                    stack.append((f"{path}.{name}", child))


def test_every_value_a_sample_template_is_given_is_data(captured: Captured,
                                                        tmp_path: Path) -> None:
    root = init_workspace(tmp_path / "ws", template="full")
    shutil.copytree(PROJECTS / "custom-kind", root, dirs_exist_ok=True)  # a workspace kind
    result = run_cli("check", workspace=root)
    assert result.exit_code == 0, result.stderr
    assert len(captured.renders) >= 24
    kinds = set()
    for env, context in captured.renders:
        kinds.add(context.get("kind"))
        assert set(env.globals) <= EXPECTED_GLOBALS
        assert set(env.filters) <= EXPECTED_FILTERS
        assert set(env.tests) <= EXPECTED_TESTS
        for path, value in walk(env, context):
            assert not isinstance(value, BaseModel | Path), path
            if any(value is given for given in env.globals.values()):
                continue  # a global, checked above
            if callable(value) and not isinstance(value, type):
                assert _label(value) in EXPECTED_CALLABLES, (path, _label(value))
            elif not callable(value):
                assert isinstance(value, PLAIN) or type(value).__name__ in (
                    "PartialDate", "DateSpan"), (path, type(value))
    assert {"key-messages", "flyer", "fact-sheet", "event-report"} <= kinds


def environment(templates: Path) -> jinja2.Environment:
    loader = TemplateLoader([templates], {}, (templates.parent,))
    return make_environment(loader, "en", None, MemoryBytecodeCache(), QrCodes())


class Settings(BaseModel):
    title: str = "A title"
    items: list[str] = ["one"]


ATTACKS = [
    '{{ doc.parse_raw(payload, content_type="pickle", allow_pickle=True) }}',
    '{{ doc.parse_file(secret) }}',
    '{{ doc.model_validate_json("{}") }}',
    '{{ doc.copy() }}',
    '{{ doc.json() }}',
    '{{ doc.model_dump() }}',
    '{{ doc.__class__.__mro__ }}',
    '{{ doc.title.__class__ }}',
    '{{ (doc | attr("parse_file"))(secret) }}',
    '{{ ([doc] | map(attribute="parse_file") | first)(secret) }}',
    '{{ "{0.__class__}".format(doc) }}',
    '{{ "{:999999999}".format(1) }}',
    '{{ doc.title.center(999999999) }}',
    '{{ lipsum(1000000) }}',
    '{{ cycler.__init__.__globals__ }}',
    '{{ self._TemplateReference__context }}',
    '{{ namespace.__init__ }}',
    '{{ range.__self__ }}',
    '{{ link.__self__ }}',
]


@pytest.mark.parametrize("attack", ATTACKS)
def test_an_attack_from_a_template_is_a_located_error(attack: str, tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text("CANARY-SECRET", encoding="utf-8")
    (templates / "t.html.j2").write_text(f"<p>\n{attack}\n</p>", encoding="utf-8")
    diagnostics = Diagnostics()
    doc = Settings()
    html = render_template(environment(templates), "t.html.j2",
                           {"doc": doc, "secret": str(secret), "payload": b"x",
                            "link": TemplateFunction(doc.model_dump, "link")}, diagnostics)
    assert html is None
    messages = [d.format(tmp_path) for d in diagnostics]
    assert len(messages) == 1 and messages[0].startswith("templates/t.html.j2:2:"), messages
    assert "CANARY" not in messages[0]


def test_a_value_named_like_a_method_is_the_value(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "t.html.j2").write_text(
        "{{ doc.items | join(',') }}|{{ doc['items'] | length }}|{{ doc.title.upper() }}|"
        "{% for key, value in doc | dictsort %}{{ key }} {% endfor %}", encoding="utf-8")
    diagnostics = Diagnostics()
    html = render_template(environment(templates), "t.html.j2",
                           {"doc": Settings(items=["a", "b"])}, diagnostics)
    assert html == "a,b|2|A TITLE|items title ", [str(d) for d in diagnostics]


def test_models_become_records_and_functions_are_refused() -> None:
    data = template_data({"doc": Settings(), "when": datetime.date(2026, 1, 2),
                          "where": Path("/etc/passwd")})
    assert isinstance(data, Record) and isinstance(data["doc"], Record)
    assert data["doc"].title == "A title"
    assert data["where"] == "/etc/passwd"
    with pytest.raises(TypeError):
        template_data({"f": len})


def test_the_total_output_is_bounded_at_the_line_that_writes(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "t.html.j2").write_text(
        "<p>\n{% set big = 'x' * 1000000 %}\n{% for i in range(300) %}\n{{ big }}\n"
        "{% endfor %}\n</p>", encoding="utf-8")
    diagnostics = Diagnostics()
    html = render_template(environment(templates), "t.html.j2", {}, diagnostics)
    assert html is None
    messages = [d.format(tmp_path) for d in diagnostics]
    assert messages[0].startswith("templates/t.html.j2:4:"), messages
    assert "wrote more than" in messages[0]


HUGE = [
    "{% set a = 'x' * 1000000 %}{% set b = a ~ a ~ a ~ a ~ a %}{% set c = b ~ b ~ b ~ b ~ b %}"
    "{{ (c ~ c)|length }}",
    "{{ (['x' * 999999] * 999999) | length }}",
    "{{ ('x' * 1000000) | replace('', 'y' * 1000000) | length }}",
    "{{ ('x' * 1000000).replace('x', 'yyyyyyyyyyyyyyyyyyyyyyyyy') | length }}",
    "{{ range(100000) | map('string') | join('y' * 1000000) | length }}",
    "{{ ('y' * 1000000).join(range(100000) | map('string') | list) | length }}",
    "{% set l = ['x' * 1000000] * 10 %}{{ (l + l + l) | length }}",
]


@pytest.mark.parametrize("body", HUGE)
def test_a_huge_text_is_refused_before_it_is_made(body: str, tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "t.html.j2").write_text(f"<p>\n{body}\n</p>", encoding="utf-8")
    diagnostics = Diagnostics()
    html = render_template(environment(templates), "t.html.j2", {}, diagnostics)
    assert html is None
    messages = [d.format(tmp_path) for d in diagnostics]
    assert messages[0].startswith("templates/t.html.j2:2:") and "too long" in messages[0], \
        messages


def test_joins_and_replaces_of_ordinary_size_work(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "t.html.j2").write_text(
        "{{ range(3) | map('string') | join(', ') }}|{{ 'a-b' | replace('-', '+') }}|"
        "{{ ', '.join(['x', 'y']) }}|{{ 'ab'.replace('a', 'c') }}|{{ 'a' ~ 1 ~ 'b' }}|"
        "{{ [1] + [2] }}", encoding="utf-8")
    diagnostics = Diagnostics()
    html = render_template(environment(templates), "t.html.j2", {}, diagnostics)
    assert html == "0, 1, 2|a+b|x, y|cb|a1b|[1, 2]", [str(d) for d in diagnostics]
