"""Obligation calendars: a year's recurring duties and a case's open deadlines, with citations.

A profile's dated rule keys (those that may be a ``calendar_month_end`` or a ``recurring``
value: annual reports, annual lists, catalog maintenance) become one item per duty for a
year, each with the rule in force and its exact words. A replayed case
(:func:`govshare.processes.replay`) adds its open duties. The results carry ids, labels
and citations; :mod:`govshare.render.obligations` lists them as text and exports the dated
items as an iCalendar file (RFC 5545, ``to_ics``), and their JSON is
``govshare-obligations/1``.

How the dates are read:

- "By the end of month M" is a fixed date, the last calendar day of the month, not rolled
  forward over rest days (:meth:`govshare.calendar.WorkCalendar.end_of_month`). The rule
  that sets it is the one in force on that date, so a document in force only from April
  sets no January duty that year.
- A duty repeated "at least N times a year" with no date in the text has no date here
  either: it is listed, never exported as a calendar event. Its rule is the one in force
  on 31 December of the year.
- A key no rule sets for the year and level (not in force, silent, not at that level) is
  reported in ``skipped`` with the reason.
"""

from __future__ import annotations

import calendar as _stdcal
import dataclasses
import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from pydantic import computed_field

from govshare._kernel.messages import Notice, join_notices
from govshare._kernel.model import LEVELS, Label
from govshare._kernel.vocabulary import label, term
from govshare.errors import InputError
from govshare.processes import OpenDuty, ProcessStatus
from govshare.profiles import (
    RULE_KEYS,
    JurisdictionProfile,
    NoRuleInForceError,
    RuleResult,
    Source,
    Value,
)
from govshare.profiles._model import MonthEnd, Recurring, period_label

__all__ = [
    "DATED_KINDS",
    "Obligation",
    "ObligationCalendar",
    "Skipped",
    "obligation_calendar",
    "obligations",
]

#: Value kinds that make a rule key a recurring obligation of the year.
DATED_KINDS = frozenset({"calendar_month_end", "recurring"})

_UID_DOMAIN = "govshare"


@dataclass(frozen=True, kw_only=True)
class Obligation:
    """One duty on the calendar: what is due, by when, who acts, and the rule's words.

    ``kind`` is ``recurring`` (a duty of the year from a dated rule) or ``open_duty`` (a time
    limit running in a replayed case). ``due`` is None when the text sets no date (an
    undated yearly duty, or an open duty with no computable limit); such items are listed
    but not exported to iCalendar.
    """

    profile: str
    kind: Literal["recurring", "open_duty"]
    key: str
    label: Label
    period: Label
    level: str
    source: Source
    due: dt.date | None
    end_instant: dt.datetime | None
    year: int | None = None
    actor: str | None = None
    recipient: str | None = None
    covers: int | None = None
    displaced: tuple[Source, ...] = ()
    process: str | None = None
    party: str | None = None
    started: dt.datetime | None = None
    overdue: bool = False
    provisional: bool = False
    notes: str | None = None
    warnings: tuple[str | Notice, ...] = ()
    alongside: bool = False  # a displaced document's duty on parties the other does not bind

    @computed_field  # type: ignore[prop-decorator]
    @property
    def dated(self) -> bool:
        """True when the duty has a due date (and so can be a calendar event)."""
        return self.due is not None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def uid(self) -> str:
        """A stable iCalendar UID: the same duty gets the same UID on every run.

        A recurring duty is named by profile, level, key and due date (or year when
        undated); an open duty by profile, process, rule and the case (actor, party and the
        instant its period started), not by its due date, so a recomputed due date updates
        the event instead of adding one.
        """
        if self.kind == "recurring":
            when = self.due.strftime("%Y%m%d") if self.due else f"{self.year}"
            beside = f".{self.source.doc}" if self.alongside else ""
            return f"{self.profile}.{self.level}.{self.key}{beside}.{when}@{_UID_DOMAIN}"
        started = self.started.isoformat() if self.started else ""
        case = f"{self.actor or ''}|{self.party or ''}|{started}"
        digest = hashlib.sha256(case.encode("utf-8")).hexdigest()[:16]
        return f"{self.profile}.{self.process}.{self.key}.{digest}@{_UID_DOMAIN}"


@dataclass(frozen=True, kw_only=True)
class Skipped:
    """A dated rule key with no duty for the year and level, and why."""

    key: str
    reason: str
    #: ``reason`` in both languages.
    notice: Notice | None = None


