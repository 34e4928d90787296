"""Every sample document in every locale: title, /Lang, fonts, direction (the reviewed page
images are in test_visual.py)."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from tests.conftest import run_cli

DOCS = ("forum-key-messages", "river-dialogue-flyer", "urban-water-fact-sheet")
LOCALES = ("en", "fr", "es", "ru", "zh", "ar")
CIVIC_BLUE = {
    "Latn": {"Civic-Sans", "Civic-Serif"},
    "Cyrl": {"Civic-Sans", "Civic-Serif"},
    "Hans": {"Civic-CJK", "Civic-CJK-Serif", "Civic-Sans", "Civic-Serif"},
    "Arab": {"Civic-Arabic", "Civic-Sans", "Civic-Serif"},
}
FIELD_GREEN = {
    "Latn": {"Field-Sans"},
    "Cyrl": {"Field-Sans"},
    "Hans": {"Field-CJK", "Field-Sans"},
    "Arab": {"Field-Arabic", "Field-Sans"},
}
BRANDS = {"forum-key-messages": CIVIC_BLUE, "urban-water-fact-sheet": CIVIC_BLUE,
          "river-dialogue-flyer": FIELD_GREEN}
STYLE_SUFFIX = re.compile(r"(-(Bold|Italic|Oblique|Heavy|Black))+$")
SCRIPTS = {"en": "Latn", "fr": "Latn", "es": "Latn", "ru": "Cyrl", "zh": "Hans", "ar": "Arab"}


def embedded_families(path: Path) -> set[str]:
    lines = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    families = set()
    for line in lines:
        parts = line.split()
        assert parts[-5] == "yes", f"font not embedded: {line}"
        name = parts[0].split("+", 1)[1]
        families.add(STYLE_SUFFIX.sub("", name))
    return families


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("doc", DOCS)
def test_each_document_in_each_locale(built_sample: Path, doc: str, locale: str) -> None:
    pdf = built_sample / "build" / doc / f"{doc}.{locale}.pdf"
    reader = PdfReader(pdf)
    prose = yaml.safe_load((built_sample / "content" / doc / f"{locale}.yaml").read_text())
    text = "".join("".join(page.extract_text().split()) for page in reader.pages)
    title = prose["title"]
    assert "".join(title.split())[:8] in text
    assert reader.trailer["/Root"]["/Lang"] == locale
    assert str(reader.metadata.title).endswith(title)
    assert embedded_families(pdf) <= BRANDS[doc][SCRIPTS[locale]]
    if doc == "river-dialogue-flyer":
        assert len(reader.pages) == 1
    if doc == "urban-water-fact-sheet":
        assert len(reader.pages) == 2


def test_arabic_is_right_to_left_with_native_page_numbers(built_sample: Path) -> None:
    pdf = built_sample / "build" / "forum-key-messages" / "forum-key-messages.ar.pdf"
    text = subprocess.run(["pdftotext", "-f", "2", "-l", "2", str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "٢" in text and "الصفحة" in text  # "Page ٢ of ٤" in Arabic-Indic digits


def test_template_strings_are_translated(built_sample: Path) -> None:
    pdf = built_sample / "build" / "forum-key-messages" / "forum-key-messages.fr.pdf"
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Messages clés" in text and "Pour plus d’informations" in text
    assert "Page 2 sur" in text


def test_french_dates_and_hyphenation_language(built_sample: Path) -> None:
    pdf = built_sample / "build" / "river-dialogue-flyer" / "river-dialogue-flyer.fr.pdf"
    text = PdfReader(pdf).pages[0].extract_text()
    assert "jeudi 11 juin 2026" in text


def test_fallback_warns_and_strict_fails(workspace_copy: Path) -> None:
    path = workspace_copy / "content" / "river-dialogue-flyer" / "fr.yaml"
    lines = path.read_text().splitlines()
    path.write_text("\n".join(line for line in lines if not line.startswith("kicker:")) + "\n")
    result = run_cli("build", "river-dialogue-flyer", "-l", "fr", workspace=workspace_copy)
    assert result.exit_code == 0
    assert re.search(r'fr\.yaml:\d+:1: warning: kicker: not translated into "fr"; the en text '
                     "is used", result.stderr)
    strict = run_cli("build", "river-dialogue-flyer", "-l", "fr", "--strict",
                     workspace=workspace_copy)
    assert strict.exit_code == 1


def test_stale_translation_is_reported(workspace_copy: Path) -> None:
    source = workspace_copy / "content" / "river-dialogue-flyer" / "en.yaml"
    source.write_text(source.read_text().replace("kicker: ", "kicker: New ", 1))
    status = run_cli("i18n", "status", "river-dialogue-flyer", "-l", "fr", "--json",
                     workspace=workspace_copy)
    assert status.exit_code == 0
    [row] = json.loads(status.stdout)
    assert row["stale"] == ["kicker"] and row["missing"] == [] and row["percent"] < 100
    strict = run_cli("i18n", "status", "--strict", workspace=workspace_copy)
    assert strict.exit_code == 1 and "stale: kicker" in strict.stdout
    build = run_cli("check", "river-dialogue-flyer", "-l", "fr", workspace=workspace_copy)
    assert "kicker: stale translation" in build.stderr
    # The translator updates the text: no longer stale, and `i18n update` records it.
    fr = workspace_copy / "content" / "river-dialogue-flyer" / "fr.yaml"
    fr.write_text(fr.read_text().replace("kicker: ", "kicker: Nouveau ", 1))
    assert run_cli("i18n", "update", workspace=workspace_copy).exit_code == 0
    again = run_cli("i18n", "status", "-l", "fr", "--strict", workspace=workspace_copy)
    assert again.exit_code == 0, again.stdout
    others = run_cli("i18n", "status", "-l", "es", "--strict", workspace=workspace_copy)
    assert others.exit_code == 1 and "stale: kicker" in others.stdout


def test_extra_key_in_translation_fails_only_that_locale(workspace_copy: Path) -> None:
    path = workspace_copy / "content" / "river-dialogue-flyer" / "es.yaml"
    path.write_text(path.read_text() + "kickr: sobra\n")
    result = run_cli("build", "river-dialogue-flyer", "-l", "es", "-l", "en", "--json",
                     workspace=workspace_copy)
    assert result.exit_code == 1
    assert 'unknown key' not in result.stderr
    assert 'key "kickr" is not in the source text (did you mean "kicker"?)' in result.stderr
    assert json.loads(result.stdout)["failed"] == ["river-dialogue-flyer.es"]


def test_new_locale_needs_no_code(workspace_copy: Path) -> None:
    """Georgian: a content file and a brand font for a new script; no catalog yet (warning)."""
    config = workspace_copy / "briefs.yaml"
    config.write_text(re.sub(r"(?m)^locales: .*$", "locales: [en, ka]", config.read_text()))
    brand = workspace_copy / "styles" / "field-green" / "brand.yaml"
    faces = "".join(f"  - {{family: Field Georgian, system: Noto Sans Georgian, package: "
                    f"fonts-noto-core, weight: {weight}}}\n" for weight in (400, 700))
    brand.write_text(brand.read_text().replace("typography:", faces + "typography:", 1).replace(
        "scripts:\n", "scripts:\n  Geor: {body: [Field Georgian], heading: [Field Georgian]}\n",
        1))
    source = workspace_copy / "content" / "river-dialogue-flyer" / "en.yaml"
    georgian = source.read_text().replace("kicker: Science-Policy Dialogue",
                                          "kicker: მეცნიერებისა და პოლიტიკის დიალოგი")
    (source.parent / "ka.yaml").write_text(georgian)
    result = run_cli("build", "river-dialogue-flyer", "-l", "ka", workspace=workspace_copy)
    assert result.exit_code == 0, result.stderr
    pdf = workspace_copy / "build" / "river-dialogue-flyer" / "river-dialogue-flyer.ka.pdf"
    assert PdfReader(pdf).trailer["/Root"]["/Lang"] == "ka"
    assert "Field-Georgian" in embedded_families(pdf)
