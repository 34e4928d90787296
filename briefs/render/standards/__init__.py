"""Checks of any PDF against PDF/UA-1 (veraPDF's rule ids), PDF/A and print boxes, with pikepdf."""
