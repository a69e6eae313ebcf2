"""The self-check's results: typed, frozen, registered as the ``govshare-selfcheck/1`` JSON."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from pydantic import computed_field

from govshare._kernel.messages import Notice
from govshare._kernel.model import Label
from govshare.profiles import Source

__all__ = [
    "FitStatus",
    "ItemResult",
    "Reason",
    "SampleDates",
    "SelfCheckReport",
    "Status",
    "StatusNotice",
    "TimeFit",
]

Status = Literal["met", "not_met", "no_evidence"]
FitStatus = Literal["fits", "exceeds", "unbounded", "not_comparable"]
STATUSES: tuple[Status, ...] = ("met", "not_met", "no_evidence")


class _Bilingual:
    """A result part carrying one sentence in Chinese (``zh``) and English (``en``)."""

    zh: str
    en: str

    def pick(self, lang: str) -> str:
        """The sentence in ``lang`` (``"zh"`` or ``"en"``)."""
        return self.en if lang == "en" else self.zh


@dataclass(frozen=True, kw_only=True)
class Reason(_Bilingual):
    """Why a condition is not met or has no evidence: a stable code and both languages."""

    status: Status
    code: str
    zh: str
    en: str


@dataclass(frozen=True, kw_only=True)
class ItemResult:
    """One checklist item's verdict, with the clause, its words and the reasons."""

    id: str
    clause: str
    quote: str
    requirement: str
    status: Status
    reasons: tuple[Reason, ...]
    evidence: tuple[str, ...]
    sets_time_limit: bool
    source: Source


@dataclass(frozen=True, kw_only=True)
class SampleDates:
    """For a sample start: when the internal procedure ends and when the external rule is due."""

    start: dt.date
    internal_end: dt.date
    external_due: dt.date


@dataclass(frozen=True, kw_only=True)
class TimeFit(_Bilingual):
    """Whether a procedure's steps fit inside the external deadline it serves.

    ``status``: ``fits``; ``exceeds`` (a finding); ``unbounded`` (a step has no time limit:
    a finding, the fit cannot be shown); ``not_comparable`` (the procedure lists no steps, or
    the external rule is silent, not in force or not a number of working days: a note).
    """

    procedure: str
    kind: str
    serves: str
    profile: str
    steps: tuple[tuple[str, int | None], ...]
    internal_working_days: int | None
    external_working_days: int | None
    external_period: str | None
    external: Source | None
    standard: tuple[Source, ...]
    status: FitStatus
    code: str
    zh: str
    en: str
    sample: SampleDates | None = None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def finding(self) -> bool:
        """True when the procedure does not (or cannot be shown to) fit."""
        return self.status in ("exceeds", "unbounded")


@dataclass(frozen=True, kw_only=True)
class StatusNotice(_Bilingual):
    """The legal status of a document the checklist comes from (e.g. a draft, not in force)."""

    doc: str
    title: str
    status: str
    in_force: bool
    zh: str
    en: str
    quote: str | None


@dataclass(frozen=True, kw_only=True)
class SelfCheckReport:
    """The result of :func:`check_department`."""

    standard: str
    standard_name: Label
    department: str
    level: str
    as_of: dt.date
    serves: str | None
    serves_name: Label | None
    items: tuple[ItemResult, ...]
    time_fit: tuple[TimeFit, ...]
    notices: tuple[StatusNotice, ...]
    warnings: tuple[Notice, ...] = ()

    @computed_field  # type: ignore[prop-decorator]
    @property
    def counts(self) -> dict[str, int]:
        """How many items are met, not met, without evidence."""
        return {s: sum(i.status == s for i in self.items) for s in STATUSES}

    @property
    def findings(self) -> tuple[TimeFit, ...]:
        """The time-fit results that are findings."""
        return tuple(t for t in self.time_fit if t.finding)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def passed(self) -> bool:
        """No item is not met and there is no time-fit finding (no evidence does not fail)."""
        return not self.counts["not_met"] and not self.findings

    @computed_field  # type: ignore[prop-decorator]
    @property
    def complete(self) -> bool:
        """Every item has evidence one way or the other (none is ``no_evidence``)."""
        return not self.counts["no_evidence"]

    def ok(self, *, strict: bool = False) -> bool:
        """Passed; with ``strict``, also complete."""
        return self.passed and (self.complete or not strict)
