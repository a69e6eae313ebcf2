"""Hubei processes other than conditional and unconditional access, replayed on 2026 dates.

Due dates are worked out by hand from the 2026 arrangement (国办发明电〔2025〕7号): 中秋
9/25-9/27 off, 国庆 10/1-10/7 off, Sun 9/20 and Sat 10/10 worked. Working days after Wed
2026-09-30: #1 10/8, #2 10/9, #3 10/10 (Sat, make-up), #4 10/12, #5 10/13, #6 10/14,
#7 10/15, #8 10/16, #9 10/19, #10 10/20, #11 10/21. A period of N working days from day D ends
on the Nth working day after D and passes at 24:00 of it.

Levels: provincial (the rules 鄂政务办发〔2021〕1号 over Order 419 from 2021-10-19; 5-day
periods), prefectural (Order 419 alone unless a city adopts the rules; 10-day periods).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, ClassVar

import pytest

from govshare import load_profile
from govshare.errors import InputError
from govshare.processes import (
    EventNotAllowedError,
    MissingEventFieldError,
    ProcessStatus,
    get_process,
    replay,
)
from govshare.profiles import JurisdictionProfile

RULES = "hb-rules-2021"
ORDER = "hb-order-419"


@pytest.fixture(scope="module")
def hubei() -> JurisdictionProfile:
    return load_profile("hubei")


def run(
    profile: JurisdictionProfile,
    process: str,
    events: list[Mapping[str, object]],
    *,
    as_of: str,
    level: str = "provincial",
    adopted: tuple[str, ...] = (),
) -> ProcessStatus:
    return replay(profile, process, events, as_of=as_of, level=level, adopted=adopted)


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


# -- new_data_demand ------------------------------------------------------------------------


class TestNewDataDemand:
    """Rules 第十七条 (5 working days, provincial) / Order 第二十二条 (10); no deemed consent."""

    submit: ClassVar[dict[str, Any]] = {
        "at": "2026-09-30T10:00",
        "type": "submit",
        "by": "省卫健委",
    }

    def test_provincial_reply_due_on_the_fifth_working_day(
        self, hubei: JurisdictionProfile
    ) -> None:
        """Received Wed 9/30: 5 working days -> #5 Tue 10/13 (rules 第十七条)."""
        st = run(hubei, "new_data_demand", [self.submit], as_of="2026-10-09")
        assert st.state == "owner_review"
        (duty,) = st.open_duties
        assert duty.actor == "owner"
        assert duty.due == d("2026-10-13")
        assert (duty.source.doc, duty.source.article) == (RULES, "第十七条")
        assert st.trace[0].source is not None
        assert st.trace[0].source.article == "第二十二条"

    def test_prefectural_reply_due_on_the_tenth_working_day(
        self, hubei: JurisdictionProfile
    ) -> None:
        """Received Wed 9/30 under Order 419 第二十二条: 10 working days -> #10 Tue 10/20."""
        st = run(hubei, "new_data_demand", [self.submit], as_of="2026-10-09", level="prefectural")
        (duty,) = st.open_duties
        assert duty.due == d("2026-10-20")
        assert (duty.source.doc, duty.source.article) == (ORDER, "第二十二条")

    def test_happy_path_agree_then_add_to_the_catalog(self, hubei: JurisdictionProfile) -> None:
        """Agreed Mon 10/12 (before the 10/13 deadline), mounted 10/14: shared, no violation."""
        events = [
            self.submit,
            {"at": "2026-10-12T09:00", "type": "approve", "by": "省公安厅"},
            {"at": "2026-10-14T09:00", "type": "add_to_catalog"},
        ]
        st = run(hubei, "new_data_demand", events, as_of="2026-10-30")
        assert (st.state, st.terminal) == ("shared", True)
        assert st.violations == ()
        assert st.fired == ()
        assert st.open_duties == ()

    def test_provincial_missed_reply_is_overdue_not_deemed_consent(
        self, hubei: JurisdictionProfile
    ) -> None:
        """No reply by 10/13; at 10/20 late by 10/14, 10/15, 10/16, 10/19, 10/20 = 5 days."""
        st = run(hubei, "new_data_demand", [self.submit], as_of="2026-10-20")
        assert st.state == "owner_review"
        assert not st.deemed_consent
        (fired,) = st.fired
        assert (fired.kind, fired.due) == ("overdue", d("2026-10-13"))
        (v,) = st.violations
        assert (v.kind, v.actor, v.due, v.ongoing) == ("overdue", "owner", d("2026-10-13"), True)
        assert v.late_working_days == 5

    def test_late_refusal_closes_the_violation(self, hubei: JurisdictionProfile) -> None:
        """Refused Thu 10/15 with reasons: 2 working days late (10/14, 10/15)."""
        events = [
            self.submit,
            {"at": "2026-10-15T16:00", "type": "refuse", "reasons": "涉及个人隐私"},
        ]
        st = run(hubei, "new_data_demand", events, as_of="2026-10-30")
        assert (st.state, st.terminal) == ("refused", True)
        (v,) = st.violations
        assert (v.ongoing, v.late_working_days) == (False, 2)

    def test_prefectural_last_evening_is_in_time_midnight_is_late(
        self, hubei: JurisdictionProfile
    ) -> None:
        """Due 10/20 (#10): refused 10/20 17:00 in time; at 10/21 00:00 one working day late."""
        on_time = [self.submit, {"at": "2026-10-20T17:00", "type": "refuse", "reasons": "无数据"}]
        st = run(hubei, "new_data_demand", on_time, as_of="2026-10-30", level="prefectural")
        assert (st.state, st.violations) == ("refused", ())
        late = [self.submit, {"at": "2026-10-21T00:00", "type": "refuse", "reasons": "无数据"}]
        st = run(hubei, "new_data_demand", late, as_of="2026-10-30", level="prefectural")
        (v,) = st.violations
        assert (v.due, v.late_working_days) == (d("2026-10-20"), 1)

    def test_refusal_needs_reasons(self, hubei: JurisdictionProfile) -> None:
        """不同意共享的，应当说明理由."""
        events = [self.submit, {"at": "2026-10-09", "type": "refuse"}]
        with pytest.raises(MissingEventFieldError) as err:
            run(hubei, "new_data_demand", events, as_of="2026-10-30")
        assert err.value.field == "reasons"

    def test_cannot_mount_before_agreeing(self, hubei: JurisdictionProfile) -> None:
        events = [self.submit, {"at": "2026-10-09", "type": "add_to_catalog"}]
        with pytest.raises(EventNotAllowedError) as err:
            run(hubei, "new_data_demand", events, as_of="2026-10-30")
        assert (err.value.index, err.value.state) == (1, "owner_review")
        assert err.value.allowed == ("approve", "refuse")


