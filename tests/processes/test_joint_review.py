"""Joint review with many reviewers: a summary of who is still waiting, linear work.

Hubei rules 第十五条(二): every reviewer answers within 5 working days of 2026-09-30
(10/8, 10/9, 10/10, 10/12, 10/13: due 2026-10-13, hand count from 国办发明电〔2025〕7号);
a silent reviewer is deemed to consent at 24:00 that day.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from govshare import load_profile
from govshare._kernel.limits import LIMITS
from govshare.processes import replay
from govshare.processes._compiled import SHOWN, Waiting

HB = load_profile("hubei")


def _case(names: list[str], approving: list[str], as_of: str) -> Any:
    events: list[dict[str, Any]] = [
        {"at": "2026-09-30T10:00", "type": "submit", "by": "省卫健委", "reviewers": names}
    ]
    events += [{"at": "2026-10-09T09:30", "type": "approve", "by": p} for p in approving]
    return replay(HB, "conditional_application", events, as_of=as_of, level="provincial")


def test_few_waiting_are_all_named_in_order() -> None:
    """Up to SHOWN reviewers waiting: every one is named, in the order given."""
    names = ["甲", "乙", "丙", "丁"]
    st = _case(names, ["丙", "甲"], "2026-10-12")
    notes = [s.note for s in st.trace[1:]]
    assert [(n.zh, n.en) for n in notes if n is not None] == [
        ("丙已办理；等待甲、乙、丁", "丙 done; waiting for 甲, 乙, 丁"),
        ("甲已办理；等待乙、丁", "甲 done; waiting for 乙, 丁"),
    ]
    assert SHOWN >= 3


def test_many_waiting_are_summarised() -> None:
    """Over SHOWN waiting: the first three still waiting and how many in all."""
    names = [f"部门{i}" for i in range(10)]
    st = _case(names, ["部门0", "部门2"], "2026-10-12")
    first, second = st.trace[1].note, st.trace[2].note
    assert first is not None
    assert second is not None
    assert first.zh == "部门0已办理；等待部门1、部门2、部门3等9个审核方"
    assert second.en == "部门2 done; waiting for 部门1, 部门3, 部门4 and 5 others (8 reviewers)"


def test_the_most_reviewers_a_log_may_name() -> None:
    """LIMITS.reviewers (1,000) reviewers: all but the last approve; the last is deemed to
    consent after 2026-10-13. Each step's note stays short (no list of everyone still
    waiting), so the trace is linear in the reviewers."""
    n = LIMITS.reviewers
    names = [f"部门{i}" for i in range(n)]
    st = _case(names, names[:-1], "2026-10-20")
    assert st.state == "authorized"
    assert [(f.kind, f.party) for f in st.fired] == [("deemed_consent", f"部门{n - 1}")]
    assert st.fired[0].due == dt.date(2026, 10, 13)
    assert len(st.trace) == n + 1
    assert max(len(s.note.en) for s in st.trace if s.note is not None) < 120
    assert st.trace[-2].note is not None
    assert st.trace[-2].note.en == f"部门{n - 2} done; waiting for 部门{n - 1}"
    assert [d.outcome for d in st.duties].count("done") == n - 1


def test_all_silent_each_deemed_in_order() -> None:
    """Nobody answers: every reviewer is deemed to consent at the same instant, in the
    order named, and the case is authorized once the last one is."""
    names = [f"部门{i}" for i in range(500)]
    st = _case(names, [], "2026-10-14")
    assert st.state == "authorized"
    assert [f.party for f in st.fired] == names
    end = dt.datetime(2026, 10, 14, tzinfo=st.fired[0].at.tzinfo)
    assert {f.at for f in st.fired} == {end}


def test_waiting_queue() -> None:
    """The union-find queue: done in any order, first(k) in the order given."""
    names = ["a", "b", "c", "d", "e"]
    q = Waiting(names, {p: i for i, p in enumerate(names)})
    for p in ("b", "a", "b", "x", "e"):
        q.done(p)
    assert (q.left, q.first(5)) == (2, ["c", "d"])
    q.done("c")
    q.done("d")
    assert (q.left, q.first(5)) == (0, [])
