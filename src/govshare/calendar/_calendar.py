"""The working-day calendar: an index over every day of the covered years.

Counting conventions (see docs/calendar.md):

- A period in working days starts counting the day after the start (民法典 第二百零一条):
  ``add_working_days(d, n)`` for ``n >= 1`` is the n-th working day strictly after ``d``,
  whatever ``d`` is (a Saturday receipt counts from the next working day).
- ``add_working_days(d, 0)`` is ``d`` if it is a working day, else the next working day.
- ``working_days_between(a, b)`` counts the working days in ``(a, b]``; negative when
  ``b < a``. So ``working_days_between(d, add_working_days(d, n)) == n`` for ``n >= 1``.
- A period in calendar days whose last day is a rest day ends on the next working day
  (民法典 第二百零三条).

The calendar fails closed: any computation that needs a date outside the official data
raises :class:`~govshare.errors.CalendarRangeError`. A provisional calendar fills the years
after the data with rule-based estimates, and every result that depends on them says so.
"""

from __future__ import annotations

import calendar as _stdcal
import datetime as dt
import operator
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, overload

from govshare._kernel.dates import SHANGHAI, DateLike, to_date
from govshare._kernel.messages import Notice
from govshare._kernel.optional import require
from govshare._kernel.vocabulary import label
from govshare.calendar._model import Arrangement, Confidence, DayEntry, Overlay
from govshare.errors import CalendarRangeError, InputError

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

__all__ = ["DayInfo", "DayKind", "WorkCalendar", "WorkDate"]

#: How many years past the official data a provisional calendar estimates.
PROVISIONAL_YEARS = 5

#: New Year arrangements have changed days back to December 29 of the year before
#: (2007-12-29 and 2018-12-29 worked, 2018-12-31 off): until the next year's notice is
#: loaded, December 29-31 of the last covered year may still change.
_AMENDABLE_FROM = 29


def _amendable_warning(d: dt.date) -> Notice:
    return Notice(
        code="calendar.next_year_not_loaded",
        zh=f"{d.isoformat()}：{d.year + 1}年的放假安排尚未载入，而元旦安排曾调整到前一年"
        "12月29日起的日期（2007-12-29、2018-12-29上班，2018-12-31休息），此日期仍可能变化",
        en=f"{d.isoformat()}: the {d.year + 1} arrangement is not loaded, and New Year "
        "arrangements have changed days back to December 29 of the year before "
        "(2007-12-29, 2018-12-29 worked; 2018-12-31 off), so this date may still change",
    )


def _provisional_warning(year: int) -> Notice:
    return Notice(
        code="calendar.provisional_year",
        zh=f"{year}：未载入官方放假安排；工作日按法定节假日规则估算（holidays 包推算），"
        "调休上班日未知（暂定）",
        en=f"{year}: no official arrangement is loaded; working days estimated from "
        "the statutory holiday rules (holidays package projection), make-up "
        "working days unknown (provisional)",
    )


def _dated(d: dt.date, notice: Notice) -> Notice:
    """A day's warning, its date first."""
    day = d.isoformat()
    return Notice(code=notice.code, zh=f"{day}：{notice.zh}", en=f"{day}: {notice.en}")


DayKind = Literal[
    "working_day",  # an ordinary Monday-Friday
    "weekend",  # an ordinary Saturday or Sunday
    "statutory_holiday",  # a rest day of an official arrangement
    "makeup_working_day",  # a weekend day worked by an official arrangement (调休上班)
    "regional_rest_day",  # a rest day added (or a national make-up day cancelled) regionally
    "regional_working_day",  # a working day added regionally
]


class WorkDate(dt.date):
    """A ``datetime.date`` that also says how sure the calendar is of it.

    It compares, hashes and formats like the plain date. ``provisional`` is true when the
    result was computed on estimated calendar data (a year with no published arrangement);
    ``warnings`` explains that and any regional entry below high confidence the result
    depends on. Dates derived from it by arithmetic carry no such information.
    """

    __slots__ = ("_provisional", "_warnings")
    _provisional: bool
    _warnings: tuple[Notice, ...]

    @classmethod
    def _make(
        cls, d: dt.date, provisional: bool = False, warnings: Sequence[Notice] = ()
    ) -> WorkDate:
        out = cls(d.year, d.month, d.day)
        out._provisional = provisional
        out._warnings = tuple(warnings)
        return out

    @property
    def provisional(self) -> bool:
        """True if the result depends on estimated (unofficial) calendar data."""
        return bool(getattr(self, "_provisional", False))

    @property
    def warnings(self) -> tuple[Notice, ...]:
        """Why the result is less than certain (bilingual notices); empty when it rests on
        official data only."""
        return tuple(getattr(self, "_warnings", ()))

    def as_date(self) -> dt.date:
        """The plain ``datetime.date``."""
        return dt.date(self.year, self.month, self.day)


