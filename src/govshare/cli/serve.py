"""The ``serve`` command: the HTTP policy-decision service (docs/server.md).

The server is imported only when the command runs; without the ``server`` extra the command
fails with one line naming it (``pip install "govshare[server]"``).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from govshare.cli.options import positive

__all__ = ["add_commands"]


def _cmd_serve(args: argparse.Namespace) -> int:
    from govshare._kernel.optional import require  # noqa: PLC0415

    require("fastapi", "server", purpose="govshare serve")
    require("uvicorn", "server", purpose="govshare serve")
    from govshare.server import Settings  # noqa: PLC0415
    from govshare.server._run import run  # noqa: PLC0415

    settings = Settings.from_env(
        host=args.host,
        port=args.port,
        workers=args.workers,
        profiles_dir=args.profiles_dir,
        calendar_files=tuple(args.calendar_file) if args.calendar_file else None,
        decision_log=args.decision_log,
        max_body_bytes=args.max_body_bytes,
        max_events=args.max_events,
        max_array=args.max_array,
        max_items=args.max_items,
        request_timeout=args.request_timeout,
        cors_origins=tuple(args.cors_origin) if args.cors_origin else None,
        access_log=False if args.no_access_log else None,
    )
    run(settings)
    return 0


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not value > 0:
        raise argparse.ArgumentTypeError(f"expected a number of seconds > 0, got {text!r}")
    return value


#: The options: flag, type, metavar, environment variable, default, help.
_OPTIONS: tuple[tuple[str, Any, str | None, str, object, str], ...] = (
    ("--host", None, None, "HOST", "127.0.0.1", "address to listen on"),
    ("--port", int, None, "PORT", 8000, "TCP port"),
    ("--workers", positive, None, "WORKERS", 1, "worker processes"),
    ("--profiles-dir", Path, "DIR", "PROFILES_DIR", "none", "also serve DIR/NAME.yaml as NAME"),
    (
        "--calendar-file",
        Path,
        "FILE",
        "CALENDAR_FILE, paths joined by ':'",
        "none",
        "an official arrangement (YAML) to load at start-up; repeatable",
    ),
    (
        "--decision-log",
        Path,
        "FILE",
        "DECISION_LOG",
        "none",
        "append one JSON line per answer (request, answer, hashes)",
    ),
    ("--max-body-bytes", positive, "N", "MAX_BODY_BYTES", 4194304, "largest body, else 413"),
    ("--max-events", positive, "N", "MAX_EVENTS", 1000, "most events in a log, else 422"),
    ("--max-array", positive, "N", "MAX_ARRAY", 100000, "most dates in a batch, else 422"),
    (
        "--max-items",
        positive,
        "N",
        "MAX_ITEMS",
        50,
        "most profiles, logs or scenario files in a request, else 422",
    ),
    (
        "--request-timeout",
        _seconds,
        "SECONDS",
        "REQUEST_TIMEOUT",
        10,
        "longest time an answer may take, else 503",
    ),
    (
        "--cors-origin",
        None,
        "ORIGIN",
        "CORS_ORIGINS, comma-separated",
        "CORS off",
        "allow browser calls from ORIGIN; repeatable",
    ),
)
_REPEATABLE = frozenset({"--calendar-file", "--cors-origin"})


def add_commands(sub: Any, common: Any, emit: Any) -> None:
    """Register ``serve`` on the ``govshare`` sub-parsers."""
    del common, emit  # the server prints no result
    from govshare.cli.app import command  # noqa: PLC0415 - app imports us lazily

    p = command(
        sub,
        "serve",
        "Serve the rules over HTTP (FastAPI on uvicorn; needs the 'server' extra): "
        "/v1 endpoints for rules, deadlines, working days, replay, access decisions, "
        "compare, obligations, self-check and scenarios; OpenAPI at /openapi.json, docs at "
        "/docs, /healthz and /readyz. Every option can also be set by an environment "
        "variable GOVSHARE_<OPTION> (e.g. GOVSHARE_PORT); an option given here wins.",
    )
    for flag, kind, metavar, env, default, text in _OPTIONS:
        extra: dict[str, Any] = {"action": "append"} if flag in _REPEATABLE else {}
        if kind is not None:
            extra["type"] = kind
        p.add_argument(
            flag,
            metavar=metavar,
            help=f"{text} (env GOVSHARE_{env}; default: {default})",
            **extra,
        )
    p.add_argument(
        "--no-access-log",
        action="store_true",
        help="do not write the access log, JSON lines on stderr (env GOVSHARE_ACCESS_LOG=0)",
    )
    p.set_defaults(func=_cmd_serve)
