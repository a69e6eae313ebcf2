"""Scenario files (govshare-scenario/1): loading, matching, results, and `govshare test`.

Expected dates are counted by hand from the 2026 holiday notice (国庆 10/1-10/7 off, Sat
10/10 worked). Working days after Wed 2026-09-30: 10/8(1) 10/9(2) 10/10 Sat makeup(3)
10/12(4) 10/13(5) 10/14(6) 10/15(7) 10/16(8) 10/19(9) 10/20(10). So Hubei's provincial
5 working days (鄂政务办发〔2021〕1号 第十四条(二)) end on 10/13 and pass at
2026-10-14T00:00+08:00; the order's 10 (第二十条) end on 10/20.
"""

from __future__ import annotations

import itertools
import json
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govshare.cli.main import main
from govshare.errors import DataFileError, InputError
from govshare.features.scenarios import (
    ScenarioResult,
    _max_pairing,
    find_scenario_files,
    load_scenarios,
    run_paths,
    run_scenario,
)

ROOT = Path(__file__).resolve().parents[2]
RUNNER = ROOT / "tests" / "scenarios" / "_runner"
FIXTURES = ROOT / "tests" / "features" / "fixtures_scenarios"

HEAD = "schema: govshare-scenario/1\nprofile: hubei\nlevel: provincial\nscenarios:\n"
SUBMIT = "{at: 2026-09-30T10:00, type: submit, by: 省卫健委}"


def scenario_file(
    tmp_path: Path, body: str, head: str = HEAD, name: str = "s.govshare.yaml"
) -> Path:
    path = tmp_path / name
    path.write_text(head + textwrap.dedent(body), "utf-8")
    return path


def run_one(tmp_path: Path, body: str, head: str = HEAD) -> ScenarioResult:
    [scenario] = load_scenarios(scenario_file(tmp_path, body, head))
    return run_scenario(scenario)


def replay_body(expect: str, *, as_of: str = "2026-10-20", events: str = f"- {SUBMIT}") -> str:
    """A provincial Hubei conditional application, with ``expect`` (YAML, one level in)."""
    ev = textwrap.indent(events, " " * 8)
    if expect.startswith("{"):
        exp = f"    expect: {expect}\n"
    else:
        exp = "    expect:\n" + textwrap.indent(textwrap.dedent(expect).strip(), " " * 6) + "\n"
    return (
        f"  - name: case\n    as_of: {as_of}\n    given:\n"
        f"      process: conditional_application\n      events:\n{ev}\n{exp}"
    )


# -- the runner's own scenario files (also collected by the suite through the plugin) --


def test_runner_files_all_pass() -> None:
    results = run_paths([RUNNER])
    assert results, "no scenarios found"
    bad = [(r.scenario, r.report("en")) for r in results if not r.passed]
    assert not bad
    # 7 (forms) + 3 profiles x 2 scenarios (compare) + 1 (by_path)
    assert len(results) == 14


def test_multi_profile_scenario_gives_one_case_per_profile() -> None:
    scenarios = load_scenarios(RUNNER / "compare.govshare.yaml")
    assert [s.id for s in scenarios[:3]] == [
        "同一申请，三地结果不同[hubei]",
        "同一申请，三地结果不同[xinzhou]",
        "同一申请，三地结果不同[liuzhou]",
    ]
    assert {s.compared for s in scenarios} == {("hubei", "xinzhou", "liuzhou")}
    assert scenarios[0].level == "prefectural"  # the file's default
    assert scenarios[0].line == 8


# -- passing and each kind of mismatch -------------------------------------------------


def test_pass(tmp_path: Path) -> None:
    r = run_one(
        tmp_path,
        replay_body(
            """
            state: authorized
            terminal: true
            deemed_consent: true
            fired: [{kind: deemed_consent, due: 2026-10-13, at: 2026-10-14T00:00+08:00}]
            """
        ),
    )
    assert r.outcome == "pass", r.report("en")
    assert r.mismatches == ()
    assert r.report() == ""


