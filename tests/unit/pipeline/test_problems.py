"""Typed problems from the render process to the terminal, --json, the manifest, the cache and
the preview: codes, hints, pages and the document travel as fields, never parsed from text."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from briefs.core.diagnostics import Diagnostic, Problem, Severity
from briefs.pipeline import entry
from briefs.pipeline.report import BuildReport, unwire, wire
from briefs.pipeline.request import BuildOptions, BuildRequest
from briefs.preview.state import problems as preview_problems
from briefs.render import workers
from briefs.render.engine import LOG, RenderJob, RenderResult
from briefs.render.workers import Renderer
from briefs.scaffold.new_workspace import init_workspace

FRENCH = "first-flyer.fr"
UNCOVERED = Problem.error("render.uncovered", "some characters have no declared font",
                          "declare a font that covers them in brand.yaml", subject="é")
"""Its message does not hold the character: where it is reported comes from `subject`."""
CHECKED = Problem.warning("7.1-3", "page 2: a figure has no alternate text",
                          "describe it in the content", page=2)
LOGGED = Problem.warning(LOG, "Ignored `colr: red` at 4:5, unknown property.")


def answer(problems: list[Problem], **fields: object) -> object:
    def render(job: RenderJob) -> RenderResult:
        if job.target_id != FRENCH:
            return RenderResult(pdf=b"%PDF-1.7 fake", pages=1, title=job.title)
        found = RenderResult(pdf=b"%PDF-1.7 fake fr", pages=1, problems=list(problems),
                             title=job.title)
        if any(p.is_error for p in problems):
            found.pdf = None
        return dataclasses.replace(found, **fields)  # type: ignore[arg-type]
    return render


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return init_workspace(tmp_path / "ws")


def build(root: Path, **options: object) -> entry.BuildOutcome:
    request = BuildRequest(root, options=BuildOptions(**options))  # type: ignore[arg-type]
    return entry.run(request, [], Renderer(1))


def about_french(outcome: entry.BuildOutcome) -> list[Diagnostic]:
    return [d for d in outcome.session.diagnostics if d.document == "first-flyer"]


def test_an_error_is_reported_where_its_subject_is_written(
        root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "run_job", answer([UNCOVERED]))
    outcome = build(root)
    assert outcome.result.failed == [FRENCH]
    [error] = about_french(outcome)
    french = root / "content" / "first-flyer" / "fr.yaml"
    line = next(n for n, text in enumerate(french.read_text().splitlines(), 1) if "é" in text)
    assert (error.path, error.position and error.position.line) == (french, line)
    assert error.message == ("first-flyer (fr, screen): some characters have no declared font; "
                             "declare a font that covers them in brand.yaml")
    assert (error.code, error.hint, error.severity) == (
        "render.uncovered", "declare a font that covers them in brand.yaml", Severity.ERROR)
    shown = error.as_json(root)
    assert (shown["code"], shown["document"], shown["path"]) == (
        "render.uncovered", "first-flyer", "content/first-flyer/fr.yaml")


def test_the_page_limit_is_reported_at_its_rule_by_its_code(
        root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    limit = Problem.error("render.page-limit", "the content needs 2 pages but the limit is 1")
    monkeypatch.setattr(workers, "run_job", answer([limit], overflow=1, pages=2))
    [error] = about_french(build(root))
    assert error.code == "render.page-limit"
    assert error.message.startswith("first-flyer (fr, screen): the content needs 2 pages but "
                                    "the limit is 1 (")
    assert error.message.endswith("; 1 page over)")


def test_warnings_reach_the_manifest_json_and_the_cache_typed(
        root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "run_job", answer([CHECKED, LOGGED]))
    first = build(root)
    assert first.result.rendered and not first.result.failed
    found = [(d.message, d.code, d.hint, d.page, d.severity) for d in about_french(first)]
    assert found == [
        (f"{FRENCH}: {LOGGED.message}", LOG, None, None, Severity.WARNING),
        (f"{FRENCH}: page 2: a figure has no alternate text; describe it in the content",
         "7.1-3", "describe it in the content", 2, Severity.WARNING)]
    manifest = json.loads((root / "build" / "manifest.json").read_text())
    [entry_] = [e for e in manifest["outputs"] if e["path"] == "first-flyer/first-flyer.fr.pdf"]
    assert entry_["warnings"] == [LOGGED.message]
    assert entry_["preflight"] == {"errors": [], "warnings": [CHECKED.line()]}

    def never(job: RenderJob) -> RenderResult:
        raise AssertionError(f"{job.target_id} is up to date")

    monkeypatch.setattr(workers, "run_job", never)
    again = build(root)
    assert FRENCH in again.result.up_to_date
    assert [(d.message, d.code, d.hint, d.page) for d in about_french(again)] == \
        [item[:4] for item in found]
    strict = build(root, strict=True)
    assert strict.result.failed == [FRENCH]
    assert {d.severity for d in about_french(strict)} == {Severity.ERROR}


def test_the_build_server_carries_every_field(
        root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "run_job", answer([CHECKED]))
    report = BuildReport.of(build(root))
    sent = BuildReport.from_wire(json.loads(json.dumps(report.to_wire())))
    assert list(sent.diagnostics) == list(report.diagnostics)
    [checked] = [d for d in sent.diagnostics if d.code == "7.1-3"]
    assert (checked.document, checked.page) == ("first-flyer", 2)


def test_a_diagnostic_round_trips_over_the_wire() -> None:
    diagnostic = Diagnostic(Severity.WARNING, "m", Path("/a/b.yaml"), None, None, "x.y", "h",
                            "doc", 3)
    assert unwire(json.loads(json.dumps(wire(diagnostic)))) == diagnostic


def test_the_preview_files_a_problem_under_its_document_by_field(tmp_path: Path) -> None:
    diagnostics = [
        Diagnostic(Severity.WARNING, "first-flyer.fr: looks like the flyer's", code="a"),
        Diagnostic(Severity.WARNING, "says nothing of the document", code="7.1-3",
                   document="first-flyer"),
        Diagnostic(Severity.ERROR, "unknown document", document="elsewhere")]
    shown = preview_problems(diagnostics, tmp_path, ["first-flyer", "first-brief"])
    assert [(p.doc, p.code) for p in shown] == [(None, "a"), ("first-flyer", "7.1-3"),
                                                (None, "")]


def test_a_problem_is_plain_data_both_ways() -> None:
    assert Problem.from_plain(json.loads(json.dumps(CHECKED.as_plain()))) == CHECKED
    assert Problem.from_plain({"severity": "fatal", "message": "x"}) is None
    assert Problem.from_plain(["not", "a", "problem"]) is None
    odd = Problem.from_plain({"severity": "error", "message": "m", "page": "2", "hint": 5})
    assert odd == Problem.error("unknown", "m")


def test_a_render_result_derives_its_lines_from_its_problems() -> None:
    refused = Problem.error("render.refused", "file:///etc/passwd: outside the workspace",
                            subject="file:///etc/passwd")
    result = RenderResult(pdf=b"%PDF", pages=1, title="doc (en, screen)",
                          problems=[CHECKED, UNCOVERED, LOGGED, refused])
    assert result.errors == [f"doc (en, screen): {UNCOVERED.line()}"]
    assert result.refused == [refused.message] and result.refusals == [refused]
    assert result.soft == [LOGGED, CHECKED] and not result.ok
    assert (result.log_warnings, result.preflight_warnings) == ([LOGGED.line()],
                                                                [CHECKED.line()])


def test_an_overflow_is_one_page_limit_problem_at_its_field(
        root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from briefs.render.overflow import Overflow

    limit = Problem.error("render.page-limit", "the content needs 2 pages but the limit is 1")
    overflow = Overflow(limit=1, label="Context", field="context", millimetres=12.0, words=30,
                        regions=())
    monkeypatch.setattr(workers, "run_job",
                        answer([limit], overflow=1, pages=2, overflowed=overflow))
    outcome = build(root)
    [error] = about_french(outcome)
    assert error.code == "render.page-limit" and error.document == "first-flyer"
    assert error.path == root / "content" / "first-flyer" / "fr.yaml"
    assert "Context" in error.message and outcome.result.failed == [FRENCH]