# -- quality_correction -------------------------------------------------------------------


class TestQualityCorrection:
    """3 working days for the provider (order 第十三条, rules 第十条 / 第十四条(四))."""

    def test_provincial_report_due_on_the_saturday_make_up_day(
        self, hubei: JurisdictionProfile
    ) -> None:
        """Reported Wed 9/30: 3 working days -> #3 Sat 10/10 (a make-up working day)."""
        report = {"at": "2026-09-30T15:00", "type": "report", "by": "省民政厅"}
        st = run(hubei, "quality_correction", [report], as_of="2026-10-08")
        (duty,) = st.open_duties
        assert (duty.actor, duty.due) == ("provider", d("2026-10-10"))
        assert duty.source.doc == RULES
        assert st.trace[0].source is not None
        assert st.trace[0].source.article == "第十条"
        done = [report, {"at": "2026-10-10T11:00", "type": "resolve"}]
        st = run(hubei, "quality_correction", done, as_of="2026-10-30")
        assert (st.state, st.terminal, st.violations) == ("resolved", True, ())

    def test_resolved_on_monday_is_one_working_day_late(self, hubei: JurisdictionProfile) -> None:
        """Due Sat 10/10; resolved Mon 10/12 (#4): late by one working day (10/12)."""
        events = [
            {"at": "2026-09-30T15:00", "type": "report"},
            {"at": "2026-10-12T09:00", "type": "resolve"},
        ]
        st = run(hubei, "quality_correction", events, as_of="2026-10-30")
        assert st.state == "resolved"
        (v,) = st.violations
        assert (v.kind, v.due, v.late_working_days, v.ongoing) == (
            "overdue",
            d("2026-10-10"),
            1,
            False,
        )

    def test_prefectural_starts_from_the_platform_push(self, hubei: JurisdictionProfile) -> None:
        """Order 第十三条: the operator pushes on 9/30; 3 working days -> Sat 10/10 too."""
        push = [{"at": "2026-09-30T15:00", "type": "push"}]
        st = run(hubei, "quality_correction", push, as_of="2026-10-08", level="prefectural")
        (duty,) = st.open_duties
        assert duty.due == d("2026-10-10")
        assert (duty.source.doc, duty.source.article) == (ORDER, "第十三条")
        st = run(hubei, "quality_correction", push, as_of="2026-10-13", level="prefectural")
        (v,) = st.violations
        # late at 10/13 by 10/12 and 10/13
        assert (v.ongoing, v.late_working_days) == (True, 2)

    def test_user_report_is_not_provided_for_by_the_order(self, hubei: JurisdictionProfile) -> None:
        report = [{"at": "2026-09-30T15:00", "type": "report"}]
        with pytest.raises(EventNotAllowedError) as err:
            run(hubei, "quality_correction", report, as_of="2026-10-08", level="prefectural")
        assert err.value.allowed == ("push",)
        assert "does not provide" in str(err.value)


