"""The ``scenarios`` command: test (YAML scenario files)."""

from __future__ import annotations

from typing import Any

__all__ = ["add_commands"]


def add_commands(sub: Any, common: Any, emit: Any) -> None:
    """Register the command on the ``govshare`` sub-parsers (not yet implemented)."""
    del sub, common, emit
