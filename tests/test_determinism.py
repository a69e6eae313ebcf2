"""What docs/reliability.md promises about determinism and threads, checked."""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from govshare.calendar import get_calendar
from govshare.features.compare import compare_rules
from govshare.profiles import load_profile
from govshare.render.registry import render

ROOT = Path(__file__).resolve().parents[1]
LOG = ROOT / "docs" / "examples" / "joint-review.log.yaml"


def _work(i: int) -> tuple[str, str, str]:
    cal = get_calendar("guangxi" if i % 2 else None)
    due = cal.add_working_days("2026-09-30", 5 + i % 7).isoformat()
    deadline = load_profile(("hubei", "xinzhou", "liuzhou")[i % 3]).deadline(
        "share.conditional.provider_reply",
        "2026-09-30",
        level=("provincial", "prefectural", "prefectural")[i % 3],
    )
    table = render(compare_rules(["hubei", "xinzhou"], as_of="2026-11-23"), "csv")
    return due, deadline.due.isoformat(), str(table)


def test_threads_give_the_sequential_answers() -> None:
    expected = [_work(i) for i in range(32)]
    with ThreadPoolExecutor(max_workers=16) as pool:
        assert list(pool.map(_work, range(32))) == expected


def test_output_is_byte_identical_across_hash_seeds() -> None:
    argv = [
        sys.executable,
        "-c",
        "from govshare.cli.app import main; raise SystemExit(main())",
        "compare",
        "hubei",
        "xinzhou",
        "liuzhou",
    ]
    argv += ["--scenario", str(LOG), "--as-of", "2026-11-23", "--format", "json"]
    outs = set()
    for seed in ("0", "1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(argv, capture_output=True, env=env, check=True, timeout=120)
        outs.add(done.stdout)
    assert len(outs) == 1
