"""The typesetting pass over a target's HTML: what it wraps, joins and leaves alone."""

from __future__ import annotations

import lxml.html

from briefs.i18n.scripts import script_info
from briefs.render.typeset import NO_BREAK, NO_HYPHEN, rules_for, typeset_html


def typeset(body: str, lang: str = "en", direction: str = "ltr", script: str = "Latn") -> str:
    html = (f'<!DOCTYPE html><html lang="{lang}"><head><title>t</title></head>'
            f"<body>{body}</body></html>")
    out = typeset_html(html, rules_for(lang, direction, script_info(script)))
    return lxml.html.tostring(lxml.html.document_fromstring(out).find("body"),
                              encoding="unicode")


def test_compounds_and_capitals_are_never_hyphenated() -> None:
    out = typeset("<p>The urban-rural continuum, UNESCO and the intermediary-territories "
                  "programme.</p>")
    assert f'<span class="{NO_BREAK}">urban-rural</span>' in out
    assert f'<span class="{NO_HYPHEN}">UNESCO</span>' in out
    assert f'<span class="{NO_HYPHEN}">intermediary-territories</span>' in out
    assert "The " in out and "continuum" in out


def test_short_compounds_never_break() -> None:
    assert f'<span class="{NO_BREAK}">UN-Habitat</span>' in typeset("<p>UN-Habitat</p>")


def test_ltr_runs_are_isolated_in_rtl_text_only() -> None:
    body = "<p>اتصل على +44 20 7946 0958 أو @CivicHabitat و #UrbanRural و a@b.example</p>"
    out = typeset(body, "ar", "rtl", "Arab")
    for run in ("+44 20 7946 0958", "@CivicHabitat", "#UrbanRural", "a@b.example"):
        assert f'<bdi dir="ltr">{run}</bdi>' in out
    assert "<bdi" not in typeset("<p>Call +44 20 7946 0958 or @CivicHabitat</p>")


def test_number_and_time_ranges_in_rtl_text_keep_their_order() -> None:
    """Without isolation the bidi algorithm draws `14:30–16:30` as `16:30–14:30` and text
    engines read it back reversed (docs/decisions.md)."""
    out = typeset("<p>جولة المشي (14:30–16:30) بين 2016–2025 و 5-7 كم</p>", "ar", "rtl", "Arab")
    for run in ("14:30–16:30", "2016–2025", "5-7"):
        assert f'<bdi dir="ltr">{run}</bdi>' in out
    assert "<bdi" not in typeset("<p>From 14:30–16:30</p>")


def test_text_already_isolated_is_left_alone() -> None:
    out = typeset('<p><bdi dir="ltr">@CivicHabitat</bdi></p>', "he", "rtl", "Hebr")
    assert out.count("<bdi") == 1


def test_soft_line_breaks_between_cjk_characters_join() -> None:
    out = typeset("<p>論文は直\n線化について</p>", "ja", "ltr", "Jpan")
    assert "直線化" in out
    thai = typeset("<p>การฟื้นฟู\nพื้นที่</p>", "th", "ltr", "Thai")
    assert "การฟื้นฟูพื้นที่" in lxml.html.fromstring(thai).text_content().replace("\u200b", "")
    latin = typeset("<p>two\nwords</p>")
    assert "two\nwords" in latin


def test_korean_words_are_kept_whole() -> None:
    out = typeset("<p>범람원 복원 사업</p>", "ko", "ltr", "Kore")
    assert out.count(NO_BREAK) == 3 and "범람원" in out


def test_cjk_headings_break_between_phrases_only() -> None:
    out = typeset("<h1>都市と農村の連携に関する国際フォーラム</h1>", "ja", "ltr", "Jpan")
    assert f'<span class="{NO_BREAK}">フォーラム</span>' in out or "フォーラム</span>" in out
    long_paragraph = "<p>" + "都市と農村の連携に関する国際フォーラム。" * 4 + "</p>"
    assert NO_BREAK not in typeset(long_paragraph, "ja", "ltr", "Jpan")


def test_short_body_lines_wrap_by_the_scripts_rules() -> None:
    for body in ("<p>レンブルックまたはオンラインでご参加ください</p>",
                 "<li>オールドミル会議センターおよびオンライン</li>",
                 "<dd><span>会場と日時</span></dd>"):
        assert NO_BREAK not in typeset(body, "ja", "ltr", "Jpan"), body


def test_thai_phrases_get_a_break_opportunity() -> None:
    out = typeset("<h2>การฟื้นฟูพื้นที่ราบน้ำท่วมถึง</h2>", "th", "ltr", "Thai")
    assert "\u200b" in out


