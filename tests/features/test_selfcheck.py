"""Self-assessment against the Shanxi draft standard: met, not met, no evidence, time fit.

Expected statuses are read from the draft's clauses (e.g. 11.2 应明确...安全管理责任人员并...
完成...备案: an officer named but not registered is not met). Time fit: Xinzhou 五(三)2
「提供部门应在５个工作日内予以答复」 gives 5 working days (read from the seed), so 4 + 2 = 6
exceeds it and 3 + 1 = 4 fits. Dates from Wed 2026-09-30 (国办发明电〔2025〕7号: 国庆 10/1-7
off, Sat 10/10 worked): 10/8(1) 10/9(2) 10/10 Sat makeup(3) 10/12(4) 10/13(5) 10/14(6).
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from govshare import load_profile
from govshare._kernel.yamlio import load_yaml
from govshare.cli.main import main
from govshare.errors import DataFileError, InputError
from govshare.features.selfcheck import (
    Department,
    SelfCheckReport,
    check_department,
    department_schema,
    load_department,
)
from govshare.profiles._model import ChecklistItem
from govshare.render.registry import render

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent / "selfcheck"
COMPLETE = HERE / "complete.yaml"
EXAMPLE = ROOT / "docs" / "examples" / "department.yaml"
STD = load_profile("shanxi_std")
ALL_IDS = [i.id for i in STD.model.checklist]
DAY = dt.date(2026, 9, 30)
VOCAB = STD.model.selfcheck
assert VOCAB is not None
ORG_ROLES = VOCAB.organization_roles
DUTIES = VOCAB.duties
PERSON_ROLES = VOCAB.person_roles
PROCEDURE_KINDS = VOCAB.procedure_kinds
ASPECTS = VOCAB.aspects


def render_report(
    report: SelfCheckReport, fmt: str = "table", *, lang: str = "zh", strict: bool = False
) -> str:
    out = render(report, fmt, lang=lang, strict=strict)
    assert isinstance(out, str)
    return out


def base() -> dict[str, Any]:
    """The complete department (every item met) as plain data, to vary per test."""
    return copy.deepcopy(load_yaml(COMPLETE).data)


def run(data: dict[str, Any], **kw: Any) -> SelfCheckReport:
    return check_department(STD, Department.model_validate(data), **kw)


def status(report: SelfCheckReport) -> dict[str, str]:
    return {i.id: i.status for i in report.items}


def item(report: SelfCheckReport, item_id: str) -> Any:
    return next(i for i in report.items if i.id == item_id)


def proc(data: dict[str, Any], kind: str) -> dict[str, Any]:
    return next(p for p in data["procedures"] if p["kind"] == kind)


def org(data: dict[str, Any], role: str) -> dict[str, Any]:
    return next(o for o in data["organizations"] if o["role"] == role)


def person(data: dict[str, Any], role: str) -> dict[str, Any]:
    return next(p for p in data["people"] if p["role"] == role)


# -- the profile's checks -------------------------------------------------------------------


def test_every_checklist_item_has_a_check_in_the_department_vocabulary() -> None:
    """58 items (inventory section 10), each with conditions the department format knows."""
    assert len(ALL_IDS) == 58
    assert all(i.check for i in STD.model.checklist)
    # the vocabulary check runs on every call; a complete department meets all 58
    assert status(run(base())) == dict.fromkeys(ALL_IDS, "met")


def test_time_limit_clauses_require_time_limits_on_their_procedures() -> None:
    """7.3 (编制、审核、更新、下线流程和时限) and 9.3-2 (审核响应时限) need limits on steps."""
    timed = {
        i.id: sorted(c.procedure for c in i.check if c.time_limit)
        for i in STD.model.checklist
        if i.sets_time_limit
    }
    assert timed == {
        "7.3": ["catalog_compile", "catalog_offline", "catalog_review", "catalog_update"],
        "9.3-2": ["cross_department_demand_review", "cross_department_resource_review"],
    }


def test_vocabulary_tables_match_the_schema_enums() -> None:
    """The department format's words are the standard's (profiles/shanxi_std.yaml)."""
    schema = json.loads(department_schema(STD))
    defs = schema["$defs"]
    assert set(defs["Organization"]["properties"]["role"]["enum"]) == set(ORG_ROLES)
    assert set(defs["Organization"]["properties"]["duties"]["anyOf"][0]["items"]["enum"]) == set(
        DUTIES
    )
    assert set(defs["Person"]["properties"]["role"]["enum"]) == set(PERSON_ROLES)
    assert set(defs["Procedure"]["properties"]["kind"]["enum"]) == set(PROCEDURE_KINDS)
    assert set(defs["Procedure"]["properties"]["defines"]["anyOf"][0]["items"]["enum"]) == set(
        ASPECTS
    )
    # 21 procedure kinds, 17 duties, 7 measure sections with 7+2+6+6+8+7+6 = 42 measures
    assert (len(PROCEDURE_KINDS), len(DUTIES), len(VOCAB.measures)) == (21, 17, 7)
    assert sum(len(m.facts) for m in VOCAB.measures.values()) == 42


def test_condition_needs_exactly_one_subject_and_its_own_modifiers() -> None:
    with pytest.raises(ValidationError, match="exactly one of"):
        ChecklistItem.Condition(fact="quality.indicators", person="security_officer")
    with pytest.raises(ValidationError, match="exactly one of"):
        ChecklistItem.Condition()
    with pytest.raises(ValidationError, match="registered does not apply to a fact"):
        ChecklistItem.Condition(fact="quality.indicators", registered=True)
    with pytest.raises(ValidationError, match="time_limit: true"):
        ChecklistItem(
            id="x",
            doc="d",
            clause="x",
            quote="q",
            requirement="r",
            sets_time_limit=True,
            check=[ChecklistItem.Condition(procedure="catalog_update")],
        )


def test_a_checklist_naming_an_unknown_fact_is_a_data_file_error(tmp_path: Path) -> None:
    """A standard's condition must name a field of the department format; file:line given."""
    text = (ROOT / "profiles" / "shanxi_std.yaml").read_text("utf-8")
    bad = text.replace(
        "- {fact: quality.complaint_channel}", "- {fact: quality.complaints_channel}", 1
    )
    assert bad != text
    path = tmp_path / "std.yaml"
    path.write_text(bad, "utf-8")
    line = next(n for n, s in enumerate(bad.splitlines(), 1) if "quality.complaints_channel" in s)
    with pytest.raises(DataFileError) as err:
        check_department(str(path), COMPLETE)
    assert (err.value.file, err.value.line) == (str(path), line)
    assert err.value.field.endswith(".fact")
    assert "'10.3'" in str(err.value)
    assert "quality.complaint_channel" in str(err.value)  # the known facts are listed


