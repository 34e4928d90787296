"""Typesetting rules applied to a target's HTML text, whatever field or template it came from.

- Words that already contain a hyphen, and words in capitals, are never hyphenated again
  (`urban-rural`, `UNESCO`); short compounds (`UN-Habitat`, `e-mail`) never break at all.
- In right-to-left text, left-to-right runs (URLs, e-mail addresses, @handles, #tags, phone
  numbers, number, time and date ranges such as `14:30–16:30`) are isolated in
  `<bdi dir="ltr">`, so that the bidi algorithm cannot reorder them (a range read back as
  `16:30–14:30`: docs/decisions.md), and runs of Latin words around a word kept whole
  (`World Bank UN-Habitat Report`, which WeasyPrint drew in reverse: `render/words.py`);
  a translator isolates any other run by hand between U+2066 (LRI) and U+2069 (PDI).
- A line break in the source between two Chinese, Japanese or Thai characters joins them
  without a space.
- Korean words never break inside (`word-break: keep-all`, which WeasyPrint lacks); a space
  left alone between two such words is drawn (a zero-width space before it), so that every
  engine reads it (WeasyPrint draws no text box that is only spaces, and MuPDF infers no space
  from the gap between Hangul glyphs).
- Headings in Chinese, Japanese and Thai break only between phrases, found with Google's
  BudouX; body text wraps by the script's own rules (an unbreakable phrase widens a column).
- Number, year and time ranges (`2019-2023`, `14:30 – 16:30`) take the locale's CLDR
  separator and never break (`i18n/ranges.py`), in left-to-right text; in right-to-left
  text, ranges written in Arabic-Indic or Persian digits (`٢٠١٦–٢٠٢٥`) take the separator
  and are left to the bidi algorithm (read right to left, the earlier figure first).
- French text gets its no-break spaces before `; : ! ?` and inside `« »`, and the suffix of
  an abbreviated ordinal (`1er`, `2e`, `XXIe`) in superior letters (`i18n/ordinals.py`).

Text is changed only by wrapping runs in elements with the classes below (styled by
`render/script_css.py`), by removing source line breaks between CJK characters, and by
French no-break spaces.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

import lxml.html
from lxml.html import HtmlElement

from briefs.core.clusters import boundaries, widen, word_mask
from briefs.i18n.ordinals import ordinal_suffixes
from briefs.i18n.punctuation import french_spacing
from briefs.i18n.ranges import native_respaced, range_spans, respaced
from briefs.i18n.scripts import Script
from briefs.render.direction import is_rtl, language, resolve_auto, text_direction
from briefs.render.ltr_across import isolate_ltr_runs
from briefs.render.words import NO_BREAK as NO_BREAK
from briefs.render.words import NO_HYPHEN as NO_HYPHEN
from briefs.render.words import WORD, guard_word, ltr_phrase, ltr_phrase_spans, rtl_phrase_spans

ORDINAL = "ts-ordinal"
SKIPPED_TAGS = {"head", "script", "style", "svg", "math", "code", "pre", "kbd", "samp",
                "textarea", "title"}
PHRASING = {"a", "abbr", "b", "bdi", "bdo", "cite", "dfn", "em", "i", "mark", "q", "s", "small",
            "span", "strong", "sub", "sup", "time", "u"}
SHORT_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
ZERO_WIDTH_SPACE = "\u200b"
DICTIONARY_BREAKING = {"Thai", "Laoo", "Khmr", "Mymr"}

CJK = r"\u2e80-\u2fdf\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
THAI = r"\u0e00-\u0e7f"
SOFT_BREAK = re.compile(rf"(?<=[{CJK}{THAI}])[ \t]*\n[ \t\n]*(?=[{CJK}{THAI}])")
FOLDED_SPACE = re.compile(rf"(?<=[{CJK}])[ ](?=[{CJK}])")
LTR_RUN = re.compile(
    r"https?://[^\s<>\"]+[^\s<>\".,;:!?)»]"            # URLs
    r"|www\.[^\s<>\"]+[^\s<>\".,;:!?)»]"
    r"|[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"       # e-mail addresses
    r"|(?<![\w@])@[A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*"     # @handles
    r"|(?<![\w#])#[A-Za-z0-9_]*[A-Za-z_][A-Za-z0-9_]*"   # #tags (Latin)
    r"|\+?\(?\d[\d\s().\-/]{5,}\d"                       # phone numbers and similar
    r"|\d+(?:[:.,]\d+)*\s?[\u2013\u2014-]\s?\d+(?:[:.,]\d+)*",  # ranges: 14:30–16:30
    re.ASCII)
ISOLATE = re.compile("([\u2066\u2067\u2068])([^\u2066-\u2069]*)\u2069")
"""A run a translator isolated by hand: LRI (U+2066), RLI (U+2067) or FSI (U+2068) ... PDI."""
ISOLATE_DIRECTIONS = {"\u2066": "ltr", "\u2067": "rtl"}  # FSI: the text's (resolved)
HANGUL_WORD = re.compile(r"\S*[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]\S*")


@dataclass(frozen=True)
class Rules:
    """Which rules apply to a document, from its language, direction and script."""

    rtl: bool
    script: Script
    phrases: Callable[[str], list[str]] | None
    """Splits text into phrases (BudouX), for scripts that break between phrases."""
    fold_spaces: bool
    """Drop a space between two CJK characters (a line folded by YAML)."""
    french_spacing: bool = False
    """No-break spaces before `; : ! ?` and inside `« »` (i18n/punctuation.py)."""
    french_ordinals: bool = False
    """Ordinal suffixes in superior letters: `1er`, `XXIe` (i18n/ordinals.py)."""
    ranges: str | None = None
    """The locale whose CLDR separator number, year and time ranges take (i18n/ranges.py);
    None in right-to-left text, where Latin-digit ranges are isolated whole (`LTR_RUN`)."""
    native_ranges: str | None = None
    """In right-to-left text, the locale whose separator ranges in Arabic-Indic or Persian
    digits take (`i18n/ranges.native_respaced`)."""
    lang: str = ""  # the document's; an element's own `lang` replaces it (`_directed`)


def rules_for(lang: str, direction: str, script: Script) -> Rules:
    language = lang.split("-")[0].split("_")[0]
    phrases = _phrase_parser(script.code) if script.breaking == "phrases" else None
    return Rules(direction == "rtl", script, phrases, language in ("zh", "ja"),
                 french_spacing=language == "fr", french_ordinals=language == "fr",
                 ranges=None if direction == "rtl" else lang,
                 native_ranges=lang if direction == "rtl" else None, lang=lang)


def typeset_html(html: str, rules: Rules) -> str:
    """The HTML with the rules applied to every text node of its body."""
    root = lxml.html.document_fromstring(html)
    body = root.find("body")
    if body is None:
        return html
    resolved = resolve_auto(body)  # WeasyPrint reads no dir="auto": render/direction.py
    isolate_ltr_runs(body, rules.rtl, resolved)  # what the author's elements cut
    for element in list(_elements(body)):
        _typeset_element(element, _directed(rules, element, resolved))
    return str(lxml.html.tostring(root, encoding="unicode", doctype="<!DOCTYPE html>"))


def _elements(root: HtmlElement) -> Iterator[HtmlElement]:
    """Every element whose own text is printed, outermost first."""
    if not isinstance(root.tag, str) or root.tag in SKIPPED_TAGS:
        return
    yield root
    for child in root:
        yield from _elements(child)


def _directed(rules: Rules, element: HtmlElement, resolved: dict[HtmlElement, bool]) -> Rules:
    """The rules for the direction and language of the element's text (render/direction.py)."""
    rtl = is_rtl(element, rules.rtl, resolved)
    lang = language(element, rules.lang)
    if rtl == rules.rtl and lang == rules.lang:
        return rules
    return replace(rules, rtl=rtl, ranges=None if rtl else lang,
                   native_ranges=lang if rtl else None)


