"""The data formats of the calendar: official arrangements and regional overlays.

Both are small YAML files validated by these models (``extra="forbid"``). Make-up days
are data, not rules: each date's status is stated explicitly, with its source.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Iterator
from enum import Enum
from typing import Annotated, Literal, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from govshare._kernel.limits import LIMITS
from govshare._kernel.model import Label

__all__ = [
    "Arrangement",
    "Confidence",
    "DayEntry",
    "Notice",
    "Overlay",
    "OverlayEntry",
]

_Strict = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

_E = TypeVar("_E")
#: A list of calendar entries, at most ``LIMITS.calendar_entries`` long.
_Entries = Annotated[list[_E], Field(max_length=LIMITS.calendar_entries)]


class Confidence(str, Enum):
    """How sure the source is that a calendar entry is right.

    ``official``: taken from the issuing government's own notice. The others grade
    secondary sources (reproductions, news pages); anything below ``high`` makes every
    result that depends on the entry carry a warning.
    """

    official = "official"
    high = "high"
    medium_high = "medium-high"
    medium = "medium"
    medium_low = "medium-low"
    low = "low"

    @property
    def warns(self) -> bool:
        """Whether results depending on an entry of this confidence must say so."""
        return self not in (Confidence.official, Confidence.high)


class Notice(BaseModel):
    """The official notice that sets (part of) a year's arrangement."""

    model_config = _Strict

    number: Annotated[str, Field(min_length=1)] | None = Field(
        default=None, description="文号, e.g. 国办发明电〔2025〕7号"
    )
    title: Annotated[str, Field(min_length=1)]
    url: Annotated[str, Field(pattern=r"^https?://\S+$")]
    issued: dt.date | None = None

    @property
    def label(self) -> str:
        """The number if there is one, else the title."""
        return self.number or self.title


class DayEntry(BaseModel):
    """One date, or an inclusive range of dates, with the name of the holiday it belongs to."""

    model_config = _Strict

    name: Annotated[str, Field(min_length=1)]
    date: dt.date | None = None
    from_: dt.date | None = Field(default=None, alias="from")
    to: dt.date | None = None
    notice: str | None = Field(
        default=None, description="number or title of the notice, if not the file's first"
    )

    @model_validator(mode="after")
    def _one_form(self) -> DayEntry:
        if self.date is not None and (self.from_ is not None or self.to is not None):
            raise ValueError("give either 'date' or 'from'/'to', not both")
        if self.date is None and (self.from_ is None or self.to is None):
            raise ValueError("give 'date', or both 'from' and 'to'")
        if self.from_ is not None and self.to is not None and self.to < self.from_:
            raise ValueError(f"'to' ({self.to}) is before 'from' ({self.from_})")
        return self

    @property
    def first(self) -> dt.date:
        """The first date the entry covers."""
        return self.date if self.date is not None else self.from_  # type: ignore[return-value]

    @property
    def last(self) -> dt.date:
        """The last date the entry covers."""
        return self.date if self.date is not None else self.to  # type: ignore[return-value]

    def dates(self) -> list[dt.date]:
        """Every date the entry covers, in order."""
        return list(_days(self.first, self.last))


class Arrangement(BaseModel):
    """A year's official arrangement of rest days and make-up working days.

    ``rest_days`` are the holiday periods as the notice states them (weekend days inside a
    period may be listed, they are rest days anyway); ``makeup_working_days`` are the
    weekend days worked instead (调休上班). Loaded for a year the calendar already has, an
    arrangement replaces that year's data, unless ``amends`` is true: then its entries
    override the existing ones date by date (a correction or an extension notice).
    """

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    schema_: Literal["govshare-arrangement/1"] = Field(
        default="govshare-arrangement/1", alias="schema"
    )
    year: Annotated[int, Field(ge=LIMITS.calendar_first_year, le=LIMITS.calendar_last_year)]
    notices: Annotated[list[Notice], Field(min_length=1)]
    amends: bool = False
    rest_days: _Entries[DayEntry] = Field(default_factory=list)
    makeup_working_days: _Entries[DayEntry] = Field(default_factory=list)
    note: str | None = None

    @field_validator("rest_days")
    @classmethod
    def _rest_near_year(cls, entries: list[DayEntry], info: ValidationInfo) -> list[DayEntry]:
        year = info.data.get("year")
        if year is None:
            return entries
        problems: list[tuple[int, str]] = []
        for i, entry in enumerate(entries):
            far = _far_from(entry, year)
            if far is not None:
                problems.append((i, f"rest day {far} is far from the arrangement's year {year}"))
        return _checked(entries, problems)

    @field_validator("makeup_working_days")
    @classmethod
    def _makeup_days(cls, entries: list[DayEntry], info: ValidationInfo) -> list[DayEntry]:
        year = info.data.get("year")
        rest = _merged(info.data.get("rest_days") or [])
        starts = [lo for lo, _ in rest]
        problems: list[tuple[int, str]] = []
        for i, entry in enumerate(entries):
            # Any three days in a row include a weekday, so this loop stops early.
            for d in _days(entry.first, entry.last):
                problem = None
                if d.weekday() < 5:
                    problem = (
                        f"make-up working day {d} is a {d.strftime('%A')}; make-up days are "
                        "weekend days (a weekday is a working day already)"
                    )
                elif _within(rest, starts, d.toordinal()):
                    problem = f"{d} is listed both as a rest day and a make-up working day"
                elif year is not None and abs(d.year - year) > 1:
                    problem = f"make-up day {d} is far from the arrangement's year {year}"
                if problem is not None:
                    problems.append((i, problem))
                    break
        return _checked(entries, problems)

    @model_validator(mode="after")
    def _consistent(self) -> Arrangement:
        labels = {n.label for n in self.notices} | {n.title for n in self.notices}
        labels |= {n.number for n in self.notices if n.number}
        for entry in (*self.rest_days, *self.makeup_working_days):
            if entry.notice is not None and entry.notice not in labels:
                raise ValueError(f"entry {entry.name!r} cites notice {entry.notice!r}, not listed")
        return self