def test_a_profile_without_a_checklist_is_refused() -> None:
    with pytest.raises(InputError) as err:
        check_department("xinzhou", COMPLETE)
    assert err.value.field == "standard"


# -- met ------------------------------------------------------------------------------------


def test_complete_department_meets_every_item_and_passes() -> None:
    report = check_department("shanxi_std", COMPLETE, serves="xinzhou")
    assert report.counts == {"met": 58, "not_met": 0, "no_evidence": 0}
    assert report.passed
    assert report.complete
    assert report.ok(strict=True)
    assert report.level == "prefectural"
    assert report.as_of == DAY  # from the file


def test_met_items_carry_their_evidence_and_clause() -> None:
    report = run(base())
    a = item(report, "4 a)")
    assert a.evidence == ("2026年政务数据管理自查报告",)
    assert a.source.clause == "4 a)"
    assert a.quote == "应符合《山西省政务数据管理与应用办法》要求"
    assert item(report, "11.2").status == "met"


# -- not met --------------------------------------------------------------------------------


def _unregistered_officer(d: dict[str, Any]) -> None:
    person(d, "security_officer")["registered_with_platform_authority"] = False


def _no_responsibility_unit(d: dict[str, Any]) -> None:
    d["organizations"] = [o for o in d["organizations"] if o["role"] != "responsibility_unit"]


def _no_complaint_channel(d: dict[str, Any]) -> None:
    d["quality"]["complaint_channel"] = False


def _catalog_update_step_without_limit(d: dict[str, Any]) -> None:
    del proc(d, "catalog_update")["steps"][1]["working_days"]


def _no_catalog_dispute_procedure(d: dict[str, Any]) -> None:
    d["procedures"] = [p for p in d["procedures"] if p["kind"] != "catalog_dispute"]


def _review_without_feedback(d: dict[str, Any]) -> None:
    proc(d, "cross_department_resource_review")["defines"] = ["method", "content", "supervision"]


