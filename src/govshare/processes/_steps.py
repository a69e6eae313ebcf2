"""Steps of a replay that belong to layers and extensions (see :mod:`._engine`).

- :func:`not_applicable`: an event one layer's process does not take (a step of another
  layer's process, or one it cannot take where it stands) is a trace step that moves
  nothing, with a note saying why;
- :func:`extend`: a transition with ``extends`` extends the state's running duty once
  (:class:`~govshare.profiles._process_model.Extension`).
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Mapping, Sequence

from govshare._kernel.messages import Notice
from govshare._kernel.model import Label
from govshare.processes._compiled import compiled
from govshare.processes._engine import _apply, _Run, _term, _Timer, _who, run_log
from govshare.processes._log import Event, EventLogError, MissingEventFieldError
from govshare.processes._results import ProcessStatus, Violation
from govshare.profiles import JurisdictionProfile
from govshare.profiles._process_model import Extension, ProcessDef, TransitionDef

__all__ = ["extend", "field_label", "not_applicable", "replay_checked"]


def replay_checked(
    profile: JurisdictionProfile,
    process: str,
    proc: ProcessDef,
    *,
    evs: Sequence[Event],
    instants: Sequence[dt.datetime],
    until: dt.datetime,
    level: str,
    adopted: tuple[str, ...],
    foreign: Mapping[str, TransitionDef],
    lenient: bool = False,
) -> ProcessStatus:
    """Replay a checked log (see :func:`~govshare.processes.replay`) through one layer.

    Events whose type is in ``foreign`` (a step of another layer's process, with its
    definition there) are recorded in the trace as not applicable in this layer. With
    ``lenient``, an event this layer's process cannot take where it stands (not allowed in
    the state, a field this layer requires missing) is recorded the same way instead of
    raising: used for the layers above a local profile, which must follow a local log.
    """

    def step(run: _Run, i: int, ev: Event, at: dt.datetime) -> None:
        if ev.type in foreign:
            not_applicable(run, i, ev, at, t=foreign[ev.type], exc=None)
            return
        if not lenient:
            _apply(run, i, ev, at)
            return
        facts, parties = dict(run.facts), run.parties
        try:
            _apply(run, i, ev, at)
        except EventLogError as exc:
            run.facts, run.parties = facts, parties
            first = next(t for t in proc.transitions if t.event == ev.type)
            not_applicable(run, i, ev, at, t=first, exc=exc)

    run = _Run(profile, proc, process, level, adopted, compiled(proc))
    return run_log(run, evs, instants, until, step)


def field_label(name: str) -> Label:
    return _term("word", f"event_field_{name}")


def not_applicable(
    run: _Run, i: int, ev: Event, at: dt.datetime, *, t: TransitionDef, exc: EventLogError | None
) -> None:
    """Record an event this layer's process does not take: a trace step that moves nothing."""
    state = run.proc.states.get(run.state)
    where = state.label if state else _term("word", "not_started")
    if exc is None:
        note = Notice(
            code="process.step_not_applicable",
            zh="本层流程无此步骤，在本层不适用",
            en="not a step of this layer's process; not applicable in this layer",
        )
    elif isinstance(exc, MissingEventFieldError):
        fld = field_label(exc.field)
        note = Notice(
            code="process.step_not_applicable_missing_field",
            zh=f"本层规定此步骤须有{fld.zh}，日志未提供，此步骤在本层不生效",
            en=f"this layer requires {fld.en} for this step and the log gives none; "
            "the step does not count in this layer",
        )
    else:
        note = Notice(
            code="process.step_not_applicable_here",
            zh=f"本层流程在“{where.zh}”状态下不接受此步骤，在本层不适用",
            en=f"this layer's process does not take this step in state {run.state!r} "
            f"({where.en}); not applicable in this layer",
        )
    run.move(
        at, i, ev.type, run.state, actor=t.actor, by=ev.by, label=t.label, source=None, note=note
    )  # a step that stays: nothing moves


