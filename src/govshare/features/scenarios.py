"""Scenario files (``govshare-scenario/1``): what a profile must give, written by anyone.

A scenario file (``*.govshare.yaml``) holds one or more scenarios. Each names a profile (or
several, to compare jurisdictions), a level and a date (``as_of``), gives what happened (an
event log), a request (a resource and a requester), a rule key or a deadline, and says what
the rules must give: the state, the deadlines, the violations, the article cited. The format
is described for non-programmers in docs/scenarios.md.

The public surface:

- :func:`load_scenarios` reads a file strictly (unknown keys and wrong types are errors
  naming file and line) into runnable :class:`Scenario` objects, one per scenario and
  profile;
- :func:`run_scenario` runs one, giving a :class:`ScenarioResult` with, for each field that
  does not match, a :class:`Mismatch` (path, expected, actual and the citation involved);
- :func:`run_paths` finds the files under paths and runs them all (the ``govshare test``
  command; the pytest plugin, :mod:`govshare.pytest_plugin`, runs the same scenarios as
  pytest items).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path
from typing import Annotated, Any, Literal, TypeAlias, TypeVar

from pydantic import (
    BaseModel,
    Field,
    PlainValidator,
    field_validator,
    model_validator,
)

from govshare._kernel.dates import SHANGHAI, to_datetime
from govshare._kernel.messages import Notice
from govshare._kernel.model import STRICT, Level
from govshare._kernel.yamlio import LoadedYaml, load_yaml, parse_yaml, validate_model
from govshare.access import AccessDecision, Resource, decide_access
from govshare.errors import DataFileError, DataIssue, GovshareError, InputError
from govshare.processes import EventLogError, ProcessStatus, replay
from govshare.processes._log import Event
from govshare.profiles import (
    RULE_KEYS,
    Deadline,
    JurisdictionProfile,
    RuleResult,
    Source,
    load_profile,
)
from govshare.profiles._model import Value, period_label

__all__ = [
    "DEFAULT_PATTERN",
    "Mismatch",
    "Scenario",
    "ScenarioResult",
    "find_scenario_files",
    "load_scenarios",
    "run_paths",
    "run_scenario",
]

#: The file names :func:`run_paths` and the pytest plugin look for by default.
DEFAULT_PATTERN = "*.govshare.yaml"

#: Directories never searched (as pytest's ``norecursedirs`` default).
_SKIP_DIRS = (".*", "*.egg", "build", "dist", "node_modules", "venv", "__pycache__")

_CFG = STRICT
_Text = Annotated[str, Field(min_length=1)]
Loc: TypeAlias = tuple[str | int, ...]
M = TypeVar("M", bound=BaseModel)

_WHEN_EXPECTED = (
    "a date such as 2026-10-13, or a date-time such as 2026-10-14T00:00+08:00 "
    "(no offset = Asia/Shanghai time)"
)


def _when(value: object) -> dt.date:
    """A date stays a date; a date-time becomes an aware instant (naive = Asia/Shanghai)."""
    if isinstance(value, dt.datetime):
        return to_datetime(value)
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            if len(text) == 10:
                return dt.date.fromisoformat(text)
            if "T" in text or " " in text:
                return to_datetime(text)
        except (ValueError, InputError):
            pass
    raise ValueError(f"expected {_WHEN_EXPECTED}; got {value!r}")


#: A date, or an aware datetime (a ``datetime`` is a ``date``).
When = Annotated[dt.date, PlainValidator(_when)]


# -- what is expected -------------------------------------------------------------------


class _Item(BaseModel):
    """An expected list item: compared on the fields it gives (none: any item)."""

    model_config = _CFG


class DutyExpect(_Item):
    """An open duty (``open_duties``)."""

    actor: str | None = None
    party: str | None = None
    rule: str | None = None
    due: When | None = None
    overdue: bool | None = None
    period: str | None = None
    cite: str | None = None


class FiredExpect(_Item):
    """A deadline that passed (``fired``)."""

    kind: Literal["deemed_consent", "overdue"] | None = None
    actor: str | None = None
    party: str | None = None
    rule: str | None = None
    due: When | None = None
    at: When | None = None
    cite: str | None = None


class ViolationExpect(_Item):
    """A rule broken (``violations``)."""

    kind: Literal["overdue", "too_early", "missing_prior_step"] | None = None
    actor: str | None = None
    party: str | None = None
    rule: str | None = None
    due: When | None = None
    late_working_days: Annotated[int, Field(ge=0)] | None = None
    ongoing: bool | None = None
    event_index: Annotated[int, Field(ge=0)] | None = None
    cite: str | None = None


class FindingExpect(_Item):
    """A warning about a discouraged act (``findings`` of a replay)."""

    rule: str | None = None
    event_index: Annotated[int, Field(ge=0)] | None = None
    cite: str | None = None


class NotBeforeExpect(_Item):
    """An act not allowed before a day (``not_before``)."""

    event: str | None = None
    earliest: When | None = None
    rule: str | None = None
    cite: str | None = None


class ReviewerExpect(_Item):
    """A reviewer of an access decision."""

    name: str | None = None
    role: Literal["provider", "delegate", "joint", "lead"] | None = None


class StepExpect(_Item):
    """A step of an access decision's review chain."""

    actor: str | None = None
    period: str | None = None
    due: When | None = None
    cite: str | None = None