def _unit_not_drafting_rules(d: dict[str, Any]) -> None:
    org(d, "responsibility_unit")["duties"].remove("draft_rules")


@pytest.mark.parametrize(
    ("change", "not_met", "words"),
    [
        (_unregistered_officer, {"11.2"}, "赵强"),
        (
            _no_responsibility_unit,
            # 4 c) 明确责任机构; 6.1 三类机构; 6.2, 6.2-1..6 and 8.2 name its duties
            {"4 c)", "6.1", "6.2", *(f"6.2-{n}" for n in range(1, 7)), "8.2"},
            "政务数据共享管理责任机构",
        ),
        (_no_complaint_channel, {"10.3"}, "数据质量投诉渠道"),
        (_catalog_update_step_without_limit, {"7.3"}, "信息中心审核"),
        (_no_catalog_dispute_procedure, {"7.6"}, "政务数据资源目录争议处理流程"),
        (_review_without_feedback, {"9.3-2"}, "审核结果反馈"),
        (_unit_not_drafting_rules, {"6.2-2"}, "编制政务数据共享管理制度规范"),
    ],
)
def test_not_met(change: Any, not_met: set[str], words: str) -> None:
    data = base()
    change(data)
    report = run(data)
    assert {k for k, v in status(report).items() if v != "met"} == not_met
    assert all(status(report)[k] == "not_met" for k in not_met)
    for k in not_met:
        assert any(words in r.zh for r in item(report, k).reasons), k
    assert not report.passed


def test_not_met_outranks_no_evidence_within_an_item() -> None:
    """4 c): no people described (no evidence) and no responsibility unit (not met)."""
    data = base()
    del data["people"]
    _no_responsibility_unit(data)
    it = item(run(data), "4 c)")
    assert it.status == "not_met"
    assert {r.status for r in it.reasons} == {"not_met", "no_evidence"}


# -- no evidence ----------------------------------------------------------------------------


def _no_people(d: dict[str, Any]) -> None:
    del d["people"]


def _no_quality_section(d: dict[str, Any]) -> None:
    del d["quality"]


def _bare_true_for_conformity(d: dict[str, Any]) -> None:
    d["compliance"]["data_management_measures"] = True


def _registration_not_stated(d: dict[str, Any]) -> None:
    del person(d, "security_officer")["registered_with_platform_authority"]


def _duties_not_stated(d: dict[str, Any]) -> None:
    del org(d, "technical_support")["duties"]


def _catalog_update_without_steps(d: dict[str, Any]) -> None:
    del proc(d, "catalog_update")["steps"]


@pytest.mark.parametrize(
    ("change", "no_evidence"),
    [
        # 4 c) 责任人备案, 6.2-6 联系人员信息, 11.2 安全管理责任人员
        (_no_people, {"4 c)", "6.2-6", "11.2"}),
        # 5 c) 质量管理制度, 10.1-10.4
        (_no_quality_section, {"5 c)", "10.1", "10.2", "10.3", "10.4"}),
        # 4 a) conformity with an external text: only a named document shows it
        (_bare_true_for_conformity, {"4 a)"}),
        (_registration_not_stated, {"11.2"}),
        (_duties_not_stated, {"6.4"}),
        (_catalog_update_without_steps, {"7.3"}),
    ],
)
def test_no_evidence(change: Any, no_evidence: set[str]) -> None:
    data = base()
    change(data)
    report = run(data)
    assert {k for k, v in status(report).items() if v != "met"} == no_evidence
    assert all(status(report)[k] == "no_evidence" for k in no_evidence)
    assert report.passed  # no evidence does not fail ...
    assert not report.ok(strict=True)  # ... unless strict


def test_an_empty_description_has_no_evidence_for_anything() -> None:
    data = {"schema": "govshare-department/1", "department": "某局", "level": "county"}
    report = run(data, as_of="2026-09-30")
    assert report.counts == {"met": 0, "not_met": 0, "no_evidence": 58}
    assert report.passed
    assert not report.complete


def test_an_explicitly_empty_list_is_read_as_complete() -> None:
    """procedures: [] says the department has none: every procedure item is not met."""
    data = base()
    data["procedures"] = []
    report = run(data)
    needs_procedure = {i.id for i in STD.model.checklist if any(c.procedure for c in i.check)}
    assert {k for k, v in status(report).items() if v == "not_met"} == needs_procedure
    assert {"7.3", "7.6", "8.3.1 b)", "9.3-2", "10.4"} <= needs_procedure


