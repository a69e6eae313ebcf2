"""Properties of replay over random event logs, for every process of every profile."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govshare import list_profiles, load_profile
from govshare.errors import GovshareError
from govshare.processes import EventNotAllowedError, ProcessStatus, replay

LEVELS = {
    "hubei": ["provincial", "prefectural"],
    "xinzhou": ["prefectural"],
    "liuzhou": ["prefectural"],
}
CASES = [
    (name, process, level)
    for name in list_profiles()
    for process in load_profile(name).model.processes
    for level in LEVELS.get(name, ["prefectural"])
]
BASE = dt.datetime(2026, 9, 1, 9, 0)
PEOPLE = ["A", "B", "C"]


@st.composite
def logs(draw: st.DrawFn) -> tuple[str, str, str, list[dict[str, Any]], dt.datetime]:
    name, process, level = draw(st.sampled_from(CASES))
    proc = load_profile(name).model.processes[process]
    types = sorted({t.event for t in proc.transitions})
    n = draw(st.integers(0, 8))
    offsets = sorted(draw(st.lists(st.integers(0, 60 * 24 * 60), min_size=n, max_size=n)))
    events: list[dict[str, Any]] = []
    for i, minutes in enumerate(offsets):
        ev: dict[str, Any] = {
            "at": (BASE + dt.timedelta(minutes=minutes)).isoformat(),
            "type": draw(st.sampled_from(types)),
        }
        if draw(st.booleans()):
            ev["by"] = draw(st.sampled_from(PEOPLE))
        if draw(st.booleans()):
            ev["reasons"] = "理由"
        junk = draw(st.sampled_from([None, None, None, None, "field", "at", "type"]))
        if junk == "field":
            ev["colour"] = "red"
        elif junk == "at":
            ev["at"] = draw(st.sampled_from(["30/09/2026", "", "2026-13-01", "2026-09-30T25:00"]))
        elif junk == "type":
            ev["type"] = draw(st.sampled_from(["Approve", "", "nope"]))
        if i == 0 and draw(st.booleans()):
            ev["reviewers"] = draw(st.lists(st.sampled_from(PEOPLE), min_size=1, unique=True))
        events.append(ev)
    as_of = BASE + dt.timedelta(minutes=draw(st.integers(0, 70 * 24 * 60)))
    return name, process, level, events, as_of


def _replay(
    case: tuple[str, str, str, list[dict[str, Any]], dt.datetime], as_of: dt.datetime
) -> ProcessStatus | GovshareError:
    name, process, level, events, _ = case
    try:
        return replay(load_profile(name), process, events, as_of=as_of, level=level)
    except GovshareError as exc:
        return exc


SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(logs())
def test_random_logs_raise_only_library_errors(case: Any) -> None:
    """Anything but a GovshareError escaping replay fails the test."""
    _replay(case, case[4])


@SETTINGS
@given(logs(), st.integers(1, 90 * 24 * 60))
def test_later_as_of_never_undoes_a_terminal_state(case: Any, extra: int) -> None:
    """Terminal states absorb: any later event is refused, and without one nothing changes."""
    early = _replay(case, case[4])
    if not isinstance(early, ProcessStatus) or not early.terminal:
        return
    later = _replay(case, case[4] + dt.timedelta(minutes=extra))
    if isinstance(later, GovshareError):
        assert isinstance(later, EventNotAllowedError)
        assert later.state == early.state
        assert later.allowed == ()
        return
    assert later.state == early.state
    assert later.trace[: len(early.trace)] == early.trace


@SETTINGS
@given(logs(), st.integers(1, 90 * 24 * 60))
def test_authorization_is_never_undone(case: Any, extra: int) -> None:
    early = _replay(case, case[4])
    if not isinstance(early, ProcessStatus) or early.state != "authorized":
        return
    later = _replay(case, case[4] + dt.timedelta(minutes=extra))
    if isinstance(later, GovshareError):  # a later event in an ended process is refused
        assert isinstance(later, EventNotAllowedError)
        return
    assert later.state == "authorized"


@SETTINGS
@given(logs())
def test_deemed_consent_only_after_the_deadline_with_no_reply(case: Any) -> None:
    status = _replay(case, case[4])
    if not isinstance(status, ProcessStatus):
        return
    events = case[3]
    for fired in status.fired:
        if fired.kind != "deemed_consent":
            continue
        assert fired.at <= status.as_of
        # the deadline had passed: the fire instant is the end of the due day
        assert fired.at.date() == fired.due + dt.timedelta(days=1)
        # nobody answered for that reviewer before the deadline passed
        for ev in events:
            at = dt.datetime.fromisoformat(ev["at"]).replace(tzinfo=fired.at.tzinfo)
            if at < fired.at and ev["type"] in ("approve", "refuse"):
                assert fired.party is not None
                assert ev.get("by") != fired.party
