"""Copyfitting: a flyer a little too long is fitted and says how; one far too long fails with
the block, the distance and the place in the content, and an overflow proof."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.e2e.pdfpages import font_sizes, page_texts

FLYER = "river-dialogue-flyer"
CONTENT = f"content/{FLYER}"
EXTRA = {  # about 15% of the flyer's text, in each language
    "en": "Over two mornings the dialogue will also visit the restored meanders with the "
          "people who manage them, hear from the farmers who now graze the wetter meadows, "
          "and look at the monitoring data gathered since the first dyke was set back. ",
    "ru": "В течение двух дней участники диалога также посетят восстановленные меандры "
          "вместе с теми, кто ими управляет, выслушают фермеров, которые теперь пасут скот "
          "на более влажных лугах, и изучат данные мониторинга с момента переноса первой "
          "дамбы. ",
}
MORE = ("The afternoon sessions will weigh what the pilot cost, who paid for it and who "
        "gained, and how the lessons could travel to other rivers in the region where towns "
        "and farms share the same floodplain. ")


def lengthen(root: Path, locale: str, text: str) -> None:
    path = root / CONTENT / f"{locale}.yaml"
    source = path.read_text(encoding="utf-8")
    path.write_text(source.replace("context: |\n", f"context: |\n  {text.strip()}\n\n", 1),
                    encoding="utf-8")


def manifest_entry(root: Path, locale: str) -> dict[str, object]:
    entries = json.loads((root / "build" / "manifest.json").read_text())["outputs"]
    return next(e for e in entries if e["doc"] == FLYER and e["locale"] == locale
                and e["profile"] == "screen")


@pytest.mark.parametrize("locale", ["en", "ru"])
def test_a_flyer_15_percent_too_long_is_fitted_and_says_how(workspace_copy: Path,
                                                            locale: str) -> None:
    lengthen(workspace_copy, locale, EXTRA[locale] * 2)
    result = run_cli("build", FLYER, "-l", locale, workspace=workspace_copy)
    assert result.exit_code == 0, result.stderr
    found = re.search(rf"{FLYER}\.{locale}: fitted with (.+)", result.stderr)
    assert found, result.stderr
    steps = found.group(1).split(", ")
    assert manifest_entry(workspace_copy, locale)["fit"] == steps
    pdf = workspace_copy / "build" / FLYER / f"{FLYER}.{locale}.pdf"
    assert len(page_texts(pdf)) == 1
    assert not (pdf.parent / f"{FLYER}.{locale}.overflow.pdf").exists()


def test_the_sample_flyer_needs_no_fit_in_any_locale(built_sample: Path) -> None:
    entries = json.loads((built_sample / "build" / "manifest.json").read_text())["outputs"]
    flyers = [e for e in entries if e["doc"] == FLYER]
    assert len(flyers) == 6 and all(e["fit"] == [] for e in flyers)


def test_a_flyer_60_percent_too_long_fails_with_an_overflow_proof(
        workspace_copy: Path, snapshot: Callable[[Path], dict[str, bytes]]) -> None:
    before = snapshot(workspace_copy)
    original = (workspace_copy / CONTENT / "en.yaml").read_text(encoding="utf-8")
    lengthen(workspace_copy, "en", EXTRA["en"] * 2 + MORE * 8)
    result = run_cli("build", FLYER, "-l", "en", workspace=workspace_copy)
    assert result.exit_code == 1
    found = re.search(rf"(content/{FLYER}/en\.yaml):(\d+):1: error: {FLYER} \(en, screen\): "
                      r'"([^"]+)" runs (\d+) mm past the page even with (.+?) \(the kind '
                      r'"flyer" sets the limit of 1 page\); cut about (\d+) words, or set '
                      r"optional: true on a teaser or the photo \(image\); "
                      rf"build/{FLYER}/{FLYER}\.en\.overflow\.pdf shows the overflow shaded",
                      result.stderr)
    assert found, result.stderr
    path, line, block, millimetres, tried, words = found.groups()
    assert int(millimetres) > 0 and int(words) > 0 and "body 8 pt" in tried
    assert "raise" not in result.stderr  # the kind fixes the limit: never advise raising it
    pointed = (workspace_copy / path).read_text(encoding="utf-8").splitlines()[int(line) - 1]
    assert block == "More events" and pointed in (
        "more_events:", '  - title: "Field School: Monitoring River Restoration with Citizen '
                        'Scientists"')
    proof = workspace_copy / "build" / FLYER / f"{FLYER}.en.overflow.pdf"
    pages = page_texts(proof)
    assert len(pages) == 2 and "More events" in pages[1]
    assert "Overflow proof, not for use" in pages[0] and "Overflow proof" in pages[1]
    after = snapshot(workspace_copy)
    assert after.pop(f"{FLYER}/{FLYER}.en.overflow.pdf")
    assert after == before  # the good PDF and the manifest are untouched
    # Cut back: it fits again, and the proof goes.
    (workspace_copy / CONTENT / "en.yaml").write_text(original, encoding="utf-8")
    assert run_cli("build", FLYER, "-l", "en", workspace=workspace_copy).exit_code == 0
    assert not proof.exists()


def test_optional_blocks_are_left_out_last_and_a_section_with_them(workspace_copy: Path) -> None:
    path = workspace_copy / CONTENT / "en.yaml"
    text = path.read_text(encoding="utf-8")
    for start in ("    summary: Project teams", "    summary: Two days on the Lenbrook"):
        text = text.replace(start, "    optional: true\n" + start)
    path.write_text(text, encoding="utf-8")
    lengthen(workspace_copy, "en", EXTRA["en"] * 2 + MORE * 6)
    result = run_cli("build", FLYER, "-l", "en", workspace=workspace_copy)
    assert result.exit_code == 0, result.stderr
    assert re.search(r"fitted with .*space 50%, without more_events\n", result.stderr)
    page = page_texts(workspace_copy / "build" / FLYER / f"{FLYER}.en.pdf")[0]
    assert "The afternoon sessions" in page
    assert "More events" not in page and "Field School" not in page  # no empty heading


@pytest.mark.parametrize(("profile", "floor"), [("screen", 8.0), ("print", 7.5)])
def test_legibility_floors_hold_whatever_the_brand_allows(workspace_copy: Path, profile: str,
                                                          floor: float) -> None:
    """The brand allows 6 pt and the text fits at no size: the tightest layout tried (the
    overflow proof) sets body text at the floor, not below."""
    brand = workspace_copy / "styles" / "field-green" / "brand.yaml"
    brand.write_text(re.sub(r"(?m)^  body: 8pt.*$", "  body: 6pt", brand.read_text()))
    lengthen(workspace_copy, "en", EXTRA["en"] * 2 + MORE * 14)
    result = run_cli("build", FLYER, "-l", "en", "--profile", profile,
                     workspace=workspace_copy)
    assert result.exit_code == 1
    assert f"even with body {floor:g} pt," in result.stderr
    suffix = ".print" if profile == "print" else ""
    proof = workspace_copy / "build" / FLYER / f"{FLYER}.en{suffix}.overflow.pdf"
    page = next(n for n, text in enumerate(page_texts(proof), 1) if "Over two" in text)
    sizes = font_sizes(proof, page, "Over two")
    assert min(sizes) == pytest.approx(floor, abs=0.01)


def test_check_layout_reports_an_overflow_and_writes_nothing(
        workspace_copy: Path, snapshot: Callable[[Path], dict[str, bytes]]) -> None:
    before = snapshot(workspace_copy)
    lengthen(workspace_copy, "en", EXTRA["en"] * 2 + MORE * 8)
    quick = run_cli("check", FLYER, "-l", "en", workspace=workspace_copy)
    assert quick.exit_code == 0  # without layout, length cannot be known
    result = run_cli("check", "--layout", FLYER, "-l", "en", workspace=workspace_copy)
    assert result.exit_code == 1
    assert re.search(rf'content/{FLYER}/en\.yaml:\d+:1: error: .*"More events" runs \d+ mm '
                     "past the page", result.stderr)
    assert snapshot(workspace_copy) == before  # no PDF, no proof


def test_check_layout_lists_what_needed_fitting(workspace_copy: Path) -> None:
    lengthen(workspace_copy, "ru", EXTRA["ru"] * 2)
    result = run_cli("check", "--layout", FLYER, "--json", workspace=workspace_copy)
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert [line.split(":")[0] for line in report["fitted"]] == [f"{FLYER}.ru"]
    assert f"{FLYER}.ru: fits with " in result.stderr
