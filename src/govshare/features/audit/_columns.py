"""The kernel's column arithmetic: one plan's rows at a time, as numpy arrays.

Mirrors :mod:`._reference` step by step (the property test holds them equal): the reply's
due day and status, deemed consent, the upper layer's ceiling and its extension, the
consent, the provision's binding due day and status, and the verdict.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from govshare._kernel.dates import SHANGHAI
from govshare.errors import GovshareError
from govshare.features.audit._verdict import FINDINGS, RESULT_COLUMNS, result_schema

if TYPE_CHECKING:
    from govshare.features.audit._kernel import Kernel, ProvisionPlan, ReplyPlan

__all__ = ["judge_frame"]

_NAT = "NaT"


def _np() -> Any:
    import numpy as np  # noqa: PLC0415 - the numpy extra

    return np


def _dates(series: Any) -> Any:
    """A polars Date column as datetime64[D] (NaT for null)."""
    return series.to_numpy().astype("datetime64[D]")


def _where(np: Any, mask: Any, values: Any, dtype: str) -> Any:
    """``values`` where ``mask``, else null (NaT or a masked integer)."""
    out = np.full(mask.shape, np.datetime64(_NAT) if dtype == "D" else -1, dtype=values.dtype)
    out[mask] = values[mask]
    return out


@dataclass(frozen=True)
class _Text:
    """A text column as small codes into ``names`` (-1: null): cheap to build and to turn
    into a polars column."""

    codes: Any
    names: tuple[str | None, ...]


def _text(np: Any, mask: Any, name: str | None) -> _Text:
    """``name`` where ``mask``, else null."""
    return _Text(np.where(mask, 0, -1).astype(np.int16), (name,))


#: the codes :func:`_status` gives
STATUS = ("in_time", "late", "overdue", "open")


def _status(np: Any, counter: Any, due: Any, *, done: Any, has: Any, today: Any) -> tuple[Any, Any]:
    """in_time / late (by the act) or overdue / open (at today), as codes into
    :data:`STATUS`; working days late (-1: none)."""
    status = np.where(has, np.where(done <= due, 0, 1), np.where(today > due, 2, 3))
    late = np.full(due.shape, -1, dtype=np.int64)
    is_late = has & (done > due)
    if is_late.any():
        late[is_late] = counter.between(due[is_late], done[is_late])
    over = ~has & (today > due)
    if over.any():
        late[over] = counter.between(due[over], np.broadcast_to(today, due.shape)[over])
    return status, late


def _reply(kernel: Kernel, plan: ReplyPlan, sub: Any, today: Any) -> dict[str, Any]:
    """The reply, ceiling and consent columns of one plan's rows."""
    np = _np()
    cal = kernel.profile.calendar
    counter = kernel.counter(cal)
    receipt = _dates(sub["receipt_date"])
    replied = _dates(sub["replied_date"])
    has = ~np.isnat(replied)
    due = cal.add_working_days_array(receipt, plan.n)
    agree = has & (sub["reply"] == "agree").fill_null(False).to_numpy()
    refuse = has & (sub["reply"] == "refuse").fill_null(False).to_numpy()
    out: dict[str, Any] = {"reply_due": due}
    wd = np.full(due.shape, -1, dtype=np.int64)
    if has.any():
        wd[has] = counter.between(receipt[has], replied[has])
    out["reply_wd"] = wd
    finding = np.full(due.shape, -1, dtype=np.int16)
    if plan.deemed:
        deemed = np.where(has, replied > due, today > due)
        codes = np.where(deemed, 0, np.where(has, 1, 2))
        status = _Text(codes, ("deemed_consent", "in_time", "open"))
        late = np.full(due.shape, -1, dtype=np.int64)
        after = deemed & has
        if after.any():
            late[after] = counter.between(due[after], replied[after])
        finding[after] = 0
    else:
        deemed = np.zeros(due.shape, dtype=bool)
        codes, late = _status(np, counter, due, done=replied, has=has, today=today)
        status = _Text(codes, STATUS)
    if plan.reasons_required:
        refused = refuse & ~deemed & sub["reasons"].is_null().to_numpy()
        finding[refused] = 1
    one = np.timedelta64(1, "D")
    out.update(
        reply_status=status,
        reply_late_wd=late,
        deemed_consent_on=_where(np, deemed, due + one, "D"),
        outcome_cite=_text(np, deemed, plan.outcome_cite),
        finding=_Text(finding, FINDINGS),
        reply_cite=_text(np, np.ones(due.shape, dtype=bool), plan.cite),
    )
    out.update(
        _ceiling(kernel, plan, sub, due=due, receipt=receipt, replied=replied, has=has, today=today)
    )
    consent = np.where(deemed, due + one, np.where(agree, replied, np.datetime64(_NAT)))
    out["consent_on"] = consent.astype("datetime64[D]")
    return out


