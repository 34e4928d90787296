"""Run the command line as `python -m briefs`."""

from briefs.cli import main

main()
