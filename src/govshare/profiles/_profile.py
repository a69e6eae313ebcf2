"""A loaded profile: which rule is in force for a key, at a date and level, and deadlines.

Resolution (``JurisdictionProfile.rule``):

1. An entry applies when its document is binding at ``as_of`` (not a draft, in force from
   ``in_force_from``, not after ``in_force_until``) and at ``level`` (the entry's levels, or
   the document's, plus ``adoptable_by`` levels when the caller says the document was
   adopted).
2. Among applicable entries of different documents, a declared precedence (``doc`` over
   ``over`` for these levels from this date) decides. A refining document's silence
   (``not_specified``) does not displace the refined document's rule.
3. No applicable entry: :class:`NoRuleInForceError`, naming why each document does not apply.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from pydantic import computed_field

from govshare._kernel.dates import DateLike, to_date, to_datetime
from govshare._kernel.messages import Notice
from govshare._kernel.model import LEVELS, Level
from govshare._kernel.vocabulary import label as term_label
from govshare._kernel.yamlio import LoadedYaml
from govshare.calendar import WorkCalendar, WorkDate, get_calendar
from govshare.errors import DataFileError, DataIssue, GovshareError, InputError
from govshare.profiles._keys import DEADLINE_KINDS, RULE_KEYS
from govshare.profiles._model import Citation, Document, MonthEnd, Profile, RuleEntry, Value

__all__ = [
    "ACCESS_PROCESSES",
    "Deadline",
    "DisplacedRule",
    "JurisdictionProfile",
    "NoRuleInForceError",
    "NotADeadlineError",
    "RuleResult",
    "Source",
]


#: The processes an access decision leads to (``AccessDecision.process``): a jurisdiction
#: profile that defines processes must define these.
ACCESS_PROCESSES = ("conditional_application", "unconditional_access")


class NoRuleInForceError(GovshareError, LookupError):
    """No document of the profile sets the rule for this key, date and level.

    Attributes: ``profile``, ``key``, ``as_of``, ``level``, ``reasons`` (one per document).
    """

    def __init__(
        self, profile: str, key: str, as_of: dt.date, level: str, reasons: Sequence[str]
    ) -> None:
        self.profile = profile
        self.key = key
        self.as_of = as_of
        self.level = level
        self.reasons = tuple(reasons)
        super().__init__(
            f"{profile}: no rule in force for {key} at {as_of.isoformat()} ({level} level): "
            + "; ".join(self.reasons)
        )


class NotADeadlineError(GovshareError, LookupError):
    """The rule in force for a key sets no computable deadline (silent, or not a period)."""

    def __init__(self, profile: str, key: str, why: str) -> None:
        self.profile = profile
        self.key = key
        super().__init__(f"{profile}: {key} sets no deadline: {why}")


@dataclass(frozen=True, kw_only=True)
class Source:
    """Where a rule comes from: document, article, clause, exact words."""

    doc: str
    title: str
    number: str | None
    article: str | None
    clause: str | None
    quote: str | None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def short(self) -> str:
        """E.g. ``鄂政务办发〔2021〕1号 第十四条(二)``."""
        return f"{self.number or self.title} {self.article or ''}{self.clause or ''}".strip()


@dataclass(frozen=True, kw_only=True)
class DisplacedRule:
    """A rule that would apply but for a more specific document."""

    source: Source
    value: Value | None
    reason: Notice


@dataclass(frozen=True, kw_only=True)
class RuleResult:
    """The rule in force for a key at a date and level, with its citation."""

    profile: str
    key: str
    as_of: dt.date
    level: Level
    value: Value | None
    source: Source
    displaced: tuple[DisplacedRule, ...] = ()
    also: tuple[Source, ...] = ()
    notes: str | None = None
    warnings: tuple[Notice, ...] = ()

    @property
    def not_specified(self) -> bool:
        """True when the document in force is silent on the key."""
        return self.value is None


@dataclass(frozen=True, kw_only=True)
class Deadline:
    """A computed deadline: the due day, its end instant and everything it rests on."""

    profile: str
    key: str
    start: dt.datetime
    due: dt.date
    end_instant: dt.datetime
    period: str
    rule: RuleResult
    provisional: bool
    warnings: tuple[Notice, ...] = field(default=())

    @property
    def source(self) -> Source:
        """The citation of the rule that sets the deadline."""
        return self.rule.source

    @property
    def displaced(self) -> tuple[DisplacedRule, ...]:
        """Rules that would have applied but for a more specific document."""
        return self.rule.displaced


def _displaced_by(doc: str, level: str, since: dt.date | None, cite: Citation) -> Notice:
    where = f"{cite.article or ''}{cite.clause or ''}"
    level_zh = term_label("level", level, "zh")
    return Notice(
        code="profile.displaced",
        zh=(f"自{since.isoformat()}起" if since else "") + f"在{level_zh}被{doc}取代（{where}）",
        en=f"displaced by {doc} at {level} level"
        + (f" from {since.isoformat()}" if since else "")
        + f" ({where})",
    )


def _issue(loaded: LoadedYaml, loc: tuple[str | int, ...], message: str) -> DataIssue:
    dotted = ".".join(str(p) if isinstance(p, str) else f"[{p}]" for p in loc).replace(".[", "[")
    return DataIssue(loaded.file, loaded.line_of(loc), dotted, message)


class JurisdictionProfile:
    """A validated profile with its rule lookups. Load with :func:`govshare.load_profile`."""

    def __init__(self, model: Profile, loaded: LoadedYaml) -> None:
        self.model = model
        self.file = loaded.file
        self.id = model.id
        self.documents: dict[str, Document] = {d.id: d for d in model.documents}
        issues = list(self._check(loaded))
        if issues:
            raise DataFileError(issues)

    def __repr__(self) -> str:
        return f"<JurisdictionProfile {self.id} ({self.file})>"

    @property
    def name(self) -> str:
        """The profile's Chinese name."""
        return self.model.name.zh

    @property
    def calendar(self) -> WorkCalendar:
        """The working-day calendar the profile counts on, looked up on every use.

        Not kept: calendar data loaded later (``load_arrangement``, ``load_overlay``) must
        reach profiles loaded (and cached by name) before it.
        """
        return get_calendar(self.model.calendar.region)

    @cached_property
    def levels(self) -> tuple[str, ...]:
        """The levels any of the profile's documents applies to, highest first."""
        found = {lv for d in self.model.documents for lv in d.levels}
        return tuple(lv for lv in LEVELS if lv in found)

    def level_for(self, wanted: str) -> tuple[str, str | None]:
        """The level to run a case given at ``wanted`` level: ``wanted`` when a document
        applies there (or the profile has none), else the profile's own highest level, with
        a note saying so (a provincial log replayed in a city's profile)."""
        if wanted in self.levels or not self.levels:
            return wanted, None
        own = self.levels[0]
        return own, (
            f"{self.id} has no document at {wanted} level; replayed at {own} level "
            "(pass a level to force one)"
        )

    # -- load-time checks -----------------------------------------------------------------

    def _check(self, loaded: LoadedYaml) -> Iterable[DataIssue]:
        m = self.model
        for key, entries in m.rules.items():
            spec = RULE_KEYS.get(key)
            if spec is None:
                yield _issue(loaded, ("rules", key), f"unknown rule key {key!r}")
                continue
            for i, entry in enumerate(entries):
                if entry.value is not None and entry.value.kind not in spec.kinds:
                    yield _issue(
                        loaded,
                        ("rules", key, i, "value", "kind"),
                        f"value kind {entry.value.kind!r} is not allowed for {key}; "
                        f"expected one of {sorted(spec.kinds)}",
                    )
            yield from self._conflicts(loaded, key, entries)
        if m.kind == "jurisdiction":
            for key in RULE_KEYS:
                if key not in m.rules:
                    yield _issue(
                        loaded,
                        ("rules",),
                        f"rule key {key} is missing (give a value or not_specified: true)",
                    )
                    continue
                covered = {e.doc for e in m.rules[key]}
                for doc in self.documents:
                    if doc not in covered and self.documents[doc].status != "draft":
                        yield _issue(
                            loaded,
                            ("rules", key),
                            f"no entry for document {doc} (give a value or not_specified: true)",
                        )
        yield from self._check_processes(loaded)
        yield from self._check_layer(loaded)
        if m.calendar.region is not None:
            from govshare.calendar import regions  # noqa: PLC0415 - avoids an import cycle

            if m.calendar.region not in regions():
                yield _issue(
                    loaded,
                    ("calendar", "region"),
                    f"unknown calendar region {m.calendar.region!r}; known: {list(regions())}",
                )

    def _check_layer(self, loaded: LoadedYaml) -> Iterable[DataIssue]:
        """``layer_under`` names another profile that can be found (bundled or registered)."""
        under = self.model.layer_under
        if under is None:
            return
        from govshare.profiles._registry import list_profiles  # noqa: PLC0415 - import cycle

        if under == self.id:
            yield _issue(
                loaded, ("layer_under",), f"layer_under names the profile itself ({under!r})"
            )
        elif under not in list_profiles():
            yield _issue(
                loaded,
                ("layer_under",),
                f"layer_under names unknown profile {under!r}; known: {list_profiles()}",
            )

    def _check_processes(self, loaded: LoadedYaml) -> Iterable[DataIssue]:
        """Rule keys named by processes exist and can set what the process needs of them."""

        def check(
            loc: tuple[str | int, ...], key: str | None, kinds: frozenset[str] | None
        ) -> Iterable[DataIssue]:
            if key is None:
                return
            spec = RULE_KEYS.get(key)
            if spec is None:
                yield _issue(loaded, loc, f"unknown rule key {key!r}")
            elif kinds is not None and not spec.kinds & kinds:
                yield _issue(loaded, loc, f"{key} cannot be of kind {sorted(kinds)}")

        procs = self.model.processes
        if procs and self.model.kind == "jurisdiction":
            for name in ACCESS_PROCESSES:
                if name not in procs:
                    yield _issue(
                        loaded,
                        ("processes",),
                        f"process {name!r} is missing: access decisions lead to it "
                        f"(a jurisdiction with processes defines {', '.join(ACCESS_PROCESSES)})",
                    )
        timed = frozenset(DEADLINE_KINDS | {"promptly"})
        for name, proc in self.model.processes.items():
            base: tuple[str | int, ...] = ("processes", name)
            for state, sdef in proc.states.items():
                for i, duty in enumerate(sdef.duties):
                    at = (*base, "states", state, "duties", i)
                    yield from check((*at, "rule"), duty.rule, timed)
                    yield from check((*at, "outcome"), duty.outcome, frozenset({"outcome"}))
            for i, t in enumerate(proc.transitions):
                at = (*base, "transitions", i)
                yield from check((*at, "rule"), t.rule, None)
                yield from check((*at, "when", "rule"), t.when.rule if t.when else None, None)
                yield from check(
                    (*at, "wait", "rule"),
                    t.wait.rule if t.wait else None,
                    frozenset({"working_days"}),
                )
                yield from check((*at, "delegable"), t.delegable, frozenset({"bool"}))
                yield from check(
                    (*at, "finding", "rule"), t.finding.rule if t.finding else None, None
                )

    def _conflicts(
        self, loaded: LoadedYaml, key: str, entries: Sequence[RuleEntry]
    ) -> Iterable[DataIssue]:
        """Two documents' rules that could both apply with no declared precedence."""
        for i, a in enumerate(entries):
            for j in range(i + 1, len(entries)):
                b = entries[j]
                if a.doc == b.doc or a.not_specified or b.not_specified:
                    continue
                overlap = self._levels(a, adopted=True) & self._levels(b, adopted=True)
                if not overlap or not self._periods_overlap(a.doc, b.doc):
                    continue
                declared: set[str] = set()
                for p in self.model.precedence:
                    if {p.doc, p.over} == {a.doc, b.doc}:
                        declared |= set(p.levels)
                left = sorted(overlap - declared)
                if left:
                    yield _issue(
                        loaded,
                        ("rules", key, j),
                        f"{a.doc} {a.cite} (line {loaded.line_of(('rules', key, i))}) and "
                        f"{b.doc} {b.cite} both apply to {key} at level(s) {left} with no "
                        "declared precedence between the documents",
                    )

    def _periods_overlap(self, a: str, b: str) -> bool:
        da, db = self.documents[a], self.documents[b]
        start_a = da.in_force_from if isinstance(da.in_force_from, dt.date) else dt.date.min
        start_b = db.in_force_from if isinstance(db.in_force_from, dt.date) else dt.date.min
        end_a = da.in_force_until if isinstance(da.in_force_until, dt.date) else dt.date.max
        end_b = db.in_force_until if isinstance(db.in_force_until, dt.date) else dt.date.max
        return max(start_a, start_b) <= min(end_a, end_b)

    def _levels(self, entry: RuleEntry, *, adopted: bool) -> set[str]:
        doc = self.documents[entry.doc]
        levels: set[str] = set(entry.levels or doc.levels)
        if adopted:
            levels |= set(doc.adoptable_by)
        return levels

    # -- lookups --------------------------------------------------------------------------

    def source(self, entry: RuleEntry) -> Source:
        """The citation of an entry."""
        doc = self.documents[entry.doc]
        return Source(
            doc=doc.id,
            title=doc.title,
            number=doc.number,
            article=entry.article,
            clause=entry.clause,
            quote=entry.quote,
        )

    def _why_not(
        self, entry: RuleEntry, as_of: dt.date, level: str, adopted: Sequence[str]
    ) -> str | None:
        """Why an entry does not apply, or None when it does."""
        doc = self.documents[entry.doc]
        label = f"{doc.id} ({doc.number or doc.title})"
        if doc.status == "draft":
            return f"{label} is a draft, not in force"
        if doc.status == "expired":
            return f"{label} has expired"
        if isinstance(doc.in_force_from, dt.date) and as_of < doc.in_force_from:
            return f"{label} is in force only from {doc.in_force_from.isoformat()}"
        if isinstance(doc.in_force_until, dt.date) and as_of > doc.in_force_until:
            return f"{label} expired: in force until {doc.in_force_until.isoformat()}"
        if level not in self._levels(entry, adopted=entry.doc in adopted):
            levels = ", ".join(sorted(self._levels(entry, adopted=False)))
            hint = ""
            if level in doc.adoptable_by:
                hint = f" ({level} level only where adopted: pass adopted=[{doc.id!r}])"
            return f"{label} applies at {levels} level{hint}"
        return None

    def _warnings_for(self, doc_id: str) -> list[Notice]:
        doc = self.documents[doc_id]
        out = []
        if doc.in_force_from == "unknown":
            out.append(
                Notice(
                    code="profile.in_force_date_unknown",
                    zh=f"{doc.id}（{doc.title}）：原文未写明日期，施行日期不详，本结果假定其现行有效",
                    en=f"{doc.id} ({doc.title}): the text gives no date; its in-force date is "
                    "unknown, and this result assumes it is in force",
                )
            )
        if doc.status == "trial":
            out.append(
                Notice(
                    code="profile.trial_document",
                    zh=f"{doc.id}（{doc.number or doc.title}）为试行文件",
                    en=f"{doc.id} ({doc.number or doc.title}) is a trial (试行) document",
                )
            )
        return out

    def rule(
        self,
        key: str,
        *,
        as_of: DateLike,
        level: str,
        adopted: Iterable[str] = (),
    ) -> RuleResult:
        """The rule in force for ``key`` at ``as_of`` for parties at ``level``.

        Args:
            key: a canonical rule key (see :data:`govshare.profiles.RULE_KEYS`).
            as_of: the date that decides which documents are in force.
            level: ``provincial``, ``prefectural`` or ``county``.
            adopted: ids of documents the caller states were adopted at ``level``
                (e.g. a city that follows the provincial rules, 参照执行).
        """
        when = to_date(as_of, "as_of")
        if level not in LEVELS:
            raise InputError("level", level, f"one of {', '.join(LEVELS)}")
        if key not in RULE_KEYS:
            raise InputError("key", key, "a canonical rule key (govshare show PROFILE lists them)")
        entries = self.model.rules.get(key)
        if not entries:
            raise NoRuleInForceError(
                self.id, key, when, level, [f"the {self.model.kind} profile has no sharing rules"]
            )
        adopted = tuple(adopted)
        for doc_id in adopted:
            if doc_id not in self.documents:
                raise InputError(
                    "adopted", doc_id, f"a document of {self.id}: {list(self.documents)}"
                )
        reasons: list[str] = []
        live: list[RuleEntry] = []
        for entry in entries:
            why = self._why_not(entry, when, level, adopted)
            if why is None:
                live.append(entry)
            elif why not in reasons:
                reasons.append(why)
        if not live:
            raise NoRuleInForceError(self.id, key, when, level, reasons)
        return self._resolve(key, when, level, live)

    def _resolve(self, key: str, when: dt.date, level: str, live: list[RuleEntry]) -> RuleResult:
        """Pick the rule among applicable entries by declared precedence.

        For each precedence "a over b" in force at this level and date: if a speaks, b loses
        (and is reported as displaced when it spoke too); if a is silent and b speaks, a's
        silence loses; if both are silent, b loses.
        """
        by_doc: dict[str, list[RuleEntry]] = {}
        for entry in live:
            by_doc.setdefault(entry.doc, []).append(entry)
        losers: set[str] = set()
        displaced: list[DisplacedRule] = []
        for p in self.model.precedence:
            a, b = p.doc, p.over
            if a not in by_doc or b not in by_doc or level not in p.levels:
                continue
            if p.from_ is not None and when < p.from_:
                continue
            a_speaks = not by_doc[a][0].not_specified
            b_speaks = not by_doc[b][0].not_specified
            if a_speaks or not b_speaks:
                losers.add(b)
                if a_speaks and b_speaks:
                    first = by_doc[b][0]
                    displaced.append(
                        DisplacedRule(
                            source=self.source(first),
                            value=first.value,
                            reason=_displaced_by(a, level, p.from_, p.citation),
                        )
                    )
            else:
                losers.add(a)
        winners = [d for d in by_doc if d not in losers]
        if len(winners) != 1:
            names = ", ".join(winners) or "none"
            raise NoRuleInForceError(
                self.id,
                key,
                when,
                level,
                [f"documents {names} all apply with no declared precedence"],
            )
        chosen = by_doc[winners[0]]
        head = chosen[0]
        return RuleResult(
            profile=self.id,
            key=key,
            as_of=when,
            level=level,  # type: ignore[arg-type]
            value=head.value,
            source=self.source(head),
            displaced=tuple(displaced),
            also=tuple(self.source(e) for e in chosen[1:]),
            notes=head.notes,
            warnings=tuple(self._warnings_for(head.doc)),
        )

    # -- deadlines ------------------------------------------------------------------------

    def deadline(
        self,
        key: str,
        start: DateLike,
        *,
        level: str,
        as_of: DateLike | None = None,
        adopted: Iterable[str] = (),
    ) -> Deadline:
        """The deadline the rule in force sets for an event at ``start``.

        ``as_of`` (default: the start date) decides which rule is in force. For a period
        "before" an event (advance notice), ``start`` is the event and the due date is the
        last day on which the notice can still be given.
        """
        begin = to_datetime(start, "start")
        rule = self.rule(
            key, as_of=begin.date() if as_of is None else as_of, level=level, adopted=adopted
        )
        value = rule.value
        if value is None:
            raise NotADeadlineError(
                self.id, key, f"{rule.source.short} is silent on it (not_specified)"
            )
        cal = self.calendar
        day = begin.date()
        end_instant: dt.datetime | None = None
        if value.kind not in DEADLINE_KINDS and value.kind != "calendar_month_end":
            raise NotADeadlineError(self.id, key, f"its value is of kind {value.kind!r}")
        if value.kind == "working_days":
            if value.before is not None:
                due: dt.date = self._latest_notice_day(cal, day, value.n)
                period = f"{value.n} working days before {value.before}"
            else:
                due = cal.add_working_days(day, value.n)
                period = f"{value.n} working days from {value.from_}"
        elif value.kind == "calendar_days":
            due = cal.add_calendar_days(day, value.n)
            period = f"{value.n} calendar days from {value.from_}"
        elif value.kind == "same_day":
            due = WorkDate._make(day)
            period = f"the same day as {value.from_}"
        elif value.kind == "immediate":
            due = WorkDate._make(day)
            end_instant = begin
            period = f"immediately on {value.from_}"
        else:
            assert isinstance(value, MonthEnd)  # the only kind left
            due = cal.end_of_month(day.year, value.month)
            if due < day:
                due = cal.end_of_month(day.year + 1, value.month)
            period = f"by the end of month {value.month}"
        if end_instant is None:
            end_instant = cal.end_instant(due)
        provisional = bool(getattr(due, "provisional", False))
        warnings = tuple(getattr(due, "warnings", ())) + rule.warnings
        return Deadline(
            profile=self.id,
            key=key,
            start=begin,
            due=dt.date(due.year, due.month, due.day),
            end_instant=end_instant,
            period=period,
            rule=rule,
            provisional=provisional,
            warnings=warnings,
        )

    @staticmethod
    def _latest_notice_day(cal: WorkCalendar, event: dt.date, n: int) -> WorkDate:
        """The last day a notice can be given so that n working days end before ``event``."""
        day = event - dt.timedelta(days=1)
        for _ in range(366):
            if cal.add_working_days(day, n) < event:
                return WorkDate._make(day)
            day -= dt.timedelta(days=1)
        raise InputError("start", event, "an event date with a notice day within a year")