@dataclass(frozen=True, kw_only=True)
class ObligationCalendar:
    """A year's obligations for a profile at a level, and the keys that set none.

    Render it with :func:`govshare.render.registry.render` (``text``, ``ics``, ``json``).
    """

    profile: str
    name: Label
    year: int
    level: str
    adopted: tuple[str, ...]
    items: tuple[Obligation, ...]
    skipped: tuple[Skipped, ...]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def warnings(self) -> tuple[str | Notice, ...]:
        """Every item's warnings, once each, in order."""
        return tuple(dict.fromkeys(w for item in self.items for w in item.warnings))

    @computed_field  # type: ignore[prop-decorator]
    @property
    def provisional(self) -> bool:
        """True when a due date rests on an estimated (provisional) calendar."""
        return any(item.provisional for item in self.items)


def _check_year(year: object) -> int:
    if isinstance(year, bool) or not isinstance(year, int):
        raise InputError("year", year, "a year as a whole number, e.g. 2026")
    if not dt.MINYEAR <= year < dt.MAXYEAR:
        raise InputError("year", year, f"a year from {dt.MINYEAR} to {dt.MAXYEAR - 1}")
    return year


def _month_end_period(value: MonthEnd, quote: str | None) -> Label:
    """The time limit in the text's own terms: ``1月底前``, or ``年底`` when it says year end.

    A December rule whose quote says 年底 (year end) and not 12月底前 keeps the text's words.
    """
    words = quote or ""
    if value.month == 12 and "年底" in words and not re.search(r"(?<!\d)12月底前", words):
        return Label(zh="年底", en="at year end")
    month = _term("month", str(value.month))
    return Label(zh=f"{month.zh}底前", en=f"by the end of {month.en}")


def _recurring_period(value: Recurring) -> Label:
    unit = _term("period_unit", value.period)
    times_en = "once" if value.min_times == 1 else f"{value.min_times} times"
    return Label(
        zh=f"每{unit.zh}不少于{value.min_times}次，无固定日期",
        en=f"at least {times_en} a {unit.en}, no date set",
    )


def _term(kind: Literal["month", "period_unit"], id_: str) -> Label:
    found = term(kind, id_)
    return Label(zh=id_, en=id_) if found is None else found


def _who(details: dict[str, object], *names: str) -> str | None:
    for name in names:
        got = details.get(name)
        if isinstance(got, list):
            return ", ".join(str(x) for x in got)
        if isinstance(got, str) and got != "not_specified":
            return got
    return None


def _silent_reason(r: RuleResult) -> Notice:
    why = f" ({r.notes.strip()})" if r.notes else ""
    return Notice(
        code="obligations.silent",
        zh=f"{label('level', r.level)}未规定：{r.source.short}对此未作规定",
        en=f"not specified at {r.level} level: {r.source.short} is silent{why}",
    )


def _no_rule(day: dt.date, exc: NoRuleInForceError) -> Notice:
    why = join_notices(exc.notices)
    return Notice(
        code="obligations.no_rule",
        zh=f"{day.isoformat()}无适用规则：{why.zh if why else ''}",
        en=f"no rule in force on {day.isoformat()}: " + "; ".join(exc.reasons),
    )


def _sets_no(code: str, zh: str, en: str) -> Notice:
    return Notice(code=f"obligations.{code}", zh=zh, en=en)


def _partial_year(profile: JurisdictionProfile, doc_id: str, year: int) -> tuple[str, ...]:
    doc = profile.documents[doc_id]
    start = doc.in_force_from
    if isinstance(start, dt.date) and start.year == year and start > dt.date(year, 1, 1):
        return (
            f"{doc.id} ({doc.number or doc.title}) is in force only from {start.isoformat()}: "
            f"only part of {year} is covered",
        )
    return ()


def _recurring(
    profile: JurisdictionProfile,
    r: RuleResult,
    year: int,
    period: Label,
    details: dict[str, object],
    *,
    due: dt.date | None = None,
    end_instant: dt.datetime | None = None,
    provisional: bool = False,
    warnings: tuple[str | Notice, ...] = (),
) -> Obligation:
    """An item of the year for the rule ``r`` (dated or not)."""
    return Obligation(
        profile=profile.id,
        kind="recurring",
        key=r.key,
        label=Label(zh=RULE_KEYS[r.key].zh, en=RULE_KEYS[r.key].en),
        period=period,
        level=r.level,
        source=r.source,
        due=due,
        end_instant=end_instant,
        year=year,
        actor=_who(details, "actor", "reporter", "reporters"),
        recipient=_who(details, "to"),
        covers=year - 1 if details.get("covers") == "previous_year" else None,
        displaced=tuple(d.source for d in r.displaced),
        provisional=provisional,
        notes=r.notes.strip() if r.notes else None,
        warnings=warnings,
    )


def _speaking(
    profile: JurisdictionProfile, key: str, day: dt.date, level: str, adopted: tuple[str, ...]
) -> tuple[RuleResult, Value] | Notice:
    """The rule in force on ``day`` and its value when it says something, else the reason
    it does not (no document in force, or the one in force is silent)."""
    try:
        r = profile.rule(key, as_of=day, level=level, adopted=adopted)
    except NoRuleInForceError as exc:
        return _no_rule(day, exc)
    return _silent_reason(r) if r.value is None else (r, r.value)


