"""WeasyPrint's log during one render: which lines are dropped, which name a missing glyph."""

from __future__ import annotations

import logging

IGNORED_LOG_PREFIXES = (
    "Step ",  # progress messages
    # Declared for other renderers; WeasyPrint lacks them and briefs enforces them itself:
    # a synthesised face fails the output (see `synthesised_faces`), and Korean words are
    # kept whole by render/typeset.py.
    "Ignored `font-synthesis: none`",
    "Ignored `word-break: keep-all`",
)
"""WeasyPrint's messages briefs does not pass on."""
NOTDEF_LOGGED = ".notdef glyph"
"""How WeasyPrint's warning about a character no font has begins (its first argument is
the character)."""
IGNORED_LOG_PARTS = (
    # An image with alt="" is decoration (an artifact); one without alt fails the structure
    # check (7.3-1) with its page, so WeasyPrint's own message would only repeat it.
    "has no required alt description",
)


class CollectingHandler(logging.Handler):
    """WeasyPrint's log during one render. Its lines are text from another library (no
    codes): a missing glyph is told apart by the record's format string, the one place a
    message decides anything."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []
        self.missing: list[tuple[str, str]] = []
        """Characters drawn as .notdef (no font had them), each with WeasyPrint's line."""

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if str(record.msg).startswith(NOTDEF_LOGGED):
            args = record.args if isinstance(record.args, tuple) else ()
            self.missing.append((message, str(args[0]) if args else ""))
            return
        if not message.startswith(IGNORED_LOG_PREFIXES) and not any(
                part in message for part in IGNORED_LOG_PARTS):
            self.messages.append(message)