@dataclass(frozen=True, kw_only=True)
class DayInfo:
    """What the calendar knows about one date, and from where."""

    date: dt.date
    working: bool
    kind: DayKind
    name: str | None
    source: str | None
    confidence: Confidence
    provisional: bool


@dataclass(frozen=True, kw_only=True)
class _Note:
    """An explicitly stated day status with its provenance."""

    working: bool
    kind: DayKind
    name: str
    source: str
    confidence: Confidence
    warning: Notice | None = None


def _national_notes(arrangements: Sequence[Arrangement]) -> tuple[dict[dt.date, _Note], set[int]]:
    """Each date's status under the official arrangements; a later full arrangement for a year
    replaces an earlier one, amendments apply date by date in order."""
    base: dict[int, Arrangement] = {}
    amendments: list[Arrangement] = []
    for arr in arrangements:
        if arr.amends:
            amendments.append(arr)
        else:
            base[arr.year] = arr
    for arr in amendments:
        if arr.year not in base:
            raise InputError(
                "arrangement",
                f"{arr.year} ({arr.notices[0].label})",
                f"an amendment of a year whose arrangement is loaded (loaded: {sorted(base)})",
            )
    spans: list[tuple[int, int, _Note]] = []
    for arr in [base[y] for y in sorted(base)] + amendments:
        default = arr.notices[0].label
        stated: tuple[tuple[list[DayEntry], bool, DayKind], ...] = (
            (arr.rest_days, False, "statutory_holiday"),
            (arr.makeup_working_days, True, "makeup_working_day"),
        )
        for entries, working, kind in stated:
            for entry in entries:
                note = _Note(
                    working=working,
                    kind=kind,
                    name=entry.name,
                    source=entry.notice or default,
                    confidence=Confidence.official,
                )
                spans.append((entry.first.toordinal(), entry.last.toordinal(), note))
    return _paint(spans), set(base)


def _paint(
    spans: Sequence[tuple[int, int, _Note]], lo: int | None = None, hi: int | None = None
) -> dict[dt.date, _Note]:
    """Each day's note, a later span winning over an earlier one, clipped to [lo, hi].

    Spans are painted last first and each day is written once (painted runs are skipped
    through a union-find of "next unpainted day"), so the work is proportional to the days
    covered, not to the sum of the spans' lengths.
    """
    out: dict[int, _Note] = {}
    skip: dict[int, int] = {}  # a painted day -> a later day that may be unpainted

    def next_free(day: int) -> int:
        root = day
        while root in skip:
            root = skip[root]
        while day in skip and skip[day] != root:  # path compression
            skip[day], day = root, skip[day]
        return root

    for start, end, note in reversed(spans):
        first = start if lo is None else max(start, lo)
        last = end if hi is None else min(end, hi)
        day = next_free(first)
        while day <= last:
            out[day] = note
            skip[day] = day + 1
            day = next_free(day + 1)
    return {dt.date.fromordinal(day): note for day, note in out.items()}


def _provisional_notes(years: Iterable[int]) -> dict[dt.date, _Note]:
    """Rule-based estimates for years without a published arrangement (holidays package)."""
    holidays = require("holidays", "sources", purpose="a provisional calendar (estimated years)")

    notes: dict[dt.date, _Note] = {}
    estimate = holidays.country_holidays("CN", years=list(years))
    for day, name in sorted(estimate.items()):
        notes[day] = _Note(
            working=False,
            kind="statutory_holiday",
            name=str(name),
            source="holidays package projection (estimate)",
            confidence=Confidence.low,
        )
    for day in sorted(getattr(estimate, "weekend_workdays", ())):
        if day.year in years:
            notes[day] = _Note(
                working=True,
                kind="makeup_working_day",
                name="estimated make-up day",
                source="holidays package projection (estimate)",
                confidence=Confidence.low,
            )
    return notes


