"""Templating: autoescape, StrictUndefined with template:line, sandbox, confined loader."""

from __future__ import annotations

import os
import re
from pathlib import Path

import jinja2
import pytest

from briefs.core.diagnostics import Diagnostics
from briefs.render.templating import (
    MemoryBytecodeCache,
    QrCodes,
    TemplateLoader,
    make_environment,
    render_template,
)


def environment(templates: Path, locale: str) -> jinja2.Environment:
    loader = TemplateLoader([templates], {}, (templates.parent,))
    return make_environment(loader, locale, None, MemoryBytecodeCache(), QrCodes())


@pytest.fixture
def templates(tmp_path: Path) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir()
    return folder


def render(templates: Path, body: str, **context: object) -> tuple[str | None, list[str]]:
    (templates / "t.html.j2").write_text(body, encoding="utf-8")
    env = environment(templates, "fr")
    diagnostics = Diagnostics()
    html = render_template(env, "t.html.j2", context, diagnostics)
    return html, [d.format(templates.parent) for d in diagnostics]


def test_content_is_escaped(templates: Path) -> None:
    html, problems = render(templates, "<p>{{ title }}</p>", title="<script>x</script>")
    assert problems == [] and html == "<p>&lt;script&gt;x&lt;/script&gt;</p>"


def test_undefined_name_is_an_error_with_template_line(templates: Path) -> None:
    html, problems = render(templates, "line one\n{{ titel }}\n", title="x")
    assert html is None
    assert problems == ["templates/t.html.j2:2:1: error: template error: 'titel' is undefined; "
                        "check the name, or guard it with `{% if ... is defined %}`"]


def test_syntax_error_names_template_and_line(templates: Path) -> None:
    html, problems = render(templates, "ok\n{% if %}\n")
    assert html is None
    assert problems[0].startswith("templates/t.html.j2:2:1: error: template syntax error:")


def test_missing_template(templates: Path) -> None:
    env = environment(templates, "en")
    diagnostics = Diagnostics()
    assert render_template(env, "nope.html.j2", {}, diagnostics) is None
    assert diagnostics.errors[0].message == 'template "nope.html.j2" not found in templates/'


def test_sandbox_blocks_python_internals(templates: Path) -> None:
    html, problems = render(templates, "{{ ''.__class__.__mro__ }}")
    assert html is None and "template error" in problems[0]


def test_template_symlink_outside_workspace_is_refused(templates: Path, tmp_path: Path) -> None:
    outside = tmp_path.parent / f"{tmp_path.name}-outside.html"
    outside.write_text("SECRET")
    os.symlink(outside, templates / "evil.html.j2")
    html, problems = render(templates, '{% include "evil.html.j2" %}')
    assert html is None and "SECRET" not in str(problems)
    assert "points outside the workspace" in problems[0]
    assert problems[0].startswith("templates/t.html.j2:1:1: error: template refused")


def test_locale_filters(templates: Path) -> None:
    import datetime as dt

    html, _ = render(templates, "{{ d | date_long }} / {{ date_range(d, e) }}",
                     d=dt.date(2021, 10, 19), e=dt.date(2021, 10, 20))
    assert html == "19 octobre 2021 / 19–20 octobre 2021"


def test_markdown_filter_is_safe(templates: Path) -> None:
    html, _ = render(templates, "{{ t | markdown }}", t="*a* <i>b</i>")
    assert html == "<p><em>a</em> &lt;i&gt;b&lt;/i&gt;</p>"


def test_qr_code_is_an_svg_data_uri() -> None:
    uri = QrCodes().data_uri("https://example.org/register")
    assert uri.startswith("data:image/svg+xml")
    assert re.search("svg", uri)


def test_workspace_templates_override_kind_and_built_in_ones(tmp_path: Path) -> None:
    workspace, kind, built_in = (tmp_path / name for name in ("ws", "kind", "pkg"))
    for folder in (workspace, kind, built_in):
        folder.mkdir()
    (built_in / "base.html.j2").write_text("built-in base")
    (built_in / "x.html.j2").write_text("built-in x")
    (kind / "template.html.j2").write_text("kind {% include 'base.html.j2' %}")
    loader = TemplateLoader([workspace, built_in], {"x.html.j2": kind / "template.html.j2"},
                            (tmp_path,))
    env = make_environment(loader, "en", None, MemoryBytecodeCache(), QrCodes())
    assert env.get_template("x.html.j2").render() == "kind built-in base"
    (workspace / "base.html.j2").write_text("own base")
    (workspace / "x.html.j2").write_text("own x, {% include 'base.html.j2' %}")
    env = make_environment(loader, "en", None, MemoryBytecodeCache(), QrCodes())
    assert env.get_template("x.html.j2").render() == "own x, own base"
