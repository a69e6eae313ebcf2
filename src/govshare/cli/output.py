"""Printing: a result as text or JSON (through the renderer registry), its warnings, errors.

Every command prints through here, so a result looks the same whichever command produced
it: ``--json`` prints the registered JSON document (:func:`govshare.render.json.to_json`),
text goes through :func:`govshare.render.registry.render` and is followed by the result's
"provisional" note and its warnings (each through :func:`govshare._kernel.messages.say`).
Errors are one line on stderr: :func:`print_error` gives the exit status.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Mapping

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from typing import Any

__all__ = ["emit", "print_error", "print_result", "usage_error"]


class UsageError(Exception):
    """A malformed command line (exit status 2)."""


def usage_error(message: str) -> UsageError:
    """The error a parser raises instead of exiting."""
    return UsageError(message)


def _warnings(lang: str, provisional: bool, warnings: Iterable[Any]) -> None:
    from govshare._kernel.messages import say  # noqa: PLC0415
    from govshare._kernel.vocabulary import label  # noqa: PLC0415

    if provisional:
        print(f"  {label('word', 'provisional', lang)}")
    from govshare.render.text import terminal_safe  # noqa: PLC0415

    for w in warnings:  # a Notice, or one already dumped to JSON ({code, zh, en})
        text = str(w.get(lang, w)) if isinstance(w, Mapping) else say(w, lang)
        print(f"  {label('word', 'warning', lang)}: {terminal_safe(cli_message(text))}")


def print_result(args: argparse.Namespace, result: object) -> None:
    """Print a registered result: its JSON document with ``--json``, else its text and then
    its provisional note and warnings (when it has them)."""
    from govshare.render.json import dumps, to_json  # noqa: PLC0415
    from govshare.render.registry import render  # noqa: PLC0415

    if getattr(args, "json", False):
        print(dumps(to_json(result)))
        return
    text = render(result, "text", lang=args.lang)
    print(cli_message(text if isinstance(text, str) else text.decode("utf-8")))
    _warnings(
        args.lang, bool(getattr(result, "provisional", False)), getattr(result, "warnings", ())
    )


def emit(args: argparse.Namespace, payload: Any, text: str | None = None) -> None:
    """The printer handed to the command modules (``add_commands(sub, common, emit)``).

    ``payload`` is a registered result (printed by :func:`print_result`), or a JSON-ready
    dict printed as it is with ``--json`` and otherwise as ``text`` followed by the
    payload's ``provisional`` note and ``warnings``.
    """
    if not isinstance(payload, Mapping):
        print_result(args, payload)
        return
    if args.json:
        from govshare.render.json import dumps  # noqa: PLC0415

        print(dumps(payload))
        return
    from govshare.render.text import terminal_safe  # noqa: PLC0415

    print(terminal_safe(cli_message(text or "")))
    _warnings(args.lang, bool(payload.get("provisional")), payload.get("warnings", ()))


#: Library hints written for Python callers, and what the command line calls them.
_PYTHON_HINTS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (
        re.compile(r"pass adopted=\[([^\]]*)\]"),
        lambda m: " ".join(f"--adopt {d.strip().strip(chr(39))}" for d in m[1].split(",")),
    ),
    (re.compile(r"pass a level to force one"), lambda m: "pass --level to force one"),
    (re.compile(r"level='(\w+)'"), lambda m: f"--level {m[1]}"),
    (
        re.compile(
            r"\(load it with govshare\.calendar\.load_arrangement, or use a provisional "
            r"calendar for an estimate: get_calendar\(provisional=True\)\)"
        ),
        lambda m: (
            "(load the published notice with --calendar-file NOTICE.yaml, see "
            "docs/calendar.md, or pass --provisional for an estimate)"
        ),
    ),
    (re.compile(r"^adopted: "), lambda m: "--adopt: "),
    (re.compile(r"^as_of: "), lambda m: "--as-of: "),
    (re.compile(r"^level: "), lambda m: "--level: "),
)


def cli_message(message: str) -> str:
    """A library message with its Python hints put as command-line flags."""
    for pattern, repl in _PYTHON_HINTS:
        message = pattern.sub(repl, message)
    return message


def print_error(exc: BaseException) -> int:
    """Print ``exc`` as one ``error: ...`` line on stderr; return the exit status (2 for a
    malformed command line, 1 for anything the library refuses)."""
    from govshare.render.text import terminal_safe  # noqa: PLC0415 - only on an error

    # One line, whatever the message quotes: line breaks become spaces, control characters
    # (a carriage return, an escape code from the input) are shown as \xNN.
    text = str(exc) if isinstance(exc, UsageError) else " ".join(str(exc).splitlines())
    print(f"error: {terminal_safe(cli_message(text))}", file=sys.stderr)
    return 2 if isinstance(exc, UsageError) else 1
