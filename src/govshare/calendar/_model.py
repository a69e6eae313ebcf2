"""The data formats of the calendar: official arrangements and regional overlays.

Both are small YAML files validated by these models (``extra="forbid"``). Make-up days
are data, not rules: each date's status is stated explicitly, with its source.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

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

    def dates(self) -> list[dt.date]:
        """Every date the entry covers, in order."""
        if self.date is not None:
            return [self.date]
        assert self.from_ is not None and self.to is not None  # noqa: PT018 - checked above
        days = (self.to - self.from_).days
        return [self.from_ + dt.timedelta(days=i) for i in range(days + 1)]


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
    year: Annotated[int, Field(ge=1949, le=2200)]
    notices: Annotated[list[Notice], Field(min_length=1)]
    amends: bool = False
    rest_days: list[DayEntry] = Field(default_factory=list)
    makeup_working_days: list[DayEntry] = Field(default_factory=list)
    note: str | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Arrangement:
        labels = {n.label for n in self.notices} | {n.title for n in self.notices}
        labels |= {n.number for n in self.notices if n.number}
        rest: set[dt.date] = set()
        for entry in self.rest_days:
            for d in entry.dates():
                if abs(d.year - self.year) > 1:
                    raise ValueError(f"rest day {d} is far from the arrangement's year {self.year}")
                rest.add(d)
        for entry in self.makeup_working_days:
            for d in entry.dates():
                if d.weekday() < 5:
                    raise ValueError(
                        f"make-up working day {d} is a {d.strftime('%A')}; make-up days are "
                        "weekend days (a weekday is a working day already)"
                    )
                if d in rest:
                    raise ValueError(f"{d} is listed both as a rest day and a make-up working day")
                if abs(d.year - self.year) > 1:
                    raise ValueError(
                        f"make-up day {d} is far from the arrangement's year {self.year}"
                    )
        for entry in (*self.rest_days, *self.makeup_working_days):
            if entry.notice is not None and entry.notice not in labels:
                raise ValueError(f"entry {entry.name!r} cites notice {entry.notice!r}, not listed")
        return self


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
        DayEntry.model_validate(
            {"name": self.name, "date": self.date, "from": self.from_, "to": self.to}
        )
        return self

    def dates(self) -> list[dt.date]:
        """Every date the entry covers, in order."""
        return DayEntry.model_validate(
            {"name": self.name, "date": self.date, "from": self.from_, "to": self.to}
        ).dates()


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
    entries: list[OverlayEntry] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _plain_name(cls, data: object) -> object:
        if isinstance(data, dict) and isinstance(data.get("name"), str):
            name, region = data["name"], data.get("region")
            return {**data, "name": {"zh": name, "en": region if isinstance(region, str) else name}}
        return data
