"""Self-assessment of a department against a standard's checklist (e.g. the Shanxi draft).

A department describes its internal set-up as facts in a ``govshare-department/1`` file
(organizations and their duties, named people and whether they are registered with the
platform authority, written procedures with their steps and time limits, and its catalog,
collection, exchange, quality and security measures). Each checklist item of the standard's
profile says, as data (``check:``), which facts satisfy it. :func:`check_department` reports
each item as ``met``, ``not_met`` or ``no_evidence``, citing the clause and its words.

With ``serves=`` (a jurisdiction profile) it also checks time fit: a procedure that declares
the external rule it serves (``serves: share.conditional.provider_reply``) must finish, step
after step, within the period that rule sets at the department's level.

Reading of a department file: a section or list that is given is read as complete, so what it
leaves out is *not met*; a section, list or field that is left out is *no evidence*.

>>> from govshare.features.selfcheck import check_department
>>> report = check_department(
...     "shanxi_std", "docs/examples/department.yaml", serves="xinzhou", as_of="2026-09-30"
... )
>>> report.counts
{'met': 56, 'not_met': 1, 'no_evidence': 1}
>>> [(t.procedure, t.status) for t in report.findings]
[('跨部门数据资源申请审核流程', 'exceeds')]
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, StrictBool, field_validator

from govshare._kernel.dates import SHANGHAI, DateLike, to_date
from govshare._kernel.messages import Notice, say
from govshare._kernel.model import LEVELS, Level
from govshare._kernel.yamlio import load_yaml, parse_yaml, validate_model
from govshare.errors import DataFileError, DataIssue, InputError
from govshare.profiles import (
    RULE_KEYS,
    JurisdictionProfile,
    NoRuleInForceError,
    Source,
    load_profile,
)
from govshare.profiles._model import ChecklistItem, Document, period_label
from govshare.render.json import jsonable
from govshare.render.junit import JUnitCase, junit_xml

__all__ = [
    "ASPECTS",
    "DUTIES",
    "FORMATS",
    "ORG_ROLES",
    "PERSON_ROLES",
    "PROCEDURE_KINDS",
    "SECTIONS",
    "Catalog",
    "Collection",
    "Compliance",
    "Department",
    "Exchange",
    "ItemResult",
    "Management",
    "Organization",
    "Person",
    "Procedure",
    "Quality",
    "Reason",
    "SampleDates",
    "Security",
    "SelfCheckReport",
    "StatusNotice",
    "Step",
    "TimeFit",
    "check_department",
    "department_schema",
    "load_department",
    "render_report",
    "report_payload",
]

_CFG = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
_Text = Annotated[str, Field(min_length=1)]

# --------------------------------------------------------------------------------------------
# Vocabulary: the words a department file and a checklist's conditions share
# --------------------------------------------------------------------------------------------

OrgRole = Literal["coordination_body", "responsibility_unit", "business_unit", "technical_support"]
#: Organization roles (Shanxi draft 5, 6.1), with their Chinese and English names.
ORG_ROLES: dict[str, tuple[str, str]] = {
    "coordination_body": ("政务数据共享统筹协调组织", "sharing coordination body"),
    "responsibility_unit": ("政务数据共享管理责任机构", "sharing responsibility unit"),
    "business_unit": ("政务数据业务机构", "data business unit"),
    "technical_support": ("政务数据共享技术支持机构", "sharing technical support unit"),
}

Duty = Literal[
    "department_wide_management",
    "decide_major_matters",
    "daily_management",
    "guide_coordinate_supervise",
    "draft_rules",
    "coordinate_catalog",
    "supervise_security",
    "evaluate_and_improve",
    "external_liaison",
    "manage_collection",
    "produce_aggregate_use",
    "raise_demands",
    "respond_to_demands",
    "compile_catalog",
    "security_management",
    "digitize_business",
    "it_support",
]
#: Duties an organization may carry (Shanxi draft 5, 6.2-6.4, 8.2).
DUTIES: dict[str, tuple[str, str]] = {
    "department_wide_management": ("开展政务数据共享全局管理", "department-wide management"),
    "decide_major_matters": ("决策重大事项", "decides major matters"),
    "daily_management": ("承担政务数据共享日常管理职责", "day-to-day management"),
    "guide_coordinate_supervise": (
        "指导、协调和监督开展政务数据共享相关工作",
        "guides, coordinates and supervises",
    ),
    "draft_rules": ("编制政务数据共享管理制度规范", "drafts the sharing rules"),
    "coordinate_catalog": ("协调编制政务数据资源目录", "coordinates the catalog"),
    "supervise_security": ("指导和监督政务数据共享安全管理工作", "supervises security"),
    "evaluate_and_improve": ("开展管理活动效果评估并推动持续改进", "evaluates and improves"),
    "external_liaison": ("代表本部门对外沟通联系", "external liaison"),
    "manage_collection": ("统一负责数据采集和归集管理", "manages collection and aggregation"),
    "produce_aggregate_use": ("政务数据产生、归集与使用", "produces, aggregates and uses data"),
    "raise_demands": ("提出数据使用需求", "raises data demands"),
    "respond_to_demands": ("响应部门内外部数据需求", "responds to data demands"),
    "compile_catalog": ("编制政务数据资源目录", "compiles the catalog"),
    "security_management": ("开展政务数据共享安全管理", "security management"),
    "digitize_business": ("开展业务信息数字化", "digitizes business information"),
    "it_support": ("提供信息化技术管理支持", "IT management support"),
}

PersonRole = Literal["responsible_person", "contact_person", "security_officer"]
#: Named people's roles (Shanxi draft 4 c), 6.2, 11.2).
PERSON_ROLES: dict[str, tuple[str, str]] = {
    "responsible_person": ("政务数据共享责任人", "responsible person"),
    "contact_person": ("政务数据共享联系人", "contact person"),
    "security_officer": ("政务数据共享安全管理责任人员", "sharing security officer"),
}

ProcedureKind = Literal[
    "catalog_compile",
    "catalog_review",
    "catalog_update",
    "catalog_offline",
    "catalog_dispute",
    "collection_request_review",
    "internal_exchange",
    "cross_department_exchange",
    "internal_demand_review",
    "internal_provision_centralized",
    "internal_provision_distributed",
    "internal_dispute",
    "internal_resource_application_review",
    "cross_department_application",
    "cross_department_demand_review",
    "cross_department_resource_review",
    "provision_authorization",
    "cross_department_provision",
    "cross_department_dispute",
    "retrieval",
    "quality_improvement",
]
#: Kinds of written procedure (Shanxi draft 7, 8.3.1, 9, 10.4).
PROCEDURE_KINDS: dict[str, tuple[str, str]] = {
    "catalog_compile": ("数据资源目录编制流程", "catalog compilation"),
    "catalog_review": ("数据资源目录审核流程", "catalog review"),
    "catalog_update": ("数据资源目录更新流程", "catalog update"),
    "catalog_offline": ("数据资源目录下线流程", "catalog offline"),
    "catalog_dispute": ("政务数据资源目录争议处理流程", "catalog dispute procedure"),
    "collection_request_review": ("数据归集需求审核流程", "aggregation request review"),
    "internal_exchange": ("内部数据共享交换管理流程", "internal exchange"),
    "cross_department_exchange": ("跨部门数据共享交换管理流程", "cross-department exchange"),
    "internal_demand_review": ("数据需求审核流程", "internal demand review"),
    "internal_provision_centralized": (
        "数据提供流程（集中统一管理）",
        "provision (centralized data)",
    ),
    "internal_provision_distributed": ("数据提供流程（分散管理）", "provision (distributed data)"),
    "internal_dispute": ("数据共享争议解决流程", "internal dispute procedure"),
    "internal_resource_application_review": (
        "数据资源申请审核流程",
        "internal resource application review",
    ),
    "cross_department_application": (
        "数据需求申请和数据资源申请的内部处理流程",
        "internal handling of outgoing applications",
    ),
    "cross_department_demand_review": ("数据需求申请审核流程", "review of data demands"),
    "cross_department_resource_review": (
        "数据资源申请审核流程（跨部门）",
        "review of resource applications",
    ),
    "provision_authorization": ("数据提供授权管理", "provision authorization"),
    "cross_department_provision": ("数据提供流程（跨部门）", "cross-department provision"),
    "cross_department_dispute": ("跨部门数据共享争议解决流程", "cross-department dispute"),
    "retrieval": ("数据调用流程", "retrieval via the platform"),
    "quality_improvement": ("数据质量改进流程", "quality improvement"),
}

Aspect = Literal["participant_duties", "method", "content", "supervision", "feedback"]
#: What a procedure may say it defines besides its steps (Shanxi draft 7.6, 9.3).
ASPECTS: dict[str, tuple[str, str]] = {
    "participant_duties": ("各参与方职责", "each participant's duties"),
    "method": ("审核方式", "review method"),
    "content": ("审核内容", "review content"),
    "supervision": ("审核过程监督", "supervision of the review"),
    "feedback": ("审核结果反馈", "feedback of the result"),
}

#: A measure: ``true`` (in place), ``false`` (not in place) or the name of the document or
#: record that shows it (in place, with evidence).
Fact = StrictBool | _Text


def _fact(zh: str) -> Any:
    return Field(default=None, description=zh)


# --------------------------------------------------------------------------------------------
# The department file (govshare-department/1)
# --------------------------------------------------------------------------------------------


class Organization(BaseModel):
    """A body inside the department, its role and duties."""

    model_config = _CFG

    name: _Text
    role: OrgRole
    duties: list[Duty] | None = Field(
        default=None, description="its duties; leave out when not described (no evidence)"
    )
    established_by: _Text | None = Field(
        default=None, description="the document setting it up (evidence)"
    )


class Person(BaseModel):
    """A named person with a sharing role."""

    model_config = _CFG

    name: _Text
    role: PersonRole
    organization: _Text | None = None
    registered_with_platform_authority: StrictBool | None = Field(
        default=None, description="filed (备案) with the same-level platform authority"
    )
    registration: _Text | None = Field(default=None, description="the filing record (evidence)")


class Step(BaseModel):
    """One step of a procedure, with its time limit in working days."""

    model_config = _CFG

    name: _Text
    actor: _Text | None = None
    working_days: Annotated[int, Field(ge=0)] | None = Field(
        default=None, description="the step's time limit; leave out when none is set"
    )


class Procedure(BaseModel):
    """A written procedure: its kind, steps and, if any, the external rule it serves."""

    model_config = _CFG

    kind: ProcedureKind
    name: _Text
    document: _Text | None = Field(default=None, description="where it is written (evidence)")
    steps: Annotated[list[Step], Field(min_length=1)] | None = Field(
        default=None, description="in order; leave out when not described (no evidence)"
    )
    defines: list[Aspect] | None = Field(
        default=None, description="aspects the procedure defines besides its steps"
    )
    serves: _Text | None = Field(
        default=None,
        description="the external rule key whose deadline it must fit, e.g. "
        "share.conditional.provider_reply (the procedure starts on that rule's event)",
    )
    notes: str | None = None

    @field_validator("serves")
    @classmethod
    def _known_key(cls, key: str | None) -> str | None:
        if key is not None and key not in RULE_KEYS:
            raise ValueError(f"unknown rule key {key!r} (govshare show PROFILE lists them)")
        return key

    @property
    def time_limit(self) -> int | None:
        """The total in working days, or None when a step (or the step list) has no limit."""
        if not self.steps or any(s.working_days is None for s in self.steps):
            return None
        return sum(s.working_days or 0 for s in self.steps)


class Management(BaseModel):
    """Internal rules, coordination and plans (Shanxi draft 4 d), 5)."""

    model_config = _CFG

    internal_rules: Fact | None = _fact("内部政务数据共享管理制度")
    coordination_mechanism: Fact | None = _fact("部门内部协调配合机制")
    regular_meetings: Fact | None = _fact("定期召开政务数据共享议事协调会")
    unit_duties_defined: Fact | None = _fact("明确责任机构、技术支持机构、业务机构工作职责")
    evaluation_rules: Fact | None = _fact("考核评估制度")
    sharing_plan: Fact | None = _fact("政务数据共享规划")
    annual_work_plan: Fact | None = _fact("年度工作计划")


class Compliance(BaseModel):
    """Conformity with the provincial measures (Shanxi draft 4 a), 4 b)): evidence only."""

    model_config = _CFG

    data_management_measures: Fact | None = _fact("符合《山西省政务数据管理与应用办法》")
    sharing_measures: Fact | None = _fact("符合《山西省政务数据资源共享管理办法》")


class Catalog(BaseModel):
    """Catalog measures (Shanxi draft 7)."""

    model_config = _CFG

    unified_specification: Fact | None = _fact("按国家、省统一编制规范编制目录")
    platform_catalog_system: Fact | None = _fact("依托共享交换平台目录管理系统管理")
    full_inventory: Fact | None = _fact("全量摸清政务数据底数")
    evaluation_indicators: Fact | None = _fact("目录编制考核指标")
    evaluation: Fact | None = _fact("开展目录编制考核管理")
    published_on_platform: Fact | None = _fact("在共享交换平台上完成目录发布")


class Collection(BaseModel):
    """Collection and aggregation measures (Shanxi draft 8)."""

    model_config = _CFG

    principles: Fact | None = _fact("合法合规、最小归集、一数一源一标准原则")
    rules: Fact | None = _fact("数据归集规范")
    theme_databases: Fact | None = _fact("主题（专题）数据资源库建设和维护")
    request_template: Fact | None = _fact("统一的数据归集需求格式和内容")
    backflow_from_superior_systems: Fact | None = _fact("上级统建垂管系统业务数据回流")
    backflow_to_lower_levels: Fact | None = _fact("本部门垂管系统向下级部门数据回流")


class Exchange(BaseModel):
    """Sharing and exchange measures (Shanxi draft 9)."""

    model_config = _CFG

    internal_demand_channel: Fact | None = _fact("提出数据需求的方式")
    requester_qualifications: Fact | None = _fact("需求提出方应具备的资格条件")
    demand_form: Fact | None = _fact("数据需求要素和数据需求表格式")
    via_unified_platform: Fact | None = _fact("依托统一政务数据共享交换平台")
    platform_formats: Fact | None = _fact("需求和申请格式符合本级平台要求")
    single_submission_point: Fact | None = _fact("由本部门统一向平台提出需求和资源申请")
    dispute_body: Fact | None = _fact("跨部门数据共享争议受理机构")
    use_supervision_unit: Fact | None = _fact("数据使用过程的监管责任单位和监管内容")


class Quality(BaseModel):
    """Data-quality measures (Shanxi draft 5 c), 10)."""

    model_config = _CFG

    standardization: Fact | None = _fact("贯彻国家和行业数据规范，开展数据标准化")
    management_rules: Fact | None = _fact("政务数据共享质量管理制度")
    indicators: Fact | None = _fact("数据质量评估指标")
    evaluation_rules: Fact | None = _fact("质量评估制度")
    evaluation: Fact | None = _fact("开展数据质量评估")
    complaint_channel: Fact | None = _fact("数据质量投诉渠道")
    improvement_measures: Fact | None = _fact("数据质量改进措施")


class Security(BaseModel):
    """Data-security measures (Shanxi draft 5 c), 11.1)."""

    model_config = _CFG

    data_flow_rules: Fact | None = _fact("数据流转全流程数据安全管理制度")
    classification_grading: Fact | None = _fact("本部门政务数据分类分级管理办法")
    shareable_data_rules: Fact | None = _fact("可共享数据管理规范")
    assessment: Fact | None = _fact("数据安全评估制度")
    responsibility_mechanism: Fact | None = _fact("安全责任认定机制")
    incident_response: Fact | None = _fact("重大安全事件及时处置机制")


#: The measure sections of a department file, by name.
SECTIONS: dict[str, type[BaseModel]] = {
    "management": Management,
    "compliance": Compliance,
    "catalog": Catalog,
    "collection": Collection,
    "exchange": Exchange,
    "quality": Quality,
    "security": Security,
}


class Department(BaseModel):
    """A department's description of its internal sharing set-up (``govshare-department/1``)."""

    model_config = _CFG

    schema_: Literal["govshare-department/1"] = Field(alias="schema")
    department: _Text = Field(description="the department's name")
    level: Level = Field(description="its government level; decides the external rules")
    region: str | None = None
    as_of: dt.date | None = Field(default=None, description="the date the description holds")
    organizations: list[Organization] | None = None
    people: list[Person] | None = None
    procedures: list[Procedure] | None = None
    management: Management | None = None
    compliance: Compliance | None = None
    catalog: Catalog | None = None
    collection: Collection | None = None
    exchange: Exchange | None = None
    quality: Quality | None = None
    security: Security | None = None
    notes: str | None = None


