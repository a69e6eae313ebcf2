"""A document displaces another only for the parties both bind (issue 12 part 3).

Hubei order 第三十八条: 「市(州)人民政府、省级政务部门应当于每年1月底前…提交…报告」; rules
第二十八条: 「市（州）政务数据主管部门、各省直部门及主题库牵头建设管理部门，应当于每年1月底前
…报告」. The rules displace the order for the provincial departments both name; the city
government, whom only the order names, keeps its duty.
"""

from __future__ import annotations

from govshare import load_profile


def test_the_city_governments_report_stays_beside_the_authoritys() -> None:
    rule = load_profile("hubei").rule(
        "report.annual.departments", as_of="2026-01-31", level="prefectural"
    )
    assert rule.source.short == "鄂政务办发〔2021〕1号 第二十八条"
    assert [d.source.short for d in rule.displaced] == ["湖北省人民政府令第419号 第三十八条"]
    (kept,) = rule.alongside
    assert kept.source.short == "湖北省人民政府令第419号 第三十八条"
    assert kept.parties == ("prefectural_government",)
    assert kept.reason.code == "profile.alongside"


def test_the_general_upstream_route_applies_beside_the_backflow_rule() -> None:
    # order 第二十一条 (a department needing upper-level data goes through its authority)
    # is the general route at every level; rules 第十八条 (a city department's own region's
    # data flowing back) binds city and provincial departments in that case only.
    rule = load_profile("hubei").rule(
        "share.upstream_relay", as_of="2026-09-30", level="prefectural"
    )
    assert rule.source.short == "鄂政务办发〔2021〕1号 第十八条"
    kept = {a.source.short: a.parties for a in rule.alongside}
    assert kept["湖北省人民政府令第419号 第二十一条"] == ("department",)


def test_same_parties_are_displaced_whole() -> None:
    # the February report: the order names the provincial authority, the rules name it too
    # (with the data centre): nothing of the order stays.
    rule = load_profile("hubei").rule(
        "report.annual.province", as_of="2026-02-28", level="provincial"
    )
    assert rule.alongside == ()
    assert rule.displaced
