"""The `briefs` command's entry point: the garbage collector set for a command line first."""

from __future__ import annotations

import gc

from briefs.core.collector import YOUNG_THRESHOLD


def main() -> None:
    """Run the `briefs` command with the collector set first (`cli.main`)."""
    gc.set_threshold(YOUNG_THRESHOLD, *gc.get_threshold()[1:])
    from briefs.cli import main as command_line

    command_line()
