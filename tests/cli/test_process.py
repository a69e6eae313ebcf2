"""The replay, decide and diagram commands: output, JSON shape, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govshare.cli.main import main

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"


def test_replay_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["replay", "hubei", str(EXAMPLES / "no-reply.log.yaml"), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["schema"] == "govshare-replay/1"
    assert doc["deemed_consent"] is True
    out = doc["status"]
    assert out["state"] == "authorized"
    assert out["terminal"] is True
    assert out["fired"][0]["kind"] == "deemed_consent"
    assert out["fired"][0]["due"] == "2026-10-13"
    assert out["fired"][0]["at"] == "2026-10-14T00:00:00+08:00"
    assert out["trace"][0]["source"]["quote"].startswith("政务数据使用部门")
    assert out["state_label"] == {"zh": "已授权", "en": "authorized"}


def test_replay_overrides_level_and_as_of(capsys: pytest.CaptureFixture[str]) -> None:
    """Prefectural (order 第二十条, 10 working days): due Oct 20; still open on Oct 15."""
    log = str(EXAMPLES / "no-reply.log.yaml")
    assert (
        main(["replay", "hubei", log, "--level", "prefectural", "--as-of", "2026-10-15", "--json"])
        == 0
    )
    out = json.loads(capsys.readouterr().out)["status"]
    assert out["state"] == "provider_review"
    assert out["open_duties"][0]["due"] == "2026-10-20"


def test_replay_error_names_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "bad.yaml"
    log.write_text(
        "process: conditional_application\nlevel: provincial\nas_of: 2026-10-20\nevents:\n"
        "  - {at: 2026-09-30, type: submit}\n"
        "  - {at: 2026-10-09, type: refuse}\n",
        "utf-8",
    )
    assert main(["replay", "hubei", str(log)]) == 1
    err = capsys.readouterr().err
    assert f"{log}:6:" in err
    assert "events[1] (refuse): reasons is required" in err
    assert err.count("\n") == 1


def test_replay_needs_as_of(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log = tmp_path / "log.yaml"
    log.write_text("process: conditional_application\nlevel: provincial\nevents: []\n", "utf-8")
    assert main(["replay", "hubei", str(log)]) == 1
    assert "as_of" in capsys.readouterr().err


def test_replay_rejects_unknown_log_fields(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "log.yaml"
    log.write_text(
        "process: conditional_application\nlevel: provincial\nevents:\n"
        "  - {at: 2026-09-30, type: submit, colour: red}\n",
        "utf-8",
    )
    assert main(["replay", "hubei", str(log), "--as-of", "2026-10-01"]) == 1
    assert f"{log}:4: events[0].colour: unknown field" in capsys.readouterr().err


def test_decide_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["decide", "hubei", str(EXAMPLES / "dedicated.request.yaml"), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["schema"] == "govshare-decision/1"
    out = doc["decision"]
    assert out["path"] == "application"
    assert out["reviewers"] == [
        {"name": "省市场监管局", "role": "provider", "source": out["reviewers"][0]["source"]}
    ]
    assert doc["citations"][0]["article"] == "第十五条"
    assert "原始数据提供部门" in out["zh"]


def test_diagram(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(
            [
                "diagram",
                "liuzhou",
                "conditional_application",
                "--as-of",
                "2026-09-30",
                "--level",
                "prefectural",
                "--lang",
                "en",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert out.startswith("stateDiagram-v2\n")
    assert "note right of provider_review : provider 3 working days<br/>第二十六条(二)" in out


def test_diagram_unknown_process(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["diagram", "xinzhou", "dispatch", "--as-of", "2026-09-30", "--level", "prefectural"])
        == 1
    )
    err = capsys.readouterr().err
    assert "process: got 'dispatch'" in err
    assert "conditional_application" in err