def _month_end_item(
    profile: JurisdictionProfile,
    key: str,
    year: int,
    *,
    month: int,
    level: str,
    adopted: tuple[str, ...],
) -> list[Obligation] | Notice:
    """The duties due at the end of ``month`` of ``year``, if the rule in force then sets
    them: the rule's own, and a displaced document's that still binds other parties (the
    city government's report beside the city authority's).

    Returns the items, or the reason there are none.
    """
    due = dt.date(year, month, _stdcal.monthrange(year, month)[1])
    found = _speaking(profile, key, due, level, adopted)
    if isinstance(found, Notice):
        return found
    r, value = found
    if not isinstance(value, MonthEnd):
        return _sets_no(
            "no_date",
            f"{r.source.short}：该规定不设日期",
            f"{r.source.short}: a value of kind {value.kind!r} sets no date",
        )
    if value.month != month:
        return _sets_no(
            "other_month",
            f"{due.isoformat()}有效的规定（{r.source.short}）"
            f"定于{label('month', str(value.month))}底",
            f"on {due.isoformat()} the rule in force ({r.source.short}) sets the end of "
            f"month {value.month}",
        )
    if value.recurring != "annual":
        return _sets_no(
            "one_off",
            f"{r.source.short}规定的是一次性义务",
            f"{r.source.short} sets a one-off duty (recurring: once)",
        )
    dl = profile.own_deadline(key, dt.date(year, 1, 1), level=level, as_of=due, adopted=adopted)
    items = [
        _recurring(
            profile,
            r,
            year,
            _month_end_period(value, r.source.quote),
            value.parties.model_dump() if value.parties else {},
            due=dl.due,
            end_instant=dl.end_instant,
            provisional=dl.provisional,
            warnings=tuple(dl.warnings),
        )
    ]
    for more in r.alongside:
        other = more.value
        if not isinstance(other, MonthEnd) or other.month != month:
            continue
        details = other.parties.model_dump() if other.parties else {}
        details["reporters"] = list(more.parties)  # the parties it still binds
        alone = dataclasses.replace(r, source=more.source, value=other, displaced=(), notes=None)
        item = _recurring(
            profile,
            alone,
            year,
            _month_end_period(other, more.source.quote),
            details,
            due=dl.due,
            end_instant=dl.end_instant,
            provisional=dl.provisional,
            warnings=(*dl.warnings, more.reason),
        )
        items.append(dataclasses.replace(item, alongside=True))
    return items


def _yearly_item(
    profile: JurisdictionProfile, key: str, year: int, level: str, adopted: tuple[str, ...]
) -> Obligation | Notice:
    """The undated duty of the year if the rule in force on 31 December is ``recurring``.

    Returns the item, or the reason there is none.
    """
    year_end = dt.date(year, 12, 31)
    found = _speaking(profile, key, year_end, level, adopted)
    if isinstance(found, Notice):
        return found
    r, value = found
    if not isinstance(value, Recurring):
        return _sets_no(
            "no_yearly",
            f"{r.source.short}：该规定不设每年的义务",
            f"{r.source.short}: a value of kind {value.kind!r} sets no undated yearly duty",
        )
    warnings = r.warnings + _partial_year(profile, r.source.doc, year)
    who = value.parties.model_dump() if value.parties else {}
    return _recurring(profile, r, year, _recurring_period(value), who, warnings=warnings)


def _recurring_items(
    profile: JurisdictionProfile, key: str, year: int, level: str, adopted: tuple[str, ...]
) -> tuple[list[Obligation], list[Notice]]:
    """The items a dated key sets for the year, or the reasons it sets none.

    One candidate per month any of the key's entries names (the rule in force on that
    month's last day decides), and the undated yearly duty if the key can be one.
    """
    entries = profile.model.rules.get(key, [])
    months = sorted({e.value.month for e in entries if isinstance(e.value, MonthEnd)})
    yearly = any(isinstance(e.value, Recurring) for e in entries)
    results: list[list[Obligation] | Obligation | Notice] = [
        _month_end_item(profile, key, year, month=m, level=level, adopted=adopted) for m in months
    ]
    if yearly or not months:
        results.append(_yearly_item(profile, key, year, level, adopted))
    items: list[Obligation] = []
    for x in results:
        if isinstance(x, list):
            items += x
        elif isinstance(x, Obligation):
            items.append(x)
    reasons = [x for x in results if isinstance(x, Notice)]
    return items, reasons


