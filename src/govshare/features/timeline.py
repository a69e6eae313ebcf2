"""Timelines: working days, rest days and make-up days, with each deadline marked.

A deadline across a holiday is easier to see than to read. :func:`timeline` computes the
data of the picture for one or more profiles, one lane per profile sharing a date axis
(calendars differ: a profile may count on a regional calendar):

- every day of the range with its kind on the lane's calendar (working day, weekend,
  statutory holiday, make-up working day, regional rest day) and its name;
- every duty with its start, due day, the working days counted, the citation and how it
  ended (an outcome id of :class:`govshare.processes.DutyRecord`).

It has two modes. A **scenario** replays an event log (``govshare-log/1``, see
docs/processes.md) under each profile with :func:`govshare.processes.replay`. A **rule**
computes one rule key's deadline from a start date in each profile
(:meth:`~govshare.JurisdictionProfile.deadline`). A profile that cannot show the case
(no such process, no rule in force at that level) keeps its lane, with a note saying why.

This module computes and never draws: :mod:`govshare.render.timeline` draws the picture
(SVG or PNG, with the optional extra ``govshare[timeline]``) and prints the summary;
``render(tl, "json")`` gives the data as a ``govshare-timeline/1`` document.

>>> from govshare.features.timeline import timeline
>>> tl = timeline(["hubei", "liuzhou"], key="share.conditional.provider_reply",
...               start="2026-09-30")
>>> [(lane.profile, lane.level, str(lane.marks[0].due)) for lane in tl.lanes]
[('hubei', 'provincial', '2026-10-13'), ('liuzhou', 'prefectural', '2026-10-10')]
>>> [str(d) for d in tl.lanes[1].marks[0].counted]
['2026-10-08', '2026-10-09', '2026-10-10']
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from pydantic import computed_field

from govshare._kernel.dates import DateLike, to_date, to_datetime
from govshare._kernel.messages import Notice
from govshare._kernel.model import LEVELS, Label
from govshare.calendar import WorkCalendar, bundled_overlays
from govshare.errors import GovshareError, InputError
from govshare.processes import (
    DutyRecord,
    Event,
    EventLog,
    EventLogError,
    ProcessStatus,
    as_of_instant,
    parse_events,
    read_event_log,
    replay,
)
from govshare.profiles import (
    RULE_KEYS,
    JurisdictionProfile,
    NoRuleInForceError,
    Source,
    Value,
    load_profile,
    upper_layers,
)
from govshare.profiles._model import period_label

__all__ = [
    "MAX_DAYS",
    "Lane",
    "Timeline",
    "TimelineDay",
    "TimelineMark",
    "own_level",
    "timeline",
]

#: The longest range a picture may span, in days.
MAX_DAYS = 400


@dataclass(frozen=True, kw_only=True)
class TimelineDay:
    """One day of a lane: its kind on the lane's calendar and, for a holiday, its name."""

    date: dt.date
    kind: str  # working_day, weekend, statutory_holiday, makeup_working_day, regional_...
    name: str | None
    working: bool


@dataclass(frozen=True, kw_only=True)
class TimelineMark:
    """One duty on a lane: who, which period, from when, due when, and how it ended.

    ``outcome`` is a :class:`~govshare.processes.DutyRecord` outcome id (``open``,
    ``done``, ``late``, ``overdue``, ``deemed_consent``, ``no_limit``) in a scenario, and
    None for a rule's deadline (no case to end it). ``period_label`` names the period the
    rule sets (None when it sets none). ``fired_at`` is when the deadline passed undone
    (24:00 of the due day); ``late_working_days`` counts working days after the due day up
    to the act or, still undone, up to ``as_of``. ``counted`` lists the working days counted
    for a period in working days (1st, 2nd, ... up to the due day).
    """

    actor: str
    party: str | None
    rule: str
    period: str
    period_label: Label | None
    source: Source
    started: dt.datetime
    due: dt.date | None
    end_instant: dt.datetime | None
    ended: dt.datetime | None
    outcome: str | None
    fired_at: dt.datetime | None = None
    late_working_days: int | None = None
    counted: tuple[dt.date, ...] = ()
    provisional: bool = False
    #: the layer above the lane's profile whose duty this is (the national regulation's
    #: reply beside a local one), with its name; None for the profile's own duties
    layer: str | None = None
    layer_name: Label | None = None


