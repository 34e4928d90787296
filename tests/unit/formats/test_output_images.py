"""The page-image formats: options, file names, alt text beside each image, budget errors."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from briefs.content.config import Profile
from briefs.core.paths import Mounts
from briefs.formats.format import Source
from briefs.formats.page_images import JPEG, PNG, WEBP, PageImages
from briefs.formats.registry import FormatRegistry, UnknownFormat, builtin_formats
from briefs.formats.targets import OutputName, TargetKey
from tests.unit.formats.test_raster import pdf_of

HTML = "<html><body><h1>Title</h1><p>Text<span class='footnote'>note</span>.</p></body></html>"


def source(output: PageImages, pdf: bytes, tmp_path: Path) -> Source:
    key = TargetKey("doc", "en", "screen")
    name = output.name_for(key, Profile())
    return Source(SimpleNamespace(id="doc.en"), name, HTML, pdf,  # type: ignore[arg-type]
                  Mounts.of(tmp_path))


def made(output: PageImages, tmp_path: Path, *pages: Any) -> dict[str, bytes]:
    result = output.make(source(output, pdf_of(*(pages or [(200, 0, 0)])), tmp_path))
    assert not result.problems
    return result.files


def test_page_one_named_after_the_pdf_with_its_alt_text(tmp_path: Path) -> None:
    files = made(PNG, tmp_path)
    assert sorted(files) == ["doc/doc.en.png", "doc/doc.en.png.alt.txt"]
    assert files["doc/doc.en.png.alt.txt"] == b"Title\nText.\n"
    assert files["doc/doc.en.png"].startswith(b"\x89PNG")


def test_every_page_at_a_size(tmp_path: Path) -> None:
    output = WEBP.configured("800:all")
    assert output.name == "webp:800:all" and output.suffix == ".webp"
    files = made(output, tmp_path, (255, 0, 0), (0, 0, 255))
    assert sorted(files) == ["doc/doc.en.800.p1.webp", "doc/doc.en.800.p1.webp.alt.txt",
                             "doc/doc.en.800.p2.webp", "doc/doc.en.800.p2.webp.alt.txt"]


def test_a_crop_is_in_the_name(tmp_path: Path) -> None:
    files = made(JPEG.configured("1200x630"), tmp_path)
    assert sorted(files) == ["doc/doc.en.1200x630.jpg", "doc/doc.en.1200x630.jpg.alt.txt"]


@pytest.mark.parametrize("options", ["big", "1200x", "x630", "0", "99999", "1200x630:some",
                                     "../x", "1200;rm"])
def test_bad_options_are_a_usage_error_naming_the_format(options: str) -> None:
    formats = FormatRegistry(builtin_formats())
    with pytest.raises(UnknownFormat, match=f"--format png:{options}"):
        formats.select([f"png:{options}"])


def test_the_registry_selects_configured_formats_once() -> None:
    formats = FormatRegistry(builtin_formats())
    chosen = formats.select(["png", "png:800", "png", "html", "social:1200x627"])
    assert [f.name for f in chosen] == ["pdf", "png", "png:800", "html", "social:1200x627"]


def test_a_format_without_options_refuses_them() -> None:
    with pytest.raises(UnknownFormat, match="takes no options"):
        FormatRegistry(builtin_formats()).select(["html:big"])


def test_files_not_named_after_the_output_are_not_its_own() -> None:
    name = OutputName("doc.en", "doc/doc.en.png")
    assert PNG.owns(name, "doc/doc.en.1200x630.png.alt.txt")
    assert not PNG.owns(name, "doc/other.png")
    assert not PNG.owns(name, "doc/doc.en/../../x.png")
    assert not PNG.owns(name, "doc/doc.en.png.txt")


def test_an_image_over_the_budget_is_an_error(tmp_path: Path) -> None:
    output = PageImages("png", options="")
    object.__setattr__(output, "spec", type(output.spec)("png", 1200, max_bytes=100))
    result = output.make(source(output, pdf_of((1, 2, 3)), tmp_path))
    assert result.files == {}
    assert [p.code for p in result.problems] == ["image.too-large"]
