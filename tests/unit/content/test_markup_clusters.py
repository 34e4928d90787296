"""Author markup that starts or ends inside a grapheme cluster: widened, or dropped, and said."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefs.content.markdown import cluster_splits, render_block, render_inline
from briefs.scaffold.new_workspace import init_workspace
from tests.conftest import run_cli


@pytest.mark.parametrize(("source", "html"), [
    ("क*ि*", "<em>कि</em>"),                           # a vowel sign emphasised alone
    ("नमस्*ते*", "नम<em>स्ते</em>"),                    # a conjunct's second half
    ("**बा*ज़*ार**", "<strong>बा<em>ज़ा</em>र</strong>"),  # nukta letter without its vowel
    ("x *क*्ष y", "x <em>क्ष</em> y"),                  # the virama left outside
    ("[क](https://a.example)ि", '<a href="https://a.example">कि</a>'),
    ("e*\u0301*", "<em>e\u0301</em>"),                  # a combining accent alone
    ("[ि]{lang=hi}क", '<span lang="hi">ि</span>क'),      # a mark starting a cluster: whole
])
def test_markup_is_widened_to_whole_clusters(source: str, html: str) -> None:
    assert render_inline(source) == html


@pytest.mark.parametrize("source", ["a *b* c", "*नम*स्ते", "é*x*", "**क्षि**", "`क`*ि*",
                                    "*one*\n*two*", "संस्कृत *विज्ञान*-नीति"])
def test_markup_on_cluster_boundaries_is_left_alone(source: str) -> None:
    assert cluster_splits(source) == []


def test_markup_that_would_cross_when_widened_is_dropped() -> None:
    assert render_inline("*x क*[ि](https://a.example)") == "x कि"
    splits = cluster_splits("*x क*[ि](https://a.example)")
    assert [split.dropped for split in splits] == [True, True]
    assert "left out" in splits[0].message()


def test_blocks_tables_and_notes_are_widened_too() -> None:
    html = render_block("Para क*ि*.[^1]\n\n| a |\n|---|\n| क*ि* |\n\n[^1]: Note क*ि*.")
    assert html.count("<em>कि</em>") == 3, html


def test_the_warning_names_the_line_and_the_fix(tmp_path: Path) -> None:
    root = init_workspace(tmp_path / "ws")
    fr = root / "content/first-flyer/fr.yaml"
    text = fr.read_text(encoding="utf-8")
    fr.write_text(text.replace("  dites-nous ce que", "  dites-nous, cafe*\u0301*, ce que"),
                  encoding="utf-8")
    result = run_cli("check", workspace=root)
    warnings = [line for line in result.stderr.splitlines() if "inside" in line]
    line = next(number for number, row in enumerate(fr.read_text().splitlines(), 1)
                if "cafe*" in row)
    assert warnings == [
        f'content/first-flyer/fr.yaml:{line}:19: warning: emphasis starts inside "e\u0301", '
        'between "e" and "\u0301" (a letter with its marks is shaped as one): it is widened to '
        "the whole cluster; move the markup so that it encloses whole letters with all their "
        "vowel signs and marks"]
    assert result.exit_code == 0
    assert run_cli("check", "--strict", workspace=root).exit_code == 1


@pytest.mark.render
def test_emphasis_inside_a_syllable_draws_no_dotted_circle(tmp_path: Path) -> None:
    """Shaped in two halves, `क` + `<em>ि</em>` drew the vowel sign on a dotted circle."""
    import subprocess

    import weasyprint

    html = (f'<html lang="hi"><body style="font-family: \'Noto Sans Devanagari\'">'
            f"<p>{render_inline('क*ि* और नमस्*ते*')}</p></body></html>")
    pdf = tmp_path / "hi.pdf"
    weasyprint.HTML(string=html).write_pdf(pdf)
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "\u25cc" not in text and "कि" in text


def test_each_split_is_reported_where_it_is_and_a_flood_is_counted(tmp_path: Path) -> None:
    """Hostile: a field full of splits gets five warnings and a count, not thousands; two
    splits on two lines are each reported on their own line."""
    root = init_workspace(tmp_path / "ws")
    fr = root / "content/first-flyer/fr.yaml"
    text = fr.read_text(encoding="utf-8")
    text = text.replace("  dites-nous ce que", "  cafe*\u0301* et the*\u0301*\n  dites-nous ce que")
    text = text.replace("notes: Les places", "notes: " + "e*\u0301* " * 300 + "Les places")
    fr.write_text(text, encoding="utf-8")
    result = run_cli("check", workspace=root)
    warnings = [line.split(": warning: ")[0] for line in result.stderr.splitlines()
                if " inside " in line or "more markup edges" in line]
    rows = fr.read_text(encoding="utf-8").splitlines()
    first = next(n for n, row in enumerate(rows, 1) if "cafe*" in row)
    notes = next(n for n, row in enumerate(rows, 1) if row.startswith("notes:"))
    path = "content/first-flyer/fr.yaml"
    assert warnings[:2] == [f"{path}:{first}:7", f"{path}:{first}:17"]
    assert len(warnings) == 2 + 6 and warnings[-1] == f"{path}:{notes}:8"