def _overlay_notes(overlays: Sequence[Overlay], lo: int, hi: int) -> dict[dt.date, _Note]:
    """Each regional entry's statement on the days [lo, hi] (ordinals), later overlays and
    entries winning."""
    spans: list[tuple[int, int, _Note]] = []
    for overlay in overlays:
        for entry in overlay.entries:
            warning = None
            if entry.confidence.warns:
                status_zh = label("word", entry.status, "zh")
                sure = label("word", f"confidence_{entry.confidence.value}", "zh")
                warning = Notice(
                    code="calendar.regional_confidence",
                    zh=f"{overlay.name.zh}：{entry.name}（{status_zh}）来源可信度为{sure}"
                    f"（来源：{entry.source}）",
                    en=f"{overlay.name.en}: {entry.name} {entry.status} day at "
                    f"{entry.confidence.value} confidence (source: {entry.source})",
                )
            kind: DayKind = (
                "regional_working_day" if entry.status == "working" else "regional_rest_day"
            )
            note = _Note(
                working=entry.status == "working",
                kind=kind,
                name=entry.name,
                source=entry.source,
                confidence=entry.confidence,
                warning=warning,
            )
            spans.append((entry.first.toordinal(), entry.last.toordinal(), note))
    return _paint(spans, lo, hi)


#: Per day: working?; the uncertain days with their warning (None: a provisional year,
#: explained once per year); whether the day lacks official data.
_Scan = tuple[list[bool], list[tuple[int, Notice | None]], list[int]]


def _scan_days(
    base: int,
    size: int,
    *,
    notes: dict[dt.date, _Note],
    uncovered_years: set[int],
    estimated_years: set[int],
    covered: set[int],
) -> _Scan:
    """Per day: working?, its warnings, and whether it lacks official data."""
    working = [False] * size
    uncertain: list[tuple[int, Notice | None]] = []
    uncovered = [0] * size
    for i in range(size):
        d = dt.date.fromordinal(base + i)
        stated = notes.get(d)
        if stated is not None:
            working[i] = stated.working
            if stated.warning:
                uncertain.append((i, _dated(d, stated.warning)))
        elif d.weekday() < 5:
            working[i] = True
        if d.year in uncovered_years:
            uncovered[i] = 1
        elif d.year in estimated_years:
            uncertain.append((i, None))  # explained once per year by WorkCalendar._warnings
        elif d.month == 12 and d.day >= _AMENDABLE_FROM and d.year + 1 not in covered:
            uncertain.append((i, _amendable_warning(d)))
    return working, uncertain, uncovered


@dataclass(frozen=True)
class _Tables:
    """numpy lookup tables for the vectorized form, built on first use."""

    epoch: int  # day index 0 in days since 1970-01-01
    size: int
    after: Any  # position (in days) of the first working day strictly after day i, minus 1
    on_or_after: Any  # position of the first working day on or after day i
    days: Any  # each working day, in days since 1970-01-01
    uncovered_cum: Any
    uncertain_cum: Any
    first_uncovered: int | None
    first_uncertain: int | None


