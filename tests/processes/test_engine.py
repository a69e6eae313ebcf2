"""The replay engine: its generic behaviour on a small made-up reference profile
(tests/fixtures/reference.yaml, citing the synthetic tests/fixtures/reference_law.txt), and
Hubei's conditional application (layered rules, joint and delegated review).

Expected dates are counted by hand from 国办发明电〔2025〕7号 (2026): Oct 1-7 rest (国庆),
Sat Oct 10 a make-up working day. Working days after Wed 2026-09-30: Oct 8 (1), Oct 9 (2),
Oct 10 (3), Oct 12 (4), Oct 13 (5), Oct 14 (6), Oct 15 (7), Oct 16 (8), Oct 19 (9), Oct 20 (10).
The reference profile's provider replies within 3 working days: due Sat Oct 10 (a make-up
working day), deadline 2026-10-11T00:00 Asia/Shanghai (2026-10-10T16:00Z).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, ClassVar

import pytest

from govshare import load_profile
from govshare._kernel.dates import SHANGHAI
from govshare.errors import InputError
from govshare.processes import (
    Event,
    EventLogError,
    EventNotAllowedError,
    EventOrderError,
    MissingEventFieldError,
    MixedTimezoneError,
    UnknownEventError,
    replay,
)

FIXTURES = Path(__file__).parents[1] / "fixtures"
HB = load_profile("hubei")
REF = load_profile(FIXTURES / "reference.yaml")
SUBMIT: dict[str, Any] = {"at": "2026-09-30T10:00", "type": "submit", "by": "省卫健委"}


def _at(day: str) -> dt.datetime:
    return dt.datetime.fromisoformat(day).replace(tzinfo=SHANGHAI)


def run(events: list[Any], as_of: str, level: str = "provincial") -> Any:
    return replay(HB, "conditional_application", events, as_of=as_of, level=level)


def ref(events: list[Any], as_of: str, level: str = "provincial") -> Any:
    """Replay the reference profile's conditional application."""
    return replay(REF, "conditional_application", events, as_of=as_of, level=level)


def test_the_reference_profile_quotes_its_synthetic_text_verbatim() -> None:
    """Every quote of the reference profile is in tests/fixtures/reference_law.txt."""
    law = (FIXTURES / "reference_law.txt").read_text("utf-8")
    quotes = [e.quote for entries in REF.model.rules.values() for e in entries]
    assert quotes
    assert all(q is not None and q in law for q in quotes)


def test_no_reply_is_deemed_consent_once_the_due_day_has_ended() -> None:
    """3 working days from Wed 9/30: Oct 8, Oct 9, Sat Oct 10 (make-up) -> due Oct 10;
    deemed consent at Oct 11 00:00 (第四条)."""
    on_due_day = ref([SUBMIT], "2026-10-10")
    assert on_due_day.state == "provider_review"
    (duty,) = on_due_day.open_duties
    assert (duty.actor, duty.due) == ("provider", dt.date(2026, 10, 10))
    assert duty.end_instant == _at("2026-10-11T00:00")
    assert not duty.overdue
    assert not on_due_day.deemed_consent

    after = ref([SUBMIT], "2026-10-11")
    assert (after.state, after.terminal, after.deemed_consent) == ("authorized", True, True)
    (fired,) = after.fired
    assert (fired.kind, fired.at, fired.due) == (
        "deemed_consent",
        _at("2026-10-11T00:00"),
        dt.date(2026, 10, 10),
    )
    assert (fired.source.doc, fired.source.article) == ("ref-law", "第三条")
    assert fired.outcome_source is not None
    assert fired.outcome_source.article == "第四条"
    last = after.trace[-1]
    assert (last.index, last.event, last.to_state) == (None, "deemed_consent", "authorized")
    assert last.label.zh == "逾期视为同意，自动授权"
    assert last.note is not None
    assert last.note.code == "process.no_reply"
    assert last.note.en == "provider: no reply by 2026-10-10"
    assert last.note.zh == "提供部门：未在2026-10-10前答复"
    (violation,) = after.violations
    assert (violation.kind, violation.consequence) == ("overdue", "deemed_consent")
    assert violation.late_working_days is None
    assert violation.message.code == "process.overdue"
    assert violation.message.zh == "提供部门未在2026-10-10前办理（3个工作日）"


