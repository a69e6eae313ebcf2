"""Timeline pictures: working days, rest days and make-up days, with each deadline marked.

A deadline across a holiday is easier to see than to read. :func:`timeline` computes the
data of the picture for one or more profiles, one lane per profile sharing a date axis
(calendars differ: Liuzhou counts on the Guangxi calendar):

- every day of the range with its kind on the lane's calendar (working day, weekend,
  statutory holiday, make-up working day, regional rest day) and its name;
- every duty with its start, due day, the working days counted, the citation and how it
  ended (in time, late, overdue, deemed consent).

It has two modes. A **scenario** replays an event log (``govshare-log/1``, see
docs/processes.md) under each profile with :func:`govshare.replay`. A **rule** computes
one rule key's deadline from a start date in each profile
(:meth:`~govshare.JurisdictionProfile.deadline`). A profile that cannot show the case
(no such process, no rule in force at that level) keeps its lane, with a note saying why.

:func:`render` draws the picture as SVG or PNG with matplotlib (the optional extra
``govshare[timeline]``); the data needs nothing beyond govshare itself.

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
import io
import logging
import re
import unicodedata
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import ValidationError

from govshare._kernel.dates import DateLike, to_date, to_datetime
from govshare._kernel.messages import Notice
from govshare._kernel.model import LEVELS, Label
from govshare._kernel.yamlio import first_error
from govshare.calendar._calendar import WorkCalendar
from govshare.errors import GovshareError, InputError
from govshare.processes import DutyRecord, ProcessStatus, replay
from govshare.processes._log import Event, EventLog, EventLogError, read_event_log
from govshare.profiles._keys import RULE_KEYS
from govshare.profiles._model import period_label
from govshare.profiles._profile import JurisdictionProfile, NoRuleInForceError, Source
from govshare.profiles._registry import load_profile
from govshare.render.mermaid import ACTORS_ZH

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = [
    "CJK_FONTS",
    "MAX_DAYS",
    "Lane",
    "Timeline",
    "TimelineDay",
    "TimelineDependencyError",
    "TimelineFontWarning",
    "TimelineMark",
    "describe_due",
    "describe_duty",
    "find_cjk_font",
    "own_level",
    "render",
    "timeline",
]

#: The longest range a picture may span, in days.
MAX_DAYS = 400

#: CJK fonts looked for (in this order) to draw Chinese text in a PNG; an SVG names them
#: all and lets the browser pick one it has.
CJK_FONTS = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Noto Sans SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Microsoft YaHei",
    "SimHei",
    "Heiti SC",
    "Sarasa Gothic SC",
)

_LEVEL_ZH = {"provincial": "省级", "prefectural": "市级", "county": "县级"}
_REGION = {"guangxi": ("广西日历", "Guangxi calendar")}
_HOLIDAYS_EN = {
    "元旦": "New Year's Day",
    "春节": "Spring Festival",
    "清明节": "Qingming",
    "劳动节": "Labour Day",
    "端午节": "Dragon Boat",
    "中秋节": "Mid-Autumn",
    "国庆节": "National Day",
    "国庆节、中秋节": "National Day, Mid-Autumn",
    "中秋节、国庆节": "Mid-Autumn, National Day",
    "壮族三月三": "Zhuang Sanyuesan",
}


class TimelineDependencyError(GovshareError, ImportError):
    """Drawing a timeline needs matplotlib, which is not installed."""

    def __init__(self) -> None:
        super().__init__(
            'drawing a timeline needs matplotlib: pip install "govshare[timeline]" '
            "(--json gives the data without it)"
        )


class TimelineFontWarning(UserWarning):
    """A PNG was drawn without Chinese text because no CJK font is installed."""


# -- data -------------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineDay:
    """One day of a lane: its kind on the lane's calendar and, for a holiday, its name."""

    date: dt.date
    kind: str  # working_day, weekend, statutory_holiday, makeup_working_day, regional_...
    name: str | None
    working: bool


@dataclass(frozen=True)
class TimelineMark:
    """One duty on a lane: who, which period, from when, due when, and how it ended.

    ``outcome`` is a :class:`~govshare.processes.DutyRecord` outcome (``open``, ``done``,
    ``late``, ``overdue``, ``deemed_consent``, ``no_limit``) in a scenario, and None for a
    rule's deadline (no case to end it). ``fired_at`` is when the deadline passed undone
    (24:00 of the due day); ``late_working_days`` counts working days after the due day
    up to the act or, still undone, up to ``as_of``. ``counted`` lists the working days
    counted for a period in working days (1st, 2nd, ... up to the due day).
    """

    actor: str
    party: str | None
    rule: str
    period: str
    period_label: Label
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


@dataclass(frozen=True)
class Lane:
    """One profile's row: its calendar's days and its duties, or a note saying why not.

    ``state`` and ``state_label`` are where the case stands at ``as_of`` (scenarios only).
    """

    profile: str
    name: Label
    level: str
    region: str | None
    days: tuple[TimelineDay, ...]
    marks: tuple[TimelineMark, ...]
    state: str | None = None
    state_label: Label | None = None
    terminal: bool = False
    note: str | None = None
    warnings: tuple[str | Notice, ...] = ()


