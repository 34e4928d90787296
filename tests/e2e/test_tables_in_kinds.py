"""A pipe table in every Markdown field of every kind (built in, and a workspace's own) is
laid out and tagged as a table: each field that holds one gives one Table in the PDF."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

from briefs.content.config import load_workspace
from briefs.content.schema import MARKDOWN_TEXT, ImageText
from briefs.core.diagnostics import Diagnostics
from briefs.kinds.registry import load_kinds
from briefs.scaffold.new_workspace import init_workspace
from tests.conftest import PROJECTS, run_cli
from tests.tagged import read_tagged

TABLE = "\n\n| Item | Count |\n|:--|--:|\n| Rivers | 12 |\n"


def with_tables(data: Any, model: Any) -> int:
    """Add a table to every Markdown value of `data` (prose of `model`); how many. A caption
    is Markdown set inline (emphasis and links, no blocks), so it is left alone."""
    added = 0
    if model is ImageText:
        return 0
    fields = getattr(model, "model_fields", {})
    for name, value in list(data.items()) if isinstance(data, dict) else []:
        info = fields.get(name)
        if info is None:
            continue
        inner = _model(info.annotation)
        if isinstance(value, str) and MARKDOWN_TEXT in [*info.metadata,
                                                        *_metadata(info.annotation)]:
            data[name] = value.rstrip() + TABLE
            added += 1
        elif isinstance(value, dict) and inner is not None:
            added += with_tables(value, inner)
        elif isinstance(value, list) and inner is not None:
            added += sum(with_tables(item, inner) for item in value)
    return added


def _metadata(annotation: Any) -> list[Any]:
    import typing

    found = list(getattr(annotation, "__metadata__", ()))
    for arg in typing.get_args(annotation):
        found += _metadata(arg)
    return found


def _model(annotation: Any) -> Any:
    import typing

    if isinstance(annotation, type) and hasattr(annotation, "model_fields"):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model(arg)
        if found is not None:
            return found
    return None


def test_a_pipe_table_in_every_markdown_field_of_every_kind(tmp_path: Path) -> None:
    root = init_workspace(tmp_path / "ws", template="small")
    shutil.copytree(PROJECTS / "custom-kind" / "kinds", root / "kinds")
    registry = load_kinds(load_workspace(root), Diagnostics())
    expected: dict[str, int] = {}
    for name in ("key-messages", "flyer", "fact-sheet", "policy-brief", "event-report"):
        kind = registry.get(name)
        assert kind is not None, name
        doc = f"t-{name}"
        result = run_cli("new", doc, "--kind", name, workspace=root)
        assert result.exit_code == 0, result.stderr
        path = root / "content" / doc / "en.yaml"
        data = yaml.safe_load(path.read_text())
        expected[doc] = with_tables(data, kind.text_model)
        assert expected[doc] >= 1, name
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
        (root / "content" / doc / "fr.yaml").unlink(missing_ok=True)
    result = run_cli("build", *expected, "-l", "en", workspace=root)
    assert result.exit_code == 0, result.stderr
    for doc, count in expected.items():
        document = read_tagged(root / "build" / doc / f"{doc}.en.pdf")
        tables = [table for table in document.root.find("Table")  # a starter may have its own
                  if document.text(table.find("TH")[0]) == "Item"]
        assert len(tables) == count, doc
        assert all(document.text(table.find("TD")[1]) == "12" for table in tables)
