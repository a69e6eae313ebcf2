"""The profile commands of the CLI: profiles, show, deadline, validate, schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govshare.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
KEY = "share.conditional.provider_reply"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_deadline_json_shape(capsys: pytest.CaptureFixture[str]) -> None:
    """`deadline --json` has due, the rule with its source (the one citation shape: doc,
    article, clause, quote), displaced, provisional, warnings."""
    code, out, _ = run(
        capsys, "deadline", "hubei", KEY, "--start", "2026-09-30", "--level", "provincial", "--json"
    )
    payload = json.loads(out)
    assert code == 0
    assert payload["schema"] == "govshare-deadline/1"
    assert payload["due"] == "2026-10-13"
    source = payload["rule"]["source"]
    assert source["doc"] == "hb-rules-2021"
    assert (source["article"], source["clause"]) == ("第十四条", "(二)")
    assert source["short"] == "鄂政务办发〔2021〕1号 第十四条(二)"
    assert "5个工作日" in source["quote"]
    assert payload["rule"]["displaced"][0]["source"]["article"] == "第二十条"
    assert payload["provisional"] is False
    assert isinstance(payload["warnings"], list)


def test_deadline_adopt_and_text(capsys: pytest.CaptureFixture[str]) -> None:
    """`--adopt` applies the provincial rules at city level; text output is Chinese by default."""
    code, out, _ = run(
        capsys,
        "deadline",
        "hubei",
        KEY,
        "--start",
        "2026-09-30",
        "--level",
        "prefectural",
        "--adopt",
        "hb-rules-2021",
    )
    assert code == 0
    assert out.startswith("2026-10-13")
    assert "依据" in out
    assert "被取代" in out
    code, out, _ = run(
        capsys,
        "deadline",
        "hubei",
        KEY,
        "--start",
        "2026-09-30",
        "--level",
        "provincial",
        "--lang",
        "en",
    )
    assert "source" in out


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (
            ("deadline", "hubei", KEY, "--start", "2021-03-01", "--level", "provincial"),
            "2021-04-01",
        ),
        (
            ("deadline", "xinzhou", KEY, "--start", "2027-02-01", "--level", "prefectural"),
            "calendar for 2027-02-01",
        ),
        (("deadline", "atlantis", KEY, "--start", "2026-09-30"), "profile"),
        (
            ("deadline", "hubei", "share.types", "--start", "2026-09-30", "--level", "provincial"),
            "sets no deadline",
        ),
        (("show", "hubei", "nosuch.key"), "nosuch.key"),
    ],
)
def test_profile_errors_are_one_line(
    capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], needle: str
) -> None:
    """Refusals exit 1 with one line on stderr naming the problem."""
    code, out, err = run(capsys, *argv)
    assert code == 1
    assert out == ""
    assert err.count("\n") == 1
    assert needle in err


def test_profiles_show_validate_schema(capsys: pytest.CaptureFixture[str]) -> None:
    """The listing, a rule with its quote, validation of good and bad files, the schema."""
    code, out, _ = run(capsys, "profiles")
    assert code == 0
    assert [line.split()[0] for line in out.splitlines()] == [
        "hubei",
        "liuzhou",
        "national",
        "shanxi_std",
        "xinzhou",
    ]
    code, out, _ = run(capsys, "show", "xinzhou", "share.conditional.platform_review")
    assert code == 0
    assert "五(三)2" in out
    assert "２个工作日" in out
    code, out, _ = run(capsys, "validate", str(ROOT / "profiles" / "hubei.yaml"))
    assert (code, "ok" in out) == (0, True)
    bad = ROOT / "tests" / "profiles" / "invalid" / "duplicate_key.yaml"
    code, _, err = run(capsys, "validate", str(bad))
    assert code == 1
    assert f"{bad}:15" in err
    code, out, _ = run(capsys, "schema")
    assert json.loads(out)["title"] == "govshare profile"
