"""Event logs: what happened to one case of a process, in order, with timestamps."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from govshare._kernel.dates import to_datetime
from govshare._kernel.limits import LIMITS
from govshare._kernel.model import Level
from govshare._kernel.yamlio import LoadedYaml, load_yaml, parse_yaml, validate_model
from govshare.errors import GovshareError, InputError

__all__ = [
    "Event",
    "EventLog",
    "EventLogError",
    "EventNotAllowedError",
    "EventOrderError",
    "MissingEventFieldError",
    "MixedTimezoneError",
    "UnknownEventError",
    "load_event_log",
    "read_event_log",
]

_Ident = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=200)]
#: Free text: not blank, at most ``LIMITS.string_chars`` characters.
_Text = Annotated[str, Field(min_length=1, max_length=LIMITS.string_chars, pattern=r"\S")]
_Note = Annotated[str, Field(max_length=LIMITS.string_chars)]


def _no_timestamp(value: object) -> object:
    """A bare number is not a time: pydantic would read it as a Unix timestamp."""
    if isinstance(value, int | float):
        raise ValueError(
            "give a date or an ISO 8601 date-time (e.g. 2026-09-30T10:00), not a number"
        )
    return value


_When = Annotated[dt.datetime | dt.date | str, BeforeValidator(_no_timestamp)]


class Event(BaseModel):
    """One thing that happened: when, what, who, and what the rules may ask of it.

    ``at`` is a date, a datetime or an ISO 8601 string; a naive time is Asia/Shanghai
    local time and a date alone means 00:00 that day. A log must not mix naive and aware
    times.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    at: _When
    type: _Ident
    by: _Text | None = Field(default=None, description="who acted (department or role)")
    on_behalf_of: _Text | None = Field(
        default=None, description="the reviewer a delegate acts for (delegated review)"
    )
    reviewers: Annotated[list[_Text], Field(max_length=LIMITS.reviewers)] | None = Field(
        default=None, description="on the first event: every party that must review"
    )
    reasons: _Text | None = Field(default=None, description="reasons given (for a refusal)")
    facts: dict[_Ident, bool | _Note] = Field(
        default_factory=dict, description="facts the rules test, e.g. in_use: true"
    )
    note: _Note | None = None

    @property
    def instant(self) -> dt.datetime:
        """The aware instant (Asia/Shanghai) of the event."""
        return to_datetime(self.at, "at")

    @property
    def aware(self) -> bool | None:
        """Whether ``at`` carries a UTC offset (None for a date alone)."""
        value = self.at
        if isinstance(value, str):
            text = value.strip()
            if len(text) == 10:
                return None
            try:
                value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
            except ValueError:
                raise InputError("at", self.at, "an ISO 8601 date or date-time") from None
        if isinstance(value, dt.datetime):
            return value.utcoffset() is not None
        return None


class EventLog(BaseModel):
    """A log file: which process, at which level, and the events in order."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    schema_: Literal["govshare-log/1"] = Field(default="govshare-log/1", alias="schema")
    process: _Ident
    level: Level
    adopted: list[_Text] = Field(
        default_factory=list, description="documents adopted at this level (参照执行)"
    )
    as_of: _When | None = None
    events: Annotated[list[Event], Field(max_length=LIMITS.events)]


class EventLogError(GovshareError, ValueError):
    """An event log that cannot be replayed; names the event by its index (from 0).

    Attributes: ``index``, ``event`` (its type), ``file`` and ``line`` when read from a file.
    """

    def __init__(self, index: int, event: str, message: str) -> None:
        self.index = index
        self.event = event
        self.reason = message
        self.file: str | None = None
        self.line: int | None = None
        super().__init__(f"events[{index}] ({event}): {message}")

    def located(self, file: str, line: int | None) -> EventLogError:
        """The same error, naming the file and line of the event."""
        self.file, self.line = file, line
        where = file if line is None else f"{file}:{line}"
        self.args = (f"{where}: {self.args[0]}",)
        return self


class UnknownEventError(EventLogError):
    """The event type is not one the process knows (``known`` lists them)."""

    def __init__(self, index: int, event: str, process: str, known: Sequence[str]) -> None:
        self.known = tuple(known)
        super().__init__(
            index, event, f"unknown event type for {process}; known: {', '.join(self.known)}"
        )


class EventNotAllowedError(EventLogError):
    """The event cannot happen in the current state (``allowed`` lists what can)."""

    def __init__(
        self,
        index: int,
        event: str,
        state: str,
        allowed: Sequence[str],
        why: str = "",
        *,
        terminal: bool = False,
    ) -> None:
        self.state = state
        self.allowed = tuple(allowed)
        ended = "nothing (the process has ended)" if terminal else "nothing"
        listing = ", ".join(self.allowed) or ended
        extra = f" ({why})" if why else ""
        super().__init__(index, event, f"not allowed in state {state!r}{extra}; allowed: {listing}")


class EventOrderError(EventLogError):
    """The event's timestamp is earlier than the previous event's."""


class MixedTimezoneError(EventLogError):
    """The log mixes naive (Asia/Shanghai) and aware timestamps."""


class MissingEventFieldError(EventLogError):
    """The event lacks a field the rules require (``field``), e.g. a refusal's reasons."""

    def __init__(self, index: int, event: str, field: str, why: str) -> None:
        self.field = field
        super().__init__(index, event, f"{field} is required: {why}")


def read_event_log(source: str | Path, *, text: str | None = None) -> tuple[EventLog, LoadedYaml]:
    """A validated log and its parsed file (for line numbers)."""
    loaded = load_yaml(source) if text is None else parse_yaml(text, str(source))
    return validate_model(EventLog, loaded), loaded


def load_event_log(source: str | Path, *, text: str | None = None) -> EventLog:
    """Read and validate a log file (or ``text``, with ``source`` as its name).

    Errors name the file, line and field (:class:`govshare.errors.DataFileError`).
    """
    return read_event_log(source, text=text)[0]
