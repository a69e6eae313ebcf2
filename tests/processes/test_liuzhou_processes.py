"""Liuzhou processes (柳州市政务数据资源调度管理实施细则): replayed logs, hand-worked dates.

Liuzhou counts on the Guangxi calendar: the national arrangement (国办发明电〔2025〕7号)
plus 壮族三月三 (2026: Fri Apr 17 and Mon Apr 20 off). Autumn 2026 is national: 国庆 Oct 1-7
off, Sat Oct 10 a make-up working day. Working days after Wed 2026-09-30: #1 Oct 8, #2 Oct 9,
#3 Oct 10 (Sat), #4 Oct 12, #5 Oct 13, #6 Oct 14, #7 Oct 15, #8 Oct 16, #9 Oct 19,
#10 Oct 20, #11 Oct 21, #12 Oct 22, #13 Oct 23. A period of N working days from day D ends
at 24:00 of the Nth working day after D.
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
def lz() -> JurisdictionProfile:
    return load_profile("liuzhou")


def run(
    prof: JurisdictionProfile, process: str, events: list[dict[str, object]], as_of: str
) -> ProcessStatus:
    return replay(prof, process, events, as_of=as_of, level=LEVEL)


SUBMIT = {"at": "2026-09-30T10:00", "type": "submit"}
# resource offline (第二十一条)
RO_APPLY = {"at": "2026-09-30T10:00", "type": "apply", "reasons": "业务已调整，依据见附件"}
RO_APPROVE = {"at": "2026-10-09T10:00", "type": "approve"}
RO_PUBLICIZE = {"at": "2026-10-09T16:00", "type": "publicize"}
# catalog offline (第二十条)
CO_APPLY = {"at": "2026-09-30T10:00", "type": "apply"}


class TestConditionalApplication:
    """第二十六条: provider reviews within 3 working days of submission; platform pushes."""

    def test_happy_path_approve_and_push(self, lz: JurisdictionProfile) -> None:
        """Submitted Sep 30: due Oct 8, 9, 10 (Sat, make-up) -> Oct 10; approved Oct 10."""
        events = [
            SUBMIT,
            {"at": "2026-10-10T16:00", "type": "approve"},
            {"at": "2026-10-12T10:00", "type": "push"},
        ]
        st = run(lz, "conditional_application", events, "2026-10-30")
        assert (st.state, st.terminal) == ("delivered", True)
        assert st.violations == ()
        assert st.open_duties == ()
        push = st.trace[-1]
        assert push.source is not None
        assert (push.source.article, push.source.clause) == ("第二十六条", "(四)")
        # the text gives no date for the document: every result says so
        assert any("in-force date is unknown" in w.en for w in st.warnings)

    def test_no_reply_is_overdue_not_deemed_consent(self, lz: JurisdictionProfile) -> None:
        """Due Oct 10; at Oct 14 no reply: late Oct 12, 13, 14 = 3, ongoing, no consent."""
        st = run(lz, "conditional_application", [SUBMIT], "2026-10-14")
        assert st.state == "provider_review"
        assert not st.deemed_consent
        assert [(f.kind, f.due) for f in st.fired] == [("overdue", D(2026, 10, 10))]
        (v,) = st.violations
        assert (v.actor, v.late_working_days, v.ongoing) == ("provider", 3, True)
        assert (
            v.source.quote
            == "数据提供部门对需求单位提出的共享申请进行线上审核（应在3个工作日内完成审核）"
        )

    def test_late_approval(self, lz: JurisdictionProfile) -> None:
        """Due Sat Oct 10; approved Mon Oct 12: late 1 (Oct 12)."""
        events = [SUBMIT, {"at": "2026-10-12T09:00", "type": "approve"}]
        st = run(lz, "conditional_application", events, "2026-10-30")
        assert st.state == "approved"
        (v,) = st.violations
        assert (v.late_working_days, v.ongoing) == (1, False)

    def test_refusal_needs_no_reasons_then_coordination(self, lz: JurisdictionProfile) -> None:
        """No duty to give reasons is written; the requester may ask for a meeting (三)."""
        events = [
            SUBMIT,
            {"at": "2026-10-09T10:00", "type": "refuse"},
            {"at": "2026-10-12T10:00", "type": "request_coordination"},
            {"at": "2026-10-16T10:00", "type": "coordination_grants"},
            {"at": "2026-10-19T10:00", "type": "push"},
        ]
        st = run(lz, "conditional_application", events, "2026-10-30")
        assert st.state == "delivered"
        assert st.violations == ()
        coord = st.trace[2]
        assert coord.source is not None
        assert coord.source.clause == "(三)"

    def test_coordination_without_agreement(self, lz: JurisdictionProfile) -> None:
        events = [
            SUBMIT,
            {"at": "2026-10-09T10:00", "type": "refuse"},
            {"at": "2026-10-12T10:00", "type": "request_coordination"},
            {"at": "2026-10-16T10:00", "type": "coordination_upholds"},
        ]
        st = run(lz, "conditional_application", events, "2026-10-30")
        assert (st.state, st.terminal) == ("refusal_upheld", True)

    def test_coordination_during_a_late_review_ends_the_duty(self, lz: JurisdictionProfile) -> None:
        """遇到问题时可发起数据协调请求: due Oct 10; coordination asked Oct 13: late Oct 12,
        13 = 2, and the provider's duty ends there."""
        events = [SUBMIT, {"at": "2026-10-13T10:00", "type": "request_coordination"}]
        st = run(lz, "conditional_application", events, "2026-10-30")
        assert st.state == "coordination"
        assert st.open_duties == ()
        (v,) = st.violations
        assert (v.late_working_days, v.ongoing) == (2, False)

    def test_push_before_approval_is_not_allowed(self, lz: JurisdictionProfile) -> None:
        events = [SUBMIT, {"at": "2026-10-09T10:00", "type": "push"}]
        with pytest.raises(EventNotAllowedError) as err:
            run(lz, "conditional_application", events, "2026-10-30")
        assert err.value.index == 1
        assert err.value.state == "provider_review"

    def test_no_delegated_review(self, lz: JurisdictionProfile) -> None:
        """The text provides no review on behalf of the provider."""
        events = [
            SUBMIT,
            {"at": "2026-10-09T10:00", "type": "approve", "by": "X", "on_behalf_of": "市民政局"},
        ]
        with pytest.raises(EventNotAllowedError):
            run(lz, "conditional_application", events, "2026-10-30")