def load_department(source: str | Path, *, text: str | None = None) -> Department:
    """Read and validate a department file.

    Args:
        source: the file's path (or, with ``text``, the name to report in errors).
        text: the YAML text, when it does not come from a file.

    Returns:
        The validated department description.

    Raises:
        DataFileError: invalid YAML, an unknown or missing field, a wrong value; each issue
            names the file, line and field.
    """
    loaded = load_yaml(source) if text is None else parse_yaml(text, str(source))
    return validate_model(Department, loaded)


def department_schema() -> str:
    """The JSON Schema of the department format, generated from the models."""
    schema = Department.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "govshare department"
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


# --------------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------------

Status = Literal["met", "not_met", "no_evidence"]
FitStatus = Literal["fits", "exceeds", "unbounded", "not_comparable"]
_RANK: dict[str, int] = {"met": 0, "no_evidence": 1, "not_met": 2}


@dataclass(frozen=True)
class Reason:
    """Why a condition is not met or has no evidence, in Chinese and English."""

    status: Status
    zh: str
    en: str


@dataclass(frozen=True)
class ItemResult:
    """One checklist item's verdict, with the clause, its words and the reasons."""

    id: str
    clause: str
    quote: str
    requirement: str
    status: Status
    reasons: tuple[Reason, ...]
    evidence: tuple[str, ...]
    sets_time_limit: bool
    source: Source


