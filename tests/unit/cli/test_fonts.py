"""`briefs fonts`: each brand's faces, per script what sets it, what is missing and its package."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.conftest import run_cli


def test_fonts_lists_the_faces_and_each_script(small: Path) -> None:
    result = run_cli("fonts", workspace=small)
    assert result.exit_code == 0, result.stdout
    lines = result.stdout.splitlines()
    assert lines[0] == "Brand team (styles/team/brand.yaml)"
    assert "  Team Sans            700 italic  bundled: NotoSans-BoldItalic.ttf" in lines
    assert "  ok       Latn (en, fr): body Team Sans; headings Team Serif, Team Sans" in lines


def test_a_script_without_a_face_is_missing_with_its_package(small: Path) -> None:
    config = small / "briefs.yaml"
    config.write_text(config.read_text().replace("locales: [en, fr]", "locales: [en, fr, zh]"))
    result = run_cli("fonts", workspace=small)
    assert result.exit_code == 1
    assert "  missing  Hans (zh): body Team Sans; headings Team Serif, Team Sans" in result.stdout
    assert ('           no face has "中文汉字说"; declare a font for Hans under scripts: in '
            "styles/team/brand.yaml") in result.stdout
    assert "           more: sudo apt-get install fonts-noto-cjk" in result.stdout
    report = json.loads(run_cli("fonts", "--json", workspace=small).stdout)
    hans = next(s for s in report["brands"][0]["scripts"] if s["script"] == "Hans")
    assert report["ok"] is False and hans["package"] == "fonts-noto-cjk"
    if shutil.which("fc-list") and hans["installed"]:  # the test machine has fonts-noto-cjk
        assert any("CJK" in family for family in hans["installed"])
        assert "installed fonts that have it: " in result.stdout