def extend(run: _Run, i: int, t: TransitionDef, at: dt.datetime, party: str | None) -> Notice:
    """Extend the state's running duty ``ext.duty`` (see :class:`Extension`); the trace note."""
    ext = t.extends
    assert ext is not None  # called for extending transitions only
    since = run.since or at
    if ext.after is not None and not any(
        kind == ext.after and when >= since for kind, when in run.history[:-1]
    ):
        rule = run.rule(ext.rule, at)
        run.violations.append(
            Violation(
                kind="missing_prior_step",
                actor=t.actor,
                party=party,
                rule=ext.rule,
                source=rule.source,
                message=Notice(
                    code="process.extension_without_prior_step",
                    zh=f"{t.event}之前没有{ext.after}：期限未延长",
                    en=f"{t.event} without a prior {ext.after}: the time limit is not extended",
                ),
                event_index=i,
            )
        )
        return Notice(
            code="process.not_extended_missing_step",
            zh=f"未经{ext.after}，期限不延长",
            en=f"no {ext.after} first: the time limit is not extended",
        )
    mine = bool(run.parties) and party in run.parties
    timers = [
        tm
        for tm in run.timers.values()
        if tm.duty.rule == ext.duty and (not mine or tm.party == party)
    ]
    notes: list[Notice] = []
    for tm in timers:
        notes.append(extend_timer(run, tm, ext))
    if not notes:
        return Notice(
            code="process.nothing_to_extend",
            zh="没有可延长的进行中期限",
            en="no running time limit to extend",
        )
    return Notice(
        code=notes[0].code,
        zh="；".join(n.zh for n in notes),
        en="; ".join(n.en for n in notes),
    )


def extend_timer(run: _Run, tm: _Timer, ext: Extension) -> Notice:
    who = _who(tm.duty.actor, tm.party)
    if tm.due is None:
        return Notice(
            code="process.not_extended_no_limit",
            zh=f"{who.zh}：无可计算时限，无从延长",
            en=f"{who.en}: no computable time limit to extend",
        )
    if tm.fired:
        return Notice(
            code="process.not_extended_passed",
            zh=f"{who.zh}：期限已于{tm.due.isoformat()}届满，不再延长",
            en=f"{who.en}: the time limit passed on {tm.due.isoformat()}; too late to extend",
        )
    if tm.extended:
        return Notice(
            code="process.not_extended_again",
            zh=f"{who.zh}：期限已延长过一次，不再延长",
            en=f"{who.en}: the time limit was extended already; not extended again",
        )
    rule = run.rule(ext.rule, tm.started)
    value = rule.value
    n: object = None
    typed = getattr(value, "extension", None)  # the limit's own extension (第十七条: 5 more)
    if typed is not None:
        n = typed.n
    elif value is not None and ext.detail is not None:
        n = value.details.get(ext.detail)
    elif value is not None and value.kind == "working_days":
        n = value.n
    if not isinstance(n, int) or isinstance(n, bool):
        return Notice(
            code="process.not_extended_no_rule",
            zh=f"{who.zh}：现行规定未规定延长期限",
            en=f"{who.en}: the rule in force provides no extension",
        )
    cal = run.profile.calendar
    old = tm.due
    new = cal.add_working_days(old, n)
    tm.due = dt.date(new.year, new.month, new.day)
    tm.end_instant = cal.end_instant(tm.due)
    tm.provisional = tm.provisional or bool(getattr(new, "provisional", False))
    tm.extended = True
    heapq.heappush(run.heap, (tm.end_instant, tm.seq, tm))  # the old entry is now stale
    most = bool(value is not None and value.details.get("maximum"))
    tm.period = f"{tm.period}, extended by {'at most ' if most else ''}{n} working days"
    tm.period_zh = f"{tm.period_zh}，延长{'最长' if most else ''}{n}个工作日"
    return Notice(
        code="process.extended",
        zh=f"{who.zh}的期限由{old.isoformat()}延长至{tm.due.isoformat()}"
        f"（{'最长' if most else ''}{n}个工作日，{rule.source.short}）",
        en=f"{who.en}'s time limit extended from {old.isoformat()} to {tm.due.isoformat()} "
        f"({'at most ' if most else ''}{n} working days, {rule.source.short})",
    )
