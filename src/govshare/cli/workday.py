"""The ``workday`` commands: ``is``, ``add`` and ``count`` (official working days)."""

from __future__ import annotations

import argparse
from typing import Any

from govshare.cli.options import add_calendar, add_output, calendar_of, non_negative
from govshare.cli.output import print_result

__all__ = ["add_commands"]

_DATE = "ISO date, e.g. 2026-10-10"


def _cmd_is(args: argparse.Namespace) -> int:
    from govshare.render.calendar import DayStatus  # noqa: PLC0415 - loaded when run

    cal = calendar_of(args)
    info = cal.day_info(args.date)
    warnings = cal.warnings_between(info.date, info.date)
    print_result(args, DayStatus.of(info, region=cal.region, warnings=warnings))
    return 0 if info.working or not args.exit_code else 3


def _cmd_add(args: argparse.Namespace) -> int:
    from govshare.render.calendar import WorkingDayResult  # noqa: PLC0415 - loaded when run

    cal = calendar_of(args)
    due = cal.add_working_days(args.start, args.n)
    result = WorkingDayResult(
        start=cal.day_info(args.start).date,
        n=args.n,
        date=due,
        end_instant=cal.end_instant(due),
        region=cal.region,
        provisional=due.provisional,
        warnings=due.warnings,
    )
    print_result(args, result)
    return 0


def _cmd_count(args: argparse.Namespace) -> int:
    from govshare._kernel.dates import to_date  # noqa: PLC0415
    from govshare.render.calendar import WorkingDayCount  # noqa: PLC0415 - loaded when run

    a, b = to_date(args.start, "start"), to_date(args.end, "end")
    cal = calendar_of(args)
    n = cal.working_days_between(a, b)
    years = range(min(a, b).year, max(a, b).year + 1)
    result = WorkingDayCount(
        start=a,
        end=b,
        working_days=n,
        region=cal.region,
        provisional=any(y in cal.provisional_years for y in years),
        warnings=cal.warnings_between(a, b),
    )
    print_result(args, result)
    return 0


def add_commands(sub: Any, common: Any, emit: Any) -> None:
    """Register ``workday is|add|count`` on the ``govshare`` sub-parsers."""
    del common, emit  # the options come from govshare.cli.options
    from govshare.cli.app import Parser, command  # noqa: PLC0415 - app imports us lazily

    workday = command(
        sub,
        "workday",
        "Official working days (工作日) from the State Council's holiday notices "
        "and, with --region, a regional overlay. Dates outside the published data are an "
        "error unless --provisional.",
    )
    wsub = workday.add_subparsers(
        dest="workday_command", metavar="{is,add,count}", required=True, parser_class=Parser
    )
    p = wsub.add_parser(
        "is",
        help="is the date a working day?",
        description="Whether a date is a working day, what kind of day it is and the notice "
        "that says so.",
    )
    p.add_argument("date", help=_DATE)
    p.add_argument(
        "--exit-code", action="store_true", help="exit 3 (not 0) when the date is a rest day"
    )
    add_calendar(p)
    add_output(p)
    p.set_defaults(func=_cmd_is)

    p = wsub.add_parser(
        "add",
        help="the n-th working day after start (the start day is not counted)",
        description="The n-th working day after start; the start day is not counted, and "
        "n = 0 gives start itself when it is a working day, else the next working day.",
    )
    p.add_argument("start", help="ISO date or datetime (naive = Asia/Shanghai)")
    p.add_argument("n", type=non_negative, help="the number of working days, >= 0")
    add_calendar(p)
    add_output(p)
    p.set_defaults(func=_cmd_add)

    p = wsub.add_parser(
        "count",
        help="the number of working days after start up to and including end",
        description="The number of working days in (start, end]: start is not counted, end "
        "is. Negative when end is before start.",
    )
    p.add_argument("start", help=f"{_DATE} (not counted)")
    p.add_argument("end", help=f"{_DATE} (counted)")
    add_calendar(p)
    add_output(p)
    p.set_defaults(func=_cmd_count)
