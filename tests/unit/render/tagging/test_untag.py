"""An untagged output's text layer: drawn tagged, the text-layer steps run, then no structure
left but the /ActualText spans."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pikepdf
import pydyf
import pytest

from briefs.core.paths import Mounts
from briefs.render.engine import Engine, RenderJob
from briefs.render.finishing import Finishing
from briefs.render.profiles import BUILTIN_PROFILES, finishing, render_options
from briefs.render.tagging.untag import unmarked

SPAN = pydyf.Dictionary({"ActualText": pydyf.String("किताबें")})


def test_only_the_actual_text_spans_are_left() -> None:
    tokens = ["/P", pydyf.Dictionary({"MCID": 0}), b"BDC", b"BT", b"/F1 9 Tf",
              "/Span", SPAN, b"BDC", b"[<0001>] TJ", b"EMC",
              b"[<0002>] TJ", b"ET", b"EMC",
              "/Artifact", b"BMC", b"0 0 1 1 re f", b"EMC",
              "/Artifact", pydyf.Dictionary({"Type": "/Pagination"}), b"BDC",
              "/Span", pydyf.Dictionary({"Lang": pydyf.String("en")}), b"BDC", b"q", b"Q",
              b"EMC", b"EMC"]
    assert unmarked(tokens) == [b"BT", b"/F1 9 Tf", "/Span", SPAN, b"BDC", b"[<0001>] TJ",
                                b"EMC", b"[<0002>] TJ", b"ET", b"0 0 1 1 re f", b"q", b"Q"]


def test_tokens_written_as_text_are_unmarked_too() -> None:
    assert unmarked(["/P", pydyf.Dictionary({"MCID": 3}), "BDC", "q", "EMC"]) == ["q"]


def test_the_print_profile_is_drawn_tagged_and_finished_untagged() -> None:
    print_profile, screen = BUILTIN_PROFILES["print"], BUILTIN_PROFILES["screen"]
    assert render_options(print_profile)["pdf_tags"]
    assert finishing(print_profile, None, "").text_layer_only
    assert not finishing(screen, None, "").text_layer_only
    assert not finishing(print_profile, "pdf/a-3a+ua-1", "").text_layer_only
    assert finishing(print_profile, "pdf/x-4", "").text_layer_only


@pytest.mark.render
def test_an_untagged_hindi_pdf_has_its_text_layer_and_no_structure(tmp_path: Path) -> None:
    """A Hindi line (a pre-base vowel sign, a conjunct) and a letter-spaced word: poppler
    reads both as written from the untagged PDF, as from a tagged one; without the step it
    reads the glyphs (`\u2060स्थि\u2060त`)."""
    html = ("<html lang='hi'><head><title>t</title><style>@page { size: A6 }</style></head>"
            "<body><p style='font-family: Noto Sans Devanagari'>किताबें स्थिति</p>"
            "<p lang='en' style='letter-spacing: 0.3em'>SPACED</p></body></html>")
    texts = {}
    for name, step in (("plain", False), ("text layer", True)):
        options = {"pdf_tags": step, "uncompressed_pdf": False}
        result = Engine().render(RenderJob(
            html=html, mounts=Mounts.of(tmp_path), title="t", options=options,
            finishing=Finishing(text_layer_only=step)))
        assert result.pdf is not None, result.errors
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(result.pdf)
        texts[name] = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"],
                                     capture_output=True, text=True, check=True).stdout
        with pikepdf.open(path) as pdf:
            assert not {"/StructTreeRoot", "/MarkInfo", "/ViewerPreferences"} & set(pdf.Root.keys())
            assert all("/StructParents" not in page.obj and "/Tabs" not in page.obj
                       for page in pdf.pages)
            operators = [(operands, operator) for page in pdf.pages
                         for operands, operator in pikepdf.parse_content_stream(page)
                         if str(operator) in ("BDC", "BMC", "EMC")]
        opened = [operands for operands, operator in operators if str(operator) != "EMC"]
        assert len(opened) * 2 == len(operators)
        assert all(str(operands[0]) == "/Span" and "/ActualText" in operands[1]
                   for operands in opened)
        assert bool(opened) == step
    words = texts["text layer"].split()
    assert "किताबें" in words and "स्थिति" in words and "SPACED" in words
    assert "\u2060" not in texts["text layer"]
    assert "स्थिति" not in texts["plain"].split()  # `\u2060स्थि\u2060त`: the glyphs