def _ceiling(
    kernel: Kernel,
    plan: ReplyPlan,
    sub: Any,
    *,
    due: Any,
    receipt: Any,
    replied: Any,
    has: Any,
    today: Any,
) -> dict[str, Any]:
    np = _np()
    n = len(due)
    empty = _text(np, np.zeros(n, dtype=bool), None)
    if plan.ceiling is None:
        return {
            "ceiling_due": np.full(n, np.datetime64(_NAT), dtype="datetime64[D]"),
            "ceiling_status": empty,
            "ceiling_late_wd": np.full(n, -1, dtype=np.int64),
            "ceiling_cite": empty,
            "extension_cite": empty,
        }
    up = plan.ceiling
    c = up.calendar.add_working_days_array(receipt, up.n)
    present = due <= c
    ext = np.zeros(n, dtype=bool)
    if plan.extension is not None:
        ext = sub["extension_approved"].to_numpy().astype(bool) & present
        if ext.any():
            c = c.copy()
            c[ext] = up.calendar.add_working_days_array(c[ext], plan.extension)
    counter = kernel.counter(up.calendar)
    codes, late = _status(np, counter, c, done=replied, has=has, today=today)
    names = ("within", "beyond", "beyond", "open")  # in the order of STATUS
    return {
        "ceiling_due": _where(np, present, c, "D"),
        "ceiling_status": _Text(np.where(present, codes, -1), names),
        "ceiling_late_wd": np.where(present, late, -1),
        "ceiling_cite": _text(np, present, up.cite),
        "extension_cite": _text(np, ext, plan.extension_cite),
    }


def _provision(kernel: Kernel, plan: ProvisionPlan, sub: Any, today: Any) -> dict[str, Any]:
    """The provision columns of rows sharing one provision plan: each layer's due day, the
    earliest binding (a tie goes to the nearer layer), its status and days late."""
    np = _np()
    consent = _dates(sub["consent_on"])
    n = len(consent)
    if not plan.layers:
        return {"provision_status": _text(np, np.ones(n, dtype=bool), "no_limit")}
    best = np.zeros(n, dtype=np.int64)
    due = plan.layers[0].calendar.add_working_days_array(consent, plan.layers[0].n)
    for i, layer in enumerate(plan.layers[1:], start=1):
        other = layer.calendar.add_working_days_array(consent, layer.n)
        earlier = other < due
        best[earlier] = i
        due = np.where(earlier, other, due)
    provided = _dates(sub["provided_date"])
    has = ~np.isnat(provided)
    status = np.full(n, -1, dtype=np.int16)
    late = np.full(n, -1, dtype=np.int64)
    for i, layer in enumerate(plan.layers):
        rows = best == i
        if not rows.any():
            continue
        counter = kernel.counter(layer.calendar)
        status[rows], late[rows] = _status(
            np, counter, due[rows], done=provided[rows], has=has[rows], today=today
        )
    return {
        "provision_due": due,
        "provision_cite": _Text(best, tuple(x.cite for x in plan.layers)),
        "provision_status": _Text(status, STATUS),
        "provision_late_wd": late,
    }


def _verdict(pl: Any) -> Any:
    c = pl.col
    return (
        pl.when(c("reply_status") == "deemed_consent")
        .then(pl.lit("deemed_consent"))
        .when(c("reply_status") == "late")
        .then(pl.lit("reply_late"))
        .when(c("reply_status") == "overdue")
        .then(pl.lit("reply_overdue"))
        .when(c("provision_status") == "late")
        .then(pl.lit("provision_late"))
        .when(c("provision_status") == "overdue")
        .then(pl.lit("provision_overdue"))
        .when(c("reply_status").is_in(["open", "none"]) | (c("provision_status") == "open"))
        .then(pl.lit("open"))
        .otherwise(pl.lit("in_time"))
    )


def _series(pl: Any, name: str, values: Any) -> Any:
    if not isinstance(values, _Text):
        return pl.Series(name, values)
    codes = pl.Series(name, values.codes, dtype=pl.Int16)
    old = list(range(len(values.names)))
    return codes.replace_strict(old, list(values.names), default=None, return_dtype=pl.String)


def _frame(pl: Any, sub: Any, cols: dict[str, Any]) -> Any:
    """``sub`` with the computed numpy columns (typed in :func:`_finish`)."""
    series = [_series(pl, name, values) for name, values in cols.items()]
    return sub.with_columns(series)


