"""The `briefs` program's entry (`briefs.cli.main`): what it does before the process exits."""

from __future__ import annotations

import pytest

from tests.conftest import run_python


@pytest.mark.parametrize("argv", [["--version"], ["build", "--no-such-option"]])
def test_the_objects_a_command_made_are_frozen_before_the_process_exits(argv: list[str]) -> None:
    """Python's exit walks every object alive with the garbage collector before freeing them
    (70 ms of a one-document build, docs/performance.md); frozen, they are freed without it.
    Whether the command ends well or with a usage error, and a caller of `main` goes on."""
    code = ("import gc, sys\nfrom briefs.cli import main\n"
            f"sys.argv = ['briefs', *{argv!r}]\n"
            "before = gc.get_freeze_count()\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(before, gc.get_freeze_count() > 1000)")
    assert run_python(code).split()[-2:] == ["0", "True"]
