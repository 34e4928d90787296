"""Run the command line as `python -m briefs`."""

from briefs.launch import main

if __name__ == "__main__":
    main()
