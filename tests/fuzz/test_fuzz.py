"""Structured fuzzing of every input kind, through the Python API and the command line.

Each example takes one bundled input (a profile, a patch, an event log, a request, a
scenario file, a department file, a calendar arrangement or overlay), mutates its parsed
structure (replace a node with a hostile value, drop or add a key, change a type) or its raw
text (cut it, insert a character), and feeds the result to govshare. Whatever the input:

- only the library's typed errors escape (GovshareError subclasses), each with a location
  (the file and line, the field, the event's index, or the date);
- on the command line, a refused input exits non-zero with one ``error:`` line on stderr
  and no traceback;
- no example runs longer than ``SECONDS``, and the process's peak memory grows by less than
  ``PEAK_MB`` over the run.

The bounded run is part of the default test command (a fixed, derandomized budget; see
docs/reliability.md). ``pytest -m fuzz tests/fuzz`` runs the long, random version before a
release; ``GOVSHARE_FUZZ_EXAMPLES`` sets its budget per test.
"""

from __future__ import annotations

import contextlib
import copy
import io
import os
import re
import resource
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govshare._kernel.yamlio import parse_yaml
from govshare.access import decide_access, load_access_request
from govshare.calendar import get_calendar, load_arrangement, load_overlay, reset
from govshare.cli.app import main
from govshare.errors import (
    CalendarRangeError,
    DataFileError,
    GovshareError,
    InputError,
    MissingDependencyError,
)
from govshare.features.compare import compare_rules, load_patches
from govshare.features.scenarios import run_file
from govshare.features.selfcheck import check_department
from govshare.processes import EventLogError, replay_file
from govshare.profiles import load_profile
from govshare.render.registry import render

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "docs" / "examples"
SECONDS = 10.0
PEAK_MB = 600