def _typeset_element(element: HtmlElement, rules: Rules) -> None:
    """Rewrite the element's text (before its first child) and each child's tail, by the rules
    for its direction."""
    short = rules.phrases is not None and _is_short(element)
    pieces = _rewrite(element.text or "", rules, short)
    keep_all = rules.script.breaking == "keep-all"
    if keep_all:
        pieces = _drawn_spaces(pieces, False, len(element) > 0)
    element.text = None
    anchor: HtmlElement | None = None
    anchor = _insert(element, anchor, pieces)
    for child in list(element):
        if not isinstance(child.tag, str):
            continue
        tail, child.tail = child.tail or "", None
        pieces = _rewrite(tail, rules, short)
        if keep_all and (tail.strip() or _between_words(element, child)):
            pieces = _drawn_spaces(pieces, True, child.getnext() is not None)
        _insert(element, child, pieces)


def _insert(parent: HtmlElement, after: HtmlElement | None, pieces: list[Any]) -> Any:
    """Put text and new elements after `after` (or at the start of `parent`).

    A text node that gained elements is kept as one inline box (a plain span), so that it is
    still one item of a flex or grid container.
    """
    if any(not isinstance(piece, str) for piece in pieces):
        holder = _element("span", "")
        _place(holder, None, pieces)
        pieces = [holder]
    return _place(parent, after, pieces)


