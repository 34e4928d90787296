"""A target's HTML made into a standalone web page: semantic and responsive, the brand's
colours and fonts, footnotes as links, files copied beside it, no script, nothing fetched.

The print HTML is already semantic (it is what the tagged PDF's structure comes from);
this removes what only print needs (page rules, running elements, print stylesheets),
turns footnotes into links to a list of notes, copies each image and font the page uses
into `<page>.files/` (read through the mounts, so only from the workspace and briefs), and
replaces the stylesheets with the web stylesheet and the brand's tokens. lxml parses it;
tinycss2 keeps only the brand's custom properties and `@font-face` rules.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from briefs.core.paths import Mounts, RefusedPath, read_bytes
from briefs.i18n.numbering import COUNTER_STYLES, LocaleFormat

WEB_CSS = Path(__file__).resolve().parent.parent / "assets" / "styles" / "web.css"
MAX_FILE_BYTES = 8_000_000
"""An image or font larger than this is not copied (a font: the page uses the system's)."""
MAX_FONT_BYTES = 3_000_000
"""A font over this (a whole CJK font) is left out: the page falls back on the reader's
fonts for that script rather than asking a phone to load it."""
MAX_HTML_BYTES = 5_000_000
CSP = ("default-src 'none'; img-src 'self' data:; font-src 'self'; "
       "style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'")
"""What the page may load, said to the browser too: its own files, and nothing that runs."""
DROPPED = ("script", "noscript", "iframe", "object", "embed", "frame", "frameset", "base",
           "form", "input", "button", "textarea", "select", "link", "style", "template",
           "meta[@http-equiv]")
SAFE_LINK = re.compile(r"^(https?:|mailto:|#)", re.IGNORECASE)
FOOTNOTE_COUNTER = re.compile(r"counter\(footnote,\s*([a-z-]+)\s*\)")
URL_IN_CSS = re.compile(r"url\(\s*([\"']?)([^\"')]+)\1\s*\)")


class WebPageError(ValueError):
    """The page cannot be made (a file it uses is refused or missing)."""


@dataclass
class WebPage:
    """The page's HTML and the files beside it, by path relative to the page's folder."""

    html: bytes
    files: dict[str, bytes] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def web_page(html: str, mounts: Mounts, files_dir: str,
             number: Callable[[int], str] | None = None) -> WebPage:
    """The web page of a target's HTML; its files go in `files_dir` (beside the page).

    `number` writes a footnote's number; by default in the digits the print layout numbers
    its footnotes with (its `counter(footnote, <style>)`), and numbered lists follow the
    same style. WebPageError when a file the page uses lies outside the workspace or cannot
    be read.
    """
    import lxml.html

    if len(html) > MAX_HTML_BYTES:
        raise WebPageError(f"the HTML is over {MAX_HTML_BYTES // 1_000_000} MB")
    root = lxml.html.document_fromstring(html)
    style = _counter_style(root)
    number = number or _digits_of(style)
    page = WebPage(b"")
    copier = _Copier(mounts, files_dir, page)
    tokens = _brand_tokens(root, copier)
    for expression in DROPPED:
        for element in root.xpath(f"//{expression}"):
            element.drop_tree()
    _number_labelled_items(root)
    _clean_attributes(root)
    _move_running_footers(root)
    _footnotes_as_links(root, number)
    _wrap_in_main(root)
    for aside in root.xpath("//main//aside"):  # a landmark inside main confuses readers
        aside.tag = "div"
    for image in root.xpath("//img[@src]"):
        image.set("src", copier.copy(image.get("src"), font=False) or "")
    if style != "decimal":
        tokens += f"\nol {{ list-style-type: {style}; }}"
    _finish_head(root, tokens)
    text = lxml.html.tostring(root, encoding="unicode", doctype="<!DOCTYPE html>")
    page.html = text.encode("utf-8") + b"\n"
    return page


class _Copier:
    """Files the page uses, copied once each, named by their content (so the same name
    always means the same bytes, and no two files clash)."""

    def __init__(self, mounts: Mounts, files_dir: str, page: WebPage) -> None:
        self.mounts, self.files_dir, self.page = mounts, files_dir, page
        self.names: dict[str, str] = {}

    def copy(self, url: str, font: bool) -> str | None:
        """The copied file's relative URL; a data: URL as it is; None for a font left out."""
        if url.startswith("data:"):
            return url if url.startswith(("data:image/", "data:font/")) else None
        if url in self.names:
            return self.names[url]
        try:
            path = self.mounts.path(url)
            if path is None:
                return None
            data = read_bytes(path, self.mounts.folders, MAX_FILE_BYTES)
        except (RefusedPath, OSError) as exc:
            raise WebPageError(f"{_shown(url)}: {exc}") from exc
        if font and len(data) > MAX_FONT_BYTES:
            self.page.warnings.append(f"{path.name} is {len(data) // 1_000_000} MB, so the web "
                                      "page uses the reader's own fonts for it")
            return None
        if path.suffix.lower() == ".svg":
            _check_svg(data, path.name)
        digest = hashlib.sha256(data).hexdigest()[:16]
        name = f"{self.files_dir}/{digest}{_safe_suffix(path.name)}"
        self.page.files[name] = data
        self.names[url] = name
        return name


def _check_svg(data: bytes, name: str) -> None:
    from briefs.content.svg import check_svg

    try:
        check_svg(data)
    except ValueError as exc:
        raise WebPageError(f"{name}: {exc}") from exc


def _safe_suffix(name: str) -> str:
    suffix = PurePosixPath(name).suffix.lower()
    return suffix if re.fullmatch(r"\.[a-z0-9]{1,5}", suffix) else ""


def _shown(url: str) -> str:
    parts = urlsplit(url)
    return parts.path.rsplit("/", 1)[-1] or url[:80]


def _brand_tokens(root: object, copier: _Copier) -> str:
    """The brand's custom properties (`:root { --color-primary: ... }`) and its fonts, with
    each font copied beside the page; nothing else of the print styles."""
    import tinycss2

    kept: list[str] = []
    for style in root.xpath("//head/style"):  # type: ignore[attr-defined]
        rules = tinycss2.parse_stylesheet(style.text or "", skip_comments=True,
                                          skip_whitespace=True)
        for rule in rules:
            if rule.type == "at-rule" and rule.lower_at_keyword == "font-face":
                face = _font_face(tinycss2.serialize([rule]), copier)
                if face:
                    kept.append(face)
            elif rule.type == "qualified-rule" and \
                    tinycss2.serialize(rule.prelude).strip() == ":root":
                declarations = tinycss2.parse_declaration_list(rule.content, True, True)
                custom = [d for d in declarations if d.type == "declaration"
                          and d.name.startswith(("--color-", "--font-"))]
                if custom:
                    kept.append(":root { " + " ".join(
                        f"{d.name}: {tinycss2.serialize(d.value).strip()};"
                        for d in custom) + " }")
    return "\n".join(kept)


def _font_face(rule: str, copier: _Copier) -> str | None:
    urls = [match[2] for match in URL_IN_CSS.finditer(rule)]
    if len(urls) != 1:
        return None
    copied = copier.copy(urls[0], font=True)
    if copied is None:
        return None
    return URL_IN_CSS.sub(lambda _m: f'url("{copied}")', rule, count=1) \
        .replace("@font-face{", "@font-face {")


def _counter_style(root: object) -> str:
    """The counter style the print layout numbers footnotes with (the locale's digits)."""
    for style in root.xpath("//head/style/text()"):  # type: ignore[attr-defined]
        match = FOOTNOTE_COUNTER.search(style)
        if match and match[1] in COUNTER_STYLES.values():
            return match[1]
    return "decimal"


def _digits_of(style: str) -> Callable[[int], str]:
    system = next((name for name, css in COUNTER_STYLES.items() if css == style), "latn")
    return LocaleFormat("en", system).number


def _clean_attributes(root: object) -> None:
    """No event handlers, no print-only data, links only to the web, mail or the page."""
    for element in root.iter():  # type: ignore[attr-defined]
        if not isinstance(element.tag, str):
            continue
        for name in list(element.attrib):
            lowered = name.lower()
            if lowered.startswith(("on", "data-")) or lowered in ("srcset", "style"):
                del element.attrib[name]
        href = element.get("href")
        if href is not None and not SAFE_LINK.match(href.strip()):
            del element.attrib["href"]


def _number_labelled_items(root: object) -> None:
    """In a list whose print layout numbers some items (a `data-pdf-tag="Lbl"` label) and
    not others (a pull quote between messages), the browser numbers the same items alike."""
    for listing in root.xpath("//ol[li/*[@data-pdf-tag='Lbl']]"):  # type: ignore[attr-defined]
        count = 0
        for item in listing.findall("li"):
            if item.find("*[@data-pdf-tag='Lbl']") is not None:
                count += 1
                item.set("value", str(count))
            else:
                item.set("class", (item.get("class", "") + " unnumbered").strip())


def _move_running_footers(root: object) -> None:
    """A footer the print layout puts first in the flow (a running element in the page
    margin) goes last, where a reader meets it."""
    for footer in root.xpath("//article/footer | //section/footer"):  # type: ignore[attr-defined]
        parent = footer.getparent()
        footer.tail = None
        parent.remove(footer)
        parent.append(footer)


def _footnotes_as_links(root: object, number: Callable[[int], str]) -> None:
    """Each `<span class="footnote">` (a page footnote in print) becomes a numbered link to
    the note, in a list after the text, with a link back."""
    from lxml import etree

    notes = root.xpath("//span[contains(concat(' ', @class, ' '), ' footnote ')]")  # type: ignore[attr-defined]
    if not notes:
        return
    section = etree.Element("section", {"class": "footnotes", "role": "doc-endnotes"})
    listing = etree.SubElement(section, "ol")
    for index, span in enumerate(notes, start=1):
        call = etree.Element("sup", {"class": "footnote-call"})
        link = etree.SubElement(call, "a", {"href": f"#note-{index}", "id": f"call-{index}",
                                            "role": "doc-noteref"})
        link.text = number(index)
        call.tail = span.tail
        item = etree.SubElement(listing, "li", {"id": f"note-{index}"})
        item.text = span.text
        for child in span:
            item.append(child)
        back = etree.SubElement(item, "a", {"href": f"#call-{index}", "role": "doc-backlink",
                                            "class": "footnote-back"})
        back.text = "↑"
        span.getparent().replace(span, call)
    block = call
    while block.getparent() is not None and block.getparent().tag not in ("body", "article"):
        block = block.getparent()
    block.addnext(section)  # after the part of the page that holds the last call


def _wrap_in_main(root: object) -> None:
    """Everything in one `<main>` landmark (a page with no landmark leaves readers lost)."""
    from lxml import etree

    body = root.find("body")  # type: ignore[attr-defined]
    if body.find(".//main") is not None:
        return
    main = etree.Element("main")
    main.text, body.text = body.text, None
    for child in list(body):
        main.append(child)
    body.append(main)


def _finish_head(root: object, tokens: str) -> None:
    from lxml import etree

    head = root.find("head")  # type: ignore[attr-defined]
    charset = head.find("meta[@charset]")
    at = head.index(charset) + 1 if charset is not None else 0
    for offset, (name, content) in enumerate([
            ("viewport", "width=device-width, initial-scale=1"),
            (None, CSP)]):
        attributes = {"name": name, "content": content} if name else \
            {"http-equiv": "Content-Security-Policy", "content": content}
        head.insert(at + offset, etree.Element("meta", attributes))
    style = etree.SubElement(head, "style")
    style.text = f"\n{tokens}\n{_web_css()}"


@lru_cache(maxsize=1)
def _web_css() -> str:
    return WEB_CSS.read_text(encoding="utf-8")
