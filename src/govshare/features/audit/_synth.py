"""Synthetic application records for demonstrations and benchmarks (not real data).

Twenty months of a platform's conditional applications (2025-01 to 2026-08, so every
deadline falls inside the published calendar): arrivals are Poisson on working days (a
trickle on rest days), spread over departments of different speed; replies take a number of
working days drawn from a long-tailed (log-normal) distribution, so a few per cent come
after the reply limit; some never come; some are refusals or notices of missing materials;
a few replies were extended; most consents are followed by the data, some late. The same
seed gives the same records.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from govshare.calendar import WorkCalendar

__all__ = ["PROVIDERS", "synthesize"]

#: Providers and how slow each is (a factor on the reply lag).
PROVIDERS: dict[str, float] = {
    "省公安厅": 1.0,
    "省民政厅": 0.8,
    "省人力资源社会保障厅": 1.3,
    "省自然资源厅": 1.6,
    "省市场监管局": 0.9,
    "省卫生健康委": 1.2,
    "省教育厅": 0.7,
    "省住房城乡建设厅": 1.4,
    "省税务局": 0.6,
    "省医保局": 1.1,
    "市公安局": 1.5,
    "市不动产登记中心": 1.9,
}
REQUESTERS = (
    "省政务服务中心",
    "省医保局",
    "省民政厅",
    "省教育厅",
    "市政务服务中心",
    "市民政局",
    "县社保中心",
)
_START = dt.date(2025, 1, 1)
_END = dt.date(2026, 8, 31)


def _working_days(calendar: WorkCalendar) -> tuple[Any, Any]:
    import numpy as np  # noqa: PLC0415

    n = (_END - _START).days + 1
    days = np.array([_START + dt.timedelta(i) for i in range(n)], dtype="datetime64[D]")
    work = np.array([calendar.is_working_day(_START + dt.timedelta(i)) for i in range(n)])
    return days, work


def synthesize(calendar: WorkCalendar, records: int, *, seed: int, first: int = 0) -> Any:
    """``records`` synthetic records (a polars DataFrame in the ``govshare-records/1``
    columns), numbered from ``first``; deterministic for a seed."""
    import numpy as np  # noqa: PLC0415
    import polars as pl  # noqa: PLC0415

    rng = np.random.default_rng([seed, first])
    days, work = _working_days(calendar)
    weight = np.where(work, 1.0, 0.04)
    weight = weight * (1 + 0.3 * np.sin(np.arange(len(days)) / 58.0))  # seasons
    # Poisson arrivals conditioned on their total: a multinomial over the days
    per_day = rng.multinomial(records, weight / weight.sum())
    day = np.repeat(days, per_day)
    n = len(day)
    minutes = rng.integers(8 * 60 + 30, 18 * 60, n).astype("timedelta64[m]")
    submitted = day.astype("datetime64[m]") + minutes
    names = np.array(list(PROVIDERS))
    speed = np.array(list(PROVIDERS.values()))
    who = rng.choice(len(names), n, p=_shares(len(names)))
    forwarded = np.where(
        rng.random(n) < 0.7,
        submitted + rng.integers(0, 240, n).astype("timedelta64[m]"),
        np.datetime64("NaT"),
    )
    receipt = np.where(np.isnat(forwarded), submitted, forwarded)
    lag = np.floor(rng.lognormal(0.75, 0.6, n) * speed[who]).astype(np.int64)
    lag = np.clip(lag, 0, 40)
    receipt_day = receipt.astype("datetime64[D]")
    reply_day = calendar.add_working_days_array(receipt_day, lag)
    replied = reply_day.astype("datetime64[m]") + rng.integers(9 * 60, 18 * 60, n).astype(
        "timedelta64[m]"
    )
    replied = np.maximum(replied, receipt + np.timedelta64(10, "m"))
    kind = rng.choice(4, n, p=[0.83, 0.08, 0.04, 0.05])  # agree, refuse, materials, none
    reply = np.array(["agree", "refuse", "missing_materials", None], dtype=object)[kind]
    replied = np.where(kind == 3, np.datetime64("NaT"), replied)
    give = (kind == 0) & (rng.random(n) < 0.9)
    p_lag = np.clip(np.floor(rng.lognormal(2.2, 0.6, n)), 0, 40).astype(np.int64)
    provided_day = calendar.add_working_days_array(
        np.where(give, reply_day, receipt_day), np.where(give, p_lag, 0)
    )
    at_ten = provided_day.astype("datetime64[m]") + np.timedelta64(10 * 60, "m")
    after = np.maximum(at_ten, replied + np.timedelta64(5, "m"))
    provided = np.where(give, after, np.datetime64("NaT", "m"))
    level = rng.choice(["provincial", "prefectural", "county"], n, p=[0.6, 0.3, 0.1])
    share = np.where(rng.random(n) < 0.03, "unconditional", "conditional")
    reasons = np.full(n, None, dtype=object)
    reasons[kind == 1] = "不符合共享条件"
    frame = pl.DataFrame(
        {
            "record_id": [f"A{first + i:09d}" for i in range(n)],
            "requester": rng.choice(np.array(REQUESTERS), n),
            "provider": names[who],
            "level": level,
            "share_type": share,
            "submitted": submitted.astype("datetime64[us]"),
            "forwarded": forwarded.astype("datetime64[us]"),
            "replied": replied.astype("datetime64[us]"),
            "reply": pl.Series(reply.tolist(), dtype=pl.String),
            "extension_approved": rng.random(n) < 0.03,
            "data_provided": provided.astype("datetime64[us]"),
            "reasons": pl.Series(reasons.tolist(), dtype=pl.String),
        }
    )
    return frame.sort("submitted")


def _shares(k: int) -> Any:
    """Some departments receive many more applications than others."""
    import numpy as np  # noqa: PLC0415

    w = 1.0 / np.arange(1, k + 1) ** 0.6
    return w / w.sum()
