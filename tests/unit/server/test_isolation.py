"""Per-build state is never shared across workspaces in a long-lived process (the build
server's workers): a font family one workspace registers cannot draw another's text."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefs.core.paths import Mounts
from briefs.render.engine import Engine, RenderJob
from briefs.render.fontsets import FontConfigurations

REPO = Path(__file__).resolve().parents[3]
FONT = REPO / "styles" / "civic-blue" / "fonts" / "NotoSerif-Bold.ttf"
DECLARES = ('<html lang="en"><head><title>A</title><style>@font-face { font-family: "Leaky"; '
            'src: url("file:///briefs-workspace/leaky.ttf"); font-weight: 400; '
            'font-style: normal; } p { font-family: "Leaky"; }</style></head>'
            '<body><p>Workspace A</p></body></html>')
NAMES_ONLY = ('<html lang="en"><head><title>B</title><style>p { font-family: "Leaky", '
              'sans-serif; }</style></head><body><p>Workspace B</p></body></html>')


def test_configurations_are_kept_apart_by_workspace() -> None:
    configurations = FontConfigurations()
    faces = {('"Leaky"', "400", "normal"): 'url("a.ttf")'}
    first = configurations.for_faces(faces, "/work/a")
    assert configurations.for_faces({}, "/work/a") is first
    assert configurations.for_faces({}, "/work/b") is not first
    assert configurations.knows(faces, "/work/a") and not configurations.knows(faces, "/work/b")


@pytest.mark.render
def test_a_family_registered_by_one_workspace_does_not_change_another(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    shutil.copy(FONT, first / "leaky.ttf")

    def job(root: Path, html: str) -> RenderJob:
        return RenderJob(html=html, mounts=Mounts.of(root), title="t",
                         options={"pdf_tags": True, "uncompressed_pdf": False})

    alone = Engine().render(job(second, NAMES_ONLY))
    engine = Engine()  # one long-lived process: workspace A's build, then B's
    assert engine.render(job(first, DECLARES)).pdf is not None
    after = engine.render(job(second, NAMES_ONLY))
    assert alone.pdf is not None and after.pdf == alone.pdf
