"""Comparing what the rules give with what a scenario expects: typed mismatches.

Each expectation form (replay, access decision, rule, deadline) has a checker that gives one
:class:`Mismatch` per field that does not hold: where it is in ``expect``, the expected and
actual values (JSON-ready), the citation of the rule involved, and the Labels of ids a
profile names (process states). Lists are matched as multisets (a maximum matching).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import computed_field

from govshare._kernel.dates import SHANGHAI, to_datetime
from govshare._kernel.model import Label
from govshare.access import AccessDecision
from govshare.errors import GovshareError
from govshare.features.scenarios._format import (
    AccessExpect,
    DeadlineExpect,
    ProcessExpect,
    RuleExpect,
    Scenario,
    _Item,
)
from govshare.processes import ProcessStatus
from govshare.profiles import Deadline, JurisdictionProfile, RuleResult, Source, Value
from govshare.profiles._model import period_label

__all__ = ["NO_ERROR", "NO_ITEM", "Mismatch", "MismatchKind", "check"]

#: The actual side of an expected item the result lacks (and the expected side of an extra).
NO_ITEM = "(none)"
#: The side of an ``error`` mismatch where no error was raised, or none expected.
NO_ERROR = "(no error)"

#: ``value``: a field differs; ``missing``: an expected item is not in the result;
#: ``extra``: the result has an item the list does not; ``unexpected_error``: the rules
#: raised an error the scenario does not expect; ``no_error``: an expected error was not
#: raised.
MismatchKind = Literal["value", "missing", "extra", "unexpected_error", "no_error"]


@dataclass(frozen=True, kw_only=True)
class Mismatch:
    """One expectation that does not hold.

    Attributes:
        path: where, in the scenario's ``expect`` (e.g. ``fired[0].due``).
        expected: what the scenario says (JSON-ready: text, number, bool, null or mapping;
            :data:`NO_ITEM` for an extra item, :data:`NO_ERROR` when no error was expected).
        actual: what the rules give (:data:`NO_ITEM` for an item that is not there,
            :data:`NO_ERROR` when no error was raised).
        citation: the rule involved, when there is one.
        kind: what sort of mismatch (see :data:`MismatchKind`).
        expected_label: the profile's Label of the expected id (a process state), if any.
        actual_label: the profile's Label of the actual id, if any.
    """

    path: str
    expected: Any
    actual: Any
    citation: Source | None = None
    kind: MismatchKind = "value"
    expected_label: Label | None = None
    actual_label: Label | None = None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def expectation(self) -> str:
        """The expectation that failed: the first name of ``path`` (``fired``, ``state``)."""
        return self.path.split("[", 1)[0].split(".", 1)[0]


def _show(value: Any) -> Any:
    """JSON-ready: dates and instants as ISO text, sources as their short citation."""
    if isinstance(value, dt.datetime):
        return value.astimezone(SHANGHAI).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Source):
        return value.short
    if isinstance(value, tuple):
        return [_show(v) for v in value]
    return value


# -- matching ---------------------------------------------------------------------------


def _same_time(expected: Any, actual: Any) -> bool:
    """A date matches a date (or the Shanghai date of an instant); a date-time an instant."""
    if actual is None or expected is None:
        return expected is None and actual is None
    if isinstance(expected, dt.datetime):
        return bool(to_datetime(actual) == expected)
    if isinstance(actual, dt.datetime):
        return bool(actual.astimezone(SHANGHAI).date() == expected)
    return bool(actual == expected)


def _cites(expected: Any, sources: Any) -> bool:
    """``cite`` matches a source by article+clause, by appearing in its short citation, or
    by its document id."""
    for s in sources:
        if s is None:
            continue
        if expected in (f"{s.article or ''}{s.clause or ''}", s.doc) or expected in s.short:
            return True
    return False


def _one_of(expected: Any, texts: Any) -> bool:
    return expected in texts


def _equal(expected: Any, actual: Any) -> bool:
    return bool(expected == actual)


@dataclass(frozen=True)
class _Field:
    """How to read one expected field from an actual item, and how to compare it."""

    get: Callable[[Any], Any]
    match: Callable[[Any, Any], bool] = _equal
    show: Callable[[Any], Any] = _show


def _attr(name: str) -> _Field:
    return _Field(lambda x: getattr(x, name))


def _time(name: str) -> _Field:
    return _Field(lambda x: getattr(x, name), _same_time)


_CITE = _Field(lambda x: (x.source,), _cites, lambda v: _show(v[0]) if v else None)


def _texts_show(texts: tuple[str, ...]) -> Any:
    return texts[0] if texts else None


def _max_pairing(ok: list[list[bool]]) -> dict[int, int]:
    """A maximum matching of expected items to distinct actual items (Kuhn's algorithm)."""
    owner: dict[int, int] = {}

    def take(i: int, seen: set[int]) -> bool:
        for j, fits in enumerate(ok[i]):
            if fits and j not in seen:
                seen.add(j)
                if j not in owner or take(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    for i in range(len(ok)):
        take(i, set())
    return {i: j for j, i in owner.items()}


def _match_list(
    path: str, expected: Sequence[_Item], actual: Sequence[Any], fields: Mapping[str, _Field]
) -> list[Mismatch]:
    """Exact multiset match: as many items, each expected item matching its own actual one
    on the fields it gives."""
    wanted = [
        {k: getattr(e, k) for k in type(e).model_fields if k in e.model_fields_set}
        for e in expected
    ]

    def fits(k: str, v: Any, item: Any) -> bool:
        f = fields[k]
        return f.match(v, f.get(item))

    ok = [[all(fits(k, v, a) for k, v in w.items()) for a in actual] for w in wanted]
    pairing = _max_pairing(ok)
    free = [j for j in range(len(actual)) if j not in pairing.values()]
    out: list[Mismatch] = []

    def summary(item: Any) -> dict[str, Any]:
        return {k: f.show(f.get(item)) for k, f in fields.items()}

    for i, w in enumerate(wanted):
        if i in pairing:
            continue
        shown = {k: _show(v) for k, v in w.items()}
        if not free:
            missing = Mismatch(path=f"{path}[{i}]", expected=shown, actual=NO_ITEM, kind="missing")
            out.append(missing)
            continue
        j = min(free, key=lambda j: (sum(not fits(k, v, actual[j]) for k, v in w.items()), j))
        free.remove(j)
        item = actual[j]
        cite = getattr(item, "source", None)
        for k, v in w.items():
            if not fits(k, v, item):
                f = fields[k]
                out.append(
                    Mismatch(
                        path=f"{path}[{i}].{k}",
                        expected=_show(v),
                        actual=f.show(f.get(item)),
                        citation=cite,
                    )
                )
    for j in free:
        item = actual[j]
        out.append(
            Mismatch(
                path=f"{path}[{j}]",
                expected=NO_ITEM,
                actual=summary(item),
                citation=getattr(item, "source", None),
                kind="extra",
            )
        )
    return out


def _scalar(
    path: str,
    expected: Any,
    actual: Any,
    cite: Source | None,
    match: Callable[[Any, Any], bool],
    *,
    labels: Callable[[Any], Label | None] | None = None,
) -> list[Mismatch]:
    if match(expected, actual):
        return []
    return [
        Mismatch(
            path=path,
            expected=_show(expected),
            actual=_show(actual),
            citation=cite,
            expected_label=None if labels is None else labels(expected),
            actual_label=None if labels is None else labels(actual),
        )
    ]


@dataclass(frozen=True)
class _Ctx:
    scenario: Scenario
    profile: JurisdictionProfile

    def periods(self, text: str, key: str, when: dt.date) -> tuple[str, ...]:
        """The period as the result words it, and its short names (5个工作日, 5 working days)."""
        out = [text]
        try:
            value = self.profile.rule(
                key, as_of=when, level=self.scenario.level, adopted=self.scenario.adopted
            ).value
        except GovshareError:
            return tuple(out)
        out.extend(x for x in (period_label(value, "zh"), period_label(value, "en")) if x)
        return tuple(out)

    def state_label(self, state: object) -> Label | None:
        """The Label of a state of the scenario's process, if the profile has it."""
        process = self.profile.model.processes.get(self.scenario.given.process or "")
        found = None if process is None else process.states.get(str(state))
        return None if found is None else found.label

    def process_label(self, name: object) -> Label | None:
        """The Label of a process of the profile, if it has it."""
        found = self.profile.model.processes.get(str(name))
        return None if found is None else found.label


def _check_process(ctx: _Ctx, e: ProcessExpect, st: ProcessStatus) -> list[Mismatch]:
    last = next((s.source for s in reversed(st.trace) if s.source is not None), None)
    out: list[Mismatch] = []
    given = e.model_fields_set
    if "state" in given:
        out += _scalar("state", e.state, st.state, last, _equal, labels=ctx.state_label)
    if "terminal" in given:
        out += _scalar("terminal", e.terminal, st.terminal, last, _equal)
    if "deemed_consent" in given:
        fired = next((f.outcome_source or f.source for f in st.fired), last)
        out += _scalar("deemed_consent", e.deemed_consent, st.deemed_consent, fired, _equal)
    party = {"actor": _attr("actor"), "party": _attr("party"), "rule": _attr("rule")}
    if e.open_duties is not None:
        duty_period = _Field(
            lambda d: ctx.periods(d.period, d.rule, d.started.date()), _one_of, _texts_show
        )
        fields = {
            **party,
            "due": _time("due"),
            "overdue": _attr("overdue"),
            "period": duty_period,
            "cite": _CITE,
        }
        out += _match_list("open_duties", e.open_duties, st.open_duties, fields)
    if e.fired is not None:
        fired_cite = _Field(lambda f: (f.source, f.outcome_source), _cites, lambda v: _show(v[0]))
        fields = {
            "kind": _attr("kind"),
            **party,
            "due": _time("due"),
            "at": _time("at"),
            "cite": fired_cite,
        }
        out += _match_list("fired", e.fired, st.fired, fields)
    if e.violations is not None:
        fields = {
            "kind": _attr("kind"),
            **party,
            "due": _time("due"),
            "late_working_days": _attr("late_working_days"),
            "ongoing": _attr("ongoing"),
            "event_index": _attr("event_index"),
            "cite": _CITE,
        }
        out += _match_list("violations", e.violations, st.violations, fields)
    if e.findings is not None:
        fields = {"rule": _attr("rule"), "event_index": _attr("event_index"), "cite": _CITE}
        out += _match_list("findings", e.findings, st.findings, fields)
    if e.not_before is not None:
        fields = {
            "event": _attr("event"),
            "earliest": _time("earliest"),
            "rule": _attr("rule"),
            "cite": _CITE,
        }
        out += _match_list("not_before", e.not_before, st.not_before, fields)
    if e.trace_cites is not None:
        sources = [s.source for s in st.trace if s.source is not None]
        shown = list(dict.fromkeys(s.short for s in sources))
        for i, cite in enumerate(e.trace_cites):
            if not _cites(cite, sources):
                out.append(Mismatch(path=f"trace_cites[{i}]", expected=cite, actual=shown))
    return out


def _check_access(ctx: _Ctx, e: AccessExpect, d: AccessDecision) -> list[Mismatch]:
    first = d.citations[0] if d.citations else None
    out: list[Mismatch] = []
    given = e.model_fields_set
    for name in ("path", "process", "on_timeout"):
        if name in given:
            labels = ctx.process_label if name == "process" else None
            out += _scalar(name, getattr(e, name), getattr(d, name), first, _equal, labels=labels)
    if e.reviewers is not None:
        fields = {"name": _attr("name"), "role": _attr("role")}
        out += _match_list("reviewers", e.reviewers, d.reviewers, fields)
    if e.steps is not None:
        step_period = _Field(
            lambda s: tuple(x for x in (s.period, s.period_zh) if x), _one_of, _texts_show
        )
        fields = {
            "actor": _attr("actor"),
            "period": step_period,
            "due": _time("due"),
            "cite": _CITE,
        }
        out += _match_list("steps", e.steps, d.steps, fields)
    if e.escalation is not None:
        fields = {"actor": _attr("actor"), "cite": _CITE}
        out += _match_list("escalation", e.escalation, d.escalation, fields)
    if e.findings is not None:
        fields = {"against": _attr("against"), "cite": _CITE}
        out += _match_list("findings", e.findings, d.findings, fields)
    return out


def _partial(path: str, expected: Mapping[str, Any], actual: Any) -> Iterator[tuple[str, Any, Any]]:
    """Differences of ``actual`` from ``expected`` on the keys ``expected`` gives."""
    for key, want in expected.items():
        got = actual.get(key) if isinstance(actual, Mapping) else None
        here = f"{path}.{key}"
        if isinstance(want, Mapping) and isinstance(got, Mapping):
            yield from _partial(here, want, got)
        elif want != got:
            yield here, want, got


def _check_rule(e: RuleExpect, r: RuleResult) -> list[Mismatch]:
    out: list[Mismatch] = []
    given = e.model_fields_set
    if "not_specified" in given:
        out += _scalar("not_specified", e.not_specified, r.not_specified, r.source, _equal)
    if e.value is not None:
        actual: Value | None = r.value
        dumped = None if actual is None else actual.model_dump(mode="json", by_alias=True)
        if dumped is None:
            out.append(Mismatch(path="value", expected=e.value, actual=None, citation=r.source))
        else:
            out += [
                Mismatch(path=p, expected=w, actual=g, citation=r.source)
                for p, w, g in _partial("value", e.value, dumped)
            ]
    if e.cite is not None:
        out += _scalar("cite", e.cite, (r.source,), r.source, _cites)
    if e.doc is not None:
        out += _scalar("doc", e.doc, r.source.doc, r.source, _equal)
    return out


def _check_deadline(e: DeadlineExpect, d: Deadline) -> list[Mismatch]:
    out: list[Mismatch] = []
    given = e.model_fields_set
    if "due" in given:
        out += _scalar("due", e.due, d.due, d.source, _same_time)
    if "end_instant" in given:
        out += _scalar("end_instant", e.end_instant, d.end_instant, d.source, _same_time)
    if e.period is not None:
        texts = tuple(
            x
            for x in (d.period, period_label(d.rule.value, "zh"), period_label(d.rule.value, "en"))
            if x
        )
        if e.period not in texts:
            out.append(
                Mismatch(path="period", expected=e.period, actual=d.period, citation=d.source)
            )
    if e.cite is not None:
        out += _scalar("cite", e.cite, (d.source,), d.source, _cites)
    if e.doc is not None:
        out += _scalar("doc", e.doc, d.source.doc, d.source, _equal)
    layer_fields = {
        "profile": _attr("profile"),
        "due": _time("due"),
        "extension_due": _Field(lambda x: x.extension.due if x.extension else None, _same_time),
        "cite": _CITE,
    }
    if e.ceilings is not None:
        out += _match_list("ceilings", e.ceilings, d.ceilings, layer_fields)
    if e.conflicts is not None:
        out += _match_list("conflicts", e.conflicts, d.conflicts, layer_fields)
    if e.readings is not None:
        codes = [r.code for r in d.readings]
        for i, code in enumerate(e.readings):
            if code not in codes:
                out.append(Mismatch(path=f"readings[{i}]", expected=code, actual=codes))
    return out


def check(s: Scenario, prof: JurisdictionProfile, actual: Any) -> list[Mismatch]:
    """The mismatches of ``actual`` (what the rules gave for ``s``) with ``s.expect``."""
    e = s.expect
    if isinstance(e, ProcessExpect):
        return _check_process(_Ctx(s, prof), e, actual)
    if isinstance(e, AccessExpect):
        return _check_access(_Ctx(s, prof), e, actual)
    if isinstance(e, RuleExpect):
        return _check_rule(e, actual)
    assert isinstance(e, DeadlineExpect)
    return _check_deadline(e, actual)