def _place(parent: HtmlElement, after: HtmlElement | None, pieces: list[Any]) -> Any:
    index = 0 if after is None else parent.index(after) + 1
    for piece in pieces:
        if isinstance(piece, str):
            if after is None:
                parent.text = (parent.text or "") + piece
            else:
                after.tail = (after.tail or "") + piece
        else:
            parent.insert(index, piece)
            index += 1
            after = piece
    return after


def _rewrite(text: str, rules: Rules, short: bool) -> list[Any]:
    """Text as a list of strings and new elements."""
    if not text.strip():
        return [text] if text else []
    if rules.script.breaking in ("phrases",) or rules.fold_spaces:
        text = SOFT_BREAK.sub("", text)
        if rules.fold_spaces:
            text = FOLDED_SPACE.sub("", text)
    if rules.french_spacing:
        text = french_spacing(text)
    pieces: list[Any] = _split([text], ISOLATE, _isolate)
    if rules.rtl:
        pieces = _split(pieces, LTR_RUN, lambda run: _element("bdi", run, dir="ltr"))
        pieces = [native_respaced(piece, rules.native_ranges or "") if isinstance(piece, str)
                  else piece for piece in pieces]  # no element: decisions.md
    pieces = _split_spans(pieces, ltr_phrase_spans if rules.rtl else rtl_phrase_spans,
                          lambda run: ltr_phrase(_split([run], WORD, guard_word, masked=True),
                                                 "ltr" if rules.rtl else "rtl"))
    if rules.ranges is not None:
        pieces = _ranges(pieces, rules)
    pieces = _split(pieces, WORD, guard_word, masked=True)
    if rules.french_ordinals:
        pieces = _ordinals(pieces)
    if rules.script.breaking == "keep-all":
        pieces = _split(pieces, HANGUL_WORD, lambda run: _element("span", run, NO_BREAK))
    elif short and rules.phrases is not None:
        separator = ZERO_WIDTH_SPACE if rules.script.code in DICTIONARY_BREAKING else ""
        pieces = _phrases(pieces, rules.phrases, separator)
    return pieces


def _split(pieces: list[Any], pattern: re.Pattern[str],
           make: Callable[[str], HtmlElement | str], masked: bool = False) -> list[Any]:
    """Replace each match of `pattern` in the string pieces by `make(match)`, widened to whole
    grapheme clusters (over `word_mask` of the piece if `masked`)."""
    return _split_spans(pieces, lambda piece: [
        match.span() for match in pattern.finditer(word_mask(piece) if masked else piece)], make)


def _split_spans(pieces: list[Any], spans: Callable[[str], list[tuple[int, int]]],
                 make: Callable[[str], HtmlElement | str]) -> list[Any]:
    """Replace each (start, end) span of the string pieces by `make(text)`, widened to whole
    grapheme clusters."""
    result: list[Any] = []
    for piece in pieces:
        found = spans(piece) if isinstance(piece, str) else []  # most: none, no clusters
        start, bounds = 0, boundaries(piece) if found else []
        for span in found:
            begin, end = widen(*span, bounds)
            if begin < start:
                continue
            made = make(piece[begin:end])
            if isinstance(made, str):
                continue
            result += [piece[start:begin], made]
            start = end
        result.append(piece[start:] if start else piece)
    return [piece for piece in result if not isinstance(piece, str) or piece]


def _drawn_spaces(pieces: list[Any], before: bool, after: bool) -> list[Any]:
    """Spaces alone between two elements (two Korean words kept whole) start with a zero-width
    space: WeasyPrint draws no text box that is only whitespace, and MuPDF infers no space from
    the gap between Hangul glyphs, so the words ran together. `ZWSP SPACE` is drawn, breaks
    after the space as before, and adds no width at a line's end (measured; decisions.md).
    `before`/`after`: an element precedes/follows the pieces."""
    result = list(pieces)
    for index, piece in enumerate(pieces):
        if isinstance(piece, str) and piece and not piece.strip(" \t\n\r") \
                and (index > 0 or before) and (index + 1 < len(pieces) or after):
            result[index] = ZERO_WIDTH_SPACE + piece
    return result


def _between_words(parent: HtmlElement, child: HtmlElement) -> bool:
    """Whether the whitespace after `child` separates two inline elements inside running text
    (not the indentation between blocks or flex items of a template)."""
    following = child.getnext()
    return (following is not None and child.tag in PHRASING and following.tag in PHRASING
            and (bool((parent.text or "").strip())
                 or any((node.tail or "").strip() for node in parent)))


