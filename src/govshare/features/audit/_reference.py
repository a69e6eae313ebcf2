"""The reference path: one record at a time, through :func:`govshare.processes.replay`.

A record becomes an event log (submit, forward where the process has that step, the reply)
and is replayed at its level; the reply's due day, its lateness and any deemed consent come
from the replay, the upper layers' limits (the national regulation's 10 working days, and
the extension of 第二十一条) and the provision after consent (第二十二条, 20 working days)
from :func:`govshare.profiles.layered_deadline`. Slow but plainly right: the kernel
(:mod:`._kernel`) must give the same row for every record.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from govshare._kernel.dates import SHANGHAI
from govshare.errors import CalendarRangeError, GovshareError
from govshare.features.audit._verdict import headline
from govshare.processes import EventLogError, ProcessStatus, get_process, replay
from govshare.profiles import (
    JurisdictionProfile,
    NoRuleInForceError,
    NotADeadlineError,
    Source,
    layered_deadline,
    load_profile,
    provisions,
)
from govshare.profiles._process_model import ProcessDef

__all__ = [
    "EXTENSION_KEY",
    "PROCESS",
    "PROVISION_KEY",
    "REPLY_KEY",
    "SOURCES",
    "JudgeError",
    "cite",
    "events_of",
    "extension_of",
    "judge",
]

PROCESS = "conditional_application"
REPLY_KEY = "share.conditional.provider_reply"
EXTENSION_KEY = "share.reply.extension"
PROVISION_KEY = "share.provision.after_consent"
#: the process event each reply is replayed as (a notice of missing materials ends the
#: review without consent, as a refusal does; it keeps its own name in the results)
REPLY_EVENT = {"agree": "approve", "refuse": "refuse", "missing_materials": "refuse"}


class JudgeError(Exception):
    """A record the rules cannot judge: it goes to the rejects (column, reason, value)."""

    def __init__(self, column: str, reason: str, value: object) -> None:
        self.column = column
        self.reason = reason
        self.value = value
        super().__init__(f"{column}: {reason} ({value})")


@dataclass(frozen=True)
class Shape:
    """What the audit needs to know of the profile's process."""

    forward: bool  # the process has a platform step (submit, then forward to the provider)
    reasons_required: bool  # the refusal must state reasons


def shape_of(proc: ProcessDef) -> Shape:
    """The process's shape, from its transitions."""
    events = {t.event for t in proc.transitions}
    refuse = [t for t in proc.transitions if t.event == "refuse"]
    return Shape(
        forward="forward" in events,
        reasons_required=any("reasons" in t.requires for t in refuse),
    )


#: every citation the reference path has given, by its short form (the report lists them)
SOURCES: dict[tuple[str, str], Source] = {}


def cite(field: str, source: Source) -> str:
    """The short form of a citation in the result column ``field`` (kept in SOURCES)."""
    SOURCES.setdefault((field, source.short), source)
    return source.short


def _aware(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=SHANGHAI)


def receipt_of(rec: Mapping[str, Any]) -> dt.datetime:
    """The provider's receipt: forwarded if recorded, else submitted."""
    forwarded: dt.datetime | None = rec.get("forwarded")
    submitted: dt.datetime = rec["submitted"]
    return forwarded or submitted


def events_of(rec: Mapping[str, Any], shape: Shape) -> list[dict[str, Any]]:
    """The record as an event log of the conditional application process."""
    receipt = receipt_of(rec)
    events: list[dict[str, Any]] = []
    if shape.forward:
        events.append({"at": _aware(rec["submitted"]), "type": "submit"})
        events.append({"at": _aware(receipt), "type": "forward"})
    else:
        events.append({"at": _aware(receipt), "type": "submit"})
    if rec.get("replied") is not None and rec.get("reply") is not None:
        ev: dict[str, Any] = {"at": _aware(rec["replied"]), "type": REPLY_EVENT[rec["reply"]]}
        if ev["type"] == "refuse":
            # timing only: a refusal recorded without reasons is a finding, not a bad log
            ev["reasons"] = rec.get("reasons") or rec["reply"]
        events.append(ev)
    return events


def upper(profile: JurisdictionProfile, name: str) -> JurisdictionProfile:
    """A profile of the layer chain (the profile itself or one it sits under)."""
    return profile if name == profile.id else load_profile(name)


