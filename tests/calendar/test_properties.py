"""Properties of the working-day arithmetic, checked with hypothesis.

Dates are drawn from 2004-01-01 to 2026-10-31, so that 30 working days later is still
inside the official data.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from pathlib import Path

import chinese_calendar
import holidays
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govshare.calendar import get_calendar

FIRST = dt.date(2004, 1, 1)
LAST_START = dt.date(2026, 10, 31)
dates = st.dates(min_value=FIRST, max_value=LAST_START)
counts = st.integers(min_value=0, max_value=30)
positive = st.integers(min_value=1, max_value=30)


@cache
def _holidays_cn() -> holidays.HolidayBase:
    return holidays.country_holidays("CN", years=range(2004, 2028))


@given(dates, counts)
def test_results_are_working_days(start: dt.date, n: int) -> None:
    """Every result of add_working_days is a working day."""
    cal = get_calendar()
    assert cal.is_working_day(cal.add_working_days(start, n))


@given(dates, positive)
def test_add_then_count_round_trips(start: dt.date, n: int) -> None:
    """Counting the working days from the start to the result gives n back."""
    cal = get_calendar()
    assert cal.working_days_between(start, cal.add_working_days(start, n)) == n


@given(dates)
def test_zero_rule(start: dt.date) -> None:
    """N=0 gives the start if it is a working day, else the first working day after it."""
    cal = get_calendar()
    result = cal.add_working_days(start, 0)
    if cal.is_working_day(start):
        assert result == start
    else:
        assert result > start
        assert cal.working_days_between(start, result) == 1


@given(dates, dates, counts)
def test_monotone_in_start(a: dt.date, b: dt.date, n: int) -> None:
    """A later start never gives an earlier due date."""
    cal = get_calendar()
    lo, hi = min(a, b), max(a, b)
    assert cal.add_working_days(lo, n) <= cal.add_working_days(hi, n)


@given(dates, positive)
def test_one_more_day_is_one_more_step(start: dt.date, n: int) -> None:
    """add(d, n + 1) is the first working day after add(d, n)."""
    cal = get_calendar()
    assert cal.add_working_days(start, n) < cal.add_working_days(start, n + 1)
    assert cal.add_working_days(start, n + 1) == cal.add_working_days(
        cal.add_working_days(start, n), 1
    )


@given(dates, positive)
def test_rest_day_receipt_counts_from_next_working_day(start: dt.date, n: int) -> None:
    """A rest-day receipt (e.g. a Saturday): the next working day is day 1, not day 0."""
    cal = get_calendar()
    if cal.is_working_day(start):
        return
    first = cal.add_working_days(start, 0)
    assert cal.add_working_days(start, n) == cal.add_working_days(first, n - 1)


@settings(max_examples=300)
@given(dates, positive)
def test_chinese_calendar_find_workday_is_one_day_late_on_rest_days(start: dt.date, n: int) -> None:
    """chinese_calendar.find_workday(n, d) returns our (n+1)-th day for a rest-day start."""
    cal = get_calendar()
    end = cal.add_working_days(start, n + 1)
    if start <= dt.date(2005, 12, 31) <= end:
        return  # chinese-calendar's known error on 2005-12-31 (see test_sources.py)
    theirs = chinese_calendar.find_workday(n, start)
    if cal.is_working_day(start):
        assert theirs == cal.add_working_days(start, n)
    else:
        assert theirs == end


@settings(max_examples=500)
@given(dates, positive)
def test_agrees_with_the_holidays_package(start: dt.date, n: int) -> None:
    """For n >= 1 our result equals holidays' get_nth_working_day (another implementation)."""
    assert get_calendar().add_working_days(start, n) == _holidays_cn().get_nth_working_day(start, n)


@given(st.lists(dates, min_size=1, max_size=50), counts)
def test_array_form_equals_scalar_form(starts: list[dt.date], n: int) -> None:
    """The vectorized form gives the scalar results element by element."""
    cal = get_calendar()
    out = cal.add_working_days_array(np.array(starts, dtype="datetime64[D]"), n)
    assert out.tolist() == [cal.add_working_days(d, n) for d in starts]


def _makeup_days(shared: Path) -> list[dt.date]:
    days = []
    for path in sorted((shared / "calendar" / "holiday-cn").glob("*.json")):
        days += [
            dt.date.fromisoformat(d["date"])
            for d in json.loads(path.read_text("utf-8"))["days"]
            # holiday-cn also lists 2020-02-03, an ordinary Monday, as "not off": keep the
            # weekend days, which are the make-up working days.
            if not d["isOffDay"] and dt.date.fromisoformat(d["date"]).weekday() >= 5
        ]
    return days


def test_makeup_saturdays_and_sundays_count(shared_dir: Path) -> None:
    """Every make-up working day in holiday-cn (2007-2026) is counted as a working day."""
    cal = get_calendar()
    makeup = _makeup_days(shared_dir)
    assert len(makeup) > 50
    for day in makeup:
        assert cal.add_working_days(day - dt.timedelta(days=1), 1) == day
        assert cal.working_days_between(day - dt.timedelta(days=1), day) == 1


@pytest.mark.parametrize("region", [None, "guangxi"])
@given(start=dates, n=counts)
def test_regional_results_are_working_days(region: str | None, start: dt.date, n: int) -> None:
    """Results on the regional calendar are working days of that calendar."""
    cal = get_calendar(region)
    assert cal.is_working_day(cal.add_working_days(start, n))
