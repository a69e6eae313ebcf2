"""The audit on Apache Spark: the same kernel, one partition at a time (``mapInArrow``).

:func:`audit_spark` takes a Spark DataFrame of records (read from Parquet or a Hive table)
and returns two Spark DataFrames, the per-record results and the rejects, computed by the
kernel (and, for the rows it cannot express, the reference path) inside each partition.
The records are partitioned by provider and month of submission, so a partition is one
provider's month: small enough for memory, and the kernel's plans are compiled once per
Python worker and reused. Needs the ``spark`` extra (pyspark) beside ``audit``.

Row numbers: Spark has no input order, so ``row`` is Spark's
``monotonically_increasing_id() + 1`` (unique, not consecutive); match records by
``record_id``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from govshare._kernel.optional import require
from govshare.features.audit._read import REJECT_COLUMNS, validate
from govshare.features.audit._records import FIELDS, ColumnMapping
from govshare.features.audit._verdict import result_schema

__all__ = ["audit_spark", "partition_function"]

_KERNELS: dict[str, Any] = {}  # per Python worker: profile name -> compiled kernel
_REJECT = ("reject_column", "reject_reason", "reject_value")


def _arrow_schema() -> Any:
    """The Arrow schema of the partition function's output: the result columns, then the
    reject's column, reason and value (set only on a reject's row)."""
    pa = require("pyarrow", "audit", purpose="govshare audit on Spark")
    pl = require("polars", "audit", purpose="govshare audit on Spark")
    frame = pl.DataFrame(schema=result_schema(pl))
    fields = list(frame.to_arrow().schema)
    fields += [pa.field(name, pa.string()) for name in _REJECT]
    return pa.schema(fields)


def partition_function(profile_name: str, as_of: str, mapping: ColumnMapping | None = None) -> Any:
    """The function ``mapInArrow`` runs on each partition: Arrow record batches of the
    export in, Arrow record batches of results and rejects out."""

    def run(batches: Iterator[Any]) -> Iterator[Any]:
        pl = require("polars", "audit", purpose="govshare audit on Spark")
        from govshare.features.audit._kernel import Kernel  # noqa: PLC0415
        from govshare.features.audit._run import judge_batch  # noqa: PLC0415
        from govshare.processes import as_of_instant  # noqa: PLC0415
        from govshare.profiles import load_profile  # noqa: PLC0415

        profile = load_profile(profile_name)
        kernel = _KERNELS.get(profile_name)
        if kernel is None:
            kernel = _KERNELS[profile_name] = Kernel(profile)
        until = as_of_instant(as_of)
        schema = _arrow_schema()
        names = [f.name for f in schema]
        for batch in batches:
            raw = pl.from_arrow(batch)
            rows = raw.get_column("_row") if "_row" in raw.columns else None
            checked = validate(raw.drop("_row", strict=False), mapping)
            records = checked.records
            rejects = checked.rejects
            if rows is not None:  # Spark's row ids instead of the batch's positions
                ids = pl.DataFrame(
                    {"row": pl.int_range(1, raw.height + 1, eager=True), "_id": rows}
                )
                records = records.join(ids, on="row").drop("row").rename({"_id": "row"})
                rejects = rejects.join(ids, on="row").drop("row").rename({"_id": "row"})
                records = records.select("row", *FIELDS)
                rejects = rejects.select(REJECT_COLUMNS)
            results, more, _ = judge_batch(profile, records, until, kernel=kernel)
            rejects = pl.concat([rejects, more])
            out = pl.concat(
                [
                    results,
                    rejects.select(
                        pl.col("row"),
                        pl.col("record_id"),
                        *(
                            pl.col(c).alias(r)
                            for c, r in zip(REJECT_COLUMNS[2:], _REJECT, strict=True)
                        ),
                    ),
                ],
                how="diagonal_relaxed",
            )
            table = out.select(names).to_arrow().cast(schema)
            yield from table.to_batches()

    return run


def audit_spark(
    records: Any,
    *,
    profile: str,
    as_of: str,
    mapping: ColumnMapping | None = None,
    partitions: int | None = None,
) -> tuple[Any, Any]:
    """Audit a Spark DataFrame of records: (results, rejects), two Spark DataFrames.

    ``profile`` is a profile name the executors can load (bundled, or installed with a
    package); ``partitions`` the number of partitions (default: Spark's shuffle setting).
    """
    require("pyspark", "spark", purpose="govshare audit on Spark")
    from pyspark.sql import functions as F  # noqa: N812, PLC0415
    from pyspark.sql.pandas.types import from_arrow_schema  # noqa: PLC0415

    mapping = mapping or ColumnMapping()
    provider = F.col(f"`{mapping.column('provider')}`")
    month = F.substring(F.col(f"`{mapping.column('submitted')}`").cast("string"), 1, 7)
    keyed = records.withColumn("_row", F.monotonically_increasing_id() + 1)
    parts = (partitions,) if partitions else ()
    keyed = keyed.repartition(*parts, provider, month)
    schema = from_arrow_schema(_arrow_schema())
    out = keyed.mapInArrow(partition_function(profile, as_of, mapping), schema)
    out = out.cache()
    results = out.filter(F.col("reject_reason").isNull()).drop(*_REJECT)
    rejects = out.filter(F.col("reject_reason").isNotNull()).select(
        "row",
        "record_id",
        F.col("reject_column").alias("column"),
        F.col("reject_reason").alias("reason"),
        F.col("reject_value").alias("value"),
    )
    return results, rejects
