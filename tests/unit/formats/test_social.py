"""Social-media frames: sizes, shapes, and the frame's page and stylesheet in the HTML."""

from __future__ import annotations

import pytest

from briefs.formats.social import PRESETS, Frame, framed_html

HTML = ('<!DOCTYPE html><html lang="en"><head><style>@page { size: A4; }</style></head>'
        '<body class="kind-flyer paper-a4"><h1>Title</h1></body></html>')


@pytest.mark.parametrize("preset, shape", list(zip(PRESETS, ["square", "tall", "wide", "wide"],
                                              strict=True)))
def test_presets_and_their_shapes(preset: str, shape: str) -> None:
    frame = Frame.parse(preset)
    assert frame.name == preset
    assert frame.shape == shape


@pytest.mark.parametrize("text", ["1080", "1080x", "x1080", "10x10", "99999x1080",
                                  "1080x1080;", "../1080x1080", "1080X1080 "])
def test_bad_sizes_are_refused_with_the_presets_named(text: str) -> None:
    with pytest.raises(ValueError, match=r"WIDTHxHEIGHT|200 to 4096"):
        Frame.parse(text)


def test_the_frame_page_and_stylesheet_come_last_in_the_head() -> None:
    html = framed_html(HTML, Frame.parse("1200x627"))
    head = html[: html.index("</head>")]
    assert head.rindex("size: 1200px 627px") > head.index("size: A4")
    assert "--frame-h: 627px" in head and ".frame-wide" in head
    assert '<body class="frame frame-wide kind-flyer paper-a4">' in html


def test_a_body_without_a_class_gets_one() -> None:
    html = framed_html(HTML.replace(' class="kind-flyer paper-a4"', ""),
                       Frame.parse("1080x1080"))
    assert '<body class="frame frame-square">' in html


def test_html_without_head_or_body_is_an_error() -> None:
    with pytest.raises(ValueError, match="</head>"):
        framed_html("<p>no head</p>", Frame.parse("1080x1080"))


def test_a_long_title_is_set_smaller_and_wide_characters_count_twice() -> None:
    from briefs.formats.social import title_scale

    assert title_scale("") == 1.0 and title_scale("x" * 50) == 1.0
    assert 0.6 < title_scale("x" * 85) < 0.8
    assert title_scale("x" * 1000) == 0.6
    assert title_scale("第三届城乡联系国际论坛" * 3) < 1.0 < title_scale("x" * 33) + 0.01
    html = framed_html(HTML.replace("<h1>Title</h1>", f"<h1>{'Long ' * 30}</h1>"),
                       Frame.parse("1080x1080"))
    assert "--title-scale: 0.6" in html
