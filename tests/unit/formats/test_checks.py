"""The check registry: checks selected by kind, profile, output format and stage."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from briefs.content.config import Profile
from briefs.core.diagnostics import Diagnostics, Problem
from briefs.formats import checks
from briefs.formats.pdf import PDF_STANDARDS
from briefs.formats.registry import builtin_checks, load_checks


class PrintOnly(checks.Check):
    name = "print-only"
    output = "pdf"
    stage = "render"

    def applies(self, kind: str, profile: Profile, output: str) -> bool:
        return output == "pdf" and profile.crop_marks and kind == "flyer"

    def check(self, data: bytes) -> list[Problem]:
        return [Problem.warning("toy.print", "checked")]


class HtmlSize(checks.Check):
    name = "html-size"
    output = "html"

    def check(self, data: bytes) -> list[Problem]:
        return [Problem.error("toy.size", "too big")] if len(data) > 3 else []


REGISTRY = checks.CheckRegistry([PDF_STANDARDS, PrintOnly(), HtmlSize()])
SCREEN, PRINT = Profile(), Profile(suffix=".print", crop_marks=True)


def names(found: tuple[checks.Check, ...]) -> list[str]:
    return [check.name for check in found]


def test_checks_are_selected_by_kind_profile_output_and_stage() -> None:
    assert names(REGISTRY.select("flyer", SCREEN, "pdf")) == ["pdf-standards"]
    assert names(REGISTRY.select("flyer", PRINT, "pdf")) == ["pdf-standards", "print-only"]
    assert names(REGISTRY.select("key-messages", PRINT, "pdf")) == ["pdf-standards"]
    assert names(REGISTRY.select("flyer", PRINT, "html")) == ["html-size"]
    assert names(REGISTRY.select("flyer", PRINT, "html", stage="render")) == []
    assert names(REGISTRY.select("flyer", PRINT, "pdf", stage="output")) == []


def test_the_pdf_standards_check_returns_typed_problems() -> None:
    import io

    import pikepdf

    pdf = pikepdf.new()
    pdf.add_blank_page()
    data = io.BytesIO()
    pdf.save(data)
    found = PDF_STANDARDS.check(data.getvalue())
    assert {p.code for p in found} >= {"pdf.title", "pdf.lang"}
    assert all(isinstance(p, Problem) and not p.is_error for p in found
               if p.code in ("pdf.title", "pdf.lang"))


def test_a_plugin_check_is_loaded_and_a_broken_one_reported(
        monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> checks.Check:
        raise RuntimeError("boom")

    class Nameless(checks.Check):
        pass

    points = [SimpleNamespace(name=n, value=f"x:{n}", load=load) for n, load in
              (("size", HtmlSize), ("broken", broken), ("nameless", Nameless),
               ("again", lambda: [PDF_STANDARDS]))]
    monkeypatch.setattr(checks, "entry_points",
                        lambda group: points if group == checks.ENTRY_POINT_GROUP else [])
    diagnostics = Diagnostics()
    registry = load_checks(diagnostics)
    assert registry.names() == ["wcag-contrast", "pdf-standards", "html-size"]
    messages = [d.message for d in diagnostics]
    assert "cannot be loaded: RuntimeError: boom" in messages[0]
    assert "is not a briefs Check with a name and a stage" in messages[1]
    assert 'defines the check "pdf-standards", which exists already' in messages[2]


def test_a_check_without_a_stage_is_refused() -> None:
    class Odd(HtmlSize):
        stage = "later"

    with pytest.raises(ValueError, match="needs a name and a stage"):
        checks.CheckRegistry([Odd()])


class FlyerLayout(checks.Check):
    name = "flyer-layout"
    stage = "layout"

    def applies(self, kind: str, profile: Profile, output: str) -> bool:
        return output == "pdf" and kind == "flyer"

    def check_layout(self, layout: checks.Layout) -> list[Problem]:
        return [Problem.warning("toy.layout", f"{len(layout.html)} characters", page=1)]


def test_layout_checks_are_selected_like_the_others() -> None:
    from briefs.formats.pdf import PDF_CONTRAST

    registry = checks.CheckRegistry([PDF_CONTRAST, PDF_STANDARDS, FlyerLayout(), HtmlSize()])
    assert names(registry.select("flyer", SCREEN, "pdf", stage=checks.IN_RENDER)) == [
        "wcag-contrast", "pdf-standards", "flyer-layout"]
    assert names(registry.select("key-messages", SCREEN, "pdf", stage="layout")) == [
        "wcag-contrast"]
    assert names(registry.select("flyer", SCREEN, "html", stage=checks.IN_RENDER)) == []
    assert [c.stage for c in builtin_checks()] == ["layout", "render"]
    assert FlyerLayout().check_layout(checks.Layout(None, "<p>")) == [
        Problem.warning("toy.layout", "3 characters", page=1)]
    with pytest.raises(NotImplementedError, match="checks no layout"):
        PDF_STANDARDS.check_layout(checks.Layout(None, ""))
    with pytest.raises(NotImplementedError, match="checks no file"):
        PDF_CONTRAST.check(b"%PDF")


def test_a_render_job_carries_the_layout_and_render_checks(tmp_path: Path) -> None:
    """`briefs build` and `briefs check --layout` make their jobs the same way, so both run
    the registry's layout checks (the contrast check among them)."""
    from briefs.content.config import load_workspace
    from briefs.pipeline import layout, run
    from briefs.pipeline.plan import plan_build
    from briefs.pipeline.request import BuildOptions
    from briefs.pipeline.session import BuildSession
    from briefs.scaffold.new_workspace import init_workspace

    assert layout.render_job is run.render_job
    root = init_workspace(tmp_path / "ws")
    session = BuildSession(load_workspace(root), BuildOptions())
    plan = plan_build(session, session.workspace.document_ids(),
                      list(session.workspace.config.locales))
    target = plan.targets[0]
    job = run.render_job(session, target, "<p>x</p>", layout_only=True)
    assert names(job.checks or ()) == ["wcag-contrast", "pdf-standards"]
