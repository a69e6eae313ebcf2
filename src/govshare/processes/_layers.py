"""A local case under the layers above it: the same log replayed under each upper layer.

A profile that declares ``layer_under`` (a local profile under the national regulation) is
governed by both layers at once from the day the upper layer's documents are in force. When
such a case is replayed, :func:`add_layers` replays the same event log under every upper
layer that defines a process of the same name and whose documents were in force when the
case started (its first event), and returns each result as a
:class:`~govshare.processes.LayerStatus` beside the local one. The local result is computed
exactly as without layers; nothing of an upper layer is merged into it.

Logs are shared, so the layers meet through event names: an upper process uses the local
processes' names for the steps they share (``submit``, ``approve``, ``refuse``...) and adds
its own for steps only it has (an extension, a notice of missing materials, provision).
An event one layer's process does not take is recorded in that layer's trace as not
applicable (:func:`~govshare.processes._steps.replay_checked`); it never makes the replay
fail. How such steps are read is the upper profile's reading, shown with the result:
readings with an ``id`` (and ``zh``/``en`` texts) named in :data:`READING_IDS`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from govshare._kernel.messages import Notice
from govshare._kernel.model import Label
from govshare._kernel.vocabulary import term
from govshare.errors import GovshareError
from govshare.processes._compiled import compiled
from govshare.processes._engine import _check_log
from govshare.processes._log import Event, EventLogError, UnknownEventError
from govshare.processes._results import LayerStatus, ProcessStatus
from govshare.processes._steps import replay_checked
from govshare.profiles import JurisdictionProfile, upper_layers
from govshare.profiles._process_model import START, ProcessDef, TransitionDef

__all__ = [
    "NOT_APPLICABLE",
    "READING_IDS",
    "LayeredCase",
    "applicable_layers",
    "replay_case",
    "upper_steps",
]

#: The layers above a profile that replay a case: each profile and its process definition.
Uppers = Sequence[tuple[JurisdictionProfile, ProcessDef]]

#: The code (prefix) of the trace note of an event a layer does not take.
NOT_APPLICABLE = "process.step_not_applicable"

#: The readings a layered result shows, by the case it touches: a step one layer does not
#: take, and a deemed consent in the local layer (which no upper process replays).
READING_IDS = {
    "local_steps": "layers.local_steps",
    "local_deemed_consent": "layers.local_deemed_consent",
}


def _in_force(profile: JurisdictionProfile, day: dt.date, level: str) -> bool:
    """Some document of ``profile`` binds parties at ``level`` on ``day``."""
    for doc in profile.documents.values():
        if doc.status in ("draft", "expired") or level not in doc.levels:
            continue
        start, end = doc.in_force_from, doc.in_force_until
        if isinstance(start, dt.date) and day < start:
            continue
        if isinstance(end, dt.date) and day > end:
            continue
        return True
    return False


def _start(evs: Sequence[Event]) -> dt.date | None:
    """The day the case started (its first event), or None without a readable one."""
    if not evs:
        return None
    try:
        return evs[0].instant.date()
    except ValueError:  # a bad first timestamp: the log check names it
        return None


def applicable_layers(
    profile: JurisdictionProfile, process: str, evs: Sequence[Event], level: str
) -> list[tuple[JurisdictionProfile, ProcessDef]]:
    """The upper layers with ``process`` whose documents are in force when the case started."""
    start = _start(evs)
    if start is None or profile.model.layer_under is None:
        return []
    out = []
    for upper in upper_layers(profile):
        proc = upper.model.processes.get(process)
        if proc is not None and _in_force(upper, start, level):
            out.append((upper, proc))
    return out


def upper_steps(proc: ProcessDef, uppers: Uppers) -> set[str]:
    """Event types only the upper layers' processes know (not ``proc``)."""
    known = {t.event for t in proc.transitions}
    return {t.event for _, p in uppers for t in p.transitions} - known


def _skipped(status: ProcessStatus) -> tuple[int, ...]:
    """Indices of the events a layer's replay recorded as not applicable."""
    return tuple(
        s.index
        for s in status.trace
        if s.index is not None and s.note is not None and s.note.code.startswith(NOT_APPLICABLE)
    )


def _taken(status: ProcessStatus) -> set[int]:
    """Indices of the events a layer's replay took."""
    return {s.index for s in status.trace if s.index is not None} - set(_skipped(status))


def _readings(upper: JurisdictionProfile, wanted: Sequence[str]) -> tuple[Notice, ...]:
    """The upper profile's readings with these ids, as notices (those it records)."""
    out = []
    for reading in upper.model.readings:
        rid = reading.get("id", "")
        if rid in wanted and "zh" in reading and "en" in reading:
            out.append(Notice(code=rid, zh=reading["zh"], en=reading["en"]))
    order = {rid: i for i, rid in enumerate(wanted)}
    return tuple(sorted(out, key=lambda n: order[n.code]))


def _failed(upper: JurisdictionProfile, process: str, exc: GovshareError) -> LayerStatus:
    """A layer that could not replay the case (its rules or calendar data are missing)."""
    return LayerStatus(
        profile=upper.id,
        name=upper.model.name,
        process=process,
        state=START,
        state_label=_not_started(),
        terminal=False,
        since=None,
        open_duties=(),
        fired=(),
        violations=(),
        duties=(),
        trace=(),
        error=Notice(
            code="process.layer_unavailable",
            zh="本层无法重放本案：所需的规则或工作日历数据不可用",
            en=f"this layer cannot replay the case: {exc}",
        ),
    )


