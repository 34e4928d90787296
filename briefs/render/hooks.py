"""The WeasyPrint internals briefs relies on, and whether the installed WeasyPrint has them.

briefs reads WeasyPrint's laid-out pages (`Page._page_box`), rebuilds the structure tree
with its private box walk (`pdf.tags._build_box_tree`), keeps font configurations apart by
their temporary folders (`FontConfiguration._folder`), shares plain SVG drawings
(`Stream._fonts`, `_images`, `_tags`, `_resources`, `_ctm_stack`), keeps parsed stylesheets
in place of `css.find_stylesheets`, wraps `layout.flex.flex_layout` where the layout calls it
and fetches through `urls.URLFetcher`. None of these is
public API, so pyproject.toml pins WeasyPrint to the releases they were checked with
(`SUPPORTED`); `briefs doctor` says when the installed one is outside them or lacks a hook,
and the CI job `weasyprint-next` tries the next release.
"""

from __future__ import annotations

import importlib
from importlib.metadata import PackageNotFoundError, version

SUPPORTED = ">=70,<71"
"""WeasyPrint releases whose private hooks briefs uses, checked (keep pyproject.toml equal)."""
MODULE_HOOKS = (
    ("weasyprint.pdf.tags", "_build_box_tree"),
    ("weasyprint.urls", "URLFetcher"),
    ("weasyprint.urls", "URLFetcherResponse"),
    ("weasyprint.text.fonts", "get_hb_object_data"),
    ("weasyprint.layout.absolute", "AbsolutePlaceholder"),
    ("weasyprint.pdf.stream", "Stream"),
    ("weasyprint.layout.inline", "split_first_line"),  # wrapped by render/line_breaks.py
    ("weasyprint.layout.flex", "flex_layout"),  # wrapped by render/flex_cross_minimum.py
    ("weasyprint.layout.block", "flex_layout"),  # and where it is called by name
    ("weasyprint.layout.inline", "flex_layout"),
    ("weasyprint.svg", "text"),  # wrapped by render/svg_text.py
    ("weasyprint.svg.text", "TextBox"),
    ("weasyprint.css", "find_stylesheets"),  # replaced by render/parsed_css.py
    ("weasyprint.css", "get_child_text"),
    ("weasyprint.css.tokens", "Pending"),
)


def installed_version() -> str | None:
    try:
        return version("weasyprint")
    except PackageNotFoundError:
        return None


def supported(found: str | None) -> bool:
    """Whether `found` (a WeasyPrint version) is within `SUPPORTED`."""
    from packaging.specifiers import SpecifierSet
    from packaging.version import InvalidVersion

    try:
        return found is not None and SpecifierSet(SUPPORTED).contains(found, prereleases=True)
    except InvalidVersion:
        return False


def missing_hooks() -> list[str]:
    """The private hooks the installed WeasyPrint lacks (empty: all there), found by
    importing them and by laying out one small page."""
    missing = []
    for module, name in MODULE_HOOKS:
        try:
            if not hasattr(importlib.import_module(module), name):
                missing.append(f"{module}.{name}")
        except ImportError:
            missing.append(f"{module}.{name}")
    try:
        import weasyprint
        from weasyprint.text.fonts import FontConfiguration

        if not hasattr(FontConfiguration(), "_folder"):
            missing.append("weasyprint.text.fonts.FontConfiguration._folder")
        page = weasyprint.HTML(string="<p>x</p>").render().pages[0]
        if not hasattr(page, "_page_box"):
            missing.append("weasyprint.document.Page._page_box")
    except Exception as exc:  # a WeasyPrint that cannot lay out a page at all
        missing.append(f"a layout ({type(exc).__name__}: {exc})")
    return missing


def main() -> int:
    """`python -m briefs.render.hooks`: the CI job's verdict on the installed WeasyPrint."""
    found = installed_version()
    missing = missing_hooks()
    print(f"WeasyPrint {found}: {'within' if supported(found) else 'outside'} {SUPPORTED}")
    for hook in missing:
        print(f"missing private hook: {hook}")
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
