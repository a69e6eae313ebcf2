"""One generic engine that replays an event log through a profile's process definition.

Pure and deterministic: :func:`replay` takes the profile, the process, the events and the
instant ``as_of``, and computes everything from them (no clock, no I/O, no threads). Timers
are not scheduled; a deadline "fires" in the replay when its end instant (24:00 of the due
day, Asia/Shanghai) is at or before the next event or ``as_of``.

Periods come from the profile's rules in force when each period starts, so precedence
between documents (Hubei's provincial rules over Order 419) applies here as in
:meth:`JurisdictionProfile.deadline`.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TypedDict

from pydantic import ValidationError

from govshare._kernel.dates import SHANGHAI, DateLike, to_datetime
from govshare._kernel.messages import Notice
from govshare._kernel.model import LEVELS, Label
from govshare._kernel.vocabulary import Kind, term
from govshare._kernel.vocabulary import label as term_label
from govshare._kernel.yamlio import first_error
from govshare.errors import InputError
from govshare.processes._compiled import CompiledProcess, Waiting, waiting_note
from govshare.processes._log import (
    Event,
    EventLogError,
    EventNotAllowedError,
    EventOrderError,
    MissingEventFieldError,
    MixedTimezoneError,
    UnknownEventError,
)
from govshare.processes._results import (
    DutyOutcome,
    DutyRecord,
    Finding,
    FiredKind,
    FiredTimer,
    NotBefore,
    OpenDuty,
    ProcessStatus,
    TraceStep,
    Violation,
)
from govshare.profiles._model import Value, period_label
from govshare.profiles._process_model import START, Duty, Guard, ProcessDef, TransitionDef
from govshare.profiles._profile import (
    JurisdictionProfile,
    NotADeadlineError,
    RuleResult,
    Source,
)

__all__ = [
    "as_of_instant",
    "deems_consent",
    "get_process",
    "guard_holds",
    "parse_events",
    "replay",
    "run_log",
]


_TICK = dt.timedelta(microseconds=1)


def _term(kind: Kind, id_: str) -> Label:
    """A fixed term of the vocabulary (bundled data: a missing one is a packaging bug)."""
    found = term(kind, id_)
    if found is None:  # pragma: no cover - tests/_kernel checks the vocabulary
        raise LookupError(f"govshare/data/vocabulary/ has no {kind} {id_!r}")
    return found


def _who(actor: str, party: str | None) -> Label:
    """An actor, with the party it acts for: ``provider (省公安厅)``."""
    extra = f"（{party}）" if party else ""
    extra_en = f" ({party})" if party else ""
    return Label(zh=term_label("actor", actor, "zh") + extra, en=f"{actor}{extra_en}")


def get_process(profile: JurisdictionProfile, process: str) -> ProcessDef:
    """The profile's definition of ``process``; :class:`InputError` names the known ones."""
    found = profile.model.processes.get(process)
    if found is None:
        known = ", ".join(profile.model.processes) or "none"
        raise InputError("process", process, f"a process of {profile.id}: {known}")
    return found


@dataclass
class _Timer:
    duty: Duty
    party: str | None
    started: dt.datetime
    source: Source
    period: str
    period_zh: str
    period_en: str
    due: dt.date | None
    end_instant: dt.datetime | None
    provisional: bool
    warnings: tuple[Notice, ...]
    fired: bool = False
    extended: bool = False
    violation: int | None = None  # index in _Run.violations of its overdue violation
    ended: dt.datetime | None = None
    deemed: bool = False
    seq: int = 0  # its key in _Run.timers (the order timers started in)


