"""Tagged PDF: the structure tree rebuilt from the HTML each marked-content sequence shows."""
