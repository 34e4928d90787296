"""Typesetting rules, read back from the PDFs: footnotes, hyphenation, tracking, faux faces,
right-to-left layout, LTR runs, Korean and CJK line breaking, digits and calendars."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
import yaml

from tests.conftest import run_cli, workspace_file
from tests.e2e.pdfpages import (
    centre_x,
    font_names,
    font_sizes,
    glyph_texts,
    page_texts,
    text_boxes,
    union,
    visual_lines,
)

DOCS = ("forum-key-messages", "river-dialogue-flyer", "urban-water-fact-sheet")
SAMPLE_LOCALES = ("en", "fr", "es", "ru", "zh", "ar")
SCRIPT_LOCALES = ("he", "hi", "ja", "ko", "th", "fa")
CJK = r"\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"


def pdf_of(root: Path, doc: str, locale: str) -> Path:
    return root / "build" / doc / f"{doc}.{locale}.pdf"


def prose(root: Path, doc: str, locale: str) -> dict:
    return yaml.safe_load((root / "content" / doc / f"{locale}.yaml").read_text())


def workspace_of(built_sample: Path, built_scripts: Path, locale: str) -> Path:
    return built_sample if locale in SAMPLE_LOCALES else built_scripts


# ------------------------------------------------------------------ footnotes


def _long_first_message(words: int) -> str:
    filler = ("Planning at the scale of the functional region lets a city see how much it "
              "depends on its hinterland and lets rural communities claim services. ") * 30
    cut = filler.split()[:words + 40]
    cut.insert(words, cut.pop(words) + "[^9]")
    return " ".join(cut) + ("\n\n[^9]: A territorial plan covers a functional region rather "
                            "than one municipality, and is agreed by every council in it.")


def test_footnote_stays_on_the_page_of_its_call(workspace_copy: Path) -> None:
    """A long first message with a footnote whose call falls near the foot of a page, at
    several positions (some made WeasyPrint put the note a page later): every output builds,
    which means the layout check found each note on its call's page."""
    content = workspace_copy / "content"
    source = content / "forum-key-messages"
    for words in (0, 112, 133, 147, 161):
        folder = content / f"long-first-{words}"
        folder.mkdir()
        (folder / "document.yaml").write_text((source / "document.yaml").read_text())
        (folder / "images").symlink_to(source / "images")
        text = yaml.safe_load((source / "en.yaml").read_text())
        text["messages"][0]["text"] += "\n" + _long_first_message(words)
        (folder / "en.yaml").write_text(yaml.safe_dump(text, allow_unicode=True))
    docs = [f"long-first-{words}" for words in (0, 112, 133, 147, 161)]
    result = run_cli("build", *docs, "-l", "en", workspace=workspace_copy)
    assert result.exit_code == 0, result.stderr
    assert "footnote" not in result.stderr


# ------------------------------------------------------------------ hyphenation


COMPOUNDS = ("urban-rural", "inter-municipal", "UN-Habitat", "post-harvest", "long-term",
             "nature-based", "decision-makers", "water-sensitive", "small-town")
CAPITALS = ("UNESCO", "INTERGOVERNMENTAL", "COMMUNITIES")


def _short(compound: str) -> bool:
    return len(compound) <= 12 or min(len(part) for part in compound.split("-")) <= 3


def _hyphenation_faults(pdf: Path) -> list[str]:
    """Line ends at a short compound's own hyphen (-), or at a hyphen the hyphenation added
    (a soft hyphen in the text layer, U+2010 in a control drawn with it) inside a compound or
    a word in capitals."""
    faults = []
    for text in page_texts(pdf):
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        for line, following in itertools.pairwise(lines):
            end, start = line.split()[-1], following.split()[0].rstrip(".,;:")
            own, added = end + start, end[:-1] + start
            short_broken = end.endswith("-") and own in COMPOUNDS and _short(own)
            hyphenated = end.endswith(("\u2010", "\u00ad")) and ("-" in added or added in CAPITALS)
            if short_broken or hyphenated:
                faults.append(f"{end}/{start}")
    return faults


