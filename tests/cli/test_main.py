"""The govshare command line: outputs, JSON shape, exit codes, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govshare.calendar import reset
from govshare.cli.main import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    reset()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_workday_add_json(capsys: pytest.CaptureFixture[str]) -> None:
    """`workday add --json` gives the ISO date, provisional and warnings."""
    code, out, err = run(capsys, "workday", "add", "2026-09-30", "5", "--json")
    assert code == 0
    assert err == ""
    payload = json.loads(out)
    assert payload["date"] == "2026-10-13"
    assert payload["provisional"] is False
    assert payload["warnings"] == []
    assert payload["end_instant"] == "2026-10-14T00:00:00+08:00"


def test_workday_add_region(capsys: pytest.CaptureFixture[str]) -> None:
    """`--region guangxi` counts the regional days and reports their warnings."""
    code, out, _ = run(capsys, "workday", "add", "2026-04-15", "3", "--region", "guangxi", "--json")
    payload = json.loads(out)
    assert code == 0
    assert payload["date"] == "2026-04-22"
    assert len(payload["warnings"]) == 2


def test_workday_is_and_count(capsys: pytest.CaptureFixture[str]) -> None:
    """`workday is` labels the day; `workday count` prints the count."""
    code, out, _ = run(capsys, "workday", "is", "2026-10-10")
    assert code == 0
    assert "调休上班日" in out
    code, out, _ = run(capsys, "workday", "is", "2026-10-10", "--lang", "en")
    assert "make-up working day" in out
    code, out, _ = run(capsys, "workday", "is", "2026-10-01", "--exit-code")
    assert code == 3
    code, out, _ = run(capsys, "workday", "count", "2026-09-30", "2026-10-13")
    assert (code, out.strip()) == (0, "5")


@pytest.mark.parametrize(
    ("argv", "code", "needle"),
    [
        (("workday", "add", "2026-12-28", "10"), 1, "2027-01-01"),
        (("workday", "add", "not-a-date", "1"), 1, "start"),
        (("workday", "add", "2026-01-01", "-1"), 2, "n"),
        (("workday", "is", "2026-01-01", "--region", "mars"), 1, "guangxi"),
        (("workday",), 2, "required"),
    ],
)
def test_errors_are_one_line_and_non_zero(
    capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], code: int, needle: str
) -> None:
    """Errors exit non-zero with one clear line on stderr, never a traceback."""
    got, out, err = run(capsys, *argv)
    assert got == code
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("error: ")
    assert needle in err
    assert "Traceback" not in err


def test_provisional_flag(capsys: pytest.CaptureFixture[str]) -> None:
    """`--provisional` computes into an unpublished year and says so."""
    code, out, _ = run(capsys, "workday", "add", "2026-12-28", "10", "--provisional", "--json")
    payload = json.loads(out)
    assert code == 0
    assert payload["provisional"] is True
    assert any("2027" in w["en"] for w in payload["warnings"])


def test_calendar_file_option(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """`--calendar-file` loads an arrangement before computing; a bad one is a one-line error."""
    good = tmp_path / "2027.yaml"
    good.write_text(
        "year: 2027\nnotices:\n  - {title: 测试, url: 'https://example.org/t'}\n"
        "rest_days:\n  - {name: 元旦, date: 2027-01-01}\n",
        "utf-8",
    )
    code, out, _ = run(capsys, "workday", "add", "2026-12-31", "1", "--calendar-file", str(good))
    assert (code, out.strip()) == (0, "2027-01-04")  # Fri 1/1 off, weekend, Mon 1/4
    bad = tmp_path / "bad.yaml"
    bad.write_text("year: 2027\nyear: 2028\n", "utf-8")
    code, _, err = run(capsys, "workday", "add", "2026-12-31", "1", "--calendar-file", str(bad))
    assert code == 1
    assert f"{bad}:2" in err
