"""The pytest plugin: loaded through its entry point, collects scenario files, reports.

Expected dates: working days after Wed 2026-09-30 are 10/8(1) 10/9(2) 10/10 Sat makeup(3)
10/12(4) 10/13(5), so Hubei's provincial 5 working days (第十四条(二)) end on 10/13.
"""

from __future__ import annotations

import importlib.metadata
from pathlib import Path

import pytest

import govshare.features.scenarios
import govshare.pytest_plugin
from govshare import load_profile

pytest_plugins = ["pytester"]

# pytester's in-process runs drop the modules a run imports; importing the runner and
# loading the profiles here keeps them (and the profile cache) across runs.
assert govshare.features.scenarios.DEFAULT_PATTERN == "*.govshare.yaml"
for _name in ("hubei", "xinzhou"):
    load_profile(_name)

#: Options of every inner run: hypothesis's plugin re-imports hypothesis in each in-process
#: run (about a second each) and has nothing to do here.
FAST = ("-p", "no:hypothesispytest", "-p", "no:cacheprovider")


def run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    """An in-process pytest run in the pytester directory."""
    return pytester.runpytest(*FAST, *args)


ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "features" / "fixtures_scenarios"

PASSING = """\
schema: govshare-scenario/1
profile: hubei
level: provincial
scenarios:
  - name: 省级期限
    as_of: 2026-09-30
    given: {deadline: share.conditional.provider_reply, start: 2026-09-30}
    expect: {due: 2026-10-13, cite: 第十四条(二)}
  - name: 三地规则
    profiles: [hubei, xinzhou]
    level: prefectural
    as_of: 2026-09-30
    given: {rule: share.conditional.provider_reply}
    expect: {value: {kind: working_days}}
"""


def test_loaded_through_the_entry_point(request: pytest.FixtureRequest) -> None:
    """The suite itself runs with the plugin that the `pytest11` entry point registers."""
    eps = importlib.metadata.entry_points(group="pytest11")
    [ep] = [e for e in eps if e.name == "govshare"]
    assert ep.value == "govshare.pytest_plugin"
    pm = request.config.pluginmanager
    assert pm.get_plugin("govshare") is govshare.pytest_plugin
    dists = {(plugin, dist.project_name) for plugin, dist in pm.list_plugin_distinfo()}
    assert (govshare.pytest_plugin, "govshare") in dists


