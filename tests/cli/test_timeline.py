"""The timeline command: pictures written, the summary printed, JSON, errors."""

from __future__ import annotations

import json
import struct
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from govshare.cli.main import main
from govshare.cli.timeline import default_profiles

ROOT = Path(__file__).resolve().parents[2]
NO_REPLY = ROOT / "docs" / "examples" / "no-reply.log.yaml"
SVG_NS = "{http://www.w3.org/2000/svg}"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _texts(svg: bytes) -> list[str]:
    root = ET.fromstring(svg)
    return ["".join(t.itertext()) for t in root.iter(f"{SVG_NS}text")]


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_SIGNATURE
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_default_profiles_are_the_registrys_jurisdictions() -> None:
    """Every jurisdiction profile, in the registry's order; the Shanxi standard is not one."""
    assert [p.id for p in default_profiles()] == ["hubei", "liuzhou", "xinzhou"]


def test_cli_writes_svg(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "nd.svg"
    assert main(["timeline", "--scenario", str(NO_REPLY), "--level", "own", "-o", str(out)]) == 0
    text = capsys.readouterr().out
    assert f"已写入 {out}" in text
    assert "10-13 截止 第十四条(二) · 10-14 00:00 逾期视为同意" in text
    assert "10-09 截止 五(三)2 · 已逾期 8 个工作日" in text
    assert "10-10 截止 第二十六条(二) · 已逾期 7 个工作日" in text
    assert "10-13 截止 第十四条(二) · 10-14 00:00 逾期视为同意" in _texts(out.read_bytes())


def test_cli_writes_png_in_english(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "nd.PNG"
    args = ["timeline", "hubei", "liuzhou", "--key", "share.conditional.provider_reply"]
    assert main([*args, "--start", "2026-09-30", "-o", str(out), "--lang", "en"]) == 0
    _png_size(out.read_bytes())
    text = capsys.readouterr().out
    assert f"wrote {out} (2 lanes, 2026-09-30..2026-10-14)" in text
    assert "due 10-10, Art. 26(2)" in text


def test_cli_prints_notes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """At a forced provincial level, Xinzhou and Liuzhou say why they show nothing."""
    args = ["timeline", "--scenario", str(NO_REPLY), "--level", "provincial"]
    assert main([*args, "-o", str(tmp_path / "a.svg")]) == 0
    text = capsys.readouterr().out
    assert "xinzhou (provincial)\n  未能显示: xinzhou: no rule in force" in text
    assert "liuzhou (provincial)\n  未能显示: liuzhou: no rule in force" in text


def test_cli_level_per_profile(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["timeline", "hubei", "xinzhou", "liuzhou", "--scenario", str(NO_REPLY), "--json"]
    assert main([*args, "--level", "own", "--level", "liuzhou=provincial"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [lane["level"] for lane in out["lanes"]] == ["provincial", "prefectural", "provincial"]
    assert [lane["profile"] for lane in out["lanes"] if lane["note"]] == ["liuzhou"]


def test_cli_json_without_a_file(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["timeline", "--scenario", str(NO_REPLY), "--level", "own", "--json"]
    assert main(args) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["schema"] == "govshare-timeline/1"
    assert (out["start"], out["end"], out["mode"]) == ("2026-09-30", "2026-10-20", "scenario")
    hubei = out["lanes"][0]
    assert hubei["marks"][0]["due"] == "2026-10-13"
    assert hubei["marks"][0]["outcome"] == "deemed_consent"
    assert hubei["days"][1] == {
        "date": "2026-10-01",
        "kind": "statutory_holiday",
        "name": "国庆节",
        "working": False,
    }
    assert any("试行" in w["zh"] for w in out["warnings"])


def test_cli_json_works_without_matplotlib(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    args = ["timeline", "--scenario", str(NO_REPLY), "--level", "own"]
    assert main([*args, "--json"]) == 0
    capsys.readouterr()
    assert main([*args, "-o", str(tmp_path / "a.svg")]) == 1
    err = capsys.readouterr().err
    assert 'pip install "govshare[timeline]"' in err
    assert not (tmp_path / "a.svg").exists()


def test_cli_font_warning_is_printed(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("govshare.render.timeline.find_cjk_font", lambda: None)
    out = tmp_path / "a.png"
    assert main(["timeline", "--scenario", str(NO_REPLY), "--level", "own", "-o", str(out)]) == 0
    assert "注意: no CJK font found" in capsys.readouterr().out
    _png_size(out.read_bytes())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "x.pdf"], "must end in .svg or .png"),
        ([], "-o FILE.svg|FILE.png is required"),
        (["--start", "2026-09-30", "-o", "x.svg"], "--start goes with --key"),
    ],
)
def test_cli_usage_errors(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["timeline", "--scenario", str(NO_REPLY), *args]) == 2
    assert message in capsys.readouterr().err
    assert not Path("x.pdf").exists()


def test_cli_needs_a_scenario_or_a_key(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["timeline", "-o", "x.svg"]) == 2
    assert "one of the arguments --scenario --key is required" in capsys.readouterr().err
    assert main(["timeline", "--key", "share.conditional.provider_reply", "-o", "x.svg"]) == 2
    assert "--key needs --start" in capsys.readouterr().err
    args = ["timeline", "--key", "k", "--scenario", str(NO_REPLY), "-o", "x.svg"]
    assert main(args) == 2
    assert "not allowed with argument" in capsys.readouterr().err


def test_cli_errors_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = str(tmp_path / "a.svg")
    assert main(["timeline", "--scenario", str(NO_REPLY), "--level", "city", "-o", out]) == 1
    assert "level: got 'city'" in capsys.readouterr().err
    assert main(["timeline", "nowhere", "--scenario", str(NO_REPLY), "-o", out]) == 1
    assert "nowhere" in capsys.readouterr().err
    # every lane fails: nothing to draw, no file
    args = ["timeline", "xinzhou", "liuzhou", "--scenario", str(NO_REPLY), "--level", "provincial"]
    assert main([*args, "-o", out]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: nothing to draw: xinzhou: ")
    assert not Path(out).exists()
    bad = tmp_path / "bad.log.yaml"
    bad.write_text("schema: govshare-log/1\nprocess: x\nlevel: provincial\nevents: 3\n", "utf-8")
    assert main(["timeline", "--scenario", str(bad), "-o", out]) == 1
    assert "bad.log.yaml:4" in capsys.readouterr().err
