"""Where users wait: start-up of the CLI, rule lookups, deadlines and replay (issue 16).

Run from the repository root (about a minute):

    python bench/bench_profiles.py [--runs 7] [--quick]

Cold figures are whole processes (``subprocess``), min and median of ``--runs`` runs,
beside two floors: ``python -c pass`` and ``python -c "import pydantic, yaml"``:

- ``govshare --help``
- ``govshare deadline hubei share.conditional.provider_reply --start 2026-09-30 --level
  provincial``
- ``govshare compare hubei xinzhou liuzhou``
- ``govshare test tests/scenarios``

Warm figures are measured in this process, as ratios where the issue sets a goal:

- ``profile.deadline`` against ``chinese_calendar.find_workday`` on the same starts;
- replay of realistic cases (the logs in docs/examples) in cases/s;
- a whole replay of docs/examples/no-reply.log.yaml against one
  ``chinese_calendar.find_workday(5, d)`` call on its start day;
- the 10,000-reviewer joint review (seconds, and peak memory traced).

It prints PASS or FAIL per goal and exits 1 if any fails. Timing is not part of the test
suite; docs/performance.md records a run and the machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import platform
import random
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import chinese_calendar

import govshare
from govshare.processes import Event, load_event_log, replay

ROOT = Path(__file__).resolve().parents[1]
KEY = "share.conditional.provider_reply"

# Goals of issue 16: cold whole-process medians (ms), warm ratios and rates.
COLD_GOALS_MS = {
    "govshare --help": 150.0,
    "govshare deadline hubei ... --level provincial": 250.0,
    "govshare compare hubei xinzhou liuzhou": 300.0,
    "govshare test tests/scenarios": 500.0,
}
GOAL_DEADLINE_RATIO = 100.0  # profile.deadline at least 100x faster than find_workday
GOAL_REPLAY_RATE = 50_000.0  # realistic cases/s
GOAL_NO_REPLY_RATIO = 3.0  # a whole replay at least 3x faster than one find_workday(5, d)
GOAL_JOINT_SECONDS = 1.0  # 10,000 reviewers "well under a second"


def _govshare(*args: str) -> list[str]:
    """The installed ``govshare`` script beside this Python (a virtual environment's)."""
    script = Path(sys.executable).with_name("govshare")
    return [str(script) if script.exists() else "govshare", *args]


COLD: dict[str, list[str]] = {
    "python -c pass (floor)": [sys.executable, "-c", "pass"],
    "python -c 'import pydantic, yaml' (floor)": [sys.executable, "-c", "import pydantic, yaml"],
    "govshare --help": _govshare("--help"),
    "govshare deadline hubei ... --level provincial": _govshare(
        "deadline", "hubei", KEY, "--start", "2026-09-30", "--level", "provincial"
    ),
    "govshare compare hubei xinzhou liuzhou": _govshare("compare", "hubei", "xinzhou", "liuzhou"),
    "govshare test tests/scenarios": _govshare("test", "tests/scenarios"),
}


def _cold(cmd: Sequence[str], runs: int) -> tuple[float, float]:
    """Min and median wall time (ms) of ``runs`` runs of a whole process."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(cmd, cwd=ROOT, capture_output=True, check=False)
        times.append((time.perf_counter() - start) * 1e3)
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(cmd)} failed:\n{done.stderr.decode()[-2000:]}")
    return min(times), statistics.median(times)


def _loop(fn: Callable[[Any], object], items: Sequence[Any], repeats: int = 3) -> float:
    """Best over ``repeats`` of the mean time (s) per item of ``fn`` over ``items``."""
    best = float("inf")
    for _ in range(repeats):
        gc.collect()
        gc.disable()
        try:
            start = time.perf_counter()
            for x in items:
                fn(x)
            best = min(best, (time.perf_counter() - start) / len(items))
        finally:
            gc.enable()
    return best


def _per_call(fn: Callable[[], object], calls: int, repeats: int = 5) -> float:
    """Best over ``repeats`` of the mean time (s) of ``calls`` calls."""
    return _loop(lambda _: fn(), range(calls), repeats)


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def _machine() -> list[str]:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return [
        f"nproc: {os.cpu_count()}",
        f"CPU: {model}",
        f"Python: {platform.python_implementation()} {platform.python_version()}",
        f"govshare: {govshare.__version__ if hasattr(govshare, '__version__') else '?'}",
        f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}",
    ]


def main(argv: Sequence[str] | None = None) -> int:  # noqa: PLR0915 - one report, in order
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=7, help="runs per cold command")
    parser.add_argument("--starts", type=int, default=300, help="random starts for deadlines")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--quick", action="store_true", help="skip the cold figures")
    args = parser.parse_args(argv)
    failures = 0
    print("Machine:", *_machine(), sep="\n  ")

    if not args.quick:
        print("\nCold whole-process times (ms): min, median; goal on the median")
        for name, cmd in COLD.items():
            low, mid = _cold(cmd, args.runs)
            goal = COLD_GOALS_MS.get(name)
            line = f"  {name:<48} {low:8.1f} {mid:8.1f}"
            if goal is not None:
                ok = mid < goal
                failures += not ok
                line += f"   goal < {goal:.0f}: {_verdict(ok)}"
            print(line)

    hubei = govshare.load_profile("hubei")
    rng = random.Random(args.seed)
    # Hubei's rules are in force from 2021-10-19; the calendar data ends with 2026.
    first, last = dt.date(2022, 1, 1).toordinal(), dt.date(2026, 10, 31).toordinal()
    starts = [dt.date.fromordinal(rng.randint(first, last)) for _ in range(args.starts)]

    print("\nWarm, in one process")

    def ours(d: dt.date) -> object:
        return hubei.deadline(KEY, d, level="provincial")

    def theirs(d: dt.date) -> object:
        return chinese_calendar.find_workday(5, d)

    t_rule = _loop(lambda d: hubei.rule(KEY, as_of=d, level="provincial"), starts * 20)
    t_ours = _loop(ours, starts * 20)
    t_theirs = _loop(theirs, starts)
    ratio = t_theirs / t_ours
    ok = ratio >= GOAL_DEADLINE_RATIO
    failures += not ok
    print(f"  profile.rule                                {t_rule * 1e6:8.2f} us/call")
    print(f"  profile.deadline                            {t_ours * 1e6:8.2f} us/call")
    print(f"  chinese_calendar.find_workday(5, d)         {t_theirs * 1e6:8.2f} us/call")
    print(
        f"  deadline vs find_workday, same {len(starts)} starts   {ratio:8.1f}x"
        f"   goal >= {GOAL_DEADLINE_RATIO:.0f}x: {_verdict(ok)}"
    )

    logs = [load_event_log(ROOT / "docs" / "examples" / f) for f in ("no-reply.log.yaml",)]
    joint = load_event_log(ROOT / "docs" / "examples" / "joint-review.log.yaml")
    cases: list[tuple[str, list[Event], Any, str]] = [
        (log.process, list(log.events), log.as_of, log.level) for log in logs
    ]
    cases.append((joint.process, list(joint.events), "2026-10-20", joint.level))

    def one(case: tuple[str, list[Event], Any, str]) -> object:
        process, events, as_of, level = case
        return replay(hubei, process, events, as_of=as_of, level=level)

    t_case = _loop(one, cases * 500)
    rate = 1 / t_case
    ok = rate >= GOAL_REPLAY_RATE
    failures += not ok
    print(
        f"  replay, the docs/examples logs ({len(cases)} cases)   {rate:10,.0f} cases/s"
        f"   goal >= {GOAL_REPLAY_RATE:,.0f}: {_verdict(ok)}"
    )

    no_reply = cases[0]
    day = no_reply[1][0].instant.date()
    t_no_reply = _per_call(lambda: one(no_reply), 2000)
    t_find = _per_call(lambda: chinese_calendar.find_workday(5, day), 300)
    ratio = t_find / t_no_reply
    ok = ratio >= GOAL_NO_REPLY_RATIO
    failures += not ok
    print(f"  replay of no-reply.log.yaml                 {t_no_reply * 1e6:8.2f} us")
    print(f"  chinese_calendar.find_workday(5, {day})  {t_find * 1e6:8.2f} us")
    print(
        f"  find_workday / whole replay                 {ratio:8.2f}x"
        f"   goal >= {GOAL_NO_REPLY_RATIO:.0f}x: {_verdict(ok)}"
    )

    names = [f"部门{i}" for i in range(10_000)]
    events: list[dict[str, Any]] = [
        {"at": "2026-09-30T10:00", "type": "submit", "by": "省卫健委", "reviewers": names}
    ]
    events += [{"at": "2026-10-09T09:30", "type": "approve", "by": p} for p in names[:-1]]
    start = time.perf_counter()
    replay(hubei, "conditional_application", events, as_of="2026-10-20", level="provincial")
    seconds = time.perf_counter() - start
    tracemalloc.start()
    replay(hubei, "conditional_application", events, as_of="2026-10-20", level="provincial")
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    ok = seconds < GOAL_JOINT_SECONDS
    failures += not ok
    print(
        f"  joint review, 10,000 reviewers              {seconds:8.3f} s  {peak:6.1f} MiB peak"
        f"   goal < {GOAL_JOINT_SECONDS:.0f} s: {_verdict(ok)}"
    )
    print(f"\n{failures} goal(s) failed" if failures else "\nall goals met")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
