"""The authority's figures per provider and per month, summed batch by batch.

Each batch of results is reduced to counts per (provider, month) and a histogram of the
working days to reply per (provider, month); the counts add up across batches, so the
figures of ten million records need only these small tables. Median and 90th percentile
come from the histogram (nearest rank), so they are exact.

- 答复及时率 (reply rate): replies in time / replies due (in time, late, overdue, deemed
  consent);
- 提供及时率 (provision rate): provisions in time / provisions due (in time, late, overdue).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

__all__ = ["CITE_COLUMNS", "COUNTS", "Count", "Kpi", "Tally", "kpis"]

#: The result columns holding a citation.
CITE_COLUMNS = ("reply_cite", "outcome_cite", "ceiling_cite", "extension_cite", "provision_cite")

#: The counted quantities: name -> (column, values counted).
COUNTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "replies_due": ("reply_status", ("in_time", "late", "overdue", "deemed_consent")),
    "replies_in_time": ("reply_status", ("in_time",)),
    "reply_late": ("reply_status", ("late",)),
    "reply_overdue": ("reply_status", ("overdue",)),
    "deemed_consent": ("reply_status", ("deemed_consent",)),
    "provisions_due": ("provision_status", ("in_time", "late", "overdue")),
    "provisions_in_time": ("provision_status", ("in_time",)),
    "provision_late": ("provision_status", ("late",)),
    "provision_overdue": ("provision_status", ("overdue",)),
    "beyond_ceiling": ("ceiling_status", ("beyond",)),
    "after_deemed": ("finding", ("reply_after_deemed_consent",)),
    "open": ("verdict", ("open",)),
    "not_covered": ("verdict", ("not_covered",)),
}


@dataclass(frozen=True, kw_only=True)
class Count:
    """A value and how many records have it."""

    key: str
    count: int


@dataclass(frozen=True, kw_only=True)
class Kpi:
    """The figures of one provider, one month, or all records (``key`` ``*``)."""

    key: str
    records: int
    replies_due: int
    replies_in_time: int
    reply_late: int
    reply_overdue: int
    deemed_consent: int
    provisions_due: int
    provisions_in_time: int
    provision_late: int
    provision_overdue: int
    beyond_ceiling: int
    after_deemed: int
    open: int
    not_covered: int
    reply_rate: float | None  # 答复及时率
    provision_rate: float | None  # 提供及时率
    median_reply_wd: float | None
    p90_reply_wd: float | None


class Tally:
    """Counts per (provider, month) and the reply-days histogram, added batch by batch."""

    def __init__(self) -> None:
        self.counts: Any = None  # polars frame: provider, month, records, COUNTS...
        self.days: Any = None  # polars frame: provider, month, reply_wd, n
        self.cites: dict[str, set[str]] = {}  # citation column -> the citations found

    def add(self, results: Any) -> None:
        """Add one batch of result rows."""
        import polars as pl  # noqa: PLC0415 - the audit extra

        keys = ["provider", "month"]
        aggs = [pl.len().cast(pl.Int64).alias("records")]
        aggs += [
            pl.col(col).is_in(values).fill_null(False).sum().cast(pl.Int64).alias(name)
            for name, (col, values) in COUNTS.items()
        ]
        counts = results.group_by(keys).agg(aggs)
        days = (
            results.filter(pl.col("reply_wd").is_not_null())
            .group_by([*keys, "reply_wd"])
            .agg(pl.len().cast(pl.Int64).alias("n"))
        )
        for col in CITE_COLUMNS:
            self.cites.setdefault(col, set()).update(results[col].drop_nulls().unique())
        self.counts = counts if self.counts is None else _sum(self.counts, counts, keys)
        self.days = days if self.days is None else _sum(self.days, days, [*keys, "reply_wd"])


def _sum(a: Any, b: Any, keys: list[str]) -> Any:
    import polars as pl  # noqa: PLC0415

    values = [c for c in a.columns if c not in keys]
    return pl.concat([a, b]).group_by(keys).agg(pl.col(v).sum() for v in values)


def _quantile(hist: list[tuple[int, int]], q: float) -> float | None:
    """Nearest-rank quantile of a histogram (value, count), values ascending."""
    total = sum(n for _, n in hist)
    if not total:
        return None
    rank = max(1, math.ceil(q * total))
    seen = 0
    for value, n in hist:
        seen += n
        if seen >= rank:
            return float(value)
    return float(hist[-1][0])  # pragma: no cover - the loop always reaches the rank


def _rate(part: int, whole: int) -> float | None:
    return None if whole == 0 else part / whole


def _kpi(key: str, row: dict[str, int], hist: list[tuple[int, int]]) -> Kpi:
    fields = {name: int(row.get(name, 0)) for name in ("records", *COUNTS)}
    return Kpi(
        key=key,
        **fields,
        reply_rate=_rate(fields["replies_in_time"], fields["replies_due"]),
        provision_rate=_rate(fields["provisions_in_time"], fields["provisions_due"]),
        median_reply_wd=_quantile(hist, 0.5),
        p90_reply_wd=_quantile(hist, 0.9),
    )


def kpis(tally: Tally, by: str | None) -> tuple[Kpi, ...]:
    """The figures per ``by`` (``provider`` or ``month``), or overall (``None``), sorted."""
    import polars as pl  # noqa: PLC0415

    if tally.counts is None:
        return (_kpi("*", {}, []),) if by is None else ()
    keys = [] if by is None else [by]
    values = [c for c in tally.counts.columns if c not in ("provider", "month")]
    if keys:
        counts = tally.counts.group_by(keys).agg(pl.col(v).sum() for v in values).sort(keys)
        days = tally.days.group_by([*keys, "reply_wd"]).agg(pl.col("n").sum())
    else:
        counts = tally.counts.select(pl.col(v).sum() for v in values).with_columns(
            pl.lit("*").alias("key")
        )
        days = (
            tally.days.group_by("reply_wd")
            .agg(pl.col("n").sum())
            .with_columns(pl.lit("*").alias("key"))
        )
        keys = ["key"]
    hists: dict[str, list[tuple[int, int]]] = {}
    for row in days.sort("reply_wd").iter_rows(named=True):
        hists.setdefault(str(row[keys[0]]), []).append((int(row["reply_wd"]), int(row["n"])))
    return tuple(
        _kpi(str(row[keys[0]]), row, hists.get(str(row[keys[0]]), []))
        for row in counts.iter_rows(named=True)
    )