class EscalationExpect(_Item):
    """A step open to the requester after a refusal."""

    actor: str | None = None
    cite: str | None = None


class AccessFindingExpect(_Item):
    """A finding of an access decision against a party."""

    against: str | None = None
    cite: str | None = None


class _Expect(BaseModel):
    model_config = _CFG

    @model_validator(mode="after")
    def _something(self) -> _Expect:
        if not self.model_fields_set:
            raise ValueError("give at least one expectation (docs/scenarios.md lists them)")
        return self


class ProcessExpect(_Expect):
    """What a replay must give."""

    state: str | None = None
    terminal: bool | None = None
    deemed_consent: bool | None = None
    open_duties: list[DutyExpect] | None = None
    fired: list[FiredExpect] | None = None
    violations: list[ViolationExpect] | None = None
    findings: list[FindingExpect] | None = None
    not_before: list[NotBeforeExpect] | None = None
    trace_cites: list[_Text] | None = None


_AccessPath = Literal["direct", "filing", "conformity_review", "application", "not_shareable"]


class AccessExpect(_Expect):
    """What an access decision must give."""

    path: _AccessPath | None = None
    process: str | None = None
    reviewers: list[ReviewerExpect] | None = None
    steps: list[StepExpect] | None = None
    on_timeout: str | None = None
    escalation: list[EscalationExpect] | None = None
    findings: list[AccessFindingExpect] | None = None


class RuleExpect(_Expect):
    """What a rule lookup must give."""

    not_specified: bool | None = None
    value: dict[str, Any] | None = None
    cite: str | None = None
    doc: str | None = None


class DeadlineExpect(_Expect):
    """What a deadline must give."""

    due: When | None = None
    end_instant: When | None = None
    period: str | None = None
    cite: str | None = None
    doc: str | None = None


def _error_classes() -> dict[str, type[GovshareError]]:
    """Every govshare error class by name (the base and its subclasses)."""
    found: dict[str, type[GovshareError]] = {}
    stack: list[type[GovshareError]] = [GovshareError]
    while stack:
        cls = stack.pop()
        found.setdefault(cls.__name__, cls)
        stack.extend(cls.__subclasses__())
    return found


class ErrorExpect(BaseModel):
    """The run must fail with this error (its class or a base class), whose message contains
    ``message`` when given."""

    model_config = _CFG

    error: _Text
    message: str | None = None

    @field_validator("error")
    @classmethod
    def _known(cls, name: str) -> str:
        known = _error_classes()
        if name not in known:
            raise ValueError(f"unknown error {name!r}; one of: {', '.join(sorted(known))}")
        return name


