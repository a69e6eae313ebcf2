"""The ``obligations`` command: a year's recurring duties and open deadlines (iCalendar)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from govshare.cli.options import (
    LEVEL_RULE,
    add_adopt,
    add_as_of,
    add_calendar,
    add_level,
    add_profile,
    profile_of,
)
from govshare.errors import InputError
from govshare.features.obligations import obligation_calendar
from govshare.processes import ProcessStatus, replay_file
from govshare.profiles import JurisdictionProfile, resolve_level
from govshare.render.json import to_json
from govshare.render.registry import render

__all__ = ["add_commands"]


def _year(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a year such as 2026, got {text!r}") from None


def _cases(prof: JurisdictionProfile, args: argparse.Namespace) -> list[ProcessStatus]:
    """Replay each ``--log`` (its own level and adopted documents unless overridden)."""
    return [
        replay_file(prof, path, as_of=args.as_of, level=args.level, adopted=args.adopt)
        for path in args.log or ()
    ]


def _cmd_obligations(args: argparse.Namespace) -> int:
    if args.as_of and not args.log:
        args.parser.error("--as-of needs --log (it is the instant the logs are replayed to)")
    prof = profile_of(args, args.profile)
    adopted = args.adopt or ()
    cases = _cases(prof, args)
    logged = {st.level for st in cases}
    wanted = args.level or (logged.pop() if len(logged) == 1 else None)
    level = resolve_level(prof, wanted, adopted=adopted)
    cal = obligation_calendar(prof, args.year, level=level, adopted=adopted, status=cases)
    payload: dict[str, Any] = to_json(cal) | {"ics": None}
    lines = [str(render(cal, "text", lang=args.lang))]
    if args.ics:
        data = render(cal, "ics", lang=args.lang)
        try:
            Path(args.ics).write_bytes(data if isinstance(data, bytes) else data.encode())
        except OSError as exc:
            raise InputError(
                "ics", args.ics, f"a file that can be written ({exc.strerror})"
            ) from None
        undated = [i.key for i in cal.items if not i.dated]
        events = len(cal.items) - len(undated)
        payload["ics"] = {"file": args.ics, "events": events, "not_exported": undated}
        if args.lang == "zh":
            lines.append(f"已写入 {args.ics}：{events} 个日程")
            if undated:
                lines.append(f"  未导出（文本未定日期）: {', '.join(undated)}")
        else:
            lines.append(f"wrote {args.ics}: {events} events")
            if undated:
                lines.append(f"  not exported (the text sets no date): {', '.join(undated)}")
    args.emit(args, payload, "\n".join(lines))
    return 0


def add_commands(sub: Any, common: Any, emit: Any) -> None:
    """Register the ``obligations`` command on the ``govshare`` sub-parsers.

    Args:
        sub: the sub-parsers of the ``govshare`` parser.
        common: adds the shared options (``--json``, ``--lang``).
        emit: prints a payload as JSON, or as text with its warnings.
    """
    p = sub.add_parser(
        "obligations",
        help="a year's recurring duties and open deadlines, with citations (iCalendar export)",
        description="A year's dated duties at a level (annual reports, catalogue upkeep, "
        "list publication), each with its due day and citation, plus the open duties of "
        "the event logs given; keys with no rule in force are listed with the reason.",
    )
    add_profile(p)
    p.add_argument("--year", required=True, type=_year, help="the calendar year, e.g. 2026")
    add_level(p, default="the logs' level when they agree; " + LEVEL_RULE)
    add_adopt(p)
    p.add_argument(
        "--log",
        action="append",
        metavar="LOG.yaml",
        help="an event log (docs/processes.md) whose open duties to add; repeatable; "
        "--level and --adopt override the logs' own",
    )
    add_as_of(p, default="each log's as_of; only with --log")
    add_calendar(p, region=False)
    p.add_argument("--ics", metavar="FILE", help="also write the dated items as iCalendar")
    common(p)
    p.set_defaults(func=_cmd_obligations, emit=emit, parser=p)
