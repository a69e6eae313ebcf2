"""Control characters in profile and log text cannot drive a terminal or break XML (issue 14,
item 6).

The hostile profile is built through the Python API (not a YAML file), so the test does not
depend on what the YAML loader accepts: the renderers must be safe whatever reaches them.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import yaml

from govshare._kernel.yamlio import LoadedYaml, validate_model
from govshare.cli.app import main
from govshare.profiles import JurisdictionProfile, _registry
from govshare.profiles._model import Profile
from govshare.render.junit import JUnitCase, junit_xml
from govshare.render.text import terminal_safe, xml_safe

ROOT = Path(__file__).resolve().parents[2]
ESC_NAME = "湖北\x1b[31m省\r\x00\x9b"
ESC_TITLE = "办法\x1b]0;pwn\x07\x1b[2J"
#: What a terminal must never receive from data: C0 controls but newline and tab, DEL, C1.
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def _hostile() -> JurisdictionProfile:
    data: dict[str, Any] = yaml.safe_load((ROOT / "profiles" / "hubei.yaml").read_text("utf-8"))
    data["name"] = {"zh": ESC_NAME, "en": "Hubei\x1b[2J\x07"}
    data["documents"][0]["title"] = ESC_TITLE
    # Typed strings refuse a lone surrogate; free-form ``details`` take it.
    for entries in data["rules"].values():
        for entry in entries:
            details = (entry.get("value") or {}).get("details") or {}
            if details.get("applies_to") == "table_mounted":
                details["applies_to"] = "table\ud800mounted"
    loaded = LoadedYaml(data, "hostile.yaml", {})
    return JurisdictionProfile(validate_model(Profile, loaded), loaded)


@pytest.fixture
def hostile(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setitem(_registry._cache, "hostile", _hostile())
    return "hostile"


def test_terminal_safe_and_xml_safe() -> None:
    assert terminal_safe("a\x1b[31mb\r\n\tc\x9b\ud800") == "a\\x1b[31mb\\x0d\n\tc\\x9b\\ud800"
    assert xml_safe("a\x1b\x0c\n\r\tb\ud800\uffff") == "a\\x1b\\x0c\n\r\tb\\ud800\\uffff"


@pytest.mark.parametrize(
    "argv",
    [
        ["show", "hostile"],
        ["show", "hostile", "--lang", "en"],
        ["compare", "hostile", "xinzhou", "--as-of", "2026-11-23"],
        ["compare", "hostile", "xinzhou", "--as-of", "2026-11-23", "--format", "md"],
        ["compare", "hostile", "xinzhou", "--as-of", "2026-11-23", "--format", "csv"],
        [
            "diagram",
            "hostile",
            "conditional_application",
            "--as-of",
            "2026-01-05",
            "--level",
            "provincial",
        ],
        ["replay", "hostile", str(ROOT / "docs" / "examples" / "no-reply.log.yaml")],
        ["obligations", "hostile", "--year", "2026", "--level", "provincial"],
    ],
)
def test_no_raw_control_characters_reach_the_terminal(
    hostile: str, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(argv)
    out, err = capsys.readouterr()
    assert status == 0, err
    assert not RAW.search(out), out[RAW.search(out).start() - 40 :][:80]  # type: ignore[union-attr]


def test_show_makes_the_escape_codes_visible(
    hostile: str, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["show", hostile])
    out = capsys.readouterr().out
    assert "湖北\\x1b[31m省\\x0d\\x00\\x9b" in out
    assert "办法\\x1b]0;pwn\\x07\\x1b[2J" in out


def test_json_output_keeps_a_lone_surrogate_as_its_escape(
    hostile: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["show", hostile, "--json", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "table\\ud800mounted" in out
    assert json.loads(out)["name"]["en"] == "Hubei\x1b[2J\x07"


def test_timeline_svg_stays_parseable(hostile: str, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    svg = tmp_path / "t.svg"
    argv = ["timeline", hostile, "--key", "share.conditional.provider_reply"]
    assert main([*argv, "--start", "2026-09-30", "--level", "provincial", "-o", str(svg)]) == 0
    ET.fromstring(svg.read_bytes())  # raises if unparseable


def test_junit_xml_stays_parseable() -> None:
    text = junit_xml(
        "s\x1b",
        [JUnitCase(name="a\x00b", classname="c\x0c", failure="x\x1b[31my\ud800", details="\x07")],
        {"p\x01": "v\x02"},
    )
    root = ET.fromstring(text)
    case = root.find("testsuite/testcase")
    assert case is not None
    assert case.get("name") == "a\\x00b"
    failure = case.find("failure")
    assert failure is not None
    assert failure.get("message") == "x\\x1b[31my\\ud800"


def test_ics_export_with_newlines_in_names_and_quotes(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 14, item 7: a newline in a profile name or a quote once failed an assertion."""
    icalendar = pytest.importorskip("icalendar")
    data: dict[str, Any] = yaml.safe_load((ROOT / "profiles" / "hubei.yaml").read_text("utf-8"))
    data["name"] = {"zh": "湖北\n省\r\nX", "en": "Hubei\nProvince"}
    for entries in data["rules"].values():
        for entry in entries:
            if entry.get("quote"):
                entry["quote"] += "\n第二行\r\n"
    loaded = LoadedYaml(data, "newlines.yaml", {})
    profile = JurisdictionProfile(validate_model(Profile, loaded), loaded)
    monkeypatch.setitem(_registry._cache, "newlines", profile)
    ics = tmp_path / "o.ics"
    argv = ["obligations", "newlines", "--year", "2026", "--level", "provincial"]
    assert main([*argv, "--ics", str(ics)]) == 0
    assert not RAW.search(capsys.readouterr().out)
    events = icalendar.Calendar.from_ical(ics.read_bytes()).walk("VEVENT")
    # Five dated duties in 2026 (hand count from the profile's annual duties: 1/31 twice,
    # the rules' 第二十八条 for the city authority and the order's 第三十八条 for the city
    # government; 2/28, 11/30, 12/31); the undated one is not exported.
    assert len(events) == 5


def test_an_error_quoting_control_characters_is_one_safe_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by the long fuzz run: a value with a carriage return, quoted in a validation
    message, split the error line in two and reached the terminal raw."""
    text = (ROOT / "profiles" / "xinzhou.yaml").read_text("utf-8")
    bad = text.replace("kind: working_days", 'kind: "a\\rb\\x1b[2J\\u2028c"', 1)
    assert bad != text
    path = tmp_path / "bad.yaml"
    path.write_text(bad, "utf-8")
    assert main(["show", str(path)]) == 1
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1
    assert not RAW.search(err)