def _open_items(
    profile: JurisdictionProfile, status: ProcessStatus, adopted: tuple[str, ...]
) -> list[Obligation]:
    proc = profile.model.processes.get(status.process)
    head = proc.label if proc is not None else Label(zh=status.process, en=status.process)
    out: list[Obligation] = []
    for d in status.open_duties:
        spec = RULE_KEYS.get(d.rule)
        zh_rule, en_rule = (spec.zh, spec.en) if spec else (d.rule, d.rule)
        out.append(
            Obligation(
                profile=profile.id,
                kind="open_duty",
                key=d.rule,
                label=Label(zh=f"{head.zh} — {zh_rule}", en=f"{head.en} — {en_rule}"),
                period=Label(zh=_period_zh(profile, status, d, adopted), en=d.period),
                level=status.level,
                source=d.source,
                due=d.due,
                end_instant=d.end_instant,
                actor=d.actor,
                process=status.process,
                party=d.party,
                started=d.started,
                overdue=d.overdue,
                provisional=d.provisional,
                warnings=tuple(d.warnings),
            )
        )
    return out


def _period_zh(
    profile: JurisdictionProfile, status: ProcessStatus, duty: OpenDuty, adopted: tuple[str, ...]
) -> str:
    """The duty's period in Chinese, from the rule with the duty's own citation.

    The case may have been replayed with other adopted documents than the calendar's, so
    the rule is looked up with the calendar's and then with every document adopted; only a
    rule with the very citation the duty gives is used. Otherwise the period stays as given.
    """
    for docs in (adopted, tuple(profile.documents)):
        try:
            r = profile.rule(duty.rule, as_of=duty.started, level=status.level, adopted=docs)
        except NoRuleInForceError:
            continue
        if r.source == duty.source:
            return period_label(r.value, "zh") or duty.period
    return duty.period


def obligation_calendar(
    profile: JurisdictionProfile,
    year: int,
    *,
    level: str = "provincial",
    adopted: Iterable[str] = (),
    status: ProcessStatus | Sequence[ProcessStatus] | None = None,
) -> ObligationCalendar:
    """A year's recurring duties at ``level``, with open duties of replayed cases.

    Args:
        profile: the jurisdiction's profile.
        year: the calendar year, e.g. 2026.
        level: ``provincial``, ``prefectural`` or ``county``: whose duties.
        adopted: documents adopted at ``level`` (参照执行).
        status: one or more replayed cases (:func:`govshare.processes.replay`) of the same
            profile; each open duty becomes an item, whatever its year.

    Returns:
        An :class:`ObligationCalendar`: the items sorted by due date (undated last), and
        the dated keys that set no duty for the year and level, with the reason.

    Raises:
        InputError: a year that is not a whole number in range, an unknown level or
            adopted document, or a case replayed on another profile.
    """
    year = _check_year(year)
    if level not in LEVELS:
        raise InputError("level", level, f"one of {', '.join(LEVELS)}")
    adopted = tuple(adopted)
    profile.adoptions(adopted, level)  # unknown or inapplicable adoptions are errors
    items: list[Obligation] = []
    skipped: list[Skipped] = []
    for key, spec in RULE_KEYS.items():
        if not spec.kinds & DATED_KINDS:
            continue
        found, reasons = _recurring_items(profile, key, year, level, adopted)
        items.extend(found)
        if not found:
            why = join_notices(reasons, "obligations.skipped")
            en = "; ".join(dict.fromkeys(n.en for n in reasons))
            skipped.append(Skipped(key=key, reason=en, notice=why))
    if isinstance(status, ProcessStatus):
        statuses: Sequence[ProcessStatus] = (status,)
    else:
        statuses = status or ()
    for st in statuses:
        if st.profile != profile.id:
            raise InputError("status", st.profile, f"a case replayed on profile {profile.id}")
        items.extend(_open_items(profile, st, adopted))
    items.sort(key=lambda i: (i.due is None, i.due or dt.date.max))
    return ObligationCalendar(
        profile=profile.id,
        name=profile.model.name,
        year=year,
        level=level,
        adopted=adopted,
        items=tuple(items),
        skipped=tuple(skipped),
    )


def obligations(
    profile: JurisdictionProfile,
    year: int,
    *,
    level: str = "provincial",
    adopted: Iterable[str] = (),
    status: ProcessStatus | Sequence[ProcessStatus] | None = None,
) -> list[Obligation]:
    """The year's obligations as a list (see :func:`obligation_calendar` for the skipped keys).

    Args:
        profile: the jurisdiction's profile.
        year: the calendar year.
        level: ``provincial``, ``prefectural`` or ``county``.
        adopted: documents adopted at ``level``.
        status: replayed cases whose open duties to add.

    Returns:
        The items, sorted by due date, undated ones last.

    Raises:
        InputError: as :func:`obligation_calendar`.
    """
    return list(
        obligation_calendar(profile, year, level=level, adopted=adopted, status=status).items
    )