class TestUnconditionalAccess:
    """第二十六条: obtained directly; no review, so nothing can be late."""

    def test_obtain_directly(self, lz: JurisdictionProfile) -> None:
        st = run(
            lz, "unconditional_access", [{"at": "2026-09-30T10:00", "type": "obtain"}], "2026-12-31"
        )
        assert (st.state, st.terminal) == ("obtained", True)
        assert st.open_duties == ()
        assert st.violations == ()

    def test_no_deadline_to_miss(self, lz: JurisdictionProfile) -> None:
        """An empty log months later: nothing runs, nothing is overdue."""
        st = run(lz, "unconditional_access", [], "2026-12-31")
        assert st.state == "start"
        assert st.open_duties == ()
        assert st.violations == ()


class TestQualityCorrection:
    """第二十六条(五): report within 2 working days; fix and re-push within 2 after the
    platform's investigation (which has no time limit)."""

    def test_happy_path(self, lz: JurisdictionProfile) -> None:
        """Found Sep 30: report due Oct 8, 9 -> Oct 9; reported Oct 9. Investigation done
        Mon Oct 12: fix due Oct 13, 14 -> Oct 14; re-pushed Oct 14."""
        events = [
            {"at": "2026-09-30T10:00", "type": "discover"},
            {"at": "2026-10-09T10:00", "type": "report"},
            {"at": "2026-10-12T15:00", "type": "finish_investigation"},
            {"at": "2026-10-14T17:00", "type": "resolve"},
        ]
        st = run(lz, "quality_correction", events, "2026-10-30")
        assert (st.state, st.terminal) == ("resolved", True)
        assert st.violations == ()
        assert st.trace[2].source is not None
        assert st.trace[2].source.quote == "平台完成问题排查后"

    def test_late_report_and_investigation_without_deadline(self, lz: JurisdictionProfile) -> None:
        """Report due Oct 9; reported Oct 12: late Oct 10 (Sat), 12 = 2. The investigation
        then runs with no time limit: nothing more is overdue at Dec 31."""
        events = [
            {"at": "2026-09-30T10:00", "type": "discover"},
            {"at": "2026-10-12T10:00", "type": "report"},
        ]
        st = run(lz, "quality_correction", events, "2026-12-31")
        assert st.state == "investigation"
        assert st.open_duties == ()
        (v,) = st.violations
        assert (v.actor, v.due, v.late_working_days, v.ongoing) == (
            "requester",
            D(2026, 10, 9),
            2,
            False,
        )
        assert v.rule == "quality.report_window"

    def test_fix_overdue(self, lz: JurisdictionProfile) -> None:
        """Investigation done Oct 12: fix due Oct 14; at Oct 16 not fixed: late Oct 15, 16."""
        events = [
            {"at": "2026-10-09T10:00", "type": "report"},
            {"at": "2026-10-12T15:00", "type": "finish_investigation"},
        ]
        st = run(lz, "quality_correction", events, "2026-10-16")
        assert st.state == "correction"
        (v,) = st.violations
        assert (v.actor, v.due, v.late_working_days, v.ongoing) == (
            "responsible_party",
            D(2026, 10, 14),
            2,
            True,
        )


