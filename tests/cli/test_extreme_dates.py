"""The largest and smallest dates give answers or typed errors, never OverflowError
(issue 14, item 8)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from govshare._kernel.dates import to_datetime
from govshare.cli.app import main
from govshare.errors import InputError

ROOT = Path(__file__).resolve().parents[2]
LOG = str(ROOT / "docs" / "examples" / "no-reply.log.yaml")


@pytest.mark.parametrize(
    "argv",
    [
        ["replay", "hubei", LOG, "--as-of", "9999-12-31"],
        ["compare", "hubei", "xinzhou", "--scenario", LOG, "--as-of", "9999-12-31"],
        ["obligations", "hubei", "--year", "2026", "--level", "provincial", "--log", LOG,
         "--as-of", "9999-12-31"],
    ],
)  # fmt: skip
def test_the_last_date_replays(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 0
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize(
    "as_of", ["0001-01-01T00:00+14:00", "9999-12-31T23:00-14:00", "9999-12-31T23:59:59-00:01"]
)
def test_offsets_that_leave_the_date_range_are_input_errors(
    as_of: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["replay", "hubei", LOG, "--as-of", as_of]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith(f"error: --as-of: got '{as_of}'")


def test_aware_datetime_near_the_limit() -> None:
    late = dt.datetime(9999, 12, 31, 20, tzinfo=dt.timezone(dt.timedelta(hours=-10)))
    with pytest.raises(InputError, match="between 0001-01-01 and 9999-12-31"):
        to_datetime(late, "at")
    early = dt.datetime(1, 1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=14)))
    with pytest.raises(InputError):
        to_datetime(early, "at")
