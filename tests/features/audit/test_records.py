"""The record format: readers (CSV, Parquet, JSON Lines, Arrow), mapping, row validation."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

pl = pytest.importorskip("polars")
pa = pytest.importorskip("pyarrow")

from govshare.errors import DataFileError, InputError  # noqa: E402
from govshare.features.audit import (  # noqa: E402
    FIELDS,
    ColumnMapping,
    iter_batches,
    load_mapping,
    read_records,
)

GOOD = {
    "record_id": "R1",
    "requester": "省民政厅",
    "provider": "省公安厅",
    "level": "provincial",
    "share_type": "conditional",
    "submitted": "2025-09-01 10:00",
    "forwarded": "",
    "replied": "2025-09-03T15:30:00",
    "reply": "agree",
    "extension_approved": "否",
    "data_provided": "2025-09-10",
    "reasons": "",
}


def frame(*rows: dict[str, str | None]) -> pl.DataFrame:
    return pl.DataFrame([{**GOOD, **r} for r in rows], schema=dict.fromkeys(GOOD, pl.String))


def test_a_good_row_is_typed() -> None:
    batch = read_records(frame({}))
    assert batch.rejects.height == 0
    (rec,) = batch.records.to_dicts()
    assert rec["row"] == 1
    assert rec["submitted"] == dt.datetime(2025, 9, 1, 10, 0)
    assert rec["replied"] == dt.datetime(2025, 9, 3, 15, 30)
    assert rec["data_provided"] == dt.datetime(2025, 9, 10)
    assert rec["forwarded"] is None
    assert rec["extension_approved"] is False


def test_an_offset_is_read_as_shanghai_time() -> None:
    """2025-09-01T02:00Z is 10:00 in Asia/Shanghai (UTC+8)."""
    batch = read_records(frame({"submitted": "2025-09-01T02:00:00Z"}))
    assert batch.records["submitted"][0] == dt.datetime(2025, 9, 1, 10, 0)


@pytest.mark.parametrize(
    ("change", "column", "reason"),
    [
        ({"level": "city"}, "level", "not_a_level"),
        ({"level": None}, "level", "missing"),
        ({"submitted": "1 Sept"}, "submitted", "not_a_datetime"),
        ({"submitted": ""}, "submitted", "missing"),
        ({"reply": "maybe"}, "reply", "not_a_reply"),
        ({"reply": None}, "reply", "missing"),
        ({"replied": None}, "replied", "missing"),
        ({"replied": "2025-08-31"}, "replied", "before_receipt"),
        ({"forwarded": "2025-08-31"}, "forwarded", "before_submitted"),
        ({"data_provided": "2025-09-02"}, "data_provided", "before_reply"),
        ({"extension_approved": "perhaps"}, "extension_approved", "not_a_bool"),
        ({"share_type": "open"}, "share_type", "not_a_share_type"),
    ],
)
def test_a_bad_row_is_rejected_with_its_column_and_reason(
    change: dict[str, str | None], column: str, reason: str
) -> None:
    batch = read_records(frame({"record_id": "ok"}, {"record_id": "bad", **change}))
    assert batch.records["record_id"].to_list() == ["ok"]
    rejects = batch.rejects.to_dicts()
    assert [(r["row"], r["record_id"], r["column"], r["reason"]) for r in rejects] == [
        (2, "bad", column, reason)
    ]


def test_every_row_is_in_the_records_or_the_rejects() -> None:
    rows = [
        {"record_id": "a"},
        {"record_id": "b", "level": "x", "submitted": "bad"},  # two problems, one row
        {"record_id": "a"},  # duplicate of row 1
        {"record_id": "d"},
    ]
    batch = read_records(frame(*rows))
    assert batch.rows == 4
    assert batch.records["row"].to_list() == [1, 4]
    assert sorted(set(batch.rejects["row"].to_list())) == [2, 3]
    dup = batch.rejects.filter(pl.col("row") == 3).to_dicts()
    assert [(d["column"], d["reason"]) for d in dup] == [("record_id", "duplicate_id")]


def test_mapping_renames_columns_and_recodes_values(tmp_path: Path) -> None:
    path = tmp_path / "mapping.yaml"
    path.write_text(
        "columns: {record_id: 申请编号, reply: 答复结果, level: 层级}\n"
        "values:\n  reply: {同意: agree, 不同意: refuse}\n  level: {省级: provincial}\n",
        "utf-8",
    )
    mapping = load_mapping(path)
    raw = frame({}).rename({"record_id": "申请编号", "reply": "答复结果", "level": "层级"})
    raw = raw.with_columns(pl.lit("同意").alias("答复结果"), pl.lit("省级").alias("层级"))
    batch = read_records(raw, mapping=mapping)
    assert batch.records.select("record_id", "reply", "level").row(0) == (
        "R1",
        "agree",
        "provincial",
    )


def test_a_mapping_naming_an_unknown_field_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "mapping.yaml"
    path.write_text("columns:\n  record_id: id\n  colour: 颜色\n", "utf-8")
    with pytest.raises(DataFileError) as err:
        load_mapping(path)
    assert (err.value.line, err.value.field) == (3, "columns.colour")


def test_a_missing_required_column_names_it() -> None:
    with pytest.raises(InputError) as err:
        read_records(frame({}).drop("provider"))
    assert "'provider'" in str(err.value)


def _write_all(tmp_path: Path, df: pl.DataFrame) -> dict[str, Path]:
    paths = {
        "csv": tmp_path / "r.csv",
        "parquet": tmp_path / "r.parquet",
        "jsonl": tmp_path / "r.jsonl",
        "json": tmp_path / "r.json",
    }
    df.write_csv(paths["csv"])
    df.write_parquet(paths["parquet"])
    df.write_ndjson(paths["jsonl"])
    doc = {"schema": "govshare-records/1", "records": df.to_dicts()}
    paths["json"].write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    return paths


def test_every_reader_gives_the_same_records(tmp_path: Path) -> None:
    df = frame({"record_id": "a"}, {"record_id": "b", "level": "x"}, {"record_id": "c"})
    expected = read_records(df)
    for kind, path in _write_all(tmp_path, df).items():
        got = read_records(path)
        assert got.records.equals(expected.records), kind
        assert got.rejects.equals(expected.rejects), kind
    table = df.to_arrow()
    assert read_records(table).records.equals(expected.records)


def test_typed_parquet_columns_are_read_as_stored(tmp_path: Path) -> None:
    df = frame({}).with_columns(
        pl.col("submitted").str.strptime(pl.Datetime("us", "UTC"), "%Y-%m-%d %H:%M"),
        pl.lit(value=True).alias("extension_approved"),
    )
    path = tmp_path / "typed.parquet"
    df.write_parquet(path)
    (rec,) = read_records(path).records.to_dicts()
    assert rec["submitted"] == dt.datetime(2025, 9, 1, 18, 0)  # 10:00 UTC = 18:00 Shanghai
    assert rec["extension_approved"] is True


def test_batches_number_rows_across_batches(tmp_path: Path) -> None:
    df = frame(*({"record_id": f"r{i}"} for i in range(10)), {"record_id": "bad", "level": "x"})
    path = tmp_path / "r.parquet"
    df.write_parquet(path, row_group_size=4)
    batches = list(iter_batches(path, batch_size=4))
    assert [b.rows for b in batches] == [4, 4, 3]
    assert batches[-1].rejects["row"].to_list() == [11]
    assert [r for b in batches for r in b.records["row"].to_list()] == list(range(1, 11))


def test_unknown_file_types_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    path.write_text("", "utf-8")
    with pytest.raises(InputError):
        read_records(path)


def test_the_mapping_defaults_to_the_format_names() -> None:
    assert all(ColumnMapping().column(f) == f for f in FIELDS)
