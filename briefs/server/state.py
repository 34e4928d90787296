"""What the command line and the build server tell `briefs build` about where it runs."""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any

ENTRY_ARGS: ContextVar[list[str] | None] = ContextVar("entry_args", default=None)
"""The arguments of this process's `briefs` command (set by the command line's entry point
only): a build may hand them to a running build server."""
WARM_RENDERER: ContextVar[Any] = ContextVar("warm_renderer", default=None)
"""The build server's renderer, whose workers stay warm between the builds it runs."""
