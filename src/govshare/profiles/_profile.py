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

import copy
import datetime as dt
from collections.abc import Iterable, Sequence
from functools import cached_property

from govshare._kernel.dates import DateLike, to_date, to_datetime
from govshare._kernel.messages import Notice
from govshare._kernel.model import LEVELS
from govshare._kernel.vocabulary import label as term_label
from govshare._kernel.yamlio import LoadedYaml
from govshare.calendar import WorkCalendar, WorkDate, get_calendar
from govshare.errors import DataFileError, DataIssue, InputError
from govshare.profiles._compiled import CompiledRules
from govshare.profiles._keys import DEADLINE_KINDS, RULE_KEYS
from govshare.profiles._model import Citation, Document, MonthEnd, Profile, RuleEntry
from govshare.profiles._results import (
    AlongsideRule,
    Deadline,
    DisplacedRule,
    ExtensionDue,
    LayerDeadline,
    NoRuleInForceError,
    NotADeadlineError,
    RuleResult,
    Source,
)
from govshare.profiles._suggest import check_level, check_rule_key

__all__ = [
    "ACCESS_PROCESSES",
    "AlongsideRule",
    "Deadline",
    "DisplacedRule",
    "ExtensionDue",
    "JurisdictionProfile",
    "LayerDeadline",
    "NoRuleInForceError",
    "NotADeadlineError",
    "RuleResult",
    "Source",
]


