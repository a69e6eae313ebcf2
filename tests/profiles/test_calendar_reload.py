"""Calendar data loaded at run time reaches profiles already loaded (issue 14, item 1).

A profile loaded by name is cached; it must not keep the calendar it was first used with,
or a later ``load_arrangement``/``load_overlay`` leaves it counting on stale data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from govshare.calendar import get_calendar, load_arrangement, load_overlay, reset
from govshare.errors import CalendarRangeError
from govshare.profiles import load_profile

KEY = "share.conditional.provider_reply"  # 5 working days at provincial level

# A test fixture in the arrangement format (NOT a real notice): 2026-10-09 becomes a rest day.
_AMENDMENT = """\
year: 2026
amends: true
notices:
  - {title: 测试更正, url: 'https://example.org/fix'}
rest_days:
  - {name: 测试, date: 2026-10-09}
"""

# A test fixture in the arrangement format (NOT the real 2027 arrangement).
_YEAR_2027 = """\
year: 2027
notices:
  - {title: 测试用安排, url: 'https://example.org/test-2027'}
rest_days:
  - {name: 元旦, from: 2027-01-01, to: 2027-01-03}
  - {name: 测试假日, date: 2027-01-05}
"""


@pytest.fixture(autouse=True)
def _clean() -> Iterator[None]:
    reset()
    yield
    reset()


def _due(profile_ref: str | Path, start: str) -> dt.date:
    return load_profile(profile_ref).deadline(KEY, start, level="provincial").due


def test_amendment_reaches_a_profile_cached_before_it(tmp_path: Path) -> None:
    # Official 2026: 9/30 + 5 = Thu 10/8 (1), Fri 10/9 (2), Sat 10/10 make-up (3),
    # Mon 10/12 (4), Tue 10/13 (5).
    assert _due("hubei", "2026-09-30") == dt.date(2026, 10, 13)
    path = tmp_path / "fix.yaml"
    path.write_text(_AMENDMENT, "utf-8")
    load_arrangement(path)
    # Amended: 10/8 (1), 10/9 off, 10/10 (2), 10/12 (3), 10/13 (4), Wed 10/14 (5).
    assert _due("hubei", "2026-09-30") == dt.date(2026, 10, 14)
    # The same answer as a profile loaded fresh from its path after the amendment.
    fresh = Path(load_profile("hubei").file)
    assert _due(fresh, "2026-09-30") == dt.date(2026, 10, 14)
    reset()
    assert _due("hubei", "2026-09-30") == dt.date(2026, 10, 13)


def test_amendment_loaded_before_the_profile(tmp_path: Path) -> None:
    path = tmp_path / "fix.yaml"
    path.write_text(_AMENDMENT, "utf-8")
    load_arrangement(path)
    assert _due("hubei", "2026-09-30") == dt.date(2026, 10, 14)


def test_new_year_reaches_a_profile_that_failed_closed(tmp_path: Path) -> None:
    with pytest.raises(CalendarRangeError):
        _due("hubei", "2026-12-28")
    path = tmp_path / "2027.yaml"
    path.write_text(_YEAR_2027, "utf-8")
    load_arrangement(path)
    # 12/29 (1), 12/30 (2), 12/31 (3), 1/1-1/3 off, Mon 1/4 (4), 1/5 off, Wed 1/6 (5).
    assert _due("hubei", "2026-12-28") == dt.date(2027, 1, 6)


def test_overlay_reaches_a_profile_cached_before_it(tmp_path: Path) -> None:
    profile = load_profile("liuzhou")
    region = profile.model.calendar.region
    assert region is not None
    before = profile.calendar
    overlay = get_calendar(region)
    assert before is overlay
    path = tmp_path / "overlay.yaml"
    path.write_text(
        f"region: {region}\nname: 测试\nentries:\n"
        "  - {name: 测试, status: rest, date: 2026-10-09, confidence: official,"
        " source: 测试}\n",
        "utf-8",
    )
    load_overlay(path)
    assert load_profile("liuzhou").calendar.is_working_day("2026-10-09") is False
    reset()
    assert load_profile("liuzhou").calendar.is_working_day("2026-10-09") is True
