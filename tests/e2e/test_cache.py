"""Incremental builds: what is rendered again, and what is not."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.conftest import run_cli, workspace_file

BRIEF = "forum-key-messages"
FLYER = "river-dialogue-flyer"
FACT_SHEET = "urban-water-fact-sheet"  # the brief's brand, civic-blue, too
POLICY_BRIEF = "water-access-policy-brief"


def build_report(root: Path, *args: str) -> dict:
    result = run_cli("build", "--json", *args, workspace=root)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_unchanged_rebuild_renders_nothing(workspace_copy: Path) -> None:
    report = build_report(workspace_copy)
    assert report["rendered"] == []
    assert len(report["up_to_date"]) == 24
    assert len(report["outputs"]) == 24


def test_no_op_fast_path_needs_no_heavy_imports(workspace_copy: Path) -> None:
    import subprocess
    import sys

    build_report(workspace_copy)  # leaves a clean-build stamp
    code = ("import sys; from briefs.cli import main; sys.argv = ['briefs', '-w', "
            f"{str(workspace_copy)!r}, 'build']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "heavy = [m for m in ('weasyprint', 'pydantic', 'jinja2', 'fontTools') "
            "if m in sys.modules]\n"
            "assert not heavy, heavy")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert re.search(r"^0 built, 24 up to date, 0 failed in 0\.\d s; nothing changed since the "
                     r"last build\.$", result.stderr, re.MULTILINE), result.stderr


def test_editing_one_locale_renders_only_its_outputs(workspace_copy: Path) -> None:
    path = workspace_copy / "content" / FLYER / "fr.yaml"
    path.write_text(path.read_text().replace("kicker: ", "kicker: Nouveau ", 1))
    report = build_report(workspace_copy)
    assert report["rendered"] == [f"{FLYER}.fr"]
    assert len(report["up_to_date"]) == 23


def test_template_change_renders_every_output_using_it(workspace_copy: Path) -> None:
    template = workspace_file(workspace_copy, "templates/flyer.html.j2")
    template.write_text(template.read_text().replace('class="kicker"', 'class="kicker k"'))
    report = build_report(workspace_copy)
    assert sorted(report["rendered"]) == sorted(f"{FLYER}.{loc}"
                                                for loc in ("en", "fr", "es", "ru", "zh", "ar"))


def test_stylesheet_change_is_seen_through_the_fetcher(workspace_copy: Path) -> None:
    css = workspace_copy / "styles" / "field-green" / "brand.css"
    css.write_text(css.read_text() + "\n.kicker { letter-spacing: 0.2em; }\n")
    report = build_report(workspace_copy)
    assert len(report["rendered"]) == 6 and all(t.startswith(FLYER) for t in report["rendered"])


def test_brand_font_change_renders_its_outputs(workspace_copy: Path) -> None:
    font = workspace_copy / "styles" / "civic-blue" / "fonts" / "NotoSerif-Bold.ttf"
    font.write_bytes((workspace_copy / "styles" / "civic-blue" / "fonts" /
                      "NotoSans-Bold.ttf").read_bytes())
    report = build_report(workspace_copy)
    assert sorted(report["rendered"]) == sorted(
        f"{doc}.{loc}" for doc in (BRIEF, FACT_SHEET, POLICY_BRIEF)  # the ones in Civic Serif
        for loc in ("en", "fr", "es", "ru", "zh", "ar"))


def test_force_renders_everything(workspace_copy: Path) -> None:
    report = build_report(workspace_copy, "--force", "-l", "en")
    assert sorted(report["rendered"]) == [f"{BRIEF}.en", f"{FLYER}.en", f"{FACT_SHEET}.en",
                                          f"{POLICY_BRIEF}.en"]


def test_a_damaged_output_is_rendered_again(workspace_copy: Path) -> None:
    pdf = workspace_copy / "build" / FLYER / f"{FLYER}.en.pdf"
    pdf.write_bytes(b"%PDF-1.7 truncated")
    report = build_report(workspace_copy, "-l", "en")
    assert report["rendered"] == [f"{FLYER}.en"]
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 10_000


def test_one_and_two_workers_give_identical_bytes(workspace_copy: Path) -> None:
    build_report(workspace_copy, "--force", "-j", "1", "-l", "en", "-l", "zh")
    first = {p.name: p.read_bytes() for p in (workspace_copy / "build").rglob("*.pdf")}
    build_report(workspace_copy, "--force", "-j", "2", "-l", "en", "-l", "zh")
    second = {p.name: p.read_bytes() for p in (workspace_copy / "build").rglob("*.pdf")}
    assert first == second


def test_emit_html_writes_viewable_html(workspace_copy: Path) -> None:
    build_report(workspace_copy, "--emit-html", "-l", "en", FLYER)
    html = (workspace_copy / "build" / FLYER / f"{FLYER}.en.html").read_text()
    assert "<html lang=\"en\"" in html and workspace_copy.resolve().as_uri() in html
    assert "briefs-workspace" not in html and "briefs-toolkit" not in html