@dataclass(frozen=True)
class Timeline:
    """The data of a timeline picture: a day range shared by one lane per profile."""

    mode: Literal["scenario", "rule"]
    title: Label
    subtitle: Label
    start: dt.date
    end: dt.date
    as_of: dt.datetime | None
    lanes: tuple[Lane, ...]
    process: str | None = None
    key: str | None = None

    @property
    def notes(self) -> tuple[tuple[str, str], ...]:
        """``(profile, note)`` for every lane that could not show the case."""
        return tuple((lane.profile, lane.note) for lane in self.lanes if lane.note)

    @property
    def warnings(self) -> tuple[str | Notice, ...]:
        """The lanes' warnings (trial documents, provisional calendar years), once each."""
        return tuple(dict.fromkeys(w for lane in self.lanes for w in lane.warnings))


def own_level(profile: JurisdictionProfile) -> str:
    """The highest level any of the profile's documents applies at (``level="own"``).

    Hubei's documents apply at the provincial level, Xinzhou's and Liuzhou's at the
    prefectural (city) level.
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
        title: the picture's title (default: made from the process or rule and dates).

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


def _events(events: Iterable[Event | Mapping[str, object]]) -> list[Event]:
    out: list[Event] = []
    for i, e in enumerate(events):
        if isinstance(e, Event):
            out.append(e)
            continue
        try:
            out.append(Event.model_validate(e))
        except ValidationError as exc:
            where, _, message = first_error(exc)
            kind = e.get("type") if isinstance(e, Mapping) else None
            raise EventLogError(i, str(kind or "?"), f"{where}: {message}") from None
    return out


def _as_of_instant(as_of: DateLike) -> dt.datetime:
    """As :func:`replay`: a date alone means the last instant of that day."""
    if isinstance(as_of, str) and len(as_of.strip()) == 10:
        as_of = to_date(as_of, "as_of")
    if isinstance(as_of, dt.date) and not isinstance(as_of, dt.datetime):
        nxt = to_datetime(as_of + dt.timedelta(days=1), "as_of")
        return nxt - dt.timedelta(microseconds=1)
    return to_datetime(as_of, "as_of")


@dataclass(frozen=True)
class _Case:
    """A scenario's inputs, from a log file, a log object or events given directly."""

    process: str
    events: list[Event]
    level: str
    adopted: tuple[str, ...]
    as_of: DateLike | None
    name: str
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
        return _Case(process, _events(events), "own", (), None, "events")
    if process is not None or events is not None:
        raise InputError("log", str(log), "a log, or process= and events=, not both")
    if isinstance(log, EventLog):
        lg, file, lines = log, None, None
    else:
        lg, loaded = read_event_log(log)
        file = loaded.file

        def lines(i: int) -> int | None:
            return loaded.line_of(("events", i))

    name = Path(file).name if file else "events"
    return _Case(
        lg.process, list(lg.events), str(lg.level), tuple(lg.adopted), lg.as_of, name, file, lines
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
    when = as_of if as_of is not None else case.as_of
    if when is None:
        raise InputError("as_of", None, "as_of= or an as_of: line in the log")
    until = _as_of_instant(when)
    if not case.events:
        raise InputError("events", [], "at least one event")
    first = case.events[0].instant.date()
    docs_for = _adopted_for(profs, case.adopted if adopted is None else adopted)
    runs: list[tuple[JurisdictionProfile, str, list[str], ProcessStatus | str]] = []
    moved: dict[str, str] = {}
    for prof, docs in zip(profs, docs_for, strict=True):
        lv = _level(prof, level, case.level)
        if level is None:
            # As govshare compare does: a profile with no document at the log's level is
            # replayed at its own level, and the lane says so.
            lv, note = prof.level_for(lv)
            if note is not None:
                moved[prof.id] = note
        try:
            st = replay(prof, case.process, case.events, as_of=until, level=lv, adopted=docs)
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
    proc = case.process
    label = next(
        (p.model.processes[proc].label for p in profs if proc in p.model.processes),
        Label(zh=proc, en=proc),
    )
    d0, d1 = first.isoformat(), until.date().isoformat()
    head = Label(
        zh=title or f"{label.zh}：{d0} 起，截至 {d1}",
        en=title or f"{label.en[:1].upper()}{label.en[1:]}: from {d0}, as of {d1}",
    )
    n = len(case.events)
    sub = Label(
        zh=f"事件记录 {case.name}（{n} 个事件）按各地规则回放，截至 {d1}",
        en=f"event log {case.name} ({n} event{'s' if n != 1 else ''}) replayed under each "
        f"jurisdiction's rules, as of {d1}",
    )
    return Timeline("scenario", head, sub, lo, hi, until, lanes, process=proc)


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
            period_label=Label(
                zh=period_label(value, "zh") or dl.period,
                en=period_label(value, "en") or dl.period,
            ),
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
            Lane(
                prof.id,
                Label(zh=prof.model.name.zh, en=prof.model.name.en),
                lv,
                prof.model.calendar.region,
                days,
                (row,) if isinstance(row, TimelineMark) else (),
                note=row if isinstance(row, str) else note,
                warnings=warns,
            )
        )
    spec = RULE_KEYS[key]
    d0 = begin.date().isoformat()
    en = f"{spec.en[:1].upper()}{spec.en[1:]}: from {d0}"
    head = Label(zh=title or f"{spec.zh}：{d0} 起算", en=title or en)
    sub = Label(
        zh=f"规则 {key}，按各地在 {when.isoformat()} 有效的文本计算",
        en=f"rule {key}, each jurisdiction's text in force on {when.isoformat()}",
    )
    return Timeline("rule", head, sub, lo, hi, None, tuple(lanes), key=key)


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
            out.append(TimelineDay(d, info.kind, info.name, info.working))
            d += dt.timedelta(days=1)
        warns = tuple(cal.warnings_between(lo, hi))
    except GovshareError as exc:
        return (), str(exc), ()
    return tuple(out), None, warns


