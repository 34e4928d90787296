"""What each page shows, computed from a snapshot: cards, page lists, links and labels."""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from briefs.preview.pages import PageImages, PdfInfo
from briefs.preview.state import STATE_LABELS, DocInfo, Output, Snapshot

THUMB_WIDTH = 180  # CSS pixels; the PNG is twice as wide
PAGE_WIDTH = 550


@dataclass(frozen=True)
class Page:
    """One page image to show, with the size it takes before it loads."""

    number: int
    src: str
    width: int
    height: int


@dataclass(frozen=True)
class Card:
    """An output as the index and the language switcher show it."""

    output: Output
    state: str
    info: PdfInfo | None
    href: str
    thumb: Page | None

    @property
    def label(self) -> str:
        return STATE_LABELS.get(self.state, self.state)


@dataclass(frozen=True)
class View:
    """An output's pages, as the document page shows them: its PDF's, or the overflow
    proof's when the last build did not fit its pages."""

    card: Card
    pages: tuple[Page, ...]
    proof: PdfInfo | None = None


def template_globals() -> dict[str, Any]:
    return {"locale_name": locale_name, "native_name": native_name, "direction": direction,
            "state_label": lambda state: STATE_LABELS.get(state, state),
            "human_bytes": human_bytes, "clock": clock, "build_state": build_state,
            "status_text": status_text, "plural": plural}


def index_context(snapshot: Snapshot, pages: PageImages, output_dir: Path) -> dict[str, Any]:
    """Every document, each with a card per profile and locale."""
    docs = [(doc, [(profile, [card(snapshot, pages, output_dir, output)
                              for output in snapshot.outputs_of(doc.id, profile)])
                   for profile in snapshot.profiles])
            for doc in snapshot.docs]
    return {"documents": docs, "problems": list(snapshot.problems)}


def document_context(snapshot: Snapshot, pages: PageImages, output_dir: Path, doc_id: str,
                     query: Mapping[str, str]) -> dict[str, Any] | None:
    """One document in one locale and profile, maybe beside a second locale; None if unknown."""
    doc = snapshot.doc(doc_id)
    profile = query.get("profile") or (snapshot.profiles[0] if snapshot.profiles else "")
    locale = query.get("locale") or snapshot.source_locale
    compare = query.get("compare") or None
    compare = None if compare == locale else compare
    outputs = {o.locale: o for o in snapshot.outputs_of(doc_id, profile)}
    if doc is None or locale not in outputs or (compare is not None and compare not in outputs):
        return None
    cards = [card(snapshot, pages, output_dir, outputs[loc], compare=compare)
             for loc in snapshot.locales if loc in outputs]
    views = [view(snapshot, pages, output_dir, outputs[loc]) for loc in (locale, compare) if loc]
    return {"doc": doc, "profile": profile, "locale": locale, "compare": compare,
            "others": other_files(output_dir, outputs[locale]),
            "cards": cards, "views": views, "rows": _rows(views),
            "problems": snapshot.problems_of(doc_id),
            "single_href": doc_href(doc, locale, profile, None, snapshot),
            "profile_links": [(name, doc_href(doc, locale, name, compare, snapshot))
                              for name in snapshot.profiles]}


@dataclass(frozen=True)
class OtherFile:
    """A file another output format made of the output shown (a web page, an image)."""

    format: str
    path: str
    bytes: int
    alt: str = ""

    @property
    def href(self) -> str:
        return "/build/" + quote(self.path)

    @property
    def is_image(self) -> bool:
        return self.path.endswith((".png", ".jpg", ".webp"))


MAX_ALT_SHOWN = 4000


def other_files(output_dir: Path, output: Output) -> list[OtherFile]:
    """The web pages and images the last build made of `output` (from the manifest), with
    each image's alt text; fonts and images copied for a web page are left out."""
    from briefs.output.manifest import read_entries

    entry = next((e for e in read_entries(output_dir) if e.path == output.path), None)
    found = []
    for record in (entry.files or ()) if entry is not None else ():
        path = record.path
        if ".files/" in path or path.endswith(".alt.txt"):
            continue
        alt = ""
        if path.endswith((".png", ".jpg", ".webp")):
            try:
                alt = (output_dir / f"{path}.alt.txt").read_text("utf-8")[:MAX_ALT_SHOWN]
            except (OSError, UnicodeDecodeError):
                alt = ""
        found.append(OtherFile(record.format, path, record.bytes, alt))
    return found


