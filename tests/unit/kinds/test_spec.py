"""Kinds as data: kind.yaml becomes schemas; every mistake in it is reported at line:col."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from briefs.content.translations_lock import prose_leaves
from briefs.core.diagnostics import Diagnostics
from briefs.kinds.spec import load_kind

KIND = """\
description: A report
title_field: title
pages: {max: 2}
settings:
  held_on: {type: date, required: true}
  photo: {type: image}
  links: {type: list, items: url}
text:
  title: {type: text, required: true, max_length: 20, help: The title}
  summary: markdown
  speakers:
    type: list
    max_items: 2
    items:
      type: object
      fields:
        name: {type: text, required: true, translate: false}
        email: email
"""


def write_kind(tmp_path: Path, text: str, name: str = "report") -> Path:
    folder = tmp_path / "kinds" / name
    folder.mkdir(parents=True)
    (folder / "kind.yaml").write_text(text, encoding="utf-8")
    (folder / "template.html.j2").write_text("x")
    (folder / "style.css").write_text("")
    return folder


def load(tmp_path: Path, text: str, reserved: set[str] | None = None,
         name: str = "report") -> tuple[object, list[str]]:
    folder = write_kind(tmp_path, text, name)
    diagnostics = Diagnostics()
    kind = load_kind(folder, diagnostics, reserved or set(), roots=(tmp_path,),
                     origin="test")
    return kind, [d.format(tmp_path) for d in diagnostics]


def test_fields_become_schemas(tmp_path: Path) -> None:
    kind, problems = load(tmp_path, KIND)
    assert problems == [] and kind is not None
    settings = kind.settings_model.model_validate(  # type: ignore[attr-defined]
        {"kind": "report", "held_on": "2026-04-15", "photo": {"src": "a.jpg"},
         "links": ["https://example.org"]})
    assert settings.held_on.isoformat() == "2026-04-15" and settings.paper == "A4"
    text = kind.text_model.model_validate(  # type: ignore[attr-defined]
        {"title": "T", "speakers": [{"name": "Ana", "email": "ana@example.org"}],
         "photo": {"alt": "People at a table"}})  # an image's prose comes automatically
    assert text.speakers[0].name == "Ana" and text.photo.alt == "People at a table"
    assert kind.pages.limit(settings) == 2 and kind.title_of(text) == "T"  # type: ignore[attr-defined]


@pytest.mark.parametrize(("data", "message"), [
    ({"title": "x" * 21}, "at most 20 characters"),
    ({"title": "T", "speakers": [{"name": "A"}] * 3}, "at most 2 items"),
    ({"title": "T", "speakers": [{"name": "A", "email": "not an address"}]}, "match pattern"),
    ({"title": "T", "titel": "x"}, "Extra inputs are not permitted"),
])
def test_prose_is_validated(tmp_path: Path, data: dict, message: str) -> None:
    kind, _ = load(tmp_path, KIND)
    with pytest.raises(ValidationError, match=message):
        kind.text_model.model_validate(data)  # type: ignore[attr-defined]


def test_links_must_be_web_links(tmp_path: Path) -> None:
    kind, _ = load(tmp_path, KIND)
    with pytest.raises(ValidationError, match="only https://"):
        kind.settings_model.model_validate(  # type: ignore[attr-defined]
            {"kind": "report", "held_on": "2026-04-15", "links": ["javascript:alert(1)"]})


def test_translators_translate_only_prose(tmp_path: Path) -> None:
    kind, _ = load(tmp_path, KIND)
    data = {"title": "T", "summary": "S", "speakers": [{"name": "Ana", "email": "a@b.org"}]}
    assert set(prose_leaves(data, kind.text_model)) == {  # type: ignore[attr-defined]
        ("title",), ("summary",)}


@pytest.mark.parametrize(("text", "expected"), [
    (KIND.replace("type: date,", "typ: date,"),
     'kinds/report/kind.yaml:5:13: error: unknown key "typ" (did you mean "type"?)'),
    (KIND.replace("summary: markdown", "summary: prose"),
     "kinds/report/kind.yaml:10:3: error: text.summary.type: must be one of: text, markdown, "),
    (KIND.replace("title_field: title", "title_field: titel"),
     'kinds/report/kind.yaml:2:1: error: title_field: the title field "titel" must be a required'
     ' text field in text (did you mean "title"?)'),
    (KIND.replace("  photo: {type: image}", "  photo: {type: image}\n  brand: text"),
     'kinds/report/kind.yaml:7:3: error: settings.brand: "brand" is a setting every document has'
     " already"),
    (KIND.replace("  summary: markdown", "  summary: markdown\n  picture: image"),
     "kinds/report/kind.yaml:11:3: error: text.picture: images go in settings"),
    (KIND.replace("links: {type: list, items: url}", "links: {type: list}"),
     "kinds/report/kind.yaml:7:3: error: settings.links: a list needs `items:`"),
    (KIND.replace("help: The title}", "help: The title, short}"),
     'kinds/report/kind.yaml:9:72: error: unknown key "short"'),
])
def test_mistakes_are_reported_where_they_are(tmp_path: Path, text: str, expected: str) -> None:
    kind, problems = load(tmp_path, text)
    assert kind is None
    assert any(problem.startswith(expected) for problem in problems), problems


def test_a_kind_needs_its_template_and_may_not_replace_a_built_in_one(tmp_path: Path) -> None:
    folder = write_kind(tmp_path, KIND)
    (folder / "style.css").unlink()
    diagnostics = Diagnostics()
    assert load_kind(folder, diagnostics, set(), roots=(tmp_path,), origin="t") is None
    assert "kind report has no style.css" in diagnostics.errors[0].message
    kind, problems = load(tmp_path / "other", KIND, reserved={"flyer"}, name="flyer")
    assert kind is None and 'a kind named "flyer" exists already' in problems[0]


FIT = KIND + "fit: [space 75%, body 9.5pt, optional]\noptional_blocks: a speaker\n"


def test_a_kind_lists_its_fit_steps(tmp_path: Path) -> None:
    kind, problems = load(tmp_path, FIT)
    assert problems == [] and kind is not None
    assert [str(step) for step in kind.fit] == ["space 75%", "body 9.5 pt", "optional"]  # type: ignore[attr-defined]
    assert kind.optional_blocks == "a speaker"  # type: ignore[attr-defined]


@pytest.mark.parametrize(("fit", "message"), [
    ("[body 9pt, size 8pt]", 'fit[1]: unknown lever "size"'),
    ("[body 9pt, body 9.5pt]", "fit: body 9.5 pt does not tighten body"),
    ("[optional, body 9pt]", "fit: optional is the last resort"),
])
def test_fit_steps_are_checked_where_they_are_written(tmp_path: Path, fit: str,
                                                      message: str) -> None:
    kind, problems = load(tmp_path, KIND + f"fit: {fit}\n")
    assert kind is None
    assert any(message in problem and "kinds/report/kind.yaml:" in problem
               for problem in problems), problems


def test_a_flag_field_is_true_or_false_and_never_translated(tmp_path: Path) -> None:
    text = KIND.replace("  summary: markdown", "  summary: markdown\n  optional: flag")
    kind, problems = load(tmp_path, text)
    assert problems == [] and kind is not None
    model = kind.text_model  # type: ignore[attr-defined]
    assert model.model_fields["optional"].default is False
    assert prose_leaves({"optional": "true"}, model) == {}