def _counted(
    cal: WorkCalendar, value: object, start: dt.date, due: dt.date | None
) -> tuple[dt.date, ...]:
    """The working days a "N working days from" period counts, in order."""
    if due is None or getattr(value, "kind", None) != "working_days":
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
    name = Label(zh=prof.model.name.zh, en=prof.model.name.en)
    region = prof.model.calendar.region
    if isinstance(st, str):
        return Lane(prof.id, name, level, region, days, (), note=st, warnings=warns)
    marks = tuple(_mark(prof, level, docs, d, st.as_of) for d in st.duties)
    return Lane(
        prof.id,
        name,
        level,
        region,
        days,
        marks,
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
) -> TimelineMark:
    rule = prof.rule(d.rule, as_of=d.started.date(), level=lv, adopted=docs)
    value = rule.value
    label = Label(
        zh=period_label(value, "zh") or d.period, en=period_label(value, "en") or d.period
    )
    if d.due is None:
        promptly = value is not None and value.kind == "promptly"
        label = Label(
            zh="及时（无固定期限）" if promptly else "无可计算的期限",
            en="promptly (no fixed time limit)" if promptly else "no computable time limit",
        )
    fired = d.end_instant if d.outcome in ("deemed_consent", "overdue", "late") else None
    late: int | None = None
    if d.due is not None and d.outcome == "overdue":
        late = prof.calendar.working_days_between(d.due, max(d.due, until.date()))
    elif d.due is not None and d.outcome == "late" and d.ended is not None:
        late = prof.calendar.working_days_between(d.due, d.ended.date())
    return TimelineMark(
        actor=d.actor,
        party=d.party,
        rule=d.rule,
        period=d.period,
        period_label=label,
        source=d.source,
        started=d.started,
        due=d.due,
        end_instant=d.end_instant,
        ended=d.ended,
        outcome=d.outcome,
        fired_at=fired,
        late_working_days=late,
        counted=_counted(prof.calendar, value, d.started.date(), d.due),
        provisional=d.provisional,
    )


# -- words ------------------------------------------------------------------------------

_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}


def _cn_int(text: str) -> int | None:
    """1 to 99 written in Chinese numerals (五, 十四, 二十六), else None."""
    if not text or any(c not in _CN_DIGITS and c != "十" for c in text):
        return None
    if "十" not in text:
        return _CN_DIGITS[text] if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1:
        return None
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)


def _has_cjk(text: str) -> bool:
    return any(unicodedata.east_asian_width(c) in "WF" for c in text)


def _cite(src: Source, lang: str) -> str:
    """Article and clause: ``第十四条(二)``; in English ``Art. 14(2)``, ``§5(3)2``."""
    art, clause = src.article or "", src.clause or ""
    if lang == "zh":
        return f"{art}{clause}"
    m = re.fullmatch(r"第(.+)条", art)
    if m and _cn_int(m.group(1)) is not None:
        art = f"Art. {_cn_int(m.group(1))}"
    elif _cn_int(art) is not None:
        art = f"§{_cn_int(art)}"

    def num(m: re.Match[str]) -> str:
        n = _cn_int(m.group(1))
        return m.group(0) if n is None else f"({n})"

    clause = re.sub(r"[(（]([^)）]+)[)）]", num, clause)
    out = f"{art}{clause}"
    return "" if _has_cjk(out) else out


def _doc(src: Source, lang: str) -> str:
    return (src.number or src.title) if lang == "zh" else src.doc


_OUTCOMES = {
    "open": ("进行中", "open"),
    "done": ("按期结束", "ended in time"),
    "late": ("逾期后结束", "ended late"),
    "overdue": ("已逾期", "overdue"),
    "deemed_consent": ("逾期视为同意", "deemed consent"),
    "no_limit": ("无固定期限", "no fixed limit"),
}

_KINDS = {  # colour, zh, en
    "working_day": ("#ffffff", "工作日", "working day"),
    "weekend": ("#dde2e8", "周末", "weekend"),
    "statutory_holiday": ("#f5b7b1", "法定节假日", "statutory holiday"),
    "makeup_working_day": ("#ffd666", "调休上班", "make-up working day"),
    "regional_rest_day": ("#d2bdf0", "地方休息日", "regional rest day"),
    "regional_working_day": ("#ffe9a8", "地方调休上班", "regional working day"),
}
_LEGEND_KINDS = (
    "working_day",
    "weekend",
    "statutory_holiday",
    "makeup_working_day",
    "regional_rest_day",
)
_COLOURS = {
    None: "#1b2a41",
    "open": "#2f6db5",
    "done": "#2e7d32",
    "late": "#d9822b",
    "overdue": "#c0392b",
    "deemed_consent": "#0e8a6d",
    "no_limit": "#7f8c8d",
}
_BAR = "#2f6db5"
_GRID = "#b8bec6"
_INK = "#1b2a41"
_GREY = "#5f6b7a"


