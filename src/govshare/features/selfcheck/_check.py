"""The self-check's computation: each checklist item met, not met or without evidence, and
whether the department's procedures fit the external deadlines they serve (``serves=``).

Words come from the standard's profile (its ``selfcheck:`` vocabulary) and sentences from
the vocabulary's ``check.*`` templates, in both languages; nothing here formats a report.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from govshare._kernel.dates import SHANGHAI, DateLike, to_date
from govshare._kernel.messages import Notice
from govshare._kernel.model import LEVELS, Label
from govshare._kernel.vocabulary import label
from govshare._kernel.yamlio import load_yaml
from govshare.errors import DataFileError, DataIssue, InputError
from govshare.features.selfcheck._department import (
    Department,
    Organization,
    Person,
    Procedure,
    check_words,
    load_department,
    vocabulary_of,
)
from govshare.features.selfcheck._results import (
    FitStatus,
    ItemResult,
    Reason,
    SampleDates,
    SelfCheckReport,
    Status,
    StatusNotice,
    TimeFit,
)
from govshare.profiles import (
    RULE_KEYS,
    JurisdictionProfile,
    NoRuleInForceError,
    Source,
    load_profile,
)
from govshare.profiles._model import ChecklistItem, Document, SelfCheckVocabulary, period_label

__all__ = ["check_department"]

_RANK: dict[str, int] = {"met": 0, "no_evidence": 1, "not_met": 2}

#: A value filled into a sentence: the same in both languages, a Label, or (zh, en).
_Param = str | Label | tuple[str, str]


def _say(code: str, **params: _Param) -> tuple[str, str]:
    """The ``check.<code>`` sentence of the vocabulary in Chinese and English."""

    def pick(value: _Param, lang: str) -> str:
        if isinstance(value, str):
            return value
        if isinstance(value, Label):
            return value.pick(lang)
        return value[1] if lang == "en" else value[0]

    zh, en = (
        label("word", f"check.{code}", lang).format(**{k: pick(v, lang) for k, v in params.items()})
        for lang in ("zh", "en")
    )
    return zh, en


def _reason(status: Status, code: str, **params: _Param) -> Reason:
    zh, en = _say(f"why.{code}", **params)
    return Reason(status=status, code=code, zh=zh, en=en)


def _word(table: dict[str, Label], key: str) -> Label:
    return table.get(key) or Label(zh=key, en=key)


# --------------------------------------------------------------------------------------------
# Evaluating conditions
# --------------------------------------------------------------------------------------------


@dataclass
class _Outcome:
    status: Status
    reasons: list[Reason] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)


def _met(evidence: Iterable[str | None] = ()) -> _Outcome:
    return _Outcome("met", [], [e for e in evidence if e])


def _no(status: Status, code: str, **params: _Param) -> _Outcome:
    return _Outcome(status, [_reason(status, code, **params)])


def _names(items: Sequence[Organization] | Sequence[Person] | Sequence[Procedure]) -> str:
    return "、".join(x.name for x in items)


class _Evaluator:
    """Evaluates one department's conditions with one standard's words."""

    def __init__(self, vocab: SelfCheckVocabulary, dept: Department) -> None:
        self.vocab = vocab
        self.dept = dept

    def fact(self, cond: ChecklistItem.Condition) -> _Outcome:
        assert cond.fact is not None
        section, name = cond.fact.split(".", 1)
        sec = self.vocab.measures[section]
        fact = sec.facts[name]
        measures = self.dept.section(section)
        if measures is None:
            return _no("no_evidence", "no_section", section=sec.label, fact=fact)
        value = measures.get(name)
        if value is None:
            return _no("no_evidence", "fact_unstated", fact=fact)
        if value is False:
            return _no("not_met", "fact_false", fact=fact)
        if value is True and cond.evidence:
            return _no("no_evidence", "fact_needs_document", fact=fact)
        return _met([value] if isinstance(value, str) else [])

    def organization(self, cond: ChecklistItem.Condition) -> _Outcome:
        assert cond.organization is not None
        role = _word(self.vocab.organization_roles, cond.organization)
        if self.dept.organizations is None:
            return _no("no_evidence", "no_organizations", role=role)
        of_role = [o for o in self.dept.organizations if o.role == cond.organization]
        if not of_role:
            return _no("not_met", "role_missing", role=role)
        if cond.duty is None:
            return _met(o.established_by for o in of_role)
        duty = _word(self.vocab.duties, cond.duty)
        with_duty = [o for o in of_role if o.duties is not None and cond.duty in o.duties]
        if with_duty:
            return _met(o.established_by for o in with_duty)
        silent = [o for o in of_role if o.duties is None]
        if silent:
            return _no("no_evidence", "duties_unstated", names=_names(silent), role=role, duty=duty)
        return _no("not_met", "duty_missing", names=_names(of_role), role=role, duty=duty)

    def person(self, cond: ChecklistItem.Condition) -> _Outcome:
        assert cond.person is not None
        role = _word(self.vocab.person_roles, cond.person)
        if self.dept.people is None:
            return _no("no_evidence", "no_people", role=role)
        of_role = [p for p in self.dept.people if p.role == cond.person]
        if not of_role:
            return _no("not_met", "person_missing", role=role)
        if not cond.registered:
            return _met()
        unregistered = [p for p in of_role if p.registered_with_platform_authority is False]
        if unregistered:
            return _no("not_met", "not_registered", names=_names(unregistered), role=role)
        unknown = [p for p in of_role if p.registered_with_platform_authority is None]
        if unknown:
            return _no("no_evidence", "registration_unstated", names=_names(unknown), role=role)
        return _met(p.registration for p in of_role)

    def _aspects(self, ids: Iterable[str]) -> tuple[str, str]:
        words = [_word(self.vocab.aspects, a) for a in ids]
        return "、".join(w.zh for w in words), ", ".join(w.en for w in words)

    def one_procedure(self, proc: Procedure, cond: ChecklistItem.Condition) -> _Outcome:
        reasons: list[Reason] = []
        if cond.time_limit:
            if proc.steps is None:
                reasons.append(_reason("no_evidence", "no_steps", procedure=proc.name))
            else:
                reasons += [
                    _reason("not_met", "step_unbounded", procedure=proc.name, step=s.name)
                    for s in proc.steps
                    if s.working_days is None
                ]
        if cond.defines:
            if proc.defines is None:
                reasons.append(
                    _reason(
                        "no_evidence",
                        "aspects_unstated",
                        procedure=proc.name,
                        aspects=self._aspects(cond.defines),
                    )
                )
            else:
                missing = [a for a in cond.defines if a not in proc.defines]
                if missing:
                    reasons.append(
                        _reason(
                            "not_met",
                            "aspects_missing",
                            procedure=proc.name,
                            aspects=self._aspects(missing),
                        )
                    )
        if not reasons:
            return _met([proc.document])
        worst = max((r.status for r in reasons), key=_RANK.__getitem__)
        return _Outcome(worst, reasons)

    def procedure(self, cond: ChecklistItem.Condition) -> _Outcome:
        assert cond.procedure is not None
        kind = _word(self.vocab.procedure_kinds, cond.procedure)
        if self.dept.procedures is None:
            return _no("no_evidence", "no_procedures", kind=kind)
        of_kind = [p for p in self.dept.procedures if p.kind == cond.procedure]
        if not of_kind:
            return _no("not_met", "procedure_missing", kind=kind)
        outcomes = [self.one_procedure(p, cond) for p in of_kind]
        best = min(outcomes, key=lambda o: _RANK[o.status])
        if best.status == "met":
            return _met(e for o in outcomes if o.status == "met" for e in o.evidence)
        return _Outcome(
            best.status, [r for o in outcomes if o.status == best.status for r in o.reasons]
        )

    def evaluate(self, cond: ChecklistItem.Condition) -> _Outcome:
        if cond.fact is not None:
            return self.fact(cond)
        if cond.organization is not None:
            return self.organization(cond)
        if cond.person is not None:
            return self.person(cond)
        return self.procedure(cond)


def _vocabulary_issues(
    vocab: SelfCheckVocabulary, cond: ChecklistItem.Condition
) -> Iterable[tuple[str, str]]:
    """(field, message) for each word of a condition the standard's vocabulary lacks."""
    if cond.fact is not None:
        section, _, name = cond.fact.partition(".")
        sec = vocab.measures.get(section)
        if sec is None or name not in sec.facts:
            known = [f"{s}.{f}" for s, m in vocab.measures.items() for f in m.facts]
            yield "fact", f"unknown fact {cond.fact!r}; known: {', '.join(known)}"
    for fld, value, table in (
        ("organization", cond.organization, vocab.organization_roles),
        ("duty", cond.duty, vocab.duties),
        ("person", cond.person, vocab.person_roles),
        ("procedure", cond.procedure, vocab.procedure_kinds),
    ):
        if value is not None and value not in table:
            yield fld, f"unknown {fld} {value!r}; known: {', '.join(table)}"
    for a in cond.defines:
        if a not in vocab.aspects:
            yield "defines", f"unknown aspect {a!r}; known: {', '.join(vocab.aspects)}"


