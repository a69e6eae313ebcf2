"""Errors as RFC 9457 problem details (``application/problem+json``).

Every error the server answers is a :class:`Problem`: ``type`` (a URI naming the kind of
problem), ``title``, ``status``, ``detail`` (the library's message), ``error`` (the library's
error class, e.g. ``CalendarRangeError``), where in the request the problem is (``pointer``:
a JSON pointer into the request body; ``parameter``: a query or path parameter) and what the
error knows (the date and the calendar's last year, an event's index, the valid choices).

Status codes: 404 an unknown profile or path, 405 a method a path does not take, 413 a body
over the size limit, 422 anything the request says that the library refuses (bad input, a
date outside the calendar, an invalid event log, a limit exceeded), 503 an answer that took
longer than the time limit. No input gives a 500.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from starlette.responses import JSONResponse

from govshare._kernel.messages import say
from govshare.errors import (
    CalendarRangeError,
    DataFileError,
    GovshareError,
    InputError,
)
from govshare.processes import EventLogError, MissingEventFieldError
from govshare.profiles import NoRuleInForceError, NotADeadlineError
from govshare.server._catalog import UnknownProfileError
from govshare.server._trace import dumps

__all__ = [
    "PROBLEM_BASE",
    "BodyTooLargeError",
    "LimitError",
    "Problem",
    "ProblemError",
    "ProblemItem",
    "ProblemResponse",
    "TimeoutProblemError",
    "Where",
    "json_pointer",
    "problem_of",
]

#: Problem ``type`` URIs are this followed by the problem's slug (docs/server.md lists them).
PROBLEM_BASE = "https://govshare.example/problems/"


class ProblemItem(BaseModel):
    """One problem of several (an invalid document or request): where, and what."""

    detail: str = Field(description="what is wrong and what was expected")
    pointer: str | None = Field(
        default=None, description="JSON pointer (RFC 6901) into the request body"
    )
    parameter: str | None = Field(default=None, description="the query or path parameter")
    line: int | None = Field(default=None, description="the line, in a YAML text of the body")


class Problem(BaseModel):
    """An error answer (RFC 9457 problem details), with the library's error and its place."""

    model_config = ConfigDict(extra="forbid")

    type: str = Field(description="a URI naming the kind of problem")
    title: str = Field(description="the kind of problem in words")
    status: int = Field(description="the HTTP status code")
    detail: str = Field(description="the library's message: what is wrong, what was expected")
    instance: str | None = Field(default=None, description="the request's path")
    error: str = Field(description="the library's error class, e.g. CalendarRangeError")
    decision_id: str | None = Field(default=None, description="the answer's decision id")
    pointer: str | None = Field(
        default=None, description="JSON pointer (RFC 6901) into the request body"
    )
    parameter: str | None = Field(default=None, description="the query or path parameter")
    errors: list[ProblemItem] = Field(default_factory=list, description="every problem found")
    date: str | None = Field(default=None, description="the date outside the calendar's data")
    first_year: int | None = Field(default=None, description="the calendar's first year")
    last_year: int | None = Field(default=None, description="the calendar's last year covered")
    missing_years: list[int] | None = Field(
        default=None, description="years inside the calendar's span without an arrangement"
    )
    index: int | None = Field(default=None, description="the event's index in the log (from 0)")
    event: str | None = Field(default=None, description="the event's type")
    field: str | None = Field(default=None, description="the library's name of the field")
    known: list[str] | None = Field(default=None, description="the valid choices")
    reasons: list[str] | None = Field(default=None, description="why no rule is in force")
    limit: int | None = Field(default=None, description="the limit exceeded")
    setting: str | None = Field(default=None, description="the setting that sets the limit")


class ProblemResponse(JSONResponse):
    """A problem document (``application/problem+json``)."""

    media_type = "application/problem+json"

    def render(self, content: Any) -> bytes:
        """The body's bytes."""
        return dumps(content)


class ProblemError(Exception):
    """Raised inside the server to answer with ``problem``."""

    def __init__(self, problem: Problem, headers: Mapping[str, str] | None = None) -> None:
        super().__init__(problem.detail)
        self.problem = problem
        self.headers = dict(headers or {})


class LimitError(GovshareError):
    """A request over one of the server's limits (a setting): 422."""

    def __init__(self, what: str, limit: int, actual: int, setting: str, *, at: str) -> None:
        self.limit = limit
        self.actual = actual
        self.setting = setting
        self.at = at  # a JSON pointer into the body, or a parameter name
        super().__init__(
            f"{what}: {actual} is over the server's limit of {limit} (setting {setting})"
        )


class BodyTooLargeError(LimitError):
    """A request body over ``max_body_bytes``: 413."""


class TimeoutProblemError(GovshareError):
    """An answer that took longer than ``request_timeout``: 503."""


@dataclass(frozen=True, kw_only=True)
class Where:
    """Where the library's field names are in the request, to point at them.

    Attributes:
        params: library field -> query or path parameter.
        body: library field (or its first dotted part) -> JSON pointer in the body.
        events: JSON pointer of the event list of a log in the body (EventLogError).
        document: JSON pointer of a document given in the body (DataFileError fields).
        text: the document is a text (YAML or JSON): name its lines, not its fields.
    """

    params: Mapping[str, str] = field(default_factory=dict)
    body: Mapping[str, str] = field(default_factory=dict)
    events: str | None = None
    document: str | None = None
    text: bool = False


