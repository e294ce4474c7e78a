"""Provides `python -m reader`, the same as the `annotated-reader` command."""

from reader.cli import main

raise SystemExit(main())