#: The processes an access decision leads to (``AccessDecision.process``): a jurisdiction
#: profile that defines processes must define these.
ACCESS_PROCESSES = ("conditional_application", "unconditional_access")


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
        reach profiles loaded (and cached by name) before it. A copy made by
        :meth:`counting_on` counts on the calendar it was given instead.
        """
        fixed: WorkCalendar | None = self.__dict__.get("_calendar")
        return get_calendar(self.model.calendar.region) if fixed is None else fixed

    def counting_on(self, calendar: WorkCalendar) -> JurisdictionProfile:
        """A copy of this profile that counts on ``calendar`` (e.g. a provisional one, or one
        with a notice loaded from a file); this profile is left as it is."""
        own = copy.copy(self)
        own.__dict__["_calendar"] = calendar
        return own

    @cached_property
    def levels(self) -> tuple[str, ...]:
        """The levels any of the profile's documents applies to, highest first."""
        found = {lv for d in self.model.documents for lv in d.levels}
        return tuple(lv for lv in LEVELS if lv in found)

    def level_for(self, wanted: str) -> tuple[str, str | None]:
        """The level to run a case given at ``wanted`` level: ``wanted`` when a document
        applies there (or the profile has none), else the profile's own highest level, with
        a note saying so (a provincial log replayed in a city's profile); the note in
        English (:meth:`level_notice` gives it in both languages)."""
        notice = self.level_notice(wanted)
        return (wanted, None) if notice is None else (self.levels[0], notice.en)

    def level_notice(self, wanted: str) -> Notice | None:
        """Why a case given at ``wanted`` level runs at the profile's own level, or None
        when it runs at ``wanted`` (see :meth:`level_for`)."""
        if wanted in self.levels or not self.levels:
            return None
        own = self.levels[0]
        zh_wanted, zh_own = term_label("level", wanted), term_label("level", own)
        return Notice(
            code="profile.level_moved",
            zh=f"{self.name}没有适用于{zh_wanted}的文件，按{zh_own}重放（可指定层级）",
            en=f"{self.id} has no document at {wanted} level; replayed at {own} level "
            "(pass a level to force one)",
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
                if t.extends is not None:
                    yield from check((*at, "extends", "duty"), t.extends.duty, timed)
                    kinds = None if t.extends.detail else frozenset({"working_days"})
                    yield from check((*at, "extends", "rule"), t.extends.rule, kinds)

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
        self, entry: RuleEntry, as_of: dt.date, level: str, adopted: dict[str, dt.date | None]
    ) -> Notice | None:
        """Why an entry does not apply, or None when it does."""
        doc = self.documents[entry.doc]
        name = f"{doc.id} ({doc.number or doc.title})"
        zh_name = f"{doc.id}（{doc.number or doc.title}）"
        off = _not_in_force(doc, as_of, name, zh_name)
        if off is not None:
            return off
        since = adopted.get(entry.doc)
        native = level in self._levels(entry, adopted=False)
        if not native and entry.doc in adopted and since is not None and as_of < since:
            day = since.isoformat()
            return Notice(
                code="profile.adopted_later",
                zh=f"{zh_name}在{term_label('level', level)}自{day}起参照执行",
                en=f"{name} is adopted at {level} level only from {day}",
            )
        if level not in self._levels(entry, adopted=entry.doc in adopted):
            found = sorted(self._levels(entry, adopted=False))
            levels = ", ".join(found)
            zh_levels = "、".join(term_label("level", lv) for lv in found)
            hint = zh_hint = ""
            if level in doc.adoptable_by:
                hint = f" ({level} level only where adopted: pass adopted=[{doc.id!r}])"
                lv_zh = term_label("level", level)
                zh_hint = f"（{lv_zh}仅在参照执行时适用，须指定参照执行 {doc.id}）"
            return Notice(
                code="profile.doc_other_level",
                zh=f"{zh_name}适用于{zh_levels}{zh_hint}",
                en=f"{name} applies at {levels} level{hint}",
            )
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
                    en=f"{doc.id} ({doc.number or doc.title}) is a trial document",
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
        check_level(level)
        check_rule_key(key, self.id)
        return self._compiled.rule(key, when, level, tuple(adopted))

    @cached_property
    def _compiled(self) -> CompiledRules:
        """The rules resolved once per (key, level, adopted) (profiles/_compiled.py)."""
        return CompiledRules(self.model, self._rule_uncached)

    def _rule_uncached(
        self, key: str, when: dt.date, level: str, adopted: tuple[str, ...]
    ) -> RuleResult:
        """:meth:`rule` resolved from the entries (a valid key and level)."""
        entries = self.model.rules.get(key)
        if not entries:
            kind = self.model.kind
            none = Notice(
                code="profile.no_rules",
                zh=f"{self.name}没有共享规则",
                en=f"the {kind} profile has no sharing rules",
            )
            raise NoRuleInForceError(self.id, key, when, level, [none])
        adoptions = self.adoptions(adopted, level)
        reasons: list[Notice] = []
        live: list[RuleEntry] = []
        for entry in entries:
            why = self._why_not(entry, when, level, adoptions)
            if why is None:
                live.append(entry)
            elif why not in reasons:
                reasons.append(why)
        if not live:
            raise NoRuleInForceError(self.id, key, when, level, reasons)
        return self._resolve(key, when, level, live)

    def adoptions(self, adopted: Iterable[str], level: str) -> dict[str, dt.date | None]:
        """The documents stated adopted at ``level``, each from its date (``doc@YYYY-MM-DD``)
        or from its own start (``doc``).

        Raises:
            InputError: an unknown document, a malformed date, or a document that cannot be
                adopted at ``level`` (it neither applies there nor names the level among
                those that may adopt it): an adoption that cannot apply is refused, never
                silently ignored.
        """
        out: dict[str, dt.date | None] = {}
        for item in adopted:
            doc_id, at, day = str(item).partition("@")
            doc = self.documents.get(doc_id)
            if doc is None:
                raise InputError(
                    "adopted", item, f"a document of {self.id}: {list(self.documents)}"
                )
            since: dt.date | None = None
            if at:
                try:
                    since = dt.date.fromisoformat(day)
                except ValueError:
                    raise InputError(
                        "adopted", item, f"{doc_id}@YYYY-MM-DD (the date the adoption took effect)"
                    ) from None
            if level not in doc.levels and level not in doc.adoptable_by:
                may = ", ".join(doc.adoptable_by) or "none"
                raise InputError(
                    "adopted",
                    item,
                    f"a document that may be adopted at {level} level ({doc_id} applies at "
                    f"{', '.join(doc.levels)} level; levels that may adopt it: {may})",
                )
            out[doc_id] = since
        return out

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
        alongside: list[AlongsideRule] = []
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
                    alongside += self._still_binding(by_doc[a], by_doc[b])
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
            alongside=tuple(alongside),
        )

    def _still_binding(
        self, winner: list[RuleEntry], loser: list[RuleEntry]
    ) -> list[AlongsideRule]:
        """The loser's provisions that bind parties none of the winner's provisions binds:
        a document displaces another only for the parties both bind (different parties'
        duties add up). Unknown parties on either side: the whole document is displaced."""
        bound = [_binds(e) for e in winner]
        if any(b is None for b in bound):
            return []
        covered = frozenset().union(*(b for b in bound if b is not None))
        out = []
        for entry in loser:
            parties = _binds(entry)
            if parties is None or entry.not_specified or parties <= covered:
                continue
            left = tuple(sorted(parties - covered))
            out.append(
                AlongsideRule(
                    source=self.source(entry),
                    value=entry.value,
                    parties=left,
                    reason=Notice(
                        code="profile.alongside",
                        zh="被取代文件对取代文件未约束的主体（"
                        + "、".join(term_label("actor", x) for x in left)
                        + "）的规定仍然有效",
                        en="the displaced document still binds the parties the displacing "
                        "document does not ("
                        + ", ".join(term_label("actor", x, "en") for x in left)
                        + ")",
                    ),
                )
            )
        return out

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
        """The binding deadline for an event at ``start``, with every layer's beside it.

        ``as_of`` (default: the start date) decides which rules are in force. For a period
        "before" an event (advance notice), ``start`` is the event and the due date is the
        last day on which the notice can still be given. Where the profile sits under
        another layer (``layer_under``), the earliest-ending limit binds and the others are
        listed in ``layers`` (:func:`govshare.profiles.layered_deadline`); otherwise this is
        :meth:`own_deadline`.
        """
        from govshare.profiles._layers import layered_deadline  # noqa: PLC0415 - cycle

        return layered_deadline(self, key, start, level=level, as_of=as_of, adopted=adopted)

    def own_deadline(
        self,
        key: str,
        start: DateLike,
        *,
        level: str,
        as_of: DateLike | None = None,
        adopted: Iterable[str] = (),
        calendar: WorkCalendar | None = None,
    ) -> Deadline:
        """The deadline this profile's own documents set for an event at ``start``, without
        the layers above it (what a local process's duty runs on). ``calendar``: count on
        this one instead of the profile's own (an upper layer's limit is counted on the
        working days of the place where the case is)."""
        begin = to_datetime(start, "start")
        rule = self.rule(
            key, as_of=begin.date() if as_of is None else as_of, level=level, adopted=adopted
        )
        value = rule.value
        if value is None:
            raise NotADeadlineError(
                self.id, key, f"{rule.source.short} is silent on it (not_specified)"
            )
        cal = self.calendar if calendar is None else calendar
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