# -- time fit -------------------------------------------------------------------------------


def test_time_fit_finding_4_plus_2_exceeds_xinzhou_5_working_days() -> None:
    """The inventory's case: review 4 + sign-off 2 = 6 > 5 (Xinzhou 五(三)2), citing both."""
    report = check_department("shanxi_std", EXAMPLE, serves="xinzhou", start="2026-09-30")
    (fit,) = report.findings
    assert fit.status == "exceeds"
    assert fit.serves == "share.conditional.provider_reply"
    assert (fit.internal_working_days, fit.external_working_days) == (6, 5)
    assert fit.steps == (("业务科室审核", 4), ("分管领导签批", 2))
    ext = fit.external
    assert ext is not None
    assert (ext.doc, ext.number, ext.article, ext.clause) == (
        "xz-2022-3",
        "忻政办发〔2022〕3号",
        "五",
        "(三)2",
    )
    assert ext.quote == "提供部门应在５个工作日内予以答复"
    assert [(s.doc, s.clause) for s in fit.standard] == [("sx-std-draft", "9.3")]
    assert "审核响应时限" in (fit.standard[0].quote or "")
    for text in (fit.zh, fit.en):
        assert "忻政办发〔2022〕3号 五(三)2" in text
        assert "提供部门应在５个工作日内予以答复" in text
        assert "政务数据共享 部门内部管理规范 9.3" in text
        assert "4 + 2 = 6" in text
    # 10/8(1) 10/9(2) 10/10 Sat makeup(3) 10/12(4) 10/13(5) 10/14(6)
    assert fit.sample is not None
    assert fit.sample.external_due == dt.date(2026, 10, 13)
    assert fit.sample.internal_end == dt.date(2026, 10, 14)
    assert not report.passed


def test_catalog_procedure_cites_7_3_when_it_overruns() -> None:
    """Xinzhou 三(二): catalog updated within 15 working days; 10 + 6 = 16 does not fit."""
    data = base()
    p = proc(data, "catalog_update")
    p["serves"] = "catalog.update_after_legal_change"
    p["steps"] = [{"name": "修订", "working_days": 10}, {"name": "审核", "working_days": 6}]
    (fit,) = run(data, serves="xinzhou").findings
    assert (fit.internal_working_days, fit.external_working_days) == (16, 15)
    assert [s.clause for s in fit.standard] == ["7.3"]
    assert fit.external is not None
    assert (fit.external.article, fit.external.clause) == ("三", "(二)")


def test_a_fitting_procedure_has_no_finding() -> None:
    """3 + 1 = 4 <= 5: no finding; ends 10/12 (4th working day), due 10/13 (5th)."""
    report = check_department("shanxi_std", COMPLETE, serves="xinzhou", start=DAY)
    (fit,) = report.time_fit
    assert fit.status == "fits"
    assert not fit.finding
    assert fit.internal_working_days == 4
    assert fit.sample is not None
    assert (fit.sample.internal_end, fit.sample.external_due) == (
        dt.date(2026, 10, 12),
        dt.date(2026, 10, 13),
    )
    assert report.findings == ()
    assert report.passed


def _serving(steps: list[dict[str, Any]], key: str = "share.conditional.provider_reply") -> Any:
    data = base()
    p = proc(data, "cross_department_resource_review")
    p["steps"] = steps
    p["serves"] = key
    return data


def test_exactly_the_external_period_fits() -> None:
    data = _serving([{"name": "a", "working_days": 4}, {"name": "b", "working_days": 1}])
    (fit,) = run(data, serves="xinzhou").time_fit
    assert fit.status == "fits"


def test_a_step_without_a_time_limit_is_an_unbounded_finding() -> None:
    data = _serving([{"name": "审核", "working_days": 2}, {"name": "签批"}])
    report = run(data, serves="xinzhou")
    (fit,) = report.findings
    assert fit.status == "unbounded"
    assert "签批" in fit.zh
    assert item(report, "9.3-2").status == "not_met"


def test_a_procedure_without_steps_is_not_compared() -> None:
    data = base()
    p = proc(data, "cross_department_resource_review")
    del p["steps"]
    report = run(data, serves="xinzhou")
    (fit,) = report.time_fit
    assert fit.status == "not_comparable"
    assert not fit.finding
    assert report.findings == ()