def _check_vocabulary(standard: JurisdictionProfile, vocab: SelfCheckVocabulary) -> None:
    """Every condition of the checklist names words of the standard's vocabulary."""
    found: list[tuple[int, int, str, str]] = []
    for i, item in enumerate(standard.model.checklist):
        for j, cond in enumerate(item.check):
            found += [(i, j, fld, msg) for fld, msg in _vocabulary_issues(vocab, cond)]
    if not found:
        return
    loaded = load_yaml(standard.file) if Path(standard.file).is_file() else None
    raise DataFileError(
        [
            DataIssue(
                standard.file,
                None if loaded is None else loaded.line_of(("checklist", i, "check", j, fld)),
                f"checklist[{i}].check[{j}].{fld}",
                f"item {standard.model.checklist[i].id!r}: {msg}",
            )
            for i, j, fld, msg in found
        ]
    )


def _item_source(standard: JurisdictionProfile, item: ChecklistItem) -> Source:
    doc = standard.documents[item.doc]
    return Source(
        doc=doc.id,
        title=doc.title,
        number=doc.number,
        article=None,
        clause=item.clause,
        quote=item.quote,
    )


def _check_item(standard: JurisdictionProfile, ev: _Evaluator, item: ChecklistItem) -> ItemResult:
    if not item.check:
        outcomes = [_no("no_evidence", "no_check")]
    else:
        outcomes = [ev.evaluate(c) for c in item.check]
    status = max((o.status for o in outcomes), key=_RANK.__getitem__)
    evidence: list[str] = []
    for o in outcomes:
        evidence += [e for e in o.evidence if e not in evidence]
    return ItemResult(
        id=item.id,
        clause=item.clause,
        quote=item.quote,
        requirement=item.requirement,
        status=status,
        reasons=tuple(r for o in outcomes for r in o.reasons),
        evidence=tuple(evidence),
        sets_time_limit=item.sets_time_limit,
        source=_item_source(standard, item),
    )


