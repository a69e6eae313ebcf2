"""Xinzhou processes (忻政办发〔2022〕3号): replayed event logs with hand-worked due dates.

Dates are worked by hand from the official 2026 arrangement (国办发明电〔2025〕7号): 中秋
Sep 25-27 off; 国庆 Oct 1-7 off; Sat Oct 10 a make-up working day; 春节 Feb 15-23 off,
Sat Feb 14 and Sat Feb 28 worked. Working days after Wed 2026-09-30: #1 Oct 8, #2 Oct 9,
#3 Oct 10 (Sat), #4 Oct 12, #5 Oct 13, #6 Oct 14, #7 Oct 15, #8 Oct 16, #9 Oct 19,
#10 Oct 20, #11 Oct 21, #12 Oct 22, #13 Oct 23, #14 Oct 26, #15 Oct 27. A period of N
working days from day D ends at 24:00 of the Nth working day after D.
"""

from __future__ import annotations

import datetime as dt

import pytest

from govshare import load_profile
from govshare.processes import (
    EventNotAllowedError,
    MissingEventFieldError,
    ProcessStatus,
    replay,
)
from govshare.profiles import JurisdictionProfile

D = dt.date
LEVEL = "prefectural"


@pytest.fixture(scope="module")
def xz() -> JurisdictionProfile:
    return load_profile("xinzhou")


def run(
    prof: JurisdictionProfile,
    process: str,
    events: list[dict[str, object]],
    as_of: str,
    level: str = LEVEL,
) -> ProcessStatus:
    return replay(prof, process, events, as_of=as_of, level=level)


SUBMIT = {"at": "2026-09-30T10:00", "type": "submit"}
FORWARD = {"at": "2026-10-09T15:00", "type": "forward"}


