"""WCAG 2.2 AA text contrast measured after layout, against the background drawn under it."""

from __future__ import annotations

import pytest

from briefs.render.contrast import brand_tokens, contrast_problems, low_contrast
from tests.conftest import run_python

pytestmark = pytest.mark.render

TOKENS = ":root { --color-primary: #1f5c45; --color-accent: #D9A21B; --color-paper: #fff; }"


def lay_out(body: str, css: str = "") -> tuple[object, str]:
    import weasyprint

    html = f"<html><head><style>{TOKENS} {css}</style></head><body>{body}</body></html>"
    return weasyprint.HTML(string=html).render(), html


def test_small_text_below_four_and_a_half_is_named_by_its_token() -> None:
    document, html = lay_out('<p class="date">Thursday 11 June</p>',
                             ".date { color: var(--color-accent); font-size: 7pt; }")
    [warning] = [problem.line() for problem in contrast_problems(document, html)]
    assert "2.30:1" in warning and "4.5:1" in warning and "--color-accent #d9a21b" in warning
    assert "p.date" in warning and "7 pt" in warning


def test_large_text_needs_three_to_one() -> None:
    document, _ = lay_out('<h1 style="color: #5b8fc7; font-size: 24pt">Large</h1>'
                          '<p style="color: #5b8fc7; font-size: 14pt; font-weight: 700">Bold</p>'
                          '<p style="color: #5b8fc7; font-size: 13pt; font-weight: 700">Small</p>')
    assert [finding.sample for finding in low_contrast(document)] == ["Small"]


def test_the_background_is_the_one_drawn_under_the_text() -> None:
    document, _ = lay_out(
        '<header style="background: var(--color-primary); color: var(--color-accent)">'
        '<p>Kicker</p></header><p style="color: #767676">Grey on white passes</p>'
        '<div style="background: rgba(0, 0, 0, 0.5)"><p style="color: #777">Half dark</p></div>'
        '<div style="background: linear-gradient(#0000ff, #000080)"><p style="color: #fff">'
        'White on blues</p></div>')
    found = {finding.sample: finding for finding in low_contrast(document)}
    assert set(found) == {"Kicker", "Half dark"}
    assert found["Kicker"].background == "#1f5c45" and found["Kicker"].ratio == 3.41
    assert found["Half dark"].background == "#808080"


def test_an_accent_equal_to_the_main_colour_is_invisible() -> None:
    document, html = lay_out('<header style="background: #1f5c45"><p style="color: #1f5c45">'
                             "Science-policy dialogue</p></header>")
    [warning] = [problem.line() for problem in contrast_problems(document, html)]
    assert "1.00:1" in warning and "--color-primary #1f5c45 on --color-primary" in warning


def test_tokens_are_read_from_the_custom_properties() -> None:
    assert brand_tokens(TOKENS) == {"#1f5c45": "--color-primary", "#d9a21b": "--color-accent",
                                    "#ffffff": "--color-paper"}


def test_device_cmyk_colours_are_measured_too() -> None:
    document, _ = lay_out('<p style="color: device-cmyk(0 0.55 0.85 0)">Print accent</p>'
                          '<p style="color: device-cmyk(0 0 0 1)">Black</p>')
    [finding] = low_contrast(document)
    assert finding.sample == "Print accent" and finding.color == "#ff7326"


def _png(path: object, colours: list[tuple[int, int, int]], size: tuple[int, int]) -> None:
    """An image of vertical bands of `colours`, left to right."""
    from PIL import Image

    image = Image.new("RGB", size)
    band = size[0] // len(colours)
    for index, colour in enumerate(colours):
        image.paste(colour, (index * band, 0, (index + 1) * band, size[1]))
    image.save(str(path))


def lay_out_file(tmp_path: object, body: str, css: str) -> object:
    import weasyprint

    html = f"<html><head><style>{css}</style></head><body>{body}</body></html>"
    return weasyprint.HTML(string=html, base_url=str(tmp_path) + "/").render()


def test_text_on_a_photo_is_measured_against_the_pixels_under_it(tmp_path: object) -> None:
    """A dark photo with a pale patch: white text over the dark part passes, over the pale
    part fails, naming the worst pixel and the image."""
    from pathlib import Path

    _png(Path(str(tmp_path)) / "photo.png", [(20, 30, 40), (20, 30, 40), (200, 200, 190)],
         (300, 100))
    css = (".hero { background: url(photo.png) no-repeat 0 0 / 300px 100px; width: 300px; "
           "height: 100px; color: #fff; font-size: 12px; } .hero p { margin: 0; width: 180px }"
           ".pale { position: relative; left: 210px; width: 80px }")
    passing = lay_out_file(tmp_path, '<div class="hero"><p>Reads well</p></div>', css)
    assert low_contrast(passing) == []
    failing = lay_out_file(tmp_path, '<div class="hero"><p class="pale">Pale</p></div>', css)
    [finding] = low_contrast(failing)
    assert finding.background == "#c8c8be" and finding.ratio < 2
    assert finding.surface == "the background image of div.hero"
    assert "its worst colour in the background image of div.hero" in finding.problem({}).line()


