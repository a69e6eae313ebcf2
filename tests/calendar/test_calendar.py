"""Behaviour of WorkCalendar, with expected dates worked out by hand from the notices.

2026 (国办发明电〔2025〕7号): 元旦 1/1-1/3 off, Sun 1/4 worked; 春节 2/15-2/23 off, Sat 2/14
and Sat 2/28 worked; 清明 4/4-4/6; 劳动节 5/1-5/5 off, Sat 5/9 worked; 端午 6/19-6/21;
中秋 9/25-9/27 off, Sun 9/20 worked; 国庆 10/1-10/7 off, Sat 10/10 worked.
2025 (国办发明电〔2024〕12号): 春节 1/28-2/4 off, Sun 1/26 and Sat 2/8 worked; 国庆/中秋
10/1-10/8 off, Sun 9/28 and Sat 10/11 worked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import holidays
import numpy as np
import pytest

from govshare.calendar import (
    SHANGHAI,
    Confidence,
    WorkDate,
    get_calendar,
    load_arrangement,
    load_overlay,
    reset,
)
from govshare.errors import CalendarRangeError, DataFileError, InputError, UnknownRegionError

D = dt.date


@pytest.fixture(autouse=True)
def _clean_registry() -> Iterator[None]:
    """Arrangements loaded by one test must not leak into another."""
    reset()
    yield
    reset()


@pytest.mark.parametrize(
    ("start", "n", "due"),
    [
        # Wed 9/30 + 5: Thu 10/8 (1), Fri 10/9 (2), Sat 10/10 make-up (3), Mon 10/12 (4),
        # Tue 10/13 (5). The Hubei provincial 5-day case of the issues.
        (D(2026, 9, 30), 5, D(2026, 10, 13)),
        # ... + 10: Wed 10/14 (6), Thu 10/15 (7), Fri 10/16 (8), Mon 10/19 (9), Tue 10/20 (10).
        (D(2026, 9, 30), 10, D(2026, 10, 20)),
        # Fri 2/13 + 5: Sat 2/14 make-up (1), 2/15-2/23 off, Tue 2/24 (2), 2/25 (3), 2/26 (4),
        # Fri 2/27 (5).
        (D(2026, 2, 13), 5, D(2026, 2, 27)),
        # Fri 2/27 + 1: Sat 2/28 is a make-up working day.
        (D(2026, 2, 27), 1, D(2026, 2, 28)),
        # Sat 3/1/2025 received + 5: Mon 3/3 (1) ... Fri 3/7 (5), not the 6th (3/10).
        (D(2025, 3, 1), 5, D(2025, 3, 7)),
        # Tue 9/30/2025 + 5: 10/1-10/8 off, Thu 10/9 (1), Fri 10/10 (2), Sat 10/11 make-up (3),
        # Mon 10/13 (4), Tue 10/14 (5).
        (D(2025, 9, 30), 5, D(2025, 10, 14)),
        # Fri 1/24/2025 + 3: Sat 1/25 rest, Sun 1/26 make-up (1), Mon 1/27 (2), 1/28-2/4 off,
        # Wed 2/5 (3).
        (D(2025, 1, 24), 3, D(2025, 2, 5)),
        # 2005-12-31 (Sat) was worked (国办发明电〔2005〕35号): Fri 12/30 + 1 = Sat 12/31.
        (D(2005, 12, 30), 1, D(2005, 12, 31)),
    ],
)
def test_add_working_days_hand_computed(start: dt.date, n: int, due: dt.date) -> None:
    """The n-th working day after a start date matches the hand count over the notices."""
    result = get_calendar().add_working_days(start, n)
    assert result == due
    assert isinstance(result, WorkDate)
    assert result.provisional is False
    assert result.warnings == ()


@pytest.mark.parametrize(
    ("start", "due"),
    [
        (D(2026, 10, 1), D(2026, 10, 8)),  # a holiday rolls to the next working day
        (D(2026, 10, 10), D(2026, 10, 10)),  # a make-up Saturday is itself
        (D(2026, 10, 11), D(2026, 10, 12)),  # Sunday -> Monday
        (D(2026, 10, 9), D(2026, 10, 9)),  # an ordinary Friday is itself
    ],
)
def test_zero_working_days(start: dt.date, due: dt.date) -> None:
    """N=0 is the start day if it is a working day, else the next working day."""
    assert get_calendar().add_working_days(start, 0) == due


@pytest.mark.parametrize(
    ("a", "b", "count"),
    [
        (D(2026, 9, 30), D(2026, 10, 13), 5),
        (D(2026, 10, 13), D(2026, 9, 30), -5),
        (D(2026, 10, 1), D(2026, 10, 7), 0),  # the whole 国庆 holiday
        (D(2026, 10, 9), D(2026, 10, 10), 1),  # the make-up Saturday counts
        (D(2026, 2, 13), D(2026, 2, 27), 5),
        (D(2026, 5, 5), D(2026, 5, 5), 0),
    ],
)
def test_working_days_between(a: dt.date, b: dt.date, count: int) -> None:
    """Working days in (a, b] are counted, negative when b is before a."""
    assert get_calendar().working_days_between(a, b) == count


def test_inputs_are_read_in_asia_shanghai() -> None:
    """Aware datetimes are converted to Asia/Shanghai, naive ones read as Shanghai local time."""
    cal = get_calendar()
    # 2026-10-09T17:00Z is Sat 10/10 01:00 in Shanghai (a make-up day): +1 -> Mon 10/12.
    assert cal.add_working_days("2026-10-09T17:00:00Z", 1) == D(2026, 10, 12)
    aware = dt.datetime(2026, 10, 9, 17, 0, tzinfo=dt.timezone.utc)
    assert cal.add_working_days(aware, 1) == D(2026, 10, 12)
    # A naive 23:00 on Fri 10/9 stays Fri 10/9: +1 -> Sat 10/10.
    assert cal.add_working_days(dt.datetime(2026, 10, 9, 23, 0), 1) == D(2026, 10, 10)
    assert cal.add_working_days("2026-10-09", 1) == D(2026, 10, 10)
    assert cal.is_working_day("2026-10-10") is True


@pytest.mark.parametrize(
    ("value", "n", "field"),
    [
        ("2026-13-01", 1, "start"),
        ("yesterday", 1, "start"),
        (20261001, 1, "start"),
        (D(2026, 10, 1), -1, "n"),
        (D(2026, 10, 1), 1.5, "n"),
        (D(2026, 10, 1), True, "n"),
    ],
)
def test_bad_input_names_the_field(value: object, n: object, field: str) -> None:
    """Malformed input raises InputError naming the parameter."""
    with pytest.raises(InputError) as info:
        get_calendar().add_working_days(value, n)  # type: ignore[arg-type]
    assert info.value.field == field
    assert field in str(info.value)


def test_fails_closed_after_the_last_published_year() -> None:
    """10 working days from 2026-12-28 run into 2027, which has no published arrangement."""
    with pytest.raises(CalendarRangeError) as info:
        get_calendar().add_working_days(D(2026, 12, 28), 10)
    err = info.value
    assert err.date == D(2027, 1, 1)
    assert err.last_year == 2026
    assert "2027-01-01" in str(err)
    assert "2026" in str(err)


def test_fails_closed_before_the_data() -> None:
    """A date before 2004 is outside the data, and the error names it and the first year."""
    with pytest.raises(CalendarRangeError) as info:
        get_calendar().is_working_day(D(2003, 12, 31))
    assert info.value.date == D(2003, 12, 31)
    assert info.value.first_year == 2004


def test_late_december_of_the_last_year_carries_a_warning() -> None:
    """Dec 29-31 of the last covered year may be changed by next year's New Year notice."""
    cal = get_calendar()
    # Mon 12/28 + 3: Tue 12/29, Wed 12/30, Thu 12/31 (all ordinary weekdays in 2026's data).
    result = cal.add_working_days(D(2026, 12, 28), 3)
    assert result == D(2026, 12, 31)
    assert result.provisional is False
    assert any("2027 arrangement is not loaded" in w.en for w in result.warnings)
    assert any("2027年的放假安排尚未载入" in w.zh for w in result.warnings)
    assert cal.add_working_days(D(2026, 12, 20), 3).warnings == ()


