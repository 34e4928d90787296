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
