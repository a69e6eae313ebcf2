"""Access decisions: the issue's cases, each against the text it rests on.

Due dates from a request on Wed 2026-09-30 (国办发明电〔2025〕7号: Oct 1-7 rest, Sat Oct 10
worked): working day 2 = Oct 9, 5 = Oct 13; Xinzhou's provider has 5 working days from the
platform's latest forwarding day Oct 9: Oct 10, 12, 13, 14, 15 -> Oct 15.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from govshare import load_profile
from govshare.access import Resource, decide_access, load_access_request
from govshare.errors import DataFileError, InputError
from govshare.profiles import NoRuleInForceError

HB, XZ, LZ = (load_profile(n) for n in ("hubei", "xinzhou", "liuzhou"))
DAY = "2026-09-30"


def res(**kw: Any) -> dict[str, Any]:
    return {
        "name": "数据",
        "provider": "提供部门",
        "share_type": "conditional",
        "legal_basis": "某法第十条",
        "conditions": "限定场景",
        **kw,
    }


def test_hubei_dedicated_data_outside_its_list_goes_to_the_original_provider() -> None:
    """Rules 第十五条(三): others apply to the original provider; no reply deadline stated."""
    d = decide_access(
        HB,
        res(provider="省市场监管局", dedicated_to=["省卫健委"]),
        "省民政厅",
        as_of=DAY,
        level="provincial",
    )
    assert d.path == "application"
    assert d.process == "conditional_application"
    assert [(r.name, r.role) for r in d.reviewers] == [("省市场监管局", "provider")]
    assert {(s.source.article, s.source.clause) for s in d.steps} == {("第十五条", "(三)")}
    assert all(s.due is None for s in d.steps)
    assert any("no reply deadline" in w.en for w in d.warnings)
    assert "原始数据提供部门" in d.zh
    assert "第十五条(三)" in d.zh
    assert "original provider" in d.en


def test_hubei_dedicated_data_for_a_listed_department_is_direct() -> None:
    d = decide_access(HB, res(dedicated_to=["省卫健委"]), "省卫健委", as_of=DAY, level="provincial")
    assert d.path == "direct"


def test_xinzhou_dedicated_data_for_a_listed_department_needs_no_application() -> None:
    """五(四)4: 属于专用范围内的使用部门无需走申请审核流程，可直接通过平台实现共享."""
    d = decide_access(
        XZ, res(dedicated_to=["市民政局"]), "市民政局", as_of=DAY, level="prefectural"
    )
    assert d.path == "direct"
    assert d.process is None
    assert (d.steps[0].source.article, d.steps[0].source.clause) == ("五", "(四)4")
    assert "无需申请" in d.zh


def test_xinzhou_dedicated_data_for_others_follows_the_normal_path_with_a_warning() -> None:
    d = decide_access(
        XZ, res(dedicated_to=["市民政局"]), "市公安局", as_of=DAY, level="prefectural"
    )
    assert d.path == "application"
    assert any("not stated" in w.en for w in d.warnings)


def test_hubei_fused_data_with_mixed_inputs() -> None:
    """Rules 第十五条(二): the lead reviews fusion-authorized inputs; each other provider too."""
    fusion = {
        "lead": "省大数据中心",
        "inputs": [
            {"provider": "省公安厅", "fusion_authorized": True},
            {"provider": "省自然资源厅", "fusion_authorized": True},
            {"provider": "省民政厅", "fusion_authorized": False},
            {"provider": "省人社厅", "fusion_authorized": False},
        ],
    }
    d = decide_access(
        HB, res(provider="省大数据中心", fusion=fusion), "省卫健委", as_of=DAY, level="provincial"
    )
    assert d.path == "application"
    assert [(r.name, r.role) for r in d.reviewers] == [
        ("省大数据中心", "lead"),
        ("省民政厅", "joint"),
        ("省人社厅", "joint"),
    ]
    assert all(r.source is not None and r.source.clause == "(二)" for r in d.reviewers)
    assert [s.due for s in d.steps] == [dt.date(2026, 10, 13)] * 3
    assert d.on_timeout == "deemed_consent"
    assert "联合授权" in d.zh
    assert "每一审核方" in d.zh


def test_fused_data_where_no_joint_rule_exists_is_reviewed_by_its_provider() -> None:
    fusion = {
        "lead": "市大数据中心",
        "inputs": [{"provider": "市公安局", "fusion_authorized": False}],
    }
    d = decide_access(
        XZ, res(provider="市大数据中心", fusion=fusion), "市民政局", as_of=DAY, level="prefectural"
    )
    assert [r.name for r in d.reviewers] == ["市大数据中心"]
    assert any("joint" in w.en for w in d.warnings)


@pytest.mark.parametrize("share_type", ["conditional", "not_shared"])
def test_liuzhou_restricted_class_without_legal_basis_is_a_finding_not_a_refusal(
    share_type: str,
) -> None:
    """第二十二条: ……须提供相应的法律、法规或党中央、国务院政策依据，否则应当无条件共享."""
    d = decide_access(
        LZ,
        res(share_type=share_type, legal_basis=None, provider="市公安局"),
        "市民政局",
        as_of=DAY,
        level="prefectural",
    )
    assert d.path == "direct"
    (finding,) = d.findings
    assert finding.against == "市公安局"
    assert finding.source.article == "第二十二条"
    assert "应当无条件共享" in finding.zh
    assert "must be shared unconditionally" in d.en


def test_liuzhou_conditional_with_basis_is_an_application_of_three_days() -> None:
    """第二十六条(二): 3 working days -> Oct 8, 9, 10 (Sat, worked) -> Oct 10."""
    d = decide_access(LZ, res(), "市民政局", as_of=DAY, level="prefectural")
    assert d.path == "application"
    assert d.steps[-1].due == dt.date(2026, 10, 10)
    assert d.on_timeout == "not_specified"


def test_liuzhou_conditional_without_stated_conditions_is_a_finding() -> None:
    d = decide_access(LZ, res(conditions=None), "市民政局", as_of=DAY, level="prefectural")
    assert d.path == "application"
    assert [f.source.article for f in d.findings] == ["第二十二条"]


def test_hubei_negative_list_is_not_shareable_with_escalation() -> None:
    """Order 第二十三条: negative list; the requester may still seek coordination."""
    d = decide_access(
        HB,
        res(share_type="not_shared", negative_list=True),
        "省民政厅",
        as_of=DAY,
        level="provincial",
    )
    assert d.path == "not_shareable"
    assert d.process is None
    assert d.steps[0].source.article == "第二十三条"
    assert d.escalation
    assert "负面清单" in d.zh
    assert "不予共享" in d.zh


def test_xinzhou_application_chains_platform_and_provider_deadlines() -> None:
    d = decide_access(XZ, res(), "市民政局", as_of=DAY, level="prefectural")
    assert [s.due for s in d.steps] == [dt.date(2026, 10, 9), dt.date(2026, 10, 15)]
    assert d.on_timeout == "not_specified"
    assert "不视为同意" in d.zh or "未规定视为同意" in d.zh
    assert d.escalation[0].en == "negotiate with the provider"


def test_unconditional_paths_differ_by_document_in_force() -> None:
    u = res(share_type="unconditional")
    assert decide_access(HB, u, "A", as_of=DAY, level="provincial").path == "filing"
    assert decide_access(HB, u, "A", as_of=DAY, level="prefectural").path == "direct"
    x = decide_access(XZ, u, "A", as_of=DAY, level="prefectural")
    assert x.path == "conformity_review"
    assert x.steps[0].due == dt.date(2026, 10, 9)


def test_delegated_review() -> None:
    d = decide_access(HB, res(delegate="省大数据中心"), "A", as_of=DAY, level="provincial")
    assert [(r.name, r.role) for r in d.reviewers] == [("省大数据中心", "delegate")]
    d = decide_access(LZ, res(delegate="市信息中心"), "A", as_of=DAY, level="prefectural")
    assert [r.role for r in d.reviewers] == ["provider"]
    assert any("delegated" in w.en for w in d.warnings)


def test_bad_input() -> None:
    with pytest.raises(InputError, match=r"resource\.share_type") as err:
        decide_access(HB, res(share_type="secret"), "A", as_of=DAY, level="provincial")
    assert err.value.value == "secret"
    with pytest.raises(InputError, match="requester"):
        decide_access(HB, res(), " ", as_of=DAY, level="provincial")
    with pytest.raises(NoRuleInForceError):
        decide_access(XZ, res(), "A", as_of="2027-02-01", level="prefectural")


def test_request_file_errors_name_file_and_line() -> None:
    text = (
        "requester: A\nlevel: provincial\nas_of: 2026-09-30\nresource:\n  name: x\n"
        "  provider: y\n  share_type: conditional\n  colour: red\n"
    )
    with pytest.raises(DataFileError) as err:
        load_access_request("req.yaml", text=text)
    assert (err.value.file, err.value.line) == ("req.yaml", 8)


def test_xinzhou_not_shared_data_has_no_requester_remedy() -> None:
    """五(三)3's negotiation is for conditional data the provider refused (属于有条件共享但
    提供部门不予共享); for data classed not shared the provider answers to the authority
    (二(一)) and must give its reasons and basis (四(二)3)."""
    no_basis = res(share_type="not_shared", legal_basis=None)
    d = decide_access(XZ, no_basis, "市民政局", as_of=DAY, level="prefectural")
    assert d.path == "not_shareable"
    assert d.escalation == ()
    (finding,) = d.findings
    assert (finding.against, finding.source.article, finding.source.clause) == (
        "提供部门",
        "四",
        "(二)3",
    )
    with_basis = res(share_type="not_shared")
    assert decide_access(XZ, with_basis, "市民政局", as_of=DAY, level="prefectural").findings == ()


@pytest.mark.parametrize(
    ("profile", "level"), [(LZ, "provincial"), (LZ, "county"), (XZ, "provincial")]
)
def test_no_document_in_force_at_the_level_is_an_error(profile: Any, level: str) -> None:
    """Liuzhou's rules bind the city (a county only where adopted); Xinzhou's the city and
    its counties: no path is decided where nothing applies."""
    with pytest.raises(NoRuleInForceError, match=r"share\.types"):
        decide_access(profile, res(share_type="unconditional"), "A", as_of=DAY, level=level)


def test_the_review_step_shows_the_national_ceiling() -> None:
    """Hubei provincial, conditional data, 2026-09-30: the provider's 5 working days (rules
    第十四条(二): 10-08, 10-09, 10-10 make-up, 10-12, 10-13) with the national 10 (第二十一条:
    ... 10-19, 10-20) beside them as the ceiling."""
    decision = decide_access(
        load_profile("hubei"),
        Resource(
            name="社会保障卡信息",
            provider="省人社厅",
            share_type="conditional",
            legal_basis="《社会保险法》",
            conditions="仅限救助审核",
        ),
        "省民政厅",
        as_of="2026-09-30",
        level="provincial",
    )
    step = decision.steps[0]
    assert step.due == dt.date(2026, 10, 13)
    (ceiling,) = step.layers
    assert (ceiling.profile, ceiling.relation, ceiling.due) == (
        "national",
        "ceiling",
        dt.date(2026, 10, 20),
    )