Expectation: TypeAlias = "ProcessExpect | AccessExpect | RuleExpect | DeadlineExpect | ErrorExpect"


# -- what is given ----------------------------------------------------------------------

_FORMS: dict[str, tuple[str, ...]] = {
    "process": ("process", "events"),
    "access": ("requester", "resource"),
    "rule": ("rule",),
    "deadline": ("deadline", "start"),
}
_EXPECT_MODELS: dict[str, type[_Expect]] = {
    "process": ProcessExpect,
    "access": AccessExpect,
    "rule": RuleExpect,
    "deadline": DeadlineExpect,
}


class Given(BaseModel):
    """What the scenario starts from: exactly one of four forms.

    - ``process`` + ``events``: an event log to replay (the events of a govshare-log/1 file);
    - ``requester`` + ``resource``: an access request (the resource of a govshare-request/1
      file);
    - ``rule``: a rule key to look up;
    - ``deadline`` + ``start``: the deadline a rule key sets for an event at ``start``.
    """

    model_config = _CFG

    process: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")] | None = None
    events: list[Event] | None = None
    requester: _Text | None = None
    resource: Resource | None = None
    rule: str | None = None
    deadline: str | None = None
    start: When | None = None

    @field_validator("rule", "deadline")
    @classmethod
    def _rule_key(cls, key: str | None) -> str | None:
        if key is not None and key not in RULE_KEYS:
            raise ValueError(
                f"unknown rule key {key!r}; `govshare show PROFILE` lists the keys "
                "(e.g. share.conditional.provider_reply)"
            )
        return key

    @model_validator(mode="after")
    def _one_form(self) -> Given:
        used = self.model_fields_set
        forms = [name for name, keys in _FORMS.items() if used & set(keys)]
        if len(forms) != 1:
            raise ValueError(
                "give exactly one of: process + events (replay a log), requester + resource "
                "(an access decision), rule (a rule lookup), deadline + start (a deadline)"
            )
        missing = [k for k in _FORMS[forms[0]] if k not in used]
        if missing:
            raise ValueError(f"{' and '.join(missing)} missing (with {forms[0]})")
        return self

    @property
    def form(self) -> Literal["process", "access", "rule", "deadline"]:
        """Which of the four forms this is."""
        used = self.model_fields_set
        if "process" in used:
            return "process"
        if "requester" in used:
            return "access"
        return "rule" if "rule" in used else "deadline"


class _ScenarioSpec(BaseModel):
    model_config = _CFG

    name: _Text
    notes: str | None = None
    profile: _Text | None = None
    profiles: Annotated[list[_Text], Field(min_length=1)] | None = None
    level: Level | None = None
    adopted: list[_Text] | None = None
    as_of: When
    given: Given
    expect: dict[str, Any]


class _ScenarioFile(BaseModel):
    model_config = STRICT

    schema_: Literal["govshare-scenario/1"] = Field(default="govshare-scenario/1", alias="schema")
    profile: _Text | None = None
    level: Level | None = None
    adopted: list[_Text] = Field(default_factory=list)
    scenarios: Annotated[list[_ScenarioSpec], Field(min_length=1)]


# -- runnable scenarios -----------------------------------------------------------------


