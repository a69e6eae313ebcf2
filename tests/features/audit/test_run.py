"""Running an audit: every row accounted for, the figures per provider and per month."""

from __future__ import annotations

import datetime as dt

import pytest

pl = pytest.importorskip("polars")

from govshare.features.audit import audit  # noqa: E402
from govshare.profiles import load_profile  # noqa: E402

HB = load_profile("hubei")


def _rows() -> pl.DataFrame:
    """Five provincial applications received Mon 2025-09-01 (reply due 9/8), one bad row.

    公安: in time (2 working days), in time (5: 9/2-9/5 and 9/8), no reply (deemed consent);
    民政: late after deemed consent (Fri 9/12: 9 working days), refused in time (1).
    """
    base = {
        "requester": "省医保局",
        "level": "provincial",
        "share_type": "conditional",
        "submitted": "2025-09-01 09:00",
        "extension_approved": "false",
        "reasons": "不符合共享条件",
    }
    rows = [
        {"record_id": "a", "provider": "省公安厅", "replied": "2025-09-03 10:00", "reply": "agree"},
        {"record_id": "b", "provider": "省公安厅", "replied": "2025-09-08 16:00", "reply": "agree"},
        {"record_id": "c", "provider": "省公安厅", "replied": None, "reply": None},
        {"record_id": "d", "provider": "省民政厅", "replied": "2025-09-12 10:00", "reply": "agree"},
        {
            "record_id": "e",
            "provider": "省民政厅",
            "replied": "2025-09-02 10:00",
            "reply": "refuse",
        },
        {"record_id": "f", "provider": "省民政厅", "replied": "soon", "reply": "agree"},
    ]
    frame = [{**base, "data_provided": None, **r} for r in rows]
    return pl.DataFrame(frame, schema=dict.fromkeys(frame[0], pl.String))


@pytest.mark.parametrize("engine", ["replay", "kernel"])
def test_figures_per_provider(engine: str) -> None:
    seen: list[tuple[int, int]] = []
    result = audit(
        _rows(),
        profile=HB,
        as_of="2025-09-30",
        engine=engine,  # type: ignore[arg-type]
        on_batch=lambda res, rej: seen.append((res.height, rej.height)),
    )
    assert (result.rows, result.judged, result.rejected) == (6, 5, 1)
    assert seen == [(5, 1)]
    assert [(c.key, c.count) for c in result.reject_reasons] == [("not_a_datetime", 1)]
    police, civil = result.providers
    assert (police.key, civil.key) == ("省公安厅", "省民政厅")
    assert (police.replies_due, police.replies_in_time, police.deemed_consent) == (3, 2, 1)
    assert police.reply_rate == pytest.approx(2 / 3)
    assert (civil.replies_due, civil.replies_in_time, civil.after_deemed) == (2, 1, 1)
    # working days to reply: 公安 2, 5; 民政 9, 1 -> all: 1, 2, 5, 9
    assert (police.median_reply_wd, police.p90_reply_wd) == (2.0, 5.0)
    assert (result.overall.median_reply_wd, result.overall.p90_reply_wd) == (2.0, 9.0)
    assert [(c.key, c.count) for c in result.reply_days] == [("1", 1), ("2", 1), ("5", 1), ("9", 1)]
    (month,) = result.months
    assert (month.key, month.records) == ("2025-09", 5)
    # provision (20 working days, 第二十二条): a from 9/3 -> 10/9; b from 9/8 -> 10/13;
    # c and d from the deemed consent 9/9 -> 10/13: none due by 9/30
    assert result.overall.provisions_due == 0
    columns = {c.column for c in result.citations}
    assert {"reply_cite", "outcome_cite", "ceiling_cite", "provision_cite"} <= columns
    assert result.as_of == dt.date(2025, 9, 30)
