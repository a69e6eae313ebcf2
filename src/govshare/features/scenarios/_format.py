"""The scenario file format ``govshare-scenario/1``: its models and its strict loader.

A scenario file (``*.govshare.yaml``) holds one or more scenarios. Each names a profile (or
several, to compare jurisdictions), a level and a date (``as_of``), gives what happened (an
event log), a request (a resource and a requester), a rule key or a deadline, and says what
the rules must give. The format is described for non-programmers in docs/scenarios.md.

:func:`load_scenarios` reads a file strictly (unknown keys, wrong types and values written
as ``null`` where a value is needed are errors naming file, line and field) into runnable
:class:`Scenario` objects, one per scenario and profile; :func:`find_scenario_files` finds
the files under paths.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path
from typing import Annotated, Any, Literal, TypeAlias, TypeVar

from pydantic import (
    BaseModel,
    BeforeValidator,
    Field,
    PlainValidator,
    field_validator,
    model_validator,
)

from govshare._kernel.dates import to_datetime
from govshare._kernel.model import STRICT, Level
from govshare._kernel.yamlio import LoadedYaml, load_yaml, parse_yaml, validate_model
from govshare.access import Resource
from govshare.errors import DataFileError, DataIssue, GovshareError, InputError
from govshare.processes import Event
from govshare.profiles import RULE_KEYS

__all__ = [
    "DEFAULT_PATTERN",
    "AccessExpect",
    "DeadlineExpect",
    "ErrorExpect",
    "Expectation",
    "Given",
    "LayerExpect",
    "ProcessExpect",
    "RuleExpect",
    "Scenario",
    "error_classes",
    "find_scenario_files",
    "load_scenarios",
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


def _not_null(hint: str) -> BeforeValidator:
    """Refuse an explicit ``null`` (a key left out keeps its default)."""

    def check(value: object) -> object:
        if value is None:
            raise ValueError(f"null is not allowed here: {hint}, or leave the key out")
        return value

    return BeforeValidator(check)


#: ``cite``: the article (``第十四条(二)``), part of the short citation or a document id.
_Cite = Annotated[str | None, _not_null("write the article cited, e.g. 第十四条(二)")]


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
    cite: _Cite = None


class FiredExpect(_Item):
    """A deadline that passed (``fired``)."""

    kind: Literal["deemed_consent", "overdue"] | None = None
    actor: str | None = None
    party: str | None = None
    rule: str | None = None
    due: When | None = None
    at: When | None = None
    cite: _Cite = None


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
    cite: _Cite = None


class FindingExpect(_Item):
    """A warning about a discouraged act (``findings`` of a replay)."""

    rule: str | None = None
    event_index: Annotated[int, Field(ge=0)] | None = None
    cite: _Cite = None


class NotBeforeExpect(_Item):
    """An act not allowed before a day (``not_before``)."""

    event: str | None = None
    earliest: When | None = None
    rule: str | None = None
    cite: _Cite = None


class ReviewerExpect(_Item):
    """A reviewer of an access decision."""

    name: str | None = None
    role: Literal["provider", "delegate", "joint", "lead"] | None = None


class StepExpect(_Item):
    """A step of an access decision's review chain."""

    actor: str | None = None
    period: str | None = None
    due: When | None = None
    cite: _Cite = None


class EscalationExpect(_Item):
    """A step open to the requester after a refusal."""

    actor: str | None = None
    cite: _Cite = None


class AccessFindingExpect(_Item):
    """A finding of an access decision against a party."""

    against: str | None = None
    cite: _Cite = None


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
    cite: _Cite = None
    doc: str | None = None


class LayerExpect(_Item):
    """Another layer's time limit beside the binding one (a ceiling or a conflict)."""

    profile: str | None = None
    due: When | None = None
    extension_due: When | None = None
    cite: _Cite = None


class DeadlineExpect(_Expect):
    """What a deadline must give: the binding due day and, where the profile sits under
    another layer, the ceilings (upper limits ending later), the conflicts (nearer limits
    ending later that the upper one overrides) and the codes of the readings applied."""

    due: When | None = None
    end_instant: When | None = None
    period: str | None = None
    cite: _Cite = None
    doc: str | None = None
    ceilings: list[LayerExpect] | None = None
    conflicts: list[LayerExpect] | None = None
    readings: list[_Text] | None = None


def error_classes() -> dict[str, type[GovshareError]]:
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
        known = error_classes()
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

    process: Annotated[
        Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")] | None,
        _not_null("write a process id, e.g. conditional_application"),
    ] = None
    events: Annotated[list[Event] | None, _not_null("write a list of events ([] for none)")] = None
    requester: Annotated[_Text | None, _not_null("write the requesting department")] = None
    resource: Annotated[Resource | None, _not_null("write the resource requested")] = None
    rule: Annotated[str | None, _not_null("write a rule key")] = None
    deadline: Annotated[str | None, _not_null("write a rule key")] = None
    start: Annotated[When | None, _not_null(f"write {_WHEN_EXPECTED}")] = None

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
    profile: Annotated[_Text | None, _not_null("write a profile name or path")] = None
    profiles: Annotated[
        Annotated[list[_Text], Field(min_length=1)] | None,
        _not_null("write a list of profile names"),
    ] = None
    level: Annotated[Level | None, _not_null("write provincial, prefectural or county")] = None
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


@dataclass(frozen=True, kw_only=True)
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
