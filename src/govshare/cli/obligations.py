"""The ``obligations`` command: a year's recurring duties and open deadlines (iCalendar)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from govshare.errors import InputError
from govshare.features.obligations import obligation_calendar
from govshare.processes import ProcessStatus, replay_file
from govshare.profiles import JurisdictionProfile, load_profile
from govshare.render.json import to_json
from govshare.render.registry import render

__all__ = ["add_commands"]

_LEVELS = ("provincial", "prefectural", "county")


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
    prof = load_profile(args.profile)
    cases = _cases(prof, args)
    cal = obligation_calendar(
        prof,
        args.year,
        level=args.level or "provincial",
        adopted=args.adopt or (),
        status=cases,
    )
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
    )
    p.add_argument("profile", help="profile name or path")
    p.add_argument("--year", required=True, type=_year, help="the calendar year, e.g. 2026")
    p.add_argument(
        "--level",
        choices=_LEVELS,
        help="whose duties (default provincial); also overrides the logs' level",
    )
    p.add_argument(
        "--adopt",
        action="append",
        metavar="DOC",
        help="a document adopted at this level; also overrides the logs' adopted documents",
    )
    p.add_argument(
        "--log",
        action="append",
        metavar="LOG.yaml",
        help="an event log (docs/processes.md) whose open duties to add; repeatable",
    )
    p.add_argument("--as-of", help="replay the logs to this date or instant (default: their as_of)")
    p.add_argument("--ics", metavar="FILE", help="also write the dated items as iCalendar")
    common(p)
    p.set_defaults(func=_cmd_obligations, emit=emit, parser=p)
