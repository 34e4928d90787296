"""A document's source text (its locale YAML after Markdown) word for word against the text an
engine extracted: which source words it recovered."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import lxml.html
import yaml
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin

from briefs.content.markdown import FIGURE_REFERENCE
from briefs.core.clusters import clusters

UNSPACED = {"zh", "ja", "th"}
"""Languages written without spaces between words: compared phrase by phrase (BudouX)."""
NOT_PRINTED = {"alt"}
"""Fields that are not printed on the page (an image's alternative text is its /Alt)."""
INVISIBLE = dict.fromkeys(map(ord, "\u200e\u200f\u2066\u2067\u2068\u2069\u061c\ufeff"))
LAYOUT_HYPHEN = re.compile(r"[\u00ad\x02]\s*")
"""A soft hyphen at a line end (PDFium reports one it read from the PDF as U+0002)."""
DIGITS = {ord(digit): str(value) for zero in ("0", "٠", "۰", "०", "๐")
          for value, digit in enumerate(chr(ord(zero) + n) for n in range(10))}
DOTTED_CIRCLE = "\u25cc"
COMPOUND = re.compile(r"(\w+)-(\w+)")
LANGUAGE_SPAN = re.compile(r"\[([^\]\n]*)\]\{lang=[^}\n]*\}")
"""`[words]{lang=en}`, a phrase in another language (briefs' Markdown): its words are printed."""


@dataclass
class Recovery:
    """How many of the source's words (or phrases) an engine's text holds."""

    total: int = 0
    found: int = 0
    missing: list[str] = field(default_factory=list)

    @property
    def share(self) -> float:
        return self.found / self.total if self.total else 1.0


def source_text(path: Path) -> str:
    """The printed prose of a locale YAML, as plain text (Markdown rendered, tags dropped)."""
    markdown = MarkdownIt("commonmark").use(footnote_plugin)
    parts = []
    for text in _strings(yaml.safe_load(path.read_text(encoding="utf-8"))):
        html = markdown.render(LANGUAGE_SPAN.sub(r"\1", text))
        if html.strip():
            tree = lxml.html.fromstring(f"<div>{html}</div>")
            for paragraph in tree.iter("p"):  # `[figure: name]` places a figure: not printed
                if FIGURE_REFERENCE.match(paragraph.text_content().strip()):
                    paragraph.drop_tree()
            parts.append(tree.text_content())
    return "\n".join(parts)


def _strings(value: Any, key: str = "") -> Iterator[str]:
    if key in NOT_PRINTED:
        return
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for name, item in value.items():
            yield from _strings(item, str(name))
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item, key)


def normalized(text: str) -> str:
    """NFC, invisible direction marks dropped, a layout hyphen (U+00AD) joined with the rest
    of its word, the digits of any script as ASCII (digit forms are tested apart)."""
    text = unicodedata.normalize("NFC", text).translate(INVISIBLE)
    return LAYOUT_HYPHEN.sub("", text).translate(DIGITS)


def words(text: str) -> list[str]:
    """Runs of whole grapheme clusters that start with a letter or digit (vowel signs,
    viramas and joiners stay in their word; hyphens and punctuation separate words)."""
    found, current = [], ""
    for cluster in clusters(text):
        if cluster[0].isalnum():
            current += cluster
        elif current:
            found.append(current)
            current = ""
    return [*found, current] if current else found


def recovered(source: str, extracted: str, language: str) -> Recovery:
    source, extracted = normalized(source), normalized(extracted)
    if language in UNSPACED:
        return _phrases_recovered(source, extracted, language)
    wanted = Counter(word.casefold() for word in words(source))
    got = Counter(word.casefold() for word in words(extracted))
    for compound in COMPOUND.finditer(source):  # poppler joins a compound broken at its hyphen
        joined = compound.group(1) + compound.group(2)
        if got[joined.casefold()]:
            got[compound.group(1).casefold()] += 1
            got[compound.group(2).casefold()] += 1
    result = Recovery(total=sum(wanted.values()))
    for word, count in wanted.items():
        kept = min(count, got[word])
        result.found += kept
        result.missing += [word] * (count - kept)
    return result


def _phrases_recovered(source: str, extracted: str, language: str) -> Recovery:
    import budoux

    parser = {"zh": budoux.load_default_simplified_chinese_parser,
              "ja": budoux.load_default_japanese_parser,
              "th": budoux.load_default_thai_parser}[language]()
    haystack = "".join(words(extracted))
    result = Recovery()
    for line in source.splitlines():
        for phrase in parser.parse(line):
            phrase = "".join(words(phrase))
            if not phrase:
                continue
            result.total += 1
            if phrase in haystack:
                result.found += 1
            else:
                result.missing.append(phrase)
    return result