def test_text_beside_a_small_image_is_measured_on_the_colour_below(tmp_path: object) -> None:
    from pathlib import Path

    _png(Path(str(tmp_path)) / "dot.png", [(0, 0, 0)], (10, 10))
    css = (".box { background: #fff url(dot.png) no-repeat 0 0 / 10px 10px; color: #333; "
           "padding-left: 20px }")
    document = lay_out_file(tmp_path, '<div class="box"><p>Beside</p></div>', css)
    assert low_contrast(document) == []
    css = css.replace("#333", "#000")  # half over black (1:1), as the image covers it
    css = css.replace("padding-left: 20px", "padding-left: 0; font-size: 40px")
    [finding] = low_contrast(lay_out_file(tmp_path, '<div class="box"><p>On it</p></div>', css))
    assert finding.background == "#000000"


def test_text_on_a_gradient_is_measured_against_its_worst_colour() -> None:
    document, _ = lay_out(
        '<div style="background: linear-gradient(to right, #0b2545, #13315c)">'
        '<p style="color: #fff">Passes on both navies</p></div>'
        '<div style="background: linear-gradient(to right, #0b2545, #ffffff)">'
        '<p style="color: #fff">Fades out</p></div>'
        '<div style="background: linear-gradient(#000, #fff)">'
        '<p style="color: #777">Grey between</p></div>')
    found = {finding.sample: finding for finding in low_contrast(document)}
    assert set(found) == {"Fades out", "Grey between"}
    assert found["Fades out"].background == "#ffffff"
    assert found["Grey between"].ratio < 1.5  # a colour between the stops, not a stop
    assert found["Fades out"].surface == "the background gradient of div"


def test_an_svg_background_is_not_measured(tmp_path: object) -> None:
    from pathlib import Path

    (Path(str(tmp_path)) / "bg.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        '<rect width="10" height="10" fill="#fff"/></svg>')
    document = lay_out_file(tmp_path, '<div class="s"><p>White on SVG</p></div>',
                            ".s { background: url(bg.svg); color: #fff }")
    assert low_contrast(document) == []


def test_an_unreadable_background_image_is_not_measured_and_does_not_fail() -> None:
    """Hostile: bytes that are no image (or a decompression bomb) under a layer."""
    from types import SimpleNamespace

    from briefs.render.backdrop import NotMeasured, backdrop

    image = SimpleNamespace(image_data=SimpleNamespace(data=b"\x89PNG\r\n\x1a\nnot really"))
    layer = SimpleNamespace(image=image, size=(10, 10), position=(0, 0),
                            positioning_area=(0, 0, 10, 10), painting_area=(0, 0, 10, 10),
                            repeat=("no-repeat", "no-repeat"), unbounded=False)
    colour = SimpleNamespace(alpha=0)
    with pytest.raises(NotMeasured):
        backdrop([(SimpleNamespace(color=colour, layers=[layer]), None)], (0, 0, 5, 5), {})


def test_text_laid_over_an_img_is_measured_on_its_pixels(tmp_path: object) -> None:
    """A title placed over a photo (`<img>`, object-fit: cover): white on the pale photo
    fails, naming the image; on a caption band of its own it passes; beside it, untouched."""
    from pathlib import Path

    _png(Path(str(tmp_path)) / "photo.png", [(210, 205, 195)], (400, 200))
    css = (".cover { position: relative; width: 300px; height: 150px }"
           ".cover img { width: 300px; height: 150px; object-fit: cover; display: block }"
           ".cover h1 { position: absolute; left: 10px; bottom: 10px; margin: 0; color: #fff;"
           " font-size: 20px } .band { background: #1b2a3a }")
    on_photo = lay_out_file(tmp_path, '<div class="cover"><img src="photo.png" alt="">'
                            "<h1>Rivers</h1></div><p>Below</p>", css)
    [finding] = low_contrast(on_photo)
    assert finding.sample == "Rivers" and finding.background == "#d2cdc3"
    assert finding.surface == "the image img"
    on_band = lay_out_file(tmp_path, '<div class="cover"><img src="photo.png" alt="">'
                           '<h1 class="band">Rivers</h1></div>', css)
    assert low_contrast(on_band) == []


def test_the_check_needs_no_coloraide_import() -> None:
    """coloraide's import (0.05-0.09 CPU-s, mostly a colour-temperature table) was on every
    render worker's start-up for one luminance formula (render/luminance.py)."""
    code = ("import sys\nfrom tests.unit.render.test_contrast import lay_out\n"
            "from briefs.render.contrast import contrast_problems\n"
            "document, html = lay_out('<p style=\"color: #aaa\">Pale</p>')\n"
            "print(len(contrast_problems(document, html)), 'coloraide' in sys.modules)")
    assert run_python(code).split() == ["1", "False"]