def _wd(profile: JurisdictionProfile, a: dt.date, b: dt.date) -> int:
    return profile.calendar.working_days_between(a, b)


def _status_by(
    profile: JurisdictionProfile, due: dt.date, done: dt.datetime | None, today: dt.date
) -> tuple[str, int | None]:
    """in_time/late (by the act) or open/overdue (at ``today``), with working days late."""
    if done is not None:
        if done.date() <= due:
            return "in_time", None
        return "late", _wd(profile, due, done.date())
    if today > due:
        return "overdue", _wd(profile, due, today)
    return "open", None


def judge(
    profile: JurisdictionProfile,
    rec: Mapping[str, Any],
    *,
    until: dt.datetime,
    shape: Shape | None = None,
) -> dict[str, Any]:
    """The result row of one validated record at the instant ``until`` (Asia/Shanghai).

    Raises:
        JudgeError: the record cannot be judged (dates outside the calendar's data, no rule
            in force at its date and level, a log the process cannot read).
    """
    try:
        return _judge(profile, rec, until=until, shape=shape)
    except CalendarRangeError as exc:
        raise JudgeError("submitted", "outside_calendar", str(exc)) from None
    except NoRuleInForceError as exc:
        raise JudgeError("submitted", "no_rule_in_force", str(exc)) from None
    except EventLogError as exc:
        raise JudgeError("reply", "unreadable", str(exc)) from None
    except GovshareError as exc:  # pragma: no cover - any other refusal of the record
        raise JudgeError("record_id", "unreadable", str(exc)) from None


def _base(rec: Mapping[str, Any], receipt: dt.datetime) -> dict[str, Any]:
    row = {k: rec.get(k) for k in ("row", "record_id", "requester", "provider", "level")}
    return {
        **row,
        "share_type": rec.get("share_type"),
        "month": receipt.strftime("%Y-%m"),
        "receipt": receipt,
        "path": "replay",
        "reply": rec.get("reply"),
    }


def _judge(
    profile: JurisdictionProfile,
    rec: Mapping[str, Any],
    *,
    until: dt.datetime,
    shape: Shape | None,
) -> dict[str, Any]:
    receipt = receipt_of(rec)
    row = _base(rec, receipt)
    local_until = until.astimezone(SHANGHAI).replace(tzinfo=None)
    today = local_until.date()
    if rec.get("share_type") != "conditional":
        return {**row, "path": "none", "verdict": "not_covered"}
    level = str(rec["level"])
    shape = shape or shape_of(get_process(profile, PROCESS))
    events = events_of(rec, shape)
    st = replay(profile, PROCESS, events, as_of=until, level=level)
    replied: dt.datetime | None = rec.get("replied")
    if replied is not None and replied > local_until:
        replied = None
    if replied is not None:
        row["replied"] = replied
        row["reply_wd"] = _wd(profile, receipt.date(), replied.date())
    row.update(
        _reply(profile, st=st, rec=rec, replied=replied, reply_index=len(events) - 1, shape=shape)
    )
    row.update(_ceiling(profile, level, receipt=receipt, rec=rec, replied=replied, today=today))
    consent = _consent(st, rec, replied)
    if consent is not None:
        row["consent_on"] = consent.date()
        provided: dt.datetime | None = rec.get("data_provided")
        if provided is not None and provided > local_until:
            provided = None
        row["provided"] = provided
        row.update(_provision(profile, level, consent, provided, today))
    else:
        row["provision_status"] = "none"
    row["verdict"] = headline(row.get("reply_status"), row.get("provision_status"))
    return row