@dataclass
class _Run:
    """The mutable state of one replay."""

    profile: JurisdictionProfile
    proc: ProcessDef
    name: str
    level: str
    adopted: tuple[str, ...]
    index: CompiledProcess
    state: str = START
    since: dt.datetime | None = None
    parties: tuple[str, ...] = ()
    party_index: dict[str, int] = field(default_factory=dict)
    responded: dict[str, set[str]] = field(default_factory=dict)
    deemed: set[str] = field(default_factory=set)
    # reviewers who answered (any event) or were deemed to, in this state
    answered: set[str] = field(default_factory=set)
    # per event type of a joint step: the reviewers still waiting, in the order named
    waiting: dict[str, Waiting] = field(default_factory=dict)
    # the running timers by seq (in start order), by party, and by end instant (a heap
    # whose fired or ended entries are skipped when met): each step costs O(log n)
    timers: dict[int, _Timer] = field(default_factory=dict)
    by_party: dict[str | None, list[_Timer]] = field(default_factory=dict)
    heap: list[tuple[dt.datetime, int, _Timer]] = field(default_factory=list)
    all_timers: list[_Timer] = field(default_factory=list)
    facts: dict[str, bool | str] = field(default_factory=dict)
    history: list[tuple[str, dt.datetime]] = field(default_factory=list)
    fired: list[FiredTimer] = field(default_factory=list)
    violations: list[Violation] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    trace: list[TraceStep] = field(default_factory=list)
    warnings: list[Notice] = field(default_factory=list)
    #: the state a duty ran in when its deemed consent ended the case, the outcome rule and
    #: when the duty started (an act answering that duty later is recorded, not refused)
    deemed_end: tuple[str, str, dt.datetime] | None = None

    # -- rules ----------------------------------------------------------------------------

    def rule(self, key: str, when: dt.datetime) -> RuleResult:
        result = self.profile.rule(key, as_of=when.date(), level=self.level, adopted=self.adopted)
        for w in result.warnings:
            if w not in self.warnings:
                self.warnings.append(w)
        return result

    def guard(self, g: Guard, when: dt.datetime) -> bool:
        return guard_holds(g, self.rule(g.rule, when).value)

    def cite(self, t: TransitionDef, when: dt.datetime) -> Source | None:
        if t.cite is not None:
            doc = self.profile.documents[t.cite.doc]
            c = t.cite
            return Source(
                doc=doc.id,
                title=doc.title,
                number=doc.number,
                article=c.article,
                clause=c.clause,
                quote=c.quote,
            )
        assert t.rule is not None  # the model requires one of the two
        return self.rule(t.rule, when).source

    # -- timers ---------------------------------------------------------------------------

    def parties_for(self, duty: Duty) -> tuple[str | None, ...]:
        if duty.per_party and self.parties:
            return self.parties
        return (None,)

    def start_duties(self, when: dt.datetime) -> None:
        for duty in self.proc.states[self.state].duties:
            rule = self.rule(duty.rule, when)
            if rule.value is None:
                continue  # the document in force is silent: no time limit
            try:
                d = self.profile.own_deadline(
                    duty.rule, when, level=self.level, as_of=when.date(), adopted=self.adopted
                )
            except NotADeadlineError:
                d = None
            vague = _vague(rule)
            for party in self.parties_for(duty):
                timer = _Timer(
                    duty=duty,
                    party=party,
                    started=when,
                    source=rule.source if d is None else d.source,
                    period=vague.en if d is None else d.period,
                    period_zh=vague.zh if d is None else period_label(rule.value) or vague.zh,
                    period_en=vague.en if d is None else period_label(rule.value, "en") or vague.en,
                    due=None if d is None else d.due,
                    end_instant=None if d is None else d.end_instant,
                    provisional=False if d is None else d.provisional,
                    warnings=() if d is None else d.warnings,
                )
                self.all_timers.append(timer)
                timer.seq = len(self.all_timers)
                self.timers[timer.seq] = timer
                self.by_party.setdefault(party, []).append(timer)
                if timer.end_instant is not None:
                    heapq.heappush(self.heap, (timer.end_instant, timer.seq, timer))

    def next_due(self, until: dt.datetime) -> _Timer | None:
        """The running timer that ends first (the first started among equals), if it ends
        at or before ``until`` and has not fired."""
        heap = self.heap
        while heap:
            end, seq, timer = heap[0]
            if timer.fired or seq not in self.timers or end != timer.end_instant:
                heapq.heappop(heap)
                continue
            return timer if end <= until else None
        return None

    def reviewers(self, names: Sequence[str]) -> None:
        self.parties = tuple(dict.fromkeys(names))
        self.party_index = {p: i for i, p in enumerate(self.parties)}

    def answer(self, party: str, event: str | None) -> None:
        """``party`` answered with ``event`` (None: deemed to consent)."""
        if party not in self.party_index:
            return
        self.answered.add(party)
        for kind, queue in self.waiting.items():
            if event is None or kind == event:
                queue.done(party)

    def still_waiting(self, event: str) -> Waiting:
        """The reviewers who have answered neither ``event`` nor by deemed consent."""
        queue = self.waiting.get(event)
        if queue is None:
            queue = self.waiting[event] = Waiting(self.parties, self.party_index)
            for p in (*self.deemed, *self.responded.get(event, ())):
                queue.done(p)
        return queue

    def fire(self, timer: _Timer) -> None:
        assert timer.end_instant is not None
        assert timer.due is not None
        timer.fired = True
        at = timer.end_instant
        duty = timer.duty
        outcome = self.rule(duty.outcome, timer.started) if duty.outcome else None
        deemed = outcome is not None and deems_consent(outcome.value)
        kind: FiredKind = "deemed_consent" if deemed else "overdue"
        self.fired.append(
            FiredTimer(
                at=at,
                kind=kind,
                actor=duty.actor,
                party=timer.party,
                rule=duty.rule,
                source=timer.source,
                due=timer.due,
                outcome_source=outcome.source if outcome else None,
            )
        )
        who = _who(duty.actor, timer.party)
        due = timer.due.isoformat()
        violation = Violation(
            kind="overdue",
            actor=duty.actor,
            party=timer.party,
            rule=duty.rule,
            source=timer.source,
            message=Notice(
                code="process.overdue",
                zh=f"{who.zh}未在{due}前办理（{timer.period_zh}）",
                en=f"{who.en} did not act by {due} ({timer.period})",
            ),
            due=timer.due,
            ongoing=not deemed,
            consequence=kind,
        )
        self.violations.append(violation)
        if not deemed:
            timer.violation = len(self.violations) - 1
            return
        assert duty.deemed_to is not None
        assert outcome is not None
        del self.timers[timer.seq]
        timer.ended = at
        timer.deemed = True
        self.deemed.add(timer.party or "")
        self.answer(timer.party or "", None)
        if self.pending_parties(duty):
            self.trace.append(
                TraceStep(
                    at=at,
                    index=None,
                    event="deemed_consent",
                    actor="platform",
                    by=timer.party,
                    from_state=self.state,
                    to_state=self.state,
                    label=_term("duty_outcome", "deemed_consent"),
                    source=outcome.source,
                    note=Notice(
                        code="process.deemed_consent_waiting",
                        zh=f"{who.zh}：逾期视为同意；等待其他审核方",
                        en=f"{who.en}: deemed consent; waiting for the other reviewers",
                    ),
                )
            )
            return
        assert duty.outcome is not None
        self.deemed_end = (self.state, duty.outcome, timer.started)
        self.move(
            at,
            None,
            "deemed_consent",
            duty.deemed_to,
            actor="platform",
            by=None,
            label=_term("word", "deemed_consent_authorized"),
            source=outcome.source,
            note=Notice(
                code="process.no_reply",
                zh=f"{who.zh}：未在{due}前答复",
                en=f"{who.en}: no reply by {due}",
            ),
        )

    def pending_parties(self, duty: Duty) -> bool:
        """Whether reviewers of a per-reviewer duty have still to answer."""
        return bool(duty.per_party and self.parties) and len(self.answered) < len(self.parties)

    def close_timers(self, when: dt.datetime, party: str | None = None) -> None:
        """End the running duties (all, or one reviewer's) as of ``when``."""
        if party is None:
            closing = list(self.timers.values())
            self.timers, self.by_party, self.heap = {}, {}, []
        else:
            closing = [t for t in self.by_party.pop(party, ()) if t.seq in self.timers]
            for t in closing:
                del self.timers[t.seq]
        for t in closing:
            t.ended = when
            if t.violation is not None and t.due is not None:
                late = self.profile.calendar.working_days_between(t.due, when.date())
                self.violations[t.violation] = replace(
                    self.violations[t.violation], late_working_days=late, ongoing=False
                )

    # -- moving ---------------------------------------------------------------------------

    def move(
        self,
        at: dt.datetime,
        index: int | None,
        event: str,
        to: str,
        *,
        actor: str,
        by: str | None,
        label: Label,
        source: Source | None,
        note: Notice | None = None,
    ) -> None:
        before = self.state
        self.trace.append(
            TraceStep(
                at=at,
                index=index,
                event=event,
                actor=actor,
                by=by,
                from_state=before,
                to_state=to,
                label=label,
                source=source,
                note=note,
            )
        )
        if to == before:
            return
        self.close_timers(at)
        self.state = to
        self.since = at
        self.responded = {}
        self.deemed = set()
        self.answered = set()
        self.waiting = {}
        self.start_duties(at)


