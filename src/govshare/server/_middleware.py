"""One ASGI middleware for what every request goes through: the body-size limit, the
access log (a JSON line per request on standard error) and the decision log (a JSON line
per ``/v1`` answer, appended to ``--decision-log FILE``).

The decision log holds what is needed to replay and audit an answer, as Open Policy Agent's
decision logs do: the decision id, the request (method, path, query, body), the status and
the answer (the JSON document; for HTML and iCalendar its media type, size and SHA-256), the
govshare version, each profile's hash and the calendar data's version. Each line is written
with one ``write`` on a file opened for appending, so several workers can share one file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import time
from collections.abc import Awaitable, Callable, MutableMapping
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from starlette.exceptions import HTTPException

from govshare.server._settings import Settings

__all__ = ["BodyTooLarge", "ServerMiddleware", "access_logger"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: The access log's logger: one JSON line per request (``govshare serve`` sends it to stderr).
access_logger = logging.getLogger("govshare.server.access")


class BodyTooLarge(HTTPException):
    """A request body over ``max_body_bytes`` (answered 413 by the problem handler)."""

    def __init__(self, limit: int, received: int) -> None:
        self.limit = limit
        self.received = received
        super().__init__(413, f"the request body is over the server's limit of {limit} bytes")


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="milliseconds")


def _json_or_text(data: bytes) -> Any:
    try:
        return json.loads(data)
    except ValueError:
        return data.decode("utf-8", errors="replace")


class ServerMiddleware:
    """Body-size limit, access log and decision log around the application."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.limit = settings.max_body_bytes
        self.access = settings.access_log
        self.decisions: int | None = None
        if settings.decision_log is not None:
            path = Path(settings.decision_log)
            self.decisions = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        path: str = scope.get("path", "")
        logged = self.decisions is not None and path.startswith("/v1")
        declared = dict(scope.get("headers") or ()).get(b"content-length", b"")
        state: dict[str, Any] = {"received": 0, "status": 0, "sent": 0, "headers": {}}
        request_body: list[bytes] = []
        answer: list[bytes] = []

        async def limited_receive() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                chunk = message.get("body", b"")
                state["received"] += len(chunk)
                if state["received"] > self.limit:
                    raise BodyTooLarge(self.limit, state["received"])
                if logged:
                    request_body.append(chunk)
            return message

        async def watched_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                state["status"] = message["status"]
                state["headers"] = {
                    k.decode("latin-1").lower(): v.decode("latin-1")
                    for k, v in message.get("headers", ())
                }
            elif message["type"] == "http.response.body":
                chunk = message.get("body", b"")
                state["sent"] += len(chunk)
                if logged:
                    answer.append(chunk)
            await send(message)

        if declared.isdigit() and int(declared) > self.limit:

            async def refuse() -> Message:  # the handler answers 413 on the first read
                raise BodyTooLarge(self.limit, int(declared))

            await self.app(scope, refuse, watched_send)
        else:
            await self.app(scope, limited_receive, watched_send)
        if self.access:
            self._access(scope, state, start)
        if logged:
            self._decision(scope, state, b"".join(request_body), b"".join(answer))

    def _access(self, scope: Scope, state: dict[str, Any], start: float) -> None:
        client = scope.get("client")
        line = {
            "time": _now(),
            "event": "access",
            "method": scope.get("method"),
            "path": scope.get("path"),
            "query": scope.get("query_string", b"").decode("latin-1") or None,
            "status": state["status"],
            "ms": round((time.perf_counter() - start) * 1000, 3),
            "bytes_in": state["received"],
            "bytes_out": state["sent"],
            "decision_id": state["headers"].get("x-govshare-decision-id"),
            "client": f"{client[0]}:{client[1]}" if client else None,
        }
        access_logger.info(json.dumps(line, ensure_ascii=False))

    def _decision(self, scope: Scope, state: dict[str, Any], body: bytes, out: bytes) -> None:
        assert self.decisions is not None
        headers: dict[str, str] = state["headers"]
        media = headers.get("content-type", "")
        if "json" in media:
            answer: Any = _json_or_text(out)
        else:
            digest = "sha256:" + hashlib.sha256(out).hexdigest()
            answer = {"media_type": media, "bytes": len(out), "sha256": digest}
        profiles = {}
        for pair in filter(None, headers.get("x-govshare-profiles", "").split(", ")):
            pid, _, digest = pair.partition("=")
            profiles[pid] = digest
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        record = {
            "decision_id": headers.get("x-govshare-decision-id"),
            "time": _now(),
            "govshare_version": headers.get("x-govshare-version"),
            "request": {
                "method": scope.get("method"),
                "path": scope.get("path"),
                "query": query,
                "body": _json_or_text(body) if body else None,
            },
            "status": state["status"],
            "answer": answer,
            "profiles": profiles,
            "calendar": {
                "version": headers.get("x-govshare-calendar-version"),
                "last_year": headers.get("x-govshare-calendar-last-year"),
            },
        }
        line = json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"
        os.write(self.decisions, line.encode("utf-8"))