def _md(d: dt.date | dt.datetime) -> str:
    return f"{d.month:02d}-{d.day:02d}"


def _hm(t: dt.datetime) -> str:
    return f"{t.hour:02d}:{t.minute:02d}"


def _actor(mark: TimelineMark, lang: str) -> str:
    if not mark.actor:
        who = ""
    elif lang == "zh":
        who = ACTORS_ZH.get(mark.actor, mark.actor)
    else:
        who = mark.actor.replace("_", " ")
    if mark.party:
        who += f"（{mark.party}）" if lang == "zh" else f" ({mark.party})"
    return who


def describe_due(mark: TimelineMark, lang: str = "zh") -> str:
    """The due label of a mark: ``10-13 截止 第十四条(二) · 10-14 00:00 逾期视为同意``."""
    zh = lang == "zh"
    cite = _cite(mark.source, lang)
    if mark.due is None:
        return f"{mark.period_label.zh if zh else mark.period_label.en} {cite}".strip()
    head = f"{_md(mark.due)} 截止 {cite}" if zh else f"due {_md(mark.due)}, {cite}".rstrip(", ")
    out = mark.outcome
    if out is None:
        return head
    words = _OUTCOMES.get(out, (out, out))[0 if zh else 1]
    if out == "deemed_consent" and mark.fired_at is not None:
        t = mark.fired_at
        tail = f"{_md(t)} {_hm(t)} {words}" if zh else f"{words} at {_md(t)} {_hm(t)}"
    elif out == "overdue" and mark.late_working_days is not None:
        n = mark.late_working_days
        tail = f"{words} {n} 个工作日" if zh else f"{words} by {n} working day{'s' * (n != 1)}"
    elif out == "late" and mark.ended is not None:
        tail = f"{_md(mark.ended)} {words}" if zh else f"{words} on {_md(mark.ended)}"
        if mark.late_working_days is not None:
            k = mark.late_working_days
            tail += f"（晚 {k} 个工作日）" if zh else f" ({k} working days late)"
    elif out == "done" and mark.ended is not None:
        tail = f"{_md(mark.ended)} {words}" if zh else f"{words} on {_md(mark.ended)}"
    else:
        tail = words
    return f"{head} · {tail}"


def describe_duty(mark: TimelineMark, lang: str = "zh", *, doc: bool = True) -> str:
    """Who must act, the period and (``doc``) the document.

    E.g. ``提供部门 · 5个工作日 · 鄂政务办发〔2021〕1号``.
    """
    zh = lang == "zh"
    period = mark.period_label.zh if zh else mark.period_label.en
    parts = [_actor(mark, lang), period, _doc(mark.source, lang) if doc else ""]
    return " · ".join(p for p in parts if p)


def _holiday(name: str | None, lang: str) -> str | None:
    if name is None or lang == "zh":
        return name
    return _HOLIDAYS_EN.get(name, name)


def _lane_lines(lane: Lane, lang: str) -> list[str]:
    zh = lang == "zh"
    level = _LEVEL_ZH.get(lane.level, lane.level) if zh else lane.level
    second = f"{level} · {lane.profile}"
    if lane.region:
        reg = _REGION.get(lane.region, (lane.region, lane.region))
        second += f" · {reg[0] if zh else reg[1]}"
    lines = [lane.name.zh if zh else lane.name.en, second]
    if lane.state_label is not None:
        state = lane.state_label.zh if zh else lane.state_label.en
        lines.append(f"状态：{state}" if zh else f"state: {state}")
    return lines


# -- drawing ----------------------------------------------------------------------------


def find_cjk_font() -> str | None:
    """The first of :data:`CJK_FONTS` matplotlib can use, or None.

    Raises:
        TimelineDependencyError: matplotlib is not installed.
    """
    _matplotlib()
    from matplotlib import font_manager  # noqa: PLC0415 - optional dependency

    installed = {f.name for f in font_manager.fontManager.ttflist}
    return next((name for name in CJK_FONTS if name in installed), None)


def _matplotlib() -> Any:
    try:
        import matplotlib  # noqa: PLC0415 - optional dependency, imported when drawing
    except ImportError:
        raise TimelineDependencyError() from None
    return matplotlib


def _width(text: str, size: float, *, bold: bool = False) -> float:
    """Estimated width in points: wide (CJK) characters 1 em, others 0.62 em (bold 0.7)."""
    narrow = (0.7 if bold else 0.62) * size
    return sum(size if unicodedata.east_asian_width(c) in "WF" else narrow for c in text)


@dataclass
class _Text:
    x: float
    y: float
    text: str
    size: float
    color: str = _INK
    ha: str = "left"
    bold: bool = False
    style: str = "normal"

    @property
    def right(self) -> float:
        w = _width(self.text, self.size, bold=self.bold)
        return self.x + (w if self.ha == "left" else w / 2 if self.ha == "center" else 0)


