"""Processes: replay an event log through a jurisdiction's procedure.

The procedures are data in each profile (``processes:``); :func:`replay` runs any of them.
See docs/processes.md for the log format and examples.
"""

from govshare.processes._engine import as_of_instant, get_process, parse_events, replay
from govshare.processes._files import replay_file
from govshare.processes._log import (
    Event,
    EventLog,
    EventLogError,
    EventNotAllowedError,
    EventOrderError,
    MissingEventFieldError,
    MixedTimezoneError,
    UnknownEventError,
    load_event_log,
    read_event_log,
)
from govshare.processes._results import (
    DutyRecord,
    Finding,
    FiredTimer,
    LayerStatus,
    NotBefore,
    OpenDuty,
    ProcessStatus,
    TraceStep,
    Violation,
)

__all__ = [
    "DutyRecord",
    "Event",
    "EventLog",
    "EventLogError",
    "EventNotAllowedError",
    "EventOrderError",
    "Finding",
    "FiredTimer",
    "LayerStatus",
    "MissingEventFieldError",
    "MixedTimezoneError",
    "NotBefore",
    "OpenDuty",
    "ProcessStatus",
    "TraceStep",
    "UnknownEventError",
    "Violation",
    "as_of_instant",
    "get_process",
    "load_event_log",
    "parse_events",
    "read_event_log",
    "replay",
    "replay_file",
]
