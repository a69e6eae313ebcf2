"""The ``govshare`` command line (an adapter over the features and renderers)."""

from __future__ import annotations

from govshare.cli.main import main

__all__ = ["main"]
