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
    text = brand.read_text()
    primary = text.split('primary: "')[1].split('"')[0]
    brand.write_text(text.replace('accent: "#b34a22"', f'accent: "{primary}"'))
    (small / "styles" / "team" / "brand.css").write_text("")  # the kicker in the accent again
    result = run_cli("check", "--layout", workspace=small)
    assert result.exit_code == 0, result.stderr
    assert "warning: " in result.stderr and "text contrast 1.00:1" in result.stderr
    assert f"--color-accent {primary} on --color-primary {primary}" in result.stderr \
        or f"--color-primary {primary} on --color-primary {primary}" in result.stderr
    strict = run_cli("check", "--layout", "--strict", workspace=small)
    assert strict.exit_code == 1
    assert "text contrast" in strict.stderr and "Aborted" in strict.stderr