def _not_in_force(doc: Document, as_of: dt.date, name: str, zh_name: str) -> Notice | None:
    """Why ``doc`` is not in force at ``as_of`` (a draft, expired, not yet, ended), or None."""
    if doc.status == "draft":
        return Notice(
            code="profile.doc_draft",
            zh=f"{zh_name}为征求意见稿，未生效",
            en=f"{name} is a draft, not in force",
        )
    if doc.status == "expired":
        return Notice(code="profile.doc_expired", zh=f"{zh_name}已失效", en=f"{name} has expired")
    if isinstance(doc.in_force_from, dt.date) and as_of < doc.in_force_from:
        day = doc.in_force_from.isoformat()
        return Notice(
            code="profile.doc_not_yet",
            zh=f"{zh_name}自{day}起施行",
            en=f"{name} is in force only from {day}",
        )
    if isinstance(doc.in_force_until, dt.date) and as_of > doc.in_force_until:
        day = doc.in_force_until.isoformat()
        return Notice(
            code="profile.doc_ended",
            zh=f"{zh_name}已于{day}后失效",
            en=f"{name} expired: in force until {day}",
        )
    return None


def _binds(entry: RuleEntry) -> frozenset[str] | None:
    """The parties an entry binds: stated (``binds``), else its value's reporters or actor;
    None when unknown."""
    if entry.binds is not None:
        return frozenset(entry.binds)
    parties = getattr(entry.value, "parties", None)
    if parties is None:
        return None
    found: list[str] = []
    for who in (parties.reporters, parties.reporter, parties.actor):
        if isinstance(who, list):
            found += who
        elif who:
            found.append(who)
    return frozenset(found) or None
