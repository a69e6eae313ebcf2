"""Cross-source check of every date 2004-2026 against three independent compilations.

Sources: the chinese-calendar package, the holidays package, and the holiday-cn files in
../shared/calendar/holiday-cn (2007-2026). Every date on which any source disagrees with
govshare must be listed in KNOWN_DISAGREEMENTS with the notice that settles it, so a new,
unexplained disagreement (or a fixed one) fails the test.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import NamedTuple

import chinese_calendar
import holidays
import pytest

from govshare.calendar import get_calendar

FIRST = dt.date(2004, 1, 1)
LAST = dt.date(2026, 12, 31)


class Resolution(NamedTuple):
    """What the official notice says about a date on which the sources disagree."""

    working: bool
    wrong_sources: frozenset[str]
    notice: str
    quote: str


#: Every known disagreement, resolved by the notice's own words.
KNOWN_DISAGREEMENTS: dict[dt.date, Resolution] = {
    dt.date(2005, 12, 31): Resolution(
        working=True,
        wrong_sources=frozenset({"chinese_calendar"}),
        notice="国办发明电〔2005〕35号 (国务院办公厅关于2006年部分节假日安排的通知)",
        quote="12月31日（星期六）上班",
    ),
}


def _holiday_cn(shared: Path) -> dict[dt.date, bool]:
    out: dict[dt.date, bool] = {}
    for path in sorted((shared / "calendar" / "holiday-cn").glob("*.json")):
        for day in json.loads(path.read_text("utf-8"))["days"]:
            out[dt.date.fromisoformat(day["date"])] = not day["isOffDay"]
    return out


def _all_days() -> list[dt.date]:
    return [FIRST + dt.timedelta(days=i) for i in range((LAST - FIRST).days + 1)]


def test_holiday_cn_covers_2007_to_2026(shared_dir: Path) -> None:
    """The third source really has one file per year 2007-2026 (so the comparison is real)."""
    years = sorted(int(p.stem) for p in (shared_dir / "calendar" / "holiday-cn").glob("*.json"))
    assert years == list(range(2007, 2027))


def test_every_date_agrees_or_is_a_documented_disagreement(shared_dir: Path) -> None:
    """Each date 2004-2026 matches all three sources, except the cited, resolved ones."""
    cal = get_calendar()
    hol = holidays.country_holidays("CN", years=range(2004, 2027))
    hcn = _holiday_cn(shared_dir)
    found: dict[dt.date, set[str]] = {}
    for d in _all_days():
        ours = cal.is_working_day(d)
        theirs = {
            "chinese_calendar": bool(chinese_calendar.is_workday(d)),
            "holidays": hol.is_working_day(d),
        }
        if d.year >= 2007:
            theirs["holiday-cn"] = hcn.get(d, d.weekday() < 5)
        wrong = {name for name, value in theirs.items() if value != ours}
        if wrong:
            found[d] = wrong
    unexplained = {
        d: wrong
        for d, wrong in found.items()
        if d not in KNOWN_DISAGREEMENTS or KNOWN_DISAGREEMENTS[d].wrong_sources != wrong
    }
    assert unexplained == {}, "new disagreements between sources: resolve and document them"
    assert set(found) == set(KNOWN_DISAGREEMENTS), "a documented disagreement no longer occurs"


@pytest.mark.parametrize(("day", "resolution"), sorted(KNOWN_DISAGREEMENTS.items()))
def test_documented_disagreements_follow_the_notice(day: dt.date, resolution: Resolution) -> None:
    """On each disputed date govshare says what the notice says."""
    assert get_calendar().is_working_day(day) is resolution.working
