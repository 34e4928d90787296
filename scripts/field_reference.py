"""Maintainers: write docs/fields.md, the field reference of the built-in kinds, from their
schemas (a test fails when it is out of date).

    .venv/bin/python scripts/field_reference.py
"""

from __future__ import annotations

from pathlib import Path

from briefs.kinds.reference import reference_page

DOCS = Path(__file__).resolve().parent.parent / "docs" / "fields.md"


def main() -> None:
    DOCS.write_text(reference_page(), encoding="utf-8")
    print(f"wrote {DOCS}")


if __name__ == "__main__":
    main()
