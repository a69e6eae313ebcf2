"""Regenerate the example timeline pictures of docs/timeline.md (after changing a profile).

    python scripts/update_docs_timeline.py          # write docs/img/timeline-*.svg
    python scripts/update_docs_timeline.py --check  # exit 1 if a picture is out of date

- timeline-national-day.svg: the no-reply example (docs/examples/no-reply.log.yaml: an
  application received on 2026-09-30, the eve of the National Day week, that nobody
  answers) replayed in Hubei, Xinzhou and Liuzhou, each at its own level, as of 2026-10-20.
- timeline-sanyuesan.svg: the provider's reply period from Thursday 2026-04-16 in Hubei and
  Liuzhou, where the Guangxi 三月三 days are rest days.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from govshare.features.timeline import Timeline, timeline
from govshare.render.registry import render

ROOT = Path(__file__).resolve().parents[1]
IMG = ROOT / "docs" / "img"
LOG = ROOT / "docs" / "examples" / "no-reply.log.yaml"


def national_day() -> Timeline:
    """An application on the eve of the National Day week that nobody answers."""
    return timeline(
        ["hubei", "xinzhou", "liuzhou"],
        log=LOG,
        level="own",
        title="国庆前夕（2026-09-30）提交的有条件共享申请，无人答复",
    )


def sanyuesan() -> Timeline:
    """A reply period across the Guangxi 三月三 holiday."""
    return timeline(
        ["hubei", "liuzhou"],
        key="share.conditional.provider_reply",
        start="2026-04-16",
        title="三月三前一天（2026-04-16）收到的共享申请：提供部门答复期限",
    )


PICTURES: dict[str, Callable[[], Timeline]] = {
    "timeline-national-day.svg": national_day,
    "timeline-sanyuesan.svg": sanyuesan,
}


def main(argv: list[str] | None = None) -> int:
    """Write the pictures, or with ``--check`` report whether they are current."""
    parser = argparse.ArgumentParser(description="Regenerate docs/img/timeline-*.svg.")
    parser.add_argument("--check", action="store_true", help="only check; exit 1 if stale")
    args = parser.parse_args(argv)
    stale = 0
    for name, make in PICTURES.items():
        path = IMG / name
        svg = render(make(), "svg", lang="zh")
        assert isinstance(svg, bytes)
        if path.is_file() and path.read_bytes() == svg:
            continue
        if args.check:
            print(f"{path.relative_to(ROOT)} is out of date: run {Path(__file__).name}")
            stale += 1
            continue
        IMG.mkdir(parents=True, exist_ok=True)
        path.write_bytes(svg)
        print(f"updated {path.relative_to(ROOT)}")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
