"""``govshare test``: exit status, the report in Chinese and English, JSON, JUnit XML.

Working days after Wed 2026-09-30: 10/8(1) 10/9(2) 10/10 Sat makeup(3) 10/12(4) 10/13(5),
so Hubei's provincial 5 working days (第十四条(二)) end on 10/13; the failing fixture says
10/12 on purpose.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from govshare.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
RUNNER = ROOT / "tests" / "scenarios" / "_runner"
FIXTURES = ROOT / "tests" / "features" / "fixtures_scenarios"


def test_cli_all_pass(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["test", str(RUNNER), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert out.count("PASS  ") == 14
    assert out.rstrip().endswith("14 passed, 0 failed, 0 errors")


def test_cli_failures_exit_1_with_details(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["test", str(FIXTURES / "failing.scenarios.yaml"), "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert "FAIL  " in out
    assert "fired[0].due\n      expected: 2026-10-12\n      actual:   2026-10-13" in out
    assert "citation: 鄂政务办发〔2021〕1号 第十四条(二)「" in out
    assert out.rstrip().endswith("1 passed, 2 failed, 0 errors")


def test_cli_failures_in_chinese_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["test", str(FIXTURES / "failing.scenarios.yaml")]) == 1
    out = capsys.readouterr().out
    assert "不符  " in out
    assert "已届满的期限·第1项·到期日\n      期望: 2026-10-12\n      实际: 2026-10-13" in out
    assert "文件\n      期望: hb-rules-2021\n      实际: xz-2022-3" in out
    assert out.rstrip().endswith("通过 1，失败 2，错误 0")
    for word in ("PASS", "FAIL", "expected", "actual", "citation", "fired", "passed"):
        assert word not in out


def test_cli_invalid_file_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    path = FIXTURES / "invalid.scenarios.yaml"
    assert main(["test", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"错误  {path}:9" in out
    assert f"{path}:9: scenarios[0].expect.stat: unknown field" in out
    assert "通过 0，失败 0，错误 1" in out
    assert main(["test", str(path), "--lang", "en"]) == 1
    assert f"ERROR {path}:9" in capsys.readouterr().out


def test_cli_bad_file_does_not_stop_the_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A fuzzer's file (``requester: null``) once aborted the whole command."""
    (tmp_path / "a.govshare.yaml").write_text(
        "profile: hubei\nlevel: provincial\nscenarios:\n  - name: b\n    as_of: 2026-09-30\n"
        "    given: {requester: null, resource: {name: x, provider: y, share_type: conditional}}\n"
        "    expect: {path: application}\n",
        "utf-8",
    )
    (tmp_path / "b.govshare.yaml").write_text(
        (RUNNER / "forms.govshare.yaml").read_text("utf-8"), "utf-8"
    )
    code = main(["test", str(tmp_path), "--lang", "en"])
    out = capsys.readouterr().out
    assert code == 1
    assert f"{tmp_path / 'a.govshare.yaml'}:6: scenarios[0].given.requester: null is not" in out
    assert out.count("PASS  ") == 7  # the seven forms of the runner's own file
    assert out.rstrip().endswith("7 passed, 0 failed, 1 error")


def test_cli_no_files_and_missing_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["test", str(tmp_path)]) == 1
    assert "error: PATH" in capsys.readouterr().err
    assert main(["test", str(tmp_path / "nope")]) == 1
    assert "error: path" in capsys.readouterr().err


def test_cli_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["test", str(FIXTURES / "failing.scenarios.yaml"), "--json"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert out["schema"] == "govshare-scenario-results/1"
    assert out["counts"] == {"pass": 1, "fail": 2, "error": 0}
    failed = [r for r in out["results"] if r["outcome"] == "fail"]
    m = failed[0]["mismatches"][0]
    assert (m["path"], m["expected"], m["actual"]) == ("fired[0].due", "2026-10-12", "2026-10-13")
    assert (m["citation"]["short"], m["citation"]["doc"]) == (
        "鄂政务办发〔2021〕1号 第十四条(二)",
        "hb-rules-2021",
    )
    assert "5个工作日" in m["citation"]["quote"]


def test_cli_junit_xml(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "report.xml"
    paths = [str(FIXTURES / "failing.scenarios.yaml"), str(FIXTURES / "invalid.scenarios.yaml")]
    assert main(["test", *paths, "--junit-xml", str(report), "--lang", "en"]) == 1
    capsys.readouterr()
    suite = ET.parse(report).getroot().find("testsuite")
    assert suite is not None
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("4", "2", "1")
    cases = {c.get("name"): c for c in suite.iter("testcase")}
    assert set(cases) == {"省级：到期日", "三地[hubei]", "三地[xinzhou]", "invalid.scenarios.yaml"}
    assert cases["三地[hubei]"].find("failure") is None
    failure = cases["省级：到期日"].find("failure")
    assert failure is not None
    assert failure.get("message") == "1 mismatch(es): fired[0].due"
    assert failure.text is not None
    assert "expected: 2026-10-12" in failure.text
    assert "actual:   2026-10-13" in failure.text
    assert "citation: 鄂政务办发〔2021〕1号 第十四条(二)" in failure.text
    assert cases["省级：到期日"].get("classname") == paths[0]
    error = cases["invalid.scenarios.yaml"].find("error")
    assert error is not None
    assert "scenarios[0].expect.stat: unknown field" in (error.get("message") or "")


def test_cli_junit_xml_unwritable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "no-such-dir" / "r.xml"
    assert main(["test", str(RUNNER / "by_path.govshare.yaml"), "--junit-xml", str(target)]) == 1
    assert "--junit-xml" in capsys.readouterr().err
