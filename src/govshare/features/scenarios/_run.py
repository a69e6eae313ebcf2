"""Running scenarios against the library, giving typed results.

:func:`run_scenario` runs one :class:`~govshare.features.scenarios.Scenario` (a replay, an
access decision, a rule lookup or a deadline) and compares the outcome with what it
expects, giving a :class:`ScenarioResult`: ``pass``, ``fail`` with the
:class:`~govshare.features.scenarios.Mismatch` of each expectation that does not hold, or
``error`` with a :class:`ScenarioProblem` saying why it could not run. :func:`run_paths`
runs every file found under paths; a file that cannot be read is one ``error`` result and
the other files still run. Nothing here words a result for people: the renderers in
:mod:`govshare.render.scenarios` do.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import computed_field

from govshare._kernel.messages import Notice
from govshare.access import decide_access
from govshare.errors import DataFileError, DataIssue, GovshareError, InputError
from govshare.features.scenarios._format import (
    DEFAULT_PATTERN,
    ErrorExpect,
    Scenario,
    error_classes,
    find_scenario_files,
    load_scenarios,
)
from govshare.features.scenarios._match import NO_ERROR, Mismatch, check
from govshare.processes import EventLogError, replay
from govshare.profiles import JurisdictionProfile, load_profile

__all__ = [
    "Outcome",
    "ProblemKind",
    "ScenarioProblem",
    "ScenarioResult",
    "ScenarioResults",
    "file_problem",
    "run_file",
    "run_paths",
    "run_scenario",
]

Outcome = Literal["pass", "fail", "error"]

#: Why a scenario (or a file) could not run: ``invalid_file`` (the file is not a valid
#: scenario file: ``issues`` lists each problem), ``profile`` (its profile cannot be found
#: or loaded), ``no_process`` (the profile has no such process), ``crash`` (an unexpected
#: error of govshare itself, reported instead of stopping the run).
ProblemKind = Literal["invalid_file", "profile", "no_process", "crash"]


@dataclass(frozen=True, kw_only=True)
class ScenarioProblem:
    """Why a scenario or a scenario file could not run.

    Attributes:
        kind: see :data:`ProblemKind`.
        file: the scenario file.
        line: the line involved (the profile's line, the scenario's, the first bad line).
        subject: what could not be used: the profile as written, or the process.
        error: the class name of the error raised, if one was.
        detail: the error's own message, if one was raised.
        known: for ``no_process``, the processes the profile has.
        issues: for ``invalid_file``, every problem of the file with its line and field.
    """

    kind: ProblemKind
    file: str
    line: int | None
    subject: str | None = None
    error: str | None = None
    detail: str | None = None
    known: tuple[str, ...] = ()
    issues: tuple[DataIssue, ...] = ()

    @computed_field  # type: ignore[prop-decorator]
    @property
    def where(self) -> str:
        """``file:line``."""
        return self.file if self.line is None else f"{self.file}:{self.line}"


@dataclass(frozen=True, kw_only=True)
class ScenarioResult:
    """The outcome of one scenario for one profile.

    Attributes:
        scenario: the scenario's id (its name, ``[profile]`` appended when it compares
            profiles); for a file that could not be read, the file's name.
        file: the scenario file.
        line: the scenario's line (or the invalid file's first bad line).
        profile: the profile as written, or None for an invalid file.
        outcome: ``pass``, ``fail`` (mismatches) or ``error`` (``problem`` says why).
        mismatches: each expectation that does not hold.
        problem: why the scenario could not run, for an ``error`` outcome.
        seconds: how long it took.
        warnings: the warnings of the result (e.g. a trial document).
    """

    scenario: str
    file: str
    line: int | None
    profile: str | None
    outcome: Outcome
    mismatches: tuple[Mismatch, ...] = ()
    problem: ScenarioProblem | None = None
    seconds: float = 0.0
    warnings: tuple[str | Notice, ...] = ()

    @computed_field  # type: ignore[prop-decorator]
    @property
    def passed(self) -> bool:
        """True when everything matched."""
        return self.outcome == "pass"

    @computed_field  # type: ignore[prop-decorator]
    @property
    def where(self) -> str:
        """``file:line``."""
        return self.file if self.line is None else f"{self.file}:{self.line}"


@dataclass(frozen=True, kw_only=True)
class ScenarioResults:
    """The results of a run of scenario files (``govshare test``), in file order."""

    results: tuple[ScenarioResult, ...]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def counts(self) -> dict[Outcome, int]:
        """How many scenarios passed, failed and could not run."""
        outcomes: tuple[Outcome, ...] = ("pass", "fail", "error")
        return {k: sum(r.outcome == k for r in self.results) for k in outcomes}

    @computed_field  # type: ignore[prop-decorator]
    @property
    def passed(self) -> bool:
        """True when every scenario passed."""
        return all(r.passed for r in self.results)


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
    as_of, level, adopted = s.as_of, s.level, s.adopted
    if g.process is not None:
        st = replay(prof, g.process, g.events or [], as_of=as_of, level=level, adopted=adopted)
        return st, tuple(st.warnings)
    if g.requester is not None and g.resource is not None:
        d = decide_access(prof, g.resource, g.requester, as_of=as_of, level=level, adopted=adopted)
        return d, tuple(d.warnings)
    if g.rule is not None:
        r = prof.rule(g.rule, as_of=as_of, level=level, adopted=adopted)
        return r, tuple(r.warnings)
    # the format guarantees the deadline form here (deadline and start both given)
    assert g.deadline is not None
    assert g.start is not None
    dl = prof.deadline(g.deadline, g.start, level=level, as_of=as_of, adopted=adopted)
    return dl, tuple(dl.warnings)


def _error_text(s: Scenario, exc: GovshareError) -> str:
    """The error as data: its class, its message, and the event's line for a log error."""
    text = f"{type(exc).__name__}: {exc}"
    if isinstance(exc, EventLogError) and 0 <= exc.index < len(s.event_lines):
        line = s.event_lines[exc.index]
        if line is not None:
            text += f" ({s.file}:{line})"
    return text


