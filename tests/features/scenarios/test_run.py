"""Running scenarios: errors expected and unexpected, problems that stop one scenario (never
the run), whole files and directories.

Working days after Wed 2026-09-30 (2026 holiday notice): 10/8(1) 10/9(2) 10/10 Sat
makeup(3) 10/12(4) 10/13(5); Hubei's provincial 5 working days end on 10/13.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from govshare.features.scenarios import (
    ScenarioResult,
    ScenarioResults,
    load_scenarios,
    run_paths,
    run_scenario,
)
from govshare.render.json import to_json

ROOT = Path(__file__).resolve().parents[3]
RUNNER = ROOT / "tests" / "scenarios" / "_runner"
SUBMIT = "{at: 2026-09-30T10:00, type: submit, by: 省卫健委}"

Write = Callable[..., Path]
RunOne = Callable[..., ScenarioResult]
ReplayBody = Callable[..., str]


def test_runner_files_all_pass() -> None:
    results = run_paths([RUNNER])
    assert results, "no scenarios found"
    bad = [(r.scenario, r.mismatches, r.problem) for r in results if not r.passed]
    assert not bad
    # 7 (forms) + 3 profiles x 2 scenarios (compare) + 1 (by_path)
    assert len(results) == 14


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
def test_error_expectations(
    run_one: RunOne, replay_body: ReplayBody, expect: str, outcome: str, paths: list[str]
) -> None:
    r = run_one(replay_body(expect, events=REFUSE))
    assert r.outcome == outcome
    assert [m.path for m in r.mismatches] == paths


def test_error_expected_but_none(run_one: RunOne, replay_body: ReplayBody) -> None:
    [m] = run_one(replay_body("{error: InputError}")).mismatches
    assert (m.path, m.expected, m.actual, m.kind) == (
        "error",
        "InputError",
        "(no error)",
        "no_error",
    )


def test_unexpected_error_is_a_failure_naming_the_event_line(
    run_one: RunOne, replay_body: ReplayBody
) -> None:
    r = run_one(replay_body("state: refused", events=REFUSE))
    assert r.outcome == "fail"
    [m] = r.mismatches
    assert m.path == "error"
    assert (m.expected, m.kind) == ("(no error)", "unexpected_error")
    assert m.actual.startswith("MissingEventFieldError: events[1] (refuse): reasons is required")
    # the refuse event is on line 11 of the file (4 header lines + 7)
    assert m.actual.endswith("s.govshare.yaml:11)")


def test_unknown_profile_is_an_error_naming_the_scenario(run_one: RunOne) -> None:
    head = "level: provincial\nscenarios:\n"
    body = """\
          - name: 拼错的地名
            profile: hubeii
            as_of: 2026-09-30
            given: {rule: share.conditional.provider_reply}
            expect: {not_specified: false}
        """
    r = run_one(body, head)
    assert r.outcome == "error"
    p = r.problem
    assert p is not None
    assert (p.kind, p.line, p.subject, p.error) == ("profile", 4, "hubeii", "UnknownNameError")
    assert p.where.endswith("s.govshare.yaml:4")
    assert p.detail is not None
    assert "'hubeii'" in p.detail
    assert r.mismatches == ()


def test_unknown_process_is_an_error_unless_expected(write: Write) -> None:
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
    path = write(body, head)
    results = [run_scenario(s) for s in load_scenarios(path)]
    assert results[1].outcome == "error"
    p = results[1].problem
    assert p is not None
    assert (p.kind, p.subject, results[1].profile) == ("no_process", "new_data_demand", "xinzhou")
    assert "conditional_application" in p.known
    assert "new_data_demand" not in p.known
    expected = body.replace(
        "xinzhou: {state: x}", "xinzhou: {error: InputError, message: new_data_demand}"
    )
    results = [run_scenario(s) for s in load_scenarios(write(expected, head))]
    assert results[1].outcome == "pass", results[1].mismatches


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
    assert r.problem is not None
    assert (r.problem.kind, r.problem.subject) == ("profile", "./chainland.yaml")
    assert r.problem.where == f"{path}:1"  # the line of the file's `profile:`


def test_multi_profile_shared_expectations(write: Write) -> None:
    body = """\
          - name: m
            profiles: [hubei, xinzhou]
            level: prefectural
            as_of: 2026-09-30
            given: {rule: share.conditional.provider_reply}
            expect: {not_specified: false, value: {kind: working_days}}
        """
    # Hubei order 第二十条 (10) and Xinzhou 五(三)2 (5) both count in working days.
    results = [run_scenario(s) for s in load_scenarios(write(body))]
    assert [(r.scenario, r.outcome) for r in results] == [
        ("m[hubei]", "pass"),
        ("m[xinzhou]", "pass"),
    ]


BASE = """\
  - name: a
    as_of: 2026-09-30
    given: {rule: share.conditional.provider_reply}
    expect: {not_specified: false}
