"""The ``govshare`` command line (kept for ``python -m govshare.cli.main`` and old imports;
the parser and :func:`main` live in :mod:`govshare.cli.app`)."""

from __future__ import annotations

import sys

from govshare.cli.app import build_parser, main

__all__ = ["build_parser", "main"]

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
