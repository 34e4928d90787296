"""What a cold build keeps between builds (charts, glyph coverage, compiled templates,
fontconfig's answers, images' verdicts) never changes a byte of an output: built with the
caches and without them, the PDFs are the same."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import run_cli

DOC = "water-access-policy-brief"
LOCALES = ("ar", "zh")


@pytest.mark.render
def test_outputs_built_with_and_without_the_caches_are_identical(
        built_sample: Path, workspace_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = workspace_copy / "build" / ".cache"
    assert any((cache / "charts").iterdir())  # the first build stored its charts
    args = ["build", DOC, "--force", "-q", "-j", "1", *(f"-l{locale}" for locale in LOCALES)]
    from briefs.brand import fonts
    from briefs.brand.brands import load_brand
    from briefs.content import images
    from briefs.content.config import load_workspace
    from briefs.core.diagnostics import Diagnostics
    from briefs.render import charts

    # As after another test changed fontconfig's folders and found the faces again without
    # this workspace's facts (seen after the CFF brand-font test): the kept answers no longer
    # hold, and this process knows the faces. Built once more first, the answers are kept
    # anew from what the process found (fonts.find_installed_face), not asked again.
    installed = workspace_copy.parent / "installed-fonts"
    monkeypatch.setattr(fonts, "FONT_FOLDERS", (*fonts.FONT_FOLDERS, str(installed)))
    installed.mkdir()
    workspace = load_workspace(workspace_copy)
    for brand in ("civic-blue", "field-green"):
        assert load_brand(workspace, brand, Diagnostics()) is not None
    assert run_cli(*args, workspace=workspace_copy).exit_code == 0
    drawn: list[object] = []
    monkeypatch.setattr(charts, "chart_svg", lambda spec: drawn.append(spec) or b"")
    # As in a new process: nothing remembered; fontconfig's answers and the photos' verdicts
    # are found in build/.cache (signed), not asked or decoded again.
    monkeypatch.setattr(fonts, "_FOUND", {})
    images._verdict.cache_clear()
    monkeypatch.setattr(images, "_KEPT", {})
    monkeypatch.setattr(fonts, "_match_installed_face", lambda *face: drawn.append(face))
    decoded: list[Path] = []
    monkeypatch.setattr(images, "_load_whole",
                        lambda image: decoded.append(Path(image.filename)))
    result = run_cli(*args, workspace=workspace_copy)
    assert result.exit_code == 0, result.stderr
    assert drawn == []  # every chart and face was found: none drawn, none asked
    # No photo of the document decoded: each verdict came from build/.cache.
    assert not [path for path in decoded if path.is_relative_to(workspace_copy / "content")]
    photos = sorted((workspace_copy / "content" / DOC).rglob("*.jpg"))
    assert photos
    images._KEPT.clear()
    images._verdict.cache_clear()
    images.inspect_image(photos[0])  # the hook is the decoder: asked without the facts,
    assert decoded[-1] == photos[0]  # the photo is decoded
    monkeypatch.undo()
    with_caches = {locale: (workspace_copy / "build" / DOC / f"{DOC}.{locale}.pdf").read_bytes()
                   for locale in LOCALES}
    shutil.rmtree(cache)
    result = run_cli(*args, workspace=workspace_copy)
    assert result.exit_code == 0, result.stderr
    for locale in LOCALES:
        name = f"{DOC}/{DOC}.{locale}.pdf"
        without = (workspace_copy / "build" / name).read_bytes()
        assert with_caches[locale] == without == (built_sample / "build" / name).read_bytes()


@pytest.mark.render
def test_the_layout_a_search_settled_on_is_laid_out_once_next_time(
        built_sample: Path, workspace_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The key-messages brief in English needs fit steps (four layouts); built again from the
    same inputs, it is laid out once, with the same bytes; a record altered in the cache
    (not signed so), or one that does not match its layout (a page count off, signed), is
    thrown away and the search made again."""
    import json

    from briefs.render.bytecode import signing_key
    from briefs.render.engine import Engine
    from briefs.render.layout_record import LayoutRecord, sealed

    document, name = "forum-key-messages", "forum-key-messages/forum-key-messages.en.pdf"
    layouts: list[str] = []
    lay_out = Engine._lay_out

    def counted(self: Engine, job: object, log: object, fit_css: str = "") -> object:
        layouts.append(fit_css)
        return lay_out(self, job, log, fit_css)  # type: ignore[arg-type]

    monkeypatch.setattr(Engine, "_lay_out", counted)
    args = ["build", document, "-l", "en", "--force", "-q", "-j", "1"]
    expected = (built_sample / "build" / name).read_bytes()

    def build() -> bytes:
        layouts.clear()
        result = run_cli(*args, workspace=workspace_copy)
        assert result.exit_code == 0, result.stderr
        return (workspace_copy / "build" / name).read_bytes()

    assert build() == expected
    assert len(layouts) == 1 and layouts[0]  # replayed: one layout, with the fit CSS
    outputs = workspace_copy / "build" / ".cache" / "outputs.json"
    data = json.loads(outputs.read_text())
    entry = data["outputs"][name]
    entry["layout"]["record"]["css"] = "body { font-size: 4pt !important; }"  # forged
    outputs.write_text(json.dumps(data))
    assert build() == expected
    assert len(layouts) > 1  # searched again
    data = json.loads(outputs.read_text())
    entry = data["outputs"][name]
    record = LayoutRecord.from_plain(entry["layout"]["record"])
    assert record is not None and signing_key() is not None
    wrong = LayoutRecord(record.css, record.pages + 1, record.fitted, record.warnings)
    entry["layout"] = sealed(wrong, entry["key"], signing_key())  # type: ignore[arg-type]
    outputs.write_text(json.dumps(data))
    assert build() == expected
    assert len(layouts) > 2 and layouts[0] == record.css  # replayed, refused, searched
    shutil.rmtree(workspace_copy / "build" / ".cache")
    assert build() == expected
    assert len(layouts) > 1
    assert build() == expected
    assert len(layouts) == 1  # the search above was recorded