class TestConditionalApplication:
    """五(三)2: platform 2 working days from submission, provider 5 from forwarding."""

    def test_the_hubei_log_no_reply_is_overdue_not_deemed_consent(
        self, xz: JurisdictionProfile
    ) -> None:
        """Submitted Sep 30, forwarded Oct 9 (the platform's 2nd working day: Oct 8, Oct 9).

        Provider due: 5th working day after Oct 9 = Oct 10 (Sat, make-up), Oct 12, 13, 14,
        15 -> 2026-10-15. At 2026-10-20 there is no reply: still in review, one overdue timer
        (no deemed consent: the text is silent), late Oct 16, 19, 20 = 3 working days.
        """
        st = run(xz, "conditional_application", [SUBMIT, FORWARD], "2026-10-20")
        assert st.state == "provider_review"
        assert not st.terminal
        assert not st.deemed_consent
        assert [f.kind for f in st.fired] == ["overdue"]
        assert st.fired[0].due == D(2026, 10, 15)
        assert st.fired[0].actor == "provider"
        assert st.fired[0].outcome_source is None
        (v,) = st.violations
        assert (v.kind, v.actor, v.rule) == (
            "overdue",
            "provider",
            "share.conditional.provider_reply",
        )
        assert v.due == D(2026, 10, 15)
        assert v.ongoing
        assert v.late_working_days == 3
        assert v.source.article == "五"
        assert v.source.clause == "(三)2"
        (duty,) = st.open_duties
        assert duty.due == D(2026, 10, 15)
        assert duty.overdue
        assert duty.started.date() == D(2026, 10, 9)  # from forwarding, not submission

    def test_happy_path_forward_approve_obtain(self, xz: JurisdictionProfile) -> None:
        """Forwarded Oct 9 (due Oct 9), approved Oct 15 (due Oct 15): no violation."""
        events = [
            SUBMIT,
            FORWARD,
            {"at": "2026-10-15T17:30", "type": "approve", "by": "市公安局"},
            {"at": "2026-10-16T09:00", "type": "obtain"},
        ]
        st = run(xz, "conditional_application", events, "2026-10-30")
        assert st.state == "obtained"
        assert st.terminal
        assert st.violations == ()
        assert st.fired == ()
        assert st.open_duties == ()
        assert [t.event for t in st.trace] == ["submit", "forward", "approve", "obtain"]
        assert st.trace[2].source is not None
        assert st.trace[2].source.quote == "提供部门应在５个工作日内予以答复"
        assert st.trace[3].source is not None
        assert st.trace[3].source.quote == "使用部门按照答复意见使用共享数据资源"

    def test_platform_duty_runs_while_in_platform_review(self, xz: JurisdictionProfile) -> None:
        """Submitted Sep 30: the platform's 2 working days end Oct 9 (Oct 8, Oct 9)."""
        st = run(xz, "conditional_application", [SUBMIT], "2026-10-09")
        assert st.state == "platform_review"
        (duty,) = st.open_duties
        assert (duty.actor, duty.due, duty.overdue) == ("platform", D(2026, 10, 9), False)
        assert st.violations == ()

    def test_late_forwarding_then_provider_period_from_the_forwarding(
        self, xz: JurisdictionProfile
    ) -> None:
        """Platform due Oct 9; forwarded Mon Oct 12: late Oct 10 (Sat), Oct 12 = 2 days.

        The provider's 5 working days then run from Oct 12: Oct 13, 14, 15, 16, 19 -> due
        Oct 19; approved Oct 19 is on time.
        """
        events = [
            SUBMIT,
            {"at": "2026-10-12T11:00", "type": "forward"},
            {"at": "2026-10-19T23:59", "type": "approve"},
        ]
        st = run(xz, "conditional_application", events, "2026-10-30")
        assert st.state == "approved"
        (v,) = st.violations
        assert (v.actor, v.due, v.late_working_days, v.ongoing) == (
            "platform",
            D(2026, 10, 9),
            2,
            False,
        )
        assert v.rule == "share.conditional.platform_review"

    def test_late_approval_ends_the_violation(self, xz: JurisdictionProfile) -> None:
        """Provider due Oct 15; approved Mon Oct 19: late Oct 16, Oct 19 = 2 working days."""
        events = [SUBMIT, FORWARD, {"at": "2026-10-19T10:00", "type": "approve"}]
        st = run(xz, "conditional_application", events, "2026-10-30")
        assert st.state == "approved"
        assert [f.kind for f in st.fired] == ["overdue"]
        (v,) = st.violations
        assert (v.late_working_days, v.ongoing) == (2, False)

    def test_reply_at_midnight_after_the_due_day_is_late(self, xz: JurisdictionProfile) -> None:
        """Due Oct 15 ends at 24:00; an approval at 00:00 Oct 16 is late by 1 (Oct 16)."""
        events = [SUBMIT, FORWARD, {"at": "2026-10-16T00:00", "type": "approve"}]
        st = run(xz, "conditional_application", events, "2026-10-16")
        (v,) = st.violations
        assert (v.due, v.late_working_days) == (D(2026, 10, 15), 1)

    def test_failed_conformity_review_returns_the_application(
        self, xz: JurisdictionProfile
    ) -> None:
        """Returned on Oct 8 (within the platform's 2 days): terminal, nothing runs."""
        events = [SUBMIT, {"at": "2026-10-08T10:00", "type": "platform_reject"}]
        st = run(xz, "conditional_application", events, "2026-10-30")
        assert (st.state, st.terminal) == ("returned", True)
        assert st.open_duties == ()
        assert st.violations == ()
        assert st.trace[-1].source is not None
        assert st.trace[-1].source.clause == "(三)2"

    def test_refusal_without_reasons_is_rejected(self, xz: JurisdictionProfile) -> None:
        """对不予提供的，提供部门应说明理由: a refusal must carry reasons."""
        events = [SUBMIT, FORWARD, {"at": "2026-10-12T10:00", "type": "refuse"}]
        with pytest.raises(MissingEventFieldError) as err:
            run(xz, "conditional_application", events, "2026-10-30")
        assert err.value.index == 2

    def test_refusal_negotiation_coordination_grants(self, xz: JurisdictionProfile) -> None:
        """五(三)3: refused -> negotiate -> coordination by the authority -> approved."""
        events = [
            SUBMIT,
            FORWARD,
            {"at": "2026-10-12T10:00", "type": "refuse", "reasons": "涉及个人隐私"},
            {"at": "2026-10-13T10:00", "type": "negotiate"},
            {"at": "2026-10-20T10:00", "type": "request_coordination"},
            {"at": "2026-10-27T10:00", "type": "coordination_grants"},
            {"at": "2026-10-28T10:00", "type": "obtain"},
        ]
        st = run(xz, "conditional_application", events, "2026-11-30")
        assert st.state == "obtained"
        assert st.violations == ()
        refuse = st.trace[2]
        assert refuse.source is not None
        assert refuse.source.quote == "对不予提供的，提供部门应说明理由"
        assert st.trace[4].source is not None
        assert st.trace[4].source.clause == "(三)3"

    def test_coordination_upholds_the_refusal(self, xz: JurisdictionProfile) -> None:
        events = [
            SUBMIT,
            FORWARD,
            {"at": "2026-10-12T10:00", "type": "refuse", "reasons": "无共享依据"},
            {"at": "2026-10-13T10:00", "type": "negotiate"},
            {"at": "2026-10-20T10:00", "type": "request_coordination"},
            {"at": "2026-10-27T10:00", "type": "coordination_upholds"},
        ]
        st = run(xz, "conditional_application", events, "2026-11-30")
        assert (st.state, st.terminal) == ("refusal_upheld", True)

    def test_coordination_only_after_negotiation(self, xz: JurisdictionProfile) -> None:
        """协商未果的由同级政务数据共享管理部门协调: no coordination straight after refusal."""
        events = [
            SUBMIT,
            FORWARD,
            {"at": "2026-10-12T10:00", "type": "refuse", "reasons": "无共享依据"},
            {"at": "2026-10-13T10:00", "type": "request_coordination"},
        ]
        with pytest.raises(EventNotAllowedError) as err:
            run(xz, "conditional_application", events, "2026-11-30")
        assert err.value.index == 3

    def test_provider_cannot_approve_before_forwarding(self, xz: JurisdictionProfile) -> None:
        """approve is not allowed in platform_review (the platform forwards first)."""
        events = [SUBMIT, {"at": "2026-10-08T10:00", "type": "approve"}]
        with pytest.raises(EventNotAllowedError) as err:
            run(xz, "conditional_application", events, "2026-10-30")
        assert err.value.index == 1

    def test_authorized_proxy_may_decide_for_the_provider(self, xz: JurisdictionProfile) -> None:
        """五(四)1: 授权代理方的审核结果视同提供部门的审核结果."""
        events = [
            SUBMIT,
            FORWARD,
            {
                "at": "2026-10-12T10:00",
                "type": "approve",
                "by": "代理方",
                "on_behalf_of": "市民政局",
            },
        ]
        st = run(xz, "conditional_application", events, "2026-10-30")
        assert st.state == "approved"
        assert st.trace[-1].note is not None
        assert st.trace[-1].note.en == "on behalf of 市民政局"

    def test_two_reviewers_one_silent(self, xz: JurisdictionProfile) -> None:
        """Each reviewer has its own 5 working days from forwarding (due Oct 15).

        A approves Oct 12; B never replies: at Oct 20 still in review, one overdue timer for
        B, late Oct 16, 19, 20 = 3.
        """
        events = [
            {**SUBMIT, "reviewers": ["A", "B"]},
            FORWARD,
            {"at": "2026-10-12T10:00", "type": "approve", "by": "A"},
        ]
        st = run(xz, "conditional_application", events, "2026-10-20")
        assert st.state == "provider_review"
        assert [(f.kind, f.party, f.due) for f in st.fired] == [("overdue", "B", D(2026, 10, 15))]
        (v,) = st.violations
        assert (v.party, v.late_working_days, v.ongoing) == ("B", 3, True)

    def test_county_level_applies_too(self, xz: JurisdictionProfile) -> None:
        """The document binds county departments: same dates at county level."""
        st = run(xz, "conditional_application", [SUBMIT, FORWARD], "2026-10-20", level="county")
        assert st.violations[0].due == D(2026, 10, 15)

    def test_no_process_where_the_text_is_silent(self, xz: JurisdictionProfile) -> None:
        assert set(xz.model.processes) == {
            "conditional_application",
            "unconditional_access",
            "quality_correction",
            "catalog_update",
        }


