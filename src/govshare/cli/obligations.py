"""The ``obligations`` command: a year's recurring duties and open deadlines (iCalendar)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from govshare.cli.process import replay_file
from govshare.errors import InputError
from govshare.features.obligations import (
    Obligation,
    ObligationCalendar,
    obligation_calendar,
    to_ics,
)
from govshare.processes import ProcessStatus
from govshare.profiles import JurisdictionProfile, load_profile
from govshare.render.json import jsonable, source_json

__all__ = ["add_commands"]

_LEVELS = ("provincial", "prefectural", "county")


def _year(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a year such as 2026, got {text!r}") from None


def _item_payload(item: Obligation, lang: str) -> dict[str, Any]:
    return {
        "kind": item.kind,
        "key": item.key,
        "summary": item.summary(lang),
        "label": item.label.model_dump(),
        "period": item.period.model_dump(),
        "dated": item.dated,
        "due": jsonable(item.due),
        "end_instant": jsonable(item.end_instant),
        "year": item.year,
        "level": item.level,
        "actor": item.actor,
        "party": item.party,
        "recipient": item.recipient,
        "covers": item.covers,
        "source": source_json(item.source),
        "displaced": [source_json(s) for s in item.displaced],
        "process": item.process,
        "started": jsonable(item.started),
        "overdue": item.overdue,
        "provisional": item.provisional,
        "notes": item.notes,
        "uid": item.uid,
        "warnings": list(item.warnings),
    }


def _cases(prof: JurisdictionProfile, args: argparse.Namespace) -> list[ProcessStatus]:
    """Replay each ``--log`` (its own level and adopted documents unless overridden)."""
    return [
        replay_file(prof, path, as_of=args.as_of, level=args.level, adopted=args.adopt)
        for path in args.log or ()
    ]


def _text(cal: ObligationCalendar, prof: JurisdictionProfile, zh: bool) -> list[str]:
    lang = "zh" if zh else "en"
    name = prof.model.name.zh if zh else prof.model.name.en
    head = (
        f"{cal.profile} {name} {cal.year}年 义务（{cal.level}）"
        if zh
        else f"{cal.profile} {name}: obligations for {cal.year} ({cal.level} level)"
    )
    out = [head]
    for item in cal.items:
        when = item.due.isoformat() if item.due else ("无固定日期" if zh else "no date  ")
        out.append(f"{when}  {item.summary(lang)}")
        out.append(f"    {'依据' if zh else 'source'}: {item.source.short}「{item.source.quote}」")
        facts = []
        if item.actor:
            who = item.actor + (f" ({item.party})" if item.party else "")
            facts.append(f"{'义务人' if zh else 'actor'}: {who}")
        if item.covers is not None:
            facts.append(f"{'所涉年度' if zh else 'covers'}: {item.covers}")
        if item.kind == "open_duty":
            facts.append(
                f"{'期限' if zh else 'period'}: {item.period.zh if zh else item.period.en}"
            )
        if facts:
            out.append("    " + "; ".join(facts))
        for d in item.displaced:
            out.append(f"    {'被取代' if zh else 'displaced'}: {d.short}")
    if cal.skipped:
        out.append("未列入:" if zh else "not on the calendar:")
        out.extend(f"  {s.key}: {s.reason}" for s in cal.skipped)
    return out


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
    zh = args.lang == "zh"
    payload: dict[str, Any] = {
        "profile": cal.profile,
        "year": cal.year,
        "level": cal.level,
        "adopted": list(cal.adopted),
        "items": [_item_payload(i, args.lang) for i in cal.items],
        "skipped": [{"key": s.key, "reason": s.reason} for s in cal.skipped],
        "ics": None,
        "provisional": any(i.provisional for i in cal.items),
        "warnings": list(cal.warnings),
    }
    lines = _text(cal, prof, zh)
    if args.ics:
        data = to_ics(
            cal.items, lang=args.lang, name=f"{prof.model.name.zh} {cal.year} ({cal.level})"
        )
        try:
            Path(args.ics).write_bytes(data)
        except OSError as exc:
            raise InputError(
                "ics", args.ics, f"a file that can be written ({exc.strerror})"
            ) from None
        undated = [i.key for i in cal.items if not i.dated]
        events = len(cal.items) - len(undated)
        payload["ics"] = {"file": args.ics, "events": events, "not_exported": undated}
        if zh:
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