@pytest.mark.parametrize(
    ("key", "level", "as_of", "words"),
    [
        # Xinzhou 五(五): 及时反馈 (promptly), not working days
        ("quality.report_window", None, None, "only working days"),
        # Xinzhou is silent on new data demands (not_specified)
        ("demand.new_data.reply", None, None, "not specified"),
        # Xinzhou's rules apply at prefectural and county level only
        ("share.conditional.provider_reply", "provincial", None, "applies at"),
        # in force until 2027-01-05 (八(二) 有效期5年)
        ("share.conditional.provider_reply", None, "2027-01-06", "expired"),
    ],
)
def test_external_rules_that_cannot_be_compared_give_a_note(
    key: str, level: str | None, as_of: str | None, words: str
) -> None:
    data = _serving([{"name": "a", "working_days": 9}], key)
    report = run(data, serves="xinzhou", level=level, as_of=as_of)
    (fit,) = report.time_fit
    assert fit.status == "not_comparable"
    assert words in fit.en
    assert report.findings == ()


def test_serves_without_a_serving_procedure_warns() -> None:
    data = base()
    del proc(data, "cross_department_resource_review")["serves"]
    report = run(data, serves="xinzhou")
    assert report.time_fit == ()
    assert any("serves: RULE_KEY" in w.en for w in report.warnings)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=6), min_size=1, max_size=4))
def test_finding_exactly_when_the_steps_add_up_to_more_than_5(days: list[int]) -> None:
    data = _serving([{"name": f"s{i}", "working_days": n} for i, n in enumerate(days)])
    (fit,) = run(data, serves="xinzhou", start=DAY).time_fit
    assert fit.finding == (sum(days) > 5)
    assert fit.sample is not None
    assert (fit.sample.internal_end <= fit.sample.external_due) == (sum(days) <= 5)


# -- the department file --------------------------------------------------------------------


def test_unknown_key_is_a_data_file_error_with_file_and_line() -> None:
    with pytest.raises(DataFileError) as err:
        load_department(HERE / "unknown_key.yaml")
    assert (err.value.file, err.value.line) == (str(HERE / "unknown_key.yaml"), 9)
    assert err.value.field == "organizations[0].dutys"
    assert "unknown field" in str(err.value)


def test_unknown_duty_and_rule_key_name_their_lines() -> None:
    text = (
        "schema: govshare-department/1\ndepartment: 某局\nlevel: county\nprocedures:\n"
        "  - kind: catalog_update\n    name: 更新\n    serves: catalog.update_soon\n"
    )
    with pytest.raises(DataFileError) as err:
        load_department("d.yaml", text=text)
    assert (err.value.line, err.value.field) == (7, "procedures[0].serves")
    assert "unknown rule key" in str(err.value)
    text = "schema: govshare-department/1\ndepartment: 某局\nlevel: county\nquality:\n  x: true\n"
    with pytest.raises(DataFileError) as err:
        load_department("d.yaml", text=text, standard=STD)
    assert (err.value.line, err.value.field) == (5, "quality.x")


def test_facts_are_true_false_or_a_document_name() -> None:
    text = (
        "schema: govshare-department/1\ndepartment: 某局\nlevel: county\n"
        "quality:\n  indicators: 1\n"
    )
    with pytest.raises(DataFileError) as err:
        load_department("d.yaml", text=text)
    assert err.value.line == 5


def test_bad_level_and_start_without_serves_are_input_errors() -> None:
    with pytest.raises(InputError) as err:
        run(base(), level="city")
    assert err.value.field == "level"
    with pytest.raises(InputError) as err:
        run(base(), start="2026-09-30")
    assert err.value.field == "start"


def test_department_schema_is_json_schema() -> None:
    schema = json.loads(department_schema(STD))
    assert schema["title"] == "govshare department"
    assert schema["additionalProperties"] is False


# -- output formats -------------------------------------------------------------------------


def _example() -> SelfCheckReport:
    return check_department("shanxi_std", EXAMPLE, serves="xinzhou")


