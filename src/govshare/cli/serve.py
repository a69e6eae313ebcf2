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
    env = "(env GOVSHARE_{}; default: {})"
    p.add_argument("--host", help="address to listen on " + env.format("HOST", "127.0.0.1"))
    p.add_argument("--port", type=int, help="TCP port " + env.format("PORT", 8000))
    p.add_argument("--workers", type=positive, help="worker processes " + env.format("WORKERS", 1))
    p.add_argument(
        "--profiles-dir",
        type=Path,
        metavar="DIR",
        help="also serve the profiles in DIR (NAME.yaml), by name "
        + env.format("PROFILES_DIR", "none"),
    )
    p.add_argument(
        "--calendar-file",
        action="append",
        type=Path,
        metavar="FILE",
        help="an official arrangement (YAML) to load at start-up; repeatable "
        + env.format("CALENDAR_FILE, paths joined by ':'", "none"),
    )
    p.add_argument(
        "--decision-log",
        type=Path,
        metavar="FILE",
        help="append one JSON line per answer (request, answer, hashes) "
        + env.format("DECISION_LOG", "none"),
    )
    p.add_argument(
        "--max-body-bytes",
        type=positive,
        metavar="N",
        help="largest request body, else 413 " + env.format("MAX_BODY_BYTES", 4194304),
    )
    p.add_argument(
        "--max-events",
        type=positive,
        metavar="N",
        help="most events in one log, else 422 " + env.format("MAX_EVENTS", 1000),
    )
    p.add_argument(
        "--max-array",
        type=positive,
        metavar="N",
        help="most dates in one batch, else 422 " + env.format("MAX_ARRAY", 100000),
    )
    p.add_argument(
        "--max-items",
        type=positive,
        metavar="N",
        help="most profiles, logs or scenario files in one request, else 422 "
        + env.format("MAX_ITEMS", 50),
    )
    p.add_argument(
        "--request-timeout",
        type=_seconds,
        metavar="SECONDS",
        help="longest time one answer may take, else 503 " + env.format("REQUEST_TIMEOUT", 10),
    )
    p.add_argument(
        "--cors-origin",
        action="append",
        metavar="ORIGIN",
        help="allow browser calls from ORIGIN (CORS); repeatable "
        + env.format("CORS_ORIGINS, comma-separated", "CORS off"),
    )
    p.add_argument(
        "--no-access-log",
        action="store_true",
        help="do not write the access log (JSON lines on stderr) "
        + env.format("ACCESS_LOG=0", "on"),
    )
    p.set_defaults(func=_cmd_serve)