class TestUnconditionalAccess:
    """五(三)1: the platform checks conformity within 2 working days of submission."""

    def test_happy_path_accepted_on_the_due_day(self, xz: JurisdictionProfile) -> None:
        """Submitted Sep 30; due Oct 9 (Oct 8, Oct 9); accepted Oct 9."""
        events = [SUBMIT, {"at": "2026-10-09T16:00", "type": "accept"}]
        st = run(xz, "unconditional_access", events, "2026-10-30")
        assert (st.state, st.terminal) == ("accepted", True)
        assert st.violations == ()
        assert st.trace[-1].source is not None
        assert st.trace[-1].source.quote == "共享平台于２个工作日内完成符合性审查，返回受理结果"

    def test_missed_platform_deadline(self, xz: JurisdictionProfile) -> None:
        """Due Oct 9; at Oct 13 no result: late Oct 10 (Sat), 12, 13 = 3, ongoing."""
        st = run(xz, "unconditional_access", [SUBMIT], "2026-10-13")
        assert st.state == "platform_review"
        assert [f.kind for f in st.fired] == ["overdue"]
        (v,) = st.violations
        assert (v.actor, v.due, v.late_working_days, v.ongoing) == (
            "platform",
            D(2026, 10, 9),
            3,
            True,
        )

    def test_late_acceptance(self, xz: JurisdictionProfile) -> None:
        """Due Oct 9; accepted Oct 14: late Oct 10, 12, 13, 14 = 4."""
        events = [SUBMIT, {"at": "2026-10-14T09:00", "type": "accept"}]
        st = run(xz, "unconditional_access", events, "2026-10-30")
        assert st.state == "accepted"
        (v,) = st.violations
        assert (v.late_working_days, v.ongoing) == (4, False)

    def test_platform_reject(self, xz: JurisdictionProfile) -> None:
        events = [SUBMIT, {"at": "2026-10-08T09:00", "type": "platform_reject"}]
        st = run(xz, "unconditional_access", events, "2026-10-30")
        assert (st.state, st.terminal) == ("returned", True)


