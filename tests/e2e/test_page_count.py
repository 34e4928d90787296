"""Page-count rules, read back from the PDFs (issue 23): no near-empty page before the back
cover (its lines pulled back by the fit steps, else a warning naming the page and its fill),
and in print the back cover on a verso (an even page count, a blank page before it)."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import run_cli
from tests.e2e.pdfpages import page_texts

BRIEF = "first-brief"
SLOGAN = "Clear messages, well made"


def add_messages(root: Path, count: int) -> None:
    path = root / "content" / BRIEF / "en.yaml"
    extra = "".join(f"""  - title: Extra message {number}
    text: |
      The team will concentrate on three priorities instead of seven, and report on
      each of them every quarter, with partners invited while plans are still drafts.
""" for number in range(count))
    path.write_text(path.read_text().replace("\npull_quote:", f"\n{extra}\npull_quote:", 1))


def pages_of(root: Path, suffix: str = "") -> list[str]:
    return page_texts(root / "build" / BRIEF / f"{BRIEF}.en{suffix}.pdf")


def test_print_keeps_the_back_cover_on_a_verso_with_a_blank_page_before_it(
        small: Path) -> None:
    result = run_cli("build", BRIEF, "-l", "en", "--profile", "all", workspace=small)
    assert result.exit_code == 0, result.stderr
    screen, printed = pages_of(small), pages_of(small, ".print")
    assert len(screen) == 3 and SLOGAN in screen[2]  # on screen: no padding
    assert len(printed) == 4 and SLOGAN in printed[3]  # the back cover on page 4, a verso
    assert printed[2].strip() == ""  # a blank page: no running head, no folio
    assert "blank page before the back cover" in result.stderr


def test_a_few_lines_on_a_page_before_the_back_cover_are_pulled_back(small: Path) -> None:
    add_messages(small, 6)  # a few lines run onto page 3, the back cover to page 4
    result = run_cli("build", BRIEF, "-l", "en", workspace=small)
    assert result.exit_code == 0, result.stderr
    pages = pages_of(small)
    assert len(pages) == 3 and SLOGAN in pages[2] and "Extra message 5" in pages[1]
    assert re.search(r"first-brief\.en: fitted with .*space", result.stderr), result.stderr


def test_a_near_empty_page_that_cannot_be_pulled_back_is_named_with_its_fill(
        small: Path) -> None:
    brand = small / "styles" / "team" / "brand.yaml"
    brand.write_text(brand.read_text().replace(  # no fit step allowed
        "  body: 8pt ", "  body: 10pt\n  leading: 1.5\n  space: 100%\n  # "))
    add_messages(small, 6)
    result = run_cli("build", BRIEF, "-l", "en", workspace=small)
    assert result.exit_code == 0, result.stderr
    pages = pages_of(small)
    assert len(pages) == 4 and SLOGAN in pages[3]
    found = re.search(r"page 3 before the back cover is (\d+)% empty", result.stderr)
    assert found and int(found[1]) > 75, result.stderr


def test_every_locale_of_the_policy_brief_sets_its_chart_and_credit_on_page_one_of_two(
        built_sample: Path) -> None:
    """The Russian policy brief ran to three pages, its closing lines alone on the third."""
    import yaml

    doc = "water-access-policy-brief"
    for locale in ("en", "fr", "es", "ru", "zh", "ar"):
        pages = page_texts(built_sample / "build" / doc / f"{doc}.{locale}.pdf")
        assert len(pages) == 2, locale
        prose = yaml.safe_load((built_sample / "content" / doc / f"{locale}.yaml").read_text())
        chart = prose["body_figures"]["access-chart"]
        first = " ".join(pages[0].split())
        for words in (chart["title"], chart["credit"]):
            assert " ".join(words.split())[:30] in first, (locale, words)
