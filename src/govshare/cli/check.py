"""The ``check`` command: a department's self-assessment against a standard's checklist.

``govshare check STANDARD DEPT.yaml [--serves PROFILE]`` prints each clause as met, not met
or no evidence (and the time-fit findings) as a table, Markdown, JSON or JUnit XML. Exit
status: 0 when nothing is not met and no procedure overruns the deadline it serves; 1 when
something is not met or overruns (or, with ``--strict``, has no evidence), and for invalid
input (with one ``error:`` line on stderr); 2 for a malformed command line.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from govshare.errors import InputError
from govshare.features.selfcheck import SelfCheckReport, check_department
from govshare.render.registry import formats, render
from govshare.render.selfcheck import verdict

__all__ = ["add_commands"]

_LEVELS = ("provincial", "prefectural", "county")


def _cmd_check(args: argparse.Namespace) -> int:
    fmt = "json" if args.json else args.format
    report = check_department(
        args.standard,
        args.department,
        serves=args.serves,
        as_of=args.as_of,
        level=args.level,
        start=args.start,
    )
    out = render(report, fmt, lang=args.lang, strict=args.strict)
    text = out if isinstance(out, str) else out.decode("utf-8")
    text = text if text.endswith("\n") else text + "\n"
    ok = report.ok(strict=args.strict)
    if args.output:
        path = Path(args.output)
        try:
            path.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise InputError("output", args.output, f"a writable file ({exc.strerror})") from None
        print(f"{path}: {verdict(report, lang=args.lang, strict=args.strict)}")
    else:
        sys.stdout.write(text)
    return 0 if ok else 1


def add_commands(sub: Any, common: Any, emit: Any) -> None:
    """Register ``govshare check`` on the ``govshare`` sub-parsers.

    Args:
        sub: the sub-parsers of the ``govshare`` parser.
        common: adds the shared options (``--json``, ``--lang``) to a parser.
        emit: the shared printer (unused: the report has its own formats).
    """
    del emit
    p = sub.add_parser(
        "check",
        help="self-assessment of a department against a standard's checklist",
        description="Check a department description (govshare-department/1, see docs/check.md) "
        "against every checklist item of a standard; with --serves, check that the "
        "department's procedures fit the external deadlines they serve.",
    )
    p.add_argument("standard", help="standard profile name or path (a profile with a checklist)")
    p.add_argument("department", help="department file (YAML, govshare-department/1)")
    p.add_argument(
        "--serves",
        metavar="PROFILE",
        help="jurisdiction profile whose deadlines the procedures serve: time fit",
    )
    p.add_argument(
        "--as-of", help="date deciding which rules are in force (default: the file's as_of)"
    )
    p.add_argument(
        "--level", choices=_LEVELS, help="the department's level (default: the file's level)"
    )
    p.add_argument(
        "--start",
        help="sample start date for --serves: show when each procedure ends and falls due",
    )
    p.add_argument(
        "--format",
        choices=formats(SelfCheckReport),
        default="table",
        help="output format (default table)",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE")
    p.add_argument(
        "--strict", action="store_true", help="fail (exit 1) on items without evidence too"
    )
    common(p)
    p.set_defaults(func=_cmd_check)