# -- catalog_change -----------------------------------------------------------------------


class TestCatalogChange:
    """Rules 第十一条, modify branch: approval 5 working days, switch-over 5 from publication."""

    apply: ClassVar[dict[str, Any]] = {
        "at": "2026-09-30T10:00",
        "type": "apply",
        "reasons": "职能调整",
        "by": "省人社厅",
    }

    def test_happy_path_in_use_switch_over(self, hubei: JurisdictionProfile) -> None:
        """Applied 9/30 (approval due #5 10/13), approved 10/9; published Mon 10/12, so the
        switch-over runs 10/13, 10/14, 10/15, 10/16, 10/19 -> due Mon 10/19."""
        events = [
            self.apply,
            {"at": "2026-10-09T10:00", "type": "approve"},
            {"at": "2026-10-12T10:00", "type": "publish"},
        ]
        st = run(hubei, "catalog_change", events, as_of="2026-10-09")
        assert st.state == "approved"
        st = run(hubei, "catalog_change", events[:1], as_of="2026-10-08")
        (duty,) = st.open_duties
        assert (duty.actor, duty.due) == ("data_center", d("2026-10-13"))
        st = run(hubei, "catalog_change", events, as_of="2026-10-12")
        (duty,) = st.open_duties
        assert (duty.actor, duty.rule, duty.due) == (
            "provider",
            "catalog.modify.switch_over",
            d("2026-10-19"),
        )
        events += [
            {"at": "2026-10-19T17:00", "type": "switch_over"},
            {"at": "2026-10-20T09:00", "type": "delete_old_catalog"},
        ]
        st = run(hubei, "catalog_change", events, as_of="2026-10-30")
        assert (st.state, st.terminal, st.violations) == ("old_catalog_deleted", True, ())
        assert [s.event for s in st.trace] == [
            "apply",
            "approve",
            "publish",
            "switch_over",
            "delete_old_catalog",
        ]

    def test_late_switch_over(self, hubei: JurisdictionProfile) -> None:
        """Switch-over due 10/19; done Wed 10/21: late by 10/20, 10/21 = 2 working days."""
        events = [
            self.apply,
            {"at": "2026-10-09T10:00", "type": "approve"},
            {"at": "2026-10-12T10:00", "type": "publish"},
            {"at": "2026-10-21T10:00", "type": "switch_over"},
        ]
        st = run(hubei, "catalog_change", events, as_of="2026-10-30")
        assert st.state == "switched"
        (v,) = st.violations
        assert (v.rule, v.due, v.late_working_days) == (
            "catalog.modify.switch_over",
            d("2026-10-19"),
            2,
        )

    def test_missed_approval(self, hubei: JurisdictionProfile) -> None:
        """Approval due 10/13; undecided at Wed 10/14: overdue by one working day, ongoing."""
        st = run(hubei, "catalog_change", [self.apply], as_of="2026-10-14")
        assert st.state == "change_approval"
        (v,) = st.violations
        assert (v.actor, v.due, v.late_working_days, v.ongoing) == (
            "data_center",
            d("2026-10-13"),
            1,
            True,
        )

    def test_resource_not_in_use_is_simply_changed(self, hubei: JurisdictionProfile) -> None:
        events = [
            self.apply,
            {"at": "2026-10-09T10:00", "type": "approve"},
            {"at": "2026-10-09T15:00", "type": "change"},
        ]
        st = run(hubei, "catalog_change", events, as_of="2026-10-30")
        assert (st.state, st.terminal, st.violations) == ("changed", True, ())

    def test_refusal_is_terminal(self, hubei: JurisdictionProfile) -> None:
        events = [self.apply, {"at": "2026-10-09T10:00", "type": "refuse"}]
        st = run(hubei, "catalog_change", events, as_of="2026-10-30")
        assert (st.state, st.terminal) == ("refused", True)
        late = [*events, {"at": "2026-10-12T10:00", "type": "publish"}]
        with pytest.raises(EventNotAllowedError) as err:
            run(hubei, "catalog_change", late, as_of="2026-10-30")
        assert err.value.allowed == ()

    def test_application_needs_reasons(self, hubei: JurisdictionProfile) -> None:
        """(一) 说明理由."""
        with pytest.raises(MissingEventFieldError):
            run(
                hubei, "catalog_change", [{"at": "2026-09-30", "type": "apply"}], as_of="2026-10-01"
            )

    def test_order_alone_has_no_change_procedure(self, hubei: JurisdictionProfile) -> None:
        """Prefectural level: Order 419 is silent, so the application is not provided for."""
        with pytest.raises(EventNotAllowedError) as err:
            run(hubei, "catalog_change", [self.apply], as_of="2026-10-08", level="prefectural")
        assert (err.value.state, err.value.allowed) == ("start", ())
        assert "provide no way to start it" in str(err.value)

    def test_a_city_adopting_the_rules_has_it(self, hubei: JurisdictionProfile) -> None:
        """Adopted (参照执行): the rules' 5 working days -> 10/13."""
        st = run(
            hubei,
            "catalog_change",
            [self.apply],
            as_of="2026-10-08",
            level="prefectural",
            adopted=(RULES,),
        )
        (duty,) = st.open_duties
        assert duty.due == d("2026-10-13")


