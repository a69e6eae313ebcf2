"""What a replay returns: the case at ``as_of``, as ids, Labels and bilingual notices.

Every field a person reads is a :class:`~govshare._kernel.model.Label` (names) or a
:class:`~govshare._kernel.messages.Notice` (sentences, with a stable ``code``), so a
renderer prints Chinese or English from the same result; everything else is an id, a date
or a citation.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from govshare._kernel.messages import Notice
from govshare._kernel.model import Label
from govshare.profiles import Source

__all__ = [
    "DutyOutcome",
    "DutyRecord",
    "Finding",
    "FiredKind",
    "FiredTimer",
    "LayerStatus",
    "NotBefore",
    "OpenDuty",
    "ProcessStatus",
    "TraceStep",
    "Violation",
    "ViolationKind",
]

#: What followed a missed deadline: the law's deemed consent, or an overdue duty.
FiredKind = Literal["deemed_consent", "overdue"]

#: A rule broken: a missed deadline, an act too early, an act without its prior step.
ViolationKind = Literal["overdue", "too_early", "missing_prior_step"]

#: How a duty ended (the vocabulary's ``duty_outcome`` ids).
DutyOutcome = Literal["open", "done", "late", "overdue", "deemed_consent", "no_limit"]


@dataclass(frozen=True, kw_only=True)
class OpenDuty:
    """A time limit running at ``as_of``: who must act, by when, under which rule."""

    actor: str
    party: str | None
    rule: str
    source: Source
    period: str
    #: ``period`` as words in both languages (the English without the raw event id).
    period_label: Label | None = None
    started: dt.datetime
    due: dt.date | None
    end_instant: dt.datetime | None
    overdue: bool
    provisional: bool = False
    warnings: tuple[Notice, ...] = ()


@dataclass(frozen=True, kw_only=True)
class FiredTimer:
    """A deadline that passed with the duty undone, and what followed."""

    at: dt.datetime
    kind: FiredKind
    actor: str
    party: str | None
    rule: str
    source: Source
    due: dt.date
    outcome_source: Source | None = None


@dataclass(frozen=True, kw_only=True)
class Violation:
    """A rule broken by an actor: a missed deadline or an act done too early.

    ``late_working_days`` counts working days after the due date up to the act that ended
    the duty, or up to ``as_of`` when it is still undone (``ongoing``). It is None when the
    law itself ended the duty (deemed consent).
    """

    kind: ViolationKind
    actor: str
    party: str | None
    rule: str
    source: Source
    message: Notice
    due: dt.date | None = None
    late_working_days: int | None = None
    ongoing: bool = False
    event_index: int | None = None
    consequence: FiredKind | None = None


@dataclass(frozen=True, kw_only=True)
class Finding:
    """A warning about an act the rules discourage without forbidding (原则上)."""

    event_index: int
    rule: str
    source: Source
    zh: str
    en: str


@dataclass(frozen=True, kw_only=True)
class NotBefore:
    """An act that may happen only after a period has run (advance notice, publicity)."""

    event: str
    earliest: dt.date
    rule: str
    source: Source
    period: str


@dataclass(frozen=True, kw_only=True)
class TraceStep:
    """One step of the replay: an event, or a timer firing (``index`` None), with its text."""

    at: dt.datetime
    index: int | None
    event: str
    actor: str
    by: str | None
    from_state: str
    to_state: str
    label: Label
    source: Source | None
    note: Notice | None = None


@dataclass(frozen=True, kw_only=True)
class DutyRecord:
    """A duty's whole life in the case: when it started, when it was due, how it ended.

    ``outcome`` is ``open`` (still running at ``as_of``), ``done`` (discharged in time),
    ``late`` (discharged after its due day), ``overdue`` (running past its due day at
    ``as_of``), ``deemed_consent`` (ended by the law's deemed consent), or ``no_limit``
    (the rule sets no computable time limit).
    """

    actor: str
    party: str | None
    rule: str
    source: Source
    period: str
    #: ``period`` as words in both languages (the English without the raw event id).
    period_label: Label | None = None
    started: dt.datetime
    due: dt.date | None
    end_instant: dt.datetime | None
    ended: dt.datetime | None
    outcome: DutyOutcome
    provisional: bool = False


@dataclass(frozen=True, kw_only=True)
class LayerStatus:
    """The same case under a layer above the profile (``layer_under``): that layer's process
    replayed on the same log, beside the local result and never merged into it.

    ``not_applicable`` lists the indices of the events this layer's process does not take
    (local-only steps, or steps it cannot take where it stands); each is a trace step with a
    note. ``readings`` are the upper profile's readings on how the layers meet that this case
    touches (local-only steps, a local deemed consent).
    """

    profile: str
    name: Label
    process: str
    state: str
    state_label: Label
    terminal: bool
    since: dt.datetime | None
    open_duties: tuple[OpenDuty, ...]
    fired: tuple[FiredTimer, ...]
    violations: tuple[Violation, ...]
    duties: tuple[DutyRecord, ...]
    trace: tuple[TraceStep, ...]
    not_applicable: tuple[int, ...] = ()
    readings: tuple[Notice, ...] = ()
    warnings: tuple[Notice, ...] = ()
    #: why the layer could not replay the case (its rules or calendar data are missing)
    error: Notice | None = None


@dataclass(frozen=True, kw_only=True)
class ProcessStatus:
    """Where a case stands at ``as_of``; see :func:`govshare.processes.replay`."""

    profile: str
    process: str
    level: str
    as_of: dt.datetime
    state: str
    state_label: Label
    terminal: bool
    since: dt.datetime | None
    open_duties: tuple[OpenDuty, ...]
    fired: tuple[FiredTimer, ...]
    violations: tuple[Violation, ...]
    findings: tuple[Finding, ...]
    not_before: tuple[NotBefore, ...]
    trace: tuple[TraceStep, ...]
    warnings: tuple[Notice, ...]
    #: every duty of the case in the order they started, open or ended (for timelines and
    #: side-by-side comparisons)
    duties: tuple[DutyRecord, ...] = ()
    #: the same case under each layer above the profile whose documents were in force when
    #: the case started (e.g. the national regulation from 2025-08-01); empty otherwise
    layers: tuple[LayerStatus, ...] = ()

    @property
    def deemed_consent(self) -> bool:
        """True when a deadline passed and the law deemed the reviewer to consent."""
        return any(f.kind == "deemed_consent" for f in self.fired)