def deems_consent(value: Value | None) -> bool:
    """Whether an outcome rule's value makes a missed deadline deemed consent."""
    return value is not None and value.kind == "outcome" and value.on_timeout == "deemed_consent"


def guard_holds(g: Guard, value: Value | None) -> bool:
    """Whether a guard holds for the value of the rule in force (None: not specified).

    ``is`` matches any of the value's tokens: an enum's value, an outcome's ``on_timeout``,
    ``true``/``false`` for a flag, the actions of a list of steps, the members of a set;
    otherwise the value's kind.
    """
    if g.specified is not None:
        return (value is not None) == g.specified
    if value is None:
        return False
    tokens: set[str] = {value.kind}
    if value.kind == "enum":
        tokens = {value.value}
    elif value.kind == "outcome":
        tokens = {value.on_timeout}
    elif value.kind == "bool":
        tokens = {"true" if value.value else "false"}
    elif value.kind == "steps":
        tokens = {step.action for step in value.steps}
    elif value.kind == "set":
        tokens = set(value.values)
    return bool(tokens & set(g.is_ or ()))


def _vague(rule: RuleResult) -> Label:
    """The period of a duty with no computable time limit."""
    if rule.value is not None and rule.value.kind == "promptly":
        return Label(zh="及时，无固定时限", en="promptly (及时), no fixed time limit")
    kind = rule.value.kind if rule.value else "not specified"
    return Label(zh=f"无可计算时限（{kind}）", en=f"no computable time limit ({kind})")


