"""Adoption (参照执行) with a date and a scope: ``adopted=["doc@YYYY-MM-DD"]``.

Hubei rules 第二条: 「各市（州）行政区域内的数据共享可参照本细则执行」. Dates counted by hand
(start day not counted, 民法典 第二百零一条); 2022-02-28 is a Monday with no holiday in
the following two weeks; 2026 National Day rest 10-01..10-07, make-up Sat 10-10.
"""

from __future__ import annotations

import datetime as dt

import pytest

from govshare import load_profile
from govshare.errors import InputError
from govshare.profiles import NoRuleInForceError

KEY = "share.conditional.provider_reply"


@pytest.mark.parametrize("level", ["prefectural", "county"])
def test_adoption_applies_from_its_own_date(level: str) -> None:
    hubei = load_profile("hubei")
    adopted = ["hb-rules-2021@2022-03-01"]
    # before the adoption (Mon 2022-02-28): the order's 10 working days,
    # 3-01 1, 3-02 2, 3-03 3, 3-04 4, 3-07 5, 3-08 6, 3-09 7, 3-10 8, 3-11 9, 3-14 10
    before = hubei.own_deadline(KEY, "2022-02-28", level=level, adopted=adopted)
    assert before.due == dt.date(2022, 3, 14)
    assert before.source.doc == "hb-order-419"
    # from the adoption (Tue 2022-03-01): the rules' 5: 3-02 1, 3-03 2, 3-04 3, 3-07 4, 3-08 5
    after = hubei.own_deadline(KEY, "2022-03-01", level=level, adopted=adopted)
    assert after.due == dt.date(2022, 3, 8)
    assert after.source.doc == "hb-rules-2021"
    # the order is displaced only from the adoption
    assert [d.source.doc for d in after.displaced] == ["hb-order-419"]


def test_adoption_without_a_date_counts_from_the_rules_own_start() -> None:
    hubei = load_profile("hubei")
    rule = hubei.rule(KEY, as_of="2022-02-28", level="prefectural", adopted=["hb-rules-2021"])
    assert rule.source.doc == "hb-rules-2021"


def test_before_the_adoption_the_reason_names_its_date() -> None:
    liuzhou = load_profile("liuzhou")
    with pytest.raises(NoRuleInForceError) as err:
        liuzhou.rule(KEY, as_of="2024-05-01", level="county", adopted=["lz-rules@2025-01-01"])
    codes = {n.code for n in err.value.notices}
    assert "profile.adopted_later" in codes
    assert "2025-01-01" in str(err.value)


def test_an_adoption_that_cannot_apply_is_refused_not_ignored() -> None:
    # xz-2022-3 applies at city and county level and names no level that may adopt it
    xinzhou = load_profile("xinzhou")
    with pytest.raises(InputError) as err:
        xinzhou.rule(KEY, as_of="2026-09-30", level="provincial", adopted=["xz-2022-3"])
    assert "may be adopted at provincial level" in str(err.value)


@pytest.mark.parametrize("bad", ["hb-rules-2021@2022-13-01", "hb-rules-2021@soon", "nosuch"])
def test_malformed_adoptions_name_the_field(bad: str) -> None:
    with pytest.raises(InputError) as err:
        load_profile("hubei").rule(KEY, as_of="2026-09-30", level="county", adopted=[bad])
    assert err.value.field == "adopted"
