"""Short human-readable text for a rule value, in Chinese or English."""

from __future__ import annotations

from typing import Any

from govshare.profiles._model import Step, Value, period_label

__all__ = ["value_text"]

_OUTCOMES = {
    "deemed_consent": ("逾期视为同意", "deemed consent when late"),
    "overdue_violation": ("逾期即违规（不视为同意）", "overdue is a violation (no deemed consent)"),
    "not_specified": ("未规定逾期后果", "no consequence stated"),
}
_PERIODS = {"year": ("年", "year"), "quarter": ("季度", "quarter"), "month": ("月", "month")}


#: Chinese names of the events periods run from (the profiles' ``from``/``before`` tokens).
_EVENTS_ZH = {
    "application_submission": "提出申请",
    "application_receipt": "收到申请",
    "legal_or_function_change": "法律法规或职能变化",
    "feedback_receipt": "收到反馈",
    "offline_execution": "下线",
    "proof_receipt": "收到证明材料",
    "platform_investigation_done": "平台核实完毕",
    "owner_explicit_answer": "数据所有部门明确答复",
    "forwarding_to_provider": "平台转提供部门",
    "demand_receipt": "收到需求",
    "correction_request_receipt": "收到纠错申请",
    "correction_notice_receipt": "收到纠错通知",
    "business_data_change": "业务数据变化",
    "account_application": "账号申请",
}


def _anchor(value: Any, zh: bool) -> str:
    before = getattr(value, "before", None)
    if before:
        return f"（{_EVENTS_ZH.get(before, before)}前）" if zh else f" before {before}"
    start = getattr(value, "from_", None)
    if start and start not in ("unknown", "ambiguous"):
        return f"（自{_EVENTS_ZH.get(start, start)}起）" if zh else f" from {start}"
    return ""


def _steps(steps: list[Step]) -> str:
    return " → ".join(f"{s.actor}: {s.action}" for s in steps)


def value_text(value: Value | None, lang: str = "zh") -> str:  # noqa: PLR0911, PLR0912 - one per kind
    """A one-line summary of ``value``: the typed core only, never its ``details``.

    Args:
        value: a rule value, or None for a document that is silent (``not_specified``).
        lang: ``zh`` or ``en``.
    """
    zh = lang == "zh"
    if value is None:
        return "未规定" if zh else "not specified"
    period = period_label(value, lang)
    if period is not None:
        return period + _anchor(value, zh)
    if value.kind == "calendar_month_end":
        every = "每年" if value.recurring == "annual" else ""
        return f"{every}{value.month}月底前" if zh else f"by the end of month {value.month}"
    if value.kind == "recurring":
        zh_p, en_p = _PERIODS[value.period]
        return (
            f"每{zh_p}至少{value.min_times}次"
            if zh
            else f"at least {value.min_times} time(s) a {en_p}"
        )
    if value.kind == "years":
        return (
            f"{value.n}年" + _anchor(value, zh) if zh else f"{value.n} years" + _anchor(value, zh)
        )
    if value.kind == "outcome":
        return _OUTCOMES[value.on_timeout][0 if zh else 1]
    if value.kind == "enum":
        return value.value
    if value.kind == "set":
        return ", ".join(value.values)
    if value.kind == "list":
        more = " …" if value.open_ended else ""
        return "; ".join(value.items) + more
    if value.kind == "steps":
        return _steps(value.steps)
    if value.kind == "bool":
        return ("是" if value.value else "否") if zh else ("yes" if value.value else "no")
    if value.kind == "rule_set":
        keys = ", ".join(value.details) or "—"
        return f"组合规则（{keys}）" if zh else f"composite rule ({keys})"
    if value.kind == "text":
        return value.text
    return value.kind
