"""Turning the date-like inputs the API accepts into calendar dates in Asia/Shanghai."""

from __future__ import annotations

import datetime as dt
from typing import TypeAlias

from govshare.errors import InputError

__all__ = ["SHANGHAI", "DateLike", "to_date", "to_datetime"]

try:  # pragma: no cover - depends on the platform's tz database
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    SHANGHAI: dt.tzinfo = ZoneInfo("Asia/Shanghai")
except (ImportError, ZoneInfoNotFoundError):  # pragma: no cover
    # China has kept UTC+8 without daylight saving since 1991; for the calendar's range
    # (2004 on) a fixed offset is exact.
    SHANGHAI = dt.timezone(dt.timedelta(hours=8), "Asia/Shanghai")

#: What the API accepts as a date: a ``date``, a ``datetime`` (aware: converted to
#: Asia/Shanghai; naive: read as Asia/Shanghai local time) or an ISO 8601 string.
DateLike: TypeAlias = "dt.date | dt.datetime | str"

_EXPECTED = (
    "a date, a datetime (naive = Asia/Shanghai local time) or an ISO 8601 string such as "
    "'2026-09-30' or '2026-09-30T16:30:00+08:00'"
)


_IN_RANGE = "a date-time that falls between 0001-01-01 and 9999-12-31 in Asia/Shanghai"


def to_datetime(value: DateLike, field: str = "date") -> dt.datetime:
    """An aware datetime in Asia/Shanghai; a date means its start (00:00)."""
    if isinstance(value, dt.datetime):
        return _in_shanghai(value, field, value)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=SHANGHAI)
    if isinstance(value, str):
        text = value.strip()
        try:
            if len(text) == 10:
                return to_datetime(dt.date.fromisoformat(text), field)
            parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            raise InputError(field, value, _EXPECTED) from None
        return _in_shanghai(parsed, field, value)
    raise InputError(field, value, _EXPECTED)


def _in_shanghai(value: dt.datetime, field: str, given: object) -> dt.datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        return value.replace(tzinfo=SHANGHAI)
    try:
        return value.astimezone(SHANGHAI)
    except OverflowError:  # e.g. 9999-12-31T23:00-14:00 is in the year 10000 in Shanghai
        raise InputError(field, given, _IN_RANGE) from None


def to_date(value: DateLike, field: str = "date") -> dt.date:
    """The calendar date in Asia/Shanghai of a date-like value."""
    if type(value) is dt.date:  # fast path: most calls pass plain dates
        return value
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return dt.date(value.year, value.month, value.day)
    return to_datetime(value, field).date()
