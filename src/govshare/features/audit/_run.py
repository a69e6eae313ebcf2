"""Running an audit: batches in, results and rejects out, the figures summed as it goes.

:func:`audit` reads the export batch by batch (:func:`iter_batches`), judges each batch with
the kernel (rows it cannot express go to the reference path) or with the reference path
alone (``engine="replay"``), hands each batch's results and rejects to ``on_batch`` (the
command writes them to Parquet and CSV as they come, so memory does not grow with the
input) and returns an :class:`AuditResult`: the counts, the figures per provider and per
month, the distribution of working days to reply and the citations used.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from govshare._kernel.messages import Notice
from govshare._kernel.model import Label
from govshare.features.audit._kpi import Count, Kpi, Tally, kpis
from govshare.features.audit._read import _empty_rejects, iter_batches, polars
from govshare.features.audit._records import ColumnMapping
from govshare.features.audit._reference import SOURCES, JudgeError, judge, shape_of
from govshare.features.audit._verdict import result_schema
from govshare.processes import as_of_instant, get_process
from govshare.profiles import JurisdictionProfile, Source

__all__ = ["AuditResult", "Citation", "Engine", "audit", "judge_batch"]

Engine = Literal["kernel", "replay"]


@dataclass(frozen=True, kw_only=True)
class Citation:
    """A provision the results cite, by the column that cites it."""

    column: str
    source: Source


@dataclass(frozen=True, kw_only=True)
class AuditResult:
    """The audit of a record set: what was read, judged and rejected, and the figures."""

    profile: str
    profile_name: Label
    as_of: dt.date
    engine: Engine
    rows: int  # input rows
    judged: int  # rows in the results
    rejected: int  # rows in the rejects (a row with several problems counts once)
    kernel: int  # rows the kernel judged
    fallback: int  # rows the kernel left to the reference path (judged there or rejected)
    not_covered: int  # rows of a share type the audit does not judge
    reject_reasons: tuple[Count, ...]
    verdicts: tuple[Count, ...]
    overall: Kpi
    providers: tuple[Kpi, ...]
    months: tuple[Kpi, ...]
    reply_days: tuple[Count, ...]  # working days to reply -> records
    citations: tuple[Citation, ...]
    warnings: tuple[Notice, ...] = ()


def _reference_rows(
    profile: JurisdictionProfile, records: Any, until: dt.datetime
) -> tuple[Any, Any]:
    """The reference path over a frame: (results, rejects)."""
    pl = polars()
    shape = shape_of(get_process(profile, "conditional_application"))
    rows: list[dict[str, Any]] = []
    rejects: list[dict[str, Any]] = []
    for rec in records.iter_rows(named=True):
        try:
            rows.append(judge(profile, rec, until=until, shape=shape))
        except JudgeError as exc:
            value = rec.get(exc.column)
            rejects.append(
                {
                    "row": rec["row"],
                    "record_id": rec["record_id"],
                    "column": exc.column,
                    "reason": exc.reason,
                    "value": None if value is None else str(value),
                }
            )
    schema = result_schema(pl)
    frame = pl.DataFrame(rows, schema=schema) if rows else pl.DataFrame(schema=schema)
    rej = pl.DataFrame(rejects, schema=_empty_rejects().schema) if rejects else _empty_rejects()
    return frame, rej


def judge_batch(
    profile: JurisdictionProfile,
    records: Any,
    until: dt.datetime,
    *,
    engine: Engine = "kernel",
    kernel: Any = None,
) -> tuple[Any, Any, int]:
    """Judge one frame of validated records: (results, rejects, rows left to the reference
    path by the kernel). ``kernel`` is a compiled :class:`Kernel` to reuse."""
    pl = polars()
    if engine == "replay":
        results, rejects = _reference_rows(profile, records, until)
        return results, rejects, 0
    from govshare.features.audit._kernel import Kernel  # noqa: PLC0415

    kernel = kernel or Kernel(profile)
    done, left = kernel.run(records, until)
    if left.height == 0:
        return done, _empty_rejects(), 0
    more, rejects = _reference_rows(profile, left, until)
    results = pl.concat([done, more]).sort("row")
    return results, rejects, left.height


def audit(
    source: Any,
    *,
    profile: JurisdictionProfile,
    as_of: Any,
    mapping: ColumnMapping | None = None,
    engine: Engine = "kernel",
    batch_size: int = 500_000,
    on_batch: Callable[[Any, Any], None] | None = None,
    progress: Callable[[int], None] | None = None,
) -> AuditResult:
    """Audit the records in ``source`` (a path, an Arrow table or a polars DataFrame) at
    ``as_of`` (a date: the end of that day, Asia/Shanghai).

    ``on_batch(results, rejects)`` receives each batch's frames; ``progress(rows)`` the
    number of input rows done so far.

    Raises:
        InputError: an unreadable source, a missing column, an unknown process.
        MissingDependencyError: the ``audit`` extra is not installed.
    """
    pl = polars()
    until = as_of_instant(as_of)
    get_process(profile, "conditional_application")
    kernel = None
    if engine == "kernel":
        from govshare.features.audit._kernel import Kernel  # noqa: PLC0415

        kernel = Kernel(profile)
    tally = Tally()
    rows = judged = rejected = fallback = 0
    verdicts: dict[str, int] = {}
    reasons: dict[str, int] = {}
    paths: dict[str, int] = {}
    for batch in iter_batches(source, mapping=mapping, batch_size=batch_size):
        results, rejects, left = judge_batch(
            profile, batch.records, until, engine=engine, kernel=kernel
        )
        rejects = pl.concat([batch.rejects, rejects]).sort("row")
        rows += batch.rows
        judged += results.height
        rejected += rejects["row"].n_unique()
        fallback += left
        for key, n in results["verdict"].value_counts().iter_rows():
            verdicts[key] = verdicts.get(key, 0) + n
        for key, n in results["path"].value_counts().iter_rows():
            paths[key] = paths.get(key, 0) + n
        for key, n in rejects["reason"].value_counts().iter_rows():
            reasons[key] = reasons.get(key, 0) + n
        tally.add(results)
        if on_batch is not None:
            on_batch(results, rejects)
        if progress is not None:
            progress(rows)
    overall = kpis(tally, None)[0]
    hist: dict[int, int] = {}
    if tally.days is not None:
        for wd, n in tally.days.group_by("reply_wd").agg(pl.col("n").sum()).iter_rows():
            hist[int(wd)] = int(n)
    used = {(col, short) for col, shorts in tally.cites.items() for short in shorts}
    return AuditResult(
        profile=profile.id,
        profile_name=profile.model.name,
        as_of=until.date(),
        engine=engine,
        rows=rows,
        judged=judged,
        rejected=rejected,
        kernel=paths.get("kernel", 0),
        fallback=fallback,
        not_covered=verdicts.get("not_covered", 0),
        reject_reasons=_counts(reasons),
        verdicts=_counts(verdicts),
        overall=overall,
        providers=kpis(tally, "provider"),
        months=kpis(tally, "month"),
        reply_days=tuple(Count(key=str(k), count=v) for k, v in sorted(hist.items())),
        citations=tuple(
            Citation(column=col, source=src)
            for (col, short), src in sorted(SOURCES.items())
            if (col, short) in used
        ),
    )


def _counts(found: dict[str, int]) -> tuple[Count, ...]:
    return tuple(Count(key=k, count=v) for k, v in sorted(found.items(), key=lambda kv: -kv[1]))
