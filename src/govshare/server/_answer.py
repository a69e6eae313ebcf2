"""How an endpoint answers: compute off the event loop within the time limit, wrap the
registered result's JSON with its trace, or turn the library's error into a problem.

Every ``/v1`` endpoint is a few lines: check the request against the limits, then hand
:meth:`Answerer.json` (or :meth:`Answerer.media`) a function computing the result with the
library's feature functions; the JSON is :func:`govshare.render.json.to_json`'s, the same
document the command line prints with ``--json``.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import anyio
import anyio.to_thread
from starlette.requests import Request
from starlette.responses import Response

from govshare.errors import GovshareError
from govshare.render.json import to_json_bytes
from govshare.server._catalog import Catalog
from govshare.server._problems import (
    LimitError,
    ProblemResponse,
    TimeoutProblemError,
    Where,
    problem_of,
)
from govshare.server._settings import Settings
from govshare.server._trace import JsonResponse, Trace, new_trace, trace_headers

__all__ = ["Answerer", "problem_response"]

T = TypeVar("T")

log = logging.getLogger("govshare.server")


def problem_response(
    exc: BaseException, request: Request, trace: Trace, where: Where | None = None
) -> Response:
    """The problem answer of ``exc`` (RFC 9457), with the trace's headers."""
    problem = problem_of(exc, where)
    problem.instance = request.url.path
    problem.decision_id = trace.decision_id
    if problem.status >= 500 and not isinstance(exc, TimeoutProblemError):  # pragma: no cover
        log.error("server error answering %s", request.url.path, exc_info=exc)
    body = problem.model_dump(mode="json", exclude_none=True)
    return ProblemResponse(body, status_code=problem.status, headers=trace_headers(trace))


class Answerer:
    """The catalog and settings of the server, and the way every endpoint answers."""

    def __init__(self, catalog: Catalog, settings: Settings) -> None:
        self.catalog = catalog
        self.settings = settings

    def trace(self, profiles: Iterable[str] = (), decision_id: str | None = None) -> Trace:
        """The trace of an answer using ``profiles`` (names or ids) and their layers."""
        return new_trace(self.catalog.calendar, self.catalog.hashes(profiles), decision_id)

    def limit(self, what: str, actual: int, setting: str, *, at: str) -> None:
        """Refuse (422) when ``actual`` is over the setting's limit."""
        limit = int(getattr(self.settings, setting))
        if actual > limit:
            raise LimitError(what, limit, actual, setting, at=at)

    async def _run(self, fn: Callable[[], T]) -> T:
        """``fn()`` in a worker thread; a TimeoutProblemError past ``request_timeout``."""
        seconds = self.settings.request_timeout
        try:
            with anyio.fail_after(seconds):
                return await anyio.to_thread.run_sync(fn, abandon_on_cancel=True)
        except TimeoutError:
            raise TimeoutProblemError(
                f"the answer took longer than {seconds:g} s (setting request_timeout)"
            ) from None

    async def json(
        self,
        request: Request,
        compute: Callable[[], object],
        *,
        profiles: Iterable[str] = (),
        where: Where | None = None,
    ) -> Response:
        """Answer ``{"trace": ..., "result": <the registered result's JSON>}``.

        ``profiles`` are the profiles the answer uses; ``compute`` may add to the list when
        it learns them (a scenario file names its own)."""
        names = profiles if isinstance(profiles, list) else list(profiles)
        decision_id = str(uuid.uuid4())

        def body() -> tuple[Trace, bytes]:
            result = compute()
            document = to_json_bytes(result)  # the registered document, encoded by pydantic
            trace = self.trace(names, decision_id)
            return trace, b'{"trace":' + trace.model_dump_json().encode() + b',"result":' + (
                document + b"}"
            )

        try:
            trace, data = await self._run(body)
        except (GovshareError, ValueError, OverflowError) as exc:
            return problem_response(exc, request, self.trace(names, decision_id), where)
        return Response(data, media_type=JsonResponse.media_type, headers=trace_headers(trace))

    async def media(
        self,
        request: Request,
        compute: Callable[[], str | bytes],
        media_type: str,
        *,
        profiles: Iterable[str] = (),
        where: Where | None = None,
        filename: str | None = None,
    ) -> Response:
        """Answer a rendered document (HTML, iCalendar): the trace is in the headers only."""
        trace = self.trace(list(profiles))
        try:
            out: Any = await self._run(compute)
        except (GovshareError, ValueError, OverflowError) as exc:
            return problem_response(exc, request, trace, where)
        data = out if isinstance(out, bytes) else str(out).encode("utf-8")
        headers = trace_headers(trace)
        if filename:
            headers["Content-Disposition"] = f'inline; filename="{filename}"'
        return Response(data, media_type=media_type, headers=headers)

    def refuse(self, request: Request, exc: GovshareError, where: Where | None = None) -> Response:
        """Answer a problem found before computing (a limit, an unknown profile)."""
        return problem_response(exc, request, self.trace(), where)