def test_a_reply_in_time_authorizes_with_no_timer_fired() -> None:
    """A reply at 23:59 on the due day (Sat Oct 10, a make-up working day) is in time."""
    st = ref([SUBMIT, {"at": "2026-10-10T23:59", "type": "approve"}], "2026-10-20")
    assert st.state == "authorized"
    assert (st.fired, st.violations) == ((), ())
    assert [s.event for s in st.trace] == ["submit", "approve"]
    (record,) = st.duties
    assert (record.outcome, record.ended) == ("done", _at("2026-10-10T23:59"))


def test_the_unconditional_process_needs_no_review() -> None:
    """第二条: unconditional data is obtained directly, no timer."""
    st = replay(
        REF,
        "unconditional_access",
        [{"at": "2026-10-09", "type": "obtain"}],
        as_of="2026-10-09",
        level="prefectural",
    )
    assert (st.state, st.terminal, st.open_duties) == ("obtained", True, ())
    assert st.trace[0].source is not None
    assert st.trace[0].source.article == "第二条"


def test_provincial_no_reply_is_deemed_consent_after_oct_13_ends() -> None:
    """Rules 第十四条(二): 5 working days -> due Oct 13; consent when Oct 13 has ended."""
    on_due_day = run([SUBMIT], "2026-10-13")
    assert on_due_day.state == "provider_review"
    (duty,) = on_due_day.open_duties
    assert duty.due == dt.date(2026, 10, 13)
    assert duty.end_instant == _at("2026-10-14T00:00")
    assert not duty.overdue
    assert not on_due_day.deemed_consent

    after = run([SUBMIT], "2026-10-14")
    assert after.state == "authorized"
    assert after.terminal
    assert after.deemed_consent
    (fired,) = after.fired
    assert fired.at == _at("2026-10-14T00:00")
    assert fired.due == dt.date(2026, 10, 13)
    assert (fired.source.doc, fired.source.article, fired.source.clause) == (
        "hb-rules-2021",
        "第十四条",
        "(二)",
    )
    assert fired.outcome_source is not None
    assert "视为同意" in (fired.outcome_source.quote or "")
    last = after.trace[-1]
    assert (last.index, last.event, last.to_state) == (None, "deemed_consent", "authorized")
    (violation,) = after.violations
    assert violation.consequence == "deemed_consent"
    assert violation.late_working_days is None


def test_prefectural_level_counts_ten_days_under_order_419() -> None:
    """Order 419 第二十条: 10 working days -> due Oct 20; consent from Oct 21 00:00."""
    assert run([SUBMIT], "2026-10-20", level="prefectural").state == "provider_review"
    late = run([SUBMIT], "2026-10-21", level="prefectural")
    assert late.state == "authorized"
    assert late.fired[0].due == dt.date(2026, 10, 20)
    assert late.fired[0].source.article == "第二十条"


def test_a_reply_at_the_end_instant_is_too_late() -> None:
    """24:00 of Oct 10 is 00:00 of Oct 11: the deadline has passed by then, so the reply
    comes after the deemed consent: recorded with a finding, the state unchanged (issue 18;
    the profile's reading on replies after deemed consent)."""
    events = [SUBMIT, {"at": "2026-10-11T00:00", "type": "approve"}]
    st = ref(events, "2026-10-20")
    assert st.state == "authorized"
    assert [f.kind for f in st.fired] == ["deemed_consent"]
    (finding,) = st.findings
    assert finding.event_index == 1
    assert finding.rule == "share.conditional.on_reply_timeout"
    assert finding.source == st.fired[0].outcome_source
    last = st.trace[-1]
    assert (last.index, last.from_state, last.to_state) == (1, "authorized", "authorized")


def test_an_act_after_an_authorization_still_raises() -> None:
    """Only an answer after deemed consent is recorded; other acts in an ended case are
    still errors (the case ended by the platform's act, not by the law)."""
    events = [
        SUBMIT,
        {"at": "2026-10-09T10:00", "type": "approve"},
        {"at": "2026-10-09T11:00", "type": "authorize"},
        {"at": "2026-10-09T12:00", "type": "approve"},
    ]
    with pytest.raises(EventNotAllowedError) as err:
        run(events, "2026-10-20")
    assert (err.value.index, err.value.state, err.value.allowed) == (3, "authorized", ())