def _ranges(pieces: list[Any], rules: Rules) -> list[Any]:
    """Each range with the locale's separator, kept on one line: in a no-break span, or, in
    Korean (whose words are spans of their own, found by the spaces around them), with
    no-break spaces."""
    locale = rules.ranges or ""
    if rules.script.breaking != "keep-all":
        return _split_spans(pieces, range_spans,
                            lambda run: _element("span", respaced(run, locale), NO_BREAK))
    result: list[Any] = []
    for piece in pieces:
        if isinstance(piece, str):
            spans, last, text = range_spans(piece), 0, ""
            for start, end in spans:
                run = respaced(piece[start:end], locale).replace(" ", "\u00a0")
                text, last = text + piece[last:start] + run, end
            piece = text + piece[last:]
        result.append(piece)
    return result


def _ordinals(pieces: list[Any]) -> list[Any]:
    """Each ordinal suffix in a span of its own, in the text and in the words kept whole
    (`XIe-XIIe`)."""
    def make(run: str) -> HtmlElement:
        return _element("span", run, ORDINAL)

    for piece in pieces:
        if not isinstance(piece, str) and len(piece) == 0 and piece.text:
            inner, piece.text = _split_spans([piece.text], ordinal_suffixes, make), None
            _place(piece, None, inner)
    return _split_spans(pieces, ordinal_suffixes, make)


def _isolate(run: str) -> HtmlElement:
    """LRI text PDI -> <bdi dir="ltr">text</bdi> (RLI: rtl, FSI: the text's direction)."""
    return _element("bdi", run[1:-1], dir=ISOLATE_DIRECTIONS.get(run[0]) or text_direction(
        run[1:-1]))


def _phrases(pieces: list[Any], parse: Callable[[str], list[str]],
             separator: str) -> list[Any]:
    """Each phrase kept whole; `separator` (a zero-width space for Thai, which has no break
    opportunity between two letters without a dictionary) lets the line break between."""
    result: list[Any] = []
    for piece in pieces:
        if not isinstance(piece, str):
            result.append(piece)
            continue
        for index, phrase in enumerate(_whole_phrases(piece, parse(piece))):
            if index and separator:
                result.append(separator)
            stripped = phrase.strip()
            if len(stripped) > 1 and stripped == phrase:
                result.append(_element("span", phrase, NO_BREAK))
            else:
                result.append(phrase)
    return _joined(result)


def _whole_phrases(text: str, phrases: list[str]) -> list[str]:
    """The phrases, a phrase that ends inside a grapheme cluster joined with the next."""
    bounds, whole, position = set(boundaries(text)), [""], 0
    for phrase in phrases:
        whole[-1] += phrase
        position += len(phrase)
        if position in bounds:
            whole.append("")
    return [phrase for phrase in whole if phrase]


def _joined(pieces: list[Any]) -> list[Any]:
    """Adjacent strings merged, so that a separator sits with the text around it."""
    merged: list[Any] = []
    for piece in pieces:
        if isinstance(piece, str) and merged and isinstance(merged[-1], str):
            merged[-1] += piece
        else:
            merged.append(piece)
    return merged


def _element(tag: str, text: str, css_class: str | None = None, **attributes: str) -> HtmlElement:
    element: HtmlElement = lxml.html.Element(tag)
    if css_class:
        element.set("class", css_class)
    for name, value in attributes.items():
        element.set(name, value)
    element.text = text
    return element


def _inside(element: HtmlElement, test: Callable[[HtmlElement], bool]) -> bool:
    node: HtmlElement | None = element
    while node is not None and node.tag != "html":
        if test(node):
            return True
        node = node.getparent()
    return False


def _is_short(element: HtmlElement) -> bool:
    """Headings, and the one-line labels inside them, are broken between phrases only.

    Body text, however short, wraps by the script's own rules: an unbreakable phrase in a
    flex or grid item raises its min-content width and widens its column (the Japanese flyer
    and fact sheet collapsed so)."""
    return _inside(element, lambda e: e.tag in SHORT_TAGS)


@lru_cache(maxsize=8)
def _phrase_parser(script: str) -> Callable[[str], list[str]] | None:
    import budoux

    loaders = {"Jpan": budoux.load_default_japanese_parser,
               "Hans": budoux.load_default_simplified_chinese_parser,
               "Hant": budoux.load_default_traditional_chinese_parser,
               "Thai": budoux.load_default_thai_parser}
    loader = loaders.get(script)
    if loader is None:
        return None
    parser = loader()
    return lambda text: list(parser.parse(text))
