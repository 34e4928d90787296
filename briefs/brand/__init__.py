"""Brands: tokens, font files, glyph coverage, and the CSS made from them."""
