"""The hostile corpus: one row per bad input, over every file a workspace holds.

Each case changes a copy of the built sample workspace, then `briefs build` must exit 1 with
an error at `path:line` (the `where` of the case), leave every previous PDF as it was, leave
no temporary file, print and write no byte of the canary file, and make no request to the
canary HTTP server.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

DOC = "content/forum-key-messages"
BRAND = "styles/civic-blue"
PO = "templates/locales/fr/LC_MESSAGES/messages.po"
PO_HEADER = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
             '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n\n')
SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">{}</svg>'


@dataclass(frozen=True)
class Bait:
    """What a case may point at: a secret file outside the workspace, a server on 127.0.0.1."""

    canary: Path
    url: str


@dataclass(frozen=True)
class Case:
    id: str
    setup: Callable[[Path, Bait], object]
    where: str
    """`path:line` (or `path:line:col`) the error must name, relative to the workspace."""
    args: tuple[str, ...] = ("forum-key-messages", "-l", "fr")


def put(root: Path, relative: str, text: str | bytes) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() or path.is_symlink():
        path.unlink()  # never write through a hard link shared with the base copy
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")


def edit(root: Path, relative: str, old: str, new: str) -> None:
    text = (root / relative).read_text(encoding="utf-8")
    assert old in text, (relative, old)
    put(root, relative, text.replace(old, new, 1))


def link(relative: str) -> Callable[[Path, Bait], None]:
    def setup(root: Path, bait: Bait) -> None:
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() or path.is_symlink():
            path.unlink()
        path.symlink_to(bait.canary)
    return setup


def text(relative: str, body: str | Callable[[Bait], str]) -> Callable[[Path, Bait], None]:
    return lambda root, bait: put(root, relative, body(bait) if callable(body) else body)


def replace(relative: str, old: str, new: str | Callable[[Bait], str]) -> Callable[
        [Path, Bait], None]:
    return lambda root, bait: edit(root, relative, old, new(bait) if callable(new) else new)


def cover(src: str | Callable[[Bait], str]) -> Callable[[Path, Bait], None]:
    """The brief's cover image pointed at `src`."""
    return replace(f"{DOC}/document.yaml", "src: images/cover.jpg", lambda bait: "src: " + (
        src(bait) if callable(src) else src))


def svg_cover(body: str | Callable[[Bait], str], raw: bool = False) -> Callable[[Path, Bait],
                                                                                 None]:
    def setup(root: Path, bait: Bait) -> None:
        inner = body(bait) if callable(body) else body
        put(root, f"{DOC}/images/cover.svg", inner if raw else SVG.format(inner))
        edit(root, f"{DOC}/document.yaml", "src: images/cover.jpg", "src: images/cover.svg")
    return setup


def po(body: str | bytes) -> Callable[[Path, Bait], None]:
    data = body if isinstance(body, bytes) else PO_HEADER + body
    return lambda root, bait: put(root, PO, data)


