"""End to end: build the sample workspace and look at the PDFs the way a reader would."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import run_cli, workspace_file

BRIEF = "forum-key-messages"
FLYER = "river-dialogue-flyer"


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def pdf_fonts(path: Path) -> list[dict[str, str]]:
    """Rows of `pdffonts`: name, type, emb."""
    output = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                            check=True).stdout.splitlines()[2:]
    rows = []
    for line in output:
        parts = line.split()
        rows.append({"name": parts[0], "emb": parts[-5]})
    return rows


@pytest.fixture(scope="module")
def outputs(built_sample: Path) -> dict[str, Path]:
    return {
        "brief": built_sample / "build" / BRIEF / f"{BRIEF}.en.pdf",
        "flyer": built_sample / "build" / FLYER / f"{FLYER}.en.pdf",
    }


def test_key_messages_brief(outputs: dict[str, Path], built_sample: Path) -> None:
    reader = PdfReader(outputs["brief"])
    assert 3 <= len(reader.pages) <= 6
    text = pdf_text(outputs["brief"])
    source = (built_sample / "content" / BRIEF / "en.yaml").read_text(encoding="utf-8")
    import yaml

    prose = yaml.safe_load(source)
    for needle in (prose["event_name"].split()[0], "Introduction", "Key messages",
                   prose["messages"][0]["text"].split()[0], "For further information"):
        assert needle in text
    for leak in ("{{", "{%", "None", "[missing]", "[^1]", "&lt;", "&amp;"):
        assert leak not in text
    assert reader.metadata.title == f"{prose['event_name']}: {prose['title']}"
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert "of" in text and "Page 2 of" in text  # running footer


def test_brief_has_a_real_footnote_on_the_page_of_its_call(outputs: dict[str, Path]) -> None:
    reader = PdfReader(outputs["brief"])
    pages = [page.extract_text() for page in reader.pages]
    source = Path(outputs["brief"]).parents[2] / "content" / BRIEF / "en.yaml"
    import yaml

    messages = yaml.safe_load(source.read_text(encoding="utf-8"))["messages"]
    noted = next(m["text"] for m in messages if "[^" in m["text"])
    note = noted.split("]:", 1)[1].strip().split()[:3]
    holding = [i for i, page in enumerate(pages) if " ".join(note) in " ".join(page.split())]
    assert holding and holding[0] < len(pages) - 1  # not pushed onto the back cover


def test_flyer_is_one_page_with_qr_and_title(outputs: dict[str, Path], built_sample: Path) -> None:
    reader = PdfReader(outputs["flyer"])
    assert len(reader.pages) == 1
    import yaml

    prose = yaml.safe_load((built_sample / "content" / FLYER / "en.yaml").read_text())
    text = pdf_text(outputs["flyer"])
    assert prose["title"].split()[0] in text and "Focus areas" in text
    assert reader.metadata.title == f"{prose['kicker']}: {prose['title']}"
    page = reader.pages[0]
    annotations = [a.get_object() for a in page.get("/Annots", [])]
    links = [a["/A"].get("/URI") for a in annotations if "/A" in a]
    settings = yaml.safe_load((built_sample / "content" / FLYER / "document.yaml").read_text())
    assert settings["registration"]["url"] in links


def test_fonts_are_embedded_and_only_the_brands(outputs: dict[str, Path]) -> None:
    brief = pdf_fonts(outputs["brief"])
    assert brief and all(row["emb"] == "yes" for row in brief)
    assert {row["name"].split("+", 1)[1].split("-")[0] for row in brief} <= {"Civic"}
    flyer = pdf_fonts(outputs["flyer"])
    assert flyer and all(row["emb"] == "yes" for row in flyer)
    assert {row["name"].split("+", 1)[1].split("-")[0] for row in flyer} <= {"Field"}


def test_manifest_describes_every_output(built_sample: Path) -> None:
    manifest = json.loads((built_sample / "build" / "manifest.json").read_text())
    entries = {(entry["doc"], entry["locale"]): entry for entry in manifest["outputs"]}
    assert {(BRIEF, "en"), (FLYER, "en")} <= set(entries)
    for (doc, locale), entry in entries.items():
        assert entry["path"] == f"{doc}/{doc}.{locale}.pdf"
        data = (built_sample / "build" / entry["path"]).read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
        assert entry["bytes"] == len(data)
        assert entry["status"] == "ok" and isinstance(entry["warnings"], list)
    assert entries[(FLYER, "en")]["pages"] == 1 and entries[(FLYER, "en")]["kind"] == "flyer"


def test_pages_render_to_images(outputs: dict[str, Path], tmp_path: Path) -> None:
    subprocess.run(["pdftoppm", "-r", "20", "-png", str(outputs["flyer"]), str(tmp_path / "p")],
                   check=True)
    from PIL import Image

    [png] = sorted(tmp_path.glob("p*.png"))
    image = Image.open(png).convert("RGB")
    colours = image.getcolors(maxcolors=1_000_000)
    assert colours and len(colours) > 50  # a designed page, not a blank one


def test_rebuild_gives_identical_bytes(workspace_copy: Path, snapshot: Callable) -> None:
    before = snapshot(workspace_copy)
    assert run_cli("build", workspace=workspace_copy).exit_code == 0
    assert snapshot(workspace_copy) == before


# ------------------------------------------------------------------ fetch escapes


SECRET = "TOP-SECRET-MARKER-7f3a"


@pytest.fixture
def secret_file(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(SECRET)
    return path


def _assert_refused(root: Path, before: dict[str, bytes], snapshot: Callable,
                    expected: str) -> None:
    result = run_cli("build", FLYER, workspace=root)
    assert result.exit_code == 1, result.stderr
    assert expected in result.stderr
    after = snapshot(root)
    assert after == before
    for data in after.values():
        assert SECRET.encode() not in data


@pytest.mark.parametrize(("reference", "expected"), [
    ("file:///etc/passwd", "file:///etc/passwd: outside the workspace"),
    ("http://127.0.0.1:9/logo.png", "http://127.0.0.1:9/logo.png: network and http URLs are "
                                    "not allowed"),
    ("../../../../../../etc/passwd", "outside the workspace"),
])
def test_template_resources_outside_are_refused(workspace_copy: Path, snapshot: Callable,
                                                reference: str, expected: str) -> None:
    before = snapshot(workspace_copy)
    template = workspace_file(workspace_copy, "templates/flyer.html.j2")
    template.write_text(template.read_text().replace(
        '<article class="flyer">', f'<article class="flyer"><img src="{reference}">'))
    _assert_refused(workspace_copy, before, snapshot, expected)


def test_stylesheet_import_from_network_is_refused(workspace_copy: Path,
                                                   snapshot: Callable) -> None:
    before = snapshot(workspace_copy)
    css = workspace_copy / "styles" / "field-green" / "brand.css"
    css.write_text('@import url("http://127.0.0.1:9/evil.css");\n' + css.read_text())
    _assert_refused(workspace_copy, before, snapshot, "network and http URLs are not allowed")


def test_symlinked_image_out_of_workspace_is_refused(workspace_copy: Path, snapshot: Callable,
                                                     secret_file: Path) -> None:
    before = snapshot(workspace_copy)
    image = workspace_copy / "content" / FLYER / "images" / "hero.jpg"
    image.unlink()
    os.symlink(secret_file, image)
    _assert_refused(workspace_copy, before, snapshot, "points outside the workspace")


def test_symlinked_css_out_of_workspace_is_refused(workspace_copy: Path, snapshot: Callable,
                                                   secret_file: Path) -> None:
    before = snapshot(workspace_copy)
    outside_css = secret_file.with_suffix(".css")
    outside_css.write_text(f'body::after {{ content: "{SECRET}"; }}')
    css = workspace_copy / "styles" / "field-green" / "brand.css"
    css.unlink()
    os.symlink(outside_css, css)
    _assert_refused(workspace_copy, before, snapshot, "points outside the workspace")


def test_html_in_content_is_shown_as_text(workspace_copy: Path) -> None:
    path = workspace_copy / "content" / FLYER / "en.yaml"
    path.write_text(path.read_text().replace(
        "title:", 'title: "<img src=file:///etc/passwd> <b>Bold</b>"\nold_title:', 1))
    path.write_text(path.read_text().replace("old_title:", "# old_title:"))
    result = run_cli("build", FLYER, workspace=workspace_copy)
    assert result.exit_code == 0, result.stderr
    text = pdf_text(workspace_copy / "build" / FLYER / f"{FLYER}.en.pdf")
    joined = "".join(text.split())
    assert "<b>Bold</b>" in joined and "<imgsrc=file:///etc/passwd>" in joined


def test_output_dir_must_stay_inside(workspace_copy: Path) -> None:
    config = workspace_copy / "briefs.yaml"
    config.write_text(config.read_text().replace("output_dir: build", "output_dir: ../out"))
    result = run_cli("build", workspace=workspace_copy)
    assert result.exit_code == 1
    assert "output_dir must be a folder inside the workspace" in result.stderr
    assert not (workspace_copy.parent / "out").exists()
    shutil.rmtree(workspace_copy / "build")


def test_letter_paper_fits_one_page(workspace_copy: Path) -> None:
    for doc in (FLYER, BRIEF):
        settings = workspace_copy / "content" / doc / "document.yaml"
        settings.write_text(settings.read_text().replace("paper: A4", "paper: letter"))
    result = run_cli("build", FLYER, BRIEF, "-l", "en", workspace=workspace_copy)  # what we check
    assert result.exit_code == 0, result.stderr
    flyer = PdfReader(workspace_copy / "build" / FLYER / f"{FLYER}.en.pdf")
    assert len(flyer.pages) == 1
    assert [round(float(v)) for v in flyer.pages[0].mediabox] == [0, 0, 612, 792]
    brief = PdfReader(workspace_copy / "build" / BRIEF / f"{BRIEF}.en.pdf")
    assert all([round(float(v)) for v in page.mediabox] == [0, 0, 612, 792]
               for page in brief.pages)


def test_check_and_list_never_import_weasyprint(built_sample: Path) -> None:
    for command in ("check", "list", "--help"):
        code = ("import sys; from briefs.cli import main; sys.argv = ['briefs', '-w', "
                f"{str(built_sample)!r}, {command!r}]\n"
                "try:\n    main()\nexcept SystemExit:\n    pass\n"
                "assert 'weasyprint' not in sys.modules, 'weasyprint imported'")
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr


def test_characters_outside_the_brand_fonts_are_an_error(workspace_copy: Path,
                                                         snapshot: Callable) -> None:
    before = snapshot(workspace_copy)
    path = workspace_copy / "content" / FLYER / "en.yaml"
    path.write_text(path.read_text().replace("kicker: ", "kicker: Ⰰ ", 1), encoding="utf-8")
    result = run_cli("build", FLYER, "-l", "en", workspace=workspace_copy)
    assert result.exit_code == 1
    line = next(i for i, text in enumerate(path.read_text().splitlines(), 1) if "Ⰰ" in text)
    assert (f'content/{FLYER}/en.yaml:{line}:9: error: character U+2C00 GLAGOLITIC CAPITAL '
            'LETTER AZU "Ⰰ" (en) is in no font of brand "field-green"') in result.stderr
    assert snapshot(workspace_copy) == before


def test_system_font_filling_in_is_an_error(workspace_copy: Path, snapshot: Callable) -> None:
    """Text the templates add (not checked before rendering) is caught after layout."""
    before = snapshot(workspace_copy)
    template = workspace_file(workspace_copy, "templates/flyer.html.j2")
    template.write_text(template.read_text().replace(
        '<p class="kicker">', '<p class="kicker">{{ "\u2c00" }}'))
    result = run_cli("build", FLYER, "-l", "en", workspace=workspace_copy)
    assert result.exit_code == 1
    assert "some characters are not covered by the brand's fonts" in result.stderr
    # the error names the character, and where it is written (here: the template)
    assert re.search(r'templates/flyer\.html\.j2:\d+:\d+: error: .*U\+2C00 "\u2c00"',
                     result.stderr), result.stderr
    assert snapshot(workspace_copy) == before


def test_a_workspace_with_its_own_copies_of_the_templates_builds_the_same(
        built_sample: Path, tmp_path: Path) -> None:
    """Workspaces made before templates moved into briefs (or ejected) keep working: their
    templates/ and styles/common/ win, and as copies of the built-in files they give the same
    PDFs."""
    from briefs.scaffold.new_workspace import eject_assets, init_workspace

    root = init_workspace(tmp_path / "ejected", template="full")
    copied = eject_assets(root)
    assert (root / "templates" / "flyer.html.j2") in copied
    result = run_cli("build", "-l", "en", "-l", "ar", workspace=root)
    assert result.exit_code == 0, result.stderr
    for pdf in sorted((root / "build").rglob("*.pdf")):
        relative = pdf.relative_to(root / "build")
        assert pdf.read_bytes() == (built_sample / "build" / relative).read_bytes(), relative
    css = root / "styles" / "common" / "flyer.css"
    css.write_text(css.read_text() + "\n.kicker { color: #ff0000; }\n")
    again = run_cli("build", "--json", "-l", "en", workspace=root)
    assert json.loads(again.stdout)["rendered"] == [f"{FLYER}.en"]  # the workspace's file won