@dataclass(frozen=True)
class SampleDates:
    """For a sample start: when the internal procedure ends and when the external rule is due."""

    start: dt.date
    internal_end: dt.date
    external_due: dt.date


@dataclass(frozen=True)
class TimeFit:
    """Whether a procedure's steps fit inside the external deadline it serves.

    ``status``: ``fits``; ``exceeds`` (a finding); ``unbounded`` (a step has no time limit:
    a finding, the fit cannot be shown); ``not_comparable`` (the procedure lists no steps, or
    the external rule is silent, not in force or not a number of working days: a note).
    """

    procedure: str
    kind: str
    serves: str
    profile: str
    steps: tuple[tuple[str, int | None], ...]
    internal_working_days: int | None
    external_working_days: int | None
    external_period: str | None
    external: Source | None
    standard: tuple[Source, ...]
    status: FitStatus
    zh: str
    en: str
    sample: SampleDates | None = None

    @property
    def finding(self) -> bool:
        """True when the procedure does not (or cannot be shown to) fit."""
        return self.status in ("exceeds", "unbounded")


@dataclass(frozen=True)
class StatusNotice:
    """The legal status of a document the checklist comes from (e.g. a draft, not in force)."""

    doc: str
    title: str
    status: str
    in_force: bool
    zh: str
    en: str
    quote: str | None


@dataclass(frozen=True)
class SelfCheckReport:
    """The result of :func:`check_department`."""

    standard: str
    standard_name_zh: str
    standard_name_en: str
    department: str
    level: str
    as_of: dt.date
    serves: str | None
    items: tuple[ItemResult, ...]
    time_fit: tuple[TimeFit, ...]
    notices: tuple[StatusNotice, ...]
    warnings: tuple[str | Notice, ...] = ()

    @property
    def counts(self) -> dict[str, int]:
        """How many items are met, not met, without evidence."""
        return {
            s: sum(i.status == s for i in self.items) for s in ("met", "not_met", "no_evidence")
        }

    @property
    def findings(self) -> tuple[TimeFit, ...]:
        """The time-fit results that are findings."""
        return tuple(t for t in self.time_fit if t.finding)

    @property
    def passed(self) -> bool:
        """No item is not met and there is no time-fit finding (no evidence does not fail)."""
        return not self.counts["not_met"] and not self.findings

    @property
    def complete(self) -> bool:
        """Every item has evidence one way or the other (none is ``no_evidence``)."""
        return not self.counts["no_evidence"]

    def ok(self, *, strict: bool = False) -> bool:
        """Passed; with ``strict``, also complete."""
        return self.passed and (self.complete or not strict)


