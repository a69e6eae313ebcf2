"""A local case replayed under the national regulation too (``ProcessStatus.layers``).

Dates are counted by hand from the holiday data (../shared/calendar/holiday-cn/2026.json and
2025.json). 2026: 国庆 Oct 1-7 off, Sun Sep 20 and Sat Oct 10 make-up working days. Working
days after Wed 2026-09-30: #1 Oct 8, #2 Oct 9, #3 Oct 10 (Sat), #4 Oct 12, #5 Oct 13, #6 Oct
14, #7 Oct 15, #8 Oct 16, #9 Oct 19, #10 Oct 20, then Oct 21, 22, 23, 26, 27, 28, 29, 30,
Nov 2, Nov 3 (#20). 2025: no holiday between Jul 31 and Sep 27.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from pydantic import TypeAdapter

from govshare import load_profile
from govshare.processes import (
    EventNotAllowedError,
    LayerStatus,
    ProcessStatus,
    UnknownEventError,
    replay,
)
from govshare.profiles import JurisdictionProfile

D = dt.date
SUBMIT = {"at": "2026-09-30T10:00", "type": "submit", "by": "省卫健委"}


@pytest.fixture(scope="module")
def hubei() -> JurisdictionProfile:
    return load_profile("hubei")


@pytest.fixture(scope="module")
def xinzhou() -> JurisdictionProfile:
    return load_profile("xinzhou")


@pytest.fixture(scope="module")
def liuzhou() -> JurisdictionProfile:
    return load_profile("liuzhou")


def national(st: ProcessStatus) -> LayerStatus:
    (layer,) = st.layers
    assert layer.profile == "national"
    return layer


class TestHubeiNoReply:
    """Hubei provincial, received Wed 2026-09-30, no reply."""

    def test_local_deemed_consent_stays_as_it_was(self, hubei: JurisdictionProfile) -> None:
        """Local: 5 working days (rules 第十四条(二)): Oct 8, 9, 10, 12, 13 -> deemed consent at
        2026-10-14 00:00. The local result is the one without layers."""
        st = replay(
            hubei, "conditional_application", [SUBMIT], as_of="2026-10-21", level="provincial"
        )
        assert (st.state, st.deemed_consent) == ("authorized", True)
        (fired,) = st.fired
        assert (fired.due, fired.at.isoformat()) == (D(2026, 10, 13), "2026-10-14T00:00:00+08:00")
        (v,) = st.violations
        assert (v.consequence, v.late_working_days) == ("deemed_consent", None)
        assert all(d.source.doc != "cn-809" for d in st.duties)

    def test_national_reply_due_october_20_then_overdue(self, hubei: JurisdictionProfile) -> None:
        """National: 10 working days (第二十一条) -> Oct 20 (#10). At Oct 20 open; at Oct 23
        overdue 3 working days (Oct 21, 22, 23), no deemed consent in that layer."""
        st = replay(
            hubei, "conditional_application", [SUBMIT], as_of="2026-10-20", level="provincial"
        )
        layer = national(st)
        assert layer.state == "provider_review"
        (duty,) = layer.open_duties
        assert (duty.due, duty.overdue, duty.source.doc) == (D(2026, 10, 20), False, "cn-809")
        assert layer.violations == ()
        st = replay(
            hubei, "conditional_application", [SUBMIT], as_of="2026-10-23", level="provincial"
        )
        layer = national(st)
        assert layer.state == "provider_review"
        (fired,) = layer.fired
        assert (fired.kind, fired.due) == ("overdue", D(2026, 10, 20))
        (v,) = layer.violations
        assert (v.kind, v.due, v.late_working_days, v.ongoing) == (
            "overdue",
            D(2026, 10, 20),
            3,
            True,
        )

    def test_deemed_consent_starts_no_national_provision_clock(
        self, hubei: JurisdictionProfile
    ) -> None:
        """Reading layers.local_deemed_consent: the national 20 working days run only from a
        consenting reply actually made, so the national layer has no provision duty."""
        st = replay(
            hubei, "conditional_application", [SUBMIT], as_of="2026-11-30", level="provincial"
        )
        layer = national(st)
        assert all(d.rule != "share.provision.after_consent" for d in layer.duties)
        assert [r.code for r in layer.readings] == ["layers.local_deemed_consent"]
        assert "第二十二条" in layer.readings[0].zh

    def test_extension_runs_the_national_reply_to_november_3(
        self, hubei: JurisdictionProfile
    ) -> None:
        """The national-only steps are in the same log. Original Oct 20; 10 more working days
        after Oct 20: Oct 21, 22, 23, 26, 27, 28, 29, 30, Nov 2, Nov 3 -> at most 2026-11-03.
        Locally the two steps are not applicable and the deemed consent stands."""
        events = [
            SUBMIT,
            {"at": "2026-10-12T09:00", "type": "approve_extension", "by": "省数据局"},
            {"at": "2026-10-12T10:00", "type": "notify_extension", "by": "省公安厅"},
        ]
        st = replay(
            hubei, "conditional_application", events, as_of="2026-11-03", level="provincial"
        )
        assert (st.state, st.deemed_consent) == ("authorized", True)
        assert [s.note.code if s.note else None for s in st.trace[1:3]] == [
            "process.step_not_applicable",
            "process.step_not_applicable",
        ]
        layer = national(st)
        (duty,) = layer.open_duties
        assert (duty.due, duty.overdue) == (D(2026, 11, 3), False)
        assert layer.violations == ()
        st = replay(
            hubei, "conditional_application", events, as_of="2026-11-04", level="provincial"
        )
        (v,) = national(st).violations
        assert (v.due, v.late_working_days) == (D(2026, 11, 3), 1)


class TestHubeiConsent:
    def test_provision_within_twenty_working_days_of_the_consent(
        self, hubei: JurisdictionProfile
    ) -> None:
        """Consent Fri 2026-10-09. 20 working days after Oct 9: Oct 10 (Sat, make-up) #1,
        Oct 12-16 #2-#6, Oct 19-23 #7-#11, Oct 26-30 #12-#16, Nov 2 #17, 3 #18, 4 #19, 5 #20
        -> 2026-11-05. Locally the case waits for the platform's authorization."""
        events = [SUBMIT, {"at": "2026-10-09T10:00", "type": "approve", "by": "省公安厅"}]
        st = replay(
            hubei, "conditional_application", events, as_of="2026-11-06", level="provincial"
        )
        assert (st.state, st.violations) == ("approved", ())
        layer = national(st)
        assert layer.state == "approved"
        (v,) = layer.violations
        assert (v.rule, v.due, v.late_working_days) == (
            "share.provision.after_consent",
            D(2026, 11, 5),
            1,
        )

    def test_the_platform_authorization_is_the_provision(self, hubei: JurisdictionProfile) -> None:
        """Reading layers.local_steps: a local step delivering the data ends the 20 days."""
        events = [
            SUBMIT,
            {"at": "2026-10-09T10:00", "type": "approve", "by": "省公安厅"},
            {"at": "2026-10-09T15:00", "type": "authorize"},
        ]
        st = replay(
            hubei, "conditional_application", events, as_of="2026-11-30", level="provincial"
        )
        assert st.state == "authorized"
        layer = national(st)
        assert (layer.state, layer.violations, layer.not_applicable) == ("provided", (), ())
        assert [d.outcome for d in layer.duties] == ["done", "done"]

    def test_a_national_provide_step_in_a_local_log(self, hubei: JurisdictionProfile) -> None:
        events = [
            SUBMIT,
            {"at": "2026-10-09T10:00", "type": "approve"},
            {"at": "2026-10-20T10:00", "type": "provide"},
        ]
        st = replay(
            hubei, "conditional_application", events, as_of="2026-11-30", level="provincial"
        )
        assert st.state == "approved"
        assert st.trace[2].note is not None
        assert st.trace[2].note.code == "process.step_not_applicable"
        assert national(st).state == "provided"

    def test_a_national_step_no_layer_takes_is_unknown_as_before(
        self, hubei: JurisdictionProfile
    ) -> None:
        """'provide' before any consent: neither layer takes it."""
        events = [SUBMIT, {"at": "2026-10-09", "type": "provide"}]
        with pytest.raises(UnknownEventError) as exc:
            replay(hubei, "conditional_application", events, as_of="2026-10-20", level="provincial")
        assert exc.value.index == 1

    def test_local_errors_come_first(self, hubei: JurisdictionProfile) -> None:
        events = [SUBMIT, {"at": "2026-10-09", "type": "negotiate"}]
        with pytest.raises(EventNotAllowedError):
            replay(hubei, "conditional_application", events, as_of="2026-10-20", level="provincial")


class TestStartDate:
    def test_a_case_started_before_august_2025_has_no_national_layer(
        self, hubei: JurisdictionProfile
    ) -> None:
        """Submitted Thu 2025-07-31: 第四十四条 in force only from 2025-08-01."""
        log = [{"at": "2025-07-31T10:00", "type": "submit"}]
        st = replay(hubei, "conditional_application", log, as_of="2025-09-30", level="provincial")
        assert st.layers == ()

    def test_a_case_started_on_august_1_2025_has_one(self, hubei: JurisdictionProfile) -> None:
        """Submitted Fri 2025-08-01: national 10 working days: Aug 4-8 (#1-#5), Aug 11-15
        (#6-#10) -> 2025-08-15; local 5 -> Aug 8, deemed consent Aug 9 00:00."""
        log = [{"at": "2025-08-01T10:00", "type": "submit"}]
        st = replay(hubei, "conditional_application", log, as_of="2025-08-15", level="provincial")
        assert st.fired[0].due == D(2025, 8, 8)
        (duty,) = national(st).open_duties
        assert duty.due == D(2025, 8, 15)

    def test_no_layer_before_the_case_starts(self, hubei: JurisdictionProfile) -> None:
        st = replay(
            hubei, "conditional_application", [SUBMIT], as_of="2026-09-29", level="provincial"
        )
        assert (st.state, st.layers) == ("start", ())

    def test_a_process_the_national_profile_lacks_has_no_layer(
        self, hubei: JurisdictionProfile
    ) -> None:
        log = [{"at": "2026-09-30", "type": "submit"}]
        st = replay(hubei, "new_data_demand", log, as_of="2026-10-20", level="provincial")
        assert st.layers == ()


class TestXinzhou:
    def test_platform_review_locally_national_ten_from_receipt(
        self, xinzhou: JurisdictionProfile
    ) -> None:
        """Local: platform 2 working days (Oct 8, Oct 9), forwarded Oct 9, provider 5 from the
        forwarding: Oct 10 (Sat), 12, 13, 14, 15 -> Oct 15. National: 10 from the submission
        -> Oct 20; the forwarding is a local-only step (not applicable nationally)."""
        events = [
            {"at": "2026-09-30T10:00", "type": "submit"},
            {"at": "2026-10-09T15:00", "type": "forward"},
        ]
        st = replay(
            xinzhou, "conditional_application", events, as_of="2026-10-16", level="prefectural"
        )
        assert st.state == "provider_review"
        (local_duty,) = st.open_duties
        assert (local_duty.due, local_duty.overdue) == (D(2026, 10, 15), True)
        layer = national(st)
        (duty,) = layer.open_duties
        assert (duty.due, duty.overdue) == (D(2026, 10, 20), False)
        assert layer.not_applicable == (1,)
        assert [r.code for r in layer.readings] == ["layers.local_steps"]

    def test_catalog_update_local_fifteen_national_ten(self, xinzhou: JurisdictionProfile) -> None:
        """Change Wed Sep 30. Local 15 working days (三(二)) -> Oct 27 (#15); national 10
        (第十七条) -> Oct 20. Updated Mon Oct 26: in time locally, 4 working days late
        nationally (Oct 21, 22, 23, 26); the authority's review then runs 2 working days from
        receipt: Oct 27, Oct 28 -> Oct 28."""
        events = [
            {"at": "2026-09-30", "type": "legal_change"},
            {"at": "2026-10-26T10:00", "type": "update"},
        ]
        st = replay(xinzhou, "catalog_update", events, as_of="2026-10-27", level="prefectural")
        assert (st.state, st.violations) == ("updated", ())
        assert st.duties[0].due == D(2026, 10, 27)
        layer = national(st)
        assert layer.state == "authority_review"
        (v,) = layer.violations
        assert (v.due, v.late_working_days, v.ongoing) == (D(2026, 10, 20), 4, False)
        (review,) = layer.open_duties
        assert (review.actor, review.due) == ("same_level_authority", D(2026, 10, 28))

    def test_unconditional_obtain_is_still_unknown(self, xinzhou: JurisdictionProfile) -> None:
        """National 'obtain' comes only after a consent: at the start no layer takes it."""
        with pytest.raises(UnknownEventError):
            replay(
                xinzhou,
                "unconditional_access",
                [{"at": "2026-09-30T10:00", "type": "obtain"}],
                as_of="2026-10-20",
                level="prefectural",
            )


class TestLiuzhou:
    def test_a_refusal_without_reasons_does_not_count_nationally(
        self, liuzhou: JurisdictionProfile
    ) -> None:
        """Liuzhou needs no reasons; 第二十一条 does: nationally the reply is still due Oct 20
        (and 1 working day late at Oct 21)."""
        events = [
            {"at": "2026-09-30T10:00", "type": "submit"},
            {"at": "2026-10-09T10:00", "type": "refuse"},
        ]
        st = replay(
            liuzhou, "conditional_application", events, as_of="2026-10-21", level="prefectural"
        )
        assert st.state == "refused"
        layer = national(st)
        assert layer.state == "provider_review"
        assert layer.trace[1].note is not None
        assert layer.trace[1].note.code == "process.step_not_applicable_missing_field"
        assert "理由" in layer.trace[1].note.zh
        (v,) = layer.violations
        assert (v.due, v.late_working_days) == (D(2026, 10, 20), 1)

    def test_the_push_is_the_provision(self, liuzhou: JurisdictionProfile) -> None:
        events = [
            {"at": "2026-09-30T10:00", "type": "submit"},
            {"at": "2026-10-09T10:00", "type": "approve"},
            {"at": "2026-10-12T10:00", "type": "push"},
        ]
        st = replay(
            liuzhou, "conditional_application", events, as_of="2026-11-30", level="prefectural"
        )
        assert st.state == "delivered"
        assert (national(st).state, national(st).violations) == ("provided", ())

    def test_correction_local_investigation_is_not_a_national_step(
        self, liuzhou: JurisdictionProfile
    ) -> None:
        """National 10 working days from the report (第二十六条): Sep 30 -> Oct 20."""
        events = [
            {"at": "2026-09-30T10:00", "type": "report"},
            {"at": "2026-10-08T10:00", "type": "finish_investigation"},
        ]
        st = replay(liuzhou, "quality_correction", events, as_of="2026-10-09", level="prefectural")
        assert st.state == "correction"
        layer = national(st)
        assert (layer.state, layer.not_applicable) == ("provider_check", (1,))
        assert layer.open_duties[0].due == D(2026, 10, 20)


def test_layers_are_in_the_json(hubei: JurisdictionProfile) -> None:
    st = replay(hubei, "conditional_application", [SUBMIT], as_of="2026-10-23", level="provincial")
    doc = json.loads(json.dumps(TypeAdapter(ProcessStatus).dump_python(st, mode="json")))
    (layer,) = doc["layers"]
    assert layer["profile"] == "national"
    assert layer["violations"][0]["due"] == "2026-10-20"
    assert layer["readings"][0]["code"] == "layers.local_deemed_consent"
    assert doc["state"] == "authorized"