class WorkCalendar:
    """Official working days: national, or national with a regional overlay.

    Build one with :func:`govshare.calendar.get_calendar`. Instances are immutable and
    safe to share between threads.
    """

    __slots__ = (
        "_base",
        "_first_year",
        "_gapless",
        "_last_covered_year",
        "_missing",
        "_notes",
        "_np",
        "_prov_years",
        "_results",
        "_size",
        "_uncertain",
        "_uncertain_cum",
        "_uncertain_keys",
        "_uncovered_cum",
        "_work_cum",
        "_workdays",
        "_working",
        "name",
        "provisional",
        "region",
    )

    def __init__(
        self,
        arrangements: Sequence[Arrangement],
        overlays: Sequence[Overlay] = (),
        *,
        provisional: bool = False,
        name: str = "national",
    ) -> None:
        if not arrangements:
            raise InputError("arrangements", [], "at least one official arrangement")
        notes, covered = _national_notes(arrangements)
        self.name = name
        self.region: str | None = overlays[-1].region if overlays else None
        self.provisional = provisional
        self._first_year = min(covered)
        self._last_covered_year = max(covered)
        last_year = self._last_covered_year + (PROVISIONAL_YEARS if provisional else 0)
        self._missing = tuple(
            y for y in range(self._first_year, self._last_covered_year + 1) if y not in covered
        )
        estimated = set(self._missing) | set(range(self._last_covered_year + 1, last_year + 1))
        self._prov_years = frozenset(estimated) if provisional else frozenset()
        if provisional and estimated:
            for d, note in _provisional_notes(sorted(estimated)).items():
                notes.setdefault(d, note)
        start = dt.date(self._first_year, 1, 1)
        end = dt.date(last_year, 12, 31)
        notes.update(_overlay_notes(overlays, start.toordinal(), end.toordinal()))
        self._base = start.toordinal()
        size = end.toordinal() - self._base + 1
        working, uncertain, uncovered = _scan_days(
            self._base,
            size,
            notes=notes,
            uncovered_years=set() if provisional else estimated,
            estimated_years=estimated,
            covered=covered,
        )
        self._notes = notes
        self._working = working
        self._uncertain = uncertain
        self._uncertain_keys = [i for i, _ in uncertain]
        # Prefix sums: X_cum[i] = count of X among days [0, i).
        self._work_cum = _prefix(working)
        self._uncovered_cum = _prefix(uncovered)
        flags = [0] * size
        for i, _ in uncertain:
            flags[i] = 1
        self._uncertain_cum = _prefix(flags)
        self._workdays = [i for i, w in enumerate(working) if w]
        self._size = size
        self._gapless = not any(uncovered)
        # One shared, certain result object per working day: the fast path returns these.
        self._results = [
            WorkDate._make(dt.date.fromordinal(self._base + i)) for i in self._workdays
        ]
        self._np: Any = None

    # -- coverage -----------------------------------------------------------------------

    @property
    def first_year(self) -> int:
        """The first year of the calendar's data."""
        return self._first_year

    @property
    def last_year(self) -> int:
        """The last year with an official arrangement."""
        return self._last_covered_year

    @property
    def covered_years(self) -> tuple[int, ...]:
        """Every year with an official arrangement."""
        rng = range(self._first_year, self._last_covered_year + 1)
        return tuple(y for y in rng if y not in self._missing)

    @property
    def provisional_years(self) -> tuple[int, ...]:
        """Years estimated by rule (only on a provisional calendar)."""
        return tuple(sorted(self._prov_years))

    def _range_error(self, d: dt.date, operation: str) -> CalendarRangeError:
        last = self._last_covered_year
        return CalendarRangeError(
            d, self._first_year, last, operation=operation, missing_years=self._missing
        )

    def _index(self, value: DateLike, field: str, operation: str) -> int:
        d = to_date(value, field)
        i = d.toordinal() - self._base
        if i < 0 or i >= self._size or self._uncovered_cum[i + 1] - self._uncovered_cum[i]:
            raise self._range_error(d, operation)
        return i

    def _date(self, i: int) -> dt.date:
        return dt.date.fromordinal(self._base + i)

    def _check_span(self, lo: int, hi: int, operation: str) -> None:
        """Fail closed if any day in [lo, hi] is in a year without official data."""
        if lo > hi:
            return
        if self._uncovered_cum[hi + 1] - self._uncovered_cum[lo]:
            first = next(
                i for i in range(lo, hi + 1) if self._uncovered_cum[i + 1] - self._uncovered_cum[i]
            )
            raise self._range_error(self._date(first), operation)

    def _warnings(self, lo: int, hi: int) -> tuple[Notice, ...]:
        """The warnings of the uncertain days in [lo, hi]."""
        if lo > hi or not self._uncertain_cum[hi + 1] - self._uncertain_cum[lo]:
            return ()
        keys = self._uncertain_keys
        out: list[Notice] = []
        seen_years: set[int] = set()
        for i, notice in self._uncertain[bisect_left(keys, lo) : bisect_right(keys, hi)]:
            if notice is not None:
                out.append(notice)
            else:
                year = self._date(i).year
                if year not in seen_years:
                    seen_years.add(year)
                    out.append(_provisional_warning(year))
        return tuple(out)

    def _provisional_in(self, lo: int, hi: int) -> bool:
        if not self._prov_years or lo > hi:
            return False
        return any(
            y in self._prov_years for y in range(self._date(lo).year, self._date(hi).year + 1)
        )

    # -- single dates -------------------------------------------------------------------

    def is_working_day(self, d: DateLike) -> bool:
        """Whether ``d`` is an official working day (in Asia/Shanghai)."""
        return self._working[self._index(d, "date", "is_working_day")]

    def day_info(self, d: DateLike) -> DayInfo:
        """What the calendar knows about ``d``: working or not, why, and from which source."""
        i = self._index(d, "date", "day_info")
        day = self._date(i)
        note = self._notes.get(day)
        provisional = day.year in self._prov_years
        if note is None:
            conf = Confidence.low if provisional else Confidence.official
            kind: DayKind = "working_day" if day.weekday() < 5 else "weekend"
            return DayInfo(
                date=day,
                working=self._working[i],
                kind=kind,
                name=None,
                source=None,
                confidence=conf,
                provisional=provisional,
            )
        return DayInfo(
            date=day,
            working=note.working,
            kind=note.kind,
            name=note.name,
            source=note.source,
            confidence=note.confidence,
            provisional=provisional,
        )

    def add_working_days(self, start: DateLike, n: int) -> WorkDate:
        """The n-th working day after ``start`` (``n >= 0``); see the module conventions.

        Raises:
            CalendarRangeError: the count runs outside the official data.
            InputError: ``start`` is not date-like, or ``n`` is not a non-negative integer.
        """
        if type(n) is not int or n < 0:
            n = _count(n, "a whole number of working days >= 0")
        if type(start) is dt.date and self._gapless:
            i = start.toordinal() - self._base
            if i < 0 or i >= self._size:
                raise self._range_error(start, "add_working_days")
        else:
            i = self._index(start, "start", "add_working_days")
        return self._nth(i, n, "add_working_days")

    def _nth(self, i: int, n: int, operation: str) -> WorkDate:
        """The n-th working day after day index ``i`` (n = 0: ``i`` or the next working day)."""
        pos = self._work_cum[i + 1] - 1 + (n if n >= 1 else (0 if self._working[i] else 1))
        if pos >= len(self._workdays):
            raise self._range_error(self._date(self._size), f"{operation}({self._date(i)}, {n})")
        j = self._workdays[pos]
        lo = i + 1 if n >= 1 else i
        if not self._gapless and self._uncovered_cum[j + 1] - self._uncovered_cum[lo]:
            self._check_span(lo, j, f"{operation}({self._date(i)}, {n})")
        if self._uncertain_cum[j + 1] - self._uncertain_cum[lo]:
            return WorkDate._make(self._date(j), self._provisional_in(lo, j), self._warnings(lo, j))
        return self._results[pos]

    def working_days_between(self, a: DateLike, b: DateLike) -> int:
        """The number of working days in ``(a, b]``; negative (of ``(b, a]``) when ``b < a``."""
        i = self._index(a, "a", "working_days_between")
        j = self._index(b, "b", "working_days_between")
        lo, hi = (i, j) if i <= j else (j, i)
        self._check_span(lo + 1, hi, "working_days_between")
        count = self._work_cum[hi + 1] - self._work_cum[lo + 1]
        return count if i <= j else -count

    def warnings_between(self, a: DateLike, b: DateLike) -> tuple[Notice, ...]:
        """The warnings (provisional years, low-confidence regional days) of days in ``[a, b]``."""
        i = self._index(a, "a", "warnings_between")
        j = self._index(b, "b", "warnings_between")
        return self._warnings(min(i, j), max(i, j))

    # -- calendar-day periods -----------------------------------------------------------

    def add_calendar_days(self, start: DateLike, n: int) -> WorkDate:
        """The last day of a period of ``n`` calendar days from ``start`` (start not counted).

        If that day is a rest day, the period ends on the next working day
        (民法典 第二百零三条: 期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日).
        """
        n = _count(n, "a whole number of calendar days >= 0")
        d = to_date(start, "start")
        end = d + dt.timedelta(days=n)
        # The last day, or, if it is a rest day, the first working day after it: step 0.
        return self._nth(self._index(end, "date", "add_calendar_days"), 0, "add_calendar_days")

    @staticmethod
    def end_of_month(year: int, month: int) -> dt.date:
        """The last calendar day of a month: "by end of January" is a date, not a period.

        It is not rolled forward over rest days: a fixed date (期日) is not a period.
        """
        if not 1 <= month <= 12:
            raise InputError("month", month, "a month number 1-12")
        return dt.date(year, month, _stdcal.monthrange(year, month)[1])

    @staticmethod
    def end_instant(day: DateLike, *, close_of_business: dt.time | None = None) -> dt.datetime:
        """The instant a deadline day ends, in Asia/Shanghai (民法典 第二百零三条).

        At 24:00, given as 00:00 of the next day: an act is on time if it happens before
        this instant. With ``close_of_business``, the time business stops that day.
        """
        d = to_date(day, "day")
        if close_of_business is not None:
            return dt.datetime.combine(d, close_of_business.replace(tzinfo=None), tzinfo=SHANGHAI)
        nxt = d + dt.timedelta(days=1)
        return dt.datetime(nxt.year, nxt.month, nxt.day, tzinfo=SHANGHAI)

    # -- vectorized ---------------------------------------------------------------------

    def _arrays(self) -> _Tables:
        if self._np is None:
            np = require("numpy", "numpy", purpose="WorkCalendar.add_working_days_array")
            epoch = self._base - dt.date(1970, 1, 1).toordinal()
            cum = np.asarray(self._work_cum, dtype=np.int64)
            uncovered = [i for i, v in enumerate(self._uncovered_cum[1:]) if v]
            uncertain = [i for i, _ in self._uncertain]
            self._np = _Tables(
                epoch=epoch,
                size=self._size,
                # pos of the first working day strictly after day i, and on/after day i
                after=(cum[1:] - 1).astype(np.int32),
                on_or_after=cum[:-1].astype(np.int32),
                days=np.asarray(self._workdays, dtype=np.int64) + epoch,
                uncovered_cum=np.asarray(self._uncovered_cum, dtype=np.int64),
                uncertain_cum=np.asarray(self._uncertain_cum, dtype=np.int64),
                first_uncovered=uncovered[0] if uncovered else None,
                first_uncertain=uncertain[0] if uncertain else None,
            )
        return self._np  # type: ignore[no-any-return]

    @overload
    def add_working_days_array(
        self,
        dates: npt.ArrayLike,
        n: npt.ArrayLike,
        *,
        return_uncertain: Literal[False] = ...,
    ) -> np.ndarray[Any, np.dtype[np.datetime64]]: ...

    @overload
    def add_working_days_array(
        self,
        dates: npt.ArrayLike,
        n: npt.ArrayLike,
        *,
        return_uncertain: Literal[True],
    ) -> tuple[np.ndarray[Any, np.dtype[np.datetime64]], np.ndarray[Any, np.dtype[np.bool_]]]: ...

    def add_working_days_array(
        self,
        dates: npt.ArrayLike,
        n: npt.ArrayLike,
        *,
        return_uncertain: bool = False,
    ) -> Any:
        """:meth:`add_working_days` over numpy arrays (``datetime64[D]`` or anything numpy
        converts to it; ``n`` an integer or an integer array broadcast against ``dates``).

        Fails closed like the scalar form. On a calendar whose results may be uncertain
        (provisional years, low-confidence regional days), pass ``return_uncertain=True`` to
        get ``(result, uncertain_mask)``; without it such a result raises, so that no estimate
        passes silently. Needs the ``numpy`` extra.
        """
        np = require("numpy", "numpy", purpose="WorkCalendar.add_working_days_array")
        t = self._arrays()
        op = "add_working_days_array"
        try:
            days = np.asarray(dates, dtype="datetime64[D]")
        except (TypeError, ValueError) as exc:
            raise InputError(
                "dates", dates, f"dates numpy can read as datetime64[D] ({exc})"
            ) from None
        counts = np.asarray(n)
        if counts.dtype.kind not in "iu":
            raise InputError("n", n, "integer working-day counts >= 0")
        if counts.size and int(counts.max()) >= len(t.days):
            # Past the last working day of the data (also: unsigned counts >= 2**63, which
            # would wrap to negative in int64 arithmetic).
            raise self._range_error(self._date(t.size), op)
        idx = days.view(np.int64) - t.epoch
        if idx.size and (idx.min() < 0 or idx.max() >= t.size):
            bad = (idx < 0) | (idx >= t.size)
            raise self._range_error(_np_date(days, idx, bad, np), op)
        idx, pos, lo = _positions(t, idx, counts, n)
        if pos.size and pos.max() >= len(t.days):
            raise self._range_error(self._date(t.size), op)
        out = t.days.take(pos)
        uncertain = self._array_checks(t, out, idx, lo, raise_uncertain=not return_uncertain)
        result = out.view("datetime64[D]")
        if return_uncertain:
            if uncertain is None:
                uncertain = np.zeros(result.shape, dtype=bool)
            return result, uncertain
        return result

    def _array_checks(
        self, t: _Tables, out: Any, idx: Any, shift: Any, *, raise_uncertain: bool
    ) -> Any:
        """Fail closed on uncovered days; flag (or refuse) results on uncertain days."""
        import numpy as np  # noqa: PLC0415 - optional dependency

        op = "add_working_days_array"
        if not out.size or (t.first_uncovered is None and t.first_uncertain is None):
            return None
        last = int(out.max()) - t.epoch
        if last < min(x for x in (t.first_uncovered, t.first_uncertain) if x is not None):
            return None
        out_idx = out - t.epoch
        lo = idx + shift
        if t.first_uncovered is not None and last >= t.first_uncovered:
            gaps = t.uncovered_cum.take(out_idx + 1) - t.uncovered_cum.take(lo) > 0
            if gaps.any():
                k = int(np.flatnonzero(gaps.ravel())[0])
                self._check_span(int(lo.ravel()[k]), int(out_idx.ravel()[k]), op)
        if t.first_uncertain is None or last < t.first_uncertain:
            return None
        uncertain = t.uncertain_cum.take(out_idx + 1) - t.uncertain_cum.take(lo) > 0
        if raise_uncertain and uncertain.any():
            k = int(np.flatnonzero(uncertain.ravel())[0])
            first = self._warnings(int(lo.ravel()[k]), int(out_idx.ravel()[k]))
            raise InputError(
                "return_uncertain",
                False,
                "True: some results depend on uncertain calendar data "
                f"({'; '.join(w.en for w in first) or 'provisional'})",
            )
        return uncertain

    def __repr__(self) -> str:
        prov = ", provisional" if self.provisional else ""
        return f"<WorkCalendar {self.name} {self._first_year}-{self._last_covered_year}{prov}>"