def test_no_hyphen_inside_hyphenated_words(workspace_copy: Path) -> None:
    """Paragraphs made of compounds and words in capitals: lines may end at a long
    compound's own hyphen, never at a hyphen added inside a compound (`urb-an-rural`),
    inside a short one (`UN-/Habitat`), or inside capitals. The same page without the rule
    has such breaks, so the check can see them."""
    source = workspace_copy / "content" / "forum-key-messages" / "en.yaml"
    text = yaml.safe_load(source.read_text())
    words = " ".join(f"{a} policies and {b} {c} plans" for a, b, c in
                     zip(COMPOUNDS * 3, CAPITALS * 9, reversed(COMPOUNDS * 3), strict=True))
    text["messages"][0]["text"] = (words + ".\n\n") * 3
    source.write_text(yaml.safe_dump(text, allow_unicode=True))
    result = run_cli("build", "forum-key-messages", "-l", "en", "--emit-html",
                     workspace=workspace_copy)
    assert result.exit_code == 0, result.stderr
    pdf = pdf_of(workspace_copy, "forum-key-messages", "en")
    assert _hyphenation_faults(pdf) == []
    import weasyprint

    html = pdf.with_suffix(".html").read_text()
    loose = html.replace("</style>", ".ts-nohyphen, .ts-nobreak { hyphens: auto !important; "
                         "white-space: normal !important; } html { hyphenate-limit-chars: "
                         "4 2 2 !important; hyphenate-character: '\\2010' !important; }</style>", 1)
    control = pdf.with_name("control.pdf")
    weasyprint.HTML(string=loose, base_url=pdf.parent.as_uri() + "/").write_pdf(control)
    assert _hyphenation_faults(control) != []


# ------------------------------------------------------------------ tracking and capitals


