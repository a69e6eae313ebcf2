"""The vectorized kernel: the reference path's rules applied to whole columns at once.

The profile's process and rules are compiled into a plan once per (profile,
process, level, document set): the document set can change only on the days a document
of some layer enters into force or ends, or a precedence starts, so the kernel compiles
once per level and span between those days, asking the profile which rule is in force
(``profile.rule``, ``provisions``), and spans with the same answers share one plan. A plan
holds the numbers (working days), the consequence (deemed consent or not) and the
citations; the arithmetic then runs on arrays: :meth:`WorkCalendar.add_working_days_array`
for due days and a cumulative count of working days for the days late. Whatever a plan
cannot express (a process of another shape, a rule that is not a count of working days,
dates outside the calendar) is left to the reference path, row by row, and counted.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from govshare.calendar import WorkCalendar
from govshare.errors import GovshareError
from govshare.features.audit._reference import (
    PROCESS,
    PROVISION_KEY,
    REPLY_KEY,
    cite,
    extension_of,
    shape_of,
    upper,
)
from govshare.processes import get_process
from govshare.processes._engine import deems_consent
from govshare.profiles import (
    DEADLINE_KINDS,
    JurisdictionProfile,
    NoRuleInForceError,
    Source,
    provisions,
)

__all__ = ["Kernel"]


@dataclass(frozen=True)
class Layer:
    """One layer's period: the calendar it is counted on, the working days, the citation
    (its short form), and its depth (0: the profile itself, 1: the layer above)."""

    calendar: WorkCalendar
    n: int
    source: Source
    depth: int
    profile: str

    @property
    def cite(self) -> str:
        return self.source.short


@dataclass(frozen=True)
class ReplyPlan:
    """The reply rules for one level and document set."""

    n: int
    cite: str
    deemed: bool
    outcome_cite: str | None
    reasons_required: bool
    ceiling: Layer | None
    extension: int | None
    extension_cite: str | None


@dataclass(frozen=True)
class ProvisionPlan:
    """The provision rules (every layer with a count of working days) for one date set."""

    layers: tuple[Layer, ...]  # empty: no time limit in force


class _Counter:
    """Working days between two days, on arrays: a cumulative count over the calendar."""

    def __init__(self, calendar: WorkCalendar) -> None:
        import numpy as np  # noqa: PLC0415 - the numpy extra

        self.first = dt.date(calendar.first_year, 1, 1)
        last = dt.date(calendar.last_year, 12, 31)
        days = (last - self.first).days + 1
        work = [calendar.is_working_day(self.first + dt.timedelta(days=i)) for i in range(days)]
        self.cum = np.concatenate([[0], np.cumsum(np.asarray(work, dtype=np.int32))])
        self.size = days
        self.epoch = np.datetime64(self.first, "D")

    def index(self, days: Any) -> Any:
        return (days - self.epoch).astype("int64")

    def covers(self, days: Any) -> Any:
        i = self.index(days)
        return (i >= 0) & (i < self.size)

    def between(self, a: Any, b: Any) -> Any:
        """Working days in (a, b] (arrays of datetime64[D], b >= a)."""
        return self.cum[self.index(b) + 1] - self.cum[self.index(a) + 1]


@dataclass
class Kernel:
    """The compiled kernel of one profile (plans are compiled on first use and kept)."""

    profile: JurisdictionProfile
    _reply: dict[tuple[str, int], ReplyPlan | None] = field(default_factory=dict)
    _provision: dict[tuple[str, int], ProvisionPlan | None] = field(default_factory=dict)
    _plans: dict[object, object] = field(default_factory=dict)  # one plan per document set
    _counters: dict[int, _Counter] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.supported = self._supported()
        self.breaks = self._breaks()

    def _breaks(self) -> list[dt.date]:
        """The days on which the document set may change, in every layer: a document's
        entry into force, the day after its end, a precedence's start. Between two of them
        every rule the audit asks for has the same answer, so one plan serves them all."""
        days: set[dt.date] = set()
        seen: set[str] = set()
        prof: JurisdictionProfile | None = self.profile
        while prof is not None and prof.id not in seen:
            seen.add(prof.id)
            for doc in prof.model.documents:
                if isinstance(doc.in_force_from, dt.date):
                    days.add(doc.in_force_from)
                if isinstance(doc.in_force_until, dt.date):
                    days.add(doc.in_force_until + dt.timedelta(days=1))
            days.update(p.from_ for p in prof.model.precedence if p.from_ is not None)
            above = getattr(prof.model, "layer_under", None)
            prof = upper(self.profile, above) if above else None
        return sorted(days)

    def epoch(self, when: dt.date) -> tuple[int, dt.date]:
        """The span of days ``when`` falls in, and the first day of that span (where the
        plan is compiled)."""
        i = bisect.bisect_right(self.breaks, when)
        return i, (self.breaks[i - 1] if i else when)

    # -- compiling ----------------------------------------------------------------------

    def _supported(self) -> bool:
        """The process has the shape the kernel computes: submit starts the provider's
        reply duty; approve or refuse ends it; deemed consent leads to a terminal state."""
        try:
            proc = get_process(self.profile, PROCESS)
        except GovshareError:
            return False
        submit = [t for t in proc.transitions if t.event == "submit" and "start" in t.from_]
        if len(submit) != 1 or shape_of(proc).forward or submit[0].when is not None:
            return False
        review = proc.states.get(submit[0].to)
        if review is None or len(review.duties) != 1 or review.duties[0].rule != REPLY_KEY:
            return False
        duty = review.duties[0]
        if duty.deemed_to is not None:
            after = proc.states.get(duty.deemed_to)
            if after is None or not after.terminal or after.duties:
                return False
        answers = [t for t in proc.transitions if submit[0].to in t.from_]
        for event in ("approve", "refuse"):
            ts = [t for t in answers if t.event == event]
            if len(ts) != 1 or ts[0].when is not None or ts[0].facts or ts[0].to == submit[0].to:
                return False
        self.duty = duty
        self.reasons_required = shape_of(proc).reasons_required
        return True

    def _share(self, plan: object) -> object:
        """One object per distinct document set (equal plans are the same plan)."""
        return self._plans.setdefault(plan, plan)

    def _layers(self, key: str, level: str, when: dt.date) -> tuple[Layer, ...] | None:
        """Each layer speaking on ``key`` with a count of working days (None: a period the
        kernel does not compute)."""
        lr = provisions(self.profile, key, as_of=when, level=level)
        out: list[Layer] = []
        for p in lr.provisions:
            value = None if p.rule is None else p.rule.value
            if p.rule is None or value is None or p.relation in ("silent", "not_in_force"):
                continue
            if value.kind not in DEADLINE_KINDS and value.kind != "calendar_month_end":
                continue
            if value.kind != "working_days" or getattr(value, "before", None) is not None:
                return None
            prof = upper(self.profile, p.profile)
            # every layer's period is counted on the working days of the place (the national
            # 10 or 20 working days in Liuzhou skip 壮族三月三), as layered_deadline counts
            cal = self.profile.calendar
            out.append(Layer(cal, int(value.n), p.rule.source, p.layer, prof.id))
        return tuple(out)

    def reply_plan(self, level: str, when: dt.date) -> ReplyPlan | None:
        """The reply rules for receipts on ``when`` at ``level`` (None: not expressible)."""
        i, first = self.epoch(when)
        key = (level, i)
        if key not in self._reply:
            try:
                plan = self._compile_reply(level, first if i else when)
            except (GovshareError, LookupError):
                plan = None
            self._reply[key] = None if plan is None else self._share(plan)  # type: ignore[assignment]
        return self._reply[key]

    def _compile_reply(self, level: str, when: dt.date) -> ReplyPlan | None:
        rule = self.profile.rule(REPLY_KEY, as_of=when, level=level)
        value = rule.value
        if value is None or value.kind != "working_days" or value.before is not None:
            return None
        deemed, outcome_cite = False, None
        if self.duty.outcome is not None:
            outcome = self.profile.rule(self.duty.outcome, as_of=when, level=level)
            deemed = deems_consent(outcome.value)
            outcome_cite = cite("outcome_cite", outcome.source) if deemed else None
        if deemed and self.duty.deemed_to is None:
            return None
        layers = self._layers(REPLY_KEY, level, when)
        if layers is None or len(layers) > 2 or (layers and layers[0].depth != 0):
            return None
        ceiling = None
        extension, extension_cite = None, None
        if len(layers) == 2:
            ceiling = layers[1]
            cite("ceiling_cite", ceiling.source)
            found = extension_of(self.profile, level, when, ceiling.profile)
            if found is not None:
                extension, extension_cite = found
        return ReplyPlan(
            n=int(value.n),
            cite=cite("reply_cite", rule.source),
            deemed=deemed,
            outcome_cite=outcome_cite,
            reasons_required=self.reasons_required,
            ceiling=ceiling,
            extension=extension,
            extension_cite=extension_cite,
        )

    def provision_plan(self, level: str, when: dt.date) -> ProvisionPlan | None:
        """The provision rules for consents on ``when`` at ``level``."""
        i, first = self.epoch(when)
        key = (level, i)
        if key not in self._provision:
            try:
                layers = self._layers(PROVISION_KEY, level, first if i else when)
                for x in layers or ():
                    cite("provision_cite", x.source)
            except NoRuleInForceError:
                layers = ()
            except (GovshareError, LookupError):
                layers = None
            plan = None if layers is None else ProvisionPlan(layers=layers)
            self._provision[key] = None if plan is None else self._share(plan)  # type: ignore[assignment]
        return self._provision[key]

    def counter(self, calendar: WorkCalendar) -> _Counter:
        found = self._counters.get(id(calendar))
        if found is None:
            found = self._counters[id(calendar)] = _Counter(calendar)
        return found

    # -- running ------------------------------------------------------------------------

    def run(self, records: Any, until: dt.datetime) -> tuple[Any, Any]:
        """Judge a frame of validated records: (results, the rows left to the reference)."""
        from govshare.features.audit._columns import judge_frame  # noqa: PLC0415

        return judge_frame(self, records, until)
