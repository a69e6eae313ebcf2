"""The profile commands: ``profiles``, ``show``, ``deadline``, ``validate``, ``schema``."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from govshare.cli.options import (
    add_adopt,
    add_as_of,
    add_calendar,
    add_level,
    add_output,
    add_profile,
    profile_of,
)
from govshare.cli.output import print_result

__all__ = ["add_commands"]

_KEY = "rule key, e.g. share.conditional.provider_reply (see 'govshare show PROFILE')"


def _cmd_profiles(args: argparse.Namespace) -> int:
    from govshare.profiles import installed_profiles  # noqa: PLC0415
    from govshare.render.profiles import (  # noqa: PLC0415
        DocumentStatus,
        ProfileList,
        ProfileSummary,
    )

    profiles, broken = installed_profiles()
    for exc in broken:  # a broken plugin is reported; the others are still listed
        print(f"warning: {' '.join(str(exc).split())}", file=sys.stderr)
    found = []
    for prof in profiles.values():
        docs = tuple(DocumentStatus(id=d.id, status=d.status) for d in prof.model.documents)
        found.append(ProfileSummary(id=prof.id, name=prof.model.name, documents=docs))
    print_result(args, ProfileList(profiles=tuple(found)))
    return 0


def _cmd_show(args: argparse.Namespace) -> int:
    from govshare.profiles import check_rule_key, load_profile  # noqa: PLC0415
    from govshare.render.profiles import ProfileView  # noqa: PLC0415

    prof = load_profile(args.profile)
    rules = {k: tuple(v) for k, v in prof.model.rules.items()}
    if args.key is not None:
        rules = {args.key: rules.get(check_rule_key(args.key, prof.id), ())}
    view = ProfileView(
        id=prof.id,
        name=prof.model.name,
        documents=tuple(prof.model.documents),
        rules=rules,
        processes={pid: p.label for pid, p in prof.model.processes.items()},
        key=args.key,
        layer_under=prof.model.layer_under,
    )
    print_result(args, view)
    return 0


def _cmd_deadline(args: argparse.Namespace) -> int:
    from govshare.profiles import check_rule_key, resolve_level  # noqa: PLC0415

    prof = profile_of(args, args.profile)
    check_rule_key(args.key, prof.id)
    adopted = args.adopt or ()
    level = resolve_level(prof, args.level, adopted=adopted, layered=True)
    dl = prof.deadline(args.key, args.start, level=level, as_of=args.as_of, adopted=adopted)
    print_result(args, dl)
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    from govshare.errors import DataFileError  # noqa: PLC0415
    from govshare.profiles import load_profile  # noqa: PLC0415

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
    from govshare.profiles import profile_schema  # noqa: PLC0415

    sys.stdout.write(profile_schema())
    return 0


def add_commands(sub: Any, common: Any, emit: Any) -> None:
    """Register the profile commands on the ``govshare`` sub-parsers."""
    del common, emit  # the options come from govshare.cli.options
    from govshare.cli.app import command  # noqa: PLC0415 - app imports us lazily

    p = command(
        sub,
        "profiles",
        "The profiles found (bundled, and registered by installed packages), with "
        "their documents and each document's status.",
    )
    add_output(p)
    p.set_defaults(func=_cmd_profiles)

    p = command(
        sub,
        "show",
        "A profile's documents, and each rule key's entries: the value in words, "
        "the article and the exact words of the text.",
    )
    add_profile(p)
    p.add_argument("key", nargs="?", help=f"only this {_KEY} (default: every key)")
    add_output(p)
    p.set_defaults(func=_cmd_show)

    p = command(
        sub,
        "deadline",
        "The due day a rule sets for an event, with the rule in force at the "
        "level and date, its citation and any rule it displaces.",
    )
    add_profile(p)
    p.add_argument("key", help=_KEY)
    p.add_argument("--start", required=True, help="the event's date or datetime (ISO) (required)")
    add_level(p)
    add_as_of(p, default="the start date")
    add_adopt(p)
    add_calendar(p, region=False)
    add_output(p)
    p.set_defaults(func=_cmd_deadline)

    p = command(
        sub,
        "validate",
        "Load each profile file and report every problem with its file, line and "
        "field: unknown fields, a value of the wrong kind, a rule key without an entry for "
        "every document, two documents' rules with no declared precedence. Exit status 1 "
        "when any file fails.",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="profile files (YAML)")
    p.set_defaults(func=_cmd_validate)

    p = command(
        sub,
        "schema",
        "Print the JSON Schema (draft 2020-12) of the profile file format "
        "(govshare-profile/1), for editors that check YAML against a schema.",
    )
    p.set_defaults(func=_cmd_schema)
