"""Scenario reports: the text (Chinese by default, English with lang="en") and JUnit XML.

The failing fixture (tests/features/fixtures_scenarios/failing.scenarios.yaml): working days
after Wed 2026-09-30 are 10/8(1) 10/9(2) 10/10 Sat makeup(3) 10/12(4) 10/13(5), so Hubei's
provincial 5 working days (鄂政务办发〔2021〕1号 第十四条(二)) end on 10/13, not 10/12.
"""

from __future__ import annotations

import re
from pathlib import Path

from govshare.features.scenarios import ScenarioResults, run_paths
from govshare.render.registry import formats, render

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "features" / "fixtures_scenarios"

#: A snake_case id or an English word of two letters or more (outside quotes and file names).
SNAKE = re.compile(r"\b[a-z]+_[a-z_]+\b")


def _results() -> ScenarioResults:
    paths = [FIXTURES / "failing.scenarios.yaml", FIXTURES / "invalid.scenarios.yaml"]
    return ScenarioResults(results=tuple(run_paths(paths)))


def test_formats() -> None:
    assert set(formats(ScenarioResults)) >= {"text", "junit", "json"}


def test_mismatch_text_in_english() -> None:
    [r] = [r for r in _results().results if r.scenario == "省级：到期日"]
    text = str(render(r, "text", lang="en"))
    assert "fired[0].due\n  expected: 2026-10-12\n  actual:   2026-10-13\n  citation: " in text
    assert "鄂政务办发〔2021〕1号 第十四条(二)「" in text


def test_mismatch_text_in_chinese_has_no_ids() -> None:
    [r] = [r for r in _results().results if r.scenario == "省级：到期日"]
    text = str(render(r, "text"))
    assert text.startswith("已届满的期限·第1项·到期日\n")
    assert "  期望: 2026-10-12" in text
    assert "  实际: 2026-10-13" in text
    assert "  依据: 鄂政务办发〔2021〕1号 第十四条(二)" in text
    assert not SNAKE.findall(text)


def test_whole_run_in_chinese() -> None:
    text = str(render(_results(), "text")).replace(str(FIXTURES), "")
    assert text.rstrip().endswith("通过 1，失败 2，错误 1")
    assert "不符  " in text
    assert "错误  " in text
    assert "场景文件无效:" in text
    # only the file's own issue line (file:line: field: message) is left as it is
    own = [line for line in text.splitlines() if "invalid.scenarios.yaml:9:" not in line]
    assert not any(SNAKE.findall(line) for line in own)
    assert "PASS" not in text
    assert "FAIL" not in text


def test_extra_item_and_ids_in_chinese(tmp_path: Path) -> None:
    """`violations: []` but the late reply is an overdue violation (第十四条(二), due 10/13):
    an extra item, shown with Chinese field names and the vocabulary's words."""
    path = tmp_path / "x.govshare.yaml"
    path.write_text(
        "profile: hubei\nlevel: provincial\nscenarios:\n"
        "  - name: 多出的违规\n    as_of: 2026-10-20\n    given:\n"
        "      process: conditional_application\n"
        "      events: [{at: 2026-09-30T10:00, type: submit, by: 省卫健委}]\n"
        "    expect: {violations: [], state: provider_review}\n",
        "utf-8",
    )
    [r] = run_paths([path])
    zh = str(render(r, "text"))
    assert "违规·第1项\n  期望: （无）\n  实际: {类型: 逾期未办, 角色: 提供部门" in zh
    assert "到期日: 2026-10-13" in zh
    assert "状态\n  期望: 提供部门审核\n  实际: 已授权" in zh
    assert not SNAKE.findall(zh)
    en = str(render(r, "text", lang="en"))
    assert "violations[0]\n  expected: (none)\n  actual:   {kind: overdue, actor: provider" in en
    assert "state\n  expected: provider review\n  actual:   authorized" in en


def test_problem_text(tmp_path: Path) -> None:
    path = tmp_path / "x.govshare.yaml"
    path.write_text(
        "level: provincial\nscenarios:\n  - name: 拼错的地名\n    profile: hubeii\n"
        "    as_of: 2026-09-30\n    given: {rule: share.conditional.provider_reply}\n"
        "    expect: {not_specified: false}\n",
        "utf-8",
    )
    [r] = run_paths([path])
    en = str(render(r, "text", lang="en"))
    assert en.startswith(f"{path}:4: scenario '拼错的地名': profile 'hubeii' cannot be used")
    zh = str(render(r, "text"))
    assert zh.startswith(f"{path}:4: 场景「拼错的地名」：配置「hubeii」无法使用")


def test_junit_in_chinese() -> None:
    xml = str(render(_results(), "junit"))
    assert 'message="1处不符：已届满的期限·第1项·到期日"' in xml
    assert "scenarios[0].expect.stat: unknown field" in xml
