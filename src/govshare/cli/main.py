"""The ``govshare`` command line.

Every error exits non-zero with one clear line on stderr (never a traceback): 2 for a
malformed command line, 1 for anything the library refuses (bad input, dates outside the
calendar's data, invalid files).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any

from govshare import __version__
from govshare._kernel.messages import say
from govshare.calendar import get_calendar, load_arrangement, load_overlay
from govshare.calendar._calendar import DayInfo, WorkCalendar
from govshare.cli import check as _cli_check
from govshare.cli import compare as _cli_compare
from govshare.cli import obligations as _cli_obligations
from govshare.cli import scenarios as _cli_scenarios
from govshare.cli import timeline as _cli_timeline
from govshare.cli.process import add_commands
from govshare.errors import DataFileError, GovshareError
from govshare.profiles import (
    RULE_KEYS,
    JurisdictionProfile,
    RuleEntry,
    RuleResult,
    list_profiles,
    load_profile,
    profile_schema,
)
from govshare.render.json import source_json

__all__ = ["main"]

_KIND_LABELS: dict[str, tuple[str, str]] = {
    "working_day": ("工作日", "working day"),
    "weekend": ("休息日（周末）", "rest day (weekend)"),
    "statutory_holiday": ("法定节假日", "statutory holiday"),
    "makeup_working_day": ("调休上班日", "make-up working day"),
    "regional_rest_day": ("地方休息日", "regional rest day"),
    "regional_working_day": ("地方调休上班日", "regional working day"),
}
_WORDS = {
    "zh": {"working": "工作日", "rest": "休息日", "provisional": "暂定（估算）", "warning": "注意"},
    "en": {
        "working": "working day",
        "rest": "rest day",
        "provisional": "provisional (estimated)",
        "warning": "warning",
    },
}


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:
        raise _UsageError(f"{self.prog}: {message}")


def _calendar(args: argparse.Namespace) -> WorkCalendar:
    for path in args.calendar_file or ():
        load_arrangement(path)
    for path in args.overlay_file or ():
        load_overlay(path)
    return get_calendar(args.region, provisional=args.provisional)


def _emit(args: argparse.Namespace, payload: dict[str, Any], text: str) -> None:
    if args.json:
        print(
            json.dumps(payload, ensure_ascii=False, indent=2, default=lambda o: say(o, args.lang))
        )
    else:
        print(text)
        words = _WORDS[args.lang]
        if payload.get("provisional"):
            print(f"  {words['provisional']}")
        for w in payload.get("warnings", ()):
            said = w[args.lang] if isinstance(w, dict) else say(w, args.lang)
            print(f"  {words['warning']}: {said}")


def _day_payload(info: DayInfo, cal: WorkCalendar) -> dict[str, Any]:
    return {
        "date": info.date.isoformat(),
        "working": info.working,
        "kind": info.kind,
        "name": info.name,
        "source": info.source,
        "confidence": info.confidence.value,
        "region": cal.region,
        "provisional": info.provisional,
        "warnings": list(cal.warnings_between(info.date, info.date)),
    }


def _cmd_is(args: argparse.Namespace) -> int:
    cal = _calendar(args)
    info = cal.day_info(args.date)
    payload = _day_payload(info, cal)
    zh, en = _KIND_LABELS[info.kind]
    label = zh if args.lang == "zh" else en
    words = _WORDS[args.lang]
    status = words["working"] if info.working else words["rest"]
    extra = ", ".join(x for x in (info.name, info.source) if x)
    text = f"{payload['date']}: {status} ({label}{', ' + extra if extra else ''})"
    _emit(args, payload, text)
    return 0 if info.working or not args.exit_code else 3


def _cmd_add(args: argparse.Namespace) -> int:
    cal = _calendar(args)
    due = cal.add_working_days(args.date, args.n)
    payload = {
        "start": cal.day_info(args.date).date.isoformat(),
        "n": args.n,
        "date": due.isoformat(),
        "end_instant": cal.end_instant(due).isoformat(),
        "region": cal.region,
        "provisional": due.provisional,
        "warnings": list(due.warnings),
    }
    _emit(args, payload, due.isoformat())
    return 0


def _cmd_count(args: argparse.Namespace) -> int:
    cal = _calendar(args)
    n = cal.working_days_between(args.start, args.end)
    a = cal.day_info(args.start).date
    b = cal.day_info(args.end).date
    warnings = cal.warnings_between(a, b)
    payload = {
        "from": a.isoformat(),
        "to": b.isoformat(),
        "working_days": n,
        "region": cal.region,
        "provisional": any(
            y in cal.provisional_years for y in range(min(a, b).year, max(a, b).year + 1)
        ),
        "warnings": list(warnings),
    }
    _emit(args, payload, str(n))
    return 0


def _rule_payload(r: RuleResult) -> dict[str, Any]:
    return {
        "profile": r.profile,
        "key": r.key,
        "as_of": r.as_of.isoformat(),
        "level": r.level,
        "not_specified": r.not_specified,
        "value": None if r.value is None else r.value.model_dump(mode="json", by_alias=True),
        "source": source_json(r.source),
        "also": [source_json(s) for s in r.also],
        "displaced": [
            {
                "source": source_json(d.source),
                "value": None
                if d.value is None
                else d.value.model_dump(mode="json", by_alias=True),
                "reason": d.reason,
            }
            for d in r.displaced
        ],
        "notes": r.notes,
        "warnings": list(r.warnings),
    }


def _cmd_profiles(args: argparse.Namespace) -> int:
    rows: list[dict[str, Any]] = []
    for name in list_profiles():
        prof = load_profile(name)
        docs = ", ".join(f"{d.id} ({d.status})" for d in prof.model.documents)
        rows.append({"id": prof.id, "name": prof.model.name.model_dump(), "documents": docs})
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for row in rows:
            label = row["name"]["zh" if args.lang == "zh" else "en"]
            print(f"{row['id']:<12} {label}  [{row['documents']}]")
    return 0


def _entries(prof: JurisdictionProfile, key: str) -> list[RuleEntry]:
    entries = prof.model.rules.get(key)
    if key not in RULE_KEYS or entries is None:
        raise GovshareError(f"{prof.id}: no rule key {key!r}; `govshare show {prof.id}` lists them")
    return entries


def _show_rule(prof: JurisdictionProfile, key: str, args: argparse.Namespace) -> None:
    entries = _entries(prof, key)
    spec = RULE_KEYS[key]
    label = spec.zh if args.lang == "zh" else spec.en
    print(f"{key}  {label}")
    for e in entries:
        doc = prof.documents[e.doc]
        cite = f"{doc.number or doc.title} {e.cite}".strip()
        if e.not_specified:
            silent = "未规定" if args.lang == "zh" else "not specified"
            print(f"  [{e.doc}] {silent}: {e.notes}")
            continue
        assert e.value is not None
        value = e.value.model_dump(
            mode="json", by_alias=True, exclude={"details"}, exclude_none=True
        )
        print(f"  [{e.doc}] {json.dumps(value, ensure_ascii=False)}")
        print(f"      {cite}: 「{e.quote}」")


def _cmd_show(args: argparse.Namespace) -> int:
    prof = load_profile(args.profile)
    if args.key:
        if args.json:
            payload = [
                e.model_dump(mode="json", by_alias=True, exclude_none=True)
                for e in _entries(prof, args.key)
            ]
            print(json.dumps(payload, ensure_ascii=False, indent=2))
        else:
            _show_rule(prof, args.key, args)
        return 0
    if args.json:
        print(prof.model.model_dump_json(by_alias=True, exclude_none=True, indent=2))
        return 0
    print(f"{prof.id}: {prof.model.name.zh} / {prof.model.name.en}")
    for d in prof.model.documents:
        until = (
            d.in_force_until if isinstance(d.in_force_until, str) else d.in_force_until.isoformat()
        )
        print(f"  {d.id}: {d.title} {d.number or ''} [{d.status}; {d.in_force_from} .. {until}]")
    for key in prof.model.rules:
        _show_rule(prof, key, args)
    zh = args.lang == "zh"
    for pid, proc in prof.model.processes.items():
        events = sorted({t.event for t in proc.transitions})
        label = proc.label.zh if zh else proc.label.en
        print(f"{'流程' if zh else 'process'} {pid}: {label} ({', '.join(events)})")
    return 0


def _cmd_deadline(args: argparse.Namespace) -> int:
    prof = load_profile(args.profile)
    dl = prof.deadline(
        args.key, args.start, level=args.level, as_of=args.as_of, adopted=args.adopt or ()
    )
    payload = {
        "profile": prof.id,
        "key": dl.key,
        "start": dl.start.isoformat(),
        "due": dl.due.isoformat(),
        "end_instant": dl.end_instant.isoformat(),
        "period": dl.period,
        "level": args.level,
        "source": source_json(dl.source),
        "displaced": _rule_payload(dl.rule)["displaced"],
        "provisional": dl.provisional,
        "warnings": list(dl.warnings),
    }
    zh = args.lang == "zh"
    lines = [
        f"{dl.due.isoformat()}  ({'期限' if zh else 'period'}: {dl.period}; "
        f"{'截止' if zh else 'ends'} {dl.end_instant.isoformat()})",
        f"  {'依据' if zh else 'source'}: {dl.source.short}「{dl.source.quote}」",
    ]
    for d in dl.displaced:
        lines.append(
            f"  {'被取代' if zh else 'displaced'}: {d.source.short} ({say(d.reason, args.lang)})"
        )
    _emit(args, payload, "\n".join(lines))
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    failed = 0
    for path in args.files:
        try:
            prof = load_profile(path)
        except DataFileError as exc:
            failed += 1
            print(exc.details(), file=sys.stderr)
        else:
            print(f"{path}: ok ({prof.id}, {len(prof.model.rules)} rule keys)")
    return 1 if failed else 0


def _cmd_schema(args: argparse.Namespace) -> int:
    sys.stdout.write(profile_schema())
    return 0


def _non_negative(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 0, got {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 0, got {value}")
    return value


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="label language (default zh)")


def _calendar_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--region", help="regional calendar layered on the national one (e.g. guangxi)")
    p.add_argument(
        "--provisional",
        action="store_true",
        help="estimate years with no published arrangement (results say so) instead of failing",
    )
    p.add_argument(
        "--calendar-file",
        action="append",
        metavar="FILE",
        help="an official arrangement (YAML) to load first; repeatable",
    )
    p.add_argument(
        "--overlay-file", action="append", metavar="FILE", help="a regional overlay (YAML) to load"
    )
    _common(p)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``govshare`` command."""
    parser = _Parser(
        prog="govshare",
        description="Rules as code for Chinese government data-sharing regulations (政务数据共享).",
    )
    parser.add_argument("--version", action="version", version=f"govshare {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    workday = sub.add_parser("workday", help="official working days (工作日)")
    wsub = workday.add_subparsers(dest="workday_command", required=True, parser_class=_Parser)
    p_is = wsub.add_parser("is", help="is DATE a working day?")
    p_is.add_argument("date", help="ISO date, e.g. 2026-10-10")
    p_is.add_argument(
        "--exit-code", action="store_true", help="exit 3 (not 0) when DATE is a rest day"
    )
    _calendar_options(p_is)
    p_is.set_defaults(func=_cmd_is)
    p_add = wsub.add_parser(
        "add", help="the N-th working day after DATE (the start day is not counted)"
    )
    p_add.add_argument("date", help="ISO date or datetime (naive = Asia/Shanghai)")
    p_add.add_argument("n", type=_non_negative, help="working days, >= 0")
    _calendar_options(p_add)
    p_add.set_defaults(func=_cmd_add)
    p_count = wsub.add_parser("count", help="working days in (FROM, TO]")
    p_count.add_argument("start", metavar="FROM")
    p_count.add_argument("end", metavar="TO")
    _calendar_options(p_count)
    p_count.set_defaults(func=_cmd_count)

    p_profiles = sub.add_parser("profiles", help="list the profiles found")
    _common(p_profiles)
    p_profiles.set_defaults(func=_cmd_profiles)

    p_show = sub.add_parser("show", help="a profile's documents and rules, with their quotes")
    p_show.add_argument("profile", help="profile name or path")
    p_show.add_argument(
        "key", nargs="?", help="one rule key, e.g. share.conditional.provider_reply"
    )
    _common(p_show)
    p_show.set_defaults(func=_cmd_show)

    p_dl = sub.add_parser("deadline", help="the deadline a rule sets for an event")
    p_dl.add_argument("profile", help="profile name or path")
    p_dl.add_argument("key", help="rule key, e.g. share.conditional.provider_reply")
    p_dl.add_argument("--start", required=True, help="the event's date or datetime (ISO)")
    p_dl.add_argument(
        "--level", default="provincial", choices=("provincial", "prefectural", "county")
    )
    p_dl.add_argument("--as-of", help="date deciding which rules are in force (default: start)")
    p_dl.add_argument(
        "--adopt", action="append", metavar="DOC", help="a document adopted at this level"
    )
    _common(p_dl)
    p_dl.set_defaults(func=_cmd_deadline)

    p_val = sub.add_parser("validate", help="check profile files (schema, coverage, precedence)")
    p_val.add_argument("files", nargs="+", metavar="FILE")
    p_val.set_defaults(func=_cmd_validate)

    p_schema = sub.add_parser("schema", help="print the JSON Schema of the profile format")
    p_schema.set_defaults(func=_cmd_schema)
    add_commands(sub, _common, _emit)
    for module in (_cli_compare, _cli_timeline, _cli_scenarios, _cli_check, _cli_obligations):
        module.add_commands(sub, _common, _emit)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        func: Callable[[argparse.Namespace], int] = args.func
        return func(args)
    except _UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except DataFileError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except GovshareError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # pragma: no cover - e.g. piped into head
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
