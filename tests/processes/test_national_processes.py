"""The national processes (政务数据共享条例, profile ``national``), replayed on their own.

Dates are counted by hand from the 2026 holiday data (../shared/calendar/holiday-cn/2026.json):
国庆 Oct 1-7 off, Sun Sep 20 and Sat Oct 10 make-up working days. Working days after Wed
2026-09-30: #1 Oct 8, #2 Oct 9, #3 Oct 10 (Sat, make-up), #4 Oct 12, #5 Oct 13, #6 Oct 14,
#7 Oct 15, #8 Oct 16, #9 Oct 19, #10 Oct 20, #11 Oct 21, #12 Oct 22, #13 Oct 23, #14 Oct 26,
#15 Oct 27, #16 Oct 28, #17 Oct 29, #18 Oct 30, #19 Nov 2, #20 Nov 3. A period of N working
days from day D ends at 24:00 of the N-th working day after D (the day D not counted).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import ClassVar

import pytest
from pydantic import ValidationError

from govshare import load_profile
from govshare.processes import EventNotAllowedError, MissingEventFieldError, ProcessStatus, replay
from govshare.profiles import JurisdictionProfile
from govshare.profiles._process_model import ProcessDef

D = dt.date
LEVEL = "prefectural"
SUBMIT = {"at": "2026-09-30T10:00", "type": "submit", "by": "市卫健委"}


@pytest.fixture(scope="module")
def national() -> JurisdictionProfile:
    return load_profile("national")


def run(
    prof: JurisdictionProfile, process: str, events: Sequence[Mapping[str, object]], as_of: str
) -> ProcessStatus:
    return replay(prof, process, events, as_of=as_of, level=LEVEL)


class TestConditionalReply:
    """第二十一条: 10 working days from receipt; no deemed consent (第三十九条(四))."""

    def test_reply_due_on_the_tenth_working_day(self, national: JurisdictionProfile) -> None:
        """Received Wed Sep 30: #10 is Oct 20 (count in the module docstring)."""
        st = run(national, "conditional_application", [SUBMIT], "2026-10-20")
        assert st.state == "provider_review"
        (duty,) = st.open_duties
        assert (duty.due, duty.overdue, duty.source.article) == (
            D(2026, 10, 20),
            False,
            "第二十一条",
        )
        assert st.violations == ()
        assert st.layers == ()  # the national profile sits under nothing

    def test_no_reply_is_an_overdue_violation_never_deemed_consent(
        self, national: JurisdictionProfile
    ) -> None:
        """At Oct 23 the reply is 3 working days late: Oct 21, 22, 23."""
        st = run(national, "conditional_application", [SUBMIT], "2026-10-23")
        assert st.state == "provider_review"
        assert not st.deemed_consent
        (fired,) = st.fired
        assert (fired.kind, fired.at.isoformat()) == ("overdue", "2026-10-21T00:00:00+08:00")
        (v,) = st.violations
        assert (v.kind, v.due, v.late_working_days, v.ongoing) == (
            "overdue",
            D(2026, 10, 20),
            3,
            True,
        )

    def test_a_refusal_needs_reasons(self, national: JurisdictionProfile) -> None:
        events = [SUBMIT, {"at": "2026-10-09", "type": "refuse", "by": "市公安局"}]
        with pytest.raises(MissingEventFieldError) as exc:
            run(national, "conditional_application", events, "2026-10-20")
        assert exc.value.field == "reasons"


