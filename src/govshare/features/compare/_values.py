"""Short human-readable text for a rule value, in Chinese or English."""

from __future__ import annotations

from typing import Any

from govshare._kernel.vocabulary import label
from govshare.profiles._model import Value, period_label

__all__ = ["value_text"]

_OUTCOMES = {
    "deemed_consent": ("逾期视为同意", "deemed consent when late"),
    "overdue_violation": ("逾期即违规（不视为同意）", "overdue is a violation (no deemed consent)"),
    "not_specified": ("未规定逾期后果", "no consequence stated"),
}
_PERIODS = {"year": ("年", "year"), "quarter": ("季度", "quarter"), "month": ("月", "month")}


def _anchor(value: Any, zh: bool) -> str:
    before = getattr(value, "before", None)
    if before:
        return f"（{label('event', before)}前）" if zh else f" before {before}"
    start = getattr(value, "from_", None)
    if start and start not in ("unknown", "ambiguous"):
        return f"（自{label('event', start)}起）" if zh else f" from {start}"
    return ""


def _steps(steps: list[dict[str, Any]]) -> str:
    return " → ".join(
        f"{s.get('actor', '?')}: {s.get('action', '?')}" if "actor" in s else str(s.get("action"))
        for s in steps
    )


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