# -- catalog_offline ----------------------------------------------------------------------


class TestCatalogOffline:
    """Rules 第十一条: approval 5 working days; 5 working days' notice when in use."""

    in_use: ClassVar[dict[str, bool]] = {"in_use": True, "replacement": True}

    def events(self, facts: dict[str, bool], offline_at: str | None = None) -> list[dict]:
        """Applied Mon 9/28 (approval due: 9/29, 9/30, 10/8, 10/9, 10/10 -> Sat 10/10),
        approved Tue 9/29, users notified Wed 9/30."""
        out: list[dict] = [
            {"at": "2026-09-28T10:00", "type": "apply", "reasons": "系统停用", "facts": facts},
            {"at": "2026-09-29T10:00", "type": "approve"},
            {"at": "2026-09-30T10:00", "type": "notify_users"},
        ]
        if offline_at:
            out.append({"at": offline_at, "type": "take_offline"})
        return out

    def test_approval_due(self, hubei: JurisdictionProfile) -> None:
        st = run(hubei, "catalog_offline", self.events(self.in_use)[:1], as_of="2026-09-28")
        (duty,) = st.open_duties
        assert (duty.actor, duty.due) == ("data_center", d("2026-10-10"))

    def test_five_full_working_days_of_notice_is_fine(self, hubei: JurisdictionProfile) -> None:
        """Notice Wed 9/30; 10/8, 10/9, 10/10, 10/12, 10/13 are the 5 days; offline Wed 10/14."""
        st = run(hubei, "catalog_offline", self.events(self.in_use), as_of="2026-10-09")
        assert st.state == "users_notified"
        (nb,) = st.not_before
        assert (nb.event, nb.earliest) == ("take_offline", d("2026-10-14"))
        events = self.events(self.in_use, "2026-10-14T09:00")
        st = run(hubei, "catalog_offline", events, as_of="2026-10-30")
        assert (st.state, st.terminal, st.violations, st.findings) == ("offline", True, (), ())

    def test_three_working_days_of_notice_is_too_early(self, hubei: JurisdictionProfile) -> None:
        """Offline Mon 10/12: only 10/8, 10/9, 10/10 elapsed; earliest allowed day was 10/14."""
        events = self.events(self.in_use, "2026-10-12T09:00")
        st = run(hubei, "catalog_offline", events, as_of="2026-10-30")
        assert st.state == "offline"
        (v,) = st.violations
        assert (v.kind, v.rule, v.due, v.event_index) == (
            "too_early",
            "catalog.offline.notice_to_users",
            d("2026-10-14"),
            3,
        )

    def test_last_notice_day_itself_is_too_early(self, hubei: JurisdictionProfile) -> None:
        """Offline Tue 10/13, the 5th working day of notice: still within the period."""
        events = self.events(self.in_use, "2026-10-13T18:00")
        st = run(hubei, "catalog_offline", events, as_of="2026-10-30")
        assert [v.kind for v in st.violations] == ["too_early"]

    def test_in_use_offline_without_notice(self, hubei: JurisdictionProfile) -> None:
        events = [*self.events(self.in_use)[:2], {"at": "2026-10-14", "type": "take_offline"}]
        st = run(hubei, "catalog_offline", events, as_of="2026-10-30")
        assert [v.kind for v in st.violations] == ["missing_prior_step"]

    def test_not_in_use_needs_no_notice(self, hubei: JurisdictionProfile) -> None:
        facts = {"in_use": False, "replacement": False}
        events = [*self.events(facts)[:2], {"at": "2026-09-29T15:00", "type": "take_offline"}]
        st = run(hubei, "catalog_offline", events, as_of="2026-10-30")
        assert (st.state, st.violations, st.findings) == ("offline", (), ())

    def test_in_use_without_replacement_approval_is_a_finding(
        self, hubei: JurisdictionProfile
    ) -> None:
        """原则上不予审批: approval allowed, recorded as a finding on the approve event."""
        facts = {"in_use": True, "replacement": False}
        st = run(hubei, "catalog_offline", self.events(facts)[:2], as_of="2026-10-30")
        assert st.state == "approved"
        (f,) = st.findings
        assert (f.event_index, f.rule) == (1, "catalog.offline.in_use_without_replacement")
        assert (f.source.doc, f.source.article) == (RULES, "第十一条")
        assert "原则上不予审批" in f.zh

    def test_missed_approval(self, hubei: JurisdictionProfile) -> None:
        """Applied Wed 9/30: due 10/13; undecided at 10/20 -> 5 working days late."""
        apply = {"at": "2026-09-30T10:00", "type": "apply", "reasons": "停用", "facts": self.in_use}
        st = run(hubei, "catalog_offline", [apply], as_of="2026-10-20")
        (v,) = st.violations
        assert (v.kind, v.due, v.late_working_days, v.ongoing) == (
            "overdue",
            d("2026-10-13"),
            5,
            True,
        )

    def test_not_provided_for_at_prefectural_level(self, hubei: JurisdictionProfile) -> None:
        with pytest.raises(EventNotAllowedError):
            run(
                hubei,
                "catalog_offline",
                self.events(self.in_use)[:1],
                as_of="2026-10-30",
                level="prefectural",
            )

    def test_cannot_notify_before_approval(self, hubei: JurisdictionProfile) -> None:
        events = self.events(self.in_use)
        events = [events[0], events[2]]
        with pytest.raises(EventNotAllowedError) as err:
            run(hubei, "catalog_offline", events, as_of="2026-10-30")
        assert err.value.allowed == ("approve", "refuse")


