"""The web-page formats: where the page and its files go, what they may write, e-mail."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from briefs.content.config import Profile
from briefs.core.paths import WORKSPACE_URL, Mounts
from briefs.formats.format import Source
from briefs.formats.targets import OutputName, TargetKey
from briefs.formats.web import EMAIL, WEB, WebPage
from tests.unit.formats.test_webpage import PNG, page


def source(output: WebPage, html: str, root: Path) -> Source:
    name = output.name_for(TargetKey("doc", "fr", "print"), Profile(suffix=".print"))
    return Source(SimpleNamespace(id="doc.fr"), name, html, b"",  # type: ignore[arg-type]
                  Mounts.of(root))


def test_the_page_goes_in_web_with_its_files_beside_it(tmp_path: Path) -> None:
    (tmp_path / "photo.png").write_bytes(PNG)
    made = WEB.make(source(WEB, page(f'<img src="{WORKSPACE_URL}photo.png" alt="p">'),
                           tmp_path))
    assert not made.problems
    paths = sorted(made.files)
    assert paths[0] == "doc/web/doc.fr.print.files/" + paths[0].rsplit("/", 1)[1]
    assert paths[1] == "doc/web/doc.fr.print.html"
    assert b'src="doc.fr.print.files/' in made.files[paths[1]]


def test_it_owns_its_page_and_files_only() -> None:
    name = OutputName("doc.fr", "doc/web/doc.fr.html")
    assert WEB.owns(name, "doc/web/doc.fr.html")
    assert WEB.owns(name, "doc/web/doc.fr.files/ab12.png")
    for stray in ("doc/web/doc.en.html", "doc/web/doc.fr.files/../../x", "doc/doc.fr.pdf",
                  "doc/web/doc.fr.files/sub/x.png", "doc/web/doc.fr.filesx/y"):
        assert not WEB.owns(name, stray), stray


def test_a_refused_file_is_an_error_and_nothing_is_made(tmp_path: Path) -> None:
    made = WEB.make(source(WEB, page('<img src="https://example.org/x.png" alt="x">'), tmp_path))
    assert made.files == {} and [p.code for p in made.problems] == ["web.file"]


def test_email_is_one_file_with_images_inline_and_no_font_files(tmp_path: Path) -> None:
    (tmp_path / "photo.png").write_bytes(PNG)
    (tmp_path / "f.ttf").write_bytes(b"font")
    html = page(f'<img src="{WORKSPACE_URL}photo.png" alt="p">',
                f'@font-face {{ font-family: "F"; src: url("{WORKSPACE_URL}f.ttf"); }}')
    made = EMAIL.make(source(EMAIL, html, tmp_path))
    assert list(made.files) == ["doc/web/doc.fr.print.email.html"]
    text = made.files["doc/web/doc.fr.print.email.html"].decode()
    assert 'src="data:image/png;base64,' in text
    assert "@font-face" not in text and ".files/" not in text
