"""Reading and validating records: CSV, Parquet, JSON Lines or an Arrow table, in batches.

Every row is checked; a bad row never stops the run and is never dropped: it goes to the
rejects with its row number, the column and the reason (a vocabulary id of kind ``audit``,
and the value found). Row numbers count records from 1 (a CSV's header is not a record).
Large files are read in batches (Parquet row groups, CSV blocks) so memory stays bounded.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govshare._kernel.model import LEVELS
from govshare._kernel.optional import require
from govshare.errors import InputError
from govshare.features.audit._records import (
    DATETIME_FIELDS,
    FIELDS,
    REPLIES,
    REQUIRED,
    SHARE_TYPES,
    ColumnMapping,
)

if TYPE_CHECKING:
    import polars as pl

__all__ = [
    "REJECT_COLUMNS",
    "Batch",
    "iter_batches",
    "polars",
    "read_records",
    "validate",
]

#: The columns of the rejects table.
REJECT_COLUMNS: tuple[str, ...] = ("row", "record_id", "column", "reason", "value")

_SUFFIXES = {
    ".csv": "csv",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
}
_LOCAL_FORMATS = (
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M",
)
_AWARE_FORMATS = ("%Y-%m-%dT%H:%M:%S%.f%#z", "%Y-%m-%d %H:%M:%S%.f%#z")
_TRUE = ("true", "1", "yes", "y", "t", "是")
_FALSE = ("false", "0", "no", "n", "f", "否")
_TZ = "Asia/Shanghai"


def polars() -> Any:
    """The polars module, or :class:`MissingDependencyError` naming the ``audit`` extra."""
    require("pyarrow", "audit", purpose="govshare audit")
    return require("polars", "audit", purpose="govshare audit")


@dataclass(frozen=True, kw_only=True)
class Batch:
    """Validated records (the format's columns, typed, plus ``row``) and the rejects."""

    records: pl.DataFrame
    rejects: pl.DataFrame
    rows: int  # the input rows in this batch (records + rejected rows)


def _empty_rejects() -> pl.DataFrame:
    pl_ = polars()
    frame: pl.DataFrame = pl_.DataFrame(
        schema={
            "row": pl_.Int64,
            "record_id": pl_.String,
            "column": pl_.String,
            "reason": pl_.String,
            "value": pl_.String,
        }
    )
    return frame


def _datetime(pl_: Any, name: str, dtype: Any) -> Any:
    col = pl_.col(name)
    if isinstance(dtype, pl_.Datetime):
        if dtype.time_zone is not None:
            col = col.dt.convert_time_zone(_TZ).dt.replace_time_zone(None)
        return col.cast(pl_.Datetime("us"))
    if dtype == pl_.Date:
        return col.cast(pl_.Datetime("us"))
    text = col.cast(pl_.String).str.strip_chars()
    aware = [
        text.str.strptime(pl_.Datetime("us", "UTC"), f, strict=False)
        .dt.convert_time_zone(_TZ)
        .dt.replace_time_zone(None)
        for f in _AWARE_FORMATS
    ]
    local = [text.str.strptime(pl_.Datetime("us"), f, strict=False) for f in _LOCAL_FORMATS]
    date = text.str.strptime(pl_.Date, "%Y-%m-%d", strict=False).cast(pl_.Datetime("us"))
    return pl_.coalesce([*aware, *local, date])


def _bool(pl_: Any, name: str, dtype: Any) -> Any:
    col = pl_.col(name)
    if dtype == pl_.Boolean:
        return col
    text = col.cast(pl_.String).str.strip_chars().str.to_lowercase()
    return (
        pl_.when(text.is_in(_TRUE))
        .then(True)
        .when(text.is_in(_FALSE) | text.is_null() | (text == ""))
        .then(False)
        .otherwise(None)
    )


def _empty(pl_: Any, name: str) -> Any:
    """The export gave no value for the field (whether or not a given one parses)."""
    return ~pl_.col(f"_given_{name}")


def _reason(pl_: Any, condition: Any, code: str) -> Any:
    return pl_.when(condition).then(pl_.lit(code)).otherwise(pl_.lit(None, pl_.String))


def _typed(pl_: Any, raw: pl.DataFrame, mapping: ColumnMapping, offset: int) -> pl.DataFrame:
    """The record's fields typed (``None`` where a value does not parse), the value as
    given beside them (``_src_<field>``, not converted: typed columns stay typed), whether
    one was given (``_given_<field>``) and the row number."""
    n = raw.height
    c = pl_.col
    cols: dict[str, Any] = {"row": pl_.int_range(offset + 1, offset + n + 1, dtype=pl_.Int64)}
    typed: dict[str, Any] = {}
    for f in FIELDS:
        src = mapping.column(f)
        if src not in raw.columns:
            cols[f"_src_{f}"] = pl_.lit(None, pl_.String)
            cols[f"_given_{f}"] = pl_.lit(False)
            typed[f] = pl_.lit(None, pl_.Datetime("us") if f in DATETIME_FIELDS else pl_.String)
            if f == "extension_approved":
                typed[f] = pl_.lit(False)
            continue
        dtype = raw.schema[src]
        cols[f"_src_{f}"] = c(src)
        text = dtype in (pl_.String, pl_.Categorical) or isinstance(dtype, pl_.Enum)
        given = c(src).cast(pl_.String).str.strip_chars().ne("") if text else c(src).is_not_null()
        cols[f"_given_{f}"] = given.fill_null(False)
        if f in DATETIME_FIELDS:
            typed[f] = _datetime(pl_, f"_src_{f}", dtype)
        elif f == "extension_approved":
            typed[f] = _bool(pl_, f"_src_{f}", dtype)
        else:
            value = c(f"_src_{f}").cast(pl_.String).str.strip_chars()
            value = pl_.when(value == "").then(None).otherwise(value)
            if f in mapping.values:
                value = value.replace(mapping.values[f])
            typed[f] = value
    out: pl.DataFrame = raw.select(**cols).with_columns(**typed)
    return out


def _checks(pl_: Any) -> list[tuple[str, Any]]:
    """Each check: the field it names and an expression giving the reason id, or null."""
    c = pl_.col
    receipt = pl_.coalesce(c("forwarded"), c("submitted"))
    checks: list[tuple[str, Any]] = [
        (f, _reason(pl_, c(f).is_null(), "missing")) for f in REQUIRED if f not in DATETIME_FIELDS
    ]
    for f in DATETIME_FIELDS:
        given = c(f"_given_{f}")
        code = pl_.when(given).then(pl_.lit("not_a_datetime")).otherwise(pl_.lit("missing"))
        bad = c(f).is_null() & (given | pl_.lit(f in REQUIRED))
        checks.append((f, pl_.when(bad).then(code).otherwise(pl_.lit(None, pl_.String))))
    enum_checks = (
        ("level", LEVELS, "not_a_level"),
        ("share_type", SHARE_TYPES, "not_a_share_type"),
        ("reply", REPLIES, "not_a_reply"),
    )
    for f, allowed, code in enum_checks:
        checks.append((f, _reason(pl_, c(f).is_not_null() & ~c(f).is_in(allowed), code)))
    agree = (c("reply") == "agree").fill_null(False)
    early = agree & (c("data_provided") < c("replied"))
    repeated = c("record_id").is_not_null() & (c("row") != c("row").min().over("record_id"))
    checks += [
        ("extension_approved", _reason(pl_, c("extension_approved").is_null(), "not_a_bool")),
        ("forwarded", _reason(pl_, c("forwarded") < c("submitted"), "before_submitted")),
        ("replied", _reason(pl_, c("replied") < receipt, "before_receipt")),
        ("data_provided", _reason(pl_, c("data_provided") < receipt, "before_receipt")),
        ("data_provided", _reason(pl_, early, "before_reply")),
        ("reply", _reason(pl_, ~_empty(pl_, "replied") & c("reply").is_null(), "missing")),
        ("replied", _reason(pl_, c("reply").is_not_null() & _empty(pl_, "replied"), "missing")),
        ("record_id", _reason(pl_, repeated, "duplicate_id")),
    ]
    return checks


def validate(raw: pl.DataFrame, mapping: ColumnMapping | None = None, *, offset: int = 0) -> Batch:
    """Rename, recode, type and check one batch of an export.

    Raises:
        InputError: the export lacks a column a record needs (naming the field and column).
    """
    pl_ = polars()
    mapping = mapping or ColumnMapping()
    missing = [f for f in REQUIRED if mapping.column(f) not in raw.columns]
    if missing:
        f = missing[0]
        raise InputError(
            "records",
            sorted(raw.columns),
            f"a column {mapping.column(f)!r} for the record field {f} "
            f"(required: {', '.join(REQUIRED)}; --mapping renames columns)",
        )
    n = raw.height
    c = pl_.col
    df = _typed(pl_, raw, mapping, offset)
    checks = _checks(pl_)
    df = df.with_columns(e.alias(f"_e{i}") for i, (_, e) in enumerate(checks))
    errs = [c(f"_e{i}").is_not_null() for i in range(len(checks))]
    found = df.select(e.any() for e in errs).row(0)
    if not any(found):
        records = df.select("row", *FIELDS)
        return Batch(records=records, rejects=_empty_rejects(), rows=n)
    bad_row = pl_.any_horizontal(errs)
    parts = []
    for i, (f, _) in enumerate(checks):
        if not found[i]:
            continue
        part = df.filter(errs[i]).select(
            c("row"),
            c("_src_record_id").cast(pl_.String).alias("record_id"),
            pl_.lit(mapping.column(f)).alias("column"),
            c(f"_e{i}").alias("reason"),
            c(f"_src_{f}").cast(pl_.String).alias("value"),
        )
        if part.height:
            parts.append(part)
    rejects = pl_.concat(parts).sort("row") if parts else _empty_rejects()
    records = df.filter(~bad_row).select("row", *FIELDS)
    return Batch(records=records, rejects=rejects, rows=n)


def _kind(source: str | Path) -> str:
    kind = _SUFFIXES.get(Path(source).suffix.lower())
    if kind is None:
        raise InputError("records", str(source), f"a file ending in {', '.join(_SUFFIXES)}")
    if not Path(source).is_file():
        raise InputError("records", str(source), "a file that exists")
    return kind


def _raw_batches(source: Any, batch_size: int) -> Iterator[pl.DataFrame]:
    """The export as polars frames of at most ``batch_size`` rows, untyped (CSV) or as
    stored (Parquet, Arrow)."""
    pl_ = polars()
    pa = require("pyarrow", "audit", purpose="govshare audit")
    if isinstance(source, pl_.DataFrame):
        for start in range(0, max(source.height, 1), batch_size):
            yield source.slice(start, batch_size)
        return
    if isinstance(source, pa.Table | pa.RecordBatch):
        yield from _raw_batches(pl_.from_arrow(source), batch_size)
        return
    kind = _kind(source)
    path = str(source)
    try:
        if kind == "parquet":
            pq = require("pyarrow.parquet", "audit", purpose="govshare audit")
            for rb in pq.ParquetFile(path).iter_batches(batch_size=batch_size):
                yield pl_.from_arrow(rb)
        elif kind == "csv":
            yield from _csv_batches(path, batch_size)
        elif kind == "jsonl":
            frame = pl_.read_ndjson(path, infer_schema_length=None)
            yield from _raw_batches(frame.cast(pl_.String), batch_size)
        else:
            doc = json.loads(Path(path).read_text("utf-8"))
            if not isinstance(doc, dict) or doc.get("schema") != "govshare-records/1":
                raise InputError(
                    "records", path, "a govshare-records/1 document (or .jsonl, one a line)"
                )
            frame = pl_.DataFrame(doc.get("records", []), infer_schema_length=None)
            yield from _raw_batches(frame.cast(pl_.String), batch_size)
    except (OSError, pl_.exceptions.PolarsError, pa.ArrowException, ValueError) as exc:
        if isinstance(exc, InputError):
            raise
        raise InputError("records", path, f"a readable {kind} file ({exc})") from None


def _csv_batches(path: str, batch_size: int) -> Iterator[pl.DataFrame]:
    """A CSV file read as text columns, block by block (a UTF-8 BOM is skipped)."""
    import csv  # noqa: PLC0415

    pl_ = polars()
    pacsv = require("pyarrow.csv", "audit", purpose="govshare audit")
    pa = require("pyarrow", "audit", purpose="govshare audit")
    with Path(path).open(encoding="utf-8-sig", newline="") as fh:
        header = next(csv.reader(fh), None)
    if not header:
        return
    block = max(1 << 20, min(batch_size, 1 << 22) * 64)
    reader = pacsv.open_csv(
        path,
        read_options=pacsv.ReadOptions(block_size=block),
        convert_options=pacsv.ConvertOptions(
            column_types=dict.fromkeys(header, pa.string()), strings_can_be_null=False
        ),
    )
    for rb in reader:
        yield pl_.from_arrow(rb)


def iter_batches(
    source: Any, *, mapping: ColumnMapping | None = None, batch_size: int = 500_000
) -> Iterator[Batch]:
    """Validated batches of an export (a path, a pyarrow Table or a polars DataFrame).

    Raises:
        InputError: an unknown file type, an unreadable file, or a missing required column.
    """
    offset = 0
    for raw in _raw_batches(source, batch_size):
        batch = validate(raw, mapping, offset=offset)
        offset += raw.height
        yield batch


def read_records(source: Any, *, mapping: ColumnMapping | None = None) -> Batch:
    """The whole export validated at once (see :func:`iter_batches`)."""
    pl_ = polars()
    batches = list(iter_batches(source, mapping=mapping, batch_size=1 << 62))
    if not batches:
        empty = pl_.DataFrame(schema=dict.fromkeys(REQUIRED, pl_.String))
        return validate(empty, mapping)
    return Batch(
        records=pl_.concat([b.records for b in batches]),
        rejects=pl_.concat([b.rejects for b in batches]),
        rows=sum(b.rows for b in batches),
    )
