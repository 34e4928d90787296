"""docs/fields.md is the field reference the schemas write: it must not drift from them."""

from __future__ import annotations

from pathlib import Path

from briefs.kinds.reference import reference_page

DOCS = Path(__file__).resolve().parents[3] / "docs" / "fields.md"


def test_the_field_reference_is_up_to_date() -> None:
    assert DOCS.read_text(encoding="utf-8") == reference_page(), (
        "docs/fields.md is out of date: run .venv/bin/python scripts/field_reference.py")


def test_it_states_the_limits_people_hit() -> None:
    page = reference_page()
    assert "| `more_events[].summary` | text | yes | 400 characters |" in page
    assert "| `event.date` | date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, or a range `a/b` |" in page
    assert "| `title` | text | yes | 90 characters | The fact sheet's title |" in page