def _errors(s: Scenario, expect: ErrorExpect | None, exc: GovshareError) -> list[Mismatch]:
    """The mismatches of an error raised by the rules."""
    if expect is None:
        return [
            Mismatch(
                path="error", expected=NO_ERROR, actual=_error_text(s, exc), kind="unexpected_error"
            )
        ]
    out: list[Mismatch] = []
    if not isinstance(exc, error_classes()[expect.error]):
        out.append(Mismatch(path="error", expected=expect.error, actual=_error_text(s, exc)))
    if expect.message is not None and expect.message not in str(exc):
        out.append(Mismatch(path="message", expected=expect.message, actual=str(exc)))
    return out


def run_scenario(scenario: Scenario) -> ScenarioResult:
    """Run one scenario and compare what the rules give with what it expects.

    A profile that cannot be loaded, or a process the profile does not have, is an
    ``error`` outcome naming the scenario (unless the scenario expects that very error). An
    error raised by the rules that the scenario does not expect is a mismatch at ``error``;
    any other exception is an ``error`` outcome of kind ``crash``, so one scenario never
    stops a run.

    Args:
        scenario: from :func:`~govshare.features.scenarios.load_scenarios`.

    Returns:
        The result: ``pass``, ``fail`` with the mismatches, or ``error``.
    """
    start = time.perf_counter()
    s = scenario

    def done(
        outcome: Outcome,
        mismatches: Iterable[Mismatch] = (),
        problem: ScenarioProblem | None = None,
        warnings: tuple[str | Notice, ...] = (),
    ) -> ScenarioResult:
        return ScenarioResult(
            scenario=s.id,
            file=s.file,
            line=s.line,
            profile=s.profile,
            outcome=outcome,
            mismatches=tuple(mismatches),
            problem=problem,
            seconds=time.perf_counter() - start,
            warnings=warnings,
        )

    expect = s.expect if isinstance(s.expect, ErrorExpect) else None
    try:
        prof = _profile(s)
    except GovshareError as exc:
        problem = ScenarioProblem(
            kind="profile",
            file=s.file,
            line=s.profile_line or s.line,
            subject=s.profile,
            error=type(exc).__name__,
            detail=str(exc),
        )
        return done("error", problem=problem)
    process = s.given.process
    if process is not None and process not in prof.model.processes and expect is None:
        problem = ScenarioProblem(
            kind="no_process",
            file=s.file,
            line=s.line,
            subject=process,
            known=tuple(prof.model.processes),
        )
        return done("error", problem=problem)
    try:
        try:
            actual, warnings = _run(s, prof)
        except GovshareError as exc:
            out = _errors(s, expect, exc)
            return done("fail" if out else "pass", out)
        if expect is not None:
            none = Mismatch(path="error", expected=expect.error, actual=NO_ERROR, kind="no_error")
            return done("fail", [none], warnings=warnings)
        mismatches = check(s, prof, actual)
    except Exception as exc:
        return done("error", problem=_crash(s.file, s.line, exc))
    return done("fail" if mismatches else "pass", mismatches, warnings=warnings)


def _crash(file: str, line: int | None, exc: Exception) -> ScenarioProblem:
    return ScenarioProblem(
        kind="crash", file=file, line=line, error=type(exc).__name__, detail=str(exc)
    )


def file_problem(path: str | Path, exc: Exception) -> ScenarioResult:
    """The ``error`` result standing for a scenario file that cannot be loaded.

    Args:
        path: the file.
        exc: what loading it raised: a :class:`DataFileError` (its issues, each with its
            line) or any other exception (a ``crash``).

    Returns:
        One result named after the file, at the first bad line.
    """
    file = str(path)
    if isinstance(exc, DataFileError):
        problem = ScenarioProblem(
            kind="invalid_file", file=file, line=exc.line, issues=tuple(exc.issues)
        )
    else:
        problem = _crash(file, None, exc)
    return ScenarioResult(
        scenario=Path(path).name,
        file=file,
        line=problem.line,
        profile=None,
        outcome="error",
        problem=problem,
    )


def run_file(path: str | Path) -> list[ScenarioResult]:
    """Run every scenario of one file; a file that cannot be loaded is one ``error``."""
    try:
        scenarios = load_scenarios(path)
    except Exception as exc:
        return [file_problem(path, exc)]
    return [run_scenario(s) for s in scenarios]


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
        results.extend(run_file(f))
    return results