_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def json_pointer(*parts: str | int) -> str:
    """A JSON pointer (RFC 6901) of the keys and indexes ``parts``."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def _dotted_pointer(dotted: str) -> str:
    """``people[0].registered`` -> ``/people/0/registered``."""
    return json_pointer(*(m[1] or m[2] for m in _PART.finditer(dotted)))


def _place(name: str, where: Where) -> dict[str, str]:
    if name in where.params:
        return {"parameter": where.params[name]}
    if name in where.body:
        return {"pointer": where.body[name]}
    head, _, rest = name.partition(".")
    if head in where.body:
        return {"pointer": where.body[head] + (_dotted_pointer(rest) if rest else "")}
    return {}


_TITLES: dict[str, tuple[int, str]] = {
    "unknown-profile": (404, "Unknown profile"),
    "not-found": (404, "Not found"),
    "method-not-allowed": (405, "Method not allowed"),
    "body-too-large": (413, "Request body too large"),
    "limit-exceeded": (422, "Over a limit of the server"),
    "calendar-range": (422, "Date outside the official calendar's data"),
    "event-log": (422, "Event log cannot be replayed"),
    "invalid-document": (422, "Invalid document"),
    "no-rule-in-force": (422, "No rule in force"),
    "not-a-deadline": (422, "The rule sets no deadline"),
    "invalid-input": (422, "Invalid input"),
    "invalid-request": (422, "Invalid request"),
    "refused": (422, "Refused by the rules"),
    "timeout": (503, "Answer took too long"),
    "server-error": (500, "Server error"),
}


def make_problem(slug: str, detail: str, error: str, **extra: Any) -> Problem:
    """A problem of kind ``slug`` (:data:`_TITLES`)."""
    status, title = _TITLES[slug]
    return Problem(
        type=PROBLEM_BASE + slug,
        title=title,
        status=status,
        detail=detail,
        error=error,
        **extra,
    )


def _data_file(exc: DataFileError, where: Where) -> list[ProblemItem]:
    items = []
    for issue in exc.issues:
        pointer = where.document
        line = issue.line if where.text else None
        if where.document is not None and not where.text and issue.field:
            pointer = where.document + _dotted_pointer(issue.field)
        detail = f"{issue.field}: {issue.message}" if issue.field else issue.message
        items.append(ProblemItem(detail=detail, pointer=pointer, line=line))
    return items


def _texts(values: Sequence[object]) -> list[str]:
    return [v if isinstance(v, str) else say(v, "en") for v in values]  # type: ignore[arg-type]


def problem_of(exc: BaseException, where: Where | None = None) -> Problem:  # noqa: PLR0911, PLR0912 - one branch per error family
    """The problem document of an error the library (or the server) raised."""
    where = where or Where()
    name = type(exc).__name__
    detail = " ".join(str(exc).split("\n"))
    if isinstance(exc, BodyTooLargeError):
        return make_problem("body-too-large", detail, name, limit=exc.limit, setting=exc.setting)
    if isinstance(exc, LimitError):
        at = {"parameter": exc.at} if not exc.at.startswith("/") else {"pointer": exc.at}
        return make_problem(
            "limit-exceeded", detail, name, limit=exc.limit, setting=exc.setting, **at
        )
    if isinstance(exc, TimeoutProblemError):
        return make_problem("timeout", detail, name, setting="request_timeout")
    if isinstance(exc, UnknownProfileError):
        return make_problem(
            "unknown-profile", detail, name, known=list(exc.known), **_place("profile", where)
        )
    if isinstance(exc, CalendarRangeError):
        return make_problem(
            "calendar-range",
            detail,
            name,
            date=exc.date.isoformat(),
            first_year=exc.first_year,
            last_year=exc.last_year,
            missing_years=list(exc.missing_years),
        )
    if isinstance(exc, EventLogError):
        place: dict[str, str] = {}
        if where.events is not None:
            parts: list[str | int] = [exc.index]
            if isinstance(exc, MissingEventFieldError):
                parts.append(exc.field)
            place = {"pointer": where.events + json_pointer(*parts)}
        known = getattr(exc, "known", None) or getattr(exc, "allowed", None)
        return make_problem(
            "event-log",
            detail,
            name,
            index=exc.index,
            event=exc.event,
            field=getattr(exc, "field", None),
            known=None if known is None else list(known),
            **place,
        )
    if isinstance(exc, DataFileError):
        items = _data_file(exc, where)
        return make_problem(
            "invalid-document", detail, name, errors=items, pointer=items[0].pointer
        )
    if isinstance(exc, NoRuleInForceError):
        return make_problem("no-rule-in-force", detail, name, reasons=_texts(exc.reasons))
    if isinstance(exc, NotADeadlineError):
        return make_problem("not-a-deadline", detail, name, **_place("key", where))
    if isinstance(exc, InputError):
        known = getattr(exc, "known", None)
        return make_problem(
            "invalid-input",
            detail,
            name,
            field=exc.field,
            known=None if known is None else list(known),
            **_place(exc.field, where),
        )
    if isinstance(exc, GovshareError):
        return make_problem("refused", detail, name)
    if isinstance(exc, ValueError | OverflowError):  # a value out of Python's own range
        return make_problem("invalid-input", detail, name)
    return make_problem("server-error", "the server could not answer", name)
