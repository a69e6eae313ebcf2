"""The ``govshare`` command line (an adapter over the features and renderers).

The entry point is :func:`main` (``govshare = "govshare.cli:main"``); :func:`build_parser`
gives the whole argument parser (the CLI reference is generated from it).
"""

from __future__ import annotations

from govshare.cli.app import build_parser, main

__all__ = ["build_parser", "main"]
