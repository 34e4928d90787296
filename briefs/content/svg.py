"""SVG images parsed and checked against an allow-list: no script, no reference out of the file.

An SVG is a document that can run script and fetch other files. It is parsed with defusedxml
(no DTD, no entities, no network), and every element and attribute must be on the list below,
whatever its namespace prefix (`<svg:script>` is a script). References may only point inside the
file (`#id`) or be embedded raster images (`data:image/png;base64,...`); anything else (another
file, the network, `@import` in a `<style>`) is an error naming the reference.
"""

from __future__ import annotations

import re


def _words(text: str) -> list[str]:
    return text.split()


ELEMENTS = frozenset(_words("""
svg g defs symbol use title desc metadata switch path rect circle ellipse line polyline
polygon text tspan textPath linearGradient radialGradient stop clipPath mask pattern marker
style image a filter feBlend feColorMatrix feComponentTransfer feComposite feFlood
feGaussianBlur feMerge feMergeNode feOffset feFuncR feFuncG feFuncB feFuncA
"""))
ATTRIBUTES = frozenset(_words("""
id class style transform viewBox preserveAspectRatio width height x y x1 y1 x2 y2 cx cy r rx
ry d points fill fill-opacity fill-rule stroke stroke-width stroke-opacity stroke-linecap
stroke-linejoin stroke-miterlimit stroke-dasharray stroke-dashoffset opacity color display
visibility overflow clip-path clip-rule mask filter font-family font-size font-weight
font-style font-variant text-anchor dominant-baseline alignment-baseline baseline-shift
letter-spacing word-spacing text-decoration writing-mode direction unicode-bidi dx dy rotate
textLength lengthAdjust offset stop-color stop-opacity gradientUnits gradientTransform
spreadMethod fx fy fr patternUnits patternContentUnits patternTransform clipPathUnits
maskUnits maskContentUnits markerWidth markerHeight markerUnits refX refY orient
marker-start marker-mid marker-end href version baseProfile space lang type media
filterUnits primitiveUnits in in2 result mode values operator k1 k2 k3 k4 stdDeviation
flood-color flood-opacity tableValues slope intercept amplitude exponent color-interpolation
color-interpolation-filters shape-rendering text-rendering image-rendering vector-effect
paint-order role aria-label aria-hidden focusable enable-background startOffset method
spacing side path
"""))
METADATA_NAMESPACES = ("inkscape", "sodipodi", "adobe", "sketch", "figma", "serif", "rdf",
                       "purl.org/dc", "creativecommons", "w3.org/2000/xmlns")
DATA_ATTRIBUTE = re.compile(r"^data-[A-Za-z0-9_.-]{1,64}$")
"""Custom data attributes (`data-name` from Illustrator): never rendered, so harmless; their
values are still checked for references like any other attribute's."""
SAFE_DATA = re.compile(r"^data:image/(png|jpeg|gif|webp);", re.IGNORECASE)
URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.IGNORECASE | re.DOTALL)


class SvgProblem(ValueError):
    """An SVG that may not be used, with what is wrong in it."""


def check_svg(data: bytes) -> None:
    """Parse `data` and refuse anything outside the allow-list; SvgProblem says what."""
    from xml.etree.ElementTree import ParseError

    import defusedxml.ElementTree as SafeTree
    from defusedxml import DefusedXmlException

    try:
        root = SafeTree.fromstring(data, forbid_dtd=True, forbid_entities=True,
                                   forbid_external=True)
    except DefusedXmlException as exc:
        raise SvgProblem("the SVG declares a DTD or entities, which are not allowed; export "
                         "it again without them") from exc
    except ParseError as exc:
        raise SvgProblem(f"the SVG is not well-formed XML ({exc})") from exc
    if _local(root.tag) != "svg":
        raise SvgProblem(f"the file's root element is <{_local(root.tag)}>, not <svg>")
    for element in root.iter():
        _check_element(element)


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1].rsplit(":", 1)[-1]


def _namespace(name: str) -> str:
    return name[1:].split("}", 1)[0] if name.startswith("{") else ""


def _is_metadata(name: str) -> bool:
    namespace = _namespace(name)
    return bool(namespace) and any(mark in namespace for mark in METADATA_NAMESPACES)


def _check_element(element: object) -> None:
    tag = getattr(element, "tag", None)
    if not isinstance(tag, str):  # comments, processing instructions
        return
    name = _local(tag)
    if name not in ELEMENTS and not _is_metadata(tag):
        raise SvgProblem(f"the SVG has a <{name}> element, which is not allowed in images "
                         "(scripts, embedded HTML and animations are refused); remove it")
    for attribute, value in getattr(element, "attrib", {}).items():
        attribute_name = _local(attribute)
        if attribute_name.lower().startswith("on"):
            raise SvgProblem(f'the SVG has an event handler ({attribute_name}="..."); '
                             "remove it")
        if attribute_name not in ATTRIBUTES and not _is_metadata(attribute) and \
                not DATA_ATTRIBUTE.match(attribute):  # data-name: Illustrator's layer names
            raise SvgProblem(f'the SVG has an attribute {attribute_name}="..." on <{name}>, '
                             "which is not allowed in images; remove it")
        if attribute_name in ("href", "src"):
            _check_reference(value)
        _check_css(value)
    if name == "style":
        _check_css(getattr(element, "text", None) or "", stylesheet=True)


def _check_reference(reference: str) -> None:
    reference = reference.strip()
    if reference.startswith("#") or SAFE_DATA.match(reference):
        return
    shown = reference if len(reference) <= 80 else reference[:77] + "..."
    raise SvgProblem(f'the SVG refers to "{shown}" outside itself; embed what it shows in the '
                     "SVG (only #id references and embedded PNG/JPEG/GIF/WebP data are "
                     "allowed)")


def _check_css(text: str, stylesheet: bool = False) -> None:
    if stylesheet and "@import" in text.lower():
        raise SvgProblem("the SVG's <style> imports another stylesheet (@import); copy the "
                         "rules into the SVG")
    lowered = text.lower()
    if "url(" in lowered or ("\\" in text and "url" in lowered):
        for _, reference in URL.findall(text):
            _check_reference(reference)
        if "\\" in text:
            raise SvgProblem("the SVG's CSS uses escapes around a url(); write it plainly")
