"""The social format: one image per frame, exactly its pixels, its alt text, its problems
(the layout itself is rendered in tests/e2e/test_web_page.py)."""

from __future__ import annotations

import io
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from PIL import Image

from briefs.content.config import Profile
from briefs.core.diagnostics import Problem
from briefs.core.paths import Mounts
from briefs.formats.format import Source
from briefs.formats.frames import SOCIAL, SocialImages
from briefs.formats.targets import TargetKey
from briefs.render import workers
from briefs.render.engine import RenderJob, RenderResult
from tests.unit.formats.test_raster import pdf_of

HTML = ('<html><head><style>@page{size:A4}</style></head><body class="kind-flyer">'
        '<header><h1>Title</h1></header><div class="context"><p>Long text</p></div>'
        '<div class="register"><h2>Register</h2></div></body></html>')


@pytest.fixture
def laid_out(monkeypatch: pytest.MonkeyPatch) -> list[RenderJob]:
    """Frames "laid out" as plain pages of the frame's size (WeasyPrint is not run here)."""
    jobs: list[RenderJob] = []

    def run(job: RenderJob) -> RenderResult:
        jobs.append(job)
        width, height = (int(n) for n in job.target_id.rsplit("-", 1)[1].split("x"))
        pages = 2 if "TOO-LONG" in job.html else 1
        return RenderResult(pdf=pdf_of(*[(9, 9, 9)] * pages,
                                       size=(width * 3 // 4, height * 3 // 4)), pages=pages)

    monkeypatch.setattr(workers, "run_job", run)
    return jobs


def source(output: SocialImages, tmp_path: Path, html: str = HTML) -> Source:
    target: Any = SimpleNamespace(id="doc.en", title="doc (en, screen)", faces=())
    return Source(target, output.name_for(TargetKey("doc", "en", "screen"), Profile()), html,
                  b"", Mounts.of(tmp_path))


def test_four_frames_exactly_their_pixels_with_alt_text(laid_out: list[RenderJob],
                                                        tmp_path: Path) -> None:
    made = SOCIAL.make(source(SOCIAL, tmp_path))
    assert not made.problems
    images = {p: d for p, d in made.files.items() if p.endswith(".png")}
    assert sorted(images) == [f"doc/doc.en.social-{f}.png"
                              for f in ("1080x1080", "1080x1350", "1200x627", "1600x900")]
    for path, data in images.items():
        size = tuple(int(n) for n in path.rsplit("-", 1)[1][:-4].split("x"))
        assert Image.open(io.BytesIO(data)).size == size
    assert made.files["doc/doc.en.social-1080x1080.png.alt.txt"] == b"Title\nRegister\n"
    assert made.files["doc/doc.en.social-1200x627.png.alt.txt"] == b"Title\n"  # no room
    assert all("size: " in job.html and job.options["pdf_tags"] is False for job in laid_out)


def test_one_frame_as_jpeg(laid_out: list[RenderJob], tmp_path: Path) -> None:
    output = SOCIAL.configured("1200x627:jpeg")
    assert output.name == "social:1200x627:jpeg"
    made = output.make(source(output, tmp_path))
    assert sorted(made.files) == ["doc/doc.en.social-1200x627.jpg",
                                  "doc/doc.en.social-1200x627.jpg.alt.txt"]


def test_a_frame_that_runs_over_is_a_warning_naming_it(laid_out: list[RenderJob],
                                                       tmp_path: Path) -> None:
    output = SOCIAL.configured("1080x1080")
    made = output.make(source(output, tmp_path, HTML.replace("Title", "Title TOO-LONG")))
    assert [(p.code, p.is_error) for p in made.problems] == [("social.overflow", False)]
    assert "1080x1080" in made.problems[0].message


def test_a_failed_layout_is_an_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(workers, "run_job", lambda job: RenderResult.failure(
        "doc", Problem.error("render.faked-face", "no face for Brand Sans bold")))
    made = SOCIAL.configured("1080x1080").make(source(SOCIAL, tmp_path))
    assert made.files == {} and [p.code for p in made.problems] == ["social.layout"]
    assert made.problems[0].message == "doc: no face for Brand Sans bold"


@pytest.mark.parametrize("options", ["1080", "1080x1080:gif", "50x50", "1080x1080:1080x"])
def test_bad_frames_are_refused(options: str) -> None:
    with pytest.raises(ValueError, match=r"WIDTHxHEIGHT|200 to 4096"):
        SOCIAL.configured(options)
