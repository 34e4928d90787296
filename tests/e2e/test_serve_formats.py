"""`briefs serve --format html,png`: the preview makes the other formats and shows them on
the document's page; it serves them from the build folder and nothing else."""

from __future__ import annotations

from pathlib import Path

from starlette.testclient import TestClient

from briefs.formats.webpage import CSP
from briefs.preview.app import Preview, safe_build_path
from briefs.preview.http import ServeOptions, make_app
from tests.conftest import run_cli
from tests.e2e.test_serve import BASE_URL, wait_built

FLYER = "first-flyer"


def test_the_document_page_shows_the_web_page_and_images(small: Path) -> None:
    options = ServeOptions(watch=False, locales=("en",), formats=("html", "png"))
    app = make_app(small, small / "build", options, log=lambda message: None)
    with TestClient(app, base_url=BASE_URL) as client:
        preview: Preview = app.state.preview
        assert wait_built(preview, 0).problems == ()
        page = client.get(f"/doc/{FLYER}?locale=en")
        assert page.status_code == 200
        html = page.text
        assert "Other formats of English" in html
        web = f"/build/{FLYER}/web/{FLYER}.en.html"
        image = f"/build/{FLYER}/{FLYER}.en.png"
        assert f'<iframe src="{web}"' in html and f'src="{image}"' in html
        assert "Alt text" in html
        served = client.get(web)
        assert served.status_code == 200 and served.headers["content-type"].startswith(
            "text/html")
        assert served.headers["content-security-policy"] == CSP
        assert client.get(image).headers["content-type"] == "image/png"
        for refused in (f"/build/{FLYER}/web/../../../briefs.yaml", "/build/.cache/x.png",
                        f"/build/{FLYER}/{FLYER}.en.png.alt"):
            assert client.get(refused).status_code == 404, refused


def test_serve_refuses_an_unknown_format(small: Path) -> None:
    result = run_cli("serve", "--format", "htlm", workspace=small)
    assert result.exit_code == 2
    assert 'no output format "htlm" (did you mean "html"?)' in result.stderr


def test_only_served_kinds_of_file(tmp_path: Path) -> None:
    build = tmp_path / "build"
    (build / "doc" / "web").mkdir(parents=True)
    (build / "doc" / "web" / "doc.en.html").write_text("<p>x</p>")
    (build / "doc" / "doc.en.py").write_text("x")
    suffixes = (".pdf", ".html")
    assert safe_build_path(build, "doc/web/doc.en.html", suffixes) is not None
    assert safe_build_path(build, "doc/web/doc.en.html") is None  # PDFs only by default
    assert safe_build_path(build, "doc/doc.en.py", suffixes) is None