#: The bounded run (default test command): few examples, the same ones every time.
BOUNDED = settings(
    max_examples=int(os.environ.get("GOVSHARE_FUZZ_BOUNDED", "100")),
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
#: The long run (``pytest -m fuzz``): random, as many examples as GOVSHARE_FUZZ_EXAMPLES.
LONG = settings(
    max_examples=int(os.environ.get("GOVSHARE_FUZZ_EXAMPLES", "400")),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# -- the inputs ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    """One kind of input: its seed file, the file name to write a mutant as, the API call
    that reads and uses it, and the command lines that do."""

    name: str
    seed: Path
    filename: str
    api: Callable[[Path], object]
    cli: tuple[tuple[str, ...], ...]  # "{}" stands for the mutant's path


def _profile(path: Path) -> object:
    prof = load_profile(path)
    result = compare_rules([prof], as_of="2026-11-23")
    return render(result, "table", lang="zh")


def _patch(path: Path) -> object:
    patches = load_patches([path])
    return compare_rules([p.baseline for p in patches], as_of="2026-11-23", patches=patches)


def _log(path: Path) -> object:
    return replay_file(load_profile("hubei"), path)


def _request(path: Path) -> object:
    req = load_access_request(path)
    return decide_access(
        load_profile("hubei"),
        req.resource,
        req.requester,
        as_of=req.as_of,
        level=req.level,
        adopted=req.adopted,
    )


def _scenario(path: Path) -> object:
    return run_file(path)


def _department(path: Path) -> object:
    return check_department("shanxi_std", path, serves="xinzhou", as_of="2026-09-30")


def _arrangement(path: Path) -> object:
    try:
        load_arrangement(path)
        return get_calendar().add_working_days("2026-09-30", 5)
    finally:
        reset()


def _overlay(path: Path) -> object:
    try:
        overlay = load_overlay(path)
        return get_calendar(overlay.region).add_working_days("2026-04-15", 3)
    finally:
        reset()


CAL = ROOT / "src" / "govshare" / "calendar" / "data"
KINDS = (
    Kind(
        "profile",
        ROOT / "profiles" / "xinzhou.yaml",
        "fuzz.yaml",
        _profile,
        (("show", "{}"), ("compare", "{}", "--as-of", "2026-11-23", "--format", "md")),
    ),
    Kind(
        "patch",
        EXAMPLES / "xinzhou-3-days.patch.yaml",
        "fuzz.patch.yaml",
        _patch,
        (("compare", "xinzhou", "--as-of", "2026-11-23", "--patch", "{}"),),
    ),
    Kind(
        "log",
        EXAMPLES / "no-reply.log.yaml",
        "fuzz.log.yaml",
        _log,
        (("replay", "hubei", "{}"), ("compare", "hubei", "xinzhou", "--scenario", "{}")),
    ),
    Kind(
        "request",
        EXAMPLES / "dedicated.request.yaml",
        "fuzz.request.yaml",
        _request,
        (("decide", "hubei", "{}"),),
    ),
    Kind(
        "scenario",
        ROOT / "tests" / "scenarios" / "hubei" / "quality_correction.govshare.yaml",
        "fuzz.govshare.yaml",
        _scenario,
        (("test", "{}"),),
    ),
    Kind(
        "department",
        EXAMPLES / "department.yaml",
        "fuzz.department.yaml",
        _department,
        (("check", "shanxi_std", "{}", "--serves", "xinzhou", "--as-of", "2026-09-30"),),
    ),
    Kind(
        "arrangement",
        CAL / "national" / "2026.yaml",
        "fuzz.arrangement.yaml",
        _arrangement,
        (),
    ),
    Kind("overlay", CAL / "regions" / "guangxi.yaml", "fuzz.overlay.yaml", _overlay, ()),
)
BY_NAME = {k.name: k for k in KINDS}
CLI_KINDS = [k.name for k in KINDS if k.cli]

# -- mutations -----------------------------------------------------------------------------

HOSTILE: tuple[Any, ...] = (
    None,
    True,
    False,
    0,
    -1,
    2**63,
    10**40,
    1.5,
    1790000000,
    "",
    " ",
    "\t",
    "no",
    "否",
    "\x1b[31m红\x1b[0m",
    "a\x00b",
    "a\rb\nc",
    "=cmd|' /C calc'!A0",
    "<img src=x onerror=alert(1)>",
    "9999-12-31",
    "0001-01-01",
    "2026-02-30",
    "2026-09-30T10:00+14:00",
    "9999-12-31T23:59:59-12:00",
    "x" * 5000,
    "中" * 2000,
    [],
    {},
    ["x"],
    {"x": 1},
    [None],
    {"from": "0001-01-01", "to": "9999-12-31"},
)
_CHARS = ("\x00", "\x1b", "\x7f", "\r", "\n", ":", "-", "[", "{", "'", '"', "&", "*", "!", "#")


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, (*prefix, i))


def _get(node: Any, path: tuple[Any, ...]) -> Any:
    for p in path:
        node = node[p]
    return node


@st.composite
def _mutant(draw: st.DrawFn, kind: Kind) -> str:
    """The seed's text, mutated structurally (mostly) or as raw text."""
    text = kind.seed.read_text("utf-8")
    if draw(st.integers(0, 4)) == 0:  # raw text: cut it, or insert characters
        at = draw(st.integers(0, len(text)))
        if draw(st.booleans()):
            return text[:at]
        return text[:at] + draw(st.sampled_from(_CHARS)) * draw(st.integers(1, 3)) + text[at:]
    data = parse_yaml(text, kind.filename).data
    # Values are deep-copied in: a shared (aliased) value mutated later could become a cycle.
    hostile = st.sampled_from(HOSTILE).map(copy.deepcopy)
    for _ in range(draw(st.integers(1, 3))):
        paths = list(_paths(data))
        path = draw(st.sampled_from(paths[1:] or paths))
        op = draw(st.sampled_from(("replace", "replace", "replace", "drop", "add", "wrap")))
        parent = _get(data, path[:-1]) if path else None
        if op == "replace" and path:
            parent[path[-1]] = draw(hostile)
        elif op == "drop" and path:
            del parent[path[-1]]
        elif op == "add":
            target = _get(data, path)
            if isinstance(target, dict):
                key = draw(st.sampled_from(("extra", "at", "value", "from", "to", "n")))
                target[key] = draw(hostile)
            elif isinstance(target, list):
                pool = [*target, *HOSTILE[:6]]
                target.append(copy.deepcopy(draw(st.sampled_from(pool))))
        elif op == "wrap" and path:
            parent[path[-1]] = [parent[path[-1]]]
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


# -- the checks ----------------------------------------------------------------------------

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _located(exc: GovshareError, path: Path) -> bool:
    """Whether the error says where: the file, the field, the event, the date or the rule."""
    checks: tuple[tuple[type[GovshareError], Callable[[Any], bool]], ...] = (
        (DataFileError, lambda e: bool(e.file)),
        (InputError, lambda e: bool(e.field)),
        (EventLogError, lambda e: e.index >= 0),
        (CalendarRangeError, lambda e: bool(_DATE.search(str(e)))),
        (MissingDependencyError, lambda e: True),
    )
    for kind, check in checks:
        if isinstance(exc, kind):
            return check(exc)
    return bool(getattr(exc, "key", None)) or path.name in str(exc)


@contextlib.contextmanager
def _bounded() -> Iterator[None]:
    started = time.perf_counter()
    yield
    took = time.perf_counter() - started
    assert took < SECONDS, f"an example took {took:.1f} s"


_PEAK0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _check_memory() -> None:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB on Linux
    grown = (peak - _PEAK0) * 1024 / scale / 1024
    assert grown < PEAK_MB, f"peak memory grew by {grown:.0f} MB"


_WORK = Path(tempfile.mkdtemp(prefix="govshare-fuzz-"))
#: Commands whose non-zero exit may be a verdict (failing scenarios, unmet items).
VERDICTS = ("test", "check")


def _write(kind: Kind, text: str) -> Path:
    path = _WORK / kind.filename
    path.write_text(text, "utf-8")
    return path


#: The YAML loader's own defences (raw control characters, deep nesting, huge integers:
#: issue 14, item 4) are being hardened on another branch. Until that lands, an untyped
#: exception raised inside the loader (_kernel/yamlio.py or PyYAML beneath it) is tolerated
#: here; set this to False once it is merged, and the fuzz run checks the loader too.
LOADER_FIXES_PENDING = False


def _in_loader(exc: BaseException) -> bool:
    tb = exc.__traceback__
    files = []
    while tb is not None:
        files.append(tb.tb_frame.f_code.co_filename.replace(os.sep, "/"))
        tb = tb.tb_next
    return any(f.endswith("govshare/_kernel/yamlio.py") for f in files)


def _api(kind: Kind, text: str) -> None:
    path = _write(kind, text)
    refused: GovshareError | None = None
    outcome = "ok"
    with _bounded():
        try:
            kind.api(path)
        except GovshareError as exc:
            refused, outcome = exc, type(exc).__name__
        except Exception as exc:
            if not (LOADER_FIXES_PENDING and _in_loader(exc)):
                raise
            outcome = f"{type(exc).__name__} in the loader (pending)"
    OUTCOMES[kind.name, outcome] += 1
    if refused is not None:
        assert str(refused), f"{type(refused).__name__} with no message"
        assert _located(refused, path), f"{type(refused).__name__} says not where: {refused}"
    _check_memory()


def _cli(kind: Kind, text: str, argv: tuple[str, ...]) -> None:
    path = _write(kind, text)
    args = [str(path) if a == "{}" else a for a in argv]
    out, err = io.StringIO(), io.StringIO()
    with _bounded(), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = main(args)
        except Exception as exc:
            if not (LOADER_FIXES_PENDING and _in_loader(exc)):
                raise
            return
    errors = err.getvalue()
    assert "Traceback" not in errors
    lines = errors.splitlines()
    # `test` and `check` exit 1 for a failing verdict, reported on stdout with no error.
    if status != 0 and (lines or argv[0] not in VERDICTS):
        assert len(lines) == 1, f"{args}: {errors}"
        assert lines[0].startswith("error: "), lines[0]
    _check_memory()


def _api_example(name: str, data: st.DataObject) -> None:
    kind = BY_NAME[name]
    _api(kind, data.draw(_mutant(kind)))


def _cli_example(name: str, data: st.DataObject) -> None:
    kind = BY_NAME[name]
    text = data.draw(_mutant(kind))
    _cli(kind, text, data.draw(st.sampled_from(kind.cli)))


#: How each API example ended, by input kind: accepted ("ok") or the error's type.
OUTCOMES: Counter[tuple[str, str]] = Counter()


@pytest.fixture(scope="module", autouse=True)
def _report() -> Iterator[None]:
    """With GOVSHARE_FUZZ_REPORT=FILE, write the outcomes there (for docs/reliability.md)."""
    yield
    target = os.environ.get("GOVSHARE_FUZZ_REPORT")
    if target:
        lines = [f"{k}\t{o}\t{n}" for (k, o), n in sorted(OUTCOMES.items())]
        Path(target).write_text("\n".join(lines) + "\n", "utf-8")


# -- the bounded run (default) -------------------------------------------------------------


@pytest.mark.parametrize("name", [k.name for k in KINDS])
@BOUNDED
@given(data=st.data())
def test_api(name: str, data: st.DataObject) -> None:
    _api_example(name, data)


@pytest.mark.parametrize("name", CLI_KINDS)
@settings(BOUNDED, max_examples=max(1, BOUNDED.max_examples // 2))
@given(data=st.data())
def test_cli(name: str, data: st.DataObject) -> None:
    _cli_example(name, data)


def test_seeds_are_valid() -> None:
    """The unmutated seeds load without error (else the mutations test little)."""
    for kind in KINDS:
        kind.api(kind.seed)


# -- the long run (pytest -m fuzz) ---------------------------------------------------------


@pytest.mark.fuzz
@pytest.mark.parametrize("name", [k.name for k in KINDS])
@LONG
@given(data=st.data())
def test_api_long(name: str, data: st.DataObject) -> None:
    _api_example(name, data)


@pytest.mark.fuzz
@pytest.mark.parametrize("name", CLI_KINDS)
@settings(LONG, max_examples=max(1, LONG.max_examples // 4))
@given(data=st.data())
def test_cli_long(name: str, data: st.DataObject) -> None:
    _cli_example(name, data)
