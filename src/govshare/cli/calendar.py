"""The ``calendar check`` command: validate a new year's holiday notice file before use.

``govshare calendar check NOTICE.yaml`` loads the file as an official arrangement (the
format of ``govshare/calendar/data/national/*.yaml``, see docs/calendar.md), reports every
problem with file, line and field (exit 1), and then cross-checks it against the holidays
package's projection for that year: weekdays the projection calls a statutory holiday that
the file leaves as working days (likely a typo), and weekdays the file makes rest days that
the projection does not (usually the bridge days a notice adds; check them against the
notice). Differences are printed for a person to check against the notice; they are not
errors. Without the ``sources`` extra the cross-check is skipped with a note.
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from govshare.cli.options import add_output

__all__ = ["add_commands"]


def _days(year: int) -> list[dt.date]:
    first = dt.date(year, 1, 1)
    return [first + dt.timedelta(days=i) for i in range((dt.date(year, 12, 31) - first).days + 1)]


def _cmd_check(args: argparse.Namespace) -> int:
    from govshare._kernel.yamlio import load_yaml, validate_model  # noqa: PLC0415
    from govshare.calendar import Arrangement, WorkCalendar, bundled_arrangements  # noqa: PLC0415
    from govshare.errors import MissingDependencyError  # noqa: PLC0415

    arr = validate_model(Arrangement, load_yaml(args.file))
    others = [a for a in bundled_arrangements() if arr.amends or a.year != arr.year]
    cal = WorkCalendar([*others, arr], name="check")
    working = {d: cal.day_info(d).working for d in _days(arr.year)}
    payload: dict[str, Any] = {
        "file": args.file,
        "year": arr.year,
        "rest_weekdays": sum(1 for d, w in working.items() if not w and d.weekday() < 5),
        "makeup_working_days": sum(1 for d, w in working.items() if w and d.weekday() >= 5),
        "projection": None,
    }
    lines = [
        f"{args.file}: ok ({arr.year}; {payload['rest_weekdays']} weekday rest days, "
        f"{payload['makeup_working_days']} make-up working days)"
    ]
    try:
        from govshare._kernel.optional import require  # noqa: PLC0415

        holidays = require("holidays", "sources", purpose="the cross-check")
    except MissingDependencyError as exc:
        lines.append(f"  cross-check skipped: {exc}")
    else:
        projected = set(holidays.country_holidays("CN", years=[arr.year]))
        missed = [d for d, w in working.items() if w and d in projected and d.weekday() < 5]
        extra = [d for d, w in working.items() if not w and d.weekday() < 5 and d not in projected]
        payload["projection"] = {
            "holiday_but_working": [d.isoformat() for d in missed],
            "rest_not_projected": [d.isoformat() for d in extra],
        }
        lines.append("  cross-check against the holidays package's projection:")
        lines.append(
            "    statutory holidays the file leaves as working days (check for a typo): "
            + (", ".join(d.isoformat() for d in missed) or "none")
        )
        lines.append(
            "    weekday rest days the projection does not have (bridge days; check "
            "against the notice): " + (", ".join(d.isoformat() for d in extra) or "none")
        )
    args.emit(args, payload, "\n".join(lines))
    return 0


def add_commands(sub: Any, common: Any, emit: Any) -> None:
    """Register ``calendar check`` on the ``govshare`` sub-parsers."""
    del common
    from govshare.cli.app import Parser, command  # noqa: PLC0415 - app imports us lazily

    cal = command(
        sub,
        "calendar",
        "Tools for the working-day calendar's data: 'check' validates a new year's "
        "holiday notice file before it is used with --calendar-file (docs/calendar.md).",
    )
    csub = cal.add_subparsers(
        dest="calendar_command", metavar="{check}", required=True, parser_class=Parser
    )
    p = csub.add_parser(
        "check",
        help="validate a holiday notice file and cross-check it against a projection",
        description="Load NOTICE.yaml as an official arrangement (every problem reported "
        "with file, line and field; exit 1), then list where it differs from the holidays "
        "package's projection for the year, for a person to check against the notice.",
    )
    p.add_argument("file", metavar="NOTICE.yaml", help="the arrangement file (YAML)")
    add_output(p, json=False)
    p.set_defaults(func=_cmd_check, emit=emit, json=False)