@dataclass(frozen=True)
class Scenario:
    """One runnable case: a scenario of a file, for one profile.

    A scenario comparing several profiles (``profiles: [...]``) gives one :class:`Scenario`
    per profile, each with that profile's expectations; ``compared`` lists them all.

    Attributes:
        name: the scenario's name, as written.
        file: the file it comes from.
        line: the line where the scenario starts.
        profile: the profile as written (a name, or a path relative to the file).
        level: ``provincial``, ``prefectural`` or ``county``.
        adopted: documents adopted at that level.
        as_of: a date (the end of that day) or an aware datetime.
        given: what the scenario starts from.
        expect: what must come out.
        notes: the writer's notes (e.g. the hand count of the dates).
        compared: every profile of a multi-profile scenario (empty otherwise).
        profile_line: the line where the profile is written (for error messages).
        event_lines: the line of each event of a replay (for error messages).
    """

    name: str
    file: str
    line: int | None
    profile: str
    level: str
    adopted: tuple[str, ...]
    as_of: dt.date
    given: Given
    expect: ProcessExpect | AccessExpect | RuleExpect | DeadlineExpect | ErrorExpect
    notes: str | None = None
    compared: tuple[str, ...] = ()
    profile_line: int | None = None
    event_lines: tuple[int | None, ...] = ()

    @property
    def id(self) -> str:
        """The name, with ``[profile]`` appended for a multi-profile scenario."""
        return f"{self.name}[{self.profile}]" if self.compared else self.name

    @property
    def where(self) -> str:
        """``file:line`` of the scenario."""
        return self.file if self.line is None else f"{self.file}:{self.line}"