def test_scalar_mismatch_with_citation(tmp_path: Path) -> None:
    r = run_one(tmp_path, replay_body("state: provider_review\nterminal: false"))
    assert r.outcome == "fail"
    assert [(m.path, m.expected, m.actual) for m in r.mismatches] == [
        ("state", "provider_review", "authorized"),
        ("terminal", False, True),
    ]
    # the step that led to the state: the deemed consent of 第十四条(二)
    cite = r.mismatches[0].citation
    assert cite is not None
    assert cite.short == "鄂政务办发〔2021〕1号 第十四条(二)"
    assert cite.quote is not None
    assert "视为同意" in cite.quote


def test_list_field_mismatch_names_item_and_field(tmp_path: Path) -> None:
    r = run_one(tmp_path, replay_body("fired: [{kind: deemed_consent, due: 2026-10-12}]"))
    [m] = r.mismatches
    assert (m.path, m.expected, m.actual) == ("fired[0].due", "2026-10-12", "2026-10-13")
    assert m.citation is not None
    assert m.citation.article == "第十四条"
    assert m.citation.clause == "(二)"
    assert m.citation.quote is not None
    assert "5个工作日" in m.citation.quote
    text = r.report("en")
    assert "fired[0].due\n  expected: 2026-10-12\n  actual:   2026-10-13\n  citation: " in text
    assert "鄂政务办发〔2021〕1号 第十四条(二)「" in text
    zh = r.report("zh")
    assert "期望: 2026-10-12" in zh
    assert "实际: 2026-10-13" in zh
    assert "依据: 鄂政务办发〔2021〕1号 第十四条(二)" in zh


def test_missing_item(tmp_path: Path) -> None:
    r = run_one(tmp_path, replay_body("fired: [{kind: deemed_consent}, {kind: overdue}]"))
    [m] = r.mismatches
    assert m.path == "fired[1]"
    assert m.expected == {"kind": "overdue"}
    assert m.actual == "(none)"


def test_extra_item(tmp_path: Path) -> None:
    """`[]` means none: the overdue violation recorded with the deemed consent is extra."""
    r = run_one(tmp_path, replay_body("violations: []"))
    [m] = r.mismatches
    assert m.path == "violations[0]"
    assert m.expected == "(none)"
    assert m.actual["kind"] == "overdue"
    assert m.actual["due"] == "2026-10-13"
    assert m.actual["cite"] == "鄂政务办发〔2021〕1号 第十四条(二)"
    assert m.citation is not None
    assert m.citation.doc == "hb-rules-2021"


def test_list_order_does_not_matter(tmp_path: Path) -> None:
    """A joint review (docs/examples/joint-review.log.yaml's start): three reviewers, each
    with its own duty due 10/13; items listed in another order still match."""
    events = (
        "- {at: 2026-09-30T10:00, type: submit, by: 省卫健委, "
        "reviewers: [省大数据中心, 省民政厅, 省人社厅]}"
    )
    expect = """
        open_duties:
          - {party: 省人社厅, due: 2026-10-13}
          - {party: 省大数据中心, due: 2026-10-13}
          - {party: 省民政厅, due: 2026-10-13}
        """
    r = run_one(tmp_path, replay_body(expect, as_of="2026-10-09", events=events))
    assert r.outcome == "pass", r.report("en")


@pytest.mark.parametrize(
    ("at", "outcome"),
    [
        ("2026-10-14T00:00+08:00", "pass"),
        ("2026-10-14T00:00", "pass"),  # naive = Asia/Shanghai
        ("2026-10-13T16:00Z", "pass"),  # the same instant in UTC
        ("2026-10-14", "pass"),  # a date matches the instant's date in Shanghai
        ("2026-10-14T00:00+00:00", "fail"),  # eight hours later
        ("2026-10-13", "fail"),
    ],
)
def test_instants_compare_as_instants(tmp_path: Path, at: str, outcome: str) -> None:
    r = run_one(tmp_path, replay_body(f"fired: [{{at: {at}}}]"))
    assert r.outcome == outcome


