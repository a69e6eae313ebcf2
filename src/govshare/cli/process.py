"""The ``replay``, ``decide`` and ``diagram`` commands (processes and access decisions)."""

from __future__ import annotations

import argparse
from typing import Any

from govshare._kernel.messages import say
from govshare.access import AccessDecision, decide_access, load_access_request
from govshare.errors import InputError
from govshare.processes import EventLogError, ProcessStatus, replay
from govshare.processes._log import read_event_log
from govshare.profiles import JurisdictionProfile, load_profile
from govshare.render.json import jsonable
from govshare.render.mermaid import mermaid

__all__ = ["add_commands", "replay_file"]

_LEVELS = ("provincial", "prefectural", "county")


def _status_text(st: ProcessStatus, zh: bool) -> str:
    state = st.state_label.zh if zh else st.state_label.en
    end = ("（终态）" if zh else " (final)") if st.terminal else ""
    since = f" since {st.since.isoformat()}" if st.since else ""
    out = [
        f"{st.profile} {st.process} ({st.level}) as of {st.as_of.isoformat(timespec='seconds')}",
        f"{'状态' if zh else 'state'}: {state} [{st.state}]{end}{since}",
    ]
    for d in st.open_duties:
        who = d.actor + (f" ({d.party})" if d.party else "")
        due = d.due.isoformat() if d.due else d.period
        flag = (" 已逾期" if zh else " OVERDUE") if d.overdue else ""
        out.append(f"  {'期限' if zh else 'due'}: {who} {due}{flag} — {d.period}; {d.source.short}")
    for f in st.fired:
        what = (
            ("逾期视为同意" if zh else "deemed consent")
            if f.kind == "deemed_consent"
            else ("逾期" if zh else "overdue")
        )
        out.append(
            f"  {'到期' if zh else 'fired'}: {f.at.isoformat()} {what} "
            f"{f.actor}{f' ({f.party})' if f.party else ''} — {f.source.short}"
        )
    for v in st.violations:
        late = "" if v.late_working_days is None else f", {v.late_working_days} working days late"
        more = " (ongoing)" if v.ongoing else ""
        what = say(v.message, "zh" if zh else "en")
        out.append(f"  {'违规' if zh else 'violation'}: {what}{late}{more} — {v.source.short}")
    for fd in st.findings:
        out.append(f"  {'提示' if zh else 'finding'}: {fd.zh if zh else fd.en} — {fd.source.short}")
    for nb in st.not_before:
        out.append(
            f"  {'最早' if zh else 'not before'}: {nb.event} {nb.earliest.isoformat()} — "
            f"{nb.period}; {nb.source.short}"
        )
    out.append("trace:" if not zh else "轨迹:")
    for s in st.trace:
        idx = f"[{s.index}]" if s.index is not None else "[auto]"
        label = s.label.zh if zh else s.label.en
        cite = f" — {s.source.short}" if s.source else ""
        note = f" ({say(s.note, 'zh' if zh else 'en')})" if s.note else ""
        out.append(
            f"  {idx} {s.at.isoformat()} {s.event} ({label}) {s.from_state} -> {s.to_state}"
            f"{note}{cite}"
        )
    return "\n".join(out)


def replay_file(
    prof: JurisdictionProfile,
    path: str,
    *,
    as_of: str | None,
    level: str | None,
    adopted: list[str] | None,
) -> ProcessStatus:
    """Replay a log file; options given override the log's own; errors name file and line."""
    log, loaded = read_event_log(path)
    when = as_of or log.as_of
    if when is None:
        raise InputError("as_of", None, f"--as-of or an as_of: line in the log {path}")
    try:
        return replay(
            prof,
            log.process,
            log.events,
            as_of=when,
            level=level or log.level,
            adopted=adopted or log.adopted,
        )
    except EventLogError as exc:
        raise exc.located(loaded.file, loaded.line_of(("events", exc.index))) from None


def _cmd_replay(args: argparse.Namespace) -> int:
    prof = load_profile(args.profile)
    st = replay_file(prof, args.log, as_of=args.as_of, level=args.level, adopted=args.adopt)
    payload = jsonable(st) | {"deemed_consent": st.deemed_consent}
    args.emit(args, payload, _status_text(st, args.lang == "zh"))
    return 0


def _decision_text(d: AccessDecision, zh: bool) -> str:
    out = [d.zh if zh else d.en]
    if d.reviewers:
        out.append(
            ("审核方: " if zh else "reviewers: ")
            + ", ".join(f"{r.name} ({r.role})" for r in d.reviewers)
        )
    out.append("依据:" if zh else "citations:")
    out.extend(f"  {s.short}「{s.quote}」" for s in d.citations)
    return "\n".join(out)


def _cmd_decide(args: argparse.Namespace) -> int:
    prof = load_profile(args.profile)
    req = load_access_request(args.request)
    d = decide_access(
        prof, req.resource, req.requester, as_of=req.as_of, level=req.level, adopted=req.adopted
    )
    payload = jsonable(d) | {"citations": jsonable(d.citations)}
    args.emit(args, payload, _decision_text(d, args.lang == "zh"))
    return 0


def _cmd_diagram(args: argparse.Namespace) -> int:
    prof = load_profile(args.profile)
    print(
        mermaid(
            prof,
            args.process,
            as_of=args.as_of,
            level=args.level,
            adopted=tuple(args.adopt or ()),
            lang=args.lang,
        ),
        end="",
    )
    return 0


def add_commands(sub: Any, common: Any, emit: Any) -> None:
    """Register the commands on the ``govshare`` sub-parsers.

    ``common`` adds the shared options (``--json``, ``--lang``); ``emit`` prints a payload
    as JSON or as text with its warnings, as every other command does.
    """
    p = sub.add_parser("replay", help="replay an event log: state, deadlines, violations")
    p.add_argument("profile", help="profile name or path")
    p.add_argument("log", help="event log (YAML, see docs/processes.md)")
    p.add_argument("--as-of", help="date or datetime to report at (default: the log's as_of)")
    p.add_argument("--level", choices=_LEVELS, help="override the log's level")
    p.add_argument("--adopt", action="append", metavar="DOC", help="override adopted documents")
    common(p)
    p.set_defaults(func=_cmd_replay, emit=emit)

    p = sub.add_parser("decide", help="which access path a request takes, and who reviews it")
    p.add_argument("profile", help="profile name or path")
    p.add_argument("request", help="request file (YAML, see docs/access.md)")
    common(p)
    p.set_defaults(func=_cmd_decide, emit=emit)

    p = sub.add_parser("diagram", help="Mermaid state diagram of a process")
    p.add_argument("profile", help="profile name or path")
    p.add_argument("process", help="process id, e.g. conditional_application")
    p.add_argument("--level", default="provincial", choices=_LEVELS)
    p.add_argument("--as-of", required=True, help="date deciding which rules are in force")
    p.add_argument("--adopt", action="append", metavar="DOC", help="a document adopted")
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="label language")
    p.set_defaults(func=_cmd_diagram)
