"""Left-to-right runs that the author's inline elements cut in right-to-left text."""

from __future__ import annotations

import time

import lxml.html

from briefs.render.ltr_across import isolate_ltr_runs


def isolated(body: str) -> str:
    root = lxml.html.fromstring(f'<html dir="rtl"><body>{body}</body></html>')
    isolate_ltr_runs(root.find("body"))
    return lxml.html.tostring(root.find("body"), encoding="unicode")[6:-7]


def test_a_run_cut_by_elements_is_isolated_whole() -> None:
    assert isolated("<p>הדוח של the <em>big</em> Report השנה</p>") == \
        '<p>הדוח של <bdi dir="ltr">the <em>big</em> Report</bdi> השנה</p>'
    assert isolated("<p>و <b>World</b> <i>Bank</i>، و</p>") == \
        '<p>و <bdi dir="ltr"><b>World</b> <i>Bank</i></bdi>، و</p>'
    # An isolate inside is a neutral: the run goes on across it.
    assert isolated('<p>ש the <a href="x"><bdi dir="ltr">x.org</bdi></a> site ש</p>') == \
        '<p>ש <bdi dir="ltr">the <a href="x"><bdi dir="ltr">x.org</bdi></a> site</bdi> ש</p>'
    # Nested: the outer run is wrapped once, and what is inside it left alone.
    assert isolated("<p>ש the <em>big <b>x</b> y</em> Report</p>") == \
        '<p>ש <bdi dir="ltr">the <em>big <b>x</b> y</em> Report</bdi></p>'


def test_runs_in_one_box_or_ended_are_left_alone() -> None:
    for body in ("<p>ש <em>big</em> ש</p>",  # the element is the whole run
                 "<p>ש the big Report ש</p>",  # no element
                 "<p>ش the <em>big ש</em> Report</p>",  # right-to-left text inside
                 "<p>ש the<br>Report</p>",  # a line break between
                 "<p>ש the <em>٢٠٢٥</em> Report</p>",  # an Arabic-Indic number ends it
                 "<p>ساعت <span>۹</span>:<span>۳۰</span></p>",  # numbers only
                 '<p>ש <span class="network">LinkedIn</span> <a href="x">'
                 '<bdi dir="ltr">@civic</bdi></a></p>',  # the isolate at the end: neutral
                 '<p dir="ltr">the <em>big</em> Report</p>',  # the author's own direction
                 "<p><bdi>the <em>big</em> Report</bdi></p>"):
        assert isolated(body) == body, body


def test_many_runs_are_wrapped_in_linear_time() -> None:
    body = "<p>" + "ש the <em>big</em> Report " * 5000 + "</p>"
    started = time.perf_counter()
    out = isolated(body)
    assert out.count('<bdi dir="ltr">the <em>big</em> Report</bdi>') == 5000
    assert time.perf_counter() - started < 5


def test_runs_are_found_in_right_to_left_text_only() -> None:
    """A block with `dir="rtl"` in an English page is searched; a block with `dir="ltr"` in a
    right-to-left page, or a `<bdi>` holding Latin text, is not."""
    root = lxml.html.fromstring('<html dir="ltr"><body><p>The minister: <q dir="rtl">הדוח של '
                                "the <em>big</em> Report השנה</q> and <em>a</em> b</p>"
                                "<p><bdi>שלום the <em>big</em> Report</bdi></p></body></html>")
    isolate_ltr_runs(root.find("body"), False)
    out = lxml.html.tostring(root.find("body"), encoding="unicode")
    assert '<q dir="rtl">הדוח של <bdi dir="ltr">the <em>big</em> Report</bdi> השנה</q>' in out
    assert "and <em>a</em> b</p>" in out
    assert '<bdi>שלום <bdi dir="ltr">the <em>big</em> Report</bdi></bdi>' in out
    assert isolated('<div dir="ltr">the <em>big</em> Report</div>') == \
        '<div dir="ltr">the <em>big</em> Report</div>'
    assert isolated('<p>ש <bdi>the <em>big</em> Report</bdi></p>') == \
        '<p>ש <bdi>the <em>big</em> Report</bdi></p>'