def test_provisional_calendar_estimates_and_says_so() -> None:
    """A provisional calendar computes into 2027 on holidays' projection and flags the result."""
    cal = get_calendar(provisional=True)
    result = cal.add_working_days(D(2026, 12, 28), 10)
    expected = holidays.country_holidays("CN", years=[2026, 2027]).get_nth_working_day(
        D(2026, 12, 28), 10
    )
    assert result == expected
    assert result.provisional is True
    assert any("2027" in w.en and "provisional" in w.en for w in result.warnings)
    assert "calendar.provisional_year" in {w.code for w in result.warnings}
    assert cal.day_info(D(2027, 1, 1)).provisional is True
    assert cal.provisional_years[0] == 2027
    # Official-data results stay exact and unflagged on the same calendar.
    official = cal.add_working_days(D(2026, 9, 30), 5)
    assert official == D(2026, 10, 13)
    assert official.provisional is False


_ARRANGEMENT_2027 = """\
# A test fixture in the arrangement format (NOT the real 2027 arrangement).
schema: govshare-arrangement/1
year: 2027
notices:
  - number: 测试〔2026〕1号
    title: 测试用安排
    url: https://example.org/test-2027
rest_days:
  - {name: 元旦, from: 2027-01-01, to: 2027-01-03}
  - {name: 测试假日, date: 2027-01-05}
makeup_working_days:
  - {name: 测试调休, date: 2027-01-09}
"""