class TestResourceOffline:
    """第二十一条: apply with reasons; approval in 3 working days; 10 working days of
    publicity; only then offline."""

    def test_offline_after_the_publicity_is_fine(self, lz: JurisdictionProfile) -> None:
        """Approval due Oct 8, 9, 10 -> Oct 10; approved Oct 9. Publicity from Oct 9: Oct 10
        (Sat), 12, 13, 14, 15, 16, 19, 20, 21, 22 = 10 -> ends Oct 22; offline Oct 23 is fine."""
        events = [
            RO_APPLY,
            RO_APPROVE,
            RO_PUBLICIZE,
            {"at": "2026-10-23T09:00", "type": "take_offline"},
        ]
        st = run(lz, "resource_offline", events, "2026-10-30")
        assert (st.state, st.terminal) == ("offline", True)
        assert st.violations == ()

    def test_offline_on_the_tenth_day_is_too_early(self, lz: JurisdictionProfile) -> None:
        """Offline on Oct 22, the 10th working day of publicity: too early (earliest Oct 23)."""
        events = [
            RO_APPLY,
            RO_APPROVE,
            RO_PUBLICIZE,
            {"at": "2026-10-22T17:00", "type": "take_offline"},
        ]
        st = run(lz, "resource_offline", events, "2026-10-30")
        assert st.state == "offline"
        (v,) = st.violations
        assert (v.kind, v.actor, v.rule, v.event_index) == (
            "too_early",
            "provider",
            "catalog.offline.notice_to_users",
            3,
        )
        assert v.due == D(2026, 10, 23)
        assert v.source.clause == "(三)"

    def test_publicity_shows_the_earliest_offline_day(self, lz: JurisdictionProfile) -> None:
        st = run(lz, "resource_offline", [RO_APPLY, RO_APPROVE, RO_PUBLICIZE], "2026-10-15")
        assert st.state == "publicity"
        (nb,) = st.not_before
        assert (nb.event, nb.earliest) == ("take_offline", D(2026, 10, 23))

    def test_approval_overdue(self, lz: JurisdictionProfile) -> None:
        """Approval due Sat Oct 10; at Oct 13 not approved: late Oct 12, 13 = 2."""
        st = run(lz, "resource_offline", [RO_APPLY], "2026-10-13")
        assert st.state == "approval"
        (v,) = st.violations
        assert (v.actor, v.due, v.late_working_days, v.ongoing) == (
            "authority",
            D(2026, 10, 10),
            2,
            True,
        )
        assert v.source.article == "第二十一条"

    def test_application_needs_reasons(self, lz: JurisdictionProfile) -> None:
        """说明下线理由: an application without reasons is refused by the engine."""
        with pytest.raises(MissingEventFieldError):
            run(lz, "resource_offline", [{"at": "2026-09-30T10:00", "type": "apply"}], "2026-10-30")

    def test_offline_before_publicity_is_not_allowed(self, lz: JurisdictionProfile) -> None:
        events = [RO_APPLY, RO_APPROVE, {"at": "2026-10-12T10:00", "type": "take_offline"}]
        with pytest.raises(EventNotAllowedError) as err:
            run(lz, "resource_offline", events, "2026-10-30")
        assert err.value.state == "approved"
        assert err.value.allowed == ("publicize",)