def test_a_fresh_pytest_collects_scenarios_only_through_the_entry_point(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The project's own configuration, in a new process, with no `-p` option: the scenario
    files are items; with entry-point plugins turned off they are not."""
    args = [
        "--collect-only",
        "-q",
        *FAST,
        "-c",
        str(ROOT / "pyproject.toml"),
        "--rootdir",
        str(ROOT),
        str(ROOT / "tests" / "scenarios" / "_runner"),
    ]
    result = pytester.runpytest_subprocess(*args)
    result.stdout.fnmatch_lines(["*_runner/forms.govshare.yaml::省级答复期限"])
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")
    result = pytester.runpytest_subprocess(*args)
    assert ".govshare.yaml::" not in result.stdout.str()


def test_pass(pytester: pytest.Pytester) -> None:
    pytester.makefile(".govshare.yaml", checks=PASSING)
    result = run(pytester, "-v")
    result.assert_outcomes(passed=3)
    result.stdout.fnmatch_lines(
        [
            "*checks.govshare.yaml::省级期限 PASSED*",
            "*checks.govshare.yaml::三地规则[[]hubei[]] PASSED*",
            "*checks.govshare.yaml::三地规则[[]xinzhou[]] PASSED*",
        ]
    )


def test_failure_shows_expected_actual_and_citation(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\ngovshare_lang = en\n")
    (pytester.path / "fail.govshare.yaml").write_text(
        (FIXTURES / "failing.scenarios.yaml").read_text("utf-8"), "utf-8"
    )
    result = run(pytester)
    result.assert_outcomes(passed=1, failed=2)
    result.stdout.fnmatch_lines(
        [
            "*scenario failed: *fail.govshare.yaml:8 省级：到期日",
            "fired[0].due",
            "  expected: 2026-10-12",
            "  actual:   2026-10-13",
            "  citation: 鄂政务办发〔2021〕1号 第十四条(二)「*5个工作日*」",
        ]
    )
    result.stdout.fnmatch_lines(["doc", "  expected: hb-rules-2021", "  actual:   xz-2022-3"])
    assert "Traceback" not in result.stdout.str()


def test_failure_in_chinese_by_default(pytester: pytest.Pytester) -> None:
    (pytester.path / "fail.govshare.yaml").write_text(
        (FIXTURES / "failing.scenarios.yaml").read_text("utf-8"), "utf-8"
    )
    result = run(pytester)
    result.stdout.fnmatch_lines(
        ["*场景不符*", "  期望: 2026-10-12", "  实际: 2026-10-13", "  依据: *"]
    )


def test_invalid_file_is_an_error_with_file_and_line(
    pytester: pytest.Pytester,
) -> None:
    """One error item (at set-up), not a collection error: collection goes on."""
    (pytester.path / "bad.govshare.yaml").write_text(
        (FIXTURES / "invalid.scenarios.yaml").read_text("utf-8"), "utf-8"
    )
    result = run(pytester)
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(
        ["*bad.govshare.yaml:9: scenarios[[]0[]].expect.stat: unknown field*"]
    )
    out = result.stdout.str()
    assert "Traceback" not in out
    assert "_yaml.py" not in out


def test_unknown_profile_reports_the_scenario(pytester: pytest.Pytester) -> None:
    pytester.makefile(".govshare.yaml", x=PASSING.replace("profile: hubei", "profile: hubeii"))
    result = run(pytester)
    result.assert_outcomes(passed=2, failed=1)
    result.stdout.fnmatch_lines(
        ["*场景无法运行*", "*x.govshare.yaml:2: 场景「省级期限」：配置「hubeii」无法使用*"]
    )


def test_custom_pattern_from_ini(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\ngovshare_patterns = *.scn.yaml checks/*.yml\n")
    pytester.makefile(".scn.yaml", one=PASSING)
    pytester.makefile(".govshare.yaml", ignored=PASSING.replace("profile: hubei", "profile: x"))
    (pytester.path / "checks").mkdir()
    (pytester.path / "checks" / "two.yml").write_text(PASSING, "utf-8")
    (pytester.path / "other.yml").write_text("not: a scenario\n", "utf-8")
    result = run(pytester)
    result.assert_outcomes(passed=6)


def test_python_tests_unaffected_and_marker(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_plain="def test_one():\n    assert True\n")
    pytester.makefile(".govshare.yaml", checks=PASSING)
    pytester.makefile(".yaml", data="key: value\n")  # an ordinary YAML file is left alone
    result = run(pytester, "--strict-markers")
    result.assert_outcomes(passed=4)
    result = run(pytester, "-m", "not govshare")
    result.assert_outcomes(passed=1, deselected=3)
    result = run(pytester, "-m", "govshare")
    result.assert_outcomes(passed=3, deselected=1)


def test_disabled_with_p_no(pytester: pytest.Pytester) -> None:
    pytester.makefile(".govshare.yaml", checks=PASSING)
    pytester.makepyfile(test_plain="def test_one():\n    assert True\n")
    result = run(pytester, "-p", "no:govshare")
    result.assert_outcomes(passed=1)


def test_yaml_named_on_the_command_line_is_collected(pytester: pytest.Pytester) -> None:
    target = pytester.path / "failing.scenarios.yaml"
    target.write_text((FIXTURES / "failing.scenarios.yaml").read_text("utf-8"), "utf-8")
    result = run(pytester, str(target))
    result.assert_outcomes(passed=1, failed=2)
    result = run(pytester)  # not named: its name does not match the pattern
    result.assert_outcomes()


def test_a_bad_file_does_not_stop_the_others(pytester: pytest.Pytester) -> None:
    """A fuzzer's files (null where a value is needed, not YAML at all) once stopped
    collection; now each is one error naming file, line and field, and the good file runs."""
    pytester.makefile(".govshare.yaml", good=PASSING)
    pytester.makefile(
        ".govshare.yaml",
        nulls=PASSING.replace(
            "{deadline: share.conditional.provider_reply, start: 2026-09-30}",
            "{requester: null, resource: {name: x, provider: y, share_type: conditional}}",
        ),
        broken="scenarios: [\n",
        cite=PASSING.replace("cite: 第十四条(二)", "cite: null"),
    )
    result = run(pytester, "-v")
    result.assert_outcomes(passed=3, errors=3)
    out = result.stdout.str()
    result.stdout.fnmatch_lines_random(
        [
            "*nulls.govshare.yaml:7: scenarios[[]0[]].given.requester: null is not allowed*",
            "*cite.govshare.yaml:8: scenarios[[]0[]].expect.cite: null is not allowed*",
            "*broken.govshare.yaml:1: invalid YAML*",
            "*good.govshare.yaml::省级期限 PASSED*",
        ]
    )
    assert "Traceback" not in out
    assert "AssertionError" not in out
    assert "TypeError" not in out


def test_invalid_file_in_english(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\ngovshare_lang = en\n")
    (pytester.path / "bad.govshare.yaml").write_text(
        (FIXTURES / "invalid.scenarios.yaml").read_text("utf-8"), "utf-8"
    )
    result = run(pytester)
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*scenario could not run: *bad.govshare.yaml:9 bad.govshare.yaml"])