@pytest.mark.parametrize("fmt", ["table", "md", "json", "junit"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_format_says_the_standard_is_a_draft_not_in_force(fmt: str, lang: str) -> None:
    text = render_report(_example(), fmt, lang=lang)
    assert "征求意见稿" in text
    assert ("未生效" if lang == "zh" or fmt == "json" else "not in force") in text


def test_the_notice_comes_from_the_profile_not_from_the_code(tmp_path: Path) -> None:
    """The same checklist marked in force gets no draft notice."""
    text = (ROOT / "profiles" / "shanxi_std.yaml").read_text("utf-8")
    text = text.replace("    status: draft\n", "    status: in_force\n", 1)
    text = text.replace('      - {field: status, quote: "(征求意见稿)"}\n', "", 1)
    path = tmp_path / "std.yaml"
    path.write_text(text, "utf-8")
    report = check_department(str(path), COMPLETE)
    (notice,) = report.notices
    assert (notice.status, notice.in_force) == ("in_force", True)
    for fmt in ("table", "md", "junit"):
        out = render_report(report, fmt, lang="en")
        assert "not in force" not in out
        assert "is in force" in out
    draft = check_department("shanxi_std", COMPLETE).notices[0]
    assert (draft.status, draft.in_force, draft.quote) == ("draft", False, "(征求意见稿)")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_table_fits_100_columns(lang: str) -> None:
    text = render_report(_example(), "table", lang=lang)
    widths = [
        sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)
        for line in text.splitlines()
    ]
    assert max(widths) <= 100
    assert "11.2" in text
    assert ("不符合" if lang == "zh" else "not met") in text


def test_markdown_has_one_row_per_item() -> None:
    text = render_report(_example(), "md", lang="zh")
    rows = [line for line in text.splitlines() if line.startswith("| ") and "|---" not in line]
    assert len(rows) == 1 + 58  # header + items
    assert "**不符合**" in text
    assert "## 时限衔接" in text


def test_json_round_trips_with_verdicts() -> None:
    data = json.loads(render_report(_example(), "json"))
    assert data["schema"] == "govshare-selfcheck/1"
    assert data["standard_name"]["zh"] == "山西省政务数据共享部门内部管理规范（征求意见稿）"
    assert data["counts"] == {"met": 56, "not_met": 1, "no_evidence": 1}
    assert data["passed"] is False
    by_id = {i["id"]: i for i in data["items"]}
    assert by_id["11.2"]["status"] == "not_met"
    assert by_id["10.3"]["status"] == "no_evidence"
    findings = [t for t in data["time_fit"] if t["finding"]]
    assert [(t["internal_working_days"], t["external_working_days"]) for t in findings] == [(6, 5)]
    assert data["notices"][0]["status"] == "draft"


def test_junit_xml_parses_back() -> None:
    """Not met -> failure, no evidence -> skipped, time-fit finding -> failure, note -> skipped."""
    root = ET.fromstring(render_report(_example(), "junit", lang="en"))
    (suite,) = root.findall("testsuite")
    # 58 items + 4 serving procedures (exceeds, not compared, 2 fits)
    assert suite.get("tests") == "62"
    assert suite.get("failures") == "2"
    assert suite.get("skipped") == "2"
    assert "draft" in (suite.get("name") or "")
    props = {p.get("name"): p.get("value") for p in suite.iter("property")}
    assert props["status.sx-std-draft"] == "draft"
    assert "征求意见稿" in (props["notice.sx-std-draft"] or "")
    cases = {c.get("name"): c for c in suite.findall("testcase")}
    failure = cases["11.2"].find("failure")
    assert failure is not None
    assert "赵强" in (failure.get("message") or "")
    assert cases["10.3"].find("skipped") is not None
    assert cases["4 a)"].find("failure") is None
    assert cases["4 a)"].find("skipped") is None
    fit = next(c for n, c in cases.items() if n and "share.conditional.provider_reply" in n)
    assert fit.get("classname") == "shanxi_std.time_fit"
    assert "忻政办发〔2022〕3号 五(三)2" in (fit.find("failure").text or "")  # type: ignore[union-attr]


# -- command line ---------------------------------------------------------------------------


def test_cli_exit_0_when_everything_is_met(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "shanxi_std", str(COMPLETE), "--serves", "xinzhou"]) == 0
    out = capsys.readouterr().out
    assert "符合 58，不符合 0，无证据 0；时限衔接问题 0 — 通过" in out
    assert "征求意见稿" in out