_ASIDE = re.compile(r"\s*[(（][^()（）]*[)）]")


class _Canvas:
    """Shapes and texts in points (y down), drawn onto a matplotlib Axes at the end."""

    def __init__(self, ascii_only: bool) -> None:
        self.ascii_only = ascii_only
        self.dropped = False
        self.ops: list[Callable[[Axes], None]] = []
        self.texts: list[_Text] = []

    def clean(self, text: str) -> str:
        if not self.ascii_only or not _has_cjk(text):
            return text
        self.dropped = True
        # a bracketed aside in Chinese goes whole, then every word with Chinese in it
        kept = _ASIDE.sub(lambda m: "" if _has_cjk(m.group(0)) else m.group(0), text)
        return " ".join(w for w in kept.split() if not _has_cjk(w))

    def text(self, x: float, y: float, text: str, size: float, **kw: Any) -> _Text:
        t = _Text(x, y, self.clean(text), size, **kw)
        self.texts.append(t)
        return t

    def rect(self, x: float, y: float, w: float, h: float, **kw: Any) -> None:
        def draw(ax: Axes) -> None:
            from matplotlib.patches import Rectangle  # noqa: PLC0415

            ax.add_patch(Rectangle((x, y), w, h, **kw))

        self.ops.append(draw)

    def line(self, xs: Sequence[float], ys: Sequence[float], **kw: Any) -> None:
        def draw(ax: Axes) -> None:
            ax.plot(xs, ys, **kw)

        self.ops.append(draw)

    def tick(self, x: float, y: float, colour: str) -> None:
        self.line([x, x], [y - 8, y + 8], color=colour, lw=2.6, solid_capstyle="butt")

    def marker(
        self, x: float, y: float, shape: str, size: float, *, face: str, edge: str = "white"
    ) -> None:
        width = 1.4 if edge != "white" else 0.8
        self.line([x], [y], marker=shape, ms=size, mfc=face, mec=edge, mew=width, ls="none")

    def draw(self, ax: Axes) -> None:
        for op in self.ops:
            op(ax)
        for t in self.texts:
            ax.text(
                t.x,
                t.y,
                t.text,
                fontsize=t.size,
                color=t.color,
                ha=t.ha,
                va="center",
                fontweight="bold" if t.bold else "normal",
                fontstyle=t.style,
            )


_M = 18.0  # outer margin
_LW = (110.0, 230.0)  # lane title column: narrowest, widest
_STRIP = 20.0  # calendar strip height
_TRACK = 46.0  # one duty
_SPILL = 250.0  # how far labels may run past the last day