class TestCatalogOffline:
    """第二十条: a paper procedure with no time limits."""

    def test_not_in_use_offline_and_filed(self, lz: JurisdictionProfile) -> None:
        events = [
            CO_APPLY,
            {"at": "2026-10-12T10:00", "type": "take_offline"},
            {"at": "2026-10-13T10:00", "type": "file"},
        ]
        st = run(lz, "catalog_offline", events, "2026-10-30")
        assert (st.state, st.terminal) == ("filed", True)
        assert st.violations == ()
        assert st.trace[-1].source is not None
        assert st.trace[-1].source.clause == "(四)"

    def test_in_use_coordination_keeps_the_entry(self, lz: JurisdictionProfile) -> None:
        events = [
            CO_APPLY,
            {"at": "2026-10-12T10:00", "type": "request_coordination"},
            {"at": "2026-10-20T10:00", "type": "keep"},
        ]
        st = run(lz, "catalog_offline", events, "2026-10-30")
        assert (st.state, st.terminal) == ("kept", True)

    def test_in_use_coordination_then_offline_and_filing(self, lz: JurisdictionProfile) -> None:
        events = [
            CO_APPLY,
            {"at": "2026-10-12T10:00", "type": "request_coordination"},
            {"at": "2026-10-20T10:00", "type": "take_offline"},
            {"at": "2026-10-21T10:00", "type": "file"},
        ]
        st = run(lz, "catalog_offline", events, "2026-10-30")
        assert st.state == "filed"

    def test_rejected(self, lz: JurisdictionProfile) -> None:
        events = [CO_APPLY, {"at": "2026-10-12T10:00", "type": "refuse"}]
        st = run(lz, "catalog_offline", events, "2026-10-30")
        assert (st.state, st.terminal) == ("rejected", True)

    def test_no_deadline_to_miss(self, lz: JurisdictionProfile) -> None:
        """The review has no time limit: months later nothing is due or overdue."""
        st = run(lz, "catalog_offline", [CO_APPLY], "2026-12-31")
        assert st.state == "review"
        assert st.open_duties == ()
        assert st.violations == ()

    def test_filing_a_kept_entry_is_not_allowed(self, lz: JurisdictionProfile) -> None:
        events = [
            CO_APPLY,
            {"at": "2026-10-12T10:00", "type": "request_coordination"},
            {"at": "2026-10-20T10:00", "type": "keep"},
            {"at": "2026-10-21T10:00", "type": "file"},
        ]
        with pytest.raises(EventNotAllowedError):
            run(lz, "catalog_offline", events, "2026-10-30")