# --------------------------------------------------------------------------------------------
# Evaluating conditions
# --------------------------------------------------------------------------------------------


@dataclass
class _Outcome:
    status: Status
    reasons: list[Reason]
    evidence: list[str]


def _met(evidence: Iterable[str | None] = ()) -> _Outcome:
    return _Outcome("met", [], [e for e in evidence if e])


def _no(status: Status, zh: str, en: str) -> _Outcome:
    return _Outcome(status, [Reason(status, zh, en)], [])


def _label(table: dict[str, tuple[str, str]], key: str) -> tuple[str, str]:
    return table.get(key, (key, key))


def _names(items: Sequence[Organization] | Sequence[Person] | Sequence[Procedure]) -> str:
    return "、".join(x.name for x in items)


def _eval_fact(dept: Department, cond: ChecklistItem.Condition) -> _Outcome:
    assert cond.fact is not None
    section, name = cond.fact.split(".", 1)
    sec = getattr(dept, section)
    zh_label = SECTIONS[section].model_fields[name].description or name
    if sec is None:
        return _no(
            "no_evidence",
            f"未填写 {section} 部分（{cond.fact}：{zh_label}）",
            f"the file has no '{section}' section ({cond.fact}: {zh_label})",
        )
    value = getattr(sec, name)
    if value is None:
        return _no(
            "no_evidence",
            f"未说明 {cond.fact}（{zh_label}）",
            f"{cond.fact} ({zh_label}) is not stated",
        )
    if value is False:
        return _no(
            "not_met",
            f"{cond.fact}（{zh_label}）：未具备",
            f"{cond.fact} ({zh_label}): declared not in place",
        )
    if value is True and cond.evidence:
        return _no(
            "no_evidence",
            f"{cond.fact}（{zh_label}）仅声明具备，须写明证明文件名称",
            f"{cond.fact} ({zh_label}): declared true without an evidence reference; "
            "only a named document shows conformity with an external text",
        )
    return _met([value] if isinstance(value, str) else [])


def _eval_organization(dept: Department, cond: ChecklistItem.Condition) -> _Outcome:
    assert cond.organization is not None
    role_zh, role_en = _label(ORG_ROLES, cond.organization)
    if dept.organizations is None:
        return _no(
            "no_evidence",
            f"未填写 organizations（机构），无从判断{role_zh}",
            f"the file describes no organizations (needed: {role_en}, {role_zh})",
        )
    of_role = [o for o in dept.organizations if o.role == cond.organization]
    if not of_role:
        return _no(
            "not_met", f"未设立{role_zh}", f"no {role_en} ({role_zh}) among the organizations"
        )
    if cond.duty is None:
        return _met(o.established_by for o in of_role)
    duty_zh, duty_en = _label(DUTIES, cond.duty)
    needed_en = f"{cond.duty}: {duty_en}, {duty_zh}"
    with_duty = [o for o in of_role if o.duties is not None and cond.duty in o.duties]
    if with_duty:
        return _met(o.established_by for o in with_duty)
    silent = [o for o in of_role if o.duties is None]
    if silent:
        return _no(
            "no_evidence",
            f"{_names(silent)}（{role_zh}）的职责未说明（须含“{duty_zh}”）",
            f"the duties of {_names(silent)} ({role_en}) are not stated (needed: {needed_en})",
        )
    return _no(
        "not_met",
        f"{_names(of_role)}（{role_zh}）的职责不含“{duty_zh}”",
        f"the duties of {_names(of_role)} ({role_en}) do not include {needed_en}",
    )


def _eval_person(dept: Department, cond: ChecklistItem.Condition) -> _Outcome:
    assert cond.person is not None
    role_zh, role_en = _label(PERSON_ROLES, cond.person)
    if dept.people is None:
        return _no(
            "no_evidence",
            f"未填写 people（人员），无从判断{role_zh}",
            f"the file names no people (needed: {role_en}, {role_zh})",
        )
    of_role = [p for p in dept.people if p.role == cond.person]
    if not of_role:
        return _no("not_met", f"未明确{role_zh}", f"no {role_en} ({role_zh}) is named")
    if not cond.registered:
        return _met()
    unregistered = [p for p in of_role if p.registered_with_platform_authority is False]
    if unregistered:
        return _no(
            "not_met",
            f"{_names(unregistered)}（{role_zh}）未报政务数据共享交换平台管理部门备案",
            f"{_names(unregistered)} ({role_en}) is not registered with the platform authority",
        )
    unknown = [p for p in of_role if p.registered_with_platform_authority is None]
    if unknown:
        return _no(
            "no_evidence",
            f"未说明{_names(unknown)}（{role_zh}）是否已备案",
            f"whether {_names(unknown)} ({role_en}) is registered with the platform authority "
            "is not stated",
        )
    return _met(p.registration for p in of_role)


def _eval_one_procedure(proc: Procedure, cond: ChecklistItem.Condition) -> _Outcome:
    reasons: list[Reason] = []
    if cond.time_limit:
        if proc.steps is None:
            reasons.append(
                Reason(
                    "no_evidence",
                    f"“{proc.name}”未列出步骤，时限不明",
                    f"{proc.name} lists no steps, so its time limits are not stated",
                )
            )
        else:
            for s in proc.steps:
                if s.working_days is None:
                    reasons.append(
                        Reason(
                            "not_met",
                            f"“{proc.name}”的步骤“{s.name}”未设时限",
                            f"step {s.name} of {proc.name} has no time limit",
                        )
                    )
    if cond.defines:
        if proc.defines is None:
            reasons.append(
                Reason(
                    "no_evidence",
                    f"“{proc.name}”未说明是否明确了"
                    + "、".join(_label(ASPECTS, a)[0] for a in cond.defines),
                    f"{proc.name} does not say which aspects it defines (needed: "
                    + ", ".join(cond.defines)
                    + ")",
                )
            )
        else:
            missing = [a for a in cond.defines if a not in proc.defines]
            if missing:
                reasons.append(
                    Reason(
                        "not_met",
                        f"“{proc.name}”未明确" + "、".join(_label(ASPECTS, a)[0] for a in missing),
                        f"{proc.name} does not define: "
                        + ", ".join(f"{a} ({_label(ASPECTS, a)[0]})" for a in missing),
                    )
                )
    if not reasons:
        return _met([proc.document])
    worst = max((r.status for r in reasons), key=_RANK.__getitem__)
    return _Outcome(worst, reasons, [])