def _days(first: dt.date, last: dt.date) -> Iterator[dt.date]:
    for ordinal in range(first.toordinal(), last.toordinal() + 1):
        yield dt.date.fromordinal(ordinal)


def _far_from(entry: DayEntry, year: int) -> dt.date | None:
    """The first date of the entry more than a year from ``year``, if any (no day loop)."""
    if entry.first.year < year - 1:
        return entry.first
    if entry.last.year > year + 1:
        return max(entry.first, dt.date(year + 2, 1, 1))
    return None


def _merged(entries: list[DayEntry]) -> list[tuple[int, int]]:
    """The days of the entries as sorted, disjoint ordinal ranges."""
    out: list[tuple[int, int]] = []
    for lo, hi in sorted((e.first.toordinal(), e.last.toordinal()) for e in entries):
        if out and lo <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def _within(spans: list[tuple[int, int]], starts: list[int], ordinal: int) -> bool:
    k = bisect_right(starts, ordinal) - 1
    return k >= 0 and spans[k][1] >= ordinal


def _checked(entries: list[DayEntry], problems: list[tuple[int, str]]) -> list[DayEntry]:
    """Raise the problems found, each at its entry's index (so the error has its line)."""
    if not problems:
        return entries
    raise ValidationError.from_exception_data(
        "calendar entries",
        [
            InitErrorDetails(
                type=PydanticCustomError("calendar_entry", "{problem}", {"problem": problem}),
                loc=(i,),
                input=entries[i].model_dump(mode="json", by_alias=True, exclude_none=True),
            )
            for i, problem in problems
        ],
    )


class OverlayEntry(BaseModel):
    """A regional change to the national calendar, with its source and confidence."""

    model_config = _Strict

    name: Annotated[str, Field(min_length=1)]
    status: Literal["rest", "working"]
    date: dt.date | None = None
    from_: dt.date | None = Field(default=None, alias="from")
    to: dt.date | None = None
    confidence: Confidence
    source: Annotated[str, Field(min_length=1)]
    note: str | None = None

    @model_validator(mode="after")
    def _one_form(self) -> OverlayEntry:
        days = self._days()
        first, last = LIMITS.calendar_first_year, LIMITS.calendar_last_year
        for d in (days.first, days.last):
            if not first <= d.year <= last:
                raise ValueError(f"{d} is outside the years a calendar can cover ({first}-{last})")
        return self

    def _days(self) -> DayEntry:
        return DayEntry.model_validate(
            {"name": self.name, "date": self.date, "from": self.from_, "to": self.to}
        )

    @property
    def first(self) -> dt.date:
        """The first date the entry covers."""
        return self._days().first

    @property
    def last(self) -> dt.date:
        """The last date the entry covers."""
        return self._days().last

    def dates(self) -> list[dt.date]:
        """Every date the entry covers, in order."""
        return list(_days(self.first, self.last))


class Overlay(BaseModel):
    """A regional calendar layered on the national one.

    Entries add rest days, cancel national make-up working days (``status: rest`` on a
    make-up day), or add regional working days (``status: working``). ``name`` is the
    region's display name, ``{zh: ..., en: ...}``; a plain string is taken as the Chinese
    name, with the region id as the English one.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    schema_: Literal["govshare-overlay/1"] = Field(default="govshare-overlay/1", alias="schema")
    region: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_-]*$")]
    name: Label
    description: str | None = None
    entries: _Entries[OverlayEntry] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _plain_name(cls, data: object) -> object:
        if isinstance(data, dict) and isinstance(data.get("name"), str):
            name, region = data["name"], data.get("region")
            return {**data, "name": {"zh": name, "en": region if isinstance(region, str) else name}}
        return data
