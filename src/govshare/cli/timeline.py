"""The ``timeline`` command: a picture of working days, rest days and deadlines (SVG/PNG)."""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path
from typing import Any

from govshare.cli.options import add_adopt, add_as_of, add_calendar, profile_of
from govshare.errors import GovshareError, InputError
from govshare.features.timeline import timeline
from govshare.profiles import JurisdictionProfile, installed_profiles
from govshare.render.json import to_json
from govshare.render.registry import render
from govshare.render.timeline import TimelineFontWarning

__all__ = ["add_commands", "default_profiles"]

_FORMATS = {".svg": "svg", ".png": "png"}


def default_profiles() -> list[JurisdictionProfile]:
    """The profiles drawn when none is named: every local jurisdiction profile of the
    registry (bundled or installed), in its order. Standards are left out, and so is a layer
    the others sit under (the national regulation): name it to draw its own lane. A plugin
    that fails to load is reported on stderr and left out."""
    found, broken = installed_profiles()
    for exc in broken:
        print(f"warning: {' '.join(str(exc).split())}", file=sys.stderr)
    profs = list(found.values())
    places = [p for p in profs if p.model.kind == "jurisdiction"]
    uppers = {p.model.layer_under for p in places}
    return [p for p in places if p.id not in uppers]


def _levels(values: list[str] | None, ids: list[str]) -> str | dict[str, str] | None:
    """``--level L`` for every profile, ``--level PROFILE=L`` for one; both may be given."""
    if not values:
        return None
    default: str | None = None
    per: dict[str, str] = {}
    for value in values:
        pid, sep, level = value.partition("=")
        if sep:
            per[pid] = level
        else:
            default = value
    if not per:
        return default
    if default is not None:
        return {pid: per.get(pid, default) for pid in ids} | per
    return per


def _cmd_timeline(args: argparse.Namespace) -> int:
    parser: argparse.ArgumentParser = args.parser
    if args.start is not None and args.key is None:
        parser.error("--start goes with --key")
    if args.key is not None and args.start is None:
        parser.error("--key needs --start DATE (the event the period runs from)")
    fmt: str | None = None
    if args.output is not None:
        fmt = _FORMATS.get(Path(args.output).suffix.lower())
        if fmt is None:
            parser.error(f"-o {args.output}: the file name must end in .svg or .png")
    elif not args.json:
        parser.error("-o FILE.svg|FILE.png is required (or --json for the data)")
    profs = [profile_of(args, p) for p in args.profiles or [p.id for p in default_profiles()]]
    tl = timeline(
        profs,
        log=args.scenario,
        key=args.key,
        start=args.start,
        as_of=args.as_of,
        level=_levels(args.level, [p.id for p in profs]),
        adopted=args.adopt,
        title=args.title,
    )
    if all(lane.note for lane in tl.lanes):
        raise GovshareError(
            "nothing to draw: " + "; ".join(f"{pid}: {note}" for pid, note in tl.notes)
        )
    found: list[str] = []
    if args.output is not None and fmt is not None:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", TimelineFontWarning)
            data = render(tl, fmt, lang=args.lang)
        found += [str(w.message) for w in caught if issubclass(w.category, TimelineFontWarning)]
        try:
            out = Path(args.output)
            out.write_bytes(data) if isinstance(data, bytes) else out.write_text(data, "utf-8")
        except OSError as exc:
            raise InputError("output", args.output, f"a file that can be written ({exc})") from None
    # the govshare-timeline/1 document; a font warning from drawing joins the lanes' warnings
    payload = to_json(tl)
    payload["warnings"] = [*payload.get("warnings", ()), *found]
    text = render(tl, "text", lang=args.lang, output=args.output)
    args.emit(args, payload, text)
    return 0


def add_commands(sub: Any, common: Any, emit: Any) -> None:
    """Register ``timeline`` on the ``govshare`` sub-parsers.

    ``common`` adds the shared options (``--json``, ``--lang``); ``emit`` prints a payload
    as JSON or as text with its warnings, as every other command does.
    """
    p = sub.add_parser(
        "timeline",
        help="a picture (SVG/PNG) of working days, rest days and each deadline, per profile",
        description="One lane per profile on a shared date axis: working days, weekends, "
        "statutory holidays, make-up working days and regional rest days, with each duty's "
        "start, the working days counted and its due day. The format follows the file name.",
    )
    p.add_argument(
        "profiles",
        nargs="*",
        metavar="PROFILE",
        help="profile names or paths (default: every jurisdiction profile; "
        "govshare profiles lists them)",
    )
    mode = p.add_mutually_exclusive_group(required=True)
    mode.add_argument(
        "--scenario", metavar="LOG", help="an event log (YAML, docs/processes.md) to replay"
    )
    mode.add_argument("--key", help="one rule's deadline, e.g. share.conditional.provider_reply")
    p.add_argument("--start", help="with --key: the event's date or datetime (ISO)")
    p.add_argument(
        "--level",
        action="append",
        metavar="LEVEL",
        help="provincial, prefectural, county or own (each profile's own level), or "
        "PROFILE=LEVEL for one profile; repeatable (default: the log's level; own with --key)",
    )
    add_as_of(p, default="the log's as_of; with --key, the start date")
    add_adopt(p)
    add_calendar(p, region=False)
    p.add_argument("--title", help="the picture's title")
    p.add_argument("-o", "--output", metavar="FILE", help="FILE.svg or FILE.png")
    common(p)
    p.set_defaults(func=_cmd_timeline, emit=emit, parser=p)
