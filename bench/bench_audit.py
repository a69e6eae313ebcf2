"""Audit benchmark: the vectorized kernel against the replay loop, and records per second.

Run from the repository root (needs the audit extra; about four minutes with --ten-million):

    python bench/bench_audit.py [--records 100000] [--million 1000000] [--ten-million]

1. **Kernel against replay**, in one process on the same synthetic Hubei records
   (``govshare audit synth``'s generator, seed 0): the replay loop (each record through
   ``replay`` and ``layered_deadline``) and the kernel, compiled from scratch (its plans'
   compilation is in the time) and warm; every result row compared (they must be equal).
   Goal: the kernel at least 300x faster than the loop (compilation included).
2. **Records per second**, end to end as ``govshare audit run FILE --no-csv`` does it
   (Parquet in; per-record Parquet, the figures and the HTML report out), in a fresh
   process for 1,000,000 records and, with ``--ten-million``, 10,000,000 records read and
   written in batches of 1,000,000 (peak memory reported, which must not grow with N).
   Goal: 10,000,000 records in under 30 seconds.

Prints the figures and PASS/FAIL per goal; exits 1 if a goal fails. See
docs/performance.md.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import polars as pl
import pyarrow.parquet as pq

from govshare.features.audit import judge_batch, read_records, synthesize
from govshare.features.audit._kernel import Kernel
from govshare.processes import as_of_instant
from govshare.profiles import load_profile

AS_OF = "2026-12-31"
PROFILE = "hubei"
CHUNK = 1_000_000


def _timed(fn: Any) -> tuple[float, Any]:
    gc.collect()
    gc.disable()
    try:
        t = time.perf_counter()
        out = fn()
        return time.perf_counter() - t, out
    finally:
        gc.enable()


def kernel_against_replay(n: int) -> tuple[float, float, float, bool]:
    """(replay s, kernel cold s, kernel warm s, equal) on the same ``n`` records."""
    profile = load_profile(PROFILE)
    until = as_of_instant(AS_OF)
    records = read_records(synthesize(profile.calendar, n, seed=0)).records
    t_replay, (replayed, _, _) = _timed(
        lambda: judge_batch(profile, records, until, engine="replay")
    )
    kernel = Kernel(profile)
    t_cold, (cold, _, left) = _timed(
        lambda: judge_batch(profile, records, until, engine="kernel", kernel=kernel)
    )
    t_warm, _ = _timed(lambda: judge_batch(profile, records, until, kernel=kernel))
    same = left == 0 and cold.drop("path").sort("row").equals(replayed.drop("path").sort("row"))
    return t_replay, t_cold, t_warm, same


def write_synthetic(path: Path, n: int) -> None:
    """``n`` synthetic records as Parquet, written a million at a time."""
    profile = load_profile(PROFILE)
    writer = None
    for first in range(0, n, CHUNK):
        frame = synthesize(profile.calendar, min(CHUNK, n - first), seed=0, first=first)
        table = frame.to_arrow()
        writer = writer or pq.ParquetWriter(path, table.schema)
        writer.write_table(table, row_group_size=CHUNK)
    if writer is not None:
        writer.close()


def end_to_end(path: Path, out: Path) -> tuple[float, float]:
    """(seconds, peak resident MB) of ``govshare audit run`` in a fresh process."""
    govshare = str(Path(sys.executable).parent / "govshare")
    argv = [
        govshare, "audit", "run", str(path), "--profile", PROFILE,
        "--as-of", AS_OF, "-o", str(out), "--no-csv", "--no-progress",
        "--batch-size", str(CHUNK),
    ]  # fmt: skip
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before) / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=100_000, help="kernel against replay")
    parser.add_argument("--million", type=int, default=1_000_000, help="end-to-end run")
    parser.add_argument("--ten-million", action="store_true", help="also 10,000,000 records")
    args = parser.parse_args()
    print(f"# {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs, "
          f"polars {pl.__version__}")  # fmt: skip
    failed = False

    t_replay, t_cold, t_warm, same = kernel_against_replay(args.records)
    ratio = t_replay / t_cold
    print(f"\n## kernel against replay, {args.records:,} records")
    print(f"replay loop        {t_replay:8.2f} s  {args.records / t_replay:>12,.0f} records/s")
    print(f"kernel (compiling) {t_cold:8.2f} s  {args.records / t_cold:>12,.0f} records/s")
    print(f"kernel (compiled)  {t_warm:8.2f} s  {args.records / t_warm:>12,.0f} records/s")
    print(f"results equal: {same}")
    print(f"ratio {ratio:,.0f}x (compiled {t_replay / t_warm:,.0f}x)   goal >= 300x: "
          f"{'PASS' if ratio >= 300 else 'FAIL'}")  # fmt: skip
    failed |= ratio < 300 or not same

    sizes = [args.million] + ([10_000_000] if args.ten_million else [])
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            path = Path(tmp) / f"records-{n}.parquet"
            t_synth, _ = _timed(lambda n=n, path=path: write_synthetic(path, n))
            seconds, peak = end_to_end(path, Path(tmp) / f"out-{n}")
            rows = pl.scan_parquet(Path(tmp) / f"out-{n}" / "records.parquet").select(pl.len())
            judged = rows.collect().item()
            print(f"\n## end to end, {n:,} records (synthesized in {t_synth:.0f} s)")
            print(f"{seconds:8.2f} s  {n / seconds:>12,.0f} records/s  peak {peak:,.0f} MB  "
                  f"records out {judged:,}")  # fmt: skip
            if n == 10_000_000:
                print(f"goal 10,000,000 in < 30 s: {'PASS' if seconds < 30 else 'FAIL'}")
                failed |= seconds >= 30
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