def _dotted(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def _validate_at(model: type[M], loaded: LoadedYaml, loc: Loc, issues: list[DataIssue]) -> M | None:
    """Validate the part of the file at ``loc``; issues name the full path and line."""
    data: Any = loaded.data
    for part in loc:
        data = data[part]
    n = len(loc)
    lines = {k[n:]: v for k, v in loaded.lines.items() if k[:n] == loc}
    try:
        return validate_model(model, LoadedYaml(data, loaded.file, lines))
    except DataFileError as exc:
        prefix = _dotted(loc)
        for i in exc.issues:
            sep = "" if not prefix or not i.field or i.field.startswith("[") else "."
            message = i.message.removeprefix("Value error, ")
            issues.append(DataIssue(i.file, i.line, f"{prefix}{sep}{i.field}", message))
        return None


@dataclass
class _Parser:
    """Turns a validated file into runnable scenarios, collecting every problem found."""

    loaded: LoadedYaml
    doc: _ScenarioFile
    issues: list[DataIssue]

    def issue(self, loc: Loc, message: str) -> None:
        self.issues.append(
            DataIssue(self.loaded.file, self.loaded.line_of(loc), _dotted(loc), message)
        )

    def expectation(self, form: str, loc: Loc) -> Expectation | None:
        data: Any = self.loaded.data
        for part in loc:
            data = data[part]
        if isinstance(data, Mapping) and "error" in data:
            return _validate_at(ErrorExpect, self.loaded, loc, self.issues)
        model = _EXPECT_MODELS[form]
        found = _validate_at(model, self.loaded, loc, self.issues)
        assert found is None or isinstance(
            found, ProcessExpect | AccessExpect | RuleExpect | DeadlineExpect
        )
        return found

    def expectations(
        self, at: Loc, spec: _ScenarioSpec, names: list[str]
    ) -> dict[str, Expectation | None]:
        """Per profile: ``expect`` keyed by profile name, or one ``expect`` shared by all."""
        form = spec.given.form
        if not spec.profiles:
            return {names[0]: self.expectation(form, (*at, "expect"))}
        if not set(spec.expect) & set(names):  # the same expectations for every profile
            return dict.fromkeys(names, self.expectation(form, (*at, "expect")))
        for key in spec.expect:
            if key not in names:
                self.issue(
                    (*at, "expect", key),
                    f"not one of this scenario's profiles ({', '.join(names)})",
                )
        out: dict[str, Expectation | None] = {}
        for name in names:
            if name in spec.expect:
                out[name] = self.expectation(form, (*at, "expect", name))
            else:
                self.issue((*at, "expect"), f"no expectations for profile {name!r}")
        return out

    def profiles(self, at: Loc, spec: _ScenarioSpec) -> tuple[list[str], Loc] | None:
        """The profiles the scenario runs on, and where they are written."""
        if spec.profile is not None and spec.profiles is not None:
            self.issue((*at, "profiles"), "give profile or profiles, not both")
            return None
        if spec.profiles is not None:
            dup = sorted({p for p in spec.profiles if spec.profiles.count(p) > 1})
            if dup:
                self.issue((*at, "profiles"), f"profile listed twice: {', '.join(dup)}")
                return None
            return list(spec.profiles), (*at, "profiles")
        if spec.profile is not None:
            return [spec.profile], (*at, "profile")
        if self.doc.profile is not None:
            return [self.doc.profile], ("profile",)
        self.issue(at, "no profile: give profile: here or at the top of the file, or profiles:")
        return None

    def scenarios(self, i: int, spec: _ScenarioSpec) -> Iterator[Scenario]:
        at: Loc = ("scenarios", i)
        found = self.profiles(at, spec)
        level = spec.level or self.doc.level
        if level is None:
            self.issue(at, "no level: give level: here or at the top of the file")
        if found is None or level is None:
            return
        names, prof_loc = found
        expects = self.expectations(at, spec, names)
        lines = tuple(
            self.loaded.line_of((*at, "given", "events", k))
            for k in range(len(spec.given.events or ()))
        )
        for name in names:
            expect = expects.get(name)
            if expect is None:
                continue
            yield Scenario(
                name=spec.name,
                file=self.loaded.file,
                line=self.loaded.line_of(at),
                profile=name,
                level=level,
                adopted=tuple(spec.adopted if spec.adopted is not None else self.doc.adopted),
                as_of=spec.as_of,
                given=spec.given,
                expect=expect,
                notes=spec.notes,
                compared=tuple(spec.profiles or ()),
                profile_line=self.loaded.line_of(prof_loc),
                event_lines=lines,
            )


def _parse(loaded: LoadedYaml) -> list[Scenario]:
    issues: list[DataIssue] = []
    doc = _validate_at(_ScenarioFile, loaded, (), issues)
    if doc is None:
        raise DataFileError(issues)
    parser = _Parser(loaded, doc, issues)
    out: list[Scenario] = []
    seen: dict[str, int | None] = {}
    for i, spec in enumerate(parser.doc.scenarios):
        if spec.name in seen:
            parser.issue(
                ("scenarios", i, "name"),
                f"duplicate scenario name {spec.name!r} (first on line {seen[spec.name]})",
            )
        seen.setdefault(spec.name, loaded.line_of(("scenarios", i)))
        out.extend(parser.scenarios(i, spec))
    if parser.issues:
        raise DataFileError(parser.issues)
    return out


def load_scenarios(path: str | Path, *, text: str | None = None) -> list[Scenario]:
    """Read a scenario file strictly: one :class:`Scenario` per scenario and profile.

    Args:
        path: the file (its directory anchors profiles given as relative paths).
        text: the file's content, to parse instead of reading ``path``.

    Returns:
        The scenarios in file order; a multi-profile scenario gives one per profile, in
        the order of its ``profiles`` list.

    Raises:
        DataFileError: the file is not valid YAML or not a valid scenario file: every
            problem found, each naming file, line and field (unknown keys, wrong types,
            a missing profile or level, a duplicate name, an unknown rule key or error).
    """
    loaded = load_yaml(path) if text is None else parse_yaml(text, str(path))
    return _parse(loaded)


# -- results ----------------------------------------------------------------------------

_NO_ITEM = "(none)"
_NO_ERROR = "(no error)"


@dataclass(frozen=True)
class Mismatch:
    """One field that does not match.

    Attributes:
        path: where, in the scenario's ``expect`` (e.g. ``fired[0].due``).
        expected: what the scenario says (JSON-ready: text, number, bool, null or mapping).
        actual: what the rules give (``"(none)"`` for an item that is not there).
        citation: the rule involved, when there is one (its ``short`` and ``quote``).
    """

    path: str
    expected: Any
    actual: Any
    citation: Source | None = None


@dataclass(frozen=True)
class ScenarioResult:
    """The outcome of one scenario for one profile.

    Attributes:
        scenario: the scenario's id (its name, ``[profile]`` appended when it compares
            profiles); for a file that could not be read, the file's name.
        file: the scenario file.
        line: the scenario's line (or the invalid file's first bad line).
        profile: the profile as written, or None for an invalid file.
        outcome: ``pass``, ``fail`` (mismatches) or ``error`` (the file or its profile
            could not be used; ``error`` says why).
        mismatches: each field that does not match.
        error: what went wrong, for an ``error`` outcome.
        seconds: how long it took.
        warnings: the warnings of the result (e.g. a trial document).
    """

    scenario: str
    file: str
    line: int | None
    profile: str | None
    outcome: Literal["pass", "fail", "error"]
    mismatches: tuple[Mismatch, ...] = ()
    error: str | None = None
    seconds: float = 0.0
    warnings: tuple[str | Notice, ...] = ()

    @property
    def passed(self) -> bool:
        """True when everything matched."""
        return self.outcome == "pass"

    @property
    def where(self) -> str:
        """``file:line``."""
        return self.file if self.line is None else f"{self.file}:{self.line}"

    def report(self, lang: str = "zh") -> str:
        """What went wrong, for people: each mismatch with expected, actual and citation.

        Args:
            lang: ``zh`` or ``en`` labels.

        Returns:
            The text, one line per item (empty for a pass).
        """
        zh = lang == "zh"
        words = ("期望", "实际", "依据") if zh else ("expected", "actual", "citation")
        width = max(len(w) for w in words) + (0 if zh else 1)
        out: list[str] = []
        if self.error:
            out.append(self.error)
        for m in self.mismatches:
            out.append(m.path)
            out.append(f"  {(words[0] + ':').ljust(width)} {_text(m.expected)}")
            out.append(f"  {(words[1] + ':').ljust(width)} {_text(m.actual)}")
            if m.citation is not None:
                quote = f"「{m.citation.quote}」" if m.citation.quote else ""
                out.append(f"  {(words[2] + ':').ljust(width)} {m.citation.short}{quote}")
        return "\n".join(out)


def _text(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{k}: {_text(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_text(v) for v in value) + "]"
    return str(value)


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
            out.append(Mismatch(f"{path}[{i}]", shown, _NO_ITEM))
            continue
        j = min(free, key=lambda j: (sum(not fits(k, v, actual[j]) for k, v in w.items()), j))
        free.remove(j)
        item = actual[j]
        cite = getattr(item, "source", None)
        for k, v in w.items():
            if not fits(k, v, item):
                f = fields[k]
                out.append(Mismatch(f"{path}[{i}].{k}", _show(v), f.show(f.get(item)), cite))
    for j in free:
        item = actual[j]
        out.append(Mismatch(f"{path}[{j}]", _NO_ITEM, summary(item), getattr(item, "source", None)))
    return out


def _scalar(
    path: str, expected: Any, actual: Any, cite: Source | None, match: Callable[[Any, Any], bool]
) -> list[Mismatch]:
    if match(expected, actual):
        return []
    return [Mismatch(path, _show(expected), _show(actual), cite)]


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


def _check_process(ctx: _Ctx, e: ProcessExpect, st: ProcessStatus) -> list[Mismatch]:
    last = next((s.source for s in reversed(st.trace) if s.source is not None), None)
    out: list[Mismatch] = []
    given = e.model_fields_set
    if "state" in given:
        out += _scalar("state", e.state, st.state, last, _equal)
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
                out.append(Mismatch(f"trace_cites[{i}]", cite, shown))
    return out


def _check_access(e: AccessExpect, d: AccessDecision) -> list[Mismatch]:
    first = d.citations[0] if d.citations else None
    out: list[Mismatch] = []
    given = e.model_fields_set
    for name in ("path", "process", "on_timeout"):
        if name in given:
            out += _scalar(name, getattr(e, name), getattr(d, name), first, _equal)
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
            out.append(Mismatch("value", e.value, None, r.source))
        else:
            out += [Mismatch(p, w, g, r.source) for p, w, g in _partial("value", e.value, dumped)]
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
            out.append(Mismatch("period", e.period, d.period, d.source))
    if e.cite is not None:
        out += _scalar("cite", e.cite, (d.source,), d.source, _cites)
    if e.doc is not None:
        out += _scalar("doc", e.doc, d.source.doc, d.source, _equal)
    return out


# -- running ----------------------------------------------------------------------------

_path_cache: dict[tuple[str, int, int], JurisdictionProfile] = {}


def _looks_like_path(ref: str) -> bool:
    return ref.endswith((".yaml", ".yml")) or "/" in ref or "\\" in ref


def _profile(scenario: Scenario) -> JurisdictionProfile:
    """A profile name, or a path relative to the scenario file."""
    ref = scenario.profile
    if not _looks_like_path(ref):
        return load_profile(ref)
    path = (Path(scenario.file).parent / ref).resolve()
    try:
        st = path.stat()
    except OSError:
        raise InputError(
            "profile", ref, f"a profile name or an existing file (looked for {path})"
        ) from None
    key = (str(path), st.st_mtime_ns, st.st_size)
    if key not in _path_cache:
        _path_cache[key] = load_profile(path)
    return _path_cache[key]


def _run(s: Scenario, prof: JurisdictionProfile) -> tuple[Any, tuple[str | Notice, ...]]:
    g = s.given
    form = g.form
    if form == "process":
        assert g.process is not None
        st = replay(
            prof, g.process, g.events or [], as_of=s.as_of, level=s.level, adopted=s.adopted
        )
        return st, st.warnings
    if form == "access":
        assert g.resource is not None
        assert g.requester is not None
        d = decide_access(
            prof, g.resource, g.requester, as_of=s.as_of, level=s.level, adopted=s.adopted
        )
        return d, d.warnings
    if form == "rule":
        assert g.rule is not None
        r = prof.rule(g.rule, as_of=s.as_of, level=s.level, adopted=s.adopted)
        return r, r.warnings
    assert g.deadline is not None
    assert g.start is not None
    dl = prof.deadline(g.deadline, g.start, level=s.level, as_of=s.as_of, adopted=s.adopted)
    return dl, dl.warnings


def _check(s: Scenario, prof: JurisdictionProfile, actual: Any) -> list[Mismatch]:
    e = s.expect
    if isinstance(e, ProcessExpect):
        return _check_process(_Ctx(s, prof), e, actual)
    if isinstance(e, AccessExpect):
        return _check_access(e, actual)
    if isinstance(e, RuleExpect):
        return _check_rule(e, actual)
    assert isinstance(e, DeadlineExpect)
    return _check_deadline(e, actual)


def _error_text(s: Scenario, exc: GovshareError) -> str:
    text = f"{type(exc).__name__}: {exc}"
    if isinstance(exc, EventLogError) and 0 <= exc.index < len(s.event_lines):
        line = s.event_lines[exc.index]
        if line is not None:
            text += f" ({s.file}:{line})"
    return text


def run_scenario(scenario: Scenario) -> ScenarioResult:
    """Run one scenario and compare what the rules give with what it expects.

    A profile that cannot be loaded, or a process the profile does not have, is an
    ``error`` outcome naming the scenario (unless the scenario expects that very error). An
    error raised by the rules that the scenario does not expect is a mismatch at ``error``.

    Args:
        scenario: from :func:`load_scenarios`.

    Returns:
        The result: ``pass``, ``fail`` with the mismatches, or ``error``.
    """
    start = time.perf_counter()
    s = scenario

    def done(
        outcome: Literal["pass", "fail", "error"],
        mismatches: Iterable[Mismatch] = (),
        error: str | None = None,
        warnings: tuple[str | Notice, ...] = (),
    ) -> ScenarioResult:
        return ScenarioResult(
            scenario=s.id,
            file=s.file,
            line=s.line,
            profile=s.profile,
            outcome=outcome,
            mismatches=tuple(mismatches),
            error=error,
            seconds=time.perf_counter() - start,
            warnings=warnings,
        )

    def broken(why: str, line: int | None) -> ScenarioResult:
        where = s.file if line is None else f"{s.file}:{line}"
        return done("error", error=f"{where}: scenario {s.id!r}: {why}")

    try:
        prof = _profile(s)
    except GovshareError as exc:
        return broken(f"profile {s.profile!r} cannot be used: {exc}", s.profile_line or s.line)
    expect = s.expect
    process = s.given.process
    if (
        process is not None
        and process not in prof.model.processes
        and not isinstance(expect, ErrorExpect)
    ):
        known = ", ".join(prof.model.processes) or "none"
        return broken(f"{prof.id} has no process {process!r} (it has: {known})", s.line)
    try:
        actual, warnings = _run(s, prof)
    except GovshareError as exc:
        if not isinstance(expect, ErrorExpect):
            return done("fail", [Mismatch("error", _NO_ERROR, _error_text(s, exc))])
        out: list[Mismatch] = []
        if not isinstance(exc, _error_classes()[expect.error]):
            out.append(Mismatch("error", expect.error, _error_text(s, exc)))
        if expect.message is not None and expect.message not in str(exc):
            out.append(Mismatch("message", expect.message, str(exc)))
        return done("fail" if out else "pass", out)
    if isinstance(expect, ErrorExpect):
        return done("fail", [Mismatch("error", expect.error, _NO_ERROR)], warnings=warnings)
    mismatches = _check(s, prof, actual)
    return done("fail" if mismatches else "pass", mismatches, warnings=warnings)


def _skipped_dir(name: str) -> bool:
    return any(fnmatch(name, p) for p in _SKIP_DIRS)


def find_scenario_files(
    paths: Iterable[str | Path], *, pattern: str = DEFAULT_PATTERN
) -> list[Path]:
    """The scenario files at ``paths``: files as given, directories searched recursively.

    Hidden directories and ``build``, ``dist``, ``venv``, ``node_modules`` are not searched.

    Args:
        paths: files and directories.
        pattern: the file-name pattern searched for in directories.

    Returns:
        The files, each directory's in sorted order, without repeats.

    Raises:
        InputError: a path that does not exist.
    """
    found: dict[Path, None] = {}
    for p in map(Path, paths):
        if p.is_file():
            found[p] = None
        elif p.is_dir():
            for f in sorted(p.rglob(pattern)):
                rel = f.relative_to(p).parts[:-1]
                if f.is_file() and not any(_skipped_dir(part) for part in rel):
                    found[f] = None
        else:
            raise InputError("path", str(p), "an existing scenario file or directory")
    return list(found)


def run_paths(
    paths: Iterable[str | Path], *, pattern: str = DEFAULT_PATTERN
) -> list[ScenarioResult]:
    """Run every scenario in the files at ``paths`` (directories searched recursively).

    An invalid file gives one ``error`` result (named after the file) listing its problems
    with their lines; the other files still run.

    Args:
        paths: scenario files and directories.
        pattern: the file-name pattern searched for in directories.

    Returns:
        One result per scenario and profile, file by file.

    Raises:
        InputError: a path that does not exist.
    """
    results: list[ScenarioResult] = []
    for f in find_scenario_files(paths, pattern=pattern):
        try:
            scenarios = load_scenarios(f)
        except DataFileError as exc:
            results.append(
                ScenarioResult(
                    scenario=f.name,
                    file=str(f),
                    line=exc.line,
                    profile=None,
                    outcome="error",
                    error=exc.details(),
                )
            )
            continue
        results.extend(run_scenario(s) for s in scenarios)
    return results