def _not_started() -> Label:
    found = term("word", "not_started")
    assert found is not None  # bundled vocabulary (tests/_kernel checks it)
    return found


@dataclass(kw_only=True)
class LayeredCase:
    """One checked log and the layers above the profile that replay it too.

    The upper layers are replayed only when needed (after the local replay, so that the
    local errors come first as they did without layers), once.
    """

    process: str
    proc: ProcessDef
    uppers: Uppers
    evs: Sequence[Event]
    instants: Sequence[dt.datetime]
    until: dt.datetime
    level: str
    _runs: list[ProcessStatus | GovshareError] | None = field(default=None, init=False)

    def foreign(self) -> dict[str, TransitionDef]:
        """The upper-only steps of the log, for the local replay to record as not applicable."""
        extra = upper_steps(self.proc, self.uppers)
        upper_known = {t.event: t for _, p in self.uppers for t in reversed(p.transitions)}
        return {e.type: upper_known[e.type] for e in self.evs if e.type in extra}

    def runs(self) -> list[ProcessStatus | GovshareError]:
        """The log replayed under each upper layer (leniently: it must follow a local log).

        An event the layer's process does not know is recorded as not applicable there, with
        the label and actor of the nearest layer that knows it. A layer whose rules or
        calendar cannot answer gives its error, never the local result's.
        """
        if self._runs is not None:
            return self._runs
        procs = [self.proc, *(p for _, p in self.uppers)]
        out: list[ProcessStatus | GovshareError] = []
        for upper, uproc in self.uppers:
            known = {t.event for t in uproc.transitions}
            foreign: dict[str, TransitionDef] = {}
            for e in self.evs:
                if e.type not in known and e.type not in foreign:
                    foreign[e.type] = next(
                        t for p in procs for t in p.transitions if t.event == e.type
                    )
            try:
                out.append(
                    replay_checked(
                        upper,
                        self.process,
                        uproc,
                        evs=self.evs,
                        instants=self.instants,
                        until=self.until,
                        level=self.level,
                        adopted=(),
                        foreign=foreign,
                        lenient=True,
                    )
                )
            except GovshareError as exc:
                out.append(exc)
        self._runs = out
        return out

    def check_taken(self, *, before: int | None = None) -> None:
        """Raise :class:`UnknownEventError` for an upper-only event no upper layer takes.

        Such an event is accepted only where an upper layer takes it (a national extension
        in a local case), or after ``as_of``; otherwise it is as unknown as it was without
        layers. With ``before``, only events before that index are checked.
        """
        extra = upper_steps(self.proc, self.uppers)
        pending = [
            i
            for i, (e, at) in enumerate(zip(self.evs, self.instants, strict=True))
            if e.type in extra and at <= self.until and (before is None or i < before)
        ]
        if not pending:
            return
        taken: set[int] = set()
        for run in self.runs():
            if isinstance(run, ProcessStatus):
                taken |= _taken(run)
        for i in pending:
            if i not in taken:
                known = sorted({t.event for t in self.proc.transitions})
                raise UnknownEventError(i, self.evs[i].type, self.process, known)

    def attach(self, status: ProcessStatus) -> ProcessStatus:
        """``status`` with each upper layer's replay beside it (none before the case starts)."""
        if not self.uppers or not status.trace:
            return status
        out: list[LayerStatus] = []
        for (upper, _), st in zip(self.uppers, self.runs(), strict=True):
            if isinstance(st, GovshareError):
                out.append(_failed(upper, self.process, st))
                continue
            skipped = _skipped(st)
            wanted = []
            if skipped:
                wanted.append(READING_IDS["local_steps"])
            if status.deemed_consent:
                wanted.append(READING_IDS["local_deemed_consent"])
            out.append(
                LayerStatus(
                    profile=upper.id,
                    name=upper.model.name,
                    process=st.process,
                    state=st.state,
                    state_label=st.state_label,
                    terminal=st.terminal,
                    since=st.since,
                    open_duties=st.open_duties,
                    fired=st.fired,
                    violations=st.violations,
                    duties=st.duties,
                    trace=st.trace,
                    not_applicable=skipped,
                    readings=_readings(upper, wanted),
                    warnings=st.warnings,
                )
            )
        return replace(status, layers=tuple(out))


def replay_case(
    profile: JurisdictionProfile,
    process: str,
    proc: ProcessDef,
    *,
    evs: Sequence[Event],
    until: dt.datetime,
    level: str,
    adopted: tuple[str, ...],
) -> ProcessStatus:
    """Replay a case locally, then under each applicable upper layer beside it.

    The local replay comes first, so a log the local process rejects is rejected as it was
    without layers; an upper-only step no layer takes is an unknown event as before.
    """
    uppers = applicable_layers(profile, process, evs, level)
    instants = _check_log(process, compiled(proc), evs, upper_steps(proc, uppers))
    case = LayeredCase(
        process=process,
        proc=proc,
        uppers=uppers,
        evs=evs,
        instants=instants,
        until=until,
        level=level,
    )
    try:
        status = replay_checked(
            profile,
            process,
            proc,
            evs=evs,
            instants=instants,
            until=until,
            level=level,
            adopted=adopted,
            foreign=case.foreign(),
        )
    except EventLogError as exc:
        case.check_taken(before=exc.index)  # an upper-only step no layer takes comes first
        raise
    case.check_taken()
    return case.attach(status)
