"""Diagnostics: compiler-style lines, relative paths, counts, suggestions."""

from __future__ import annotations

from pathlib import Path

from briefs.core.diagnostics import (
    Diagnostic,
    Diagnostics,
    Position,
    Severity,
    did_you_mean,
    summary_line,
)


def test_format_is_path_line_col_severity_message(tmp_path: Path) -> None:
    diagnostic = Diagnostic(Severity.ERROR, "messages[2].title: field required",
                            tmp_path / "content" / "forum" / "fr.yaml", Position(14, 5))
    assert diagnostic.format(tmp_path) == \
        "content/forum/fr.yaml:14:5: error: messages[2].title: field required"


def test_format_without_position_or_path() -> None:
    assert Diagnostic(Severity.WARNING, "careful").format() == "warning: careful"
    assert Diagnostic(Severity.ERROR, "x", Path("a.yaml")).format() == "a.yaml: error: x"


def test_paths_outside_the_workspace_stay_absolute(tmp_path: Path) -> None:
    outside = Path("/etc/hosts")
    assert Diagnostic(Severity.ERROR, "x", outside).format(tmp_path) == "/etc/hosts: error: x"


def test_collection_counts_and_json() -> None:
    diagnostics = Diagnostics()
    diagnostics.error("bad", Path("a.yaml"), Position(1, 2))
    diagnostics.warning("meh")
    assert diagnostics.has_errors()
    assert (len(diagnostics.errors), len(diagnostics.warnings)) == (1, 1)
    assert diagnostics.errors[0].as_json() == {
        "severity": "error", "message": "bad", "path": "a.yaml", "line": 1, "column": 2,
        "source": None, "code": None, "hint": None, "document": None, "page": None}


def test_a_typed_problem_keeps_its_code_and_hint() -> None:
    from briefs.core.diagnostics import Problem

    diagnostics = Diagnostics()
    problem = Problem.warning("layout.image-resolution", "photo.jpg prints at 90 dpi",
                              hint="use a larger photo")
    diagnostics.problem(problem, Path("a.yaml"), prefix="forum.en: ")
    diagnostics.problem(problem, severity=Severity.ERROR)
    first, second = diagnostics
    assert first.format() == ("a.yaml: warning: forum.en: photo.jpg prints at 90 dpi; use a "
                              "larger photo")
    assert first.as_json()["code"] == "layout.image-resolution"
    assert first.as_json()["hint"] == "use a larger photo"
    assert second.severity is Severity.ERROR and second.code == problem.code


def test_summary_and_suggestions() -> None:
    assert summary_line(1) == "Aborted with 1 error."
    assert summary_line(3) == "Aborted with 3 errors."
    assert did_you_mean("titel", ["title", "text"]) == ' (did you mean "title"?)'
    assert did_you_mean("zzz", ["title"]) == ""


def test_the_same_problem_at_the_same_place_is_kept_once() -> None:
    """A template error is met by every locale that renders the template: one report, one fix."""
    from briefs.core.diagnostics import Diagnostic, Diagnostics, Position, Severity

    diagnostics = Diagnostics()
    for _ in range(2):
        diagnostics.error("template error: x", Path("templates/flyer.html.j2"), Position(51, 1))
    diagnostics.extend([Diagnostic(Severity.ERROR, "template error: x",
                                   Path("templates/flyer.html.j2"), Position(51, 1))])
    diagnostics.error("template error: x", Path("templates/flyer.html.j2"), Position(52, 1))
    assert [d.position.line for d in diagnostics if d.position] == [51, 52]
    assert len(Diagnostics([*diagnostics.items, *diagnostics.items])) == 2


def test_warnings_fail_only_under_strict() -> None:
    """The one place the rule is written: the build's outcome, its report and the command
    line's exit all count failures with it."""
    found = Diagnostics()
    assert (found.failing(strict=False), found.failing(strict=True)) == (0, 0)
    found.warning("pale text")
    assert (found.failing(strict=False), found.failing(strict=True)) == (0, 1)
    found.error("no title")
    assert (found.failing(strict=False), found.failing(strict=True)) == (1, 2)
