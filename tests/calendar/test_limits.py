"""Date ranges in calendar files are bounded, and cost what they cover (issue 14, item 2)."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from govshare._kernel.limits import LIMITS
from govshare.calendar import get_calendar, load_arrangement, load_overlay, reset
from govshare.errors import CalendarRangeError, DataFileError

D = dt.date


@pytest.fixture(autouse=True)
def _clean() -> Iterator[None]:
    reset()
    yield
    reset()


def _overlay(tmp_path: Path, entries: list[str]) -> Path:
    path = tmp_path / "overlay.yaml"
    body = "".join(
        f"  - {{name: x{i}, status: rest, {e}, confidence: official, source: s}}\n"
        for i, e in enumerate(entries)
    )
    path.write_text(f"region: testland\nname: 测试\nentries:\n{body}", "utf-8")
    return path


def test_overlay_range_outside_the_supported_years_names_file_and_line(tmp_path: Path) -> None:
    path = _overlay(tmp_path, ["date: 2026-10-09", "from: 0001-01-01, to: 9999-12-31"])
    started = time.perf_counter()
    with pytest.raises(DataFileError) as info:
        load_overlay(path)
    assert time.perf_counter() - started < 1
    assert info.value.file == str(path)
    assert info.value.line == 5  # the second entry
    assert info.value.issues[0].field == "entries[1]"
    assert "0001-01-01" in str(info.value)
    assert f"{LIMITS.calendar_first_year}-{LIMITS.calendar_last_year}" in str(info.value)


def test_long_overlay_ranges_cost_what_the_calendar_covers(tmp_path: Path) -> None:
    first, last = LIMITS.calendar_first_year, LIMITS.calendar_last_year
    whole = f"from: {first}-01-01, to: {last}-12-31"
    path = _overlay(tmp_path, [whole] * 20 + ["date: 2026-10-09"])
    started = time.perf_counter()
    load_overlay(path)
    cal = get_calendar("testland")
    assert time.perf_counter() - started < 2
    # Every day is a rest day; the last entry (a single day) is the one 2026-10-09 names.
    assert cal.is_working_day("2026-10-08") is False
    assert cal.day_info("2026-10-09").name == "x20"
    assert cal.day_info("2026-10-08").name == "x19"  # later entries win


def _arrangement(tmp_path: Path, entries: int) -> Path:
    path = tmp_path / "arr.yaml"
    lines = [
        "year: 2026",
        "amends: true",
        "notices:",
        "  - {title: 测试, url: 'https://example.org/x'}",
        "rest_days:",
    ]
    lines += [f"  - {{name: r{i}, from: 2025-01-01, to: 2027-12-31}}" for i in range(entries)]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def test_arrangement_of_many_long_entries_loads_fast(tmp_path: Path) -> None:
    path = _arrangement(tmp_path, LIMITS.calendar_entries)
    started = time.perf_counter()
    load_arrangement(path)
    cal = get_calendar()
    assert time.perf_counter() - started < 1.5
    assert cal.is_working_day("2026-03-02") is False  # a Monday, now a rest day
    assert cal.day_info("2026-03-02").name == f"r{LIMITS.calendar_entries - 1}"


def test_too_many_entries_are_refused_by_the_documented_limit(tmp_path: Path) -> None:
    path = _arrangement(tmp_path, LIMITS.calendar_entries + 1)
    with pytest.raises(DataFileError) as info:
        load_arrangement(path)
    assert info.value.issues[0].field == "rest_days"
    assert str(LIMITS.calendar_entries) in str(info.value)


def test_rest_range_far_from_the_year_names_its_entry(tmp_path: Path) -> None:
    path = tmp_path / "arr.yaml"
    path.write_text(
        "year: 2026\nnotices:\n  - {title: 测试, url: 'https://example.org/x'}\n"
        "rest_days:\n  - {name: a, date: 2026-10-09}\n"
        "  - {name: b, from: 2026-12-01, to: 9999-12-31}\n",
        "utf-8",
    )
    with pytest.raises(DataFileError) as info:
        load_arrangement(path)
    assert info.value.line == 6
    assert info.value.issues[0].field == "rest_days[1]"
    assert "rest day 2028-01-01 is far from the arrangement's year 2026" in str(info.value)


def test_long_makeup_range_is_refused_at_its_first_weekday(tmp_path: Path) -> None:
    path = tmp_path / "arr.yaml"
    path.write_text(
        "year: 2026\nnotices:\n  - {title: 测试, url: 'https://example.org/x'}\n"
        "makeup_working_days:\n  - {name: a, from: 2026-10-10, to: 9999-12-31}\n",
        "utf-8",
    )
    started = time.perf_counter()
    with pytest.raises(DataFileError) as info:
        load_arrangement(path)
    assert time.perf_counter() - started < 1
    # Sat 10/10, Sun 10/11, Mon 10/12: the Monday is the first weekday.
    assert "2026-10-12 is a Monday" in str(info.value)
    assert info.value.line == 5


@pytest.mark.parametrize("count", [2**63, 2**64 - 1])
def test_huge_unsigned_counts_fail_closed(count: int) -> None:
    np = pytest.importorskip("numpy")
    cal = get_calendar()
    starts = np.array(["2026-01-05", "2026-01-05"], dtype="datetime64[D]")
    with pytest.raises(CalendarRangeError):
        cal.add_working_days_array(starts, np.array([1, count], dtype=np.uint64))
    with pytest.raises(CalendarRangeError):
        cal.add_working_days_array(starts, np.uint64(count))
    # Small unsigned counts still work: Mon 1/5 + 3 = Thu 1/8.
    assert str(cal.add_working_days_array(starts, np.uint64(3))[0]) == "2026-01-08"