class _Drawer:
    """Lays the picture out in points (x right, y down) on a :class:`_Canvas`."""

    def __init__(self, tl: Timeline, lang: str, ascii_only: bool) -> None:
        self.tl = tl
        self.lang = lang
        self.zh = lang == "zh"
        self.cv = _Canvas(ascii_only)
        n = (tl.end - tl.start).days + 1
        self.cw = 24.0 if n <= 45 else max(6.0, 1080.0 / n)
        titles = [_lane_lines(lane, lang) for lane in tl.lanes]
        widest = max(
            (
                _width(self.cv.clean(t), 10.5 if i == 0 else 8, bold=i == 0)
                for ts in titles
                for i, t in enumerate(ts)
            ),
            default=0.0,
        )
        self.lw = min(max(widest + 16, _LW[0]), _LW[1])
        self.x0 = _M + self.lw
        self.x1 = self.x0 + n * self.cw

    def xday(self, d: dt.date) -> float:
        """The left edge (00:00) of a day."""
        return self.x0 + (d - self.tl.start).days * self.cw

    def xinst(self, t: dt.datetime) -> float:
        """An instant, Asia/Shanghai."""
        local = to_datetime(t, "at")
        frac = (local.hour * 3600 + local.minute * 60 + local.second) / 86400
        return self.xday(local.date()) + frac * self.cw

    def words(self, zh: str, en: str) -> str:
        return zh if self.zh else en

    # -- the whole picture ----------------------------------------------------------------

    def layout(self) -> tuple[_Canvas, float, float]:
        tl, cv = self.tl, self.cv
        y = _M + 8
        cv.text(_M, y, self.words(tl.title.zh, tl.title.en), 14, bold=True)
        y += 20
        cv.text(_M, y, self.words(tl.subtitle.zh, tl.subtitle.en), 8.5, color=_GREY)
        y = self.legend(y + 20, max(self.x1, self.x0 + 560) - _M)
        y = self.header(y + 6)
        top = y
        for lane in tl.lanes:
            y = self.lane(lane, y)
        if tl.as_of is not None:
            xa = self.xinst(tl.as_of)
            cv.line([xa, xa], [top - 2, y + 4], color="#444444", lw=1.1, ls=(0, (4, 3)))
            day = tl.as_of.date().isoformat()
            cv.text(xa, y + 12, self.words(f"截至 {day}", f"as of {day}"), 8, ha="center")
            y += 20
        width = max([self.x1 + _M, *(t.right + _M for t in cv.texts)])
        return cv, width, y + _M

    def legend(self, y: float, span: float) -> float:
        cv = self.cv
        present = {d.kind for lane in self.tl.lanes for d in lane.days}
        kinds = [*_LEGEND_KINDS, *(k for k in _KINDS if k not in _LEGEND_KINDS and k in present)]
        items: list[tuple[Callable[[float, float], None], str]] = []
        for kind in kinds:
            colour, kzh, ken = _KINDS[kind]

            def swatch(x: float, yy: float, colour: str = colour) -> None:
                cv.rect(x, yy - 5, 14, 10, facecolor=colour, edgecolor=_GRID, lw=0.6)

            items.append((swatch, self.words(kzh, ken)))

        def start(x: float, yy: float) -> None:
            cv.marker(x + 7, yy, "o", 5, face="white", edge=_BAR)

        def counting(x: float, yy: float) -> None:
            cv.rect(x, yy - 4, 14, 8, facecolor=_BAR, edgecolor="none")

        def due(x: float, yy: float) -> None:
            cv.line([x + 7, x + 7], [yy - 6, yy + 6], color=_INK, lw=1.4)

        def diamond(colour: str) -> Callable[[float, float], None]:
            return lambda x, yy: cv.marker(x + 7, yy, "D", 6, face=colour)

        def tick(colour: str) -> Callable[[float, float], None]:
            return lambda x, yy: cv.tick(x + 7, yy, colour)

        def overdue(x: float, yy: float) -> None:
            cv.rect(x, yy - 4, 14, 8, facecolor=_LATE_FILL, edgecolor=_COLOURS["overdue"], lw=0.8)

        items += [
            (start, self.words("起算（事件）", "start (event)")),
            (counting, self.words("计入的工作日 1, 2, …", "working days counted 1, 2, ...")),
            (due, self.words("截止：当日 24:00", "due: 24:00 of the due day")),
        ]
        if self.tl.mode == "scenario":
            items += [
                (diamond(_COLOURS["deemed_consent"]), self.words("逾期视为同意", "deemed consent")),
                (overdue, self.words("逾期", "overdue")),
                (tick(_COLOURS["done"]), self.words("期限结束（答复或案件结束）", "duty ended")),
            ]
        x = _M
        for draw, label in items:
            w = 18 + _width(cv.clean(label), 8) + 14
            if x + w > _M + span and x > _M:
                x, y = _M, y + 16
            draw(x, y)
            cv.text(x + 18, y, label, 8)
            x += w
        return y + 14

    def header(self, y: float) -> float:
        """Months, day numbers and weekdays over the lanes."""
        cv, cw = self.cv, self.cw
        firsts = [self.tl.start] + [
            self.tl.start + dt.timedelta(days=i)
            for i in range(1, (self.tl.end - self.tl.start).days + 1)
            if (self.tl.start + dt.timedelta(days=i)).day == 1
        ]
        year_shown: int | None = None
        for k, first in enumerate(firsts):
            x = self.xday(first)
            if first != self.tl.start:
                cv.line([x, x], [y - 6, y + 34], color=_GREY, lw=0.8)
            full = year_shown != first.year
            month = _month(first, self.lang, full=full)
            nxt = self.xday(firsts[k + 1]) if k + 1 < len(firsts) else self.x1 + _SPILL
            if x + 3 + _width(month, 8.5) > nxt - 4:
                continue  # no room before the next month: that one names the year
            cv.text(x + 3, y, month, 8.5, bold=True)
            year_shown = first.year
        d = self.tl.start
        while d <= self.tl.end:
            x = self.xday(d)
            if cw >= 14 or d.weekday() == 0:  # narrow days: Mondays only
                cv.text(x + cw / 2, y + 14, str(d.day), 8, ha="center")
            if cw >= 14:
                wd = _WEEKDAYS_ZH[d.weekday()] if self.zh else _WEEKDAYS_EN[d.weekday()]
                colour = "#8e2418" if d.weekday() >= 5 else _GREY
                cv.text(x + cw / 2, y + 26, wd, 7, ha="center", color=colour)
            d += dt.timedelta(days=1)
        return y + 34

    # -- one lane ------------------------------------------------------------------------

    def lane(self, lane: Lane, y: float) -> float:
        cv, cw = self.cv, self.cw
        y += 10
        notes: list[str] = []
        if lane.note:
            prefix = self.words("未能显示：", "not shown: ")
            notes = _wrap(cv.clean(prefix + lane.note), 8, max(self.x1 - self.x0 - 12, 300.0))
        body = _STRIP + 6 + len(lane.marks) * _TRACK + len(notes) * 13 + (4 if notes else 0)
        height = max(body, 48.0)
        ly = y + 7
        for i, line in enumerate(_lane_lines(lane, self.lang)):
            size = 10.5 if i == 0 else 8
            for part in _wrap(cv.clean(line), size, self.lw - 12, bold=i == 0):
                cv.text(_M, ly, part, size, bold=i == 0, color=_INK if i == 0 else _GREY)
                ly += 14
        height = max(height, ly - y - 4)
        for day in lane.days:  # the strip in full colour, rest days faint below it
            colour = _KINDS.get(day.kind, _KINDS["working_day"])[0]
            x = self.xday(day.date)
            cv.rect(x, y, cw, _STRIP, facecolor=colour, edgecolor=_GRID, lw=0.5)
            if day.kind != "working_day":
                cv.rect(
                    x,
                    y + _STRIP,
                    cw,
                    height - _STRIP,
                    facecolor=colour,
                    edgecolor="none",
                    alpha=0.35,
                )
        if not lane.days:
            cv.rect(self.x0, y, self.x1 - self.x0, _STRIP, facecolor="#f3f3f3", edgecolor=_GRID)
        self.strip_words(lane, y)
        ty = y + _STRIP + 6
        for mark in lane.marks:
            self.track(mark, ty, y)
            ty += _TRACK
        for line in notes:
            cv.text(self.x0 + 4, ty + 7, line, 8, color="#8a3b12", style="italic")
            ty += 13
        y += height + 8
        cv.line([_M, self.x1], [y, y], color="#d5d9de", lw=0.8)
        return y

    def strip_words(self, lane: Lane, y: float) -> None:
        """Holiday names across their days (休 / off on each day when the name does not
        fit), 班 / work on make-up working days."""
        cv, cw = self.cv, self.cw
        days = lane.days
        size = 7.5 if cw >= 14 else 6.0
        i = 0
        while i < len(days):
            day = days[i]
            if day.kind in ("makeup_working_day", "regional_working_day") and cw >= 14:
                cv.text(
                    self.xday(day.date) + cw / 2,
                    y + _STRIP / 2,
                    self.words("班", "work"),
                    size if self.zh else 5.5,
                    ha="center",
                    color="#6b4500",
                    bold=True,
                )
            if day.kind not in ("statutory_holiday", "regional_rest_day"):
                i += 1
                continue
            j = i
            while j + 1 < len(days) and (days[j + 1].kind, days[j + 1].name) == (
                day.kind,
                day.name,
            ):
                j += 1
            span = (j - i + 1) * cw
            name = cv.clean(_holiday(day.name, self.lang) or "")
            colour = "#8e2418" if day.kind == "statutory_holiday" else "#4b2a82"
            if name and _width(name, size) <= span - 4:
                x = self.xday(day.date) + span / 2
                cv.text(x, y + _STRIP / 2, name, size, ha="center", color=colour, bold=True)
            elif cw >= 14:
                for k in range(i, j + 1):
                    x = self.xday(days[k].date) + cw / 2
                    off = self.words("休", "off")
                    cv.text(
                        x, y + _STRIP / 2, off, size if self.zh else 6, ha="center", color=colour
                    )
            i = j + 1

    def track(self, mark: TimelineMark, y: float, strip_top: float) -> None:
        """One duty: the period as a bar from the start, the working days counted on it,
        the due line at 24:00 of the due day, and what happened."""
        cv, cw, tl = self.cv, self.cw, self.tl
        line1, bar, line3 = y + 8, y + 22, y + 36
        xs = self.xinst(mark.started)
        colour = _COLOURS.get(mark.outcome, _INK)
        label = describe_due(mark, self.lang)
        if mark.due is None:  # no computable limit: a dotted line up to as_of
            xe = self.xinst(tl.as_of) if tl.as_of else self.x1
            cv.line([xs, xe], [bar, bar], color=_COLOURS["no_limit"], lw=1.5, ls=(0, (1, 2)))
            cv.text(xs + 5, line1, label, 8.5, color=_COLOURS["no_limit"], bold=True)
        else:
            xb = self.xday(mark.due) + cw
            lo, hi = min(xs, xb), max(xs, xb)
            cv.rect(lo, bar - 5, hi - lo, 10, facecolor=_BAR, edgecolor="none")
            if mark.outcome == "done" and mark.ended is not None:
                xe = self.xinst(mark.ended)
                cv.rect(xe, bar - 5, hi - xe, 10, facecolor=_SPARE_FILL, edgecolor="none")
            if cw >= 12:
                spare = self.xinst(mark.ended) if mark.outcome == "done" and mark.ended else hi
                for k, d in enumerate(mark.counted, 1):
                    x = self.xday(d) + cw / 2
                    if abs(x - spare) < 6:  # keep the number clear of the end tick
                        x = spare + 6 if x >= spare else spare - 6
                    ink = "white" if x < spare else _BAR
                    cv.text(x, bar, str(k), 6.5, ha="center", color=ink, bold=True)
            if mark.outcome in ("overdue", "late"):
                end = mark.ended if mark.outcome == "late" else tl.as_of
                xe = self.xinst(end) if end is not None else xb
                if xe > xb:
                    cv.rect(
                        xb,
                        bar - 5,
                        xe - xb,
                        10,
                        facecolor=_LATE_FILL,
                        edgecolor=_COLOURS["overdue"],
                        lw=0.8,
                    )
            cv.line([xb, xb], [strip_top, bar + 7], color=_INK, lw=1.4)
            cv.marker(xb, bar, "D", 7, face=colour)
            if mark.outcome in ("done", "late") and mark.ended is not None:
                cv.tick(self.xinst(mark.ended), bar, _COLOURS[mark.outcome])
            # right of the due line, unless it would cross the as_of line or run too far
            # while there is room on the left
            t = cv.text(xb + 5, line1, label, 8.5, color=colour, bold=True)
            xa = self.xinst(tl.as_of) if tl.as_of else None
            crosses = xa is not None and xb + 5 < xa < t.right + 4
            fits_left = xb - 5 - _width(t.text, 8.5, bold=True) >= self.x0
            if (crosses or t.right > self.x1 + _SPILL) and fits_left:
                t.x, t.ha = xb - 5, "right"
        cv.marker(xs, bar, "o", 6, face="white", edge=_BAR)
        duty = cv.text(xs, line3, describe_duty(mark, self.lang), 8, color=_GREY)
        if duty.right > self.x1 + _SPILL:
            duty.x, duty.ha = self.x1 + _SPILL, "right"


