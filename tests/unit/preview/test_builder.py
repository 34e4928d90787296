"""The preview's builder asks the one build entry point for its selection; it filters
nothing by hand. A fake renderer stands in for WeasyPrint."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefs.output.writer import Writer
from briefs.pipeline import entry
from briefs.pipeline.request import BuildRequest
from briefs.preview import builder as builder_module
from briefs.preview.builder import Builder, Selection
from briefs.preview.pages import PageImages
from tests.unit.pipeline import test_entry

root = test_entry.root
"""The fixture: a new workspace, built with a fake renderer."""


def make_builder(root: Path, selection: Selection) -> Builder:
    output = root / "build"
    return Builder(root, selection, PageImages(output / ".cache" / "preview", Writer(output)))


def test_the_request_names_the_selection_and_the_build_selects(
        root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[BuildRequest] = []

    def spy(request: BuildRequest, *args: object, **kwargs: object) -> entry.BuildOutcome:
        asked.append(request)
        return entry.run(request, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builder_module, "run", spy)
    snapshot = make_builder(root, Selection(docs=("first-flyer",), locales=("fr",))
                            ).build_once()
    [request] = asked
    assert (request.docs, request.locales, request.lasting) == (("first-flyer",), ("fr",), True)
    assert [doc.id for doc in snapshot.docs] == ["first-flyer"]
    assert snapshot.locales == ("fr",)
    assert {(key.document, key.locale) for key in snapshot.outputs} == {("first-flyer", "fr")}


def test_a_selected_document_deleted_while_previewing_leaves_the_index(root: Path) -> None:
    builder = make_builder(root, Selection(docs=("first-flyer", "first-brief")))
    first = builder.build_once()
    assert [doc.id for doc in first.docs] == ["first-brief", "first-flyer"]
    shutil.rmtree(root / "content" / "first-flyer")
    again = builder.build_once()
    assert [doc.id for doc in again.docs] == ["first-brief"]
    assert not [p for p in again.problems if p.severity == "error"], again.problems
    assert {key.document for key in again.outputs} == {"first-brief"}
