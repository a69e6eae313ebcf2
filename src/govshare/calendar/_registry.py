"""Where calendars come from: the bundled data, plus what a user loads at run time."""

from __future__ import annotations

import threading
from importlib import resources
from pathlib import Path

from govshare._kernel.yamlio import load_yaml, parse_yaml, validate_model
from govshare.calendar._calendar import WorkCalendar
from govshare.calendar._model import Arrangement, Overlay
from govshare.errors import UnknownRegionError

__all__ = [
    "bundled_arrangements",
    "bundled_overlays",
    "get_calendar",
    "load_arrangement",
    "load_overlay",
    "regions",
    "reset",
]

_lock = threading.RLock()
_bundled: tuple[Arrangement, ...] | None = None
_bundled_overlays: dict[str, Overlay] | None = None
_extra: list[Arrangement] = []
_extra_overlays: dict[str, Overlay] = {}
_cache: dict[tuple[str | None, bool], WorkCalendar] = {}


def _data_files(folder: str) -> list[tuple[str, str]]:
    root = resources.files("govshare.calendar").joinpath("data").joinpath(folder)
    out = []
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml"):
            out.append((f"govshare/calendar/data/{folder}/{entry.name}", entry.read_text("utf-8")))
    return out


def bundled_arrangements() -> tuple[Arrangement, ...]:
    """The official national arrangements shipped with govshare, oldest first."""
    global _bundled  # noqa: PLW0603 - a lazily filled, read-only module cache
    with _lock:
        if _bundled is None:
            items = [
                validate_model(Arrangement, parse_yaml(text, name))
                for name, text in _data_files("national")
            ]
            _bundled = tuple(sorted(items, key=lambda a: (a.year, a.amends)))
        return _bundled


def bundled_overlays() -> dict[str, Overlay]:
    """The regional overlays shipped with govshare, by region name."""
    global _bundled_overlays  # noqa: PLW0603 - a lazily filled, read-only module cache
    with _lock:
        if _bundled_overlays is None:
            found = {}
            for name, text in _data_files("regions"):
                overlay = validate_model(Overlay, parse_yaml(text, name))
                found[overlay.region] = overlay
            _bundled_overlays = found
        return dict(_bundled_overlays)


def regions() -> tuple[str, ...]:
    """The names of every regional calendar available (bundled and loaded)."""
    with _lock:
        return tuple(sorted({*bundled_overlays(), *_extra_overlays}))


def load_arrangement(source: str | Path | Arrangement) -> Arrangement:
    """Add an official arrangement (a YAML file, or a model) to every calendar from now on.

    A full arrangement for a year the calendar has replaces that year; one with
    ``amends: true`` corrects it date by date. Raises :class:`~govshare.errors.DataFileError`
    naming file, line and field when the file is invalid.
    """
    arr = (
        source
        if isinstance(source, Arrangement)
        else validate_model(Arrangement, load_yaml(source))
    )
    with _lock:
        _extra.append(arr)
        _cache.clear()
    return arr


def load_overlay(source: str | Path | Overlay) -> Overlay:
    """Register a regional overlay (a YAML file, or a model); it replaces one of the same region."""
    overlay = source if isinstance(source, Overlay) else validate_model(Overlay, load_yaml(source))
    with _lock:
        _extra_overlays[overlay.region] = overlay
        _cache.clear()
    return overlay


def reset() -> None:
    """Forget every arrangement and overlay loaded at run time (the bundled data stays)."""
    with _lock:
        _extra.clear()
        _extra_overlays.clear()
        _cache.clear()


def get_calendar(region: str | None = None, *, provisional: bool = False) -> WorkCalendar:
    """The official working-day calendar, national or with a regional overlay.

    Args:
        region: ``None`` for the national calendar, or a region name from :func:`regions`
            (e.g. ``"guangxi"``): the national calendar with that region's overlay.
        provisional: also estimate the years after the official data (rule-based, from the
            holidays package); every result that depends on an estimate says so. By default
            the calendar fails closed with :class:`~govshare.errors.CalendarRangeError`.

    Calendars are built once per (region, provisional) and cached until data is loaded.
    """
    key = (region, provisional)
    with _lock:
        cal = _cache.get(key)
        if cal is not None:
            return cal
        arrangements = [*bundled_arrangements(), *_extra]
        overlays: list[Overlay] = []
        if region is not None:
            found = {**bundled_overlays(), **_extra_overlays}
            if region not in found:
                raise UnknownRegionError(region, sorted(found))
            overlays.append(found[region])
        cal = WorkCalendar(
            arrangements, overlays, provisional=provisional, name=region or "national"
        )
        _cache[key] = cal
        return cal
