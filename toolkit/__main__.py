"""`python -m toolkit` runs the same command line as `customer-toolkit`."""

from toolkit.cli import main

if __name__ == "__main__":
    main()