def _check_log(
    name: str, index: CompiledProcess, events: Sequence[Event], foreign: Collection[str] = ()
) -> list[dt.datetime]:
    known = index.known
    instants: list[dt.datetime] = []
    aware_seen: tuple[int, bool] | None = None
    for i, ev in enumerate(events):
        if ev.type not in index.known_set and ev.type not in foreign:
            raise UnknownEventError(i, ev.type, name, known)
        try:
            instant = ev.instant
            aware = ev.aware
        except InputError as exc:
            raise EventLogError(i, ev.type, f"at: {exc.expected}; got {ev.at!r}") from None
        if aware is not None:
            if aware_seen is not None and aware_seen[1] != aware:
                j, first = aware_seen
                kinds = ("with a UTC offset", "without one (Asia/Shanghai local time)")
                raise MixedTimezoneError(
                    i,
                    ev.type,
                    f"its time is {kinds[0] if aware else kinds[1]} but events[{j}]'s is "
                    f"{kinds[0] if first else kinds[1]}; give every time the same way",
                )
            aware_seen = aware_seen or (i, aware)
        if instants and instant < instants[-1]:
            raise EventOrderError(
                i,
                ev.type,
                f"at {instant.isoformat()} is earlier than events[{i - 1}] at "
                f"{instants[-1].isoformat()}; events must be in time order",
            )
        instants.append(instant)
    return instants


def replay(
    profile: JurisdictionProfile,
    process: str,
    events: Iterable[Event | Mapping[str, object]],
    *,
    as_of: DateLike,
    level: str,
    adopted: Iterable[str] = (),
) -> ProcessStatus:
    """Replay ``events`` through ``profile``'s ``process`` and report the case at ``as_of``.

    Events after ``as_of`` are ignored; a date-only ``as_of`` means the last instant of that
    day (Asia/Shanghai), so a deadline due that day has not yet passed. A deadline passes at
    its end instant (24:00 of the due day); an event at that instant or later is late.

    Returns a :class:`ProcessStatus`: the state, the duties still running (due day and end
    instant), the deadlines that passed (deemed consent or overdue) and when, violations
    (with working days late), findings, acts not yet allowed, and a trace citing the text
    of every step.

    Raises:
        EventLogError: (a subclass) naming the event by index: unknown type, an event not
            allowed in the current state (listing those that are), time going backwards,
            naive and aware times mixed, a required field (such as a refusal's reasons)
            missing.
        InputError: an unknown process or level.
        NoRuleInForceError, CalendarRangeError: a rule or calendar data the case needs is
            not available for its dates.
    """
    from govshare.processes import _layers  # noqa: PLC0415 - it replays through this module

    proc = get_process(profile, process)
    if level not in LEVELS:
        raise InputError("level", level, f"one of {', '.join(LEVELS)}")
    evs = parse_events(events)
    until = as_of_instant(as_of)
    return _layers.replay_case(
        profile, process, proc, evs=evs, until=until, level=level, adopted=tuple(adopted)
    )


