"""The preview's problem panel: errors first and always shown, warnings folded below them."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

import briefs.preview
from briefs.preview.state import Problem
from briefs.preview.views import template_globals

TEMPLATES = Path(briefs.preview.__file__).parent / "templates"


def panel(problems: list[Problem]) -> str:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(
        default=True), trim_blocks=True, lstrip_blocks=True)
    env.globals.update(template_globals())
    macro = env.from_string('{% from "macros.html.j2" import problems_section %}'
                            "{{ problems_section(problems) }}")
    return macro.render(problems=problems)


def test_errors_come_first_and_warnings_are_folded() -> None:
    warnings = [Problem("warning", f"content/doc/fr.yaml:{n}:1", f"warning number {n}")
                for n in range(1, 21)]
    error = Problem("error", "content/doc/en.yaml:3:1", "the one real error")
    html = panel([*warnings[:10], error, *warnings[10:]])
    assert "1 error, 20 warnings" in html
    folded = html.index('<details id="warnings">')
    assert html.index("the one real error") < folded
    assert all(html.index(f"warning number {n}<") > folded for n in range(1, 21))


def test_warnings_alone_are_folded_too() -> None:
    html = panel([Problem("warning", "", "only a warning")])
    assert html.index('<details id="warnings">') < html.index("only a warning")


def test_a_problem_shows_its_code() -> None:
    coded = Problem("error", "content/doc/fr.yaml:2:1", "no font <for> it", code="7.1-3")
    html = panel([coded, Problem("error", "", "plain")])
    assert '<code class="code" title="what kind of problem (for tools and reports)">7.1-3</code>' \
        in html and html.count('class="code"') == 1
    assert "no font &lt;for&gt; it" in html
