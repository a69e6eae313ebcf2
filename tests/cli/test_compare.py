"""``govshare compare``: the command line of tests/compare/."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govshare.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "docs" / "examples"


def test_readme_main_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", "hubei", "xinzhou", "liuzhou", "--as-of", "2026-11-23"]) == 0
    out = capsys.readouterr().out
    assert "share.conditional.provider_reply ≠" in out
    assert "10个工作日（自收到申请起） — 湖北省人民政府令第419号 第二十条" in out


def test_json_only_diff_and_level(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["compare", "xinzhou", "liuzhou", "--level", "prefectural", "--only-diff", "--json"]
    assert main([*args, "--as-of", "2026-11-23"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [c["id"] for c in data["columns"]] == ["xinzhou:prefectural", "liuzhou:prefectural"]
    assert all(r["differs"] for r in data["rows"])


def test_html_to_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "m.html"
    assert main(["compare", "--as-of", "2026-11-23", "--format", "html", "-o", str(out)]) == 0
    assert capsys.readouterr().out.strip() == f"wrote {out}"
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_scenario_with_a_patch(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["compare", "hubei", "xinzhou", "--scenario", str(EXAMPLES / "no-reply.log.yaml")]
    assert main([*args, "--patch", str(EXAMPLES / "xinzhou-3-days.patch.yaml"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [c["id"] for c in data["columns"]] == ["hubei", "xinzhou", "xinzhou+whatif"]
    assert [c["outcome"] for c in data["columns"]] == ["deemed_consent", "overdue", "overdue"]


def test_adopt_goes_to_the_profile_that_has_the_document(
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = ["compare", "hubei", "--level", "prefectural", "--adopt", "hb-rules-2021", "--json"]
    assert main([*args, "--as-of", "2026-11-23"]) == 0
    data = json.loads(capsys.readouterr().out)
    row = next(r for r in data["rows"] if r["key"] == "share.conditional.provider_reply")
    cell = next(c for c in row["cells"] if c["column"] == "hubei:prefectural")
    assert cell["value"]["n"] == 5


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["--adopt", "nope"], 1, "--adopt"),
        (["--format", "pdf"], 2, "invalid choice"),
        (["--patch", "missing.patch.yaml"], 1, "missing.patch.yaml"),
        (["atlantis"], 1, "atlantis"),
    ],
)
def test_errors(args: list[str], code: int, words: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", "--as-of", "2026-11-23", *args]) == code
    assert words in capsys.readouterr().err