def test_cli_exit_1_on_not_met_and_time_fit(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out_file = tmp_path / "report.xml"
    code = main(
        [
            "check",
            "shanxi_std",
            str(EXAMPLE),
            "--serves",
            "xinzhou",
            "--format",
            "junit",
            "-o",
            str(out_file),
        ]
    )
    assert code == 1
    assert "未通过" in capsys.readouterr().out
    assert ET.parse(out_file).getroot().tag == "testsuites"


def test_cli_time_fit_alone_fails(tmp_path: Path) -> None:
    """Everything met but 4 + 2 > 5: exit 1."""
    data = _serving([{"name": "审核", "working_days": 4}, {"name": "签批", "working_days": 2}])
    dept = tmp_path / "d.yaml"
    dept.write_text(json.dumps(data, ensure_ascii=False), "utf-8")  # JSON is YAML
    assert main(["check", "shanxi_std", str(dept), "--json"]) == 0  # no --serves: no time fit
    assert main(["check", "shanxi_std", str(dept), "--serves", "xinzhou", "--json"]) == 1


def test_cli_strict_fails_on_no_evidence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = base()
    del data["quality"]["complaint_channel"]
    dept = tmp_path / "d.yaml"
    dept.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    assert main(["check", "shanxi_std", str(dept)]) == 0
    assert main(["check", "shanxi_std", str(dept), "--strict", "--lang", "en"]) == 1
    assert "strict" in capsys.readouterr().out


def test_cli_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "shanxi_std", str(HERE / "unknown_key.yaml")]) == 1
    err = capsys.readouterr().err
    assert f"{HERE / 'unknown_key.yaml'}:9" in err
    assert main(["check", "shanxi_std", str(COMPLETE), "--format", "xml"]) == 2
    assert main(["check", "shanxi_std", str(COMPLETE), "--level", "city"]) == 2


# -- docs -----------------------------------------------------------------------------------


def test_docs_vocabulary_tables_match_the_code_and_the_profile() -> None:
    """Each row of docs/check.md's vocabulary tables: the word, its meaning, the clauses."""
    docs = (ROOT / "docs" / "check.md").read_text("utf-8")
    items = STD.model.checklist

    def used(pred: Any) -> str:
        return ", ".join(i.id for i in items if any(pred(c) for c in i.check))

    rows = []
    for s, section in VOCAB.measures.items():
        for f, words in section.facts.items():
            name = f"{s}.{f}"
            needs_doc = any(c.fact == name and c.evidence for i in items for c in i.check)
            meaning = f"{words.zh}{' (document name required)' if needs_doc else ''}"
            rows.append(f"| `{name}` | {meaning} | {used(lambda c, n=name: c.fact == n)} |")
    for k, zh in ((k, w.zh) for k, w in ORG_ROLES.items()):
        rows.append(
            f"| `{k}` | {zh} | {used(lambda c, k=k: c.organization == k and c.duty is None)} |"
        )
    for table, attr in ((DUTIES, "duty"), (PERSON_ROLES, "person"), (PROCEDURE_KINDS, "procedure")):
        for k, zh in ((k, w.zh) for k, w in table.items()):
            rows.append(f"| `{k}` | {zh} | {used(lambda c, k=k, a=attr: getattr(c, a) == k)} |")
    for k, zh in ((k, w.zh) for k, w in ASPECTS.items()):
        rows.append(f"| `{k}` | {zh} | {used(lambda c, k=k: k in c.defines)} |")
    missing = [r for r in rows if r not in docs.splitlines()]
    assert missing == []


# -- typed evidence: yes/no facts -----------------------------------------------------------

_HEAD = "schema: govshare-department/1\ndepartment: 某局\nlevel: county\n"


@pytest.mark.parametrize("word", ["no", "off", "yes", "on", "N", "无"])
def test_a_yes_no_word_other_than_true_false_is_an_error_with_file_and_line(word: str) -> None:
    """A defect found by fuzzing: `theme_databases: no` used to count as evidence."""
    text = _HEAD + f"collection:\n  rules: 数据归集规范\n  theme_databases: {word}\n"
    with pytest.raises(DataFileError) as err:
        load_department("d.yaml", text=text, standard=STD)
    assert (err.value.file, err.value.line) == ("d.yaml", 6)
    assert err.value.field == "collection.theme_databases"
    assert "true or false" in str(err.value)


def test_a_yes_no_word_is_refused_for_registration_too() -> None:
    text = _HEAD + "people:\n  - name: 赵强\n    role: security_officer\n"
    text += "    registered_with_platform_authority: no\n"
    with pytest.raises(DataFileError) as err:
        load_department("d.yaml", text=text)
    assert (err.value.line, err.value.field) == (
        7,
        "people[0].registered_with_platform_authority",
    )