class TestExtension:
    """第二十一条: approval by the same-level authority, notice to the requester, at most 10."""

    def test_approved_and_notified_extension_runs_to_november_3(
        self, national: JurisdictionProfile
    ) -> None:
        """Original due Oct 20 (#10); 10 more working days after Oct 20: Oct 21, 22, 23, 26,
        27, 28, 29, 30, Nov 2, Nov 3 -> 2026-11-03."""
        events = [
            SUBMIT,
            {"at": "2026-10-15T09:00", "type": "approve_extension", "by": "市数据局"},
            {"at": "2026-10-15T11:00", "type": "notify_extension", "by": "市公安局"},
        ]
        st = run(national, "conditional_application", events, "2026-11-03")
        (duty,) = st.open_duties
        assert (duty.due, duty.overdue) == (D(2026, 11, 3), False)
        assert "extended by at most 10 working days" in duty.period
        assert st.violations == ()
        step = st.trace[2]
        assert step.note is not None
        assert step.note.code == "process.extended"
        assert "2026-10-20" in step.note.zh
        assert "2026-11-03" in step.note.zh
        late = run(national, "conditional_application", events, "2026-11-04")
        (v,) = late.violations
        assert (v.due, v.late_working_days) == (D(2026, 11, 3), 1)

    def test_a_notice_without_approval_extends_nothing(self, national: JurisdictionProfile) -> None:
        """No approve_extension first: a missing_prior_step violation; still due Oct 20."""
        events = [SUBMIT, {"at": "2026-10-15T11:00", "type": "notify_extension"}]
        st = run(national, "conditional_application", events, "2026-10-20")
        (duty,) = st.open_duties
        assert duty.due == D(2026, 10, 20)
        (v,) = st.violations
        assert (v.kind, v.event_index, v.rule) == ("missing_prior_step", 1, "share.reply.extension")

    def test_too_late_to_extend_a_period_already_past(self, national: JurisdictionProfile) -> None:
        """Approved and notified on Oct 22, after the due day Oct 20: nothing is extended."""
        events = [
            SUBMIT,
            {"at": "2026-10-22T09:00", "type": "approve_extension"},
            {"at": "2026-10-22T10:00", "type": "notify_extension"},
        ]
        st = run(national, "conditional_application", events, "2026-10-23")
        (duty,) = st.open_duties
        assert (duty.due, duty.overdue) == (D(2026, 10, 20), True)
        assert st.trace[2].note is not None
        assert st.trace[2].note.code == "process.not_extended_passed"

    def test_only_one_extension(self, national: JurisdictionProfile) -> None:
        """A second approval and notice leave the due day at Nov 3 (10 in total)."""
        events = [
            SUBMIT,
            {"at": "2026-10-12", "type": "approve_extension"},
            {"at": "2026-10-13", "type": "notify_extension"},
            {"at": "2026-10-26", "type": "approve_extension"},
            {"at": "2026-10-27", "type": "notify_extension"},
        ]
        st = run(national, "conditional_application", events, "2026-10-28")
        (duty,) = st.open_duties
        assert duty.due == D(2026, 11, 3)
        assert st.trace[4].note is not None
        assert st.trace[4].note.code == "process.not_extended_again"


class TestIncompleteMaterials:
    """第二十一条第二款: the one-time notice neither stops nor restarts the reply period."""

    def test_the_clock_keeps_running_from_receipt(self, national: JurisdictionProfile) -> None:
        """Notice Oct 9, materials Oct 15, consent Oct 22: due Oct 20 as without the notice,
        so the consent is 2 working days late (Oct 21, Oct 22)."""
        events = [
            SUBMIT,
            {"at": "2026-10-09", "type": "notify_incomplete", "by": "市公安局"},
            {"at": "2026-10-15", "type": "supplement", "by": "市卫健委"},
            {"at": "2026-10-22T10:00", "type": "approve", "by": "市公安局"},
        ]
        st = run(national, "conditional_application", events, "2026-10-22")
        assert [s.to_state for s in st.trace] == ["provider_review"] * 3 + ["approved"]
        (v,) = st.violations
        assert (v.due, v.late_working_days, v.ongoing) == (D(2026, 10, 20), 2, False)


class TestProvision:
    """第二十二条: 20 working days from the reply agreeing to share."""

    def test_provision_due_twenty_working_days_after_consent(
        self, national: JurisdictionProfile
    ) -> None:
        """Consent Fri Oct 9. 20 working days after Oct 9: Oct 10 (Sat, make-up) #1, Oct 12-16
        #2-#6, Oct 19-23 #7-#11, Oct 26-30 #12-#16, Nov 2 #17, Nov 3 #18, Nov 4 #19, Nov 5 #20
        -> 2026-11-05."""
        events = [SUBMIT, {"at": "2026-10-09T10:00", "type": "approve", "by": "市公安局"}]
        st = run(national, "conditional_application", events, "2026-11-05")
        assert st.state == "approved"
        (duty,) = st.open_duties
        assert (duty.rule, duty.due, duty.source.article) == (
            "share.provision.after_consent",
            D(2026, 11, 5),
            "第二十二条",
        )
        late = run(national, "conditional_application", events, "2026-11-06")
        (v,) = late.violations
        assert (v.rule, v.due, v.late_working_days) == (
            "share.provision.after_consent",
            D(2026, 11, 5),
            1,
        )
        done = run(
            national,
            "conditional_application",
            [*events, {"at": "2026-11-05T16:00", "type": "provide"}],
            "2026-11-30",
        )
        assert (done.state, done.violations) == ("provided", ())


