"""Output formats a profile lists in briefs.yaml (`formats: [png, html]`): `briefs build`
makes them with no --format, and the preview's builds make and show them too."""

from __future__ import annotations

import io
import json
from pathlib import Path

from PIL import Image
from starlette.testclient import TestClient

from briefs.preview.app import Preview
from briefs.preview.http import ServeOptions, make_app
from tests.conftest import run_cli
from tests.e2e.test_serve import BASE_URL, wait_built

FLYER = "first-flyer"
SCREEN = """
profiles:
  screen:
    optimize_images: true
    jpeg_quality: 80
    max_image_dpi: 150
    pdf_variant: pdf/ua-1
    tagged: true
    formats: [png:600, html]
"""


def with_formats(root: Path) -> Path:
    config = root / "briefs.yaml"
    config.write_text(config.read_text() + SCREEN)
    return root


def test_a_profile_s_formats_are_built_without_format(small: Path) -> None:
    root = with_formats(small)
    result = run_cli("build", FLYER, "-l", "fr", workspace=root)
    assert result.exit_code == 0, result.stderr
    folder = root / "build" / FLYER
    image = Image.open(io.BytesIO((folder / f"{FLYER}.fr.600.png").read_bytes()))
    assert image.format == "PNG" and image.width == 600
    web = (folder / "web" / f"{FLYER}.fr.html").read_text()
    assert 'lang="fr"' in web
    [entry] = json.loads((root / "build" / "manifest.json").read_text())["outputs"]
    assert {f["format"] for f in entry["files"]} == {"png:600", "html"}


def test_the_preview_makes_and_shows_a_profile_s_formats(small: Path) -> None:
    root = with_formats(small)
    options = ServeOptions(watch=False, docs=(FLYER,), locales=("en",))
    app = make_app(root, root / "build", options, log=lambda message: None)
    with TestClient(app, base_url=BASE_URL) as client:
        preview: Preview = app.state.preview
        assert wait_built(preview, 0).problems == ()
        html = client.get(f"/doc/{FLYER}?locale=en").text
        assert "Other formats of English" in html
        web = f"/build/{FLYER}/web/{FLYER}.en.html"
        image = f"/build/{FLYER}/{FLYER}.en.600.png"
        assert f'<iframe src="{web}"' in html and f'src="{image}"' in html
        assert client.get(image).headers["content-type"] == "image/png"