def test_cli_names_file_and_line_of_a_yes_no_word(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dept = tmp_path / "d.yaml"
    dept.write_text(_HEAD + "collection:\n  theme_databases: no\n", "utf-8")
    assert main(["check", "shanxi_std", str(dept)]) == 1
    assert f"{dept}:5" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("value", "expected"), [(False, "not_met"), ("否", "not_met"), ("是", "met")]
)
def test_false_and_shi_fou_read_as_yes_no(value: Any, expected: str) -> None:
    """8.2 needs collection.theme_databases; false (or 否) is not met, 是 is met."""
    data = base()
    data["collection"]["theme_databases"] = value
    report = run(data)
    assert {k for k, v in status(report).items() if v != "met"} == (
        {"8.2"} if expected == "not_met" else set()
    )
    assert status(report)["8.2"] == expected


# -- a second standard needs no Python change -----------------------------------------------


def test_a_second_standard_brings_its_own_words(tmp_path: Path) -> None:
    """Another standard's profile with one measure section; its words, not Shanxi's, apply."""
    data = copy.deepcopy(load_yaml(ROOT / "profiles" / "shanxi_std.yaml").data)
    item_10_3 = next(i for i in data["checklist"] if i["id"] == "10.3")
    data["id"] = "other_std"
    data["selfcheck"] = {
        "person_roles": {"data_officer": {"zh": "数据专员", "en": "data officer"}},
        "measures": {
            "complaints": {
                "label": {"zh": "投诉", "en": "complaints"},
                "facts": {"channel": {"zh": "投诉渠道", "en": "complaint channel"}},
            }
        },
    }
    data["checklist"] = [
        {**item_10_3, "check": [{"fact": "complaints.channel"}]},
        {**item_10_3, "id": "x", "check": [{"person": "data_officer"}]},
    ]
    std = tmp_path / "other.yaml"
    std.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    dept = tmp_path / "d.yaml"
    dept.write_text(_HEAD + "complaints:\n  channel: 投诉邮箱\npeople: []\n", "utf-8")
    report = check_department(str(std), dept)
    assert status(report) == {"10.3": "met", "x": "not_met"}
    assert item(report, "10.3").evidence == ("投诉邮箱",)
    assert item(report, "x").reasons[0].zh == "未明确数据专员"
    dept.write_text(_HEAD + "quality:\n  complaint_channel: true\n", "utf-8")
    with pytest.raises(DataFileError) as err:
        check_department(str(std), dept)
    assert (err.value.line, err.value.field) == (4, "quality")


# -- output language and safety ---------------------------------------------------------------

_CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]")


def test_chinese_output_has_no_raw_ids() -> None:
    data = base()
    del data["quality"]
    data["people"] = []
    data["procedures"][0]["steps"][1].pop("working_days")
    del data["organizations"][1]["duties"]
    report = run(data, serves="xinzhou")
    for fmt in ("table", "md"):
        text = render_report(report, fmt, lang="zh")
        assert re.findall(r"\b[a-z]+_[a-z_]+\b", text) == [], fmt
        assert "prefectural" not in text


def test_english_output_has_chinese_only_in_quotes_titles_and_names() -> None:
    """An empty description: every reason is the profile's or the vocabulary's English."""
    report = run({"schema": "govshare-department/1", "department": "Bureau", "level": "county"})
    text = render_report(report, "md", lang="en")
    doc = STD.documents["sx-std-draft"]
    for known in (doc.title, doc.issuer or ""):
        text = text.replace(known, "")
    text = re.sub(r"「[^」]*」|《[^》]*》|\([^)]*[\u4e00-\u9fff][^)]*\)", "", text)
    assert _CJK.findall(text) == []


def test_markdown_escapes_raw_html_and_links_from_the_input() -> None:
    data = base()
    data["department"] = "<img src=x onerror=alert(1)>"
    data["quality"]["complaint_channel"] = "[点我](javascript:alert(1))"
    data["people"][2]["name"] = "<script>x</script>"
    data["people"][2]["registered_with_platform_authority"] = False
    text = render_report(run(data), "md", lang="zh")
    # every < and ] of the input is escaped, so no tag or link survives
    assert re.findall(r"(?<!\\)<(?!br>)", text) == []
    assert re.findall(r"(?<!\\)\]\(javascript:", text) == []
    assert "\\[点我\\](javascript:alert(1))" in text
    assert "\\<script\\>x\\</script\\>" in text
    assert "\\<img src=x onerror=alert(1)\\>" in text
