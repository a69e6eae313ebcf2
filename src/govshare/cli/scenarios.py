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
    ScenarioResult,
    find_scenario_files,
    run_paths,
)
from govshare.render.junit import JUnitCase, junit_xml

__all__ = ["add_commands"]

_LABEL = {"pass": "PASS", "fail": "FAIL", "error": "ERROR"}


def _payload(r: ScenarioResult) -> dict[str, Any]:
    return {
        "scenario": r.scenario,
        "file": r.file,
        "line": r.line,
        "profile": r.profile,
        "outcome": r.outcome,
        "mismatches": [
            {
                "path": m.path,
                "expected": m.expected,
                "actual": m.actual,
                "citation": None
                if m.citation is None
                else {"short": m.citation.short, "doc": m.citation.doc, "quote": m.citation.quote},
            }
            for m in r.mismatches
        ],
        "error": r.error,
        "seconds": round(r.seconds, 3),
    }


def _case(r: ScenarioResult) -> JUnitCase:
    details = r.report("en")
    if r.mismatches:
        message = f"{len(r.mismatches)} mismatch(es): " + ", ".join(m.path for m in r.mismatches)
    else:
        message = details.splitlines()[0] if details else r.outcome
    return JUnitCase(
        name=r.scenario,
        classname=r.file,
        failure=message if r.outcome == "fail" else None,
        error=message if r.outcome == "error" else None,
        details=details,
        seconds=r.seconds,
    )


def _counts(results: list[ScenarioResult]) -> dict[str, int]:
    return {k: sum(r.outcome == k for r in results) for k in ("pass", "fail", "error")}


def _summary(results: list[ScenarioResult], zh: bool) -> str:
    counts = _counts(results)
    if zh:
        return f"通过 {counts['pass']}，失败 {counts['fail']}，错误 {counts['error']}"
    errors = "error" if counts["error"] == 1 else "errors"
    return f"{counts['pass']} passed, {counts['fail']} failed, {counts['error']} {errors}"


def _cmd_test(args: argparse.Namespace) -> int:
    if not find_scenario_files(args.paths, pattern=args.pattern):
        raise InputError(
            "PATH", " ".join(args.paths), f"scenario files, or directories holding {args.pattern}"
        )
    results = run_paths(args.paths, pattern=args.pattern)
    zh = args.lang == "zh"
    lines: list[str] = []
    for r in results:
        lines.append(f"{_LABEL[r.outcome]:<5} {r.where}  {r.scenario}")
        if not r.passed:
            lines.extend(f"    {line}" for line in r.report(args.lang).splitlines())
    lines.append(_summary(results, zh))
    if args.junit_xml:
        xml = junit_xml("govshare scenarios", [_case(r) for r in results])
        try:
            Path(args.junit_xml).write_text(xml, encoding="utf-8")
        except OSError as exc:
            raise InputError("--junit-xml", args.junit_xml, f"a writable file ({exc})") from None
    payload = {"results": [_payload(r) for r in results], **_counts(results)}
    args.emit(args, payload, "\n".join(lines))
    return 0 if all(r.passed for r in results) else 1


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