#: Applies one event of a log to a replay (``_apply``, or a layer's variant of it).
Step = Callable[["_Run", int, Event, dt.datetime], None]


def run_log(
    run: _Run,
    evs: Sequence[Event],
    instants: Sequence[dt.datetime],
    until: dt.datetime,
    step: Step | None = None,
) -> ProcessStatus:
    """Fire deadlines and apply the events up to ``until`` in time order; the status then."""
    for i, (ev, at) in enumerate(zip(evs, instants, strict=True)):
        if at > until:
            break
        _fire_until(run, at)
        (step or _apply)(run, i, ev, at)
    _fire_until(run, until)
    return _status(run, until)


def _fire_until(run: _Run, until: dt.datetime) -> None:
    """Fire, in time order, every deadline ending at or before ``until``, including those
    of states entered by an earlier firing."""
    while True:
        due = run.next_due(until)
        if due is None:
            return
        run.fire(due)


def _event(i: int, e: Event | Mapping[str, object]) -> Event:
    if isinstance(e, Event):
        return e
    try:
        return Event.model_validate(e)
    except ValidationError as exc:
        where, _, message = first_error(exc)
        kind = e.get("type") if isinstance(e, Mapping) else None
        raise EventLogError(i, str(kind or "?"), f"{where}: {message}") from None


def parse_events(events: Iterable[Event | Mapping[str, object]]) -> list[Event]:
    """The events as :class:`Event` objects, as :func:`replay` reads them.

    Raises:
        EventLogError: an item that is not an event (naming its index and field).
    """
    return [_event(i, e) for i, e in enumerate(events)]


def as_of_instant(as_of: DateLike) -> dt.datetime:
    """The instant :func:`replay` reports at: a date means the last instant of that day
    (just before 24:00 Asia/Shanghai)."""
    if isinstance(as_of, str) and len(as_of.strip()) == 10:
        as_of = to_datetime(as_of, "as_of").date()
    if isinstance(as_of, dt.date) and not isinstance(as_of, dt.datetime):
        # 23:59:59.999999, i.e. 24:00 less one tick (_TICK), without leaving the date range.
        return dt.datetime.combine(as_of, dt.time.max, tzinfo=SHANGHAI)
    return to_datetime(as_of, "as_of")


def _fits(t: TransitionDef, facts: Mapping[str, bool | str]) -> bool:
    """No stated fact contradicts the transition's facts."""
    return all(facts.get(k, v) == v for k, v in t.facts.items())


def _allowed(run: _Run, when: dt.datetime) -> list[str]:
    return sorted(
        {
            t.event
            for t in run.proc.transitions
            if run.state in t.from_
            and _fits(t, run.facts)
            and (t.when is None or run.guard(t.when, when))
        }
    )


def _not_allowed(
    run: _Run,
    i: int,
    ev: Event,
    at: dt.datetime,
    *,
    candidates: Sequence[TransitionDef],
    fitting: Sequence[TransitionDef],
    facts: Mapping[str, object],
) -> EventNotAllowedError:
    """The error for an event no transition of the current state takes, saying why."""
    allowed = _allowed(run, at)
    why = "the rule in force does not provide for it here" if fitting else ""
    if candidates and not fitting:
        stated = ", ".join(f"{k}: {v}" for k, v in facts.items())
        why = f"the facts stated ({stated}) rule it out"
    if run.state == START and not allowed:
        why = "the rules in force at this date and level provide no way to start it"
    state = run.proc.states.get(run.state)
    terminal = state is not None and state.terminal
    return EventNotAllowedError(i, ev.type, run.state, allowed, why, terminal=terminal)


