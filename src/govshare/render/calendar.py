"""Working-day results as text and JSON: what a day is, the n-th working day, a count.

The ``workday`` commands build these small typed results from the calendar's answers
(:class:`govshare.calendar.DayInfo`, a :class:`~govshare.calendar.WorkDate`, a count), so that
their JSON is the registered document and their text is written here only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from govshare._kernel.messages import Notice
from govshare._kernel.vocabulary import label
from govshare.calendar import DayInfo
from govshare.render.json import json_type
from govshare.render.registry import RenderOptions, renderer

__all__ = ["DayStatus", "WorkingDayBatch", "WorkingDayCount", "WorkingDayResult"]


@json_type("workday")
@dataclass(frozen=True, kw_only=True)
class DayStatus:
    """What a date is in one calendar (``govshare workday is``)."""

    date: dt.date
    working: bool
    kind: str
    name: str | None
    source: str | None
    confidence: str
    region: str | None
    provisional: bool
    warnings: tuple[str | Notice, ...] = ()

    @classmethod
    def of(
        cls, info: DayInfo, *, region: str | None, warnings: tuple[str | Notice, ...]
    ) -> DayStatus:
        """The status of ``info`` in the calendar named ``region``."""
        return cls(
            date=info.date,
            working=info.working,
            kind=info.kind,
            name=info.name,
            source=info.source,
            confidence=info.confidence.value,
            region=region,
            provisional=info.provisional,
            warnings=warnings,
        )


@json_type("workday-add")
@dataclass(frozen=True, kw_only=True)
class WorkingDayResult:
    """The n-th working day after ``start`` (``govshare workday add``)."""

    start: dt.date
    n: int
    date: dt.date
    end_instant: dt.datetime
    region: str | None
    provisional: bool
    warnings: tuple[str | Notice, ...] = ()


@json_type("workday-count")
@dataclass(frozen=True, kw_only=True)
class WorkingDayCount:
    """The working days in ``(start, end]`` (``govshare workday count``)."""

    start: dt.date
    end: dt.date
    working_days: int
    region: str | None
    provisional: bool
    warnings: tuple[str | Notice, ...] = ()


@json_type("workday-batch")
@dataclass(frozen=True, kw_only=True)
class WorkingDayBatch:
    """The n-th working day after each start date, for arrays of dates and counts (the batch
    form of ``workday add``, answered by the calendar's array API)."""

    region: str | None
    dates: tuple[dt.date, ...]
    uncertain: tuple[int, ...] = ()  # indexes of answers resting on uncertain calendar data


@renderer(DayStatus, "text")
def _day_text(day: DayStatus, options: RenderOptions) -> str:
    lang = options.lang
    status = label("word", "working" if day.working else "rest", lang)
    extra = "".join(f", {x}" for x in (day.name, day.source) if x)
    return f"{day.date.isoformat()}: {status} ({label('day_kind', day.kind, lang)}{extra})"


@renderer(WorkingDayResult, "text")
def _add_text(result: WorkingDayResult, options: RenderOptions) -> str:
    return result.date.isoformat()


@renderer(WorkingDayBatch, "text")
def _batch_text(result: WorkingDayBatch, options: RenderOptions) -> str:
    return "\n".join(d.isoformat() for d in result.dates)


@renderer(WorkingDayCount, "text")
def _count_text(result: WorkingDayCount, options: RenderOptions) -> str:
    return str(result.working_days)
