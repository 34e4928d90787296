"""CSS rules that follow from a locale's script and digits, added after every stylesheet.

They are generated rather than written in base.css so that a workspace replacing the layout
stylesheets cannot lose them: tracking and capitals only where the script has case, emphasis
without faux italics, no justification where it opens gaps, the locale's digits in footnote
marks and numbered lists, and the classes `render/typeset.py` wraps words in (French ordinal
suffixes in superior letters made by size and raise: few faces have `sups` for `e` and `r`;
Noto Sans has it for `n` only). A line-end
hyphen is drawn with the same hyphen-minus as a written one (WeasyPrint's U+2010 would give
the shared glyph that text everywhere); the text layer marks the added ones as soft hyphens
(`render/tagging/actual.py`).
"""

from __future__ import annotations

from briefs.brand.model import Brand, Emphasis
from briefs.i18n.numbering import LocaleFormat
from briefs.i18n.scripts import Script
from briefs.render.typeset import NO_BREAK, NO_HYPHEN, ORDINAL

BASE_RULES = f"""\
html {{ font-synthesis: none; hyphenate-character: "-"; }}
.{NO_HYPHEN} {{ hyphens: manual; }}
.{NO_BREAK} {{ hyphens: manual; white-space: nowrap; }}
.{ORDINAL} {{ vertical-align: super; font-size: 0.62em; line-height: 0; }}
"""
PERSIAN_DIGIT_RULES = """\
/* Persian digits in their Persian forms whatever the face: Noto Naskh Arabic's `locl` turns
   ۴ ۶ ۷ into Urdu and Arabic forms for every language system, FAR included. Drawn as one
   run with the text (a span per number would be a box of its own, which WeasyPrint orders
   wrongly in right-to-left lines). */
html { font-feature-settings: "locl" 0; }
"""
UNCASED_RULES = """\
/* No tracking or capitals: they tear joined letters apart and break headline bars. */
*, *::before, *::after, ::marker, ::footnote-call, ::footnote-marker {
  letter-spacing: normal !important;
  text-transform: none !important;
}
"""


def script_css(script: Script, brand: Brand, fmt: LocaleFormat) -> str:
    """The rules for one locale: its script's needs, the brand's emphasis, its digits."""
    rules = [f"/* {script.name} ({script.code}) */", BASE_RULES]
    if not script.cased:
        rules.append(UNCASED_RULES)
    if not script.justify:
        rules.append(":root { --justify: start; }\n")
    if script.breaking == "keep-all":
        rules.append("html { word-break: keep-all; }\n")
    rules.append(_emphasis_rule(emphasis_for(brand, script)))
    style = fmt.counter_style
    if style == "persian" and fmt.locale.replace("-", "_").split("_")[0] == "fa":
        rules.append(PERSIAN_DIGIT_RULES)
    if style != "decimal":
        rules.append(
            f"::footnote-call {{ content: counter(footnote, {style}); }}\n"
            f'::footnote-marker {{ content: counter(footnote, {style}) ". "; }}\n'
            f"ol {{ list-style-type: {style}; }}\n")
    return "\n".join(rules)


def emphasis_for(brand: Brand, script: Script) -> Emphasis:
    """The brand's emphasis for the script, else italics where the script has them, else
    bold."""
    declared = brand.scripts.get(script.code)
    if declared is not None and declared.emphasis is not None:
        return declared.emphasis
    if script.italic and brand.typography.emphasis is not None:
        return brand.typography.emphasis
    return Emphasis(style="italic") if script.italic else Emphasis(weight=700)


def _emphasis_rule(emphasis: Emphasis) -> str:
    declarations = [f"font-style: {emphasis.style};"]
    if emphasis.weight is not None:
        declarations.append(f"font-weight: {emphasis.weight};")
    if emphasis.color is not None:
        color = emphasis.color
        value = color if color.startswith(("#", "device-cmyk")) else f"var(--color-{color})"
        declarations.append(f"color: {value};")
    return "em, i, cite, dfn { " + " ".join(declarations) + " }\n"
