"""Replay an event log file: the log's own options unless the caller gives others."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from govshare._kernel.dates import DateLike
from govshare.errors import InputError
from govshare.processes._engine import replay
from govshare.processes._log import EventLogError, read_event_log
from govshare.processes._results import ProcessStatus
from govshare.profiles import JurisdictionProfile

__all__ = ["replay_file"]


def replay_file(
    profile: JurisdictionProfile,
    path: str | Path,
    *,
    as_of: DateLike | None = None,
    level: str | None = None,
    adopted: Sequence[str] | None = None,
) -> ProcessStatus:
    """Replay the event log in ``path`` under ``profile``.

    ``as_of``, ``level`` and ``adopted``, when given, override the log's own ``as_of:``,
    ``level:`` and ``adopted:``.

    Raises:
        DataFileError: the file is not a valid event log (file, line, field).
        InputError: neither ``as_of`` nor the log gives the instant to report at.
        EventLogError: an event the process does not allow, located at its file and line.
    """
    log, loaded = read_event_log(path)
    when = as_of if as_of is not None else log.as_of
    if when is None:
        raise InputError("as_of", None, f"--as-of or an as_of: line in the log {path}")
    try:
        return replay(
            profile,
            log.process,
            log.events,
            as_of=when,
            level=level or log.level,
            adopted=adopted or log.adopted,
        )
    except EventLogError as exc:
        raise exc.located(loaded.file, loaded.line_of(("events", exc.index))) from None
