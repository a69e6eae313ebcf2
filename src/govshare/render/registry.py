"""One registry of output formats per result type.

A renderer is registered for a result type and a format name with :func:`renderer`; every
adapter (the command line, the HTTP service, the pytest plugin) renders through
:func:`render`, so a new format is one function in one place, and an unknown format is an
error naming the formats there are (never a silent fallback).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from govshare.errors import InputError

__all__ = ["RenderOptions", "formats", "render", "renderer"]

T = TypeVar("T")


@dataclass(frozen=True, kw_only=True)
class RenderOptions:
    """What every renderer may be asked: the language and the terminal width; ``extra``
    holds options one format alone understands (e.g. ``strict`` for a self-check)."""

    lang: str = "zh"
    width: int = 100
    extra: dict[str, Any] = field(default_factory=dict)


Renderer = Callable[[Any, RenderOptions], "str | bytes"]

_REGISTRY: dict[type, dict[str, Renderer]] = {}

_loaded = False


def renderer(
    result_type: type[T], fmt: str
) -> Callable[
    [Callable[[T, RenderOptions], str | bytes]], Callable[[T, RenderOptions], str | bytes]
]:
    """Register the decorated function as the ``fmt`` renderer of ``result_type``."""

    def register(
        fn: Callable[[T, RenderOptions], str | bytes],
    ) -> Callable[[T, RenderOptions], str | bytes]:
        _REGISTRY.setdefault(result_type, {})[fmt] = fn
        return fn

    return register


def _load() -> None:
    global _loaded  # noqa: PLW0603 - a one-time import of the renderer modules
    """Import every module of :mod:`govshare.render` once: each registers its formats. A
    renderer module imports heavy dependencies (matplotlib) inside its functions only."""
    if not _loaded:
        package = importlib.import_module("govshare.render")
        for info in pkgutil.iter_modules(package.__path__):
            importlib.import_module(f"govshare.render.{info.name}")
        _loaded = True


def _find(result_type: type) -> dict[str, Renderer]:
    _load()
    for klass in result_type.__mro__:
        if klass in _REGISTRY:
            return _REGISTRY[klass]
    return {}


def formats(result_type: type) -> tuple[str, ...]:
    """The format names registered for ``result_type`` (and its bases)."""
    return tuple(sorted(_find(result_type)))


def render(
    result: object, fmt: str, *, lang: str = "zh", width: int = 100, **extra: Any
) -> str | bytes:
    """``result`` in format ``fmt``; raises :class:`InputError` for a format the result type
    does not have, naming the ones it has."""
    table = _find(type(result))
    if fmt not in table:
        known = ", ".join(sorted(table)) or "none"
        raise InputError("format", fmt, f"one of: {known} (for {type(result).__name__})")
    out = table[fmt](result, RenderOptions(lang=lang, width=width, extra=dict(extra)))
    if fmt in _TERMINAL and isinstance(out, str):
        from govshare.render.text import terminal_safe  # noqa: PLC0415 - loaded with the rest

        # Profile and log text must not drive the terminal (escape codes, carriage returns).
        return terminal_safe(out)
    return out


#: Formats read in a terminal or a plain-text file: control characters are made visible.
_TERMINAL = frozenset({"text", "table", "md", "csv"})