@pytest.mark.parametrize(
    ("cite", "outcome"),
    [
        ("第十四条(二)", "pass"),  # article + clause
        ("鄂政务办发〔2021〕1号", "pass"),  # part of the short citation
        ("hb-rules-2021", "pass"),  # the document id
        ("第二十条", "fail"),
        ("hb-order-419", "fail"),
    ],
)
def test_cite_matching(tmp_path: Path, cite: str, outcome: str) -> None:
    r = run_one(tmp_path, replay_body(f"violations: [{{cite: {cite}}}]"))
    assert r.outcome == outcome


def test_trace_cites(tmp_path: Path) -> None:
    ok = run_one(tmp_path, replay_body("trace_cites: [第二十条, 第十四条(二)]"))
    assert ok.outcome == "pass"
    r = run_one(tmp_path, replay_body("trace_cites: [第二十条, 第九十九条]"))
    [m] = r.mismatches
    assert m.path == "trace_cites[1]"
    assert m.expected == "第九十九条"
    assert "湖北省人民政府令第419号 第二十条" in m.actual


def test_prefectural_open_duty(tmp_path: Path) -> None:
    body = replay_body(
        "open_duties: [{actor: provider, due: 2026-10-20, overdue: false, period: 10个工作日}]",
        as_of="2026-10-15",
    ).replace("    as_of:", "    level: prefectural\n    as_of:")
    assert run_one(tmp_path, body).outcome == "pass"
    wrong = body.replace("period: 10个工作日", "period: 5个工作日")
    [m] = run_one(tmp_path, wrong).mismatches
    assert m.path == "open_duties[0].period"
    assert m.expected == "5个工作日"
    assert m.citation is not None
    assert m.citation.article == "第二十条"


def test_access_mismatch(tmp_path: Path) -> None:
    body = """\
          - name: 负面清单
            as_of: 2026-09-30
            given:
              requester: 省民政厅
              resource: {name: 涉密数据, provider: 省公安厅, share_type: not_shared,
                         legal_basis: 保密法, negative_list: true}
            expect: {path: application, steps: [{cite: 第二十三条}]}
        """
    r = run_one(tmp_path, body)
    [m] = r.mismatches
    assert (m.path, m.expected, m.actual) == ("path", "application", "not_shareable")


def test_rule_value_mismatch(tmp_path: Path) -> None:
    body = """\
          - name: 规则
            as_of: 2026-09-30
            given: {rule: share.conditional.provider_reply}
            expect: {value: {kind: working_days, n: 10}, doc: hb-order-419}
        """
    r = run_one(tmp_path, body)
    assert [(m.path, m.expected, m.actual) for m in r.mismatches] == [
        ("value.n", 10, 5),
        ("doc", "hb-order-419", "hb-rules-2021"),
    ]
    assert r.mismatches[0].citation is not None
    assert r.mismatches[0].citation.short == "鄂政务办发〔2021〕1号 第十四条(二)"


def test_deadline_mismatch(tmp_path: Path) -> None:
    body = """\
          - name: 期限
            level: prefectural
            as_of: 2026-09-30
            given: {deadline: share.conditional.provider_reply, start: 2026-09-30}
            expect: {due: 2026-10-13, end_instant: 2026-10-21T00:00+08:00, period: 10 working days}
        """
    r = run_one(tmp_path, body)
    [m] = r.mismatches
    assert (m.path, m.expected, m.actual) == ("due", "2026-10-13", "2026-10-20")
    assert m.citation is not None
    assert m.citation.doc == "hb-order-419"


# -- errors expected, and unexpected ---------------------------------------------------

REFUSE = f"- {SUBMIT}\n- {{at: 2026-10-09T10:00, type: refuse, by: 省公安厅}}"


@pytest.mark.parametrize(
    ("expect", "outcome", "paths"),
    [
        ("{error: MissingEventFieldError, message: reasons}", "pass", []),
        ("{error: EventLogError}", "pass", []),  # a base class matches
        ("{error: GovshareError}", "pass", []),
        ("{error: EventOrderError}", "fail", ["error"]),
        ("{error: MissingEventFieldError, message: 理由}", "fail", ["message"]),
    ],
)
def test_error_expectations(tmp_path: Path, expect: str, outcome: str, paths: list[str]) -> None:
    r = run_one(tmp_path, replay_body(expect, events=REFUSE))
    assert r.outcome == outcome
    assert [m.path for m in r.mismatches] == paths