def _month(d: dt.date, lang: str, *, full: bool) -> str:
    if lang == "zh":
        return f"{d.year}年{d.month}月" if full else f"{d.month}月"
    return f"{_MONTHS[d.month - 1]} {d.year}" if full else _MONTHS[d.month - 1]


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_WEEKDAYS_ZH = "一二三四五六日"
_WEEKDAYS_EN = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
_LATE_FILL = "#f2b8b0"
_SPARE_FILL = "#c9d8ee"


def _wrap(text: str, size: float, width: float, *, bold: bool = False) -> list[str]:
    """Lines of at most ``width`` points, broken at spaces (inside a word if it must)."""
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}".strip()
        if not current or _width(candidate, size, bold=bold) <= width:
            current = candidate
        else:
            lines.append(current)
            current = word
        while _width(current, size, bold=bold) > width and len(current) > 1:
            cut = len(current) - 1
            while cut > 1 and _width(current[:cut], size, bold=bold) > width:
                cut -= 1
            lines.append(current[:cut])
            current = current[cut:]
    if current:
        lines.append(current)
    return lines


@contextmanager
def _quiet() -> Iterator[None]:
    """No font-lookup chatter: the SVG names fonts the machine may not have."""
    logger = logging.getLogger("matplotlib.font_manager")
    old = logger.level
    logger.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=r"Glyph \d+ .*missing from font")
            warnings.filterwarnings("ignore", message=r"findfont")
            yield
    finally:
        logger.setLevel(old)


