"""A local case under the layers above it: the same log replayed under each upper layer.

A profile that declares ``layer_under`` (a local profile under the national regulation) is
governed by both layers at once from the day the upper layer's documents are in force. When
such a case is replayed, :func:`add_layers` replays the same event log under every upper
layer that defines a process of the same name and whose documents were in force when the
case started (its first event), and returns each result as a
:class:`~govshare.processes.LayerStatus` beside the local one. The local result is computed
exactly as without layers; nothing of an upper layer is merged into it.

Logs are shared, so the layers meet through event names: an upper process uses the local
processes' names for the steps they share (``submit``, ``approve``, ``refuse``...) and adds
its own for steps only it has (an extension, a notice of missing materials, provision).
An event one layer's process does not take is recorded in that layer's trace as not
applicable (:func:`~govshare.processes._engine.replay_checked`); it never makes the replay
fail. How such steps are read is the upper profile's reading, shown with the result:
readings with an ``id`` (and ``zh``/``en`` texts) named in :data:`READING_IDS`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

from govshare._kernel.messages import Notice
from govshare.processes._log import Event
from govshare.processes._results import LayerStatus, ProcessStatus
from govshare.profiles import JurisdictionProfile, upper_layers
from govshare.profiles._process_model import ProcessDef, TransitionDef

__all__ = ["READING_IDS", "add_layers", "applicable_layers", "upper_only_steps"]

#: The readings a layered result shows, by the case it touches: a step one layer does not
#: take, and a deemed consent in the local layer (which no upper process replays).
READING_IDS = {
    "local_steps": "layers.local_steps",
    "local_deemed_consent": "layers.local_deemed_consent",
}


def _in_force(profile: JurisdictionProfile, day: dt.date, level: str) -> bool:
    """Some document of ``profile`` binds parties at ``level`` on ``day``."""
    for doc in profile.documents.values():
        if doc.status in ("draft", "expired") or level not in doc.levels:
            continue
        start, end = doc.in_force_from, doc.in_force_until
        if isinstance(start, dt.date) and day < start:
            continue
        if isinstance(end, dt.date) and day > end:
            continue
        return True
    return False


def _start(evs: Sequence[Event]) -> dt.date | None:
    """The day the case started (its first event), or None without a readable one."""
    if not evs:
        return None
    try:
        return evs[0].instant.date()
    except ValueError:  # a bad first timestamp: the log check names it
        return None


def applicable_layers(
    profile: JurisdictionProfile, process: str, start: dt.date | None, level: str
) -> list[tuple[JurisdictionProfile, ProcessDef]]:
    """The upper layers with ``process`` whose documents are in force at ``start``."""
    if start is None or profile.model.layer_under is None:
        return []
    out = []
    for upper in upper_layers(profile):
        proc = upper.model.processes.get(process)
        if proc is not None and _in_force(upper, start, level):
            out.append((upper, proc))
    return out


def upper_only_steps(
    profile: JurisdictionProfile, process: str, proc: ProcessDef, evs: Sequence[Event], level: str
) -> dict[str, TransitionDef]:
    """Event types of the log that only an applicable upper layer's process knows.

    The local replay records them as not applicable instead of rejecting them as unknown,
    so one log can carry the steps of every layer (a national extension in a local case).
    """
    known = {t.event for t in proc.transitions}
    out: dict[str, TransitionDef] = {}
    for _, upper in applicable_layers(profile, process, _start(evs), level):
        for t in upper.transitions:
            if t.event not in known and t.event not in out:
                out[t.event] = t
    return {e.type: out[e.type] for e in evs if e.type in out}


def _readings(upper: JurisdictionProfile, wanted: Sequence[str]) -> tuple[Notice, ...]:
    """The upper profile's readings with these ids, as notices (those it records)."""
    out = []
    for reading in upper.model.readings:
        rid = reading.get("id")
        if rid in wanted and "zh" in reading and "en" in reading:
            out.append(Notice(code=rid, zh=reading["zh"], en=reading["en"]))
    order = {rid: i for i, rid in enumerate(wanted)}
    return tuple(sorted(out, key=lambda n: order[n.code]))


def add_layers(
    status: ProcessStatus,
    profile: JurisdictionProfile,
    process: str,
    evs: Sequence[Event],
    instants: Sequence[dt.datetime],
    until: dt.datetime,
) -> ProcessStatus:
    """``status`` with the case replayed under every applicable upper layer beside it."""
    from govshare.processes._engine import replay_checked  # noqa: PLC0415 - cycle

    if not instants or instants[0] > until:
        return status
    layers = applicable_layers(profile, process, instants[0].date(), status.level)
    if not layers:
        return status
    local = profile.model.processes[process]
    procs = [local, *(p for _, p in layers)]
    out: list[LayerStatus] = []
    for upper, proc in layers:
        known = {t.event for t in proc.transitions}
        foreign: dict[str, TransitionDef] = {}
        for e in evs:
            if e.type in known or e.type in foreign:
                continue
            found = next(t for p in procs for t in p.transitions if t.event == e.type)
            foreign[e.type] = found
        st = replay_checked(
            upper,
            process,
            proc,
            evs,
            instants,
            until,
            status.level,
            (),
            foreign=foreign,
            lenient=True,
        )
        skipped = tuple(
            s.index
            for s in st.trace
            if s.index is not None
            and s.note is not None
            and s.note.code.startswith("process.step_not_applicable")
        )
        wanted = []
        if skipped:
            wanted.append(READING_IDS["local_steps"])
        if status.deemed_consent:
            wanted.append(READING_IDS["local_deemed_consent"])
        out.append(
            LayerStatus(
                profile=upper.id,
                name=upper.model.name,
                process=process,
                state=st.state,
                state_label=st.state_label,
                terminal=st.terminal,
                since=st.since,
                open_duties=st.open_duties,
                fired=st.fired,
                violations=st.violations,
                duties=st.duties,
                trace=st.trace,
                not_applicable=skipped,
                readings=_readings(upper, wanted),
                warnings=st.warnings,
            )
        )
    return replace(status, layers=tuple(out))