def test_error_expected_but_none(tmp_path: Path) -> None:
    [m] = run_one(tmp_path, replay_body("{error: InputError}")).mismatches
    assert (m.path, m.expected, m.actual) == ("error", "InputError", "(no error)")


def test_unexpected_error_is_a_failure_naming_the_event_line(tmp_path: Path) -> None:
    r = run_one(tmp_path, replay_body("state: refused", events=REFUSE))
    assert r.outcome == "fail"
    [m] = r.mismatches
    assert m.path == "error"
    assert m.expected == "(no error)"
    assert m.actual.startswith("MissingEventFieldError: events[1] (refuse): reasons is required")
    # the refuse event is on line 11 of the file (4 header lines + 7)
    assert m.actual.endswith("s.govshare.yaml:11)")


def test_unknown_profile_is_an_error_naming_the_scenario(tmp_path: Path) -> None:
    head = "level: provincial\nscenarios:\n"
    body = """\
          - name: 拼错的地名
            profile: hubeii
            as_of: 2026-09-30
            given: {rule: share.conditional.provider_reply}
            expect: {not_specified: false}
        """
    r = run_one(tmp_path, body, head)
    assert r.outcome == "error"
    assert r.error is not None
    assert "s.govshare.yaml:4: scenario '拼错的地名'" in r.error
    assert "'hubeii'" in r.error


def test_unknown_process_is_an_error_unless_expected(tmp_path: Path) -> None:
    """Xinzhou's profile has no new_data_demand process (the table in docs/processes.md)."""
    head = "level: prefectural\nscenarios:\n"
    body = f"""\
          - name: 新增需求
            profiles: [hubei, xinzhou]
            as_of: 2026-10-20
            given:
              process: new_data_demand
              events: [{SUBMIT.replace("省卫健委", "市卫健委")}]
            expect:
              hubei: {{state: fulfilment}}
              xinzhou: {{state: x}}
        """
    path = scenario_file(tmp_path, body, head)
    results = [run_scenario(s) for s in load_scenarios(path)]
    assert results[1].outcome == "error"
    assert results[1].error is not None
    assert "xinzhou has no process 'new_data_demand'" in results[1].error
    expected = body.replace(
        "xinzhou: {state: x}", "xinzhou: {error: InputError, message: new_data_demand}"
    )
    results = [run_scenario(s) for s in load_scenarios(scenario_file(tmp_path, expected, head))]
    assert results[1].outcome == "pass", results[1].report("en")