def test_loaded_arrangement_extends_the_calendar(tmp_path: Path) -> None:
    """After loading a year's arrangement file the calendar covers that year."""
    path = tmp_path / "2027.yaml"
    path.write_text(_ARRANGEMENT_2027, "utf-8")
    load_arrangement(path)
    cal = get_calendar()
    assert cal.last_year == 2027
    # Mon 12/28/2026 + 10 under the fixture: 12/29 (1), 12/30 (2), 12/31 (3), 1/1-1/3 off,
    # Mon 1/4 (4), Tue 1/5 off, Wed 1/6 (5), Thu 1/7 (6), Fri 1/8 (7), Sat 1/9 make-up (8),
    # Mon 1/11 (9), Tue 1/12 (10).
    result = cal.add_working_days(D(2026, 12, 28), 10)
    assert result == D(2027, 1, 12)
    assert result.warnings == ()  # 2026's December is settled once 2027 is loaded
    assert cal.day_info(D(2027, 1, 9)).kind == "makeup_working_day"
    assert cal.day_info(D(2027, 1, 9)).source == "测试〔2026〕1号"
    reset()
    with pytest.raises(CalendarRangeError):
        get_calendar().add_working_days(D(2026, 12, 28), 10)


def test_amending_arrangement_corrects_dates(tmp_path: Path) -> None:
    """An arrangement with amends: true changes only the dates it states."""
    path = tmp_path / "fix.yaml"
    path.write_text(
        "year: 2026\namends: true\nnotices:\n"
        "  - {title: 测试更正, url: 'https://example.org/fix'}\n"
        "rest_days:\n  - {name: 测试, date: 2026-10-09}\n",
        "utf-8",
    )
    load_arrangement(path)
    cal = get_calendar()
    # Fri 10/9 now off: Thu 10/8 (1), Sat 10/10 (2), Mon 10/12 (3), Tue 10/13 (4),
    # Wed 10/14 (5) -- one day later than the official 10/13.
    assert cal.add_working_days(D(2026, 9, 30), 5) == D(2026, 10, 14)
    assert cal.is_working_day(D(2026, 10, 10)) is True  # untouched
    assert cal.last_year == 2026


def test_amendment_of_a_missing_year_is_refused(tmp_path: Path) -> None:
    """An amendment needs its year's arrangement; otherwise the calendar refuses to build."""
    path = tmp_path / "fix.yaml"
    path.write_text(
        "year: 2031\namends: true\nnotices:\n  - {title: x, url: 'https://example.org/x'}\n",
        "utf-8",
    )
    load_arrangement(path)
    with pytest.raises(InputError, match="2031"):
        get_calendar()


def test_invalid_arrangement_file_names_file_line_and_field(tmp_path: Path) -> None:
    """A make-up 'working day' on a weekday is rejected with the file and line."""
    path = tmp_path / "bad.yaml"
    path.write_text(
        "year: 2027\nnotices:\n  - {title: x, url: 'https://example.org/x'}\n"
        "makeup_working_days:\n  - {name: x, date: 2027-01-06}\n",
        "utf-8",
    )
    with pytest.raises(DataFileError) as info:
        load_arrangement(path)
    assert info.value.file == str(path)
    assert info.value.line == 5  # the entry's own line (was the document's, line 1)
    assert info.value.issues[0].field == "makeup_working_days[0]"
    assert "2027-01-06" in str(info.value)


