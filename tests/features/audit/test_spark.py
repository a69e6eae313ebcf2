"""The audit on Spark (local mode) gives the local run's results for the same records."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pl = pytest.importorskip("polars")
pytest.importorskip(
    "pyspark", reason="pyspark is not installed (pip install 'govshare[spark]'); Spark not tested"
)
if shutil.which("java") is None:  # pragma: no cover - the machine has Java 17
    pytest.skip("no Java runtime: Spark cannot start", allow_module_level=True)

from govshare.features.audit import audit_spark, judge_batch, read_records, synthesize  # noqa: E402
from govshare.processes import as_of_instant  # noqa: E402
from govshare.profiles import load_profile  # noqa: E402


@pytest.fixture(scope="module")
def spark() -> object:
    from pyspark.sql import SparkSession  # noqa: PLC0415

    session = (
        SparkSession.builder.master("local[2]")
        .appName("govshare-test")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )
    yield session
    session.stop()


def test_spark_equals_local(spark: object, tmp_path: Path) -> None:
    hubei = load_profile("hubei")
    frame = synthesize(hubei.calendar, 3000, seed=2)
    bad = frame.head(2).with_columns(
        pl.Series("record_id", ["bad-1", "bad-2"]), pl.lit("city").alias("level")
    )
    frame = pl.concat([frame, bad])
    frame.write_parquet(tmp_path / "in.parquet")
    records = spark.read.parquet(str(tmp_path / "in.parquet"))  # type: ignore[attr-defined]
    results, rejects = audit_spark(records, profile="hubei", as_of="2026-12-31", partitions=4)
    results.write.parquet(str(tmp_path / "out"))
    got = pl.read_parquet(tmp_path / "out" / "*.parquet").drop("row", "path").sort("record_id")
    local = read_records(frame)
    want, _, _ = judge_batch(hubei, local.records, as_of_instant("2026-12-31"))
    assert got.equals(want.drop("row", "path").sort("record_id"))
    rows = rejects.select("record_id", "column", "reason").collect()
    assert sorted((r[0], r[1], r[2]) for r in rows) == [
        ("bad-1", "level", "not_a_level"),
        ("bad-2", "level", "not_a_level"),
    ]