def test_reply_in_time_then_authorization() -> None:
    events = [
        SUBMIT,
        {"at": "2026-10-13T23:59", "type": "approve", "by": "省公安厅"},
        {"at": "2026-10-14T09:00", "type": "authorize"},
    ]
    st = run(events, "2026-10-30")
    assert st.state == "authorized"
    assert not st.fired
    assert not st.violations
    assert [s.event for s in st.trace] == ["submit", "approve", "authorize"]
    assert st.trace[2].source is not None
    assert st.trace[2].source.clause == "(三)"


def test_refusal_needs_reasons() -> None:
    events = [SUBMIT, {"at": "2026-10-09", "type": "refuse"}]
    with pytest.raises(MissingEventFieldError) as err:
        ref(events, "2026-10-20")
    assert (err.value.index, err.value.field) == (1, "reasons")
    assert "第三条" in str(err.value)


def test_refusal_then_escalation_under_the_rules() -> None:
    """Rules 第十九条: negotiate, then the provincial office coordinates."""
    events = [
        SUBMIT,
        {"at": "2026-10-09", "type": "refuse", "by": "省公安厅", "reasons": "涉密"},
        {"at": "2026-10-12", "type": "negotiate"},
        {"at": "2026-10-15", "type": "request_coordination"},
        {"at": "2026-10-20", "type": "coordination_grants"},
    ]
    st = run(events, "2026-10-21")
    assert st.state == "approved"
    assert st.trace[2].source is not None
    assert st.trace[2].source.article == "第十九条"


def test_order_419_has_no_negotiation_step() -> None:
    """Order 第二十条 goes straight to coordination; negotiate is not in its path."""
    events = [
        SUBMIT,
        {"at": "2026-10-09", "type": "refuse", "by": "市公安局", "reasons": "涉密"},
        {"at": "2026-10-12", "type": "negotiate"},
    ]
    with pytest.raises(EventNotAllowedError) as err:
        run(events, "2026-10-21", level="prefectural")
    assert err.value.allowed == ("request_coordination",)


class TestJointReview:
    """Rules 第十五条(二), with the profile's reading: deemed consent per reviewer."""

    JOINT: ClassVar[dict[str, Any]] = {**SUBMIT, "reviewers": ["省大数据中心", "省民政厅"]}

    def test_one_refusal_refuses(self) -> None:
        events = [
            self.JOINT,
            {"at": "2026-10-09", "type": "approve", "by": "省大数据中心"},
            {"at": "2026-10-12", "type": "refuse", "by": "省民政厅", "reasons": "隐私"},
        ]
        st = run(events, "2026-10-20")
        assert st.state == "refused"
        assert not st.fired

    def test_approval_waits_for_every_reviewer(self) -> None:
        events = [self.JOINT, {"at": "2026-10-09", "type": "approve", "by": "省大数据中心"}]
        st = run(events, "2026-10-13")
        assert st.state == "provider_review"
        assert [d.party for d in st.open_duties] == ["省民政厅"]
        assert st.open_duties[0].due == dt.date(2026, 10, 13)

    def test_silent_reviewer_is_deemed_to_consent(self) -> None:
        events = [self.JOINT, {"at": "2026-10-09", "type": "approve", "by": "省大数据中心"}]
        st = run(events, "2026-10-14")
        assert st.state == "authorized"
        assert [(f.kind, f.party) for f in st.fired] == [("deemed_consent", "省民政厅")]

    def test_all_silent_each_deemed(self) -> None:
        st = run([self.JOINT], "2026-10-14")
        assert st.state == "authorized"
        assert sorted(f.party or "" for f in st.fired) == ["省大数据中心", "省民政厅"]

    def test_reviewer_must_be_named_and_listed(self) -> None:
        with pytest.raises(MissingEventFieldError):
            run([self.JOINT, {"at": "2026-10-09", "type": "approve"}], "2026-10-10")
        with pytest.raises(Exception, match="not a reviewer"):
            run([self.JOINT, {"at": "2026-10-09", "type": "approve", "by": "X"}], "2026-10-10")
        twice = [
            self.JOINT,
            {"at": "2026-10-09", "type": "approve", "by": "省民政厅"},
            {"at": "2026-10-09", "type": "approve", "by": "省民政厅"},
        ]
        with pytest.raises(Exception, match="already answered"):
            run(twice, "2026-10-10")