def _eval_procedure(dept: Department, cond: ChecklistItem.Condition) -> _Outcome:
    assert cond.procedure is not None
    kind_zh, kind_en = _label(PROCEDURE_KINDS, cond.procedure)
    if dept.procedures is None:
        return _no(
            "no_evidence",
            f"未填写 procedures（流程），无从判断{kind_zh}",
            f"the file describes no procedures (needed: {cond.procedure}, {kind_zh})",
        )
    of_kind = [p for p in dept.procedures if p.kind == cond.procedure]
    if not of_kind:
        return _no(
            "not_met",
            f"未制定{kind_zh}（{cond.procedure}）",
            f"no {kind_en} procedure ({cond.procedure}, {kind_zh})",
        )
    outcomes = [_eval_one_procedure(p, cond) for p in of_kind]
    best = min(outcomes, key=lambda o: _RANK[o.status])
    if best.status == "met":
        return _Outcome("met", [], [e for o in outcomes if o.status == "met" for e in o.evidence])
    return _Outcome(
        best.status, [r for o in outcomes if o.status == best.status for r in o.reasons], []
    )


def _evaluate(dept: Department, cond: ChecklistItem.Condition) -> _Outcome:
    if cond.fact is not None:
        return _eval_fact(dept, cond)
    if cond.organization is not None:
        return _eval_organization(dept, cond)
    if cond.person is not None:
        return _eval_person(dept, cond)
    return _eval_procedure(dept, cond)


def _vocabulary_issues(cond: ChecklistItem.Condition) -> Iterable[tuple[str, str]]:
    """(field, message) for each word of a condition the department format does not know."""
    if cond.fact is not None:
        section, _, name = cond.fact.partition(".")
        model = SECTIONS.get(section)
        if model is None or name not in model.model_fields:
            known = [f"{s}.{f}" for s, m in SECTIONS.items() for f in m.model_fields]
            yield "fact", f"unknown fact {cond.fact!r}; known: {', '.join(known)}"
    for fld, value, table in (
        ("organization", cond.organization, ORG_ROLES),
        ("duty", cond.duty, DUTIES),
        ("person", cond.person, PERSON_ROLES),
        ("procedure", cond.procedure, PROCEDURE_KINDS),
    ):
        if value is not None and value not in table:
            yield fld, f"unknown {fld} {value!r}; known: {', '.join(table)}"
    for a in cond.defines:
        if a not in ASPECTS:
            yield "defines", f"unknown aspect {a!r}; known: {', '.join(ASPECTS)}"


def _check_vocabulary(standard: JurisdictionProfile) -> None:
    """Every condition of the checklist names facts the department format has."""
    found: list[tuple[int, int, str, str]] = []
    for i, item in enumerate(standard.model.checklist):
        for j, cond in enumerate(item.check):
            found += [(i, j, fld, msg) for fld, msg in _vocabulary_issues(cond)]
    if not found:
        return
    loaded = load_yaml(standard.file) if Path(standard.file).is_file() else None
    raise DataFileError(
        [
            DataIssue(
                standard.file,
                None if loaded is None else loaded.line_of(("checklist", i, "check", j, fld)),
                f"checklist[{i}].check[{j}].{fld}",
                f"item {standard.model.checklist[i].id!r}: {msg}",
            )
            for i, j, fld, msg in found
        ]
    )


def _item_source(standard: JurisdictionProfile, item: ChecklistItem) -> Source:
    doc = standard.documents[item.doc]
    return Source(
        doc=doc.id,
        title=doc.title,
        number=doc.number,
        article=None,
        clause=item.clause,
        quote=item.quote,
    )


def _check_item(standard: JurisdictionProfile, dept: Department, item: ChecklistItem) -> ItemResult:
    if not item.check:
        outcomes = [
            _no(
                "no_evidence",
                "该条款在标准配置中未设检查条件",
                "the standard's profile states no check for this item",
            )
        ]
    else:
        outcomes = [_evaluate(dept, c) for c in item.check]
    status = max((o.status for o in outcomes), key=_RANK.__getitem__)
    reasons = tuple(r for o in outcomes for r in o.reasons)
    evidence: list[str] = []
    for o in outcomes:
        evidence += [e for e in o.evidence if e not in evidence]
    return ItemResult(
        id=item.id,
        clause=item.clause,
        quote=item.quote,
        requirement=item.requirement,
        status=status,
        reasons=reasons,
        evidence=tuple(evidence),
        sets_time_limit=item.sets_time_limit,
        source=_item_source(standard, item),
    )


# --------------------------------------------------------------------------------------------
# Time fit
# --------------------------------------------------------------------------------------------


def _sum_text(proc: Procedure) -> str:
    assert proc.steps is not None
    parts = [str(s.working_days) for s in proc.steps]
    total = sum(s.working_days or 0 for s in proc.steps)
    return parts[0] if len(parts) == 1 else f"{' + '.join(parts)} = {total}"