def test_right_to_left_runs_cut_in_left_to_right_text_are_isolated() -> None:
    """The mirror case: WeasyPrint draws a left-to-right line's boxes in order, so a Hebrew
    name cut by emphasis in English text was drawn in reading order from the left."""
    def in_english(body: str) -> str:
        root = lxml.html.fromstring(f"<html><body>{body}</body></html>")
        isolate_ltr_runs(root.find("body"), False)
        return lxml.html.tostring(root.find("body"), encoding="unicode")[6:-7]

    assert in_english("<p>Signed by אבג <em>דהו</em> זחט today</p>") == \
        '<p>Signed by <bdi dir="rtl">אבג <em>דהו</em> זחט</bdi> today</p>'
    assert in_english("<p>x مكتب <b>الأمم</b> المتحدة، 2019 in</p>") == \
        '<p>x <bdi dir="rtl">مكتب <b>الأمم</b> المتحدة، 2019</bdi> in</p>'
    for body in ("<p>Signed by <em>דהו</em> today</p>", "<p>The <em>big</em> Report</p>",
                 "<p>Signed by אבג דהו זחט today</p>"):
        assert in_english(body) == body


def test_many_right_to_left_runs_are_wrapped_in_linear_time() -> None:
    root = lxml.html.fromstring("<html><body><p>" + "a אבג <b>דהו</b> זחט " * 5000
                                + "</p></body></html>")
    started = time.perf_counter()
    isolate_ltr_runs(root.find("body"), False)
    out = lxml.html.tostring(root.find("body"), encoding="unicode")
    assert out.count('<bdi dir="rtl">אבג <b>דהו</b> זחט</bdi>') == 5000
    assert time.perf_counter() - started < 5


TYPED = {
    # An isolate a translator typed (LRI/RLI/FSI ... PDI) is a neutral to the run around it
    # (render/bidi_runs.py): an Arabic number or a Hebrew word inside it does not end the
    # run, and it counts as a cut, since typeset makes it a <bdi>; a run never starts inside
    # it, so its two controls are never parted.
    "ש the <em>big</em> \u2066٣+٤\u2069 Report ש":
        'ש <bdi dir="ltr">the <em>big</em> \u2066٣+٤\u2069 Report</bdi> ש',
    "ש the \u2067שלום\u2069 Report ש": 'ש <bdi dir="ltr">the \u2067שלום\u2069 Report</bdi> ש',
    "ש \u2066the <em>big</em>\u2069 Report ש": 'ש <bdi dir="ltr">the <em>big</em></bdi> Report ש',
    # Typed across elements, its controls alone do not hold WeasyPrint's boxes together: it
    # becomes a <bdi> around them (its direction from the control; FSI: its first letter),
    # whose own runs are searched by that direction; without its PDI, to the end of the text.
    "ש \u2066the <em>big</em> Report\u2069 ש": 'ש <bdi dir="ltr">the <em>big</em> Report</bdi> ש',
    "ש \u2068the <em>big</em> Report\u2069 ש": 'ש <bdi dir="ltr">the <em>big</em> Report</bdi> ש',
    "ש \u2066a \u2067<b>b</b>\u2069 c\u2069 <i>d</i> e":
        'ש <bdi dir="ltr">a <bdi dir="rtl"><b>b</b></bdi> c</bdi> <bdi dir="ltr"><i>d</i> e</bdi>',
    "ש \u2066the <em>big</em> Report ש": 'ש <bdi dir="ltr">the <em>big</em> Report ש</bdi>',
}


def test_a_typed_isolate_is_a_neutral_and_one_across_elements_a_bdi() -> None:
    for body, expected in TYPED.items():
        assert isolated(f"<p>{body}</p>") == f"<p>{expected}</p>", body
    root = lxml.html.fromstring("<html><body><p>Signed \u2067אבג <em>דהו</em> זחט\u2069 "
                                "today</p></body></html>")
    isolate_ltr_runs(root.find("body"), False)
    assert lxml.html.tostring(root.find("body"), encoding="unicode")[6:-7] == \
        '<p>Signed <bdi dir="rtl">אבג <em>דהו</em> זחט</bdi> today</p>'
