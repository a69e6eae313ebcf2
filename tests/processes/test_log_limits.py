"""Event logs: no Unix-timestamp guesses, no blank reasons, documented size limits
(issue 14, items 5 and 12)."""

from __future__ import annotations

import pytest

from govshare._kernel.limits import LIMITS
from govshare.errors import DataFileError
from govshare.processes import load_event_log

HEAD = "process: conditional_application\nlevel: provincial\n"


def _load(body: str) -> DataFileError:
    with pytest.raises(DataFileError) as info:
        load_event_log("case.log.yaml", text=HEAD + body)
    return info.value


@pytest.mark.parametrize("value", ["1790000000", "0", "1790000000.5"])
def test_a_bare_number_is_not_a_time(value: str) -> None:
    err = _load(f"events:\n  - {{at: {value}, type: submit, by: a}}\n")
    assert err.line == 4
    assert err.issues[0].field.startswith("events[0].at")
    assert "not a number" in str(err)


def test_as_of_as_a_number_is_refused() -> None:
    err = _load("as_of: 1790000000\nevents:\n  - {at: 2026-09-30, type: submit, by: a}\n")
    assert err.line == 3
    assert "not a number" in str(err)


@pytest.mark.parametrize("blank", ["' '", '"\\t  "'])
def test_blank_reasons_are_refused(blank: str) -> None:
    err = _load(
        "events:\n  - {at: 2026-09-30, type: submit, by: a}\n"
        f"  - {{at: 2026-10-09, type: refuse, by: b, reasons: {blank}}}\n"
    )
    assert err.line == 5
    assert err.issues[0].field == "events[1].reasons"


def test_too_many_reviewers() -> None:
    names = ", ".join(f"r{i}" for i in range(LIMITS.reviewers + 1))
    err = _load(f"events:\n  - {{at: 2026-09-30, type: submit, by: a, reviewers: [{names}]}}\n")
    assert err.issues[0].field == "events[0].reviewers"
    assert str(LIMITS.reviewers) in str(err)


def test_too_many_events() -> None:
    body = "events:\n" + "  - {at: 2026-09-30, type: submit}\n" * (LIMITS.events + 1)
    err = _load(body)
    assert err.issues[0].field == "events"
    assert str(LIMITS.events) in str(err)


def test_too_long_a_string() -> None:
    err = _load(
        "events:\n  - {at: 2026-09-30, type: submit, by: a, note: "
        + "x" * (LIMITS.string_chars + 1)
        + "}\n"
    )
    assert err.issues[0].field == "events[0].note"
    assert str(LIMITS.string_chars) in str(err)