def test_profile_path_relative_to_the_file(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    chain = (ROOT / "tests" / "processes" / "chainland.yaml").read_text("utf-8")
    (tmp_path / "chainland.yaml").write_text(chain, "utf-8")
    head = "profile: ../chainland.yaml\nlevel: provincial\nscenarios:\n"
    # 第一条: 2 working days from Wed 9/30: 10/8(1) 10/9(2)
    body = """\
          - name: 路径
            as_of: 2026-10-08
            given: {process: chain, events: [{at: 2026-09-30T10:00, type: submit}]}
            expect: {state: review, open_duties: [{due: 2026-10-09, cite: 第一条}]}
        """
    path = tmp_path / "sub" / "p.govshare.yaml"
    path.write_text(head + textwrap.dedent(body), "utf-8")
    [s] = load_scenarios(path)
    assert run_scenario(s).outcome == "pass"
    path.write_text(head.replace("../chainland", "./chainland") + textwrap.dedent(body), "utf-8")
    [s] = load_scenarios(path)
    r = run_scenario(s)
    assert r.outcome == "error"
    assert r.error is not None
    assert "./chainland.yaml" in r.error
    assert f"{path}:1:" in r.error  # the line of the file's `profile:`


# -- strict loading --------------------------------------------------------------------


def load_error(tmp_path: Path, body: str, head: str = HEAD) -> DataFileError:
    path = scenario_file(tmp_path, body, head)
    with pytest.raises(DataFileError) as info:
        load_scenarios(path)
    return info.value


BASE = """\
  - name: a
    as_of: 2026-09-30
    given: {rule: share.conditional.provider_reply}
    expect: {not_specified: false}
"""


@pytest.mark.parametrize(
    ("body", "line", "field", "words"),
    [
        (
            BASE.replace("expect: {", "expect: {stat: x, "),
            8,
            "scenarios[0].expect.stat",
            "unknown field",
        ),
        (BASE + "    note: x\n", 9, "scenarios[0].note", "unknown field"),
        (BASE.replace("2026-09-30", "2026-9-30"), 6, "scenarios[0].as_of", "expected a date"),
        (
            BASE.replace("not_specified: false", "not_specified: [1]"),
            8,
            "scenarios[0].expect.not_specified",
            "bool",
        ),
        (
            BASE.replace("provider_reply}", "provider_replyy}"),
            7,
            "scenarios[0].given.rule",
            "unknown rule key",
        ),
        (
            BASE.replace("{rule: ", "{start: 2026-09-30, rule: "),
            7,
            "scenarios[0].given",
            "exactly one of",
        ),
        (
            BASE.replace(
                "{rule: share.conditional.provider_reply}",
                "{deadline: share.conditional.provider_reply}",
            ),
            7,
            "scenarios[0].given",
            "start missing",
        ),
        (
            BASE.replace("{not_specified: false}", "{error: NoSuchError}"),
            8,
            "scenarios[0].expect.error",
            "unknown error 'NoSuchError'",
        ),
        (BASE.replace("{not_specified: false}", "{}"), 8, "scenarios[0].expect", "at least one"),
        (
            BASE.replace("{not_specified: false}", "{due: 2026-10-13}"),
            8,
            "scenarios[0].expect.due",
            "unknown field",
        ),
        (BASE + BASE, 9, "scenarios[1].name", "duplicate scenario name 'a' (first on line 5)"),
        (
            BASE.replace("    as_of", "    profiles: [hubei]\n    as_of"),
            6,
            "scenarios[0].profiles",
            "not both",
        ),
    ],
)
def test_load_errors_name_file_line_and_field(
    tmp_path: Path, body: str, line: int, field: str, words: str
) -> None:
    if "profiles" in body:
        body = body.replace("  - name: a\n", "  - name: a\n    profile: hubei\n")
        line += 1
    err = load_error(tmp_path, body)
    issue = err.issues[0]
    assert (issue.file, issue.line, issue.field) == (str(tmp_path / "s.govshare.yaml"), line, field)
    assert words in issue.message
    assert str(err).startswith(f"{tmp_path / 's.govshare.yaml'}:{line}: {field}:")


def test_no_profile_and_no_level(tmp_path: Path) -> None:
    err = load_error(tmp_path, BASE, head="scenarios:\n")
    messages = [(i.line, i.message) for i in err.issues]
    assert messages[0][0] == 2
    assert messages[0][1].startswith("no profile")
    assert messages[1][1].startswith("no level")


def test_multi_profile_expectations_must_cover_the_profiles(tmp_path: Path) -> None:
    body = """\
          - name: m
            profiles: [hubei, xinzhou]
            as_of: 2026-09-30
            given: {rule: share.conditional.provider_reply}
            expect:
              hubei: {not_specified: false}
              liuzhou: {not_specified: false}
        """
    err = load_error(tmp_path, body)
    got = [(i.line, i.field, i.message) for i in err.issues]
    assert got == [
        (11, "scenarios[0].expect.liuzhou", "not one of this scenario's profiles (hubei, xinzhou)"),
        (9, "scenarios[0].expect", "no expectations for profile 'xinzhou'"),
    ]


def test_multi_profile_shared_expectations(tmp_path: Path) -> None:
    body = """\
          - name: m
            profiles: [hubei, xinzhou]
            level: prefectural
            as_of: 2026-09-30
            given: {rule: share.conditional.provider_reply}
            expect: {not_specified: false, value: {kind: working_days}}
        """
    # Hubei order 第二十条 (10) and Xinzhou 五(三)2 (5) both count in working days.
    results = [run_scenario(s) for s in load_scenarios(scenario_file(tmp_path, body))]
    assert [(r.scenario, r.outcome) for r in results] == [
        ("m[hubei]", "pass"),
        ("m[xinzhou]", "pass"),
    ]


def test_invalid_yaml(tmp_path: Path) -> None:
    err = load_error(tmp_path, "  - name: a: b\n")
    assert err.line == 5
    assert "invalid YAML" in str(err)


# -- finding files ---------------------------------------------------------------------


def test_find_files(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "venv").mkdir()
    for p in ("a/x.govshare.yaml", ".hidden/y.govshare.yaml", "venv/z.govshare.yaml", "a/w.yaml"):
        (tmp_path / p).write_text("", "utf-8")
    assert find_scenario_files([tmp_path]) == [tmp_path / "a" / "x.govshare.yaml"]
    assert find_scenario_files([tmp_path / "a" / "w.yaml"]) == [tmp_path / "a" / "w.yaml"]
    assert find_scenario_files([tmp_path], pattern="*.yaml") == [
        tmp_path / "a" / "w.yaml",
        tmp_path / "a" / "x.govshare.yaml",
    ]
    with pytest.raises(InputError) as info:
        find_scenario_files([tmp_path / "missing"])
    assert info.value.field == "path"


def test_run_paths_turns_an_invalid_file_into_one_error(tmp_path: Path) -> None:
    scenario_file(
        tmp_path, BASE.replace("expect: {", "expect: {stat: x, "), name="bad.govshare.yaml"
    )
    scenario_file(tmp_path, BASE, name="good.govshare.yaml")
    results = run_paths([tmp_path])
    assert [(r.scenario, r.outcome, r.line) for r in results] == [
        ("bad.govshare.yaml", "error", 8),
        ("a", "pass", 5),
    ]


# -- the matching of lists: a maximum matching, checked against brute force ------------


@settings(max_examples=200, deadline=None)
@given(
    st.integers(0, 4).flatmap(
        lambda n: st.lists(st.lists(st.booleans(), min_size=n, max_size=n), max_size=4)
    )
)
def test_pairing_is_maximum(ok: list[list[bool]]) -> None:
    pairing = _max_pairing(ok)
    assert len(set(pairing.values())) == len(pairing)
    assert all(ok[i][j] for i, j in pairing.items())
    cols = len(ok[0]) if ok else 0
    best = 0
    for perm in itertools.permutations(range(max(cols, len(ok))), len(ok)) if ok else [()]:
        best = max(best, sum(1 for i, j in enumerate(perm) if j < cols and ok[i][j]))
    assert len(pairing) == best


# -- govshare test ---------------------------------------------------------------------


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


def test_cli_invalid_file_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    path = FIXTURES / "invalid.scenarios.yaml"
    assert main(["test", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"ERROR {path}:9" in out
    assert f"{path}:9: scenarios[0].expect.stat: unknown field" in out
    assert "通过 0，失败 0，错误 1" in out


def test_cli_no_files_and_missing_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["test", str(tmp_path)]) == 1
    assert "error: PATH" in capsys.readouterr().err
    assert main(["test", str(tmp_path / "nope")]) == 1
    assert "error: path" in capsys.readouterr().err


def test_cli_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["test", str(FIXTURES / "failing.scenarios.yaml"), "--json"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert (out["pass"], out["fail"], out["error"]) == (1, 2, 0)
    failed = [r for r in out["results"] if r["outcome"] == "fail"]
    m = failed[0]["mismatches"][0]
    assert m == {
        "path": "fired[0].due",
        "expected": "2026-10-12",
        "actual": "2026-10-13",
        "citation": {
            "short": "鄂政务办发〔2021〕1号 第十四条(二)",
            "doc": "hb-rules-2021",
            "quote": m["citation"]["quote"],
        },
    }
    assert "5个工作日" in m["citation"]["quote"]


def test_cli_junit_xml(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "report.xml"
    paths = [str(FIXTURES / "failing.scenarios.yaml"), str(FIXTURES / "invalid.scenarios.yaml")]
    assert main(["test", *paths, "--junit-xml", str(report)]) == 1
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