def _apply(run: _Run, i: int, ev: Event, at: dt.datetime) -> None:
    candidates = run.index.by_event_state.get((ev.type, run.state), ())
    facts = {**run.facts, **ev.facts}
    fitting = [t for t in candidates if _fits(t, facts)]
    chosen = next((t for t in fitting if t.when is None or run.guard(t.when, at)), None)
    if chosen is None and _after_deemed_consent(run, i, ev, at):
        return
    if chosen is None:
        raise _not_allowed(run, i, ev, at, candidates=candidates, fitting=fitting, facts=facts)
    for fld in chosen.requires:
        if getattr(ev, fld) in (None, []):
            src = run.cite(chosen, at)
            raise MissingEventFieldError(
                i, ev.type, fld, f"{src.short if src else run.profile.id} requires it"
            )
    if ev.reviewers is not None:
        if run.state != START:
            raise EventLogError(i, ev.type, "reviewers are named on the first event only")
        run.reviewers(ev.reviewers)
    run.facts.update(ev.facts)
    source = run.cite(chosen, at)
    party = _party(run, i, ev, chosen, at)
    _check_wait(run, i, ev, chosen, at)
    if chosen.finding is not None and all(
        run.facts.get(k) == v for k, v in chosen.finding.facts.items()
    ):
        f = chosen.finding
        run.findings.append(
            Finding(
                event_index=i,
                rule=f.rule,
                source=run.rule(f.rule, at).source,
                zh=f.message.zh,
                en=f.message.en,
            )
        )
    run.history.append((ev.type, at))
    note = None
    if chosen.extends is not None:
        from govshare.processes._steps import extend  # noqa: PLC0415 - it builds on this module

        note = extend(run, i, chosen, at, party)
    if ev.on_behalf_of and note is None:
        note = Notice(
            code="process.on_behalf_of",
            zh=f"代{ev.on_behalf_of}审核",
            en=f"on behalf of {ev.on_behalf_of}",
        )
    to = chosen.to
    if chosen.join == "all" and run.parties and party is not None:
        waiting = run.still_waiting(ev.type)
        run.responded.setdefault(ev.type, set()).add(party)
        run.answer(party, ev.type)
        run.close_timers(at, party)
        if waiting.left:  # a step that stays: the others still have to answer
            note, to = waiting_note(party, waiting), run.state
    run.move(
        at,
        i,
        ev.type,
        to,
        actor=chosen.actor,
        by=ev.by,
        label=chosen.label,
        source=source,
        note=note,
    )


def _after_deemed_consent(run: _Run, i: int, ev: Event, at: dt.datetime) -> bool:
    """Record an answer that comes after deemed consent ended the case: a finding, no change
    of state (the consent stands). False when the event is not such an answer."""
    state = run.proc.states.get(run.state)
    if run.deemed_end is None or state is None or not state.terminal:
        return False
    was, outcome_rule, started = run.deemed_end
    answer = next((t for t in run.proc.transitions if t.event == ev.type and was in t.from_), None)
    if answer is None:
        return False
    source = run.rule(outcome_rule, started).source
    note = Notice(
        code="process.after_deemed_consent",
        zh=f"{answer.label.zh}：逾期视为同意之后作出，已记录，状态不变",
        en=f"{answer.label.en}: made after deemed consent; recorded, the state does not change",
    )
    run.findings.append(
        Finding(event_index=i, rule=outcome_rule, source=source, zh=note.zh, en=note.en)
    )
    run.move(
        at,
        i,
        ev.type,
        run.state,
        actor=answer.actor,
        by=ev.by,
        label=answer.label,
        source=source,
        note=note,
    )
    return True


def _party(run: _Run, i: int, ev: Event, t: TransitionDef, at: dt.datetime) -> str | None:
    """The reviewer an event speaks for; checks delegation and the reviewer list."""
    if ev.on_behalf_of is not None:
        allowed = t.delegable is not None and run.guard(
            Guard.model_validate({"rule": t.delegable, "is": ["true"]}), at
        )
        if not allowed:
            basis = run.rule(t.delegable, at).source.short if t.delegable else "this step"
            raise EventNotAllowedError(
                i,
                ev.type,
                run.state,
                _allowed(run, at),
                f"review on behalf of another is not provided for ({basis})",
            )
    party = ev.on_behalf_of or ev.by
    reviewing = run.state != START and (
        t.join == "all" or any(d.per_party for d in run.proc.states[run.state].duties)
    )
    if run.parties and reviewing:
        if party is None:
            raise MissingEventFieldError(
                i, ev.type, "by", f"name the reviewer, one of {', '.join(run.parties)}"
            )
        if party not in run.party_index:
            raise EventLogError(
                i, ev.type, f"{party!r} is not a reviewer; reviewers: {', '.join(run.parties)}"
            )
        if party in run.answered:
            raise EventLogError(i, ev.type, f"{party!r} has already answered")
    return party


