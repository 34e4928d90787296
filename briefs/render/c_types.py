"""The C types a first render has cffi parse, parsed while a render worker waits for its job.

WeasyPrint makes its C values with `ffi.new("PangoRectangle *")` and the like; cffi parses
each declaration with pycparser the first time a process uses it (about 2 ms each), then
keeps it. A worker's first render parsed these nine, measured (`FFI._typeof_locked` wrapped
in a one-document build, en, zh and ar alike): 23 ms of the job, on a one-document build's
critical path, against the worker's start-up, which now ends before the main process hands
over the job (docs/performance.md). The types parsed are the same either way.
"""

from __future__ import annotations

FIRST_RENDER = ("PangoFcFontMap *", "FcChar8 **", "FcResult *", "char[]", "PangoRectangle *",
                "PangoLogAttr[]", "unsigned int *", "hb_tag_t[100]", "char[4]",
                "hb_codepoint_t[]")
"""Declarations WeasyPrint's text layout, font loading and subsetting make values of (the
last as render/subset_arrays.py asks for it)."""


def parse_first_render_types() -> None:
    """Have WeasyPrint's cffi parse and keep FIRST_RENDER (WeasyPrint imported already)."""
    from weasyprint.text.ffi import ffi

    for declaration in FIRST_RENDER:
        ffi.typeof(declaration)