# --------------------------------------------------------------------------------------------
# Time fit
# --------------------------------------------------------------------------------------------


def _sum_text(proc: Procedure) -> str:
    assert proc.steps is not None
    parts = [str(s.working_days) for s in proc.steps]
    total = sum(s.working_days or 0 for s in proc.steps)
    return parts[0] if len(parts) == 1 else f"{' + '.join(parts)} = {total}"


def _rule_warnings(serves: JurisdictionProfile, doc_id: str) -> list[Notice]:
    doc = serves.documents[doc_id]
    title = doc.number or doc.title
    out = []
    if doc.in_force_from == "unknown":
        zh, en = _say("warn.date_unknown", title=title)
        out.append(Notice(code="date_unknown", zh=zh, en=en))
    if doc.status == "trial":
        zh, en = _say("warn.trial", title=title)
        out.append(Notice(code="trial", zh=zh, en=en))
    return out


@dataclass(frozen=True, kw_only=True)
class _FitContext:
    standard: JurisdictionProfile
    serves: JurisdictionProfile
    as_of: dt.date
    level: str
    start: dt.date | None


def _time_fit(ctx: _FitContext, proc: Procedure, warnings: list[Notice]) -> TimeFit:
    assert proc.serves is not None
    key = proc.serves
    rk = RULE_KEYS[key]
    key_words = (rk.zh, key)
    std_sources = tuple(
        _item_source(ctx.standard, item)
        for item in ctx.standard.model.checklist
        if any(c.procedure == proc.kind and c.time_limit for c in item.check)
    )
    cites = [f"{s.short}「{s.quote}」" for s in std_sources]
    requirement = (
        _say("fit.requires", clauses=("；".join(cites), "; ".join(cites)))
        if std_sources
        else _say("fit.not_required")
    )
    base: dict[str, Any] = {
        "procedure": proc.name,
        "kind": proc.kind,
        "serves": key,
        "profile": ctx.serves.id,
        "steps": tuple((s.name, s.working_days) for s in proc.steps or ()),
        "internal_working_days": proc.time_limit,
        "standard": std_sources,
    }
    empty: dict[str, Any] = {
        "external_working_days": None,
        "external_period": None,
        "external": None,
    }

    def result(status: FitStatus, code: str, text: tuple[str, str], **kw: Any) -> TimeFit:
        fields = {**base, **empty, **kw}
        return TimeFit(**fields, status=status, code=code, zh=text[0], en=text[1])

    name = ctx.serves.model.name
    try:
        rule = ctx.serves.rule(key, as_of=ctx.as_of, level=ctx.level)
    except NoRuleInForceError as exc:
        text = _say(
            "fit.no_rule",
            procedure=proc.name,
            key=key_words,
            profile=(name.zh, ctx.serves.id),
            level=(label("level", ctx.level, "zh"), ctx.level),
            as_of=ctx.as_of.isoformat(),
            why=("", "; ".join(exc.reasons)),
        )
        return result("not_comparable", "no_rule", text)
    warnings.extend(w for w in _rule_warnings(ctx.serves, rule.source.doc) if w not in warnings)
    ext = rule.source
    value = rule.value
    if value is None:
        text = _say("fit.silent", procedure=proc.name, key=key_words, source=ext.short)
        return result("not_comparable", "silent", text, external=ext)
    period = (period_label(value, "zh") or value.kind, period_label(value, "en") or value.kind)
    if value.kind != "working_days" or value.from_ is None:
        text = _say(
            "fit.not_working_days",
            procedure=proc.name,
            key=key_words,
            period=period,
            source=ext.short,
            quote=ext.quote or "",
        )
        return result(
            "not_comparable",
            "not_working_days",
            text,
            external=ext,
            external_period=period_label(value, "en"),
        )
    external = _say(
        "fit.external", period=period, key=key_words, source=ext.short, quote=ext.quote or ""
    )
    fields: dict[str, Any] = {
        "external_working_days": value.n,
        "external_period": period[1],
        "external": ext,
    }
    if proc.steps is None:
        text = _say("fit.no_steps", procedure=proc.name, external=external)
        return result("not_comparable", "no_steps", text, **fields)
    if proc.time_limit is None:
        open_steps = "、".join(s.name for s in proc.steps if s.working_days is None)
        text = _say(
            "fit.unbounded",
            procedure=proc.name,
            steps=open_steps,
            external=external,
            requirement=requirement,
        )
        return result("unbounded", "unbounded", text, **fields)
    total = proc.time_limit
    sample = None
    when: _Param = ""
    if ctx.start is not None:
        end = ctx.serves.calendar.add_working_days(ctx.start, total)
        due = ctx.serves.deadline(key, ctx.start, level=ctx.level, as_of=ctx.as_of).due
        sample = SampleDates(
            start=ctx.start, internal_end=dt.date(end.year, end.month, end.day), external_due=due
        )
        when = _say(
            "fit.sample",
            start=sample.start.isoformat(),
            end=sample.internal_end.isoformat(),
            due=sample.external_due.isoformat(),
        )
    status: FitStatus = "fits" if total <= value.n else "exceeds"
    text = _say(
        f"fit.{status}",
        procedure=proc.name,
        sum=_sum_text(proc),
        external=external,
        requirement=requirement,
        sample=when,
    )
    return result(status, status, text, sample=sample, **fields)