def _check_wait(run: _Run, i: int, ev: Event, t: TransitionDef, at: dt.datetime) -> None:
    w = t.wait
    if w is None or any(run.facts.get(k) != v for k, v in w.only_if.items()):
        return
    rule = run.rule(w.rule, at)
    value = rule.value
    if value is None or value.kind != "working_days":
        return
    anchor = next((when for kind, when in reversed(run.history) if kind == w.after), None)
    if anchor is None:
        run.violations.append(
            Violation(
                kind="missing_prior_step",
                actor=t.actor,
                party=None,
                rule=w.rule,
                source=rule.source,
                message=Notice(
                    code="process.missing_prior_step",
                    zh=f"{ev.type}之前没有{w.after}（须满{value.n}个工作日）",
                    en=f"{ev.type} without a prior {w.after} ({value.n} working days required)",
                ),
                event_index=i,
            )
        )
        return
    end = run.profile.calendar.add_working_days(anchor.date(), value.n)
    if at.date() <= end:
        day, since = at.date().isoformat(), anchor.date().isoformat()
        run.violations.append(
            Violation(
                kind="too_early",
                actor=t.actor,
                party=None,
                rule=w.rule,
                source=rule.source,
                message=Notice(
                    code="process.too_early",
                    zh=f"{ev.type}于{day}：自{since}的{w.after}起{value.n}个工作日"
                    f"至{end.isoformat()}方满",
                    en=f"{ev.type} on {day}: the {value.n} working days from "
                    f"{w.after} on {since} run to {end.isoformat()}",
                ),
                due=end + dt.timedelta(days=1),
                event_index=i,
            )
        )


def _status(run: _Run, until: dt.datetime) -> ProcessStatus:
    cal = run.profile.calendar
    for i, v in enumerate(run.violations):
        if v.ongoing and v.due is not None:
            late = cal.working_days_between(v.due, max(v.due, until.date()))
            run.violations[i] = replace(v, late_working_days=late)
    duties = tuple(
        OpenDuty(**_duty_fields(t), overdue=t.fired, warnings=t.warnings)
        for t in run.timers.values()
    )
    waits: list[NotBefore] = []
    for t in run.proc.transitions:
        if t.wait is None or run.state not in t.from_:
            continue
        anchor = next((w for k, w in reversed(run.history) if k == t.wait.after), None)
        if anchor is None:
            continue
        rule = run.rule(t.wait.rule, anchor)
        if rule.value is None or rule.value.kind != "working_days":
            continue
        end = cal.add_working_days(anchor.date(), rule.value.n)
        waits.append(
            NotBefore(
                event=t.event,
                earliest=end + dt.timedelta(days=1),
                rule=t.wait.rule,
                source=rule.source,
                period=f"{rule.value.n} working days from {t.wait.after}",
            )
        )
    state = run.proc.states.get(run.state)
    warnings = list(run.warnings)
    for timer in run.timers.values():
        warnings.extend(w for w in timer.warnings if w not in warnings)
    return ProcessStatus(
        profile=run.profile.id,
        process=run.name,
        level=run.level,
        as_of=until,
        state=run.state,
        state_label=state.label if state else _term("word", "not_started"),
        terminal=bool(state and state.terminal),
        since=run.since,
        open_duties=duties,
        fired=tuple(run.fired),
        violations=tuple(run.violations),
        findings=tuple(run.findings),
        not_before=tuple(waits),
        trace=tuple(run.trace),
        warnings=tuple(warnings),
        duties=tuple(_record(t) for t in run.all_timers),
    )


def _record(t: _Timer) -> DutyRecord:
    outcome: DutyOutcome
    if t.deemed:
        outcome = "deemed_consent"
    elif t.due is None:
        outcome = "no_limit"
    elif t.ended is None:
        outcome = "overdue" if t.fired else "open"
    else:
        outcome = "late" if t.fired else "done"
    return DutyRecord(**_duty_fields(t), ended=t.ended, outcome=outcome)


class _DutyFields(TypedDict):
    actor: str
    party: str | None
    rule: str
    source: Source
    period: str
    period_label: Label
    started: dt.datetime
    due: dt.date | None
    end_instant: dt.datetime | None
    provisional: bool


def _duty_fields(t: _Timer) -> _DutyFields:
    """What an open duty and a duty record say alike about a timer."""
    return _DutyFields(
        actor=t.duty.actor,
        party=t.party,
        rule=t.duty.rule,
        source=t.source,
        period=t.period,
        period_label=Label(zh=t.period_zh, en=t.period_en),
        started=t.started,
        due=t.due,
        end_instant=t.end_instant,
        provisional=t.provisional,
    )
