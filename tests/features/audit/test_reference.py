"""The reference path: a record replayed through the process and the layered rules.

Hand counts (2025 official arrangement): National Day 10/1-10/8 off, Sun 9/28 and Sat 10/11
make-up working days.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from govshare.features.audit._reference import JudgeError, judge
from govshare.processes import as_of_instant
from govshare.profiles import load_profile

HB = load_profile("hubei")
D = dt.datetime
UNTIL = as_of_instant("2025-12-31")
BASE: dict[str, Any] = {
    "row": 1,
    "record_id": "R1",
    "requester": "省民政厅",
    "provider": "省公安厅",
    "level": "provincial",
    "share_type": "conditional",
    "submitted": D(2025, 9, 1, 10),  # Monday
    "extension_approved": False,
}


def run(**changes: Any) -> dict[str, Any]:
    return judge(HB, {**BASE, **changes}, until=UNTIL)


def test_reply_in_time_and_provision_in_time() -> None:
    """Rules 第十四条(二): 5 working days from Mon 9/1 -> Mon 9/8. National 第二十一条 10 ->
    Mon 9/15 (ceiling). Consent Wed 9/3: 20 working days (第二十二条) 9/4 ... 9/26 (17),
    Sun 9/28 make-up (18), 9/29 (19), 9/30 (20) -> due 9/30."""
    row = run(replied=D(2025, 9, 3, 10), reply="agree", data_provided=D(2025, 9, 20))
    assert row["reply_due"] == dt.date(2025, 9, 8)
    assert row["reply_cite"] == "鄂政务办发〔2021〕1号 第十四条(二)"
    assert (row["reply_status"], row["reply_wd"]) == ("in_time", 2)
    assert (row["ceiling_due"], row["ceiling_status"]) == (dt.date(2025, 9, 15), "within")
    assert row["ceiling_cite"] == "政务数据共享条例 第二十一条"
    assert (row["provision_due"], row["provision_status"]) == (dt.date(2025, 9, 30), "in_time")
    assert row["provision_cite"] == "政务数据共享条例 第二十二条"
    assert row["verdict"] == "in_time"


def test_a_reply_after_deemed_consent_is_a_finding_not_an_error() -> None:
    """Due 9/8; deemed consent when 9/8 ends (9/9 00:00); the approval on Fri 9/12 is 4
    working days after the due day (9/9-9/12) and changes nothing. Provision from 9/9:
    9/10 ... 9/26 (13), 9/28 (14), 9/29-9/30 (16), 10/9 (17), 10/10 (18), Sat 10/11 (19),
    10/13 (20)."""
    row = run(replied=D(2025, 9, 12, 10), reply="agree")
    assert (row["reply_status"], row["deemed_consent_on"]) == (
        "deemed_consent",
        dt.date(2025, 9, 9),
    )
    assert row["outcome_cite"] == "鄂政务办发〔2021〕1号 第十四条(二)"
    assert (row["reply_late_wd"], row["finding"]) == (4, "reply_after_deemed_consent")
    assert row["consent_on"] == dt.date(2025, 9, 9)
    assert row["provision_due"] == dt.date(2025, 10, 13)
    assert row["verdict"] == "deemed_consent"


def test_no_reply_beyond_the_national_ceiling() -> None:
    """No reply at all: deemed consent locally, and the national 10 working days (9/15)
    are exceeded too; at 12/31 the provision (due 10/13) is overdue."""
    row = run()
    assert row["reply_status"] == "deemed_consent"
    assert row["ceiling_status"] == "beyond"
    assert row["provision_status"] == "overdue"
    assert row.get("finding") is None


def test_refusal_without_reasons_is_a_finding() -> None:
    row = run(replied=D(2025, 9, 5), reply="refuse")
    assert (row["reply_status"], row["finding"]) == ("in_time", "refusal_without_reasons")
    assert row["provision_status"] == "none"
    assert run(replied=D(2025, 9, 5), reply="refuse", reasons="涉密").get("finding") is None


def test_extension_moves_the_national_ceiling_only() -> None:
    """County level: order 第二十条 10 working days -> 9/15 binds, deemed consent 9/16. The
    approved extension (第二十一条, at most 10 more) moves the national ceiling from 9/15
    to 9/16-9/19 (4), 9/22-9/26 (9), Sun 9/28 (10) -> 9/28; the refusal on 9/16 is within it."""
    row = run(level="county", replied=D(2025, 9, 16), reply="refuse", extension_approved=True)
    assert row["reply_cite"] == "湖北省人民政府令第419号 第二十条"
    assert row["reply_status"] == "deemed_consent"
    assert row["ceiling_due"] == dt.date(2025, 9, 28)
    assert row["extension_cite"] == "政务数据共享条例 第二十一条"
    assert row["ceiling_status"] == "within"


def test_before_the_national_regulation_there_is_no_ceiling_nor_provision_limit() -> None:
    """Received Mon 2025-07-07: the national regulation is in force from 2025-08-01; the
    rules' 5 working days (7/8-7/14 -> 7/14) bind alone; consent 7/8 is before 8/1, when
    neither layer sets a provision limit."""
    row = run(submitted=D(2025, 7, 7, 9), replied=D(2025, 7, 8), reply="agree")
    assert row["reply_due"] == dt.date(2025, 7, 14)
    assert row.get("ceiling_due") is None
    assert row["provision_status"] == "no_limit"
    assert row["verdict"] == "in_time"


def test_missing_materials_is_timed_as_a_reply() -> None:
    row = run(replied=D(2025, 9, 4), reply="missing_materials")
    assert (row["reply_status"], row["provision_status"]) == ("in_time", "none")
    assert row.get("finding") is None


def test_unconditional_records_are_kept_as_not_covered() -> None:
    row = run(share_type="unconditional")
    assert (row["verdict"], row["path"]) == ("not_covered", "none")


def test_dates_outside_the_calendar_are_a_judge_error() -> None:
    """Received 2026-12-30: 5 working days run into 2027, which the calendar lacks."""
    with pytest.raises(JudgeError) as err:
        judge(HB, {**BASE, "submitted": D(2026, 12, 30, 9)}, until=as_of_instant("2026-12-31"))
    assert (err.value.column, err.value.reason) == ("submitted", "outside_calendar")