def render(tl: Timeline, fmt: str = "svg", lang: str = "zh", *, dpi: int = 150) -> bytes:
    """Draw the timeline: one lane per profile, day kinds coloured, deadlines marked.

    An SVG keeps its text as text (``svg.fonttype: none``) naming several CJK fonts, so a
    browser draws the Chinese with a font it has; the same timeline always gives the same
    bytes. A PNG needs a CJK font for Chinese text (:func:`find_cjk_font`); without one
    it is drawn with English labels (Chinese names left out) and a
    :class:`TimelineFontWarning` says so, never with empty boxes.

    Args:
        tl: the data, from :func:`timeline`.
        fmt: ``svg`` or ``png``.
        lang: ``zh`` (default) or ``en`` labels.
        dpi: resolution of a PNG.

    Returns:
        The file's bytes.

    Raises:
        InputError: an unknown format or language.
        TimelineDependencyError: matplotlib is not installed.
    """
    if fmt not in ("svg", "png"):
        raise InputError("fmt", fmt, "svg or png")
    if lang not in ("zh", "en"):
        raise InputError("lang", lang, "zh or en")
    mpl = _matplotlib()
    from matplotlib.figure import Figure  # noqa: PLC0415 - optional dependency

    latin = ["DejaVu Sans"]
    warned = False
    if fmt == "svg":
        fonts = [*CJK_FONTS, *latin] if lang == "zh" else [*latin, *CJK_FONTS]
        ascii_only = False
    else:
        cjk = find_cjk_font()
        if cjk is None and lang == "zh":
            warnings.warn(
                "no CJK font found (looked for "
                f"{', '.join(CJK_FONTS[:4])}, ...): the PNG has English labels and leaves "
                "out names written in Chinese; install one (e.g. fonts-noto-cjk) or write "
                "an SVG",
                TimelineFontWarning,
                stacklevel=2,
            )
            lang, warned = "en", True
        found = [cjk] if cjk else []
        fonts = [*found, *latin] if lang == "zh" else [*latin, *found]
        ascii_only = cjk is None
    canvas, width, height = _Drawer(tl, lang, ascii_only).layout()
    if canvas.dropped and not warned:
        warnings.warn(
            "no CJK font found: names written in Chinese are left out of the PNG; install "
            "one (e.g. fonts-noto-cjk) or write an SVG",
            TimelineFontWarning,
            stacklevel=2,
        )
    rc = {
        "svg.fonttype": "none",
        "svg.hashsalt": "govshare-timeline",
        "font.family": ["sans-serif"],
        "font.sans-serif": fonts,
        "axes.unicode_minus": False,
    }
    buf = io.BytesIO()
    with _quiet(), mpl.rc_context(rc):
        fig = Figure(figsize=(width / 72, height / 72))
        ax = fig.add_axes((0, 0, 1, 1))
        ax.set_xlim(0, width)
        ax.set_ylim(height, 0)
        ax.set_axis_off()
        canvas.draw(ax)
        meta: dict[str, Any] = (
            {"Date": None, "Creator": "govshare"} if fmt == "svg" else {"Software": "govshare"}
        )
        fig.savefig(buf, format=fmt, dpi=dpi, metadata=meta, facecolor="white")
    return buf.getvalue()
