"""Optional dependencies: import one, or raise an error that names the extra to install."""

from __future__ import annotations

import importlib
from types import ModuleType

from govshare.errors import MissingDependencyError

__all__ = ["require"]


def require(module: str, extra: str, *, purpose: str = "") -> ModuleType:
    """Import ``module``; if it is not installed, raise :class:`MissingDependencyError`.

    Args:
        module: the module to import, e.g. ``"matplotlib.pyplot"``.
        extra: the govshare extra that installs it, e.g. ``"timeline"``.
        purpose: what needs it, for the message (e.g. ``"govshare timeline"``).
    """
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingDependencyError(module, extra, purpose=purpose) from exc
