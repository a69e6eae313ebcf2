"""The scenario file format: strict loading with file:line errors, nulls refused, finding files.

Working days after Wed 2026-09-30 (2026 holiday notice): 10/8(1) 10/9(2) 10/10 Sat
makeup(3) 10/12(4) 10/13(5); Hubei's provincial 5 working days (第十四条(二)) end on 10/13.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from govshare.errors import DataFileError, InputError
from govshare.features.scenarios import find_scenario_files, load_scenarios

ROOT = Path(__file__).resolve().parents[3]
RUNNER = ROOT / "tests" / "scenarios" / "_runner"
HEAD = "schema: govshare-scenario/1\nprofile: hubei\nlevel: provincial\nscenarios:\n"

Write = Callable[..., Path]


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


# -- strict loading --------------------------------------------------------------------


def load_error(write: Write, body: str, head: str = HEAD) -> DataFileError:
    path = write(body, head)
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
def test_load_errors_name_file_line_and_field(  # noqa: PLR0917 - parametrized
    tmp_path: Path, write: Write, body: str, line: int, field: str, words: str
) -> None:
    if "profiles" in body:
        body = body.replace("  - name: a\n", "  - name: a\n    profile: hubei\n")
        line += 1
    err = load_error(write, body)
    issue = err.issues[0]
    assert (issue.file, issue.line, issue.field) == (str(tmp_path / "s.govshare.yaml"), line, field)
    assert words in issue.message
    assert str(err).startswith(f"{tmp_path / 's.govshare.yaml'}:{line}: {field}:")


def test_no_profile_and_no_level(write: Write) -> None:
    err = load_error(write, BASE, head="scenarios:\n")
    messages = [(i.line, i.message) for i in err.issues]
    assert messages[0][0] == 2
    assert messages[0][1].startswith("no profile")
    assert messages[1][1].startswith("no level")


def test_multi_profile_expectations_must_cover_the_profiles(write: Write) -> None:
    body = """\
          - name: m
            profiles: [hubei, xinzhou]
            as_of: 2026-09-30
            given: {rule: share.conditional.provider_reply}
            expect:
              hubei: {not_specified: false}
              liuzhou: {not_specified: false}
        """
    err = load_error(write, body)
    got = [(i.line, i.field, i.message) for i in err.issues]
    assert got == [
        (11, "scenarios[0].expect.liuzhou", "not one of this scenario's profiles (hubei, xinzhou)"),
        (9, "scenarios[0].expect", "no expectations for profile 'xinzhou'"),
    ]


def test_invalid_yaml(write: Write) -> None:
    err = load_error(write, "  - name: a: b\n")
    assert err.line == 5
    assert "invalid YAML" in str(err)


# -- null where a value is needed: a validation error at its line, never a crash -------

GIVEN_ACCESS = (
    "{requester: 省民政厅, resource: {name: x, provider: 省公安厅, share_type: conditional}}"
)


@pytest.mark.parametrize(
    ("given", "field"),
    [
        (GIVEN_ACCESS.replace("requester: 省民政厅", "requester: null"), "requester"),
        (
            GIVEN_ACCESS.replace(
                "resource: {name: x, provider: 省公安厅, share_type: conditional}", "resource: null"
            ),
            "resource",
        ),
        ("{rule: null}", "rule"),
        ("{process: null, events: []}", "process"),
        ("{process: conditional_application, events: null}", "events"),
        ("{deadline: null, start: 2026-09-30}", "deadline"),
        ("{deadline: share.conditional.provider_reply, start: null}", "start"),
    ],
)
def test_null_in_given_is_a_validation_error(write: Write, given: str, field: str) -> None:
    body = BASE.replace("{rule: share.conditional.provider_reply}", given)
    err = load_error(write, body)
    [issue] = err.issues
    assert (issue.line, issue.field) == (7, f"scenarios[0].given.{field}")
    assert issue.message.startswith("null is not allowed here")


@pytest.mark.parametrize(
    ("expect", "field"),
    [
        ("{cite: null}", "scenarios[0].expect.cite"),
        (
            "{open_duties: [{due: 2026-10-13, cite: null}]}",
            "scenarios[0].expect.open_duties[0].cite",
        ),
    ],
)
def test_cite_null_is_a_validation_error(write: Write, expect: str, field: str) -> None:
    """``cite: null`` used to reach the matcher and raise TypeError (``None in str``)."""
    if "open_duties" in expect:
        body = (
            "  - name: a\n    as_of: 2026-10-09\n    given:\n"
            "      process: conditional_application\n"
            "      events: [{at: 2026-09-30T10:00, type: submit, by: 省卫健委}]\n"
            f"    expect: {expect}\n"
        )
        line = 10
    else:
        body = BASE.replace("{not_specified: false}", expect)
        line = 8
    err = load_error(write, body)
    [issue] = err.issues
    assert (issue.line, issue.field) == (line, field)
    assert "null is not allowed here" in issue.message
    assert str(err).startswith(f"{issue.file}:{line}: {field}: null is not allowed")


@pytest.mark.parametrize("key", ["profile", "profiles", "level"])
def test_null_profile_or_level_of_a_scenario(write: Write, key: str) -> None:
    body = BASE.replace("    as_of", f"    {key}: null\n    as_of")
    err = load_error(write, body)
    [issue] = err.issues
    assert (issue.line, issue.field) == (6, f"scenarios[0].{key}")
    assert "null is not allowed here" in issue.message


def test_nulls_that_mean_none_are_still_allowed(write: Write) -> None:
    """``due: null`` (a step with no time limit), ``on_timeout: null``: as before."""
    body = (
        "  - name: a\n    as_of: 2026-09-30\n    given: " + GIVEN_ACCESS + "\n"
        "    expect: {on_timeout: null, steps: [{due: null}]}\n"
    )
    [s] = load_scenarios(write(body))
    assert s.given.requester == "省民政厅"


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