def truncated_cover(root: Path, bait: Bait) -> None:
    data = (root / DOC / "images/cover.jpg").read_bytes()
    put(root, f"{DOC}/images/cover.jpg", data[: len(data) * 2 // 3])


def png_bomb(root: Path, bait: Bait) -> None:
    import struct
    import zlib

    header = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + header
    data = (b"\x89PNG\r\n\x1a\n" + struct.pack(">I", len(header)) + chunk
            + struct.pack(">I", zlib.crc32(chunk)))
    put(root, f"{DOC}/images/cover.png", data)
    edit(root, f"{DOC}/document.yaml", "src: images/cover.jpg", "src: images/cover.png")


def nested_include(root: Path, bait: Bait) -> None:
    put(root, "templates/key-messages.html.j2", "<p>one</p>\n{% include 'partials/leak.j2' %}\n")
    link("templates/partials/leak.j2")(root, bait)


def brand_yaml(old: str, new: str | Callable[[Bait], str]) -> Callable[[Path, Bait], None]:
    return replace(f"{BRAND}/brand.yaml", old, new)


def config(old: str, new: str) -> Callable[[Path, Bait], None]:
    return replace("briefs.yaml", old, new)


def add_config(extra: str) -> Callable[[Path, Bait], None]:
    return lambda root, bait: put(root, "briefs.yaml",
                                  (root / "briefs.yaml").read_text(encoding="utf-8") + extra)


BILLION_LAUGHS = "a: &a [x, x, x, x]\nb: &b [*a, *a, *a, *a]\nc: [*b, *b, *b, *b]\n"
FR, EN, DOCUMENT = f"{DOC}/fr.yaml", f"{DOC}/en.yaml", f"{DOC}/document.yaml"
TEMPLATE = "templates/key-messages.html.j2"

CASES: list[Case] = [
    # content: symlinks, paths and URLs
    Case("fr-yaml-linked-out", link(FR), f"{FR}:1:1"),
    Case("en-yaml-linked-out", link(EN), f"{DOC}/en.yaml:1:1"),
    Case("document-yaml-linked-out", link(DOCUMENT), f"{DOCUMENT}:1:1"),
    Case("image-linked-out", link(f"{DOC}/images/cover.jpg"), f"{DOCUMENT}:14:8"),
    Case("image-absolute-path", cover(lambda bait: str(bait.canary)), f"{DOCUMENT}:14:8"),
    Case("image-dot-dot", cover("../../../../../../../../etc/passwd"), f"{DOCUMENT}:14:8"),
    Case("image-http-url", cover(lambda bait: bait.url + "/cover.jpg"), f"{DOCUMENT}:14:8"),
    Case("image-file-url", cover(lambda bait: bait.canary.as_uri()), f"{DOCUMENT}:14:8"),
    # content: YAML
    Case("yaml-aliases", text(FR, BILLION_LAUGHS), f"{FR}:1:4"),
    Case("yaml-unclosed-quote", text(FR, 'title: a\nplace: "Orvanne\n\n# end\n'), f"{FR}:2:8"),
    Case("yaml-unclosed-bracket", replace(FR, "title: Messages clés", "title: [Messages"),
         f"{FR}:2:8"),
    Case("yaml-too-large", text(FR, "title: " + "x" * 1_100_000 + "\n"), f"{FR}:1:1"),
    Case("yaml-invalid-utf8", lambda root, bait: put(root, FR, b"title: caf\xe9\n"), f"{FR}:1:11"),
    Case("yaml-control-character", text(FR, "title: a\x07b\n"), f"{FR}:1:9"),
    Case("yaml-python-tag", text(FR, "title: !!python/object/apply:os.system [id]\n"),
         f"{FR}:1:8"),
    Case("yaml-deep-nesting", text(FR, "title: " + "[" * 40 + "]" * 40 + "\n"), f"{FR}:1:"),
    Case("yaml-duplicate-key", text(FR, "title: a\ntitle: b\n"), f"{FR}:2:1"),
    Case("yaml-unknown-key", replace(FR, "title: Messages clés", "titel: Messages clés"),
         f"{FR}:2:1"),
    Case("yaml-two-documents", text(FR, "title: a\n---\ntitle: b\n"), f"{FR}:3:1"),
    Case("document-unknown-kind", replace(DOCUMENT, "kind: key-messages", "kind: evil"),
         f"{DOCUMENT}:4:7"),
    Case("document-javascript-link", replace(
        DOCUMENT, "url: https://www.civichabitat.example\n", "url: javascript:alert(1)\n"),
        f"{DOCUMENT}:"),
    # At the content that runs past the last page; the message names the max_pages line.
    Case("page-limit-overflow", replace(DOCUMENT, "max_pages: 6", "max_pages: 1"),
         f"{FR}:"),
    # images
    Case("jpeg-truncated", truncated_cover, f"{DOCUMENT}:14:8"),
    Case("image-wrong-extension", lambda root, bait: put(
        root, f"{DOC}/images/cover.jpg", (root / BRAND / "logos/logo.svg").read_bytes()),
        f"{DOCUMENT}:14:8"),
    Case("image-not-an-image", text(f"{DOC}/images/cover.jpg", "just text"),
         f"{DOCUMENT}:14:8"),
    Case("png-decompression-bomb", png_bomb, f"{DOCUMENT}:14:8"),
    Case("svg-script", svg_cover("<script>alert(1)</script>"), f"{DOCUMENT}:14:8"),
    Case("svg-namespaced-script", svg_cover(
        '<svg:script xmlns:svg="http://www.w3.org/2000/svg">alert(1)</svg:script>'),
        f"{DOCUMENT}:14:8"),
    Case("svg-image-outside", svg_cover(lambda bait: f'<image href="{bait.canary.as_uri()}"/>'),
         f"{DOCUMENT}:14:8"),
    Case("svg-image-http", svg_cover(lambda bait: f'<image href="{bait.url}/x.png"/>'),
         f"{DOCUMENT}:14:8"),
    Case("svg-use-other-file", svg_cover('<use href="../../logos/logo.svg#a"/>'),
         f"{DOCUMENT}:14:8"),
    Case("svg-style-import", svg_cover(
        lambda bait: f"<style>@import url({bait.url}/x.css);</style>"),
         f"{DOCUMENT}:14:8"),
    Case("svg-xxe", svg_cover(lambda bait: (
        f'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "{bait.canary.as_uri()}">]>'
        '<svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>'), raw=True),
        f"{DOCUMENT}:14:8"),
    Case("svg-billion-laughs", svg_cover(
        '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]>'
        '<svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>', raw=True),
        f"{DOCUMENT}:14:8"),
    Case("svg-foreign-object", svg_cover("<foreignObject><p>x</p></foreignObject>"),
         f"{DOCUMENT}:14:8"),
    Case("svg-event-handler", svg_cover('<rect width="1" height="1" onload="alert(1)"/>'),
         f"{DOCUMENT}:14:8"),
    Case("svg-css-url-outside", svg_cover(lambda bait: (
        f'<rect style="fill: url({bait.canary.as_uri()})" width="1" height="1"/>')),
        f"{DOCUMENT}:14:8"),
    Case("svg-not-xml", svg_cover("<svg", raw=True), f"{DOCUMENT}:14:8"),
    Case("svg-logo-linked-out", link(f"{DOC}/images/city-of-orvanne.svg"), f"{DOCUMENT}:"),
    # briefs.yaml
    Case("unknown-locale", config("locales: [en, fr, es, ru, zh, ar]",
                                  "locales: [en, fr, es, ru, zh, ar, xx]"), "briefs.yaml:4:"),
    Case("unknown-format-locale", config("en: en_GB", "en: xx_YY"), "briefs.yaml:6:"),
    Case("output-dir-outside", config("output_dir: build", "output_dir: ../outside"),
         "briefs.yaml:10:"),
    Case("output-dir-absolute", config("output_dir: build", "output_dir: /tmp"),
         "briefs.yaml:10:"),
    Case("briefs-yaml-broken", config("name: briefs sample workspace", 'name: "broken'),
         "briefs.yaml:"),
    Case("briefs-yaml-unknown-key", add_config("secret: 1\n"), "briefs.yaml:18:1"),
    Case("unknown-brand", replace(DOCUMENT, "brand: civic-blue", "brand: nope"),
         f"{DOCUMENT}:5:8"),
    Case("icc-profile-outside", add_config(  # (under the sample's own `profiles:`, last)
        "  screen:\n    pdf_variant: pdf/x-4\n"
        "    output_intent_profile: ../../../../../../etc/passwd\n"), "briefs.yaml"),
    # brand.yaml
    Case("colour-markup", brand_yaml('primary: "#0a4f8f"',
                                     'primary: "device-cmyk(</style><script>x</script>)"'),
         f"{BRAND}/brand.yaml:6:12"),
    Case("colour-css-escape", brand_yaml('primary: "#0a4f8f"',
                                         'primary: "#000; } body { display: none"'),
         f"{BRAND}/brand.yaml:6:12"),
    Case("colour-url", brand_yaml('primary: "#0a4f8f"', 'primary: "url(/etc/passwd)"'),
         f"{BRAND}/brand.yaml:6:12"),
    Case("brand-yaml-linked-out", link(f"{BRAND}/brand.yaml"), f"{BRAND}/brand.yaml:1:1"),
    Case("font-linked-out", link(f"{BRAND}/fonts/NotoSans-Regular.ttf"),
         f"{BRAND}/brand.yaml:14:"),
    Case("font-not-a-font", text(f"{BRAND}/fonts/NotoSans-Regular.ttf", "not a font"),
         f"{BRAND}/brand.yaml:14:"),
    Case("font-garbage-with-magic", lambda root, bait: put(
        root, f"{BRAND}/fonts/NotoSans-Regular.ttf", b"\x00\x01\x00\x00" + b"\xff" * 64),
        f"{BRAND}/brand.yaml:14:"),
    Case("font-path-outside", brand_yaml("file: fonts/NotoSans-Regular.ttf",
                                         "file: ../../../../../etc/passwd"),
         f"{BRAND}/brand.yaml:14:"),
    Case("logo-linked-out", link(f"{BRAND}/logos/logo.svg"), f"{BRAND}/brand.yaml:52:"),
    Case("logo-svg-script", text(f"{BRAND}/logos/logo.svg", SVG.format("<script>x</script>")),
         f"{BRAND}/brand.yaml:52:"),
    Case("brand-stylesheet-outside", brand_yaml("stylesheets: [brand.css]",
                                                "stylesheets: [../../../../etc/passwd]"),
         f"{BRAND}/brand.yaml:62:"),
    Case("brand-font-weight", brand_yaml("NotoSans-Regular.ttf, weight: 400}",
                                         "NotoSans-Regular.ttf, weight: 4000}"),
         f"{BRAND}/brand.yaml:14:"),
    # CSS
    Case("css-linked-out", link(f"{BRAND}/brand.css"), f"{BRAND}/brand.yaml:62:"),
    Case("css-url-dot-dot", text(f"{BRAND}/brand.css", "\nbody { background: "
                                 "url(../../../../../../etc/passwd) }\n"),
         f"{BRAND}/brand.css:2:20"),
    Case("css-import-http", text(f"{BRAND}/brand.css", lambda bait: (
        f'/* x */\n@import url("{bait.url}/x.css");\n')), f"{BRAND}/brand.css:2:1"),
    Case("css-url-http", text(f"{BRAND}/brand.css", lambda bait: (
        f"\n\n.a {{ background-image: url({bait.url}/x.png) }}\n")), f"{BRAND}/brand.css:3:"),
    Case("css-url-file", text(f"{BRAND}/brand.css", lambda bait: (
        f'.a {{ background: url("{bait.canary.as_uri()}") }}\n')), f"{BRAND}/brand.css:1:"),
    Case("css-url-to-link-out", lambda root, bait: (
        link(f"{BRAND}/leak.png")(root, bait),
        put(root, f"{BRAND}/brand.css", ".a {\n  background: url(leak.png);\n}\n")),
        f"{BRAND}/brand.css:2:15"),
    Case("css-font-face-outside", text(f"{BRAND}/brand.css", lambda bait: (
        f'@font-face {{ font-family: X; src: url("{bait.canary.as_uri()}") }}\n')),
        f"{BRAND}/brand.css:1:"),
    Case("base-css-linked-out", link("styles/common/base.css"), "styles/common/base.css:1:1"),
    Case("kind-css-url-outside", text("styles/common/key-messages.css",
                                      "\n.a { background: url(/etc/passwd) }\n"),
         "styles/common/key-messages.css:2:"),
    # templates
    Case("template-linked-out", link(TEMPLATE), f"{TEMPLATE}:"),
    Case("template-include-linked-out", nested_include, f"{TEMPLATE}:2:"),
    Case("template-huge-power", text(TEMPLATE, "<p>\n{{ 9**(9**9) }}\n</p>"), f"{TEMPLATE}:2:"),
    Case("template-huge-repeat", text(TEMPLATE, "<p>\n{{ 'x' * 10**9 }}\n</p>"), f"{TEMPLATE}:2:"),
    Case("template-endless-loop", text(TEMPLATE, "<p>\n{% for a in range(100000) %}{% for b in "
                                       "range(100000) %}{{ b }}{% endfor %}{% endfor %}\n</p>"),
         f"{TEMPLATE}:2:"),
    Case("template-python-internals", text(TEMPLATE, "\n{{ ''.__class__.__mro__[1]"
                                           ".__subclasses__() }}\n"), f"{TEMPLATE}:2:"),
    Case("template-syntax-error", text(TEMPLATE, "ok\n{% if %}\n"), f"{TEMPLATE}:2:"),
    Case("template-include-dot-dot", text(TEMPLATE, "ok\n{% include '../../etc/passwd' %}\n"),
         f"{TEMPLATE}:2:"),
    Case("template-too-large", text(TEMPLATE, "x" * 1_100_000), f"{TEMPLATE}:"),
    Case("template-image-outside", text(TEMPLATE, lambda bait: (
        f'<html><body><p>x</p>\n<img src="{bait.canary.as_uri()}"></body></html>')),
        f"{TEMPLATE}:2:"),
    Case("template-stylesheet-http", text(TEMPLATE, lambda bait: (
        f'<html><head>\n<link rel="stylesheet" href="{bait.url}/x.css"></head>'
        "<body>x</body></html>")), f"{TEMPLATE}:2:"),
    # gettext catalogs
    Case("po-linked-out", link(PO), f"{PO}:1:1"),
    Case("po-unterminated", po('msgid "Key messages"\nmsgstr "Messages\n'), f"{PO}:7:8"),
    Case("po-invalid-utf8", po(PO_HEADER.encode() + b'msgid "Key messages"\nmsgstr "M\xffx"\n'),
         f"{PO}:7:10"),
    Case("po-bad-plural", lambda root, bait: put(
        root, PO, PO_HEADER.replace("(n > 1)", "n/0") + 'msgid "Key messages"\nmsgstr "M"\n'),
        f"{PO}:4:"),
    Case("po-format-mismatch", po('msgid "Register by %(date)s"\nmsgstr "Avant %(jour)s"\n'),
         f"{PO}:7:1"),
    Case("po-stray-percent", po('msgid "Key messages"\nmsgstr "Messages %d"\n'), f"{PO}:7:1"),
    Case("po-not-po", po('msgid "Key messages"\nmsgstr Messages\n'), f"{PO}:7:1"),
    Case("po-too-large", po('msgid "Key messages"\nmsgstr "' + "x" * 5_100_000 + '"\n'),
         f"{PO}:1:1"),
    # translations.lock
    Case("lock-linked-out", link(f"{DOC}/translations.lock"), f"{DOC}/translations.lock:1:1"),
    Case("lock-wrong-shape", text(f"{DOC}/translations.lock", '{"locales": {"fr": [1, 2]}}'),
         f"{DOC}/translations.lock:1:1"),
    Case("lock-not-json", text(f"{DOC}/translations.lock", '{\n  "locales": {\n    "fr": }'),
         f"{DOC}/translations.lock:3:11"),
    # workspace kinds
    Case("kind-yaml-linked-out", link("kinds/evil/kind.yaml"), "kinds/evil/kind.yaml:1:1"),
]