def _time_fit(  # noqa: PLR0911 - one return per outcome
    standard: JurisdictionProfile,
    proc: Procedure,
    serves: JurisdictionProfile,
    *,
    as_of: dt.date,
    level: str,
    start: dt.date | None,
    warnings: list[str | Notice],
) -> TimeFit:
    assert proc.serves is not None
    key = proc.serves
    std_sources = tuple(
        _item_source(standard, item)
        for item in standard.model.checklist
        if any(c.procedure == proc.kind and c.time_limit for c in item.check)
    )
    std_zh = "；".join(f"{s.short}「{s.quote}」" for s in std_sources)
    std_en = "; ".join(f"{s.short}「{s.quote}」" for s in std_sources)
    req_zh = f"标准要求部门自行明确时限：{std_zh}" if std_sources else "标准未要求此类流程设定时限"
    req_en = (
        f"the standard requires the department to set this time limit: {std_en}"
        if std_sources
        else "no clause of the standard requires a time limit for this kind of procedure"
    )
    steps = tuple((s.name, s.working_days) for s in proc.steps or ())
    base: dict[str, Any] = {
        "procedure": proc.name,
        "kind": proc.kind,
        "serves": key,
        "profile": serves.id,
        "steps": steps,
        "internal_working_days": proc.time_limit,
        "standard": std_sources,
    }

    def note(zh: str, en: str, **kw: Any) -> TimeFit:
        fields: dict[str, Any] = {
            "external_working_days": None,
            "external_period": None,
            "external": None,
        }
        fields.update(kw)
        return TimeFit(**base, **fields, status="not_comparable", zh=zh, en=en)

    try:
        rule = serves.rule(key, as_of=as_of, level=level)
    except NoRuleInForceError as exc:
        return note(
            f"“{proc.name}”所服务的 {key} 在 {serves.id} 无有效规定，未比较：{exc}",
            f"{proc.name}: no rule in force for {key} in {serves.id}; not compared: {exc}",
        )
    warnings.extend(w for w in rule.warnings if w not in warnings)
    ext = rule.source
    value = rule.value
    if value is None:
        return note(
            f"“{proc.name}”所服务的 {key}：{ext.short} 未规定时限，未比较",
            f"{proc.name}: {ext.short} sets no period for {key} (not specified); not compared",
            external=ext,
        )
    label_zh, label_en = period_label(value, "zh"), period_label(value, "en")
    if value.kind != "working_days" or value.from_ is None:
        what_en = label_en or value.kind
        return note(
            f"“{proc.name}”所服务的 {key} 为“{label_zh or value.kind}”"
            f"（{ext.short}「{ext.quote}」），不是自某事件起的工作日数，未比较",
            f"{proc.name}: {key} is {what_en} ({ext.short}「{ext.quote}」), not a number of "
            "working days from an event; only working days can be compared, so not compared",
            external=ext,
            external_period=label_en,
        )
    n = value.n
    ext_zh = f"{label_zh}（{key}，{ext.short}「{ext.quote}」）"
    ext_en = f"{label_en} of {key} ({ext.short}「{ext.quote}」)"
    fields: dict[str, Any] = {
        "external_working_days": n,
        "external_period": label_en,
        "external": ext,
    }
    if proc.steps is None:
        return note(
            f"“{proc.name}”未列出步骤，无法与外部期限{ext_zh}比较",
            f"{proc.name} lists no steps, so it cannot be compared with the {ext_en}",
            **fields,
        )
    if proc.time_limit is None:
        open_steps = "、".join(s.name for s in proc.steps if s.working_days is None)
        return TimeFit(
            **base,
            **fields,
            status="unbounded",
            zh=f"“{proc.name}”的步骤“{open_steps}”未设时限，无法保证在外部期限{ext_zh}内完成；"
            f"{req_zh}",
            en=f"{proc.name}: step(s) {open_steps} have no time limit, so the procedure cannot be "
            f"shown to fit inside the {ext_en}; {req_en}",
        )
    total = proc.time_limit
    sample = None
    if start is not None:
        end = serves.calendar.add_working_days(start, total)
        due = serves.deadline(key, start, level=level, as_of=as_of).due
        sample = SampleDates(start, dt.date(end.year, end.month, end.day), due)
    when_zh = when_en = ""
    if sample is not None:
        when_zh = (
            f"以 {sample.start.isoformat()} 起算：内部流程 {sample.internal_end.isoformat()} 结束，"
            f"外部期限 {sample.external_due.isoformat()} 届满。"
        )
        when_en = (
            f" From {sample.start.isoformat()}: the procedure ends "
            f"{sample.internal_end.isoformat()}, the external deadline is "
            f"{sample.external_due.isoformat()}."
        )
    sums = _sum_text(proc)
    if total <= n:
        return TimeFit(
            **base,
            **fields,
            status="fits",
            sample=sample,
            zh=f"“{proc.name}”合计 {sums} 个工作日，在外部期限{ext_zh}之内。{when_zh}",
            en=f"{proc.name} takes {sums} working days, within the {ext_en}.{when_en}",
        )
    return TimeFit(
        **base,
        **fields,
        status="exceeds",
        sample=sample,
        zh=f"“{proc.name}”合计 {sums} 个工作日，超出其所服务的外部期限{ext_zh}；"
        f"{req_zh}。{when_zh}",
        en=f"{proc.name} takes {sums} working days, more than the {ext_en} it serves; "
        f"{req_en}.{when_en}",
    )


# --------------------------------------------------------------------------------------------
# The check
# --------------------------------------------------------------------------------------------

_STATUS_WORDS: dict[str, tuple[str, str]] = {
    "draft": ("草案，未生效", "a draft, not in force"),
    "trial": ("试行", "a trial (试行) document, in force"),
    "in_force": ("现行有效", "in force"),
    "expired": ("已失效", "expired, no longer in force"),
}


def _notice(doc: Document, as_of: dt.date) -> StatusNotice:
    zh, en = _STATUS_WORDS[doc.status]
    in_force = doc.status in ("in_force", "trial")
    if in_force and isinstance(doc.in_force_from, dt.date) and as_of < doc.in_force_from:
        in_force = False
        zh = f"{zh}，但 {as_of.isoformat()} 尚未施行（{doc.in_force_from.isoformat()} 起施行）"
        en = f"{en} only from {doc.in_force_from.isoformat()}: not yet on {as_of.isoformat()}"
    if in_force and isinstance(doc.in_force_until, dt.date) and as_of > doc.in_force_until:
        in_force = False
        zh = f"已于 {doc.in_force_until.isoformat()} 后失效"
        en = f"expired: in force until {doc.in_force_until.isoformat()}"
    quote = next((c.quote for c in doc.citations if c.field == "status"), None)
    said_zh = f"，原文标注「{quote}」" if quote else ""
    said_en = f"; the text is marked 「{quote}」" if quote else ""
    advisory_zh = "" if in_force else "；本自查仅供参考，不构成合规结论"
    advisory_en = "" if in_force else "; this self-assessment is advisory, not a legal finding"
    return StatusNotice(
        doc=doc.id,
        title=doc.title,
        status=doc.status,
        in_force=in_force,
        zh=f"《{doc.title}》（{doc.number or doc.issuer or doc.id}）为{zh}{said_zh}{advisory_zh}。",
        en=f"{doc.title} ({doc.number or doc.issuer or doc.id}) is {en}{said_en}{advisory_en}.",
        quote=quote,
    )


def _resolve_profile(value: JurisdictionProfile | str | Path, name: str) -> JurisdictionProfile:
    if isinstance(value, JurisdictionProfile):
        return value
    if isinstance(value, str | Path):
        return load_profile(value)
    raise InputError(name, value, "a profile, a profile name or a path")


