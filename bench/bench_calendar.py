"""Calendar benchmark: govshare's working-day arithmetic against the other Python sources.

Run from the repository root (takes about a minute and a half, one process):

    python bench/bench_calendar.py [--cases 100000] [--seed 0]

It draws random ``(start, n)`` cases, ``n`` in {5, 10}, and computes "the n-th working day
strictly after ``start``" (``WorkCalendar.add_working_days(start, n)``) with govshare and with

- ``chinese_calendar.find_workday(n, start)`` (chinesecalendar),
- ``holidays.China(...).get_nth_working_day(start, n)`` (holidays),
- ``workalendar.asia.China().add_working_days(start, n)`` (workalendar; 2018-2023 cases only),
- ``numpy.busday_offset`` configured to be exact, against ``add_working_days_array``.

It prints calls/s (elements/s for the vectorized pair) and the ratio govshare/other, checks
that every source agrees with govshare after correcting for its conventions (documented
wrong days excluded, and counted), prints PASS/FAIL per performance target and exits 1 if a
target fails or any unexplained mismatch is found. See docs/performance.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import platform
import sys
import time
import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

import chinese_calendar
import holidays
import numpy as np
from workalendar.asia import China as WorkalendarChina

from govshare.calendar import WorkCalendar, get_calendar

# Random starts: N working days after the last one is still inside 2026 (the data's end).
FIRST_START = dt.date(2005, 1, 1)
LAST_START = dt.date(2026, 10, 31)
# workalendar's China data is reliable for 2018-2023 only.
WA_FIRST_START = dt.date(2018, 1, 1)
WA_LAST_START = dt.date(2023, 10, 31)
N_CHOICES = (5, 10)
# The rest days numpy.busday_offset is given: every non-working day of this range.
REST_FIRST = dt.date(2004, 1, 1)
REST_LAST = dt.date(2026, 12, 31)

# Days each source is known to get wrong (checked against the official notices).
CC_WRONG = (dt.date(2005, 12, 31),)  # a make-up working day; chinese-calendar has it as rest
WA_WRONG = (dt.date(2020, 1, 31), dt.date(2020, 2, 1))  # rest days (the 2020 extension)

# Timing: slow sources are timed on the first K (random) cases; ratios are per call.
CC_TIMED = 3_000
HOLIDAYS_TIMED = 20_000
WA_TIMED = 20_000
SCALAR_REPEATS = 3  # best of
OURS_MIN_CALLS = 100_000  # govshare on a subset: repeat it to at least this many calls per run
VECTOR_RUNS = 5  # best of
VECTOR_CALLS_PER_RUN = 5

# Performance targets: govshare / other, per call or per element.
TARGET_CC = 300.0
TARGET_HOLIDAYS = 20.0
TARGET_NUMPY = 10.0

ScalarFn = Callable[[dt.date, int], dt.date]


@dataclass(frozen=True)
class Cases:
    """Random (start, n) cases."""

    dates: list[dt.date]
    ns: list[int]

    def __len__(self) -> int:
        return len(self.dates)

    def head(self, k: int) -> Cases:
        """The first ``k`` cases: a random subset, since the cases are drawn independently."""
        return Cases(self.dates[:k], self.ns[:k])

    def np_dates(self) -> np.ndarray[Any, np.dtype[np.datetime64]]:
        return np.array(self.dates, dtype="datetime64[D]")

    def np_ns(self) -> np.ndarray[Any, np.dtype[np.int64]]:
        return np.array(self.ns, dtype=np.int64)


def make_cases(rng: np.random.Generator, count: int, first: dt.date, last: dt.date) -> Cases:
    """``count`` cases: start uniform in [first, last], n uniform in N_CHOICES."""
    ords = rng.integers(first.toordinal(), last.toordinal() + 1, size=count)
    ns = rng.choice(np.array(N_CHOICES, dtype=np.int64), size=count)
    return Cases([dt.date.fromordinal(int(o)) for o in ords], [int(n) for n in ns])


@contextmanager
def gc_off() -> Iterator[None]:
    """Collect, then keep the garbage collector off for the timed block."""
    gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def per_pass(run: Callable[[], object], passes: int = 1) -> float:
    """Seconds per call of ``run()``, timed over ``passes`` calls with the collector off."""
    with gc_off():
        t0 = time.perf_counter()
        for _ in range(passes):
            run()
        return (time.perf_counter() - t0) / passes


def best_interleaved(runs: Sequence[tuple[Callable[[], object], int]], repeats: int) -> list[float]:
    """Best seconds per pass of each ``(run, passes)``, timed in turn ``repeats`` times.

    Interleaving the runs of the two sides of a comparison exposes both to the same machine
    conditions, so a slow patch of a shared (virtual) machine does not skew the ratio.
    """
    best = [float("inf")] * len(runs)
    for _ in range(repeats):
        for k, (run, passes) in enumerate(runs):
            best[k] = min(best[k], per_pass(run, passes))
    return best


def scalar_loop(fn: ScalarFn, cases: Cases) -> Callable[[], list[dt.date]]:
    """One pass of ``fn(start, n)`` over the cases (the loop is the same for every source)."""
    dates, ns = cases.dates, cases.ns

    def run() -> list[dt.date]:
        return [fn(d, n) for d, n in zip(dates, ns, strict=True)]

    return run


def ours_passes(cases: Cases) -> int:
    """Passes over ``cases`` that make at least OURS_MIN_CALLS calls."""
    return max(1, -(-OURS_MIN_CALLS // len(cases)))


def compare_scalar(ours: ScalarFn, theirs: ScalarFn, cases: Cases) -> tuple[float, float]:
    """Calls/s of govshare and of the other source over the same cases (interleaved, best of
    SCALAR_REPEATS). Each govshare run repeats the cases to OURS_MIN_CALLS calls, so that a
    function this fast is timed warm and over more than a few milliseconds."""
    ours_s, theirs_s = best_interleaved(
        [(scalar_loop(ours, cases), ours_passes(cases)), (scalar_loop(theirs, cases), 1)],
        SCALAR_REPEATS,
    )
    return len(cases) / ours_s, len(cases) / theirs_s


def minor_faults(run: Callable[[], object], calls: int = VECTOR_CALLS_PER_RUN) -> float:
    """Minor page faults per call of ``run()`` (NaN where getrusage is unavailable)."""
    try:
        import resource  # noqa: PLC0415 - Unix only
    except ImportError:
        return float("nan")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    for _ in range(calls):
        run()
    return (resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before) / calls


def spans(
    starts: Sequence[dt.date],
    ends: Sequence[dt.date],
    days: Sequence[dt.date],
    *,
    include_start: bool,
) -> list[bool]:
    """For each case, whether a day of ``days`` lies in (start, end] (or [start, end])."""
    if include_start:
        return [any(s <= x <= e for x in days) for s, e in zip(starts, ends, strict=True)]
    return [any(s < x <= e for x in days) for s, e in zip(starts, ends, strict=True)]


def machine() -> list[str]:
    cpu = "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    packages = ("govshare", "chinesecalendar", "holidays", "workalendar", "numpy")
    return [
        f"machine: {platform.machine()}, {os.cpu_count()} CPUs (nproc), CPU model: {cpu}",
        f"python: {platform.python_implementation()} {platform.python_version()}",
        "packages: " + ", ".join(f"{p} {version(p)}" for p in packages),
    ]


@dataclass
class Row:
    name: str
    cases: int
    ours: float
    theirs: float
    unit: str = "calls/s"

    @property
    def ratio(self) -> float:
        return self.ours / self.theirs


class Report:
    """Collects the comparisons, mismatch counts and target checks."""

    def __init__(self) -> None:
        self.rows: list[Row] = []
        self.unexplained = 0
        self.targets: list[tuple[str, float, float]] = []

    def row(self, row: Row) -> None:
        self.rows.append(row)
        print(
            f"  {row.name}: {row.cases:,} cases; govshare {row.ours:,.0f} {row.unit}, "
            f"other {row.theirs:,.0f} {row.unit}, ratio {row.ratio:,.1f}x"
        )

    def agreement(
        self, name: str, total: int, mismatches: int, excluded: int = 0, why: str = ""
    ) -> None:
        checked = total - excluded
        note = f"; {excluded:,} excluded ({why})" if excluded else ""
        print(
            f"  agreement {name}: {checked - mismatches:,}/{checked:,} agree, "
            f"{mismatches} mismatches{note}"
        )
        self.unexplained += mismatches

    def target(self, name: str, ratio: float, minimum: float) -> None:
        self.targets.append((name, ratio, minimum))

    @property
    def failed_targets(self) -> int:
        return sum(ratio < minimum for _, ratio, minimum in self.targets)

    def print_targets(self) -> None:
        for name, ratio, minimum in self.targets:
            verdict = "PASS" if ratio >= minimum else "FAIL"
            print(f"{verdict}: {name} >= {minimum:g}x (measured {ratio:,.1f}x)")


def compare(
    name: str,
    ours: Sequence[dt.date],
    theirs: Sequence[dt.date],
    *,
    excluded: Sequence[bool],
    cases: Cases,
    report: Report,
    why: str = "",
) -> None:
    bad = [
        i for i, (a, b) in enumerate(zip(ours, theirs, strict=True)) if a != b and not excluded[i]
    ]
    for i in bad[:10]:
        print(
            f"    MISMATCH {name}: start {cases.dates[i]} n={cases.ns[i]}: "
            f"govshare {ours[i]}, other {theirs[i]}"
        )
    report.agreement(name, len(ours), len(bad), sum(excluded), why)


def bench_chinese_calendar(
    cal: WorkCalendar, cases: Cases, ours: list[dt.date], report: Report
) -> None:
    timed = min(CC_TIMED, len(cases))
    print(
        f"\nchinese_calendar.find_workday(n, d)  [timed on the first {timed:,} random cases "
        f"(it is slow), best of {SCALAR_REPEATS} interleaved with govshare; agreement on all "
        f"{len(cases):,}]"
    )
    find = chinese_calendar.find_workday

    def find_n(d: dt.date, n: int) -> dt.date:
        result: dt.date = find(n, d)
        return result

    raw = scalar_loop(find_n, cases)()
    ours_rate, rate = compare_scalar(cal.add_working_days, find_n, cases.head(timed))
    report.row(Row("govshare add_working_days vs chinese_calendar", timed, ours_rate, rate))
    # find_workday rolls a rest-day start forward to a working day first, then counts n more:
    # from a rest day, govshare's n-th working day after it is find_workday(n - 1, d).
    rest_start = [not cal.is_working_day(d) for d in cases.dates]
    corrected = [
        find(n - 1, d) if rest else r
        for d, n, r, rest in zip(cases.dates, cases.ns, raw, rest_start, strict=True)
    ]
    print(f"  {sum(rest_start):,} cases start on a rest day: compared as find_workday(n - 1, d)")
    # The roll depends on the start's status, so a wrong start counts too: [start, result].
    excluded = spans(cases.dates, ours, CC_WRONG, include_start=True)
    compare(
        "chinese_calendar (rest-day start: find_workday(n - 1, d))",
        ours,
        corrected,
        excluded=excluded,
        cases=cases,
        report=report,
        why="span [start, result] contains 2005-12-31",
    )
    report.target(
        "scalar govshare / chinese_calendar.find_workday", report.rows[-1].ratio, TARGET_CC
    )


def bench_holidays(cal: WorkCalendar, cases: Cases, ours: list[dt.date], report: Report) -> None:
    timed = min(HOLIDAYS_TIMED, len(cases))
    print(
        f"\nholidays.China(years=range(2004, 2027)).get_nth_working_day(d, n)  [timed on the "
        f"first {timed:,} random cases, best of {SCALAR_REPEATS} interleaved with govshare; "
        f"agreement on all {len(cases):,}]"
    )
    cn = holidays.China(years=range(2004, 2027))  # type: ignore[attr-defined]
    theirs = scalar_loop(cn.get_nth_working_day, cases)()
    ours_rate, rate = compare_scalar(
        cal.add_working_days, cn.get_nth_working_day, cases.head(timed)
    )
    report.row(Row("govshare add_working_days vs holidays", timed, ours_rate, rate))
    compare("holidays", ours, theirs, excluded=[False] * len(cases), cases=cases, report=report)
    report.target(
        "scalar govshare / holidays.get_nth_working_day", report.rows[-1].ratio, TARGET_HOLIDAYS
    )


def bench_workalendar(cal: WorkCalendar, cases: Cases, report: Report) -> None:
    timed = min(WA_TIMED, len(cases))
    print(
        f"\nworkalendar.asia.China().add_working_days(d, n)  [{len(cases):,} separate cases "
        f"starting {WA_FIRST_START}..{WA_LAST_START}; timed on the first {timed:,}, best of "
        f"{SCALAR_REPEATS} interleaved with govshare; agreement on all]"
    )
    wa = WorkalendarChina()
    ours = scalar_loop(cal.add_working_days, cases)()
    theirs = scalar_loop(wa.add_working_days, cases)()
    ours_rate, rate = compare_scalar(cal.add_working_days, wa.add_working_days, cases.head(timed))
    report.row(Row("govshare add_working_days vs workalendar", timed, ours_rate, rate))
    # Same convention as govshare: the n-th working day strictly after d.
    excluded = spans(cases.dates, ours, WA_WRONG, include_start=False)
    compare(
        "workalendar",
        ours,
        theirs,
        excluded=excluded,
        cases=cases,
        report=report,
        why="span (start, result] contains 2020-01-31 or 2020-02-01",
    )


def bench_numpy(
    cal: WorkCalendar, cases: Cases, ours_scalar: list[dt.date], report: Report
) -> None:
    print(
        f"\nvectorized: add_working_days_array vs numpy.busday_offset  [all {len(cases):,} "
        f"cases per call; best of {VECTOR_RUNS} runs of {VECTOR_CALLS_PER_RUN} calls, interleaved]"
    )
    first, last = REST_FIRST.toordinal(), REST_LAST.toordinal()
    rest = np.array(
        [d for d in map(dt.date.fromordinal, range(first, last + 1)) if not cal.is_working_day(d)],
        dtype="datetime64[D]",
    )
    # Every day is a business day except the rest days: exact. The n-th working day strictly
    # after d (n >= 1) is the first working day >= d + 1, moved n - 1 working days on.
    busdaycal = np.busdaycalendar(weekmask="1111111", holidays=rest)
    print(
        f"  numpy: np.busday_offset(d + 1, n - 1, roll='forward', busdaycal=np.busdaycalendar("
        f"weekmask='1111111', holidays=<{len(rest):,} rest days {REST_FIRST}..{REST_LAST}>))"
    )
    days, ns = cases.np_dates(), cases.np_ns()
    one = np.timedelta64(1, "D")
    cal.add_working_days_array(days[:10], ns[:10])  # builds the calendar's arrays once

    def ours() -> Any:
        return cal.add_working_days_array(days, ns)

    def numpy_offset() -> Any:
        return np.busday_offset(days + one, ns - 1, roll="forward", busdaycal=busdaycal)

    ours_out, np_out = ours(), numpy_offset()
    ours_s, np_s = best_interleaved(
        [(ours, VECTOR_CALLS_PER_RUN), (numpy_offset, VECTOR_CALLS_PER_RUN)], VECTOR_RUNS
    )
    ours_rate, np_rate = len(cases) / ours_s, len(cases) / np_s
    # Fresh memory for the temporaries costs a page fault per 4 KiB page, which on a virtual
    # machine can cost more than the arithmetic: say how many there were.
    print(
        f"  minor page faults per call: govshare {minor_faults(ours):,.0f}, "
        f"numpy {minor_faults(numpy_offset):,.0f}"
    )
    report.row(
        Row(
            "add_working_days_array vs numpy.busday_offset",
            len(cases),
            ours_rate,
            np_rate,
            "elements/s",
        )
    )
    scalar = np.array(ours_scalar, dtype="datetime64[D]")
    mismatches = int(np.count_nonzero(ours_out != np_out))
    report.agreement("numpy.busday_offset vs add_working_days_array", len(cases), mismatches)
    mismatches = int(np.count_nonzero(ours_out != scalar))
    report.agreement("add_working_days_array vs scalar add_working_days", len(cases), mismatches)
    report.target("vectorized govshare / numpy.busday_offset", report.rows[-1].ratio, TARGET_NUMPY)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=100_000, help="random cases per set")
    parser.add_argument("--seed", type=int, default=0, help="random seed")
    args = parser.parse_args(argv)
    if args.cases < 1:
        parser.error("--cases must be >= 1")
    # workalendar warns on every year it loads that its China data covers 2018-2023 only.
    warnings.filterwarnings("ignore", category=UserWarning, module=r"workalendar\.")

    print("govshare calendar benchmark")
    for line in machine():
        print("  " + line)
    rng = np.random.default_rng(args.seed)
    cases = make_cases(rng, args.cases, FIRST_START, LAST_START)
    wa_cases = make_cases(rng, args.cases, WA_FIRST_START, WA_LAST_START)
    print(
        f"  cases: {len(cases):,} starts {FIRST_START}..{LAST_START}, n in {N_CHOICES}, "
        f"seed {args.seed}; {len(wa_cases):,} more starts {WA_FIRST_START}..{WA_LAST_START} "
        "for workalendar"
    )

    cal = get_calendar()
    report = Report()
    print(
        f"\ngovshare WorkCalendar.add_working_days(d, n)  [all {len(cases):,} cases, best of "
        f"{SCALAR_REPEATS}]"
    )
    ours = scalar_loop(cal.add_working_days, cases)()
    (ours_s,) = best_interleaved([(scalar_loop(cal.add_working_days, cases), 1)], SCALAR_REPEATS)
    ours_rate = len(cases) / ours_s
    print(f"  govshare: {ours_rate:,.0f} calls/s ({1e6 / ours_rate:.2f} us/call)")

    bench_chinese_calendar(cal, cases, ours, report)
    bench_holidays(cal, cases, ours, report)
    bench_workalendar(cal, wa_cases, report)
    bench_numpy(cal, cases, ours, report)

    print("\nsummary")
    for row in report.rows:
        print(
            f"  {row.name:<50} {row.cases:>8,} cases  {row.ours:>14,.0f} vs "
            f"{row.theirs:>12,.0f} {row.unit:<10}  {row.ratio:>8,.1f}x"
        )
    report.print_targets()
    print(f"unexplained mismatches: {report.unexplained}; failed targets: {report.failed_targets}")
    return 1 if report.unexplained or report.failed_targets else 0


if __name__ == "__main__":
    sys.exit(main())