class TestDisputeLadder:
    """第二十八条: negotiation, coordination, then the government of the authority's level."""

    def test_refusal_to_government_decision_then_provision(
        self, national: JurisdictionProfile
    ) -> None:
        """The government decides to share on Oct 20: provision due 20 working days later,
        Oct 21 #1 ... Nov 3 #10, Nov 4 #11, 5, 6, 9, 10, 11, 12, 13 #18, 16 #19, 17 #20
        -> 2026-11-17 (no holidays in between)."""
        events = [
            SUBMIT,
            {"at": "2026-10-09", "type": "refuse", "reasons": "涉及工作秘密"},
            {"at": "2026-10-12", "type": "negotiate"},
            {"at": "2026-10-13", "type": "request_coordination"},
            {"at": "2026-10-16", "type": "refer_to_government"},
            {"at": "2026-10-20", "type": "government_grants"},
        ]
        st = run(national, "conditional_application", events, "2026-10-21")
        assert [s.to_state for s in st.trace] == [
            "provider_review",
            "refused",
            "negotiation",
            "coordination",
            "government_decision",
            "approved",
        ]
        assert st.trace[4].source is not None
        assert st.trace[4].source.article == "第二十八条"
        (duty,) = st.open_duties
        assert duty.due == D(2026, 11, 17)

    def test_the_government_may_uphold_the_refusal(self, national: JurisdictionProfile) -> None:
        events = [
            SUBMIT,
            {"at": "2026-10-09", "type": "refuse", "reasons": "涉及工作秘密"},
            {"at": "2026-10-13", "type": "request_coordination"},
            {"at": "2026-10-16", "type": "refer_to_government"},
            {"at": "2026-10-20", "type": "government_upholds"},
        ]
        st = run(national, "conditional_application", events, "2026-10-21")
        assert (st.state, st.terminal) == ("refusal_upheld", True)


class TestSuspension:
    """第二十七条: misuse suspends sharing; corrected it is restored, or it is terminated."""

    SHARED: ClassVar[list[Mapping[str, object]]] = [
        SUBMIT,
        {"at": "2026-10-09", "type": "approve"},
        {"at": "2026-10-12", "type": "provide"},
    ]

    def test_suspend_then_terminate(self, national: JurisdictionProfile) -> None:
        events = [
            *self.SHARED,
            {"at": "2026-11-02", "type": "suspend", "facts": {"misuse": "third_party"}},
            {"at": "2026-11-20", "type": "terminate"},
        ]
        st = run(national, "conditional_application", events, "2026-11-30")
        assert (st.state, st.terminal) == ("terminated", True)
        assert st.trace[3].source is not None
        assert st.trace[3].source.article == "第二十七条"

    def test_suspend_then_restore(self, national: JurisdictionProfile) -> None:
        events = [
            *self.SHARED,
            {"at": "2026-11-02", "type": "suspend"},
            {"at": "2026-11-10", "type": "restore"},
        ]
        st = run(national, "conditional_application", events, "2026-11-30")
        assert st.state == "provided"

    def test_no_suspension_before_the_data_is_shared(self, national: JurisdictionProfile) -> None:
        with pytest.raises(EventNotAllowedError):
            run(
                national,
                "conditional_application",
                [SUBMIT, {"at": "2026-10-09", "type": "suspend"}],
                "2026-10-20",
            )


