"""Layers of law: the national regulation (国务院令第809号) under the local profiles.

Expected dates are counted by hand from 国办发明电〔2025〕7号 (2026): 中秋 and 国庆 rest
days 2026-09-25..27 and 2026-10-01..07; make-up working days 2026-09-20 (Sun) and
2026-10-10 (Sat). The start day is not counted (民法典 第二百零一条).
"""

from __future__ import annotations

import datetime as dt

import pytest

from govshare import load_profile
from govshare.profiles import NoRuleInForceError, provisions

REPLY = "share.conditional.provider_reply"


def _relations(layered: object) -> dict[str, str]:
    return {p.profile: p.relation for p in layered.provisions}  # type: ignore[attr-defined]


def test_hubei_provincial_reply_binds_under_the_national_ceiling() -> None:
    # received Wed 2026-09-30. Local (rules 第十四条(二)) 5 working days:
    # 10-08 1, 10-09 2, 10-10 3 (make-up Sat), 10-12 4, 10-13 5 -> 2026-10-13.
    # National (第二十一条) 10: 10-14 6, 10-15 7, 10-16 8, 10-19 9, 10-20 10 -> 2026-10-20;
    # an approved extension of at most 10 more: 10-21 1, 10-22 2, 10-23 3, 10-26 4, 10-27 5,
    # 10-28 6, 10-29 7, 10-30 8, 11-02 9, 11-03 10 -> 2026-11-03.
    dl = load_profile("hubei").deadline(REPLY, "2026-09-30", level="provincial")
    assert dl.due == dt.date(2026, 10, 13)
    assert dl.source.short == "鄂政务办发〔2021〕1号 第十四条(二)"
    (ceiling,) = dl.ceilings
    assert ceiling.profile == "national"
    assert ceiling.due == dt.date(2026, 10, 20)
    assert ceiling.source.article == "第二十一条"
    assert ceiling.rank == "administrative_regulation"
    assert ceiling.extension is not None
    assert ceiling.extension.due == dt.date(2026, 11, 3)
    assert ceiling.extension.approval_by == "same_level_authority"
    assert dl.conflicts == ()
    assert "layers.shorter_local_binds" in {r.code for r in dl.readings}
    # the profile's own documents alone: what the local process runs on
    assert load_profile("hubei").own_deadline(REPLY, "2026-09-30", level="provincial").layers == ()


def test_hubei_prefectural_reply_equals_the_ceiling() -> None:
    # Order 419 第二十条: 10 working days, the same as the national 10 -> both 2026-10-20;
    # a tie goes to the nearer (local) layer, the national one is the ceiling.
    dl = load_profile("hubei").deadline(REPLY, "2026-09-30", level="prefectural")
    assert dl.due == dt.date(2026, 10, 20)
    assert dl.source.doc == "hb-order-419"
    assert [c.due for c in dl.ceilings] == [dt.date(2026, 10, 20)]


def test_a_ceiling_beyond_the_calendar_is_left_out_with_a_warning() -> None:
    # Hubei provincial, received Mon 2026-12-21: local 5 working days 12-22 1, 12-23 2,
    # 12-24 3, 12-25 4, 12-28 5 -> 2026-12-28; the national 10 would need January 2027,
    # whose official arrangement is not loaded: the local deadline stands, with a warning.
    dl = load_profile("hubei").deadline(REPLY, "2026-12-21", level="provincial")
    assert dl.due == dt.date(2026, 12, 28)
    assert dl.ceilings == ()
    assert "layers.beyond_calendar" in {w.code for w in dl.warnings}


def test_before_the_national_regulation_only_the_local_rule_answers() -> None:
    # 2025-07-31: 第四十四条 「本条例自2025年8月1日起施行」 -> national not in force.
    layered = provisions(load_profile("hubei"), REPLY, as_of="2025-07-31", level="provincial")
    assert _relations(layered)["national"] == "not_in_force"
    assert layered.binding.source.doc == "hb-rules-2021"


def test_deemed_consent_and_the_national_violation_apply_together() -> None:
    layered = provisions(
        load_profile("hubei"),
        "share.conditional.on_reply_timeout",
        as_of="2026-09-30",
        level="provincial",
    )
    rel = _relations(layered)
    assert rel["hubei"] == "binds"
    assert rel["national"] == "alongside"
    assert layered.binding.value is not None
    assert getattr(layered.binding.value, "on_timeout", None) == "deemed_consent"
    assert "layers.consequences_add_up" in {r.code for r in layered.readings}


def test_xinzhou_after_its_opinion_expires_the_national_rule_answers_alone() -> None:
    # xz-2022-3 is in force until 2027-01-05; on 2027-01-06 only the national rule is.
    xinzhou = load_profile("xinzhou")
    with pytest.raises(NoRuleInForceError):
        xinzhou.rule(REPLY, as_of="2027-01-06", level="prefectural")
    layered = provisions(xinzhou, REPLY, as_of="2027-01-06", level="prefectural")
    assert layered.binding.source.doc == "cn-809"
    rel = _relations(layered)
    assert rel == {"xinzhou": "not_in_force", "national": "alone"}
    assert "layers.upper_answers_alone" in {r.code for r in layered.readings}


def test_xinzhou_longer_catalog_update_yields_to_the_national_limit() -> None:
    # Xinzhou 15 working days against the national 10 (第十七条): the national binds and
    # the local one is reported as a conflict.
    layered = provisions(
        load_profile("xinzhou"),
        "catalog.update_after_legal_change",
        as_of="2026-09-30",
        level="prefectural",
    )
    assert layered.binding.source.doc == "cn-809"
    assert [c.profile for c in layered.conflicts] == ["xinzhou"]
    assert "layers.longer_local_yields" in {r.code for r in layered.readings}


def test_the_national_ceiling_counts_the_working_days_of_the_place() -> None:
    # Liuzhou, received Wed 2026-04-15; the Guangxi calendar rests on 壮族三月三 (Fri 4-17
    # and Mon 4-20, overlay) besides 劳动节 (5-01..5-05) and works Sat 5-09 (make-up).
    # Local 第二十六条(二) 3 working days: 4-16 1, 4-21 2, 4-22 3 -> 2026-04-22.
    # National 10, counted in Guangxi: 4-16 1, 4-21 2, 4-22 3, 4-23 4, 4-24 5, 4-27 6, 4-28 7,
    # 4-29 8, 4-30 9, 5-06 10 -> 2026-05-06 (on the national calendar it would be 4-29).
    # Extension of 10 more: 5-07 1, 5-08 2, 5-09 3, 5-11 4 ... 5-15 8, 5-18 9, 5-19 10.
    dl = load_profile("liuzhou").deadline(REPLY, "2026-04-15", level="prefectural")
    assert dl.due == dt.date(2026, 4, 22)
    (ceiling,) = dl.ceilings
    assert ceiling.due == dt.date(2026, 5, 6)
    assert ceiling.extension is not None
    assert ceiling.extension.due == dt.date(2026, 5, 19)
