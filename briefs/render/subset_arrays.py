"""WeasyPrint's HarfBuzz font subsetting without a C type parsed for every glyph count.

WeasyPrint 70 passes glyph ids to HarfBuzz in arrays made with
`ffi.new(f"hb_codepoint_t[{len(ids)}]", ids)`: every new length is a new C declaration,
which cffi parses with pycparser (2 ms each) before it can cache it. Each font of each output
has its own glyph count, so a render worker parsed about five of them per output (0.2
CPU-seconds over the sample's 24 outputs, 10 to 20 ms of a first render). `new("T[]", items)`
makes the same array (its length is the items'), from one type parsed once a process.

The module's `ffi` is replaced by a view of it that does that and passes everything else on;
the arrays' contents, and so the subsets and the PDFs, are the same. Remove this once
WeasyPrint makes these arrays with `[]` (a suggestion for upstream, not yet sent:
docs/decisions.md).
"""

from __future__ import annotations

import re
from typing import Any

SIZED = re.compile(r"(\w+)\[(\d+)\]")
"""An array declaration of a given length, for which an unsized one does the same."""


class UnsizedArrays:
    """`ffi`, but `new("T[N]", items)` with N items made as `new("T[]", items)`."""

    def __init__(self, ffi: Any) -> None:
        self.ffi = ffi

    def new(self, cdecl: str, init: Any = None) -> Any:
        sized = SIZED.fullmatch(cdecl)
        if sized is not None and init is not None and len(init) == int(sized[2]):
            return self.ffi.new(f"{sized[1]}[]", init)
        return self.ffi.new(cdecl, init)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.ffi, name)


def install() -> None:
    """Give WeasyPrint's font subsetting the view of its `ffi` (once a process)."""
    from weasyprint.pdf import fonts

    if not isinstance(fonts.ffi, UnsizedArrays):
        fonts.ffi = UnsizedArrays(fonts.ffi)