class TestOtherProcesses:
    def test_unconditional_reply_in_one_working_day(self, national: JurisdictionProfile) -> None:
        """Received Wed Sep 30: #1 is Thu Oct 8; with the extension 10 more: Oct 9, 10 (Sat),
        12, 13, 14, 15, 16, 19, 20, 21 -> 2026-10-21."""
        st = run(national, "unconditional_access", [SUBMIT], "2026-10-08")
        (duty,) = st.open_duties
        assert (duty.due, duty.source.article) == (D(2026, 10, 8), "第二十一条")
        events = [
            SUBMIT,
            {"at": "2026-10-08T09:00", "type": "approve_extension"},
            {"at": "2026-10-08T10:00", "type": "notify_extension"},
        ]
        st = run(national, "unconditional_access", events, "2026-10-09")
        (duty,) = st.open_duties
        assert duty.due == D(2026, 10, 21)

    def test_catalog_update_with_extension_and_review(self, national: JurisdictionProfile) -> None:
        """第十七条. Change Wed Sep 30: 10 working days -> Oct 20; the authority's consent adds 5
        after Oct 20: Oct 21, 22, 23, 26, 27 -> Oct 27. Updated Oct 27: review and publication
        within 2 working days of receipt: Oct 28, Oct 29 -> Oct 29."""
        change = {"at": "2026-09-30", "type": "legal_change"}
        st = run(national, "catalog_update", [change], "2026-10-20")
        assert st.open_duties[0].due == D(2026, 10, 20)
        events = [
            change,
            {"at": "2026-10-16", "type": "approve_extension", "by": "市数据局"},
            {"at": "2026-10-27T15:00", "type": "update"},
        ]
        st = run(national, "catalog_update", events, "2026-10-28")
        assert st.violations == ()
        assert [d.due for d in st.duties] == [D(2026, 10, 27), D(2026, 10, 29)]
        assert st.duties[0].outcome == "done"
        assert st.open_duties[0].rule == "catalog.review_publish"
        late = run(national, "catalog_update", events, "2026-10-30")
        (v,) = late.violations
        assert (v.actor, v.due, v.late_working_days) == ("same_level_authority", D(2026, 10, 29), 1)

    def test_correction_in_ten_working_days(self, national: JurisdictionProfile) -> None:
        """第二十六条: application received Wed Sep 30 -> result due Oct 20 (#10)."""
        st = run(
            national, "quality_correction", [{"at": "2026-09-30", "type": "report"}], "2026-10-19"
        )
        (duty,) = st.open_duties
        assert (duty.due, duty.source.article) == (D(2026, 10, 20), "第二十六条")


class TestExtensionModel:
    """The generic ``extends`` of a transition: a step back into the state it extends."""

    BASE: ClassVar[dict[str, object]] = {
        "label": {"zh": "甲", "en": "a"},
        "states": {
            "waiting": {
                "label": {"zh": "乙", "en": "b"},
                "duties": [{"rule": "share.conditional.provider_reply", "actor": "provider"}],
            },
            "done": {"label": {"zh": "丙", "en": "c"}, "terminal": True},
        },
    }

    def _proc(self, extend: dict[str, object]) -> ProcessDef:
        transitions = [
            {
                "event": "submit",
                "from": ["start"],
                "to": "waiting",
                "actor": "requester",
                "label": {"zh": "甲", "en": "a"},
                "rule": "share.conditional.provider_reply",
            },
            {
                "label": {"zh": "丁", "en": "d"},
                "actor": "authority",
                "rule": "share.reply.extension",
                **extend,
            },
        ]
        return ProcessDef.model_validate({**self.BASE, "transitions": transitions})

    def test_a_valid_extension(self) -> None:
        proc = self._proc(
            {
                "event": "extend",
                "from": ["waiting"],
                "to": "waiting",
                "extends": {
                    "duty": "share.conditional.provider_reply",
                    "rule": "share.reply.extension",
                },
            }
        )
        assert proc.transitions[1].extends is not None

    def test_an_extension_must_stay_in_its_state(self) -> None:
        with pytest.raises(ValidationError, match="stays in its state"):
            self._proc(
                {
                    "event": "extend",
                    "from": ["waiting"],
                    "to": "done",
                    "extends": {
                        "duty": "share.conditional.provider_reply",
                        "rule": "share.reply.extension",
                    },
                }
            )

    def test_an_extension_names_a_duty_of_the_state(self) -> None:
        with pytest.raises(ValidationError, match="not a duty of 'waiting'"):
            self._proc(
                {
                    "event": "extend",
                    "from": ["waiting"],
                    "to": "waiting",
                    "extends": {"duty": "catalog.review_publish", "rule": "share.reply.extension"},
                }
            )