def judge_frame(kernel: Kernel, records: Any, until: dt.datetime) -> tuple[Any, Any]:
    """(results of the rows the kernel judged, the validated rows it leaves to replay)."""
    import polars as pl  # noqa: PLC0415 - the audit extra

    np = _np()
    c = pl.col
    local = until.astimezone(SHANGHAI).replace(tzinfo=None)
    today = np.datetime64(local.date(), "D")
    df = records.with_columns(receipt=pl.coalesce(c("forwarded"), c("submitted")))
    df = df.with_columns(
        receipt_date=c("receipt").dt.date(),
        month=c("receipt").dt.strftime("%Y-%m"),
        replied_ok=pl.when(c("replied") <= local).then(c("replied")),
        provided_ok=pl.when(c("data_provided") <= local).then(c("data_provided")),
    ).with_columns(
        replied_date=c("replied_ok").dt.date(),
        provided_date=c("provided_ok").dt.date(),
    )
    done: list[Any] = []
    covered = c("share_type") == "conditional"
    other = df.filter(~covered)
    if other.height:
        done.append(
            other.with_columns(
                path=pl.lit("none"),
                verdict=pl.lit("not_covered"),
                replied_ok=pl.lit(None, pl.Datetime("us")),
            )
        )
    cond = df.filter(covered)
    if not kernel.supported or cond.height == 0:
        return _finish(pl, done), cond.select(records.columns)
    late_receipt = c("receipt") > local
    left = [cond.filter(late_receipt)]
    cond = cond.filter(~late_receipt)
    replied_rows = _by_plan(
        pl,
        cond,
        "receipt_date",
        lookup=kernel.reply_plan,
        compute=lambda plan, sub: _reply(kernel, plan, sub, today),
        left=left,
    )
    if replied_rows:
        judged = pl.concat(replied_rows, how="diagonal_relaxed")
        done.extend(_provisions(kernel, pl, judged, today, left))
    rest = pl.concat([x.select(records.columns) for x in left])
    return _finish(pl, done), rest


def _provisions(kernel: Kernel, pl: Any, judged: Any, today: Any, left: list[Any]) -> list[Any]:
    """The provision stage: rows grouped by the plan of their consent day and level."""
    c = pl.col
    out = [judged.filter(c("consent_on").is_null()).with_columns(provision_status=pl.lit("none"))]
    consented = judged.filter(c("consent_on").is_not_null()).with_columns(provided=c("provided_ok"))
    return out + _by_plan(
        pl,
        consented,
        "consent_on",
        lookup=kernel.provision_plan,
        compute=lambda plan, sub: _provision(kernel, plan, sub, today),
        left=left,
    )


def _by_plan(
    pl: Any,
    frame: Any,
    day: str,
    *,
    lookup: Callable[[str, dt.date], Any],
    compute: Callable[[Any, Any], dict[str, Any]],
    left: list[Any],
) -> list[Any]:
    """``frame``'s rows grouped by the plan of their level and ``day`` (``lookup``), each
    group with the columns ``compute(plan, rows)`` gives. Rows with no plan, or whose
    arithmetic fails (a due day beyond the calendar), are added to ``left`` for the
    reference path."""
    c = pl.col
    keys = frame.select("level", day).unique()
    plans: list[Any] = []
    ids: list[int | None] = []
    for level, when in keys.iter_rows():
        plan = lookup(level, when)
        if plan is not None and plan not in plans:
            plans.append(plan)
        ids.append(None if plan is None else plans.index(plan))
    keys = keys.with_columns(pl.Series("_plan", ids, dtype=pl.Int32))
    frame = frame.join(keys, on=["level", day], how="left").drop("_plan_right", strict=False)
    left.append(frame.filter(c("_plan").is_null()).drop("_plan"))
    out = []
    for k, plan in enumerate(plans):
        sub = frame.filter(c("_plan") == k).drop("_plan")
        if not sub.height:
            continue
        try:
            cols = compute(plan, sub)
        except GovshareError:
            left.append(sub)
            continue
        out.append(_frame(pl, sub, cols))
    return out


def _finish(pl: Any, parts: list[Any]) -> Any:
    schema = result_schema(pl)
    if not parts:
        return pl.DataFrame(schema=schema)
    df = pl.concat(parts, how="diagonal_relaxed")
    df = df.with_columns(replied=pl.col("replied_ok"))
    missing = [pl.lit(None, schema[n]).alias(n) for n in schema if n not in df.columns]
    df = df.with_columns(missing)
    counts = [n for n, kind in RESULT_COLUMNS.items() if kind == "int" and n != "row"]
    df = df.with_columns(
        pl.when(pl.col(n) < 0).then(None).otherwise(pl.col(n)).alias(n) for n in counts
    )
    if "path" not in df.columns or df["path"].null_count():
        df = df.with_columns(pl.col("path").fill_null("kernel"))
    df = df.with_columns(
        pl.when(pl.col("verdict").is_null())
        .then(_verdict(pl))
        .otherwise(pl.col("verdict"))
        .alias("verdict")
    )
    return df.select([pl.col(n).cast(t) for n, t in schema.items()])
