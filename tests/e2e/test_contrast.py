"""`briefs check --layout` measures text contrast (WCAG 2.2 AA): the sample brands and the
brand `briefs init` writes pass; a brand whose accent is its main colour is reported, naming
the token and the ratio, and fails under --strict."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_cli


def test_the_init_brand_passes(small: Path) -> None:
    result = run_cli("check", "--layout", "--strict", workspace=small)
    assert result.exit_code == 0, result.stderr
    assert "contrast" not in result.stderr


def test_a_failing_brand_is_named_with_its_ratio(small: Path) -> None:
    brand = small / "styles" / "team" / "brand.yaml"
    brand.write_text(brand.read_text().replace('accent: "#b34a22"', 'accent: "#f2d94e"'))
    result = run_cli("check", "--layout", workspace=small)
    assert result.exit_code == 0, result.stderr
    assert "warning: " in result.stderr and "text contrast 1.4" in result.stderr
    assert "--color-accent #f2d94e on --color-paper #ffffff" in result.stderr
    strict = run_cli("check", "--layout", "--strict", workspace=small)
    assert strict.exit_code == 1
    assert "text contrast" in strict.stderr and "Aborted" in strict.stderr


def test_a_kicker_on_the_band_reads_even_when_the_accent_is_the_main_colour(
        small: Path) -> None:
    """The kicker takes --color-accent-on-primary, the accent mixed until it reads on the
    band: an accent equal to the primary colour (an invisible kicker before) passes."""
    brand = small / "styles" / "team" / "brand.yaml"
    text = brand.read_text()
    primary = text.split('primary: "')[1].split('"')[0]
    brand.write_text(text.replace('accent: "#b34a22"', f'accent: "{primary}"'))
    (small / "styles" / "team" / "brand.css").write_text("")  # no kicker colour of its own
    result = run_cli("check", "--layout", "--strict", workspace=small)
    assert "kicker" not in result.stderr, result.stderr


def test_text_over_a_brand_photo_is_measured_on_its_pixels(small: Path) -> None:
    """A brand that sets the flyer's kicker band on a pale photo: the white kicker is
    reported against the photo's pixels; on a dark photo it passes."""
    from PIL import Image

    team = small / "styles" / "team"
    Image.new("RGB", (60, 40), (235, 228, 210)).save(team / "band.png")
    (team / "brand.css").write_text(
        ".kicker { color: #ffffff; background: url(band.png) center / cover; }\n")
    result = run_cli("check", "--layout", workspace=small)
    assert result.exit_code == 0, result.stderr
    assert "text contrast 1.2" in result.stderr, result.stderr
    assert "the background image of p.kicker" in result.stderr
    Image.new("RGB", (60, 40), (30, 40, 60)).save(team / "band.png")
    result = run_cli("check", "--layout", "--strict", workspace=small)
    assert "contrast" not in result.stderr, result.stderr
