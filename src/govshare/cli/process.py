"""The ``replay``, ``decide`` and ``diagram`` commands (processes and access decisions)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from govshare.cli.options import (
    add_adopt,
    add_as_of,
    add_file_case,
    add_level,
    add_output,
    add_profile,
    profile_of,
    today,
)
from govshare.cli.output import print_result

if TYPE_CHECKING:
    from govshare.processes import ProcessStatus
    from govshare.profiles import JurisdictionProfile

__all__ = ["add_commands", "replay_file"]


def replay_file(
    prof: JurisdictionProfile,
    path: str,
    *,
    as_of: str | None,
    level: str | None,
    adopted: list[str] | None,
) -> ProcessStatus:
    """Replay a log file; options given override the log's own; errors name file and line."""
    from govshare import processes  # noqa: PLC0415 - imported when the command runs

    return processes.replay_file(prof, path, as_of=as_of, level=level, adopted=adopted)


def _cmd_replay(args: argparse.Namespace) -> int:
    from govshare.render.process import Replay  # noqa: PLC0415

    prof = profile_of(args, args.profile)
    st = replay_file(prof, args.log, as_of=args.as_of, level=args.level, adopted=args.adopt)
    proc = prof.model.processes[st.process]
    result = Replay(
        status=st,
        profile_name=prof.model.name,
        process_label=proc.label,
        state_labels={sid: s.label for sid, s in proc.states.items()},
    )
    print_result(args, result)
    return 0


def _cmd_decide(args: argparse.Namespace) -> int:
    from govshare.access import decide_access, load_access_request  # noqa: PLC0415
    from govshare.profiles import resolve_level  # noqa: PLC0415
    from govshare.render.process import Decision  # noqa: PLC0415

    prof = profile_of(args, args.profile)
    req = load_access_request(args.request)
    adopted = req.adopted if args.adopt is None else args.adopt
    level = resolve_level(prof, args.level or req.level, adopted=adopted)
    as_of = req.as_of if args.as_of is None else args.as_of
    d = decide_access(prof, req.resource, req.requester, as_of=as_of, level=level, adopted=adopted)
    print_result(args, Decision(decision=d))
    return 0


def _cmd_diagram(args: argparse.Namespace) -> int:
    from govshare.profiles import check_process, load_profile  # noqa: PLC0415
    from govshare.render.mermaid import mermaid  # noqa: PLC0415

    prof = load_profile(args.profile)
    text = mermaid(
        prof,
        check_process(prof, args.process),
        as_of=args.as_of or today(),
        level=args.level,
        adopted=tuple(args.adopt or ()),
        lang=args.lang,
    )
    print(text, end="")
    return 0


def add_commands(sub: Any, common: Any, emit: Any) -> None:
    """Register ``replay``, ``decide`` and ``diagram`` on the ``govshare`` sub-parsers."""
    del common, emit  # the options come from govshare.cli.options
    from govshare.cli.app import command  # noqa: PLC0415 - app imports us lazily

    p = command(
        sub,
        "replay",
        "Replay an event log (YAML, see docs/processes.md) under a profile: the "
        "state the case is in, open duties and their due days, timers that fired (deemed "
        "consent), violations and findings, and the trace with a citation per step.",
    )
    add_profile(p)
    p.add_argument("log", help="event log (YAML, see docs/processes.md)")
    add_file_case(p, "log")
    add_output(p)
    p.set_defaults(func=_cmd_replay)

    p = command(
        sub,
        "decide",
        "Which access path a request (YAML, see docs/access.md) takes, who "
        "reviews it and the texts that say so.",
    )
    add_profile(p)
    p.add_argument("request", help="request file (YAML, see docs/access.md)")
    add_file_case(p, "request")
    add_output(p)
    p.set_defaults(func=_cmd_decide)

    p = command(
        sub,
        "diagram",
        "A process of the profile as a Mermaid state diagram, each deadline "
        "labelled with its period and article as in force at the date and level.",
    )
    add_profile(p)
    p.add_argument("process", help="process id, e.g. conditional_application")
    add_level(p)
    add_as_of(p)
    add_adopt(p)
    add_output(p, json=False)
    p.set_defaults(func=_cmd_diagram)