def test_a_text_node_stays_one_item_of_a_flex_container() -> None:
    out = typeset('<h3><span class="box"></span>我同意在网上发布照片。</h3>', "zh", "ltr",
                  "Hans")
    item = next(lxml.html.fromstring(out).iter("h3"))
    assert [child.tag for child in item] == ["span", "span"]
    assert item[1].get("class") is None  # one plain span holding the phrases


def test_style_and_attributes_are_untouched() -> None:
    html = ('<!DOCTYPE html><html><head><style>p > a { color: red }</style></head>'
            '<body><img alt="UN-Habitat logo" src="x.png"></body></html>')
    out = typeset_html(html, rules_for("en", "ltr", script_info("Latn")))
    assert "p > a { color: red }" in out and 'alt="UN-Habitat logo"' in out


def test_a_translator_isolates_a_run_by_hand() -> None:
    out = typeset("<p>המחיר \u2066A + B = C\u2069 בלבד</p>", "he", "rtl", "Hebr")
    assert '<bdi dir="ltr">A + B = C</bdi>' in out and "\u2066" not in out
    assert '<bdi dir="rtl">שלום</bdi>' in typeset("<p>Hello \u2067שלום\u2069!</p>")


def _wrapped_runs(out: str) -> list[str]:
    return [span.text or "" for span in lxml.html.fromstring(out).iter("span", "bdi")
            if span.get("class") or span.tag == "bdi"]


def _whole_clusters(text: str, run: str) -> bool:
    """`run` starts and ends on extended grapheme cluster boundaries of `text`."""
    import unicode_segmentation_rs

    bounds, position = {0}, 0
    for cluster in unicode_segmentation_rs.graphemes(text, True):
        position += len(cluster)
        bounds.add(position)
    start = text.find(run)
    return start >= 0 and start in bounds and start + len(run) in bounds


def test_markup_never_splits_a_grapheme_cluster_in_devanagari() -> None:
    source = "हमने बाज़ार-कस्बे में विचार-विमर्श किया, आर-पार"
    out = typeset(f"<h2>{source}</h2><p>{source}</p>", "hi", "ltr", "Deva")
    runs = _wrapped_runs(out)
    assert "बाज़ार-कस्बे" in runs and "विचार-विमर्श" in runs and "आर-पार" in runs
    for run in runs:
        assert _whole_clusters(source, run), run
    assert lxml.html.fromstring(out).text_content() == source + source


def test_a_phrase_that_ends_inside_a_cluster_is_joined_with_the_next() -> None:
    from briefs.render.typeset import _whole_phrases

    assert _whole_phrases("กำลังน้ำ", ["ก", "ำลัง", "น้", "ำ"]) == ["กำลัง", "น้ำ"]
    assert _whole_phrases("สำคัญ ที่", ["สำคัญ", " ", "ที่"]) == ["สำคัญ", " ", "ที่"]


def test_french_punctuation_gets_no_break_spaces() -> None:
    out = typeset("<p>Eau partagée : planifier ; ensemble ! <em>Pourquoi</em> ? « Oui » "
                  "à 09:30, https://x.example/?a=1</p>", "fr", "ltr", "Latn")
    text = lxml.html.fromstring(out).text_content()
    assert "partagée\u00a0: planifier\u202f; ensemble\u202f! Pourquoi\u202f?" in text
    assert "«\u202fOui\u202f»" in text and "09:30" in text and "https://x.example/?a=1" in text
    assert "\u202f" not in typeset("<p>Why? Because!</p>")


def test_a_space_between_korean_words_is_drawn() -> None:
    """A text box of spaces alone is not drawn (MuPDF then reads the words run together):
    each space between two words kept whole starts with a zero-width space."""
    out = typeset("<p>범람원 복원\n<strong>사업</strong> <em>계획</em> (CEST)</p>", "ko", "ltr",
                  "Kore")
    body = lxml.html.fromstring(out)
    spans = body.findall(f".//span[@class='{NO_BREAK}']")
    assert [span.tail for span in spans[:2]] == ["\u200b ", "\u200b\n"]
    assert body.find(".//strong").tail == "\u200b "
    assert "\u200b (" not in out and out.count("\u200b") == 3
    latin = typeset("<p><strong>two</strong> <em>words</em></p>")
    assert "\u200b" not in latin


def test_template_whitespace_between_blocks_gets_no_zero_width_space() -> None:
    """A zero-width space between two blocks or flex items would be a line of its own."""
    out = typeset("<div>\n <p>가</p>\n <p>나</p> <span>다</span></div>", "ko", "ltr", "Kore")
    assert "\u200b" not in out