class TestGuangxiOverlay:
    """The Guangxi 壮族三月三 overlay on the national calendar (Liuzhou's calendar)."""

    def test_high_confidence_rest_days_shift_deadlines_without_warning(self) -> None:
        """2024: Apr 11-12 off (high): Wed 4/10 + 1 is Mon 4/15 in Guangxi, Thu 4/11 nationally."""
        assert get_calendar("guangxi").add_working_days(D(2024, 4, 10), 1) == D(2024, 4, 15)
        assert get_calendar("guangxi").add_working_days(D(2024, 4, 10), 1).warnings == ()
        assert get_calendar().add_working_days(D(2024, 4, 10), 1) == D(2024, 4, 11)

    def test_cancelled_national_makeup_day_and_regional_working_day(self) -> None:
        """2017: Sat 4/1 (national make-up day) off in Guangxi; Sat 4/8 worked in Guangxi."""
        gx = get_calendar("guangxi")
        # Wed 3/29 + 1: 3/30, 3/31 regional, 4/1 cancelled make-up, 4/2-4/4 清明 -> Wed 4/5.
        assert gx.add_working_days(D(2017, 3, 29), 1) == D(2017, 4, 5)
        assert get_calendar().add_working_days(D(2017, 3, 29), 1) == D(2017, 3, 30)
        assert gx.add_working_days(D(2017, 4, 7), 1) == D(2017, 4, 8)
        assert get_calendar().add_working_days(D(2017, 4, 7), 1) == D(2017, 4, 10)
        assert gx.day_info(D(2017, 4, 1)).kind == "regional_rest_day"
        assert gx.day_info(D(2017, 4, 8)).kind == "regional_working_day"

    def test_medium_confidence_entries_make_results_say_so(self) -> None:
        """2026: Apr 17 and Apr 20 off (medium): Wed 4/15 + 3 is Wed 4/22, with two warnings."""
        # Thu 4/16 (1), Fri 4/17 regional, weekend, Mon 4/20 regional, Tue 4/21 (2), Wed 4/22 (3).
        result = get_calendar("guangxi").add_working_days(D(2026, 4, 15), 3)
        assert result == D(2026, 4, 22)
        assert len(result.warnings) == 2
        assert all("medium" in w.en for w in result.warnings)
        assert {w.code for w in result.warnings} == {"calendar.regional_confidence"}
        assert result.provisional is False
        assert get_calendar("guangxi").day_info(D(2026, 4, 17)).confidence is Confidence.medium

    def test_unknown_region(self) -> None:
        """An unknown region name is an error listing the known ones."""
        with pytest.raises(UnknownRegionError, match="guangxi"):
            get_calendar("mars")

    def test_user_overlay_file(self, tmp_path: Path) -> None:
        """A user can register an overlay from YAML and get a calendar for it."""
        path = tmp_path / "r.yaml"
        path.write_text(
            "region: testland\nname: 测试地区\nentries:\n"
            "  - {name: 测试, status: rest, date: 2026-10-09, confidence: high, source: test}\n",
            "utf-8",
        )
        load_overlay(path)
        assert get_calendar("testland").is_working_day(D(2026, 10, 9)) is False
        assert get_calendar().is_working_day(D(2026, 10, 9)) is True


@pytest.mark.parametrize(
    ("start", "days", "end"),
    [
        # 9/21 + 10 days = Thu 10/1, a holiday: the period ends the day after the holiday, 10/8.
        (D(2026, 9, 21), 10, D(2026, 10, 8)),
        # 9/30 + 10 days = Sat 10/10, a make-up working day: no roll.
        (D(2026, 9, 30), 10, D(2026, 10, 10)),
        # 3/2 + 5 days = Sat 3/7: rolls to Mon 3/9.
        (D(2026, 3, 2), 5, D(2026, 3, 9)),
        # 3/2 + 3 days = Thu 3/5.
        (D(2026, 3, 2), 3, D(2026, 3, 5)),
    ],
)
def test_calendar_day_periods_roll_over_rest_days(start: dt.date, days: int, end: dt.date) -> None:
    """A calendar-day period ending on a rest day ends on the next working day (第二百零三条)."""
    assert get_calendar().add_calendar_days(start, days) == end


