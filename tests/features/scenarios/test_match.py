"""Comparing results with expectations: each kind of mismatch, citations, list matching.

Working days after Wed 2026-09-30 (2026 holiday notice): 10/8(1) 10/9(2) 10/10 Sat
makeup(3) 10/12(4) 10/13(5) ... 10/20(10). Hubei's provincial 5 working days (鄂政务办发
〔2021〕1号 第十四条(二)) end on 10/13 and pass at 2026-10-14T00:00+08:00; the
prefectural 10 (湖北省人民政府令第419号 第二十条) end on 10/20.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govshare.features.scenarios import NO_ITEM, ScenarioResult
from govshare.features.scenarios._match import _max_pairing

RunOne = Callable[..., ScenarioResult]
ReplayBody = Callable[..., str]


def test_pass(run_one: RunOne, replay_body: ReplayBody) -> None:
    r = run_one(
        replay_body(
            """
            state: authorized
            terminal: true
            deemed_consent: true
            fired: [{kind: deemed_consent, due: 2026-10-13, at: 2026-10-14T00:00+08:00}]
            """
        ),
    )
    assert r.outcome == "pass", r.mismatches
    assert r.mismatches == ()


def test_scalar_mismatch_with_citation(run_one: RunOne, replay_body: ReplayBody) -> None:
    r = run_one(replay_body("state: provider_review\nterminal: false"))
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


def test_list_field_mismatch_names_item_and_field(run_one: RunOne, replay_body: ReplayBody) -> None:
    r = run_one(replay_body("fired: [{kind: deemed_consent, due: 2026-10-12}]"))
    [m] = r.mismatches
    assert (m.path, m.expected, m.actual) == ("fired[0].due", "2026-10-12", "2026-10-13")
    assert m.citation is not None
    assert m.citation.article == "第十四条"
    assert m.citation.clause == "(二)"
    assert m.citation.quote is not None
    assert "5个工作日" in m.citation.quote
    assert (m.kind, m.expectation) == ("value", "fired")


def test_missing_item(run_one: RunOne, replay_body: ReplayBody) -> None:
    r = run_one(replay_body("fired: [{kind: deemed_consent}, {kind: overdue}]"))
    [m] = r.mismatches
    assert m.path == "fired[1]"
    assert m.expected == {"kind": "overdue"}
    assert m.actual == "(none)" == NO_ITEM
    assert m.kind == "missing"


def test_extra_item(run_one: RunOne, replay_body: ReplayBody) -> None:
    """`[]` means none: the overdue violation recorded with the deemed consent is extra."""
    r = run_one(replay_body("violations: []"))
    [m] = r.mismatches
    assert m.path == "violations[0]"
    assert m.expected == "(none)"
    assert m.kind == "extra"
    assert m.actual["kind"] == "overdue"
    assert m.actual["due"] == "2026-10-13"
    assert m.actual["cite"] == "鄂政务办发〔2021〕1号 第十四条(二)"
    assert m.citation is not None
    assert m.citation.doc == "hb-rules-2021"


def test_list_order_does_not_matter(run_one: RunOne, replay_body: ReplayBody) -> None:
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
    r = run_one(replay_body(expect, as_of="2026-10-09", events=events))
    assert r.outcome == "pass", r.mismatches


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
def test_instants_compare_as_instants(
    run_one: RunOne, replay_body: ReplayBody, at: str, outcome: str
) -> None:
    r = run_one(replay_body(f"fired: [{{at: {at}}}]"))
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
def test_cite_matching(run_one: RunOne, replay_body: ReplayBody, cite: str, outcome: str) -> None:
    r = run_one(replay_body(f"violations: [{{cite: {cite}}}]"))
    assert r.outcome == outcome


def test_trace_cites(run_one: RunOne, replay_body: ReplayBody) -> None:
    ok = run_one(replay_body("trace_cites: [第二十条, 第十四条(二)]"))
    assert ok.outcome == "pass"
    r = run_one(replay_body("trace_cites: [第二十条, 第九十九条]"))
    [m] = r.mismatches
    assert m.path == "trace_cites[1]"
    assert m.expected == "第九十九条"
    assert "湖北省人民政府令第419号 第二十条" in m.actual


def test_prefectural_open_duty(run_one: RunOne, replay_body: ReplayBody) -> None:
    body = replay_body(
        "open_duties: [{actor: provider, due: 2026-10-20, overdue: false, period: 10个工作日}]",
        as_of="2026-10-15",
    ).replace("    as_of:", "    level: prefectural\n    as_of:")
    assert run_one(body).outcome == "pass"
    wrong = body.replace("period: 10个工作日", "period: 5个工作日")
    [m] = run_one(wrong).mismatches
    assert m.path == "open_duties[0].period"
    assert m.expected == "5个工作日"
    assert m.citation is not None
    assert m.citation.article == "第二十条"


def test_access_mismatch(run_one: RunOne, replay_body: ReplayBody) -> None:
    body = """\
          - name: 负面清单
            as_of: 2026-09-30
            given:
              requester: 省民政厅
              resource: {name: 涉密数据, provider: 省公安厅, share_type: not_shared,
                         legal_basis: 保密法, negative_list: true}
            expect: {path: application, steps: [{cite: 第二十三条}]}
        """
    r = run_one(body)
    [m] = r.mismatches
    assert (m.path, m.expected, m.actual) == ("path", "application", "not_shareable")


def test_rule_value_mismatch(run_one: RunOne, replay_body: ReplayBody) -> None:
    body = """\
          - name: 规则
            as_of: 2026-09-30
            given: {rule: share.conditional.provider_reply}
            expect: {value: {kind: working_days, n: 10}, doc: hb-order-419}
        """
    r = run_one(body)
    assert [(m.path, m.expected, m.actual) for m in r.mismatches] == [
        ("value.n", 10, 5),
        ("doc", "hb-order-419", "hb-rules-2021"),
    ]
    assert r.mismatches[0].citation is not None
    assert r.mismatches[0].citation.short == "鄂政务办发〔2021〕1号 第十四条(二)"


def test_deadline_mismatch(run_one: RunOne, replay_body: ReplayBody) -> None:
    body = """\
          - name: 期限
            level: prefectural
            as_of: 2026-09-30
            given: {deadline: share.conditional.provider_reply, start: 2026-09-30}
            expect: {due: 2026-10-13, end_instant: 2026-10-21T00:00+08:00, period: 10 working days}
        """
    r = run_one(body)
    [m] = r.mismatches
    assert (m.path, m.expected, m.actual) == ("due", "2026-10-13", "2026-10-20")
    assert m.citation is not None
    assert m.citation.doc == "hb-order-419"


def test_state_mismatch_carries_the_profiles_labels(
    run_one: RunOne, replay_body: ReplayBody
) -> None:
    """The state ids are labelled from the profile's process (for the Chinese report)."""
    r = run_one(replay_body("state: provider_review"))
    [m] = r.mismatches
    # the state names of the profile's conditional_application process
    assert m.expected_label is not None
    assert m.actual_label is not None
    assert (m.expected_label.zh, m.expected_label.en) == ("提供部门审核", "provider review")
    assert (m.actual_label.zh, m.actual_label.en) == ("已授权", "authorized")


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