def test_delegated_review_where_the_rules_allow_it() -> None:
    """Rules 第十五条: the data centre may review on the provider's behalf (provincial)."""
    events = [
        SUBMIT,
        {"at": "2026-10-09", "type": "approve", "by": "省大数据中心", "on_behalf_of": "省公安厅"},
    ]
    st = run(events, "2026-10-10")
    assert st.state == "approved"
    assert st.trace[1].note is not None
    assert st.trace[1].note.en == "on behalf of 省公安厅"
    with pytest.raises(EventNotAllowedError, match="on behalf"):
        run(events, "2026-10-10", level="prefectural")  # the order has no delegation


class TestBadLogs:
    def test_unknown_event_type(self) -> None:
        with pytest.raises(UnknownEventError) as err:
            ref([{"at": "2026-09-30", "type": "approuve"}], "2026-10-01")
        assert err.value.index == 0
        assert "approve" in err.value.known

    def test_event_not_allowed_lists_what_is(self) -> None:
        with pytest.raises(EventNotAllowedError) as err:
            ref([{"at": "2026-09-30", "type": "approve"}], "2026-10-01")
        assert (err.value.index, err.value.state, err.value.allowed) == (0, "start", ("submit",))

    def test_time_going_backwards(self) -> None:
        events = [SUBMIT, {"at": "2026-09-29", "type": "approve"}]
        with pytest.raises(EventOrderError) as err:
            ref(events, "2026-10-01")
        assert err.value.index == 1

    def test_naive_and_aware_mixed(self) -> None:
        events = [SUBMIT, {"at": "2026-10-09T09:00+08:00", "type": "approve"}]
        with pytest.raises(MixedTimezoneError) as err:
            ref(events, "2026-10-10")
        assert err.value.index == 1
        assert "events[0]" in str(err.value)

    def test_aware_times_are_converted_to_shanghai(self) -> None:
        """2026-10-10T16:30Z is 2026-10-11T00:30 in Shanghai: after the deadline; 15:30Z
        (23:30 in Shanghai) is still in time."""
        in_time = [
            {"at": "2026-09-30T02:00Z", "type": "submit"},
            {"at": "2026-10-10T15:30Z", "type": "approve"},
        ]
        assert ref(in_time, "2026-10-20").state == "authorized"
        events = [
            {"at": "2026-09-30T02:00Z", "type": "submit"},
            {"at": "2026-10-10T16:30Z", "type": "approve"},
        ]
        late = ref(events, "2026-10-20")  # after the deemed consent: a finding, no new state
        assert (late.state, [f.event_index for f in late.findings]) == ("authorized", [1])

    def test_bad_timestamp_names_the_event(self) -> None:
        with pytest.raises(Exception, match=r"events\[0\]"):
            ref([{"at": "30/09/2026", "type": "submit"}], "2026-10-01")

    def test_malformed_event_names_index_and_field(self) -> None:
        with pytest.raises(EventLogError, match=r"events\[1\] \(approve\): colour") as err:
            ref([SUBMIT, {"at": "2026-10-09", "type": "approve", "colour": "red"}], "2026-10-10")
        assert err.value.index == 1

    def test_unknown_process_and_level(self) -> None:
        with pytest.raises(InputError, match="conditional_application"):
            replay(REF, "nope", [], as_of="2026-10-01", level="provincial")
        with pytest.raises(InputError, match="level"):
            replay(REF, "conditional_application", [], as_of="2026-10-01", level="city")


def test_events_after_as_of_are_ignored_and_event_objects_accepted() -> None:
    events = [
        Event(at=dt.datetime(2026, 9, 30, 10, 0), type="submit"),
        Event(at=dt.date(2026, 10, 9), type="refuse", reasons="x"),
    ]
    assert ref(events, "2026-10-08").state == "provider_review"
    assert ref(events, "2026-10-09").state == "refused"