@pytest.mark.parametrize("locale", ("ar", "fa", "hi"))
@pytest.mark.parametrize("doc", DOCS)
def test_no_letter_spacing_in_joined_scripts(built_sample: Path, built_scripts: Path,
                                             doc: str, locale: str) -> None:
    """The first line of page one (the kicker, or the event name) is tracked in Latin
    outputs; in Arabic, Persian and Hindi its letters must sit at their natural positions.
    PDFium writes letters set apart as letters separated by spaces, so the line (which may
    hold only the start of the text) has no more spaces than the source text, and is not a
    row of single letters."""
    root = workspace_of(built_sample, built_scripts, locale)
    text = prose(root, doc, locale)
    label = text.get("event_name") or text["kicker"]
    first_line = glyph_texts(pdf_of(root, doc, locale))[0].splitlines()[0]
    first_line = re.sub(r"\s*[\u064b-\u065f\u0670]", "", first_line)  # marks
    # the invisible direction marks of the text layer (edge_spaces.py, marks.py), and the
    # space pdf.js needs at a right-to-left line's end, are not letter spacing
    first_line = first_line.translate(dict.fromkeys(map(ord, "\u200e\u200f\u061c"))).strip()
    tokens = first_line.split()
    assert first_line.count(" ") <= label.count(" "), first_line
    assert sum(len(token) == 1 for token in tokens) <= max(1, len(tokens) // 4), first_line


def test_latin_labels_are_still_tracked(built_sample: Path) -> None:
    """The measure above can fail: the English kicker is letter-spaced and in capitals."""
    first_line = glyph_texts(pdf_of(built_sample, "river-dialogue-flyer", "en"))[0]
    assert first_line.splitlines()[0].startswith("S C I E N C E")


# ------------------------------------------------------------------ faux faces


@pytest.mark.parametrize("locale", SAMPLE_LOCALES + SCRIPT_LOCALES)
def test_no_synthesised_oblique_font(built_sample: Path, built_scripts: Path,
                                     locale: str) -> None:
    root = workspace_of(built_sample, built_scripts, locale)
    for doc in DOCS:
        names = font_names(pdf_of(root, doc, locale))
        assert not [name for name in names if "Oblique" in name], names


# ------------------------------------------------------------------ right to left


def _needle(text: str, words: int) -> str:
    """The first words of a text that PDFium extracts as they are written (it drops the
    zero-width non-joiner and writes some combining marks apart)."""
    plain = [word for word in text.replace("\u200c", "").split()
             if not re.search("[\u064b-\u065f\u0670]", word)]
    return " ".join(plain[:words])


@pytest.mark.parametrize("locale", ("ar", "he", "fa"))
def test_flyer_grids_are_mirrored(built_sample: Path, built_scripts: Path,
                                  locale: str) -> None:
    """The facts column (with the registration address) is at the left of the context, and
    the first "more events" teaser at the right of the second."""
    root = workspace_of(built_sample, built_scripts, locale)
    pdf = pdf_of(root, "river-dialogue-flyer", locale)
    text = prose(root, "river-dialogue-flyer", locale)
    side = centre_x(union(text_boxes(pdf, 1, "events.riverlands.example")))
    context = centre_x(union(_first_found(pdf, [_needle(text["context"], 3), "RiverlandsRA"])))
    assert side < context
    first, second = (_needle(text["more_events"][i]["title"], 1) for i in (0, 1))
    assert centre_x(union(text_boxes(pdf, 1, first, last=True))) > \
        centre_x(union(text_boxes(pdf, 1, second, last=True)))


def _first_found(pdf: Path, needles: list[str]) -> list[tuple[float, float, float, float]]:
    """The boxes of the first needle PDFium's text of page 1 holds (it writes some Arabic
    ligatures in another order, so the first choice is not always found)."""
    text = page_texts(pdf)[0]
    needle = next(needle for needle in needles if needle in text)
    return text_boxes(pdf, 1, needle)


def test_english_flyer_grids_are_not_mirrored(built_sample: Path) -> None:
    pdf = pdf_of(built_sample, "river-dialogue-flyer", "en")
    assert centre_x(union(text_boxes(pdf, 1, "events.riverlands.example"))) > \
        centre_x(union(text_boxes(pdf, 1, "Floodplains are")))


@pytest.mark.parametrize("locale", ("he", "fa"))
@pytest.mark.parametrize("run", ("+44 20 7946 0958", "@CivicHabitat", "#UrbanRural2025",
                                 "forum@civichabitat.example"))
def test_left_to_right_runs_keep_their_order(built_scripts: Path, locale: str,
                                             run: str) -> None:
    """Inside right-to-left prose, a phone number, handle, hashtag or address reads left to
    right on the page (not "0958 7946 20 44+" or "CivicHabitat@")."""
    pdf = pdf_of(built_scripts, "forum-key-messages", locale)
    seen = [line for page in range(1, len(page_texts(pdf)) + 1)
            for line in visual_lines(pdf, page)]
    assert any(run.replace(" ", "") in line for line in seen), (
        f"{run} is not left to right in {locale}: "
        f"{[line for line in seen if run[1:4] in line]}")


# ------------------------------------------------------------------ CJK and Korean


def _words(text: str) -> set[str]:
    text = re.sub(r"\[\^\d+\]:?", " ", text).replace("*", "")
    return {word.strip(".,:;!?()\"'·0123456789۰-۹") for word in text.split()}


@pytest.mark.parametrize("doc", DOCS)
def test_korean_breaks_only_between_words(built_scripts: Path, doc: str) -> None:
    """Every word on every line of the Korean outputs is a whole word of the source
    (`word-break: keep-all`): 범람원 is never split into 범람 and 원."""
    catalog = built_scripts / "templates" / "locales" / "ko" / "LC_MESSAGES" / "messages.po"
    dates = "2026년 6월 11일 목요일 2025년 11월 4일~6일 2026년 3월 22일 9시 30분 쪽 중 일까지"
    source = _words((built_scripts / "content" / doc / "ko.yaml").read_text()
                    + catalog.read_text() + dates)
    hangul = re.compile(r"[\uac00-\ud7af]")
    for text in page_texts(pdf_of(built_scripts, doc, "ko")):
        for word in _words(text):
            if hangul.search(word):
                assert word in source, f"{word!r} is not a word of ko.yaml"


@pytest.mark.parametrize("locale", ("ja", "zh"))
@pytest.mark.parametrize("doc", DOCS)
def test_cjk_line_breaks_in_the_source_join_without_space(built_sample: Path,
                                                          built_scripts: Path, doc: str,
                                                          locale: str) -> None:
    """A line break in the YAML between two Chinese or Japanese characters (a source line
    wrapped mid-sentence) joins them: the PDF never shows "直 線化"."""
    root = workspace_of(built_sample, built_scripts, locale)
    source = (root / "content" / doc / f"{locale}.yaml").read_text()
    pairs = re.findall(f"([{CJK}]{{2}})\\n[ ]*([{CJK}]{{2}})", source)
    text = "".join(page_texts(pdf_of(root, doc, locale))).replace("\r\n", "")
    for before, after in pairs:
        assert f"{before} {after}" not in text
        assert before + after in text, f"{before}|{after}"


def test_the_soft_break_check_has_cases(built_scripts: Path) -> None:
    source = (built_scripts / "content" / "forum-key-messages" / "ja.yaml").read_text()
    assert "開催さ\n  れました" in source


# ------------------------------------------------------------------ digits and calendars


def _numbers(text: str) -> list[str]:
    """Message numbers (a line of their own), footnote marks ("1. ...") and the page number
    in the footer (the last line)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    found = [line for line in lines if re.fullmatch(r"\d+", line)]
    found += [line.split(".")[0] for line in lines if re.match(r"\d+\.\s", line)]
    return found + re.findall(r"\d+", lines[-1])


@pytest.mark.parametrize(("locale", "zero"), [("fa", "۰"), ("th", "๐"), ("ar", "٠"),
                                              ("hi", "0"), ("he", "0"), ("en", "0")])
def test_digits_per_locale_in_every_numbered_place(built_sample: Path, built_scripts: Path,
                                                   locale: str, zero: str) -> None:
    root = workspace_of(built_sample, built_scripts, locale)
    digits = "".join(chr(ord(zero) + d) for d in range(10))
    page = page_texts(pdf_of(root, "forum-key-messages", locale))[1]
    numbers = _numbers(page)
    assert len(numbers) >= 3, numbers  # message numbers and the page number at least
    assert all(set(number) <= set(digits) for number in numbers), numbers


def test_persian_solar_hijri_dates(built_scripts: Path) -> None:
    """Read without the invisible direction marks the text layer adds around a range's dash
    and after a word-final mark (range_dashes.py, marks.py), which copy-paste keeps."""
    marks = dict.fromkeys(map(ord, "\u200e\u200f\u061c"))
    pages = [page.translate(marks)
             for page in page_texts(pdf_of(built_scripts, "forum-key-messages", "fa"))]
    assert "۱۳–۱۵ آبان ۱۴۰۴" in pages[0]              # 4–6 November 2025
    assert "صفحهٔ ۲ از ۳" in pages[1]  # the hamza stays on its letter (render/tagging/marks.py)
    flyer = page_texts(pdf_of(built_scripts, "river-dialogue-flyer", "fa"))[0]
    assert "۲۱ خرداد ۱۴۰۵" in flyer and "۹:۳۰" in flyer  # 11 June 2026, 09:30


def test_thai_buddhist_era(built_scripts: Path) -> None:
    pages = page_texts(pdf_of(built_scripts, "forum-key-messages", "th"))
    assert "พ.ศ. ๒๕๖๘" in pages[0]                    # 2025 + 543
    assert "หน้า ๒ จาก ๓" in pages[1]


def test_arabic_indic_digits_where_the_workspace_asks(built_sample: Path) -> None:
    pages = page_texts(pdf_of(built_sample, "forum-key-messages", "ar"))
    assert "٢٠٢٥" in pages[0] and "الصفحة ٢ من" in pages[1]


def test_hindi_keeps_cldr_latin_digits(built_scripts: Path) -> None:
    pages = page_texts(pdf_of(built_scripts, "forum-key-messages", "hi"))
    assert "2025" in pages[0] and "2 / 3" in pages[1]


# ------------------------------------------------------------------ glyphs, before rendering


def test_check_finds_markers_and_svg_text_no_font_has(workspace_copy: Path) -> None:
    """`briefs check` (no rendering) names a list marker no brand font has, with its
    stylesheet and line, and an SVG text set in a machine's font, with the SVG's line."""
    sheet = workspace_file(workspace_copy, "styles/common/key-messages.css")
    sheet.write_text(sheet.read_text() + "\n.prose-list ul { list-style-type: circle; }\n")
    line = len(sheet.read_text().splitlines())
    logo = workspace_copy / "styles" / "civic-blue" / "logos" / "logo.svg"
    logo.write_text(logo.read_text().replace(
        "</svg>", '<text x="0" y="0" font-family="sans-serif">Civic</text></svg>'))
    result = run_cli("check", "forum-key-messages", "-l", "en", workspace=workspace_copy)
    assert result.exit_code == 1
    assert re.search(rf'styles/common/key-messages\.css:{line}:\d+: error: generated text '
                     r'prints U\+25E6 WHITE BULLET', result.stderr), result.stderr
    assert re.search(r'styles/civic-blue/logos/logo\.svg:\d+:1: error: <text> text "Civic" '
                     r'asks for font-family "sans-serif"', result.stderr), result.stderr


def test_nested_lists_use_markers_the_fonts_have(built_scripts: Path) -> None:
    """Message 2 of every test translation holds a nested list: it builds, with its "–"."""
    text = page_texts(pdf_of(built_scripts, "forum-key-messages", "en"))[1]
    assert "–" in text and "◦" not in text


# ------------------------------------------------------------------ French ordinals


def test_french_ordinals_are_superior_letters_and_read_as_written(workspace_copy: Path) -> None:
    """`1er` and `XXIe` are set with their suffix smaller (superior letters), and every engine
    still reads `1er` and `XXIe`; a number in scientific notation is left alone."""
    from tests.textlayer.engines import available

    fr = workspace_copy / "content/river-dialogue-flyer/fr.yaml"
    text = fr.read_text(encoding="utf-8")
    fr.write_text(text.replace(
        "  Les plaines inondables sont",
        "  Depuis le 1er mai et au XXIe siècle (2e-3 près), les plaines inondables sont", 1),
        encoding="utf-8")
    result = run_cli("build", "river-dialogue-flyer", "-l", "fr", workspace=workspace_copy)
    assert result.exit_code == 0, result.stderr
    pdf = pdf_of(workspace_copy, "river-dialogue-flyer", "fr")
    first, suffix = font_sizes(pdf, 1, "1er")[0], font_sizes(pdf, 1, "1er")[1:]
    assert all(size < first * 0.7 for size in suffix)
    century = font_sizes(pdf, 1, "XXIe")
    assert century[-1] < century[0] * 0.7
    assert len(set(font_sizes(pdf, 1, "2e-3"))) == 1
    for name, engine in available().items():
        words = engine(pdf).split()
        assert "1er" in words and "XXIe" in words, name
