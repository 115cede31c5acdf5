#!/usr/bin/env python
"""Django's usual entry point; the `deputized` console script (deputized/cli.py) is the same."""

from deputized.cli import main

if __name__ == "__main__":
    main()