def test_french_ordinal_suffixes_are_superior_letters() -> None:
    out = typeset("<p>Le 1er janvier, le XXIe siècle, les XIe-XIIe, "
                  '<a href="https://a.fr/2e">https://a.fr/2e</a>, 2e-3.</p><code>2e</code>',
                  "fr")
    assert '1<span class="ts-ordinal">er</span> janvier' in out
    assert 'XXI<span class="ts-ordinal">e</span> siècle' in out
    assert (f'<span class="{NO_BREAK}">XI<span class="ts-ordinal">e</span>-'
            'XII<span class="ts-ordinal">e</span></span>') in out
    assert out.count("ts-ordinal") == 4
    assert "ts-ordinal" not in typeset("<p>the 2e and 1er</p>")


def test_ranges_are_spaced_per_cldr_and_kept_on_one_line() -> None:
    out = typeset("<p>On 19-20 October, 2019-2023, +31 20-555 0199.</p>")
    assert f'<span class="{NO_BREAK}">19\u2009–\u200920</span> October' in out
    assert f'<span class="{NO_BREAK}">2019\u2009–\u20092023</span>' in out
    assert "20-555" in out
    assert f'<span class="{NO_BREAK}">19–20</span>' in typeset("<p>19 – 20 octobre</p>", "fr")
    korean = typeset("<p>2019-2023년</p>", "ko", "ltr", "Kore")
    assert "2019\u00a0~\u00a0" in korean and "2023년" in korean
    assert "–" not in typeset("<p>2019-2023 ساعت</p>", "ar", "rtl", "Arab")


def test_ranges_in_native_digits_stay_in_the_text_of_right_to_left_lines() -> None:
    """`٢٠١٦–٢٠٢٥` in Arabic-Indic or Persian digits is drawn right to left by the bidi
    algorithm, as it should be: it takes the locale's separator but no element (text engines
    read an element's range worse: docs/decisions.md), not even as a compound."""
    arabic = typeset("<p>بين ٢٠١٦-٢٠٢٥ و ١٤:٣٠ - ١٦:٣٠ و ٣-٢</p>", "ar", "rtl", "Arab")
    assert "<p>بين ٢٠١٦–٢٠٢٥ و ١٤:٣٠–١٦:٣٠ و ٣-٢</p>" in arabic
    persian = typeset("<p>قطع شد، ۲۰۱۶–۲۰۲۵. و ۱۴:۳۰-۱۶:۳۰</p>", "fa", "rtl", "Arab")
    assert "<p>قطع شد، ۲۰۱۶–۲۰۲۵. و ۱۴:۳۰-۱۶:۳۰</p>" in persian
    assert '<bdi dir="ltr">2016–2025</bdi>' in typeset("<p>و 2016–2025</p>", "fa", "rtl", "Arab")
    persian_covid = typeset("<p>کووید-۱۹ و ۳-۲</p>", "fa", "rtl", "Arab")
    assert f'<span class="{NO_BREAK}">کووید-۱۹</span>' in persian_covid  # a word, as before
    assert "و ۳-۲" in persian_covid


def test_ltr_phrases_with_guarded_words_are_isolated_in_rtl_text() -> None:
    """A span around `UN-Habitat` inside `World Bank UN-Habitat Report` would cut the run
    into boxes that WeasyPrint draws in reverse in a right-to-left line: the run is isolated
    whole, the span inside it (tests/e2e/test_bidi_order.py renders it)."""
    out = typeset("<p>گزارش World Bank UN-Habitat Report سال</p>", "fa", "rtl", "Arab")
    assert (f'<bdi dir="ltr">World Bank <span class="{NO_BREAK}">UN-Habitat</span> Report'
            "</bdi> سال") in out
    hebrew = typeset("<p>של the UNESCO, 2025 report ו-UN-Habitat</p>", "he", "rtl", "Hebr")
    assert (f'<bdi dir="ltr">the <span class="{NO_HYPHEN}">UNESCO</span>, 2025 report</bdi>'
            in hebrew)
    # One word alone is a box either way; plain phrases need no box; left-to-right text is
    # left alone.
    assert "<bdi" not in typeset("<p>گزارش UN-Habitat سال</p>", "fa", "rtl", "Arab")
    assert "<bdi" not in typeset("<p>از Civic Habitat Network</p>", "fa", "rtl", "Arab")
    assert "<bdi" not in typeset("<p>World Bank UN-Habitat Report</p>")
    assert typeset('<p>و <bdi dir="ltr">the UN-Habitat</bdi></p>', "he", "rtl",
                   "Hebr").count("<bdi") == 1


