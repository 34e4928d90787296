"""WeasyPrint's subsetting arrays made without a C type parsed per length: same arrays."""

from __future__ import annotations

import re

import pytest

from briefs.render.subset_arrays import UnsizedArrays, install

SIZED_TYPE = re.compile(r"hb_codepoint_t\[\d+\]")


def _ffi() -> object:
    from weasyprint.text.ffi import ffi

    return ffi


def test_a_sized_array_is_made_unsized_with_the_same_items() -> None:
    ffi = _ffi()
    view = UnsizedArrays(ffi)
    array = view.new("hb_codepoint_t[3]", [7, 8, 9])
    assert list(array) == [7, 8, 9]
    assert ffi.sizeof(array) == 3 * ffi.sizeof("hb_codepoint_t")  # type: ignore[attr-defined]
    assert "hb_codepoint_t[3]" not in ffi._parsed_types  # type: ignore[attr-defined]


def test_other_declarations_pass_through() -> None:
    view = UnsizedArrays(_ffi())
    padded = view.new("hb_codepoint_t[4]", [1, 2])  # fewer items than the length: as asked
    assert list(padded) == [1, 2, 0, 0]
    assert view.NULL is _ffi().NULL  # type: ignore[attr-defined]
    assert view.string(view.new("char[]", b"ab")) == b"ab"


@pytest.mark.render
def test_a_render_parses_no_type_per_glyph_count() -> None:
    import weasyprint
    from weasyprint.pdf import fonts

    install()
    install()  # once a process: the view is not wrapped again
    assert isinstance(fonts.ffi, UnsizedArrays) and not isinstance(fonts.ffi.ffi, UnsizedArrays)
    ffi = _ffi()
    before = set(ffi._parsed_types)  # type: ignore[attr-defined]
    weasyprint.HTML(string="<p>Subset these few glyphs: 0123456789</p>").write_pdf()
    assert not [name for name in set(ffi._parsed_types) - before  # type: ignore[attr-defined]
                if SIZED_TYPE.fullmatch(name)]
