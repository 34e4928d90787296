"""Run the command line as `python -m briefs`."""

from briefs.cli import main

if __name__ == "__main__":
    main()