# -- dispatch -----------------------------------------------------------------------------


class TestDispatch:
    """Order 第十九条 (notice, compliance); rules 第十九条-第二十三条 at provincial level."""

    apply: ClassVar[dict[str, Any]] = {"at": "2026-09-24T10:00", "type": "apply", "by": "省医保局"}
    declines: ClassVar[dict[str, Any]] = {
        "at": "2026-09-30T10:00",
        "type": "owner_declines",
        "by": "省某厅",
    }

    def test_infeasible_feedback_due_five_working_days_after_the_answer(
        self, hubei: JurisdictionProfile
    ) -> None:
        """Owner's explicit answer Wed 9/30 -> feedback due #5 Tue 10/13 (第二十一条)."""
        st = run(hubei, "dispatch", [self.apply, self.declines], as_of="2026-10-09")
        assert st.state == "awaiting_feedback"
        (duty,) = st.open_duties
        assert (duty.actor, duty.due) == ("authority", d("2026-10-13"))
        assert duty.source.article == "第二十一条"
        events = [self.apply, self.declines, {"at": "2026-10-13T17:30", "type": "feedback"}]
        st = run(hubei, "dispatch", events, as_of="2026-10-30")
        assert (st.state, st.terminal, st.violations) == ("infeasible", True, ())

    def test_infeasible_feedback_missed(self, hubei: JurisdictionProfile) -> None:
        """No feedback by 10/13: at 10/20, 5 working days late; given 10/15, 2 days late."""
        st = run(hubei, "dispatch", [self.apply, self.declines], as_of="2026-10-20")
        (v,) = st.violations
        assert (v.due, v.late_working_days, v.ongoing) == (d("2026-10-13"), 5, True)
        events = [self.apply, self.declines, {"at": "2026-10-15T09:00", "type": "feedback"}]
        st = run(hubei, "dispatch", events, as_of="2026-10-30")
        (v,) = st.violations
        assert (v.late_working_days, v.ongoing) == (2, False)

    def test_notice_ignored_order_and_sanctions_then_compliance(
        self, hubei: JurisdictionProfile
    ) -> None:
        """Notice, ignored -> 通报扣分; order signed, ignored -> 督办问责; finally complied."""
        events = [
            self.apply,
            {"at": "2026-09-30T10:00", "type": "issue_notice"},
            {"at": "2026-10-20T10:00", "type": "sanction"},
            {"at": "2026-10-21T10:00", "type": "issue_order"},
            {"at": "2026-11-05T10:00", "type": "sanction"},
            {"at": "2026-11-10T10:00", "type": "comply"},
        ]
        st = run(hubei, "dispatch", events[:3], as_of="2026-10-20")
        assert st.state == "notice_issued"
        assert st.open_duties == ()  # the notice sets its own time limit
        st = run(hubei, "dispatch", events, as_of="2026-11-30")
        assert (st.state, st.terminal, st.violations) == ("complied", True, ())
        steps = [(s.event, s.from_state, s.to_state) for s in st.trace]
        assert steps == [
            ("apply", "start", "assessment"),
            ("issue_notice", "assessment", "notice_issued"),
            ("sanction", "notice_issued", "notice_issued"),
            ("issue_order", "notice_issued", "order_issued"),
            ("sanction", "order_issued", "order_issued"),
            ("comply", "order_issued", "complied"),
        ]
        articles = [s.source.article if s.source else None for s in st.trace]
        assert articles == [
            "第十九条",
            "第二十一条",
            "第二十三条",
            "第二十二条",
            "第二十三条",
            "第二十二条",
        ]

    def test_prefectural_starts_from_the_authoritys_notice(
        self, hubei: JurisdictionProfile
    ) -> None:
        """Order 第十九条 alone: notice then compliance; no deadline runs (none is computable)."""
        events = [
            {"at": "2026-09-30T10:00", "type": "issue_notice", "by": "市政务数据主管部门"},
            {"at": "2026-12-30T10:00", "type": "comply"},
        ]
        st = run(hubei, "dispatch", events[:1], as_of="2026-12-01", level="prefectural")
        assert (st.state, st.open_duties, st.violations) == ("notice_issued", (), ())
        assert st.trace[0].source is not None
        assert (st.trace[0].source.doc, st.trace[0].source.article) == (ORDER, "第十九条")
        st = run(hubei, "dispatch", events, as_of="2026-12-31", level="prefectural")
        assert (st.state, st.violations) == ("complied", ())

    @pytest.mark.parametrize(
        ("events", "allowed"),
        [
            ([{"at": "2026-09-30", "type": "apply"}], ("issue_notice",)),
            (
                [
                    {"at": "2026-09-30", "type": "issue_notice"},
                    {"at": "2026-10-20", "type": "issue_order"},
                ],
                ("comply",),
            ),
            (
                [
                    {"at": "2026-09-30", "type": "issue_notice"},
                    {"at": "2026-10-20", "type": "sanction"},
                ],
                ("comply",),
            ),
        ],
    )
    def test_rules_only_steps_are_not_provided_for_at_prefectural_level(
        self, hubei: JurisdictionProfile, events: list[dict], allowed: tuple[str, ...]
    ) -> None:
        with pytest.raises(EventNotAllowedError) as err:
            run(hubei, "dispatch", events, as_of="2026-12-31", level="prefectural")
        assert err.value.allowed == allowed
        assert "does not provide" in str(err.value)