class TestCatalogUpdate:
    """第十四条: the catalog is updated within 10 working days of the change."""

    def test_happy_path(self, lz: JurisdictionProfile) -> None:
        """Change Sep 30: 10th working day Oct 20; updated Oct 20."""
        events = [
            {"at": "2026-09-30", "type": "legal_change"},
            {"at": "2026-10-20T17:00", "type": "update"},
        ]
        st = run(lz, "catalog_update", events, "2026-10-30")
        assert (st.state, st.terminal) == ("updated", True)
        assert st.violations == ()

    def test_update_overdue(self, lz: JurisdictionProfile) -> None:
        """Due Oct 20; at Oct 22 not updated: late Oct 21, 22 = 2."""
        st = run(lz, "catalog_update", [{"at": "2026-09-30", "type": "legal_change"}], "2026-10-22")
        assert st.state == "updating"
        (v,) = st.violations
        assert (v.actor, v.due, v.late_working_days) == ("department", D(2026, 10, 20), 2)


class TestPlatformAccount:
    """第十二条: the information centre completes account requests within 2 working days."""

    def test_happy_path(self, lz: JurisdictionProfile) -> None:
        """Applied Sep 30: due Oct 8, 9 -> Oct 9; completed Oct 9."""
        events = [
            {"at": "2026-09-30T10:00", "type": "apply", "facts": {"operation": "create"}},
            {"at": "2026-10-09T17:00", "type": "complete"},
        ]
        st = run(lz, "platform_account", events, "2026-10-30")
        assert (st.state, st.terminal) == ("completed", True)
        assert st.violations == ()

    def test_late_completion(self, lz: JurisdictionProfile) -> None:
        """Due Oct 9; completed Mon Oct 12: late Oct 10 (Sat), 12 = 2."""
        events = [
            {"at": "2026-09-30T10:00", "type": "apply"},
            {"at": "2026-10-12T10:00", "type": "complete"},
        ]
        st = run(lz, "platform_account", events, "2026-10-30")
        (v,) = st.violations
        assert (v.actor, v.due, v.late_working_days, v.ongoing) == (
            "data_center",
            D(2026, 10, 9),
            2,
            False,
        )

    def test_sanyuesan_counts_on_the_guangxi_calendar(self, lz: JurisdictionProfile) -> None:
        """Applied Thu 2026-04-16: Fri Apr 17 off (三月三), Apr 18-19 weekend, Mon Apr 20 off;
        #1 Tue Apr 21, #2 Wed Apr 22 -> due Apr 22 (nationally it would be Mon Apr 20). The
        regional days are of medium confidence, so the duty carries a warning."""
        st = run(
            lz, "platform_account", [{"at": "2026-04-16T10:00", "type": "apply"}], "2026-04-16"
        )
        (duty,) = st.open_duties
        assert duty.due == D(2026, 4, 22)
        assert any(w.en.startswith("2026-04-17") and "三月三" in w.en for w in duty.warnings)
        assert any(w.en.startswith("2026-04-20") and "三月三" in w.en for w in duty.warnings)


def test_catalog_offline_in_use_must_go_through_coordination() -> None:
    """第二十条(二)/(三): an entry in use or applied for is coordinated, not taken offline."""
    lz = load_profile("liuzhou")
    apply = {"at": "2026-09-30", "type": "apply", "facts": {"in_use": True}}
    with pytest.raises(EventNotAllowedError) as err:
        replay(
            lz,
            "catalog_offline",
            [apply, {"at": "2026-10-09", "type": "take_offline"}],
            as_of="2026-10-09",
            level="prefectural",
        )
    assert "in_use: True" in str(err.value)
    assert "request_coordination" in err.value.allowed
    st = replay(
        lz,
        "catalog_offline",
        [{**apply, "facts": {"in_use": False}}, {"at": "2026-10-09", "type": "take_offline"}],
        as_of="2026-10-09",
        level="prefectural",
    )
    assert st.state == "offline"
