"""Synthetic records: valid, deterministic, and as untidy as the issue describes."""

from __future__ import annotations

import datetime as dt

import pytest

pl = pytest.importorskip("polars")

from govshare.features.audit import audit, read_records, synthesize  # noqa: E402
from govshare.profiles import load_profile  # noqa: E402

HB = load_profile("hubei")


def test_synthetic_records_are_valid_and_realistic() -> None:
    frame = synthesize(HB.calendar, 20_000, seed=11)
    assert frame.equals(synthesize(HB.calendar, 20_000, seed=11))
    batch = read_records(frame)
    assert (batch.records.height, batch.rejects.height) == (20_000, 0)
    days = frame["submitted"].dt.date()
    assert days.min() >= dt.date(2025, 1, 1)
    assert days.max() <= dt.date(2026, 8, 31)
    rest = sum(not HB.calendar.is_working_day(d) for d in days.unique().to_list())
    assert rest < days.n_unique() / 2  # arrivals fall mostly on working days
    assert frame["reply"].null_count() > 0  # missing replies
    assert frame["extension_approved"].sum() > 0
    assert (frame["reply"] == "refuse").sum() > 0
    result = audit(frame, profile=HB, as_of="2026-12-31")
    share = result.overall.after_deemed / result.judged
    assert 0.04 <= share <= 0.06, share  # replies after Hubei's deemed consent (issue 18)
    assert result.fallback == 0
