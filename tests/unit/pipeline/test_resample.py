"""Screen photos are resampled once to what a page can show; print keeps the originals."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from briefs.content.config import load_workspace
from briefs.pipeline.resample import screen_image
from briefs.pipeline.session import BuildSession
from briefs.render.profiles import BUILTIN_PROFILES
from briefs.scaffold.new_workspace import init_workspace

SCREEN, PRINT = BUILTIN_PROFILES["screen"], BUILTIN_PROFILES["print"]


def session_of(tmp_path: Path) -> BuildSession:
    return BuildSession(load_workspace(init_workspace(tmp_path / "ws")))


def photo(session: BuildSession, name: str, size: tuple[int, int], **save: object) -> Path:
    path = session.workspace.root / "content" / name
    Image.new("RGB", size, (10, 120, 200)).save(path, **save)
    return path


def test_a_large_photo_is_resampled_upright_for_screen_only(tmp_path: Path) -> None:
    session = session_of(tmp_path)
    exif = Image.Exif()
    exif[0x0112] = 6  # stored sideways: shown rotated by 90 degrees
    path = photo(session, "big.jpg", (4000, 3000), exif=exif)
    resampled = screen_image(session, path, SCREEN)
    assert resampled != path and resampled.is_relative_to(session.output_dir)
    with Image.open(resampled) as image:
        width, height = image.size
        assert height == 1754 and 1310 < width < 1320  # upright; 150 dpi over A4's long side
        assert image.format == "JPEG"
    assert screen_image(session, path, PRINT) == path
    made = resampled.stat().st_mtime_ns
    assert screen_image(BuildSession(session.workspace), path, SCREEN) == resampled
    assert resampled.stat().st_mtime_ns == made  # made once


def test_small_images_and_drawings_are_left_alone(tmp_path: Path) -> None:
    session = session_of(tmp_path)
    small = photo(session, "small.png", (800, 600))
    assert screen_image(session, small, SCREEN) == small
    svg = next((session.workspace.root / "content").rglob("*.svg"))
    assert screen_image(session, svg, SCREEN) == svg
    broken = session.workspace.root / "content" / "broken.jpg"
    broken.write_bytes(b"not a picture")
    assert screen_image(session, broken, SCREEN) == broken
