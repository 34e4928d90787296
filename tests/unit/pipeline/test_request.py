"""Which documents and locales a build request selects, the one rule every runner uses."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefs.content.config import load_workspace
from briefs.pipeline.request import BadRequest, select
from briefs.scaffold.new_workspace import init_workspace


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return init_workspace(tmp_path_factory.mktemp("request") / "ws")


def test_named_documents_in_the_order_named_and_every_locale(root: Path) -> None:
    workspace = load_workspace(root)
    assert select(workspace, (), ()) == (["first-brief", "first-flyer"], ["en", "fr"])
    assert select(workspace, ("first-flyer", "first-brief"), ("fr",)) == (
        ["first-flyer", "first-brief"], ["fr"])
    with pytest.raises(BadRequest, match='no document "gone"'):
        select(workspace, ("first-flyer", "gone"), ())


def test_a_lasting_request_leaves_out_a_document_deleted_since(root: Path) -> None:
    """The preview's selection outlives a document: the ones left are built, in the
    workspace's order; none left is nothing to build, not everything."""
    workspace = load_workspace(root)
    assert select(workspace, ("first-flyer", "gone", "first-brief"), (), lasting=True) == (
        ["first-brief", "first-flyer"], ["en", "fr"])
    assert select(workspace, ("gone",), ("en",), lasting=True) == ([], ["en"])
    assert select(workspace, (), (), lasting=True)[0] == ["first-brief", "first-flyer"]
    with pytest.raises(BadRequest, match='locale "de"'):
        select(workspace, ("first-flyer",), ("de",), lasting=True)