def test_end_of_month_is_a_fixed_date() -> None:
    """'By end of January' is the last day of the month, not rolled over a weekend."""
    cal = get_calendar()
    assert cal.end_of_month(2026, 1) == D(2026, 1, 31)  # a Saturday, not rolled
    assert cal.end_of_month(2024, 2) == D(2024, 2, 29)
    with pytest.raises(InputError):
        cal.end_of_month(2026, 13)


def test_end_instant_is_midnight_in_shanghai() -> None:
    """A deadline day ends at 24:00 Asia/Shanghai, or at the close of business if given."""
    end = get_calendar().end_instant(D(2026, 10, 13))
    assert end.isoformat() == "2026-10-14T00:00:00+08:00"
    assert end.tzinfo is SHANGHAI
    close = get_calendar().end_instant(D(2026, 10, 13), close_of_business=dt.time(17, 30))
    assert close.isoformat() == "2026-10-13T17:30:00+08:00"


class TestArrays:
    """The vectorized form over numpy arrays."""

    def test_matches_hand_computed_dates(self) -> None:
        """Array results equal the hand-computed scalar cases, with n broadcast."""
        days = np.array(["2026-09-30", "2025-03-01", "2026-10-01"], dtype="datetime64[D]")
        out = get_calendar().add_working_days_array(days, 5)
        assert out.tolist() == [D(2026, 10, 13), D(2025, 3, 7), D(2026, 10, 13)]
        out = get_calendar().add_working_days_array(days, np.array([10, 0, 0]))
        assert out.tolist() == [D(2026, 10, 20), D(2025, 3, 3), D(2026, 10, 8)]

    def test_fails_closed(self) -> None:
        """An element that runs past the data raises like the scalar form."""
        days = np.array(["2026-09-30", "2026-12-28"], dtype="datetime64[D]")
        with pytest.raises(CalendarRangeError) as info:
            get_calendar().add_working_days_array(days, 10)
        assert info.value.date == D(2027, 1, 1)
        with pytest.raises(CalendarRangeError):
            get_calendar().add_working_days_array(np.array(["2003-06-01"], "datetime64[D]"), 1)

    def test_uncertain_results_need_the_mask(self) -> None:
        """A result on medium-confidence data raises unless the caller asks for the mask."""
        days = np.array(["2026-04-15", "2026-09-30"], dtype="datetime64[D]")
        gx = get_calendar("guangxi")
        with pytest.raises(InputError, match="uncertain"):
            gx.add_working_days_array(days, 3)
        out, uncertain = gx.add_working_days_array(days, 3, return_uncertain=True)
        assert out.tolist() == [D(2026, 4, 22), D(2026, 10, 10)]
        assert uncertain.tolist() == [True, False]

    def test_bad_counts(self) -> None:
        """Negative or non-integer counts are refused."""
        days = np.array(["2026-09-30"], dtype="datetime64[D]")
        with pytest.raises(InputError):
            get_calendar().add_working_days_array(days, -1)
        with pytest.raises(InputError):
            get_calendar().add_working_days_array(days, 1.5)


def test_a_gap_year_fails_closed(tmp_path: Path) -> None:
    """With 2028 loaded but not 2027, counts through 2027 fail closed, in both forms."""
    path = tmp_path / "2028.yaml"
    path.write_text(
        "year: 2028\nnotices:\n  - {title: 测试, url: 'https://example.org/t'}\n", "utf-8"
    )
    load_arrangement(path)
    cal = get_calendar()
    assert cal.covered_years[-2:] == (2026, 2028)
    with pytest.raises(CalendarRangeError) as info:
        cal.add_working_days(D(2026, 12, 28), 10)
    assert info.value.date == D(2027, 1, 1)
    assert info.value.missing_years == (2027,)
    with pytest.raises(CalendarRangeError):
        cal.is_working_day(D(2027, 6, 1))
    with pytest.raises(CalendarRangeError):
        cal.add_working_days_array(np.array(["2026-12-28"], dtype="datetime64[D]"), 10)
    # Tue 2028-03-14 + 1 = Wed 3/15 (an ordinary week of the loaded year).
    assert cal.add_working_days(D(2028, 3, 14), 1) == D(2028, 3, 15)
    assert cal.add_working_days_array(np.array(["2028-03-14"], "datetime64[D]"), 1).tolist() == [
        D(2028, 3, 15)
    ]
