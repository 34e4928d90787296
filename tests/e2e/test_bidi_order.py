"""Right-to-left lines with isolates, no-break spans and numbers, through the typesetting pass
and briefs' renderer: the order the glyphs are drawn in, read from their positions (never from
the text layer, whose /ActualText gives a run's text in logical order), is the bidi
algorithm's, and the same as plain WeasyPrint draws from the same HTML (nothing briefs adds,
from its WeasyPrint patches to the text-layer pass, moves a glyph). docs/decisions.md,
"Right-to-left isolates are drawn right to left"."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefs.core.paths import Mounts
from briefs.i18n.scripts import script_info
from briefs.render.engine import Engine, RenderJob
from briefs.render.typeset import rules_for, typeset_html
from tests.e2e.pdfpages import visual_lines

pytestmark = pytest.mark.render
FACES = {"ar": ("Noto Naskh Arabic", "Arab"), "fa": ("Noto Naskh Arabic", "Arab"),
         "he": ("Noto Sans Hebrew", "Hebr")}
INVISIBLE = dict.fromkeys(map(ord, "\u061c\u200b\u200c\u200d\u200e\u200f\u00a0"))
"""Marks the text layer maps glyph copies to (ALM, RLM, ZWNJ...): not what is drawn."""
CASES = {
    # (language, the paragraph's HTML, what stands on the line from left to right)
    "isolate, Persian digits": (
        "fa", 'قطع شد، <bdi dir="rtl">۲۰۱۶–۲۰۲۵</bdi>.', ".۲۰۲۵–۲۰۱۶،"),
    "isolate, Arabic-Indic digits": (
        "ar", 'بين <bdi dir="rtl">٢٠١٦–٢٠٢٥</bdi> في', "٢٠٢٥–٢٠١٦"),
    "no-break span, Persian digits": (
        "fa", 'قطع شد، <span class="ts-nobreak">۲۰۱۶–۲۰۲۵</span>.', ".۲۰۲۵–۲۰۱۶،"),
    "native range left in the text": ("fa", "قطع شد، ۲۰۱۶–۲۰۲۵.", ".۲۰۲۵–۲۰۱۶،"),
    "no-break span, Hebrew word with digits": (
        "he", 'ראו <span class="ts-nobreak">סעיף-12</span> בחוק', "קוחב12-ףיעסואר"),
    "no-break span, Persian word with digits": (
        "fa", 'ماده <span class="ts-nobreak">ب-۱۲</span> قانون', "۱۲-ب"),
    "short Hebrew compound (words.guard_word)": ("he", "הוא בית-ספר גדול", "לודגרפס-תיבאוה"),
    "Latin-digit range (bdi ltr)": ("he", "בין 2016-2025 בערים", "םירעב2016-2025ןיב"),
    "Latin-digit range in Arabic (bdi ltr)": ("ar", "بين 2016-2025 في المدن", "2016-2025"),
    "phone number (bdi ltr)": ("he", "התקשרו +44 20 7946 0958 היום",
                               "םויה+442079460958ורשקתה"),
    "Latin phrase with a guarded word": ("fa", "گزارش World Bank UN-Habitat Report سال",
                                          "WorldBankUN-HabitatReport"),
    "Latin phrase with a word in capitals": ("he", "הדוח של the UNESCO Report השנה",
                                             "הנשהtheUNESCOReportלשחודה"),
    "Latin phrase cut by the author's emphasis": ("he", "הדוח של the <em>big</em> Report השנה",
                                                 "הנשהthebigReportלשחודה"),
    "Latin phrase around a link": ("fa", 'از the <a href="#x">World Bank</a> site و',
                                   "theWorldBanksite"),
    # A translator's isolate (LRI/RLI ... PDI) is a neutral to the run around it
    # (render/bidi_runs.py): the Latin run holding it, cut by the <bdi> it becomes, is
    # isolated whole; one typed around emphasis becomes a <bdi> around it.
    "Latin phrase around a typed right-to-left isolate": (
        "he", "הדוח של the \u2067שלום\u2069 Report השנה", "הנשהtheםולשReportלשחודה"),
    "Latin phrase typed in an isolate around emphasis": (
        "he", "הדוח של \u2066the <em>big</em> Report\u2069 השנה", "הנשהthebigReportלשחודה"),
    # After Arabic letters Persian digits are AN (W2), and W4 joins AN only over a CS: the
    # hyphen-minus stays neutral between two right-to-left numbers (N1).
    "Persian time with a hyphen-minus": ("fa", "ساعت ۱۴:۳۰-۱۶:۳۰ برگزار", "۱۶:۳۰-۱۴:۳۰"),
}


def _page(lang: str, body: str) -> str:
    family, script = FACES[lang]
    html = (f'<!DOCTYPE html><html lang="{lang}" dir="rtl"><head><title>t</title></head>'
            f"<body style=\"font: 14pt '{family}'\"><p>{body}</p></body></html>")
    return typeset_html(html, rules_for(lang, "rtl", script_info(script)))


def _line(pdf: Path) -> str:
    lines = visual_lines(pdf, 1)
    assert len(lines) == 1, lines
    return lines[0].translate(INVISIBLE)


@pytest.fixture(scope="module")
def drawn(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[str, str]]:
    """Each case's line as briefs draws it (a tagged PDF/UA page: the whole text-layer pass)
    and as plain WeasyPrint draws the same HTML."""
    import weasyprint

    folder, engine, found = tmp_path_factory.mktemp("bidi"), Engine(), {}
    for index, (name, (lang, body, _expected)) in enumerate(CASES.items()):
        html = _page(lang, body)
        result = engine.render(RenderJob(html=html, mounts=Mounts.of(folder), title="t",
                                         options={"pdf_tags": True,
                                                  "pdf_variant": "pdf/ua-1"}))
        assert result.pdf is not None, result.problems
        ours, plain = folder / f"{index}.pdf", folder / f"{index}.plain.pdf"
        ours.write_bytes(result.pdf)
        weasyprint.HTML(string=html).write_pdf(plain)
        found[name] = (_line(ours), _line(plain))
    return found


@pytest.mark.parametrize("name", CASES)
def test_drawn_in_bidi_order(drawn: dict[str, tuple[str, str]], name: str) -> None:
    """The glyphs stand where the bidi algorithm puts them: a right-to-left range with its
    earlier figure on the right, a left-to-right run left to right."""
    ours, _plain = drawn[name]
    assert CASES[name][2] in ours, (name, ours)


@pytest.mark.parametrize("name", CASES)
def test_drawn_as_plain_weasyprint_draws(drawn: dict[str, tuple[str, str]], name: str) -> None:
    ours, plain = drawn[name]
    assert ours == plain, name


@pytest.mark.xfail(strict=True, reason=(
    "WeasyPrint resolves no bidi across inline boxes: it reverses a right-to-left line's "
    "boxes (docs/upstream/weasyprint-inline-bidi.md); passes once WeasyPrint does"))
@pytest.mark.parametrize(("lang", "body", "expected"), [
    ("fa", "ساعت <span>۹</span>:<span>۳۰</span> برگزار", "۹:۳۰")])
def test_a_number_across_the_author_s_elements(tmp_path: Path, lang: str, body: str,
                                               expected: str) -> None:
    """A number that the author's own elements cut into several boxes (Latin words are
    isolated whole, render/ltr_across.py; numbers are not: AN and EN runs are neutral to
    the runs found there), which WeasyPrint draws in reverse."""
    result = Engine().render(RenderJob(html=_page(lang, body), mounts=Mounts.of(tmp_path),
                                       title="t"))
    assert result.pdf is not None
    (tmp_path / "run.pdf").write_bytes(result.pdf)
    assert expected in _line(tmp_path / "run.pdf")


DIRECTED = {
    # (the document's language and direction, the paragraph's HTML, what stands on the line
    # from left to right): each typesetting rule follows the direction of the text it acts on
    # (render/direction.py), not the document's.
    "Latin phrase cut by emphasis in a dir=rtl span, English page": (
        "en", "ltr", 'He said: <span dir="rtl">הדוח של the <em>big</em> Report השנה</span> ok',
        "Hesaid:הנשהthebigReportלשחודהok"),
    "Hebrew name cut by emphasis, English page": (
        "en", "ltr", "Signed by אבג <b>דהו</b> זחט today", "Signedbyטחזוהדגבאtoday"),
    "Hebrew phrase with a guarded word, English page": (
        "en", "ltr", "At the בית בית-ספר גדול school", "Attheלודגרפס-תיבתיבschool"),
    "Latin phrase cut by emphasis in a bdi, English page": (
        "en", "ltr", "Signed <bdi>הדוח של the <em>big</em> Report השנה</bdi> ok",
        "SignedהנשהthebigReportלשחודהok"),
    "Latin phrase with a guarded word in a dir=rtl block, Hebrew page": (
        "he", "rtl", '<span dir="rtl">הדוח של the UNESCO Report השנה</span>',
        "הנשהtheUNESCOReportלשחודה"),
}


def _directed_page(lang: str, direction: str, body: str) -> str:
    html = (f'<!DOCTYPE html><html lang="{lang}" dir="{direction}"><head><title>t</title>'
            "</head><body style=\"font: 14pt 'Noto Sans', 'Noto Sans Hebrew'\">"
            f"<p>{body}</p></body></html>")
    script = "Hebr" if lang == "he" else "Latn"
    return typeset_html(html, rules_for(lang, direction, script_info(script)))


@pytest.mark.parametrize("name", DIRECTED)
def test_drawn_in_bidi_order_whatever_the_page_s_direction(tmp_path: Path, name: str) -> None:
    """A right-to-left block in a left-to-right page (and the reverse): the runs that
    elements cut are drawn in the bidi algorithm's order, as plain WeasyPrint draws the
    same HTML."""
    import weasyprint

    lang, direction, body, expected = DIRECTED[name]
    html = _directed_page(lang, direction, body)
    result = Engine().render(RenderJob(html=html, mounts=Mounts.of(tmp_path), title="t",
                                       options={"pdf_tags": True, "pdf_variant": "pdf/ua-1"}))
    assert result.pdf is not None, result.problems
    (tmp_path / "ours.pdf").write_bytes(result.pdf)
    weasyprint.HTML(string=html).write_pdf(tmp_path / "plain.pdf")
    ours = _line(tmp_path / "ours.pdf")
    assert ours == expected, (name, ours)
    assert ours == _line(tmp_path / "plain.pdf"), name
