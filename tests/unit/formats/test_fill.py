"""A frame its content leaves half empty is laid out again with larger type, never so large
that it runs over; what the content fills is read from the frame's image."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from briefs.formats.fill import MOST, filled_share, scale_to_fill
from briefs.formats.frames import SOCIAL
from briefs.render import workers
from briefs.render.engine import RenderJob, RenderResult
from tests.unit.formats.test_output_frames import source


def page(ink_to: float, band: bool = False, size: tuple[int, int] = (400, 500)) -> Image.Image:
    """A white page with a dark band at the top and text-like marks down to `ink_to`."""
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    if band:  # a coloured head band down the whole start side, as the wide frames have
        draw.rectangle((0, 0, size[0] // 2, size[1]), fill=(10, 60, 140))
    draw.rectangle((0, 0, size[0], 40), fill=(10, 60, 140))
    for y in range(60, int(size[1] * ink_to) - 8, 24):
        draw.rectangle((size[0] * 0.55, y, size[0] * 0.9, y + 8), fill=(30, 30, 30))
    return image


def test_the_last_row_of_ink_is_what_the_content_fills() -> None:
    assert filled_share(page(0.5)) == pytest.approx(0.5, abs=0.05)
    assert filled_share(page(0.5, band=True)) == pytest.approx(0.5, abs=0.05)
    assert filled_share(Image.new("RGB", (300, 300), "white")) == 0.0


def test_a_photo_to_the_foot_fills_the_frame() -> None:
    photo = Image.effect_noise((300, 400), 60).convert("RGB")
    assert filled_share(photo) > 0.99


def test_type_is_set_up_by_the_root_of_the_room_left_at_most_by_a_bound() -> None:
    assert scale_to_fill(0.95) == 1.0
    assert scale_to_fill(0.46) == pytest.approx(2 ** 0.5)
    assert scale_to_fill(0.1) == MOST
    assert scale_to_fill(0.0) == 1.0  # nothing drawn: nothing to set larger


def unit_of(job: RenderJob) -> float:
    found = re.search(r"--u: ([0-9.]+)px", job.html)
    assert found
    return float(found[1])


def frames_laid_out(monkeypatch: pytest.MonkeyPatch, runs_over_above: float) -> list[float]:
    """Run the 1080x1350 frame with fake layouts: the content fills 45% of the frame at the
    frame's own unit, in proportion to the unit, and runs over above `runs_over_above`."""
    units: list[float] = []

    def run(job: RenderJob) -> RenderResult:
        unit = unit_of(job)
        units.append(unit)
        scale = unit / 1.08
        pages = 2 if scale > runs_over_above else 1
        image = page(min(0.45 * scale ** 2, 1.0), size=(810, 1012))
        buffer = io.BytesIO()
        image.save(buffer, "PDF", resolution=72)
        return RenderResult(pdf=buffer.getvalue(), pages=pages)

    monkeypatch.setattr(workers, "run_job", run)
    output = SOCIAL.configured("1080x1350")
    made = output.make(source(output, Path("/nonexistent")))
    assert not made.problems
    return [round(unit / 1.08, 3) for unit in units]


def test_a_half_empty_frame_is_laid_out_again_larger(monkeypatch: pytest.MonkeyPatch) -> None:
    scales = frames_laid_out(monkeypatch, runs_over_above=9)
    assert scales[0] == 1.0 and len(scales) == 2 and 1.3 < scales[1] <= MOST


def test_if_larger_runs_over_halfway_is_tried_then_the_frame_as_it_was(
        monkeypatch: pytest.MonkeyPatch) -> None:
    scales = frames_laid_out(monkeypatch, runs_over_above=1.25)
    assert len(scales) == 3 and scales[2] == pytest.approx(1 + (scales[1] - 1) / 2, abs=0.01)
    scales = frames_laid_out(monkeypatch, runs_over_above=1.01)
    assert len(scales) == 3  # both ran over: the frame's first layout is the image
