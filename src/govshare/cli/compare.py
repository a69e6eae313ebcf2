"""The ``compare`` command: rules side by side, one case in every jurisdiction, what-ifs."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from govshare._kernel.dates import SHANGHAI
from govshare.cli.options import add_adopt, add_as_of, add_calendar, add_level, profile_of, width
from govshare.errors import GovshareError, InputError
from govshare.features.compare import (
    RuleMatrix,
    ScenarioComparison,
    adopted_by_profile,
    compare_rules,
    compare_scenario,
    load_patches,
)
from govshare.profiles import JurisdictionProfile, installed_profiles
from govshare.render.registry import formats, render

__all__ = ["add_commands"]


def _adopted(loaded: list[JurisdictionProfile], docs: list[str]) -> dict[str, list[str]]:
    """Which profile each ``--adopt DOC`` belongs to (document ids are unique per profile)."""
    return adopted_by_profile(loaded, docs)


def _jurisdictions() -> list[str]:
    """Every jurisdiction profile installed; a plugin that fails to load is reported on
    stderr (one line each) and left out, so one broken package does not stop the rest."""
    found, broken = installed_profiles()
    for exc in broken:
        print(f"warning: {' '.join(str(exc).split())}", file=sys.stderr)
    return [name for name, prof in found.items() if prof.model.kind == "jurisdiction"]


def _replayed_somewhere(result: ScenarioComparison) -> None:
    """A log no column can replay is a bad log, not a comparison: one error line, exit 1.
    (A log that fails in some columns only is a difference the table shows.)"""
    errors = [c.error for c in result.columns if c.error is not None]
    if result.columns and len(errors) == len(result.columns):
        distinct = list(dict.fromkeys(errors))
        if len(distinct) == 1:
            raise GovshareError(distinct[0])
        raise GovshareError(
            "the log cannot be replayed under any profile compared: "
            + "; ".join(f"{c.profile}: {c.error}" for c in result.columns)
        )


def _cmd_compare(args: argparse.Namespace) -> int:
    fmt = "json" if args.json else args.format
    patches = load_patches(args.patch or ())
    names = list(args.profiles)
    if not names:
        names = _jurisdictions()
    loaded = [profile_of(args, n) for n in names]
    for prof in loaded:
        if not prof.model.rules:
            raise InputError(
                "profile",
                prof.id,
                f"a profile with sharing rules: {prof.id} is a {prof.model.kind} with none "
                f"(check a department against it with 'govshare check {prof.id} DEPT.yaml')",
            )
    adopted = _adopted(loaded + [p.baseline for p in patches], args.adopt or [])
    if args.scenario:
        result: Any = compare_scenario(
            args.scenario,
            loaded,
            as_of=args.as_of,
            level=args.level,
            adopted=adopted or None,
            patches=patches,
        )
        _replayed_somewhere(result)
    else:
        as_of = args.as_of or dt.datetime.now(SHANGHAI).date()
        result = compare_rules(
            loaded,
            as_of=as_of,
            level=args.level,
            adopted=adopted,
            patches=patches,
            only_diff=args.only_diff,
        )
    out = render(result, fmt, lang=args.lang, width=args.width)
    text = out if isinstance(out, str) else out.decode("utf-8")
    if fmt == "json":
        text += "\n"
    if args.output:
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as exc:  # a directory, no permission, a missing folder
            expected = f"a file path that can be written ({exc.strerror})"
            raise InputError("-o", args.output, expected) from None
        print(f"wrote {args.output}")
    else:
        print(text, end="" if text.endswith("\n") else "\n")
    return 0


def add_commands(sub: Any, common: Any, emit: Any) -> None:
    """Register ``compare`` on the ``govshare`` sub-parsers."""
    del emit  # the command renders its own formats
    p = sub.add_parser(
        "compare",
        help="compare profiles rule by rule, or one event log replayed in each (what-if: --patch)",
        description=(
            "Rows are the inventory's rule keys, columns the profiles (by default a column per "
            "level the profile's documents apply to). With --scenario, one event log is "
            "replayed under each profile and the due dates and outcomes shown side by side."
        ),
    )
    p.add_argument("profiles", nargs="*", metavar="PROFILE", help="default: every jurisdiction")
    add_as_of(p, default="today in Asia/Shanghai; with --scenario, the log's as_of")
    add_level(
        p,
        default="a column per level the profile's documents apply to; with --scenario, "
        "the log's level",
    )
    add_adopt(p)
    p.add_argument("--only-diff", action="store_true", help="keep only rows that differ")
    known = sorted({*formats(RuleMatrix), *formats(ScenarioComparison)})
    p.add_argument("--format", choices=known, default="table", help="output format")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    p.add_argument("--scenario", metavar="LOG", help="an event log (YAML) to replay in each")
    p.add_argument(
        "--patch",
        action="append",
        metavar="FILE",
        help="a what-if patch (YAML, govshare-patch/1); adds a column; repeatable",
    )
    p.add_argument(
        "--width",
        type=width,
        default=100,
        help="terminal table width, at least 40 columns (default: %(default)s)",
    )
    add_calendar(p, region=False)
    common(p)
    p.set_defaults(func=_cmd_compare)
