"""Traceability: what every answer carries so that it can be audited and replayed later.

Every answer of ``/v1`` carries a decision id (a UUID 4), the govshare version, the content
hash of each profile it used (and of the layers under it) and the calendar data's version
and last covered year:

- in the body, as the envelope's ``trace`` beside ``result`` (JSON answers), and as the
  ``decision_id`` of a problem document (errors);
- as headers, on every answer (JSON, HTML and iCalendar alike): :data:`HEADERS`.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, Field
from starlette.responses import JSONResponse

from govshare import __version__
from govshare.server._catalog import CalendarInfo

__all__ = [
    "HEADERS",
    "CalendarVersion",
    "JsonResponse",
    "ProfileHash",
    "Trace",
    "dumps",
    "new_trace",
    "trace_headers",
]

#: The trace headers, each with what it says (also in the OpenAPI document).
HEADERS: dict[str, str] = {
    "X-Govshare-Decision-Id": "the answer's decision id (UUID 4); also in the decision log",
    "X-Govshare-Version": "the govshare version that answered",
    "X-Govshare-Profiles": "each profile used and its content hash: "
    "'local=sha256:…, national=sha256:…' (empty when no profile was used)",
    "X-Govshare-Calendar-Version": "the calendar data's content hash (sha256:…)",
    "X-Govshare-Calendar-Last-Year": "the last year the official calendar data covers",
}


class ProfileHash(BaseModel):
    """A profile used for the answer and the SHA-256 of its file."""

    id: str = Field(description="the profile's id")
    sha256: str = Field(description="'sha256:' and the hex digest of the profile file's bytes")


class CalendarVersion(BaseModel):
    """The official calendar data the answer counted on."""

    version: str = Field(
        description="'sha256:' and the hex digest of the arrangements and overlays in use"
    )
    first_year: int = Field(description="the first year the calendar data covers")
    last_year: int = Field(description="the last year the official calendar data covers")


class Trace(BaseModel):
    """What makes an answer traceable: who answered, from which data."""

    decision_id: str = Field(description="a UUID 4 naming this answer (decision log, headers)")
    govshare_version: str = Field(description="the govshare version that answered")
    profiles: list[ProfileHash] = Field(
        description="each profile used, and the layers under it, with its content hash"
    )
    calendar: CalendarVersion


def new_trace(
    calendar: CalendarInfo, profiles: Mapping[str, str], decision_id: str | None = None
) -> Trace:
    """The trace of an answer that used ``profiles`` (id -> hash); a new decision id unless
    one is given."""
    return Trace(
        decision_id=decision_id or str(uuid.uuid4()),
        govshare_version=__version__,
        profiles=[ProfileHash(id=k, sha256=v) for k, v in profiles.items()],
        calendar=CalendarVersion(
            version=calendar.version,
            first_year=calendar.first_year,
            last_year=calendar.last_year,
        ),
    )


def trace_headers(trace: Trace) -> dict[str, str]:
    """The trace as HTTP headers (:data:`HEADERS`)."""
    return {
        "X-Govshare-Decision-Id": trace.decision_id,
        "X-Govshare-Version": trace.govshare_version,
        "X-Govshare-Profiles": ", ".join(f"{p.id}={p.sha256}" for p in trace.profiles),
        "X-Govshare-Calendar-Version": trace.calendar.version,
        "X-Govshare-Calendar-Last-Year": str(trace.calendar.last_year),
    }


def dumps(document: Any) -> bytes:
    """A JSON document as the server sends it: UTF-8, compact."""
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class JsonResponse(JSONResponse):
    """A JSON answer, encoded by :func:`dumps`."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        """The body's bytes."""
        return dumps(content)
