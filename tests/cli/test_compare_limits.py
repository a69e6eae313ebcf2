"""compare: a clear error for an output it cannot write, and bounded cells (issue 14,
item 11)."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from govshare._kernel.limits import LIMITS
from govshare._kernel.yamlio import LoadedYaml, validate_model
from govshare.cli.app import main
from govshare.profiles import JurisdictionProfile, _registry
from govshare.profiles._model import Profile

ROOT = Path(__file__).resolve().parents[2]
LONG = 400_000


@pytest.mark.parametrize("target", [".", "no/such/folder/out.md"])
def test_unwritable_output_is_one_line(
    target: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    status = main(["compare", "hubei", "xinzhou", "--as-of", "2026-11-23", "-o", target])
    err = capsys.readouterr().err
    assert status == 1
    assert err.count("\n") == 1
    assert err.startswith(f"error: -o: got '{target}'; expected a file path that can be written")


@pytest.fixture
def huge(monkeypatch: pytest.MonkeyPatch) -> str:
    data: dict[str, Any] = yaml.safe_load((ROOT / "profiles" / "hubei.yaml").read_text("utf-8"))
    data["rules"]["share.conditional.provider_reply"][0]["article"] = "a" * LONG
    loaded = LoadedYaml(data, "huge.yaml", {})
    monkeypatch.setitem(
        _registry._cache, "huge", JurisdictionProfile(validate_model(Profile, loaded), loaded)
    )
    return "huge"


@pytest.mark.parametrize("fmt", ["table", "md", "csv", "html"])
def test_a_huge_string_is_cut_with_a_note(
    huge: str, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    started = time.perf_counter()
    argv = ["compare", huge, "xinzhou", "--as-of", "2026-11-23", "--format", fmt, "--lang", "en"]
    assert main(argv) == 0
    assert time.perf_counter() - started < 10
    out = capsys.readouterr().out
    assert "characters cut: " in out
    # Three columns (hubei's levels) hold the long article, cut to the cell limit each.
    assert out.count("a") < 3 * LIMITS.cell_chars + 20_000
    assert len(out) < 200_000


def test_json_keeps_the_whole_string(huge: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", huge, "xinzhou", "--as-of", "2026-11-23", "--format", "json"]) == 0
    assert "a" * LONG in json.dumps(json.loads(capsys.readouterr().out))
