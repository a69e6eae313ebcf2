"""Helpers of the scenario tests: write a scenario file, load it, run it.

Expected dates are counted by hand from the 2026 holiday notice (国庆 10/1-10/7 off, Sat
10/10 worked). Working days after Wed 2026-09-30: 10/8(1) 10/9(2) 10/10 Sat makeup(3)
10/12(4) 10/13(5) 10/14(6) 10/15(7) 10/16(8) 10/19(9) 10/20(10). So Hubei's provincial
5 working days (鄂政务办发〔2021〕1号 第十四条(二)) end on 10/13 and pass at
2026-10-14T00:00+08:00; the order's 10 (第二十条) end on 10/20.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from govshare.features.scenarios import ScenarioResult, load_scenarios, run_scenario

HEAD = "schema: govshare-scenario/1\nprofile: hubei\nlevel: provincial\nscenarios:\n"
SUBMIT = "{at: 2026-09-30T10:00, type: submit, by: 省卫健委}"

Write = Callable[..., Path]
RunOne = Callable[..., ScenarioResult]
ReplayBody = Callable[..., str]


@pytest.fixture
def write(tmp_path: Path) -> Write:
    """``write(body, head=HEAD, name="s.govshare.yaml")``: a scenario file in tmp_path."""

    def make(body: str, head: str = HEAD, name: str = "s.govshare.yaml") -> Path:
        path = tmp_path / name
        path.write_text(head + textwrap.dedent(body), "utf-8")
        return path

    return make


@pytest.fixture
def run_one(write: Write) -> RunOne:
    """``run_one(body, head=HEAD)``: the result of a file's only scenario."""

    def run(body: str, head: str = HEAD) -> ScenarioResult:
        [scenario] = load_scenarios(write(body, head))
        return run_scenario(scenario)

    return run


@pytest.fixture
def replay_body() -> ReplayBody:
    """``replay_body(expect, as_of=..., events=...)``: a provincial Hubei conditional
    application, with ``expect`` (YAML, one level in)."""

    def body(expect: str, *, as_of: str = "2026-10-20", events: str = f"- {SUBMIT}") -> str:
        ev = textwrap.indent(events, " " * 8)
        if expect.startswith("{"):
            exp = f"    expect: {expect}\n"
        else:
            exp = "    expect:\n" + textwrap.indent(textwrap.dedent(expect).strip(), " " * 6) + "\n"
        return (
            f"  - name: case\n    as_of: {as_of}\n    given:\n"
            f"      process: conditional_application\n      events:\n{ev}\n{exp}"
        )

    return body
