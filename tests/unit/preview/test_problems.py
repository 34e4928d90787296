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