def check_department(
    standard: JurisdictionProfile | str | Path,
    department: Department | str | Path,
    *,
    serves: JurisdictionProfile | str | Path | None = None,
    as_of: DateLike | None = None,
    level: str | None = None,
    start: DateLike | None = None,
) -> SelfCheckReport:
    """Check a department's description against every checklist item of a standard.

    Args:
        standard: the standard's profile (or its name or path), e.g. ``"shanxi_std"``.
        department: a :class:`Department` or the path of a ``govshare-department/1`` file.
        serves: a jurisdiction profile (or name or path) whose deadlines the department's
            procedures serve; each procedure with ``serves:`` is checked for time fit.
        as_of: the date deciding which external rules are in force and the standard's
            status; default: the file's ``as_of``, else today (Asia/Shanghai).
        level: the department's level for the external rules; default: the file's.
        start: a sample start date (the external rule's event): the report then shows when
            the procedure would end and when the external deadline falls. Needs ``serves``.

    Returns:
        The report: each item's status with reasons and evidence, the time-fit results, the
        standard's status notice (e.g. a draft, not in force) and warnings.

    Raises:
        InputError: a bad level or date, a profile without a checklist, ``start`` without
            ``serves``.
        DataFileError: an invalid department file or profile (file, line and field named),
            or a checklist condition naming a fact the department format does not have.
        CalendarRangeError: ``start`` needs a year the calendar has no data for.
    """
    std = _resolve_profile(standard, "standard")
    if not std.model.checklist:
        raise InputError("standard", std.id, "a profile with a checklist (e.g. shanxi_std)")
    _check_vocabulary(std)
    dept = department if isinstance(department, Department) else load_department(department)
    lvl = level if level is not None else dept.level
    if lvl not in LEVELS:
        raise InputError("level", lvl, f"one of {', '.join(LEVELS)}")
    if as_of is not None:
        when = to_date(as_of, "as_of")
    elif dept.as_of is not None:
        when = dept.as_of
    else:
        when = dt.datetime.now(SHANGHAI).date()
    if start is not None and serves is None:
        raise InputError("start", start, "a start date only together with serves (a jurisdiction)")
    start_day = None if start is None else to_date(start, "start")

    items = tuple(_check_item(std, dept, item) for item in std.model.checklist)
    warnings: list[str | Notice] = []
    fits: list[TimeFit] = []
    ext: JurisdictionProfile | None = None
    if serves is not None:
        ext = _resolve_profile(serves, "serves")
        serving = [p for p in dept.procedures or () if p.serves is not None]
        if not serving:
            warnings.append(
                f"no procedure of {dept.department} declares the external rule it serves "
                "(serves: RULE_KEY); nothing to compare with " + ext.id
            )
        fits = [
            _time_fit(std, p, ext, as_of=when, level=lvl, start=start_day, warnings=warnings)
            for p in serving
        ]
    docs = dict.fromkeys(item.doc for item in std.model.checklist)
    return SelfCheckReport(
        standard=std.id,
        standard_name_zh=std.model.name.zh,
        standard_name_en=std.model.name.en,
        department=dept.department,
        level=lvl,
        as_of=when,
        serves=None if ext is None else ext.id,
        items=items,
        time_fit=tuple(fits),
        notices=tuple(_notice(std.documents[d], when) for d in docs),
        warnings=tuple(warnings),
    )


# --------------------------------------------------------------------------------------------
# Output: table, Markdown, JSON, JUnit XML
# --------------------------------------------------------------------------------------------

Format = Literal["table", "md", "json", "junit"]
FORMATS: tuple[str, ...] = get_args(Format)

_WORDS: dict[str, dict[str, str]] = {
    "zh": {
        "met": "符合",
        "not_met": "不符合",
        "no_evidence": "无证据",
        "fits": "衔接",
        "exceeds": "超出",
        "unbounded": "无时限",
        "not_comparable": "未比较",
        "clause": "条款",
        "status": "状态",
        "text": "原文 / 说明",
        "requirement": "要求",
        "notes": "说明",
        "evidence": "证据",
        "note": "注意",
        "department": "部门",
        "level": "层级",
        "as_of": "评估日期",
        "time_fit": "时限衔接",
        "serves": "所服务的外部规定",
        "verdict": "结论",
        "passed": "通过",
        "failed": "未通过",
        "warning": "提示",
    },
    "en": {
        "met": "met",
        "not_met": "not met",
        "no_evidence": "no evidence",
        "fits": "fits",
        "exceeds": "EXCEEDS",
        "unbounded": "NO LIMIT",
        "not_comparable": "not compared",
        "clause": "clause",
        "status": "status",
        "text": "requirement / reasons",
        "requirement": "requirement",
        "notes": "reasons",
        "evidence": "evidence",
        "note": "NOTE",
        "department": "department",
        "level": "level",
        "as_of": "as of",
        "time_fit": "time fit",
        "serves": "serves",
        "verdict": "verdict",
        "passed": "PASSED",
        "failed": "FAILED",
        "warning": "warning",
    },
}

_WIDE = re.compile(r"\s+|[^\x00-\u10ff]|[\x00-\u10ff]+?(?=\s|[^\x00-\u10ff]|$)")


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _wrap(text: str, width: int) -> list[str]:
    """Wrap at spaces, or between any two wide (CJK) characters, to a display width."""
    out: list[str] = []
    line = ""
    for token in _WIDE.findall(text):
        tok = token
        if tok.isspace():
            if line and not line.endswith(" "):
                line += " "
            continue
        if _width(line) + _width(tok) > width and line.strip():
            out.append(line.rstrip())
            line = ""
        while _width(tok) > width:
            cut = 1
            while _width(tok[: cut + 1]) <= width:
                cut += 1
            out.append(tok[:cut])
            tok = tok[cut:]
        line += tok
    if line.strip():
        out.append(line.rstrip())
    return out or [""]


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def _verdict(report: SelfCheckReport, lang: str, strict: bool) -> str:
    w = _WORDS[lang]
    c = report.counts
    n = len(report.findings)
    ok = w["passed"] if report.ok(strict=strict) else w["failed"]
    if lang == "zh":
        text = (
            f"符合 {c['met']}，不符合 {c['not_met']}，无证据 {c['no_evidence']}；"
            f"时限衔接问题 {n} — {ok}"
        )
        return text + ("（严格模式：无证据亦不通过）" if strict else "")
    text = (
        f"{c['met']} met, {c['not_met']} not met, {c['no_evidence']} no evidence; "
        f"{n} time-fit finding{'s' if n != 1 else ''} — {ok}"
    )
    return text + (" (strict: no evidence fails too)" if strict else "")


