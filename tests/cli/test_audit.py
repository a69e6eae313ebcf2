"""``govshare audit run`` and ``govshare audit synth``: files written, figures, errors.

The example (docs/examples/audit-records.csv, platform column names mapped by
docs/examples/audit-mapping.yaml), hand counts on the 2025 arrangement (National Day
10/1-10/8 off, Sun 9/28 and Sat 10/11 worked):

- 0001: reply Wed 9/3 in time (due Mon 9/8); provision due 9/30, provided 9/20: in time;
- 0002: reply 9/8 16:00, the due day: in time; provision 20 working days from 9/8 ->
  Sat 10/11; provided Mon 10/20: late by 6 (10/13-10/17, 10/20);
- 0003: no reply: deemed consent 9/9; provision due 10/13, overdue at 12/31;
- 0004: reply Fri 9/12 after the deemed consent (4 working days after 9/8): a finding;
- 0005: forwarded Tue 9/2: due Tue 9/9; refused the same day, in time;
- 0006: prefectural (order 第二十条, 10 working days): Fri 9/26 -> 9/28, 9/29, 9/30, 10/9,
  10/10, 10/11, 10/13-10/16 -> due 10/16; reply that day in time; the approved extension
  moves the national ceiling to 10/30;
- 0007: a notice of missing materials on 10/9 (4 working days): in time;
- 0008: replied before it was submitted: rejected.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
from pathlib import Path

import pytest

pl = pytest.importorskip("polars")

from govshare.cli.main import main  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "docs" / "examples"
RECORDS = str(EXAMPLES / "audit-records.csv")
MAPPING = str(EXAMPLES / "audit-mapping.yaml")


def cli(*argv: str) -> tuple[int, str, str]:
    with (
        contextlib.redirect_stdout(io.StringIO()) as out,
        contextlib.redirect_stderr(io.StringIO()) as err,
    ):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def audit_example(tmp_path: Path, *extra: str) -> tuple[Path, str]:
    out = tmp_path / "out"
    code, text, err = cli(
        "audit", "run", RECORDS, "--mapping", MAPPING, "--profile", "hubei",
        "--as-of", "2025-12-31", "-o", str(out), *extra,
    )  # fmt: skip
    assert code == 0, err
    return out, text


def test_the_example_audit(tmp_path: Path) -> None:
    out, text = audit_example(tmp_path)
    assert "湖北省" in text
    assert "输入记录: 8  已审计: 7" in text
    rows = pl.read_parquet(out / "records.parquet")
    assert rows.equals(pl.read_csv(out / "records.csv", try_parse_dates=True, schema=rows.schema))
    got = {r["record_id"]: r for r in rows.iter_rows(named=True)}
    assert set(got) == {f"HB-2025-000{i}" for i in range(1, 8)}
    assert got["HB-2025-0001"]["provision_status"] == "in_time"
    p2 = got["HB-2025-0002"]
    assert (p2["provision_due"], p2["provision_late_wd"]) == (dt.date(2025, 10, 11), 6)
    assert got["HB-2025-0003"]["verdict"] == "deemed_consent"
    assert got["HB-2025-0004"]["finding"] == "reply_after_deemed_consent"
    assert got["HB-2025-0005"]["reply_due"] == dt.date(2025, 9, 9)
    p6 = got["HB-2025-0006"]
    assert (p6["reply_due"], p6["ceiling_due"]) == (dt.date(2025, 10, 16), dt.date(2025, 10, 30))
    assert (got["HB-2025-0007"]["reply"], got["HB-2025-0007"]["reply_wd"]) == (
        "missing_materials",
        4,
    )
    rejects = pl.read_csv(out / "rejects.csv")
    assert rejects.select("row", "record_id", "column", "reason").row(0) == (
        8,
        "HB-2025-0008",
        "答复时间",
        "before_receipt",
    )
    providers = pl.read_csv(out / "providers.csv")
    assert providers["key"].to_list() == ["市公安局", "省人力资源社会保障厅", "省公安厅"]
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    assert (summary["schema"], summary["rows"], summary["rejected"]) == ("govshare-audit/1", 8, 1)
    report = (out / "report.html").read_text("utf-8")
    assert report.count("<svg") == 3
    assert "答复及时率" in report


def test_replay_engine_gives_the_same_records(tmp_path: Path) -> None:
    kernel, _ = audit_example(tmp_path / "k")
    replay, _ = audit_example(tmp_path / "r", "--engine", "replay")
    a = pl.read_parquet(kernel / "records.parquet").drop("path").sort("row")
    b = pl.read_parquet(replay / "records.parquet").drop("path").sort("row")
    assert a.equals(b)


def test_english_report(tmp_path: Path) -> None:
    out, text = audit_example(tmp_path, "--lang", "en", "--no-csv")
    assert "Hubei Province" in text
    assert not (out / "records.csv").exists()
    report = (out / "report.html").read_text("utf-8")
    assert "reply timeliness" in report
    assert 'lang="en"' in report


def test_synth_then_audit(tmp_path: Path) -> None:
    path = tmp_path / "synth.parquet"
    code, text, err = cli(
        "audit", "synth", "--profile", "hubei", "--records", "3000", "--seed", "5",
        "-o", str(path),
    )  # fmt: skip
    assert code == 0, err
    assert "3,000" in text
    first = pl.read_parquet(path)
    cli("audit", "synth", "--profile", "hubei", "--records", "3000", "--seed", "5", "-o", str(path))
    assert pl.read_parquet(path).equals(first)  # the same seed, the same records
    code, text, err = cli(
        "audit", "run", str(path), "--profile", "hubei", "--as-of", "2026-12-31",
        "-o", str(tmp_path / "out"), "--json", "--batch-size", "1000",
    )  # fmt: skip
    assert code == 0, err
    doc = json.loads(text)
    assert (doc["rows"], doc["judged"] + doc["rejected"]) == (3000, 3000)
    assert doc["fallback"] == 0
    assert pl.read_parquet(tmp_path / "out" / "records.parquet").height == doc["judged"]


def test_errors_are_one_line(tmp_path: Path) -> None:
    code, _, err = cli(
        "audit", "run", str(tmp_path / "none.csv"), "--profile", "hubei", "--as-of", "2025-12-31",
        "-o", str(tmp_path / "o"),
    )  # fmt: skip
    assert code == 1
    assert err.count("\n") == 1
    assert "none.csv" in err
    code, _, err = cli(
        "audit", "synth", "--profile", "hubei", "--records", "5", "-o", str(tmp_path / "x.txt")
    )
    assert code == 2
