"""The request bodies the server takes that the library has no model for.

An event log is the library's :class:`govshare.processes.EventLog` and an access request its
:class:`govshare.access.AccessRequest`, so their field docs come from one place; the bodies
below wrap them (several logs, a department, scenario files) or take arrays (the batch).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from govshare.processes import EventLog

__all__ = [
    "ISO_DATE",
    "CompareScenarioRequest",
    "ObligationsRequest",
    "ScenarioFile",
    "ScenarioRunRequest",
    "SelfCheckRequest",
    "WorkdayBatchRequest",
]

#: An ISO 8601 calendar date, e.g. ``2026-09-30``.
ISO_DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"

Level = Literal["provincial", "prefectural", "county"]
_Name = Annotated[str, Field(min_length=1, max_length=200)]
_Date = Annotated[str, Field(pattern=ISO_DATE, examples=["2026-09-30"])]

_STRICT = ConfigDict(extra="forbid")


class WorkdayBatchRequest(BaseModel):
    """Arrays of start dates and counts: the n-th working day after each start date."""

    model_config = _STRICT

    dates: list[_Date] = Field(
        description="start dates (ISO, e.g. 2026-09-30); the start day is not counted; at "
        "most the server's max_array (default 100000)",
    )
    n: Annotated[int, Field(ge=0)] | list[Annotated[int, Field(ge=0)]] = Field(
        description="working days to add: one count for every date, or one per date "
        "(the same length as dates); 0 gives the date itself when it is a working day, "
        "else the next working day",
    )
    region: _Name | None = Field(
        default=None, description="a regional calendar (default: national)"
    )


class CompareScenarioRequest(BaseModel):
    """One event log replayed under each profile, the outcomes side by side."""

    model_config = _STRICT

    log: EventLog
    profiles: list[_Name] = Field(
        default_factory=list, description="profile names (default: every jurisdiction)"
    )
    as_of: str | None = Field(
        default=None, description="report at this date or instant (default: the log's as_of)"
    )
    level: Level | None = Field(default=None, description="force this level in every profile")
    adopted: dict[str, list[_Name]] = Field(
        default_factory=dict,
        description="per profile id, documents adopted (default: the log's adopted)",
    )


class ObligationsRequest(BaseModel):
    """A year's recurring duties, with the open duties of the cases whose logs are given."""

    model_config = _STRICT

    year: Annotated[int, Field(ge=1, le=9999)] = Field(description="the calendar year")
    level: Level = Field(default="provincial", description="whose duties")
    adopted: list[_Name] = Field(default_factory=list, description="documents adopted")
    logs: list[EventLog] = Field(
        default_factory=list, description="event logs whose open duties to add"
    )
    as_of: str | None = Field(
        default=None, description="replay the logs to this date or instant (default: theirs)"
    )


class SelfCheckRequest(BaseModel):
    """A department's self-assessment against a standard (govshare-department/1)."""

    model_config = _STRICT

    standard: _Name = Field(
        description="the name of the standard's profile (a profile with a checklist)"
    )
    department: dict[str, Any] = Field(
        description="the department (govshare-department/1, docs/check.md) as a JSON object"
    )
    serves: _Name | None = Field(
        default=None, description="a jurisdiction profile whose deadlines the procedures serve"
    )
    as_of: str | None = Field(default=None, description="default: the department's as_of")
    level: Level | None = Field(default=None, description="default: the department's level")
    start: str | None = Field(
        default=None, description="a sample start date for serves: when each procedure ends"
    )


class ScenarioFile(BaseModel):
    """One scenario file (govshare-scenario/1, docs/scenarios.md): its name and text."""

    model_config = _STRICT

    name: Annotated[str, Field(min_length=1, max_length=200, pattern=r"^[^/\\]+$")] = Field(
        description="the file's name, as reports show it (no directories)"
    )
    text: str = Field(description="the file's text (YAML, or JSON)")


class ScenarioRunRequest(BaseModel):
    """Scenario files to run: each scenario's PASS/FAIL, expected versus actual."""

    model_config = _STRICT

    files: list[ScenarioFile] = Field(min_length=1)
