"""The engine's vocabulary: the canonical rule keys and the value kinds each may take.

The keys are those of the rules inventory (shared/spec/rules-inventory.md, sections 1-9, and
the keys section 11 adds for the national regulation); profiles fill them in. Nothing here
names a jurisdiction.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DEADLINE_KINDS", "RULE_KEYS", "RuleKey"]

#: Value kinds that set a time limit the calendar can compute.
DEADLINE_KINDS = frozenset({"working_days", "calendar_days", "same_day", "immediate"})
_TIMED = DEADLINE_KINDS | {"promptly"}
_DESCRIPTIVE = frozenset({"enum", "set", "list", "steps", "bool", "rule_set", "text"})
_DATED = frozenset({"calendar_month_end", "recurring"})


@dataclass(frozen=True)
class RuleKey:
    """A canonical rule key: its inventory section, labels and allowed value kinds."""

    key: str
    section: str
    zh: str
    en: str
    kinds: frozenset[str]


def _k(key: str, section: str, zh: str, en: str, kinds: frozenset[str]) -> RuleKey:
    return RuleKey(key, section, zh, en, kinds)


_S1, _S2, _S3 = "1 共享类型与路径", "2 授权方式", "3 数据质量"
_S4, _S5, _S6 = "4 新数据需求", "5 目录与资源管理", "6 调度"
_S7, _S8, _S9 = "7 平台运行", "8 年度义务", "9 数据开放"
_S11 = "11 国家条例新增"
_ANY = _DESCRIPTIVE | _TIMED

_ALL: tuple[RuleKey, ...] = (
    _k("share.types", _S1, "共享类型", "share types", _DESCRIPTIVE),
    _k(
        "share.unconditional.access",
        _S1,
        "无条件共享获取方式",
        "unconditional access path",
        _DESCRIPTIVE,
    ),
    _k(
        "share.unconditional.platform_review",
        _S1,
        "无条件共享平台审查时限",
        "unconditional: platform review",
        _TIMED,
    ),
    _k(
        "share.conditional.platform_review",
        _S1,
        "有条件共享平台审查时限",
        "conditional: platform review",
        _TIMED,
    ),
    _k(
        "share.conditional.provider_reply",
        _S1,
        "有条件共享提供部门答复时限",
        "conditional: provider reply",
        _TIMED,
    ),
    _k(
        "share.conditional.on_reply_timeout",
        _S1,
        "逾期未答复的后果",
        "conditional: reply deadline missed",
        frozenset({"outcome"}),
    ),
    _k(
        "share.conditional.application_contents",
        _S1,
        "申请内容",
        "conditional: application contents",
        _DESCRIPTIVE,
    ),
    _k(
        "share.conditional.after_approval",
        _S1,
        "同意后的处理",
        "conditional: after approval",
        _DESCRIPTIVE,
    ),
    _k(
        "share.conditional.requires_stated_conditions",
        _S1,
        "须列明共享条件",
        "conditional: conditions must be stated",
        _DESCRIPTIVE,
    ),
    _k(
        "share.restricted_types.legal_basis",
        _S1,
        "有条件/不予共享的依据",
        "restricted types: legal basis",
        _DESCRIPTIVE,
    ),
    _k("share.not_shared.path", _S1, "不予共享数据的处理", "not shared: path", _DESCRIPTIVE),
    _k("share.refusal.escalation", _S1, "拒绝后的协调", "refusal: escalation", _DESCRIPTIVE),
    _k("share.refusal.grounds", _S1, "拒绝理由", "refusal: grounds", _DESCRIPTIVE),
    _k("share.upstream_relay", _S1, "向上级平台申请", "relay to upper platforms", _DESCRIPTIVE),
    _k("share.electronic_equivalence", _S1, "电子文件效力", "electronic equivalence", _DESCRIPTIVE),
    _k("auth.reviewer_default", _S2, "审核主体", "default reviewer", _DESCRIPTIVE),
    _k("auth.delegated_review", _S2, "委托审核", "delegated review", _DESCRIPTIVE),
    _k("auth.independent.use", _S2, "使用授权", "use authorization", _DESCRIPTIVE),
    _k("auth.independent.fusion", _S2, "融合授权", "fusion authorization", _DESCRIPTIVE),
    _k("auth.joint", _S2, "联合授权", "joint authorization", _DESCRIPTIVE),
    _k("auth.dedicated", _S2, "专用数据", "dedicated data", _DESCRIPTIVE),
    _k(
        "quality.correction.provider_reply",
        _S3,
        "数据校核答复时限",
        "correction: provider reply",
        _TIMED,
    ),
    _k("quality.report_window", _S3, "问题反馈时限", "problem report window", _TIMED),
    _k(
        "quality.during_correction",
        _S3,
        "校核期间业务办理",
        "business during correction",
        _DESCRIPTIVE,
    ),
    _k("demand.new_data.reply", _S4, "新数据需求答复时限", "new data demand: reply", _TIMED),
    _k("catalog.annual_maintenance", _S5, "目录年度维护", "catalog: annual maintenance", _DATED),
    _k(
        "catalog.update_after_legal_change",
        _S5,
        "法规变化后目录更新时限",
        "catalog: update after legal change",
        _TIMED,
    ),
    _k("catalog.change.approval", _S5, "变更/下线审批", "catalog change: approval", _ANY),
    _k("catalog.offline.notice_to_users", _S5, "下线前告知/公示", "offline: notice to users", _ANY),
    _k(
        "catalog.offline.in_use_without_replacement",
        _S5,
        "在用且无替代资源的下线",
        "offline: in use without replacement",
        _DESCRIPTIVE,
    ),
    _k("catalog.modify.switch_over", _S5, "变更切换时限", "change: switch-over", _TIMED),
    _k("catalog.offline.filing", _S5, "下线结果备案", "offline: filing", _DESCRIPTIVE),
    _k("data.table_update", _S5, "库表数据更新", "table data update", _TIMED),
    _k("dispatch.application", _S6, "调度申请", "dispatch: application", _DESCRIPTIVE),
    _k(
        "dispatch.infeasible_feedback",
        _S6,
        "无法共享的反馈时限",
        "dispatch: infeasible feedback",
        _TIMED,
    ),
    _k("dispatch.notice", _S6, "调度通知", "dispatch: notice", _DESCRIPTIVE),
    _k("dispatch.order", _S6, "调度令", "dispatch: order", _DESCRIPTIVE),
    _k("dispatch.sanctions", _S6, "调度问责", "dispatch: sanctions", _DESCRIPTIVE),
    _k("platform.account.processing", _S7, "平台账号办理时限", "platform accounts", _TIMED),
    _k("platform.single_channel", _S7, "统一经平台交换", "single exchange channel", _DESCRIPTIVE),
    _k("report.annual.departments", _S8, "部门年度报告", "annual report: departments", _DATED),
    _k("report.annual.province", _S8, "全省年度报告", "annual report: province", _DATED),
    _k("lists.annual_publication", _S8, "清单年度编制", "annual lists", _DATED),
    _k("theme_db.annual_report", _S8, "主题库年度报告", "theme database report", _DATED),
    _k("open.types", _S9, "开放类型", "open-data types", _DESCRIPTIVE),
    _k("open.unconditional.format", _S9, "无条件开放格式", "open data: format", _DESCRIPTIVE),
    _k(
        "open.conditional.application",
        _S9,
        "有条件开放申请",
        "open data: conditional application",
        _DESCRIPTIVE,
    ),
    _k("open.objection", _S9, "开放数据异议处理", "open data: objection", _ANY),
    # Section 11: keys the national regulation adds (its rules for sections 1-9 use those keys).
    _k(
        "share.unconditional.provider_reply",
        _S11,
        "无条件共享提供部门答复时限",
        "unconditional: provider reply",
        _TIMED,
    ),
    _k("share.reply.extension", _S11, "答复期限延长", "reply: extension", _TIMED),
    _k(
        "share.application.incomplete",
        _S11,
        "申请材料不全的处理",
        "application: incomplete materials",
        _ANY,
    ),
    _k(
        "share.provision.after_consent",
        _S11,
        "同意后提供数据时限",
        "provision after consent",
        _TIMED,
    ),
    _k("share.return_flow", _S11, "数据回流", "return flow to lower levels", _ANY),
    _k("share.use_limits", _S11, "共享数据使用限制", "limits on use", _DESCRIPTIVE),
    _k(
        "share.records_retention",
        _S11,
        "使用记录及保存期限",
        "use records and retention",
        _DESCRIPTIVE | {"years"},
    ),
    _k(
        "catalog.review_publish",
        _S11,
        "更新目录审核发布时限",
        "catalog: review and publication",
        _TIMED,
    ),
    _k("violations.provider", _S11, "提供部门违规情形", "violations: provider", _DESCRIPTIVE),
    _k("violations.requester", _S11, "需求部门违规情形", "violations: requester", _DESCRIPTIVE),
    _k("violations.authority", _S11, "主管部门违规情形", "violations: authority", _DESCRIPTIVE),
)

#: Every canonical rule key, in inventory order.
RULE_KEYS: dict[str, RuleKey] = {k.key: k for k in _ALL}
