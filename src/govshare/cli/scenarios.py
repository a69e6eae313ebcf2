"""The ``test`` command: run scenario files (``*.govshare.yaml``) without pytest.

``govshare test PATH... [--junit-xml FILE] [--pattern GLOB] [--json] [--lang zh|en]``
prints one line per scenario (PASS, FAIL or ERROR) with the details of each failure, and
exits 0 when every scenario passes, 1 when one fails or a file is invalid.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from govshare.errors import InputError
from govshare.features.scenarios import (
    DEFAULT_PATTERN,
    ScenarioResults,
    find_scenario_files,
    run_paths,
)
from govshare.render.json import to_json
from govshare.render.registry import render

__all__ = ["add_commands"]


def _cmd_test(args: argparse.Namespace) -> int:
    if not find_scenario_files(args.paths, pattern=args.pattern):
        raise InputError(
            "PATH", " ".join(args.paths), f"scenario files, or directories holding {args.pattern}"
        )
    results = ScenarioResults(results=tuple(run_paths(args.paths, pattern=args.pattern)))
    text = str(render(results, "text", lang=args.lang))
    if args.junit_xml:
        xml = str(render(results, "junit", lang=args.lang))
        try:
            Path(args.junit_xml).write_text(xml, encoding="utf-8")
        except OSError as exc:
            raise InputError("--junit-xml", args.junit_xml, f"a writable file ({exc})") from None
    args.emit(args, to_json(results), text)
    return 0 if results.passed else 1


def add_commands(sub: Any, common: Any, emit: Any) -> None:
    """Register ``govshare test`` on the ``govshare`` sub-parsers.

    Args:
        sub: the sub-parsers of the ``govshare`` parser.
        common: adds the shared options (``--json``, ``--lang``) to a parser.
        emit: prints a payload as JSON or as text, as every command does.
    """
    p = sub.add_parser(
        "test",
        help="run scenario files (*.govshare.yaml): PASS/FAIL, expected versus actual",
        description="Run govshare scenario files (docs/scenarios.md). Exit status: 0 when "
        "every scenario passes, 1 when one fails or a file is invalid.",
    )
    p.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="scenario files, or directories searched recursively for them",
    )
    p.add_argument("--junit-xml", metavar="FILE", help="also write a JUnit XML report to FILE")
    p.add_argument(
        "--pattern",
        default=DEFAULT_PATTERN,
        help=f"file-name pattern searched for in directories (default {DEFAULT_PATTERN})",
    )
    common(p)
    p.set_defaults(func=_cmd_test, emit=emit)