def _count(n: object, expected: str) -> int:
    """A non-negative whole number (int or numpy integer, not bool), or InputError."""
    if isinstance(n, bool):
        raise InputError("n", n, expected)
    try:
        value = operator.index(n)  # type: ignore[arg-type]
    except TypeError:
        raise InputError("n", n, expected) from None
    if value < 0:
        raise InputError("n", n, expected)
    return value


def _positions(t: _Tables, idx: Any, counts: Any, n: object) -> tuple[Any, Any, Any]:
    """Positions (in the working-day table) of the results, and the offset from each start
    to the first day its count depends on (1 for n >= 1, 0 for n = 0; scalar or array)."""
    import numpy as np  # noqa: PLC0415 - optional dependency

    if counts.ndim == 0:
        k = int(counts)
        if k < 0:
            raise InputError("n", k, "integer working-day counts >= 0")
        if k >= 1:
            pos = t.after.take(idx)
            pos += k
            return idx, pos, 1
        return idx, t.on_or_after.take(idx), 0
    if counts.size and counts.min() < 0:
        raise InputError("n", int(counts.min()), "integer working-day counts >= 0")
    idx, counts = np.broadcast_arrays(idx, counts.astype(np.int64))
    pos = np.where(counts >= 1, t.after.take(idx) + counts, t.on_or_after.take(idx))
    return idx, pos, (counts >= 1).astype(np.int64)


def _prefix(values: Sequence[int] | Sequence[bool]) -> list[int]:
    out = [0] * (len(values) + 1)
    total = 0
    for k, v in enumerate(values):
        total += int(v)
        out[k + 1] = total
    return out


def _np_date(days: Any, idx: Any, bad: Any, np: Any) -> dt.date:
    k = int(np.flatnonzero(np.broadcast_to(bad, idx.shape).ravel())[0])
    value = np.broadcast_to(days, idx.shape).ravel()[k]
    if np.isnat(value):
        raise InputError("dates", "NaT", "real dates (NaT found)")
    return dt.date.fromisoformat(str(value))
