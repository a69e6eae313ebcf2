"""The official Chinese working-day calendar (工作日), exact and fail-closed.

>>> from govshare.calendar import get_calendar
>>> cal = get_calendar()
>>> cal.add_working_days("2026-09-30", 5)  # Oct 1-7 off (国庆节), Sat Oct 10 worked
WorkDate(2026, 10, 13)
>>> cal.is_working_day("2026-10-10")  # a make-up Saturday (调休上班)
True
"""

from __future__ import annotations

from govshare._kernel.dates import SHANGHAI, DateLike
from govshare.calendar._calendar import DayInfo, DayKind, WorkCalendar, WorkDate
from govshare.calendar._model import (
    Arrangement,
    Confidence,
    DayEntry,
    Notice,
    Overlay,
    OverlayEntry,
)
from govshare.calendar._registry import (
    bundled_arrangements,
    bundled_overlays,
    get_calendar,
    load_arrangement,
    load_overlay,
    regions,
    reset,
)

__all__ = [
    "SHANGHAI",
    "Arrangement",
    "Confidence",
    "DateLike",
    "DayEntry",
    "DayInfo",
    "DayKind",
    "Notice",
    "Overlay",
    "OverlayEntry",
    "WorkCalendar",
    "WorkDate",
    "bundled_arrangements",
    "bundled_overlays",
    "get_calendar",
    "load_arrangement",
    "load_overlay",
    "regions",
    "reset",
]