# --------------------------------------------------------------------------------------------
# The check
# --------------------------------------------------------------------------------------------


def _notice(doc: Document, as_of: dt.date) -> StatusNotice:
    status = Label.model_validate(
        {lang: label("word", f"check.doc.{doc.status}", lang) for lang in ("zh", "en")}
    )
    words: _Param = status
    in_force = doc.status in ("in_force", "trial")
    if in_force and isinstance(doc.in_force_from, dt.date) and as_of < doc.in_force_from:
        in_force = False
        words = _say(
            "doc.not_yet",
            status=status,
            as_of=as_of.isoformat(),
            **{"from": doc.in_force_from.isoformat()},
        )
    if in_force and isinstance(doc.in_force_until, dt.date) and as_of > doc.in_force_until:
        in_force = False
        words = _say("doc.ended", until=doc.in_force_until.isoformat())
    quote = next((c.quote for c in doc.citations if c.field == "status"), None)
    zh, en = _say(
        "doc.notice",
        title=doc.title,
        ref=doc.number or doc.issuer or doc.id,
        status=words,
        marked=_say("doc.marked", quote=quote) if quote else "",
        advisory="" if in_force else _say("doc.advisory"),
    )
    return StatusNotice(
        doc=doc.id,
        title=doc.title,
        status=doc.status,
        in_force=in_force,
        zh=zh,
        en=en,
        quote=quote,
    )


