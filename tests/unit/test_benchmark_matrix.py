"""The generated workspace of `make bench` and the thousand-outputs workflow: 20 outputs a
document, planned without a single warning (CI builds it with --strict), no two documents
alike."""

from __future__ import annotations

from pathlib import Path

import yaml

from benchmarks.matrix import LOCALES, OUTPUTS_PER_DOCUMENT, conform, generate_matrix, vary
from briefs.content.config import load_workspace
from briefs.pipeline.plan import plan_build
from briefs.pipeline.request import BuildOptions
from briefs.pipeline.session import BuildSession


def test_each_kind_plans_twenty_outputs_without_a_warning(tmp_path: Path) -> None:
    workspace = load_workspace(generate_matrix(tmp_path / "ws", 3))
    session = BuildSession(workspace, BuildOptions(writes=False, strict=True), [])
    plan = plan_build(session, workspace.document_ids(), list(workspace.config.locales))
    assert list(session.diagnostics) == []
    assert len(plan.targets) == 3 * OUTPUTS_PER_DOCUMENT == 3 * len(LOCALES) * 2
    assert {target.key.profile for target in plan.targets} == {"screen", "print"}


def test_documents_of_one_kind_differ_in_every_locale(tmp_path: Path) -> None:
    content = generate_matrix(tmp_path / "ws", 4) / "content"
    first, fourth = content / "forum-key-messages-001", content / "forum-key-messages-004"
    for locale in LOCALES:
        texts = [yaml.safe_load((folder / f"{locale}.yaml").read_text(encoding="utf-8"))
                 for folder in (first, fourth)]
        assert texts[0] != texts[1]
        assert texts[0]["title"] != texts[1]["title"]


def test_a_translation_is_shaped_like_its_source() -> None:
    source = {"title": "A", "items": [{"title": "x", "text": "y[^1]\n\n[^1]: n"},
                                      {"text": "plain"}]}
    translation = {"title": "B", "extra": "dropped",
                   "items": [{"text": "untitled"}, {"title": "t", "text": "u"},
                             {"title": "s", "text": "v[^1]\n\n[^1]: m"}]}
    assert conform(source, translation) == {
        "title": "B", "items": [{"title": "s", "text": "v[^1]\n\n[^1]: m"}, {"text": "untitled"}]}


def test_short_lists_rotate_and_the_brief_keeps_its_messages_in_order() -> None:
    """Rotating the key-messages brief's four messages left a near-empty page 3 in English
    for two of the four orders: a page-count warning, which fails the workflow's --strict."""
    text = {"title": "T", "messages": [1, 2, 3, 4], "organisers": ["a", "b"], "one": [1]}
    assert vary(text, 1) == {"title": "T 1", "messages": [1, 2, 3, 4],
                             "organisers": ["b", "a"], "one": [1]}
    assert vary({"figures": [1, 2, 3]}, 5) == {"figures": [3, 1, 2]}
