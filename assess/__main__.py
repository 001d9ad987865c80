"""`python -m assess` runs the same command line as the `assess` console script."""

from assess.cli import main

if __name__ == "__main__":
    main()
