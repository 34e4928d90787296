"""Print, for every PDF of a built workspace, the share of its source's words each installed
engine reads back: `python -m tests.textlayer.measure WORKSPACE [LOCALE...]`."""

from __future__ import annotations

import sys
from pathlib import Path

from tests.textlayer.compare import DOTTED_CIRCLE, recovered, source_text
from tests.textlayer.engines import available


def main(arguments: list[str]) -> None:
    root, only = Path(arguments[0]), set(arguments[1:])
    engines = available()
    for pdf in sorted((root / "build").rglob("*.pdf")):
        doc, locale, *profile = pdf.stem.split(".")  # <doc>.<locale>[.<profile suffix>]
        if only and locale not in only:
            continue
        source = source_text(root / "content" / doc / f"{locale}.yaml")
        row = []
        for name, engine in engines.items():
            text = engine(pdf)
            note = " ◌" if DOTTED_CIRCLE in text else ""
            if "\u200c" in source:
                note += f" ZWNJ {text.count(chr(0x200C))}/{source.count(chr(0x200C))}"
            row.append(f"{name} {recovered(source, text, locale).share:6.1%}{note}")
        print(f"{doc} {locale}{''.join('.' + part for part in profile)}: " + " | ".join(row),
              flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
