"""Persian digits are drawn in their Persian forms whatever the face: the glyphs the PDF draws
for ۴ ۵ ۶ ۷ are each face's own glyphs for those characters, not the Urdu or Arabic forms
its `locl` feature substitutes (Noto Naskh Arabic does so for every language)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pikepdf
import pytest
from fontTools.ttLib import TTFont

FACES = {"Civic-Arabic": "Noto Naskh Arabic", "Field-Arabic": "Noto Sans Arabic"}
"""The sample brands' Arabic-script families and the installed faces they stand for."""
PERSIAN = "۰۱۲۳۴۵۶۷۸۹"
BFCHAR = re.compile(rb"<([0-9a-fA-F]{4})>\s*<([0-9a-fA-F]+)>")


def drawn_glyphs(pdf: Path) -> dict[str, dict[str, set[int]]]:
    """Font name (without subset prefix) -> text -> the glyph ids (kept as in the face) that
    the PDF maps to it: each glyph it draws, with the text it stands for."""
    found: dict[str, dict[str, set[int]]] = {}
    with pikepdf.open(pdf) as document:
        for page in document.pages:
            for font in page.Resources.get("/Font", {}).values():
                name = str(font.BaseFont)[1:].split("+", 1)[-1]
                cmap = font.ToUnicode.read_bytes() if "/ToUnicode" in font else b""
                for gid, text in BFCHAR.findall(cmap):
                    char = bytes.fromhex(text.decode()).decode("utf-16-be")
                    found.setdefault(name, {}).setdefault(char, set()).add(int(gid, 16))
    return found


def nominal(family: str, weight: str) -> dict[str, int]:
    """The installed face's own glyph id for each Persian digit (its cmap)."""
    path = subprocess.run(["fc-match", "-f", "%{file}", f"{family}:weight={weight}"],
                          capture_output=True, text=True, check=True).stdout
    face = TTFont(path)
    cmap, order = face.getBestCmap(), face.getGlyphOrder()
    return {digit: order.index(cmap[ord(digit)]) for digit in PERSIAN}


@pytest.mark.parametrize("doc", ["forum-key-messages", "river-dialogue-flyer",
                                 "urban-water-fact-sheet"])
def test_persian_digits_keep_their_persian_forms(built_scripts: Path, doc: str) -> None:
    glyphs = drawn_glyphs(built_scripts / "build" / doc / f"{doc}.fa.pdf")
    checked = 0
    for name, texts in glyphs.items():
        family = FACES.get(name.removesuffix("-Bold"))
        if family is None:
            continue
        own = nominal(family, "bold" if name.endswith("-Bold") else "regular")
        for digit in PERSIAN:
            for gid in texts.get(digit, ()):
                assert gid == own[digit], f"{name}: {digit} drawn with glyph {gid}, " \
                                          f"not the face's {own[digit]}"
                checked += 1
    assert checked >= 3  # the documents do print Persian digits