# -- open_data_objection ------------------------------------------------------------------


class TestOpenDataObjection:
    """Order 第二十八条 (every level): no computable deadline anywhere."""

    object_: ClassVar[dict[str, Any]] = {"at": "2026-09-30T10:00", "type": "object", "by": "某公司"}

    @pytest.mark.parametrize("level", ["provincial", "prefectural"])
    def test_suspend_verify_fix_and_reply(self, hubei: JurisdictionProfile, level: str) -> None:
        events = [
            self.object_,
            {"at": "2026-09-30T11:00", "type": "suspend"},
            {"at": "2026-10-09T10:00", "type": "verify"},
            {"at": "2026-10-12T10:00", "type": "fix_and_reopen"},
            {"at": "2026-10-12T15:00", "type": "reply"},
        ]
        st = run(hubei, "open_data_objection", events, as_of="2026-10-30", level=level)
        assert (st.state, st.terminal, st.violations, st.fired) == ("answered", True, (), ())
        assert st.trace[1].source is not None
        assert (st.trace[1].source.doc, st.trace[1].source.article) == (ORDER, "第二十八条")

    def test_suspension_is_optional(self, hubei: JurisdictionProfile) -> None:
        events = [
            self.object_,
            {"at": "2026-10-09T10:00", "type": "verify"},
            {"at": "2026-10-09T11:00", "type": "restore"},
            {"at": "2026-10-09T12:00", "type": "reply"},
        ]
        st = run(hubei, "open_data_objection", events, as_of="2026-10-30")
        assert (st.state, st.violations) == ("answered", ())

    def test_no_deadline_is_invented(self, hubei: JurisdictionProfile) -> None:
        """Nothing suspended or verified three months on: no duty, no violation (the text
        sets none; 立即 only if deemed necessary, 及时 for the reply)."""
        st = run(hubei, "open_data_objection", [self.object_], as_of="2026-12-31")
        assert st.state == "objection_received"
        assert (st.open_duties, st.fired, st.violations) == ((), (), ())

    def test_measures_come_after_verification(self, hubei: JurisdictionProfile) -> None:
        events = [self.object_, {"at": "2026-10-09", "type": "withdraw"}]
        with pytest.raises(EventNotAllowedError) as err:
            run(hubei, "open_data_objection", events, as_of="2026-10-30")
        assert err.value.allowed == ("suspend", "verify")


# -- catalog_update -----------------------------------------------------------------------


def test_no_catalog_update_process_where_the_texts_set_no_trigger(
    hubei: JurisdictionProfile,
) -> None:
    """catalog.update_after_legal_change is not_specified in both documents: no process."""
    for level in ("provincial", "prefectural"):
        rule = hubei.rule("catalog.update_after_legal_change", as_of="2026-09-30", level=level)
        assert rule.not_specified
    with pytest.raises(InputError):
        get_process(hubei, "catalog_update")