class TestQualityCorrection:
    """五(五): report promptly; the provider verifies and corrects within 5 working days."""

    def test_happy_path(self, xz: JurisdictionProfile) -> None:
        """Reported Sep 30; due Oct 8, 9, 10 (Sat), 12, 13 -> Oct 13; corrected Oct 13."""
        events = [
            {"at": "2026-09-30T10:00", "type": "report"},
            {"at": "2026-10-13T18:00", "type": "resolve"},
        ]
        st = run(xz, "quality_correction", events, "2026-10-30")
        assert (st.state, st.terminal) == ("resolved", True)
        assert st.violations == ()

    def test_correction_overdue(self, xz: JurisdictionProfile) -> None:
        """Due Oct 13; at Oct 16 not corrected: late Oct 14, 15, 16 = 3."""
        st = run(
            xz, "quality_correction", [{"at": "2026-09-30T10:00", "type": "report"}], "2026-10-16"
        )
        assert st.state == "provider_check"
        (v,) = st.violations
        assert (v.actor, v.due, v.late_working_days, v.ongoing) == (
            "provider",
            D(2026, 10, 13),
            3,
            True,
        )
        assert v.source.quote == "提供部门应当在收到反馈之日起５个工作日内予以校核更正"

    def test_discovery_opens_a_prompt_report_duty_with_no_date(
        self, xz: JurisdictionProfile
    ) -> None:
        """及时 has no fixed time limit: the duty runs with no due date and never fires."""
        events = [{"at": "2026-09-30T10:00", "type": "discover"}]
        st = run(xz, "quality_correction", events, "2026-12-31")
        assert st.state == "discovered"
        (duty,) = st.open_duties
        assert (duty.actor, duty.due, duty.overdue) == ("requester", None, False)
        assert "promptly" in duty.period
        assert st.violations == ()

    def test_discover_then_report_then_resolve(self, xz: JurisdictionProfile) -> None:
        """Reported Oct 12: due Oct 13, 14, 15, 16, 19 -> Oct 19; corrected Oct 19."""
        events = [
            {"at": "2026-10-09T10:00", "type": "discover"},
            {"at": "2026-10-12T10:00", "type": "report"},
            {"at": "2026-10-19T10:00", "type": "resolve"},
        ]
        st = run(xz, "quality_correction", events, "2026-10-30")
        assert st.state == "resolved"
        assert st.violations == ()

    def test_resolve_before_report_is_not_allowed(self, xz: JurisdictionProfile) -> None:
        events = [{"at": "2026-10-09T10:00", "type": "resolve"}]
        with pytest.raises(EventNotAllowedError):
            run(xz, "quality_correction", events, "2026-10-30")


class TestCatalogUpdate:
    """三(二): the catalog is updated within 15 working days of the legal change."""

    def test_happy_path(self, xz: JurisdictionProfile) -> None:
        """Change Sep 30: 15th working day is Oct 27; updated Oct 27."""
        events = [
            {"at": "2026-09-30", "type": "legal_change"},
            {"at": "2026-10-27T17:00", "type": "update"},
        ]
        st = run(xz, "catalog_update", events, "2026-11-30")
        assert (st.state, st.terminal) == ("updated", True)
        assert st.violations == ()

    def test_update_overdue(self, xz: JurisdictionProfile) -> None:
        """Due Oct 27; at Oct 30 not updated: late Oct 28, 29, 30 = 3."""
        st = run(xz, "catalog_update", [{"at": "2026-09-30", "type": "legal_change"}], "2026-10-30")
        assert st.state == "updating"
        (v,) = st.violations
        assert (v.actor, v.due, v.late_working_days) == ("department", D(2026, 10, 27), 3)

    def test_across_the_spring_festival(self, xz: JurisdictionProfile) -> None:
        """Change Tue Feb 10: Feb 11, 12, 13, 14 (Sat, make-up) = 4; Feb 15-23 off; Feb 24,
        25, 26, 27, 28 (Sat, make-up) = 9; Mar 2, 3, 4, 5, 6 = 14; Mon Mar 9 = 15 -> due Mar 9.
        """
        st = run(xz, "catalog_update", [{"at": "2026-02-10", "type": "legal_change"}], "2026-02-20")
        (duty,) = st.open_duties
        assert duty.due == D(2026, 3, 9)
        assert not duty.overdue