"""


def test_run_paths_turns_an_invalid_file_into_one_error(tmp_path: Path, write: Write) -> None:
    write(BASE.replace("expect: {", "expect: {stat: x, "), name="bad.govshare.yaml")
    write(BASE, name="good.govshare.yaml")
    results = run_paths([tmp_path])
    assert [(r.scenario, r.outcome, r.line) for r in results] == [
        ("bad.govshare.yaml", "error", 8),
        ("a", "pass", 5),
    ]
    p = results[0].problem
    assert p is not None
    assert p.kind == "invalid_file"
    [issue] = p.issues
    assert (issue.line, issue.field) == (8, "scenarios[0].expect.stat")


# -- robustness: one bad file or scenario never stops the others ------------------------

#: What a fuzzer found: each once crashed the whole run (AssertionError, TypeError).
BAD_FILES = {
    "requester": (
        "  - name: b\n    as_of: 2026-09-30\n"
        "    given: {requester: null, resource: {name: x, provider: y, share_type: conditional}}\n"
        "    expect: {path: application}\n",
        7,
        "scenarios[0].given.requester",
    ),
    "resource": (
        "  - name: b\n    as_of: 2026-09-30\n"
        "    given: {requester: 省民政厅, resource: null}\n    expect: {path: application}\n",
        7,
        "scenarios[0].given.resource",
    ),
    "rule": (
        BASE.replace("{rule: share.conditional.provider_reply}", "{rule: null}"),
        7,
        "scenarios[0].given.rule",
    ),
    "process": (
        "  - name: b\n    as_of: 2026-09-30\n    given: {process: null, events: []}\n"
        "    expect: {state: x}\n",
        7,
        "scenarios[0].given.process",
    ),
    "cite": (BASE.replace("{not_specified: false}", "{cite: null}"), 8, "scenarios[0].expect.cite"),
    "not_yaml": ("  - name: [\n", 6, ""),
    "not_a_mapping": ("", 1, ""),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_one_bad_file_is_one_error_and_the_rest_run(
    tmp_path: Path, write: Write, case: str
) -> None:
    body, line, field = BAD_FILES[case]
    head = "" if case == "not_a_mapping" else None
    bad = (
        write(body, name="a_bad.govshare.yaml")
        if head is None
        else write("- 1\n", "", "a_bad.govshare.yaml")
    )
    write(BASE, name="b_good.govshare.yaml")
    results = run_paths([tmp_path])
    assert [(r.scenario, r.outcome) for r in results] == [
        ("a_bad.govshare.yaml", "error"),
        ("a", "pass"),
    ]
    p = results[0].problem
    assert p is not None
    assert p.kind == "invalid_file"
    assert p.issues[0].file == str(bad)
    assert (p.issues[0].line, p.issues[0].field) == (line, field)


def test_an_unexpected_exception_is_an_error_result(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, write: Write
) -> None:
    """A bug of govshare itself (here a TypeError planted in the checker) is reported as
    that scenario's ``crash``, with its file and line; the next scenario still runs."""
    import govshare.features.scenarios._run as run_module  # noqa: PLC0415

    calls = []

    def broken(*args: object) -> list[object]:
        calls.append(args)
        if len(calls) == 1:
            raise TypeError("planted")
        return []

    monkeypatch.setattr(run_module, "check", broken)
    path = write(BASE + BASE.replace("name: a", "name: b"))
    results = run_paths([path])
    assert [(r.scenario, r.outcome) for r in results] == [("a", "error"), ("b", "pass")]
    p = results[0].problem
    assert p is not None
    assert (p.kind, p.error, p.detail, p.line) == ("crash", "TypeError", "planted", 5)


def test_results_json_document(tmp_path: Path, write: Write) -> None:
    """The registered shape: the schema id, every result, the counts; a citation is the
    one Source shape (doc, title, number, article, clause, quote, short)."""
    fail = BASE.replace("{not_specified: false}", "{doc: hb-order-419}")
    results = ScenarioResults(
        results=tuple(run_paths([write(BASE + fail.replace("name: a", "name: b"))]))
    )
    doc = to_json(results)
    assert doc["schema"] == "govshare-scenario-results/1"
    assert doc["counts"] == {"pass": 1, "fail": 1, "error": 0}
    assert doc["passed"] is False
    [m] = doc["results"][1]["mismatches"]
    assert (m["path"], m["expected"], m["actual"], m["kind"], m["expectation"]) == (
        "doc",
        "hb-order-419",
        "hb-rules-2021",
        "value",
        "doc",
    )
    # provincial level: 鄂政务办发〔2021〕1号 第十四条(二) sets the provider's reply time
    assert m["citation"]["doc"] == "hb-rules-2021"
    assert (m["citation"]["article"], m["citation"]["clause"]) == ("第十四条", "(二)")
    assert m["citation"]["short"] == "鄂政务办发〔2021〕1号 第十四条(二)"
    assert set(m["citation"]) == {"doc", "title", "number", "article", "clause", "quote", "short"}