def test_rules_follow_the_direction_of_an_element_with_its_own_dir() -> None:
    """A template block with `dir="rtl"` in right-to-left text, an Arabic passage with
    `dir="rtl"` in an English page, an English block with `dir="ltr"` in Arabic text: each
    rule follows the direction of the text it acts on (render/direction.py). An element's
    own `dir` turned the right-to-left rules off inside it before."""
    block = typeset('<div dir="rtl"><p>بين 2016-2025 و World Bank UN-Habitat Report هنا</p>'
                    "</div>", "ar", "rtl", "Arab")
    assert '<bdi dir="ltr">2016-2025</bdi>' in block
    assert (f'<bdi dir="ltr">World Bank <span class="{NO_BREAK}">UN-Habitat</span> Report'
            "</bdi>") in block
    passage = typeset('<p>As the minister said: <q dir="rtl" lang="ar">بين 2016-2025 و '
                      "٢٠١٦-٢٠٢٥ و World Bank UN-Habitat Report هنا</q>, in 2019-2023.</p>")
    assert '<bdi dir="ltr">2016-2025</bdi>' in passage  # isolated, not a thin-spaced span
    assert "٢٠١٦–٢٠٢٥" in passage  # the Arabic separator (lang="ar"), no element
    assert (f'<bdi dir="ltr">World Bank <span class="{NO_BREAK}">UN-Habitat</span> Report'
            "</bdi>") in passage
    assert f'<span class="{NO_BREAK}">2019\u2009–\u20092023</span>' in passage  # English, outside
    english = typeset('<p>قال: <span dir="ltr" lang="en">in 2019-2023, World Bank UN-Habitat '
                      "Report</span> هنا</p>", "ar", "rtl", "Arab")
    assert f'<span class="{NO_BREAK}">2019\u2009–\u20092023</span>' in english
    assert english.count("<bdi") == 0  # left-to-right text: nothing to isolate from


def test_a_bdi_takes_the_direction_of_its_text() -> None:
    """`<bdi>` (and `dir="auto"`) resolve their direction from their first strong character,
    as HTML does: an Arabic name in English text gets the right-to-left rules, a Latin one in
    Hebrew text the left-to-right ones."""
    arabic = typeset("<p>Signed by <bdi>مكتب 2016-2025 World Bank UN-Habitat Report</bdi> "
                     "today</p>")
    assert '<bdi dir="ltr">2016-2025</bdi>' in arabic
    assert '<bdi dir="ltr">World Bank' in arabic
    auto = typeset('<p>Signed by <span dir="auto">مكتب 2016-2025</span></p>')
    assert '<bdi dir="ltr">2016-2025</bdi>' in auto
    latin = typeset("<p>חתום <bdi>in 2019-2023 by UN-Habitat</bdi></p>", "he", "rtl", "Hebr")
    assert f'<span class="{NO_BREAK}">2019–2023</span>' in latin and latin.count("<bdi") == 1


def test_a_language_span_keeps_the_text_s_direction() -> None:
    """`[...]{lang=en}` makes a `lang` span with no `dir`: its text is still in the
    paragraph's right-to-left line, so the right-to-left rules go on applying inside it."""
    out = typeset('<p>قال <span lang="en">the World Bank UN-Habitat Report, 2016-2025</span>'
                  " هنا</p>", "ar", "rtl", "Arab")
    assert '<bdi dir="ltr">2016-2025</bdi>' in out
    assert '<bdi dir="ltr">the World Bank' in out


def test_directions_are_resolved_in_linear_time() -> None:
    """A `dir="auto"` block with many children and no strong character is read once."""
    import time

    body = '<div dir="auto">' + "<span>1 </span>" * 20000 + "</div>"
    start = time.perf_counter()
    typeset(body, "ar", "rtl", "Arab")
    assert time.perf_counter() - start < 10


def test_rtl_phrases_with_guarded_words_are_isolated_in_ltr_text() -> None:
    out = typeset("<p>At the בית בית-ספר גדול school</p>")
    assert (f'<bdi dir="rtl">בית <span class="{NO_BREAK}">בית-ספר</span> גדול</bdi> school'
            in out)
    assert "<bdi" not in typeset("<p>At the בית-ספר school</p>")


def test_auto_directions_are_written_out_for_weasyprint() -> None:
    """WeasyPrint reads `dir="ltr"`/`"rtl"` only and drew a `<bdi>` (or `dir="auto"`, or a
    translator's FSI) in its parent's direction: the pass writes the resolved direction."""
    assert '<bdi dir="rtl">אבג</bdi>' in typeset("<p>Signed <bdi>אבג</bdi></p>")
    assert '<span dir="rtl">مكتب' in typeset('<p>x <span dir="auto">مكتب</span></p>')
    assert '<bdi dir="ltr">123 abc</bdi>' in typeset("<p>ש <bdi>123 abc</bdi></p>", "he", "rtl",
                                                     "Hebr")
    assert '<bdi dir="ltr">123</bdi>' in typeset("<p>ש <bdi>123</bdi></p>", "he", "rtl", "Hebr")
    assert '<bdi dir="rtl">שלום</bdi>' in typeset("<p>Hello \u2068שלום\u2069!</p>")