def card(snapshot: Snapshot, pages: PageImages, output_dir: Path, output: Output,
         compare: str | None = None) -> Card:
    info = pages.info(output_dir / output.path)
    thumb = page_view(output, info, 1, "thumb", THUMB_WIDTH) if info and info.pages else None
    doc = snapshot.doc(output.doc) or DocInfo(output.doc)
    compare = compare if compare != output.locale else None
    return Card(output, snapshot.state_of(output), info,
                doc_href(doc, output.locale, output.profile, compare, snapshot), thumb)


def view(snapshot: Snapshot, pages: PageImages, output_dir: Path, output: Output) -> View:
    shown = card(snapshot, pages, output_dir, output)
    proof = pages.info(output_dir / output.proof) if output.proof else None
    info = proof or shown.info
    numbers = range(1, info.page_count + 1) if info else range(0)
    return View(shown, tuple(page_view(output, info, n, "full", PAGE_WIDTH, proof is not None)
                             for n in numbers if info), proof)


def _rows(views: list[View]) -> list[list[Page | None]]:
    """Pages side by side: row i holds page i of each view (None where a view is shorter)."""
    count = max((len(v.pages) for v in views), default=0)
    return [[v.pages[i] if i < len(v.pages) else None for v in views] for i in range(count)]


def page_view(output: Output, info: PdfInfo, number: int, size: str, width: int,
              proof: bool = False) -> Page:
    page_width, page_height = info.pages[number - 1]
    query = urlencode({"size": size, "v": info.sha256[:16], **({"proof": "1"} if proof else {})})
    src = (f"/page/{quote(output.doc)}/{quote(output.locale)}/{quote(output.profile)}/"
           f"{number}.png?{query}")
    return Page(number, src, width, round(width * page_height / page_width))


def doc_href(doc: DocInfo, locale: str, profile: str, compare: str | None,
             snapshot: Snapshot) -> str:
    query: dict[str, str] = {"locale": locale}
    if compare:
        query["compare"] = compare
    if snapshot.profiles and profile != snapshot.profiles[0]:
        query["profile"] = profile
    return f"/doc/{quote(doc.id)}?{urlencode(query)}"


@lru_cache(maxsize=64)
def locale_name(code: str) -> str:
    """The locale's name in English ("French"), or its code when Babel does not know it."""
    return _babel_name(code, "en") or code


@lru_cache(maxsize=64)
def native_name(code: str) -> str:
    """The locale's name in itself ("français")."""
    return _babel_name(code, code) or code


@lru_cache(maxsize=64)
def direction(code: str) -> str:
    try:
        from babel import Locale

        return "rtl" if Locale.parse(code).text_direction == "rtl" else "ltr"
    except (ValueError, TypeError):
        return "ltr"


def _babel_name(code: str, language: str) -> str | None:
    try:
        from babel import Locale

        return Locale.parse(code).get_display_name(language)
    except (ValueError, TypeError):
        return None


def human_bytes(count: int) -> str:
    if count < 1024:
        return f"{count} bytes"
    if count < 1024 * 1024:
        return f"{count / 1024:.0f} KB"
    return f"{count / 1024 / 1024:.1f} MB"


def clock(timestamp: float | None) -> str:
    return time.strftime("%H:%M:%S", time.localtime(timestamp)) if timestamp else ""


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def build_state(snapshot: Snapshot) -> str:
    """The whole build's state, for the status line: building, failed, warning or ok."""
    if snapshot.building:
        return "building"
    if snapshot.errors:
        return "failed"
    return "ok"


def status_text(snapshot: Snapshot) -> str:
    """The status line, in words."""
    if snapshot.building:
        left = len(snapshot.queued)
        return f"Building… ({plural(left, 'output')} left to render)" if left else "Building…"
    when = f" at {clock(snapshot.finished_at)}" if snapshot.finished_at else ""
    took = f" in {snapshot.seconds:.1f} s" if snapshot.seconds is not None else ""
    if snapshot.errors:
        return f"Built{when}{took} with {plural(snapshot.errors, 'error')}"
    return f"Up to date: built{when}{took}"