def _reply(
    profile: JurisdictionProfile,
    *,
    st: ProcessStatus,
    rec: Mapping[str, Any],
    replied: dt.datetime | None,
    reply_index: int,
    shape: Shape,
) -> dict[str, Any]:
    duty = next((d for d in st.duties if d.rule == REPLY_KEY), None)
    if duty is None:
        return {"reply_status": "none"}
    out: dict[str, Any] = {"reply_due": duty.due, "reply_cite": cite("reply_cite", duty.source)}
    if duty.due is None:
        out["reply_status"] = "no_limit"
        return out
    fired = next((f for f in st.fired if f.rule == REPLY_KEY), None)
    if fired is not None and fired.kind == "deemed_consent":
        out["reply_status"] = "deemed_consent"
        out["deemed_consent_on"] = fired.at.astimezone(SHANGHAI).date()
        if fired.outcome_source is not None:
            out["outcome_cite"] = cite("outcome_cite", fired.outcome_source)
        if replied is not None:
            out["reply_late_wd"] = _wd(profile, duty.due, replied.date())
            if any(f.event_index == reply_index for f in st.findings):
                out["finding"] = "reply_after_deemed_consent"
        return out
    status = {"done": "in_time", "open": "open"}.get(duty.outcome, duty.outcome)
    out["reply_status"] = status
    if status in ("late", "overdue"):
        v = next(v for v in st.violations if v.rule == REPLY_KEY and v.kind == "overdue")
        out["reply_late_wd"] = v.late_working_days
    refused = replied is not None and rec.get("reply") == "refuse"
    if shape.reasons_required and refused and not rec.get("reasons"):
        out["finding"] = "refusal_without_reasons"
    return out


def _ceiling(
    profile: JurisdictionProfile,
    level: str,
    *,
    receipt: dt.datetime,
    rec: Mapping[str, Any],
    replied: dt.datetime | None,
    today: dt.date,
) -> dict[str, Any]:
    """The upper layer's reply limit beside the local one, extended if approved."""
    try:
        ld = layered_deadline(profile, REPLY_KEY, _aware(receipt), level=level)
    except (NotADeadlineError, NoRuleInForceError):
        return {}
    ceiling = next(iter(ld.ceilings), None)
    if ceiling is None:
        return {}
    due: dt.date = ceiling.due  # counted on the place's working days, as below
    out: dict[str, Any] = {"ceiling_cite": cite("ceiling_cite", ceiling.source)}
    if rec.get("extension_approved"):
        ext = extension_of(profile, level, receipt.date(), ceiling.profile)
        if ext is not None:
            n, ext_cite = ext
            due = profile.calendar.add_working_days(due, n).as_date()
            out["extension_cite"] = ext_cite
    status, late = _status_by(profile, due, replied, today)
    out.update(
        ceiling_due=due,
        ceiling_status=_CEILING[status],
        ceiling_late_wd=late,
    )
    return out


_SPEAKS = ("binds", "alone")
_CEILING = {"in_time": "within", "late": "beyond", "overdue": "beyond", "open": "open"}


def extension_of(
    profile: JurisdictionProfile, level: str, when: dt.date, layer: str
) -> tuple[int, str] | None:
    """The working days an approved extension adds to ``layer``'s reply limit, with the
    extension's citation (None: that layer provides no extension in force)."""
    try:
        lr = provisions(profile, EXTENSION_KEY, as_of=when, level=level)
    except NoRuleInForceError:
        return None
    for p in lr.provisions:
        value = None if p.rule is None else p.rule.value
        counts = value is not None and value.kind == "working_days"
        if p.profile == layer and p.rule is not None and counts and p.relation in _SPEAKS:
            return int(getattr(value, "n", 0)), cite("extension_cite", p.rule.source)
    return None


def _consent(
    st: ProcessStatus, rec: Mapping[str, Any], replied: dt.datetime | None
) -> dt.datetime | None:
    """When consent was given: deemed (the law) or the provider's agreement."""
    deemed = next((f for f in st.fired if f.kind == "deemed_consent"), None)
    if deemed is not None:
        return deemed.at.astimezone(SHANGHAI).replace(tzinfo=None)
    if replied is not None and rec.get("reply") == "agree":
        return replied
    return None


def _provision(
    profile: JurisdictionProfile,
    level: str,
    consent: dt.datetime,
    provided: dt.datetime | None,
    today: dt.date,
) -> dict[str, Any]:
    try:
        ld = layered_deadline(profile, PROVISION_KEY, _aware(consent), level=level)
    except (NotADeadlineError, NoRuleInForceError):
        return {"provision_status": "no_limit"}
    due = ld.due  # the binding layer's (a Deadline carries the others in ``layers``)
    status, late = _status_by(profile, due, provided, today)
    return {
        "provision_due": due,
        "provision_cite": cite("provision_cite", ld.rule.source),
        "provision_status": status,
        "provision_late_wd": late,
    }