@dataclass(frozen=True, kw_only=True)
class Lane:
    """One profile's row: its calendar's days and its duties, or a note saying why not.

    ``region`` is the regional calendar's id and ``region_name`` its name (from the
    region's overlay file); both None on the national calendar. ``state`` and
    ``state_label`` are where the case stands at ``as_of`` (scenarios only).
    """

    profile: str
    name: Label
    level: str
    region: str | None
    region_name: Label | None
    days: tuple[TimelineDay, ...]
    marks: tuple[TimelineMark, ...]
    #: the duties of the layers above the profile (the national regulation), beside them
    layer_marks: tuple[TimelineMark, ...] = ()
    state: str | None = None
    state_label: Label | None = None
    terminal: bool = False
    note: str | None = None
    warnings: tuple[str | Notice, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Timeline:
    """The data of a timeline picture: a day range shared by one lane per profile.

    ``process`` (a scenario) or ``key`` (a rule) says what is shown; ``label`` is that
    process's or rule's name, ``begins`` the day of the first event or of the rule's
    start, ``events`` the number of events and ``log`` the log's file
    name (a scenario), ``rules_as_of`` the date deciding which rules are in force (a rule).
    ``title`` is a title the caller gave (the renderer makes one otherwise).
    """

    mode: Literal["scenario", "rule"]
    label: Label
    title: str | None
    start: dt.date
    end: dt.date
    as_of: dt.datetime | None
    lanes: tuple[Lane, ...]
    begins: dt.date
    process: str | None = None
    key: str | None = None
    log: str | None = None
    events: int | None = None
    rules_as_of: dt.date | None = None

    @property
    def notes(self) -> tuple[tuple[str, str], ...]:
        """``(profile, note)`` for every lane that could not show the case."""
        return tuple((lane.profile, lane.note) for lane in self.lanes if lane.note)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def warnings(self) -> tuple[str | Notice, ...]:
        """The lanes' warnings (trial documents, provisional calendar years), once each."""
        return tuple(dict.fromkeys(w for lane in self.lanes for w in lane.warnings))


def own_level(profile: JurisdictionProfile) -> str:
    """The highest level any of the profile's documents applies at (``level="own"``).

    E.g. a province's documents apply at the provincial level, a city's at the prefectural
    (city) level.
    """
    return profile.levels[0] if profile.levels else LEVELS[0]


def timeline(
    profiles: Sequence[JurisdictionProfile | str],
    *,
    log: EventLog | str | Path | None = None,
    process: str | None = None,
    events: Iterable[Event | Mapping[str, object]] | None = None,
    key: str | None = None,
    start: DateLike | None = None,
    as_of: DateLike | None = None,
    level: str | Mapping[str, str] | None = None,
    adopted: Iterable[str] | None = None,
    title: str | None = None,
) -> Timeline:
    """The timeline of a scenario or of one rule's deadline, one lane per profile.

    Give either a scenario (``log``, or ``process`` and ``events``) or a rule (``key``
    and ``start``).

    Args:
        profiles: profiles or their names (or paths), one lane each, in this order.
        log: an event log (``govshare-log/1``) or its path; it gives the process, the
            events, the level, the adopted documents and ``as_of`` unless overridden.
        process: the process id when the events are given directly.
        events: the events when no log is given.
        key: a rule key setting a deadline, e.g. ``share.conditional.provider_reply``.
        start: the event the rule's period runs from (with ``key``).
        as_of: the instant the scenario is reported at (default: the log's ``as_of``);
            for a rule, the date deciding which rules are in force (default: ``start``).
        level: ``provincial``, ``prefectural``, ``county``, or ``own`` (each profile at the
            highest level its documents apply at, see :func:`own_level`), for every
            profile or as a mapping from profile id to level. Default: the log's level
            for a scenario, ``own`` for a rule (and for profiles a mapping leaves out).
        adopted: ids of documents adopted at the level (参照执行); each applies to the
            profile that has it. Default: the log's.
        title: the picture's title (default: the renderer makes one from the process or
            rule and dates).

    Returns:
        A :class:`Timeline`. A lane whose profile cannot show the case has a ``note``
        and no marks.

    Raises:
        InputError: both or neither mode given, an unknown level or adopted document,
            no ``as_of`` for a scenario, a range longer than :data:`MAX_DAYS` days.
        DataFileError: the log file is invalid (file, line and field named).
        EventLogError: an event that is not an event (field named, by index).
    """
    profs = [p if isinstance(p, JurisdictionProfile) else load_profile(p) for p in profiles]
    if not profs:
        raise InputError("profiles", list(profiles), "at least one profile")
    ids = [p.id for p in profs]
    scenario = log is not None or process is not None or events is not None
    if scenario and (key is not None or start is not None):
        raise InputError("key", key, "either a scenario or a rule key with start, not both")
    if not scenario and (key is None or start is None):
        missing = "key" if key is None else "start"
        raise InputError(
            missing, None, "a scenario (log=, or process= and events=) or key= and start="
        )
    if isinstance(level, Mapping):
        for pid in level:
            if pid not in ids:
                raise InputError("level", pid, f"a profile of the timeline: {', '.join(ids)}")
    if scenario:
        case = _case(log, process, events, level)
        return _scenario(profs, case, as_of=as_of, level=level, adopted=adopted, title=title)
    assert key is not None
    assert start is not None
    return _rule(profs, key, start, as_of=as_of, level=level, adopted=adopted, title=title)


def _level(prof: JurisdictionProfile, level: str | Mapping[str, str] | None, default: str) -> str:
    chosen = level.get(prof.id, default) if isinstance(level, Mapping) else level or default
    if chosen == "own":
        return own_level(prof)
    if chosen not in LEVELS:
        raise InputError("level", chosen, f"one of {', '.join(LEVELS)} or own")
    return chosen


def _adopted_for(profs: Sequence[JurisdictionProfile], adopted: Iterable[str]) -> list[list[str]]:
    wanted = list(dict.fromkeys(adopted))
    for doc in wanted:
        if not any(doc in p.documents for p in profs):
            known = ", ".join(d for p in profs for d in p.documents)
            raise InputError("adopted", doc, f"a document id of the profiles: {known}")
    return [[d for d in wanted if d in p.documents] for p in profs]


@dataclass(frozen=True, kw_only=True)
class _Case:
    """A scenario's inputs, from a log file, a log object or events given directly."""

    log: EventLog
    name: str
    level: str  # the default level: the log's, or ``own`` for events given directly
    file: str | None = None
    lines: Callable[[int], int | None] | None = None

    def locate(self, exc: EventLogError) -> EventLogError:
        if self.file is None or self.lines is None:
            return exc
        return exc.located(self.file, self.lines(exc.index))


def _case(
    log: EventLog | str | Path | None,
    process: str | None,
    events: Iterable[Event | Mapping[str, object]] | None,
    level: str | Mapping[str, str] | None,
) -> _Case:
    if log is None:
        if process is None or events is None:
            missing = "events" if process is not None else "process"
            raise InputError(missing, None, "both process= and events= (or a log)")
        if level is None:
            raise InputError("level", None, "a level for events given without a log")
        evs = parse_events(events)
        lg = EventLog(process=process, level=LEVELS[0], events=evs)  # level: unused
        return _Case(log=lg, name="events", level="own")
    if process is not None or events is not None:
        raise InputError("log", str(log), "a log, or process= and events=, not both")
    if isinstance(log, EventLog):
        return _Case(log=log, name="events", level=str(log.level))
    lg, loaded = read_event_log(log)
    return _Case(
        log=lg,
        name=Path(loaded.file).name,
        level=str(lg.level),
        file=loaded.file,
        lines=lambda i: loaded.line_of(("events", i)),
    )


def _scenario(
    profs: Sequence[JurisdictionProfile],
    case: _Case,
    *,
    as_of: DateLike | None,
    level: str | Mapping[str, str] | None,
    adopted: Iterable[str] | None,
    title: str | None,
) -> Timeline:
    lg = case.log
    when = as_of if as_of is not None else lg.as_of
    if when is None:
        raise InputError("as_of", None, "as_of= or an as_of: line in the log")
    until = as_of_instant(when)
    if not lg.events:
        raise InputError("events", [], "at least one event")
    first = lg.events[0].instant.date()
    docs_for = _adopted_for(profs, lg.adopted if adopted is None else adopted)
    runs: list[tuple[JurisdictionProfile, str, list[str], ProcessStatus | str]] = []
    moved: dict[str, Notice] = {}
    for prof, docs in zip(profs, docs_for, strict=True):
        lv = _level(prof, level, case.level)
        if level is None:
            # As govshare compare does: a profile with no document at the log's level is
            # replayed at its own level, and the lane says so.
            note = prof.level_notice(lv)
            if note is not None:
                lv, moved[prof.id] = prof.level_for(lv)[0], note
        try:
            st = replay(prof, lg.process, lg.events, as_of=until, level=lv, adopted=docs)
        except EventLogError as exc:
            runs.append((prof, lv, docs, str(case.locate(exc))))
        except GovshareError as exc:
            runs.append((prof, lv, docs, _why(prof, lv, exc)))
        else:
            runs.append((prof, lv, docs, st))
    lo, hi = first, until.date()
    for *_, run in runs:
        for d in run.duties if isinstance(run, ProcessStatus) else ():
            if d.due is not None:
                lo, hi = min(lo, d.due), max(hi, d.due + dt.timedelta(days=1))
    hi = max(hi, lo)  # events after as_of: still one day to draw
    lanes = tuple(
        _scenario_lane(prof, st, level=lv, docs=docs, lo=lo, hi=hi) for prof, lv, docs, st in runs
    )
    lanes = tuple(
        replace(lane, warnings=(*lane.warnings, moved[lane.profile]))
        if lane.profile in moved
        else lane
        for lane in lanes
    )
    proc = lg.process
    label = next(
        (p.model.processes[proc].label for p in profs if proc in p.model.processes),
        Label(zh=proc, en=proc),
    )
    return Timeline(
        mode="scenario",
        label=label,
        title=title,
        start=lo,
        end=hi,
        as_of=until,
        lanes=lanes,
        begins=first,
        process=proc,
        log=case.name,
        events=len(lg.events),
    )


def _why(prof: JurisdictionProfile, level: str, exc: GovshareError) -> str:
    """The lane's note: the error, and the profile's own level when it is another one."""
    own = own_level(prof)
    if isinstance(exc, NoRuleInForceError) and own != level:
        return f"{exc} (its own level is {own}: level 'own' or '{prof.id}={own}')"
    return str(exc)


def _rule(
    profs: Sequence[JurisdictionProfile],
    key: str,
    start: DateLike,
    *,
    as_of: DateLike | None,
    level: str | Mapping[str, str] | None,
    adopted: Iterable[str] | None,
    title: str | None,
) -> Timeline:
    if key not in RULE_KEYS:
        raise InputError("key", key, "a canonical rule key (govshare show PROFILE lists them)")
    begin = to_datetime(start, "start")
    when = begin.date() if as_of is None else to_date(as_of, "as_of")
    rows: list[tuple[JurisdictionProfile, str, TimelineMark | str]] = []
    for prof, docs in zip(profs, _adopted_for(profs, adopted or ()), strict=True):
        lv = _level(prof, level, "own")
        try:
            dl = prof.deadline(key, begin, level=lv, as_of=when, adopted=docs)
        except GovshareError as exc:
            rows.append((prof, lv, _why(prof, lv, exc)))
            continue
        value = dl.rule.value
        mark = TimelineMark(
            actor="",
            party=None,
            rule=key,
            period=dl.period,
            period_label=_period_label(value),
            source=dl.source,
            started=begin,
            due=dt.date(dl.due.year, dl.due.month, dl.due.day),
            end_instant=dl.end_instant,
            ended=None,
            outcome=None,
            counted=_counted(prof.calendar, value, begin.date(), dl.due),
            provisional=dl.provisional,
        )
        rows.append((prof, lv, mark))
    dues = [m.due for *_, m in rows if isinstance(m, TimelineMark) and m.due is not None]
    lo = min([begin.date(), *dues])
    hi = max([begin.date(), *(d + dt.timedelta(days=1) for d in dues)])
    lanes: list[Lane] = []
    for prof, lv, row in rows:
        days, note, warns = _lane_days(prof, lo, hi)
        lanes.append(
            _lane(
                prof,
                lv,
                days,
                (row,) if isinstance(row, TimelineMark) else (),
                note=row if isinstance(row, str) else note,
                warnings=warns,
            )
        )
    spec = RULE_KEYS[key]
    return Timeline(
        mode="rule",
        label=Label(zh=spec.zh, en=spec.en),
        title=title,
        start=lo,
        end=hi,
        as_of=None,
        lanes=tuple(lanes),
        begins=begin.date(),
        key=key,
        rules_as_of=when,
    )


def _lane(
    prof: JurisdictionProfile,
    level: str,
    days: tuple[TimelineDay, ...],
    marks: tuple[TimelineMark, ...],
    **more: object,
) -> Lane:
    """A lane naming the profile, its level and its calendar (the overlay's own name)."""
    region = prof.model.calendar.region
    overlay = bundled_overlays().get(region) if region else None
    region_name = overlay.name if overlay else Label(zh=region, en=region) if region else None
    return Lane(
        profile=prof.id,
        name=Label(zh=prof.model.name.zh, en=prof.model.name.en),
        level=level,
        region=region,
        region_name=region_name,
        days=days,
        marks=marks,
        **more,  # type: ignore[arg-type]
    )


def _lane_days(
    prof: JurisdictionProfile, lo: dt.date, hi: dt.date
) -> tuple[tuple[TimelineDay, ...], str | None, tuple[str | Notice, ...]]:
    if (hi - lo).days + 1 > MAX_DAYS:
        raise InputError(
            "as_of", hi.isoformat(), f"a range of at most {MAX_DAYS} days from {lo.isoformat()}"
        )
    cal = prof.calendar
    out: list[TimelineDay] = []
    try:
        d = lo
        while d <= hi:
            info = cal.day_info(d)
            out.append(TimelineDay(date=d, kind=info.kind, name=info.name, working=info.working))
            d += dt.timedelta(days=1)
        warns = tuple(cal.warnings_between(lo, hi))
    except GovshareError as exc:
        return (), str(exc), ()
    return tuple(out), None, warns


def _counted(
    cal: WorkCalendar, value: Value | None, start: dt.date, due: dt.date | None
) -> tuple[dt.date, ...]:
    """The working days a "N working days from" period counts, in order."""
    if due is None or value is None or value.kind != "working_days":
        return ()
    if getattr(value, "before", None) is not None:
        return ()
    out: list[dt.date] = []
    d = start + dt.timedelta(days=1)
    while d <= due:
        if cal.day_info(d).working:
            out.append(d)
        d += dt.timedelta(days=1)
    return tuple(out)


def _period_label(value: Value | None) -> Label | None:
    zh, en = period_label(value, "zh"), period_label(value, "en")
    return Label(zh=zh, en=en) if zh and en else None


def _scenario_lane(
    prof: JurisdictionProfile,
    st: ProcessStatus | str,
    *,
    level: str,
    docs: Sequence[str],
    lo: dt.date,
    hi: dt.date,
) -> Lane:
    days, note, warns = _lane_days(prof, lo, hi)
    if isinstance(st, str):
        return _lane(prof, level, days, (), note=st, warnings=warns)
    marks = tuple(_mark(prof, level, docs, d, st.as_of) for d in st.duties)
    uppers = {p.id: p for p in upper_layers(prof)}
    beside: tuple[TimelineMark, ...] = ()
    for layer in st.layers:
        upper = uppers.get(layer.profile)
        if upper is None or layer.error is not None:
            continue
        beside += tuple(
            replace(
                _mark(upper, level, (), d, st.as_of, calendar=prof.calendar),
                layer=layer.profile,
                layer_name=layer.name,
            )
            for d in layer.duties
        )
    return _lane(
        prof,
        level,
        days,
        marks,
        layer_marks=beside,
        state=st.state,
        state_label=st.state_label,
        terminal=st.terminal,
        note=note,
        warnings=tuple(dict.fromkeys((*st.warnings, *warns))),
    )


def _mark(
    prof: JurisdictionProfile,
    lv: str,
    docs: Sequence[str],
    d: DutyRecord,
    until: dt.datetime,
    *,
    calendar: WorkCalendar | None = None,
) -> TimelineMark:
    """A duty on the lane; ``calendar``: the lane's (an upper layer's duty is counted on the
    working days of the place)."""
    cal = prof.calendar if calendar is None else calendar
    value = prof.rule(d.rule, as_of=d.started.date(), level=lv, adopted=docs).value
    fired = d.end_instant if d.outcome in ("deemed_consent", "overdue", "late") else None
    late: int | None = None
    if d.due is not None and d.outcome == "overdue":
        late = cal.working_days_between(d.due, max(d.due, until.date()))
    elif d.due is not None and d.outcome == "late" and d.ended is not None:
        late = cal.working_days_between(d.due, d.ended.date())
    return TimelineMark(
        actor=d.actor,
        party=d.party,
        rule=d.rule,
        period=d.period,
        period_label=_period_label(value),
        source=d.source,
        started=d.started,
        due=d.due,
        end_instant=d.end_instant,
        ended=d.ended,
        outcome=d.outcome,
        fired_at=fired,
        late_working_days=late,
        counted=_counted(cal, value, d.started.date(), d.due),
        provisional=d.provisional,
    )