def test_unconditional_access_path_depends_on_the_rule_in_force() -> None:
    """Rules 第十四条: filing first (provincial); order 第二十条: direct (prefectural)."""
    direct = [{"at": "2026-10-09", "type": "obtain"}]
    assert (
        replay(HB, "unconditional_access", direct, as_of="2026-10-09", level="prefectural").state
        == "obtained"
    )
    with pytest.raises(EventNotAllowedError) as err:
        replay(HB, "unconditional_access", direct, as_of="2026-10-09", level="provincial")
    assert err.value.allowed == ("file",)


def test_a_deadline_of_a_state_entered_by_deemed_consent_fires_before_the_next_event() -> None:
    """Chainland (a test profile): 2 working days to reply, then 2 for the platform.

    Submitted Wed 2026-09-30: reply due Oct 9 (Oct 8, 9), deemed consent at Oct 10 00:00.
    The platform's 2 days run from Sat Oct 10 (a make-up working day, not counted): Oct 12,
    Oct 13 -> due Oct 13. Authorized on Oct 20: late Oct 14, 15, 16, 19, 20 = 5 working days.
    """
    chain = load_profile(Path(__file__).parent / "chainland.yaml")
    events = [
        {"at": "2026-09-30T10:00", "type": "submit"},
        {"at": "2026-10-20T10:00", "type": "authorize"},
    ]
    st = replay(chain, "chain", events, as_of="2026-10-21", level="provincial")
    assert st.state == "done"
    assert [(f.kind, f.due) for f in st.fired] == [
        ("deemed_consent", dt.date(2026, 10, 9)),
        ("overdue", dt.date(2026, 10, 13)),
    ]
    late = st.violations[-1]
    assert (late.actor, late.late_working_days, late.ongoing) == ("platform", 5, False)


class TestDutyHistory:
    """``ProcessStatus.duties`` keeps every duty, open or ended, with how it ended."""

    def test_deemed_consent_ends_the_providers_duty(self) -> None:
        # Wed 9/30 + 5 working days: 10/8, 10/9, 10/10 (Sat makeup), 10/12, 10/13.
        (duty,) = run([SUBMIT], "2026-10-20").duties
        assert (duty.actor, duty.due, duty.outcome) == (
            "provider",
            dt.date(2026, 10, 13),
            "deemed_consent",
        )
        assert duty.ended == _at("2026-10-14T00:00")
        assert duty.source.clause == "(二)"

    def test_open_then_done_then_late(self) -> None:
        (open_duty,) = run([SUBMIT], "2026-10-09").duties
        assert (open_duty.outcome, open_duty.ended) == ("open", None)
        reply = {"at": "2026-10-12T09:00", "type": "approve", "by": "省公安厅"}
        first, *_ = run([SUBMIT, reply], "2026-10-20").duties
        assert (first.outcome, first.ended) == ("done", _at("2026-10-12T09:00"))

    def test_xinzhou_platform_then_provider_overdue(self) -> None:
        # Platform: 2 working days from Wed 9/30 -> 10/8, 10/9. Forwarded 10/9 15:00;
        # provider: 5 working days from 10/9 -> 10/10 (Sat makeup), 10/12, 10/13, 10/14, 10/15.
        xz = load_profile("xinzhou")
        events = [SUBMIT, {"at": "2026-10-09T15:00", "type": "forward"}]
        st = replay(xz, "conditional_application", events, as_of="2026-10-20", level="prefectural")
        platform, provider = st.duties
        assert (platform.actor, platform.due, platform.outcome) == (
            "platform",
            dt.date(2026, 10, 9),
            "done",
        )
        assert (provider.actor, provider.due, provider.outcome) == (
            "provider",
            dt.date(2026, 10, 15),
            "overdue",
        )
        assert provider.ended is None

    def test_xinzhou_provider_answering_after_the_due_day_is_late(self) -> None:
        xz = load_profile("xinzhou")
        events = [
            SUBMIT,
            {"at": "2026-10-09T15:00", "type": "forward"},
            {"at": "2026-10-19T09:00", "type": "approve", "by": "市公安局"},
        ]
        st = replay(xz, "conditional_application", events, as_of="2026-10-20", level="prefectural")
        provider = st.duties[1]
        assert (provider.due, provider.outcome) == (dt.date(2026, 10, 15), "late")
        assert provider.ended == _at("2026-10-19T09:00")