def _resolve_profile(value: JurisdictionProfile | str | Path, name: str) -> JurisdictionProfile:
    if isinstance(value, JurisdictionProfile):
        return value
    if isinstance(value, str | Path):
        return load_profile(value)
    raise InputError(name, value, "a profile, a profile name or a path")


def check_department(
    standard: JurisdictionProfile | str | Path,
    department: Department | str | Path,
    *,
    serves: JurisdictionProfile | str | Path | None = None,
    as_of: DateLike | None = None,
    level: str | None = None,
    start: DateLike | None = None,
) -> SelfCheckReport:
    """Check a department's description against every checklist item of a standard.

    Args:
        standard: the standard's profile (or its name or path), e.g. ``"shanxi_std"``; it
            carries the checklist and the words of the department format (``selfcheck:``).
        department: a :class:`Department` or the path of a ``govshare-department/1`` file.
        serves: a jurisdiction profile (or name or path) whose deadlines the department's
            procedures serve; each procedure with ``serves:`` is checked for time fit.
        as_of: the date deciding which external rules are in force and the standard's
            status; default: the file's ``as_of``, else today (Asia/Shanghai).
        level: the department's level for the external rules; default: the file's.
        start: a sample start date (the external rule's event): the report then shows when
            the procedure would end and when the external deadline falls. Needs ``serves``.

    Returns:
        The report: each item's status with reasons and evidence, the time-fit results, the
        standard's status notice (e.g. a draft, not in force) and warnings.

    Raises:
        InputError: a bad level or date, a profile without a checklist or self-check words,
            ``start`` without ``serves``.
        DataFileError: an invalid department file or profile (file, line and field named), a
            word the standard does not have, or a checklist condition naming a word the
            standard's vocabulary lacks.
        CalendarRangeError: ``start`` needs a year the calendar has no data for.
    """
    std = _resolve_profile(standard, "standard")
    if not std.model.checklist:
        raise InputError("standard", std.id, "a profile with a checklist")
    vocab = vocabulary_of(std)
    _check_vocabulary(std, vocab)
    if isinstance(department, Department):
        check_words(department, vocab, department.department)
        dept = department
    else:
        dept = load_department(department, standard=std)
    lvl = level if level is not None else dept.level
    if lvl not in LEVELS:
        raise InputError("level", lvl, f"one of {', '.join(LEVELS)}")
    if as_of is not None:
        when = to_date(as_of, "as_of")
    elif dept.as_of is not None:
        when = dept.as_of
    else:
        when = dt.datetime.now(SHANGHAI).date()
    if start is not None and serves is None:
        raise InputError("start", start, "a start date only together with serves (a jurisdiction)")
    start_day = None if start is None else to_date(start, "start")

    ev = _Evaluator(vocab, dept)
    items = tuple(_check_item(std, ev, item) for item in std.model.checklist)
    warnings: list[Notice] = []
    fits: list[TimeFit] = []
    ext: JurisdictionProfile | None = None
    if serves is not None:
        ext = _resolve_profile(serves, "serves")
        serving = [p for p in dept.procedures or () if p.serves is not None]
        if not serving:
            zh, en = _say(
                "warn.no_serving",
                department=dept.department,
                profile=(ext.model.name.zh, ext.id),
            )
            warnings.append(Notice(code="no_serving", zh=zh, en=en))
        ctx = _FitContext(standard=std, serves=ext, as_of=when, level=lvl, start=start_day)
        fits = [_time_fit(ctx, p, warnings) for p in serving]
    docs = dict.fromkeys(item.doc for item in std.model.checklist)
    return SelfCheckReport(
        standard=std.id,
        standard_name=std.model.name,
        department=dept.department,
        level=lvl,
        as_of=when,
        serves=None if ext is None else ext.id,
        serves_name=None if ext is None else ext.model.name,
        items=items,
        time_fit=tuple(fits),
        notices=tuple(_notice(std.documents[d], when) for d in docs),
        warnings=tuple(warnings),
    )