def _table(report: SelfCheckReport, lang: str, strict: bool, width: int = 100) -> str:
    w = _WORDS[lang]
    zh = lang == "zh"
    name = report.standard_name_zh if zh else report.standard_name_en
    out: list[str] = []
    out += _wrap(f"govshare check {report.standard}: {name}", width)
    for n in report.notices:
        out += _wrap(f"{w['note']}: {n.zh if zh else n.en}", width)
    out += _wrap(
        f"{w['department']}: {report.department} ({report.level}); "
        f"{w['as_of']}: {report.as_of.isoformat()}",
        width,
    )
    out.append("")
    id_w = max(_width(w["clause"]), *(_width(i.id) for i in report.items)) + 1
    st_w = max(_width(w[s]) for s in ("met", "not_met", "no_evidence", "status")) + 1
    text_w = width - id_w - st_w - 2
    indent = " " * (id_w + st_w + 2)
    out.append(f"{_pad(w['clause'], id_w)} {_pad(w['status'], st_w)} {w['text']}")
    out.append(f"{'-' * id_w} {'-' * st_w} {'-' * text_w}")
    for item in report.items:
        main = _wrap(item.quote if zh else item.requirement, text_w)
        out.append(f"{_pad(item.id, id_w)} {_pad(w[item.status], st_w)} {main[0]}".rstrip())
        out += [indent + line for line in main[1:]]
        for r in item.reasons:
            lines = _wrap(f"- {r.zh if zh else r.en}", text_w)
            out += [indent + lines[0]] + [indent + "  " + x for x in lines[1:]]
        if item.status == "met" and item.evidence:
            lines = _wrap(f"{w['evidence']}: " + "; ".join(item.evidence), text_w)
            out += [indent + x for x in lines]
    if report.serves is not None:
        out.append("")
        out += _wrap(
            f"{w['time_fit']} ({w['serves']}: {report.serves}, {report.level}, "
            f"{report.as_of.isoformat()}):",
            width,
        )
        tag_w = max(_width(w[s]) for s in ("fits", "exceeds", "unbounded", "not_comparable")) + 1
        for t in report.time_fit:
            lines = _wrap(t.zh if zh else t.en, width - tag_w - 3)
            out.append(f"  {_pad(w[t.status], tag_w)} {lines[0]}")
            out += [" " * (tag_w + 3) + x for x in lines[1:]]
    for warning in report.warnings:
        out += _wrap(f"{w['warning']}: {say(warning, lang)}", width)
    out.append("")
    out += _wrap(_verdict(report, lang, strict), width)
    return "\n".join(out) + "\n"


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _markdown(report: SelfCheckReport, lang: str, strict: bool) -> str:
    w = _WORDS[lang]
    zh = lang == "zh"
    title = "自查报告" if zh else "Self-assessment"
    name = report.standard_name_zh if zh else report.standard_name_en
    out = [f"# {title}: {name}", ""]
    for n in report.notices:
        out.append(f"> **{w['note']}**: {n.zh if zh else n.en}")
        out.append(">")
    if report.notices:
        out.pop()
    out += [
        "",
        f"- {w['department']}: {report.department} ({report.level})",
        f"- {w['as_of']}: {report.as_of.isoformat()}",
        f"- {w['verdict']}: {_verdict(report, lang, strict)}",
        "",
        f"| {w['clause']} | {w['status']} | {w['requirement']} | {w['notes']} |",
        "|---|---|---|---|",
    ]
    for item in report.items:
        text = f"「{item.quote}」" if zh else f"{item.requirement}<br>「{item.quote}」"
        notes = [r.zh if zh else r.en for r in item.reasons]
        if item.status == "met" and item.evidence:
            notes.append(f"{w['evidence']}: " + "; ".join(item.evidence))
        status = w[item.status] if item.status == "met" else f"**{w[item.status]}**"
        out.append(
            f"| {_md_cell(item.id)} | {status} | {_md_cell(text)} | "
            f"{_md_cell('<br>'.join(notes))} |"
        )
    if report.serves is not None:
        out += ["", f"## {w['time_fit']} ({w['serves']}: {report.serves})", ""]
        out += [f"- **{w[t.status]}**: {_md_cell(t.zh if zh else t.en)}" for t in report.time_fit]
    if report.warnings:
        out.append("")
        out += [f"- {w['warning']}: {_md_cell(say(x, lang))}" for x in report.warnings]
    return "\n".join(out) + "\n"


def report_payload(report: SelfCheckReport) -> dict[str, Any]:
    """The report as JSON-ready data (both languages), with counts and verdicts."""
    payload: dict[str, Any] = jsonable(report)
    payload["counts"] = report.counts
    payload["passed"] = report.passed
    payload["complete"] = report.complete
    for fit, data in zip(report.time_fit, payload["time_fit"], strict=True):
        data["finding"] = fit.finding
    return payload


def _junit(report: SelfCheckReport, lang: str) -> str:
    zh = lang == "zh"
    w = _WORDS[lang]
    notice = " ".join(n.zh if zh else n.en for n in report.notices)
    cases: list[JUnitCase] = []
    for item in report.items:
        section = item.clause.split()[0].split(".")[0]
        reasons = "; ".join(r.zh if zh else r.en for r in item.reasons)
        details = f"{item.source.short}「{item.quote}」\n{reasons}\n{notice}"
        cases.append(
            JUnitCase(
                name=item.id,
                classname=f"{report.standard}.{section}",
                failure=f"{w['not_met']}: {reasons}" if item.status == "not_met" else None,
                skipped=f"{w['no_evidence']}: {reasons}" if item.status == "no_evidence" else None,
                details=details,
            )
        )
    for t in report.time_fit:
        text = t.zh if zh else t.en
        cases.append(
            JUnitCase(
                name=f"{t.procedure} ({t.kind}) / {t.profile} {t.serves}",
                classname=f"{report.standard}.time_fit",
                failure=f"{w[t.status]}: {text}" if t.finding else None,
                skipped=f"{w[t.status]}: {text}" if t.status == "not_comparable" else None,
                details=f"{text}\n{notice}",
            )
        )
    status = ", ".join(f"{n.doc}: {n.status}" for n in report.notices)
    suite = f"govshare check {report.standard} ({status}): {report.department}"
    properties = {
        "standard": report.standard,
        "department": report.department,
        "level": report.level,
        "as_of": report.as_of.isoformat(),
        "serves": report.serves or "",
        **{f"status.{n.doc}": n.status for n in report.notices},
        **{f"notice.{n.doc}": n.zh if zh else n.en for n in report.notices},
    }
    return junit_xml(suite, cases, properties)


def render_report(
    report: SelfCheckReport, fmt: str = "table", *, lang: str = "zh", strict: bool = False
) -> str:
    """The report as text: a table (100 columns), Markdown, JSON or JUnit XML.

    Every format states the standard's status (e.g. a draft for comment, not in force).

    Args:
        report: a result of :func:`check_department`.
        fmt: ``table``, ``md``, ``json`` or ``junit``.
        lang: ``zh`` or ``en``, for labels and reasons (JSON carries both).
        strict: say in the verdict that items without evidence fail too.

    Returns:
        The text, ending with a newline.

    Raises:
        InputError: an unknown format or language.
    """
    if lang not in _WORDS:
        raise InputError("lang", lang, "zh or en")
    if fmt == "table":
        return _table(report, lang, strict)
    if fmt == "md":
        return _markdown(report, lang, strict)
    if fmt == "json":
        payload = report_payload(report) | {"ok": report.ok(strict=strict), "strict": strict}
        return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
    if fmt == "junit":
        return _junit(report, lang)
    raise InputError("format", fmt, f"one of {', '.join(FORMATS)}")
