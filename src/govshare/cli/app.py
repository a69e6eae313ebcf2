"""The ``govshare`` command: the parser and :func:`main`.

Start-up is kept short: the top-level parser lists every command from :data:`COMMANDS`
(name, module, one-line summary) without importing any command module; only the module of
the command being run is imported and registers its sub-parser (``add_commands(sub,
common, emit)``), and each handler imports the features it needs when it runs.
:func:`build_parser` builds the whole tree (for the CLI reference and tests).

Every error exits non-zero with one clear line on stderr (never a traceback): 2 for a
malformed command line, 1 for anything the library refuses (bad input, dates outside the
calendar's data, invalid files, a missing optional dependency).
"""

from __future__ import annotations

import argparse
import importlib
import sys

from govshare import __version__
from govshare.cli.options import add_output
from govshare.cli.output import emit, print_error, usage_error

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence
    from typing import Any, NoReturn

__all__ = ["COMMANDS", "build_parser", "command", "main"]

#: Every command: the module that registers it and its summary in the command list.
COMMANDS: dict[str, tuple[str, str]] = {
    "workday": ("govshare.cli.workday", "official working days (工作日): is, add, count"),
    "calendar": ("govshare.cli.calendar", "check a new year's holiday notice file (YAML)"),
    "profiles": ("govshare.cli.profiles", "list the profiles found"),
    "show": ("govshare.cli.profiles", "a profile's documents and rules, with their quotes"),
    "deadline": ("govshare.cli.profiles", "the deadline a rule sets for an event"),
    "validate": ("govshare.cli.profiles", "check profile files (schema, coverage, precedence)"),
    "schema": ("govshare.cli.profiles", "print the JSON Schema of the profile file format"),
    "replay": ("govshare.cli.process", "replay an event log: state, deadlines, violations"),
    "decide": ("govshare.cli.process", "which access path a request takes, and who reviews it"),
    "diagram": ("govshare.cli.process", "Mermaid state diagram of a process"),
    "compare": (
        "govshare.cli.compare",
        "compare profiles rule by rule, or one event log replayed in each (what-if: --patch)",
    ),
    "timeline": (
        "govshare.cli.timeline",
        "a picture (SVG/PNG) of working days, rest days and each deadline, per profile",
    ),
    "test": (
        "govshare.cli.scenarios",
        "run scenario files (*.govshare.yaml): PASS/FAIL, expected versus actual",
    ),
    "check": (
        "govshare.cli.check",
        "self-assessment of a department against a standard profile",
    ),
    "obligations": (
        "govshare.cli.obligations",
        "a year's recurring duties and open deadlines, with citations (iCalendar export)",
    ),
    "serve": (
        "govshare.cli.serve",
        "serve the rules over HTTP: deadlines, working days, replay, decisions (server extra)",
    ),
    "audit": (
        "govshare.cli.audit",
        "timeliness audit of a year of application records: per provider and month, report",
    ),
}


def command(sub: Any, name: str, description: str) -> argparse.ArgumentParser:
    """Add the sub-parser of a command of :data:`COMMANDS`, with its summary as help."""
    parser: argparse.ArgumentParser = sub.add_parser(
        name, help=COMMANDS[name][1], description=description
    )
    return parser


class Parser(argparse.ArgumentParser):
    """An argument parser that raises (one ``error:`` line, exit 2) instead of exiting."""

    def error(self, message: str) -> NoReturn:
        raise usage_error(f"{self.prog}: {message}")


def common(p: argparse.ArgumentParser) -> None:
    """The options every command shares: ``--json`` and ``--lang``."""
    add_output(p)


def _root() -> tuple[Parser, Any]:
    parser = Parser(
        prog="govshare",
        description="Rules as code for Chinese government data-sharing regulations (政务数据共享). "
        "Run 'govshare COMMAND --help' for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"govshare {__version__}")
    sub = parser.add_subparsers(
        dest="command", metavar="COMMAND", required=True, parser_class=Parser
    )
    return parser, sub


def _register(sub: Any, modules: Iterable[str]) -> set[str]:
    """Let each module add its commands; the names registered."""
    before = set(sub.choices)
    for module in dict.fromkeys(modules):
        importlib.import_module(module).add_commands(sub, common, emit)
    return set(sub.choices) - before


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``govshare`` command, every command's parser built (this
    imports every command module; :func:`main` builds only the one it runs)."""
    parser, sub = _root()
    _register(sub, (module for module, _ in COMMANDS.values()))
    return parser


def _parser_for(command: str | None) -> argparse.ArgumentParser:
    """The parser with ``command``'s sub-parser built for real, every other command listed
    by name and summary only (so that only that command's module is imported)."""
    parser, sub = _root()
    if command in COMMANDS:
        _register(sub, [COMMANDS[command][0]])
    for name, (_, text) in COMMANDS.items():
        if name not in sub.choices:
            sub.add_parser(name, help=text, add_help=False)
    return parser


def _command_word(argv: Sequence[str]) -> str | None:
    """The command named on the command line (the first word that is not an option)."""
    return next((a for a in argv if not a.startswith("-")), None)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args_in = list(sys.argv[1:] if argv is None else argv)
    parser = _parser_for(_command_word(args_in))
    if not args_in:
        parser.print_help()
        return 2
    try:
        args = parser.parse_args(args_in)
        func: Callable[[argparse.Namespace], int] = args.func
        return func(args)
    except BrokenPipeError:  # pragma: no cover - e.g. piped into head
        return 0
    except Exception as exc:
        from govshare.cli.output import UsageError  # noqa: PLC0415
        from govshare.errors import GovshareError  # noqa: PLC0415

        if isinstance(exc, UsageError | GovshareError):
            return print_error(exc)
        if isinstance(exc, ModuleNotFoundError):  # an optional package no require() named
            return print_error(
                GovshareError(f"{exc}: an optional dependency of govshare is not installed")
            )
        raise
