"""Run the command line as `python -m briefs`."""

from .cli import main

main()
