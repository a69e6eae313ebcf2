"""Profiles, rules and deadlines as text and JSON.

- :class:`~govshare.profiles.RuleResult` (``govshare-rule/1``) and
  :class:`~govshare.profiles.Deadline` (``govshare-deadline/1``) are registered as they are:
  their citations are the one :class:`~govshare.profiles.Source` shape.
- :class:`ProfileList` (``govshare profiles``) and :class:`ProfileView` (``govshare show``)
  are the small typed results of the listing commands.
- :func:`value_words` says a rule value in words (periods, events, outcomes from the
  vocabulary), never as raw JSON.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from govshare._kernel.model import Label
from govshare._kernel.vocabulary import KINDS, label, term
from govshare.profiles import (
    RULE_KEYS,
    Deadline,
    Document,
    LayeredDeadline,
    LayeredRule,
    RuleEntry,
    RuleResult,
    Value,
)
from govshare.profiles._model import Step, period_label
from govshare.render.json import json_type
from govshare.render.registry import RenderOptions, renderer

__all__ = [
    "DocumentStatus",
    "ProfileList",
    "ProfileSummary",
    "ProfileView",
    "value_words",
]

json_type("rule")(RuleResult)
json_type("deadline")(Deadline)
# every layer's provision on a key (govshare.profiles.provisions) and the binding due date
# beside each layer's (layered_deadline): the HTTP service's /provisions and
# /layered-deadlines answers
json_type("layered-rule")(LayeredRule)
json_type("layered-deadline")(LayeredDeadline)


def _word(id_: str, lang: str, **fill: object) -> str:
    return label("word", id_, lang).format(**fill)


def _any_term(id_: str, lang: str) -> str:
    """The label of an id of whatever kind the vocabulary knows it as, else the id."""
    for kind in KINDS:
        found = term(kind, id_)
        if found is not None:
            return found.pick(lang)
    return id_


def _anchor(value: Any, lang: str) -> str:
    before = getattr(value, "before", None)
    if before:
        return _word("before_event", lang, event=label("event", before, lang))
    start = getattr(value, "from_", None)
    if start and start not in ("unknown", "ambiguous"):
        return _word("from_event", lang, event=label("event", start, lang))
    return ""


def _steps(steps: list[Step], lang: str) -> str:
    def one(step: Step) -> str:
        action = label("action", step.action, lang)
        if step.actor is None:
            return action
        return f"{label('actor', step.actor, lang)}: {action}"

    return " → ".join(one(s) for s in steps)


def value_words(value: Value | None, lang: str = "zh") -> str:  # noqa: PLR0911, PLR0912 - one per kind
    """A rule value in words (its typed core, never its ``details``): ``5个工作日（自收到申请
    起）``, ``5 working days from receipt of the application``; ``None`` is "not specified"."""
    if value is None:
        return _word("not_specified", lang)
    period = period_label(value, lang)
    if period is not None:
        return period + _anchor(value, lang)
    if value.kind == "calendar_month_end":
        which = "value_month_end_annual" if value.recurring == "annual" else "value_month_end"
        return _word(which, lang, month=value.month)
    if value.kind == "recurring":
        every = _word(f"period_{value.period}", lang)
        return _word("value_recurring", lang, period=every, n=value.min_times)
    if value.kind == "years":
        return _word("value_years", lang, n=value.n) + _anchor(value, lang)
    if value.kind == "outcome":
        return label("timeout_outcome", value.on_timeout, lang)
    if value.kind == "enum":
        return _any_term(value.value, lang)
    if value.kind == "set":
        return ", ".join(_any_term(v, lang) for v in value.values)
    if value.kind == "list":
        return "; ".join(value.items) + (" …" if value.open_ended else "")
    if value.kind == "steps":
        return _steps(value.steps, lang)
    if value.kind == "bool":
        return _word("yes" if value.value else "no", lang)
    if value.kind == "rule_set":
        return _word("value_rule_set", lang, keys=", ".join(value.details) or "—")
    if value.kind == "text":
        return value.text
    return value.kind


# -- the profile listing -------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class DocumentStatus:
    """A document of a profile and its status (in_force, trial, draft, expired)."""

    id: str
    status: str


@dataclass(frozen=True, kw_only=True)
class ProfileSummary:
    """One profile in the listing."""

    id: str
    name: Label
    documents: tuple[DocumentStatus, ...]


@json_type("profiles")
@dataclass(frozen=True, kw_only=True)
class ProfileList:
    """The profiles found (``govshare profiles``)."""

    profiles: tuple[ProfileSummary, ...]


@renderer(ProfileList, "text")
def _profiles_text(result: ProfileList, options: RenderOptions) -> str:
    lines = []
    for p in result.profiles:
        docs = ", ".join(f"{d.id} ({d.status})" for d in p.documents)
        lines.append(f"{p.id:<12} {p.name.pick(options.lang)}  [{docs}]")
    return "\n".join(lines)


# -- one profile ---------------------------------------------------------------------------


@json_type("profile-view")
@dataclass(frozen=True, kw_only=True)
class ProfileView:
    """A profile's documents, rules (all, or one key's) and processes (``govshare show``)."""

    id: str
    name: Label
    documents: tuple[Document, ...]
    rules: dict[str, tuple[RuleEntry, ...]]
    processes: dict[str, Label]
    key: str | None = None


def _entry_lines(view: ProfileView, key: str, lang: str) -> list[str]:
    docs = {d.id: d for d in view.documents}
    spec = RULE_KEYS[key]
    out = [f"{key}  {spec.zh if lang == 'zh' else spec.en}"]
    for e in view.rules[key]:
        doc = docs[e.doc]
        if e.not_specified:
            out.append(f"  [{e.doc}] {_word('not_specified', lang)}: {e.notes or ''}".rstrip())
            continue
        cite = f"{doc.number or doc.title} {e.cite}".strip()
        out.append(f"  [{e.doc}] {value_words(e.value, lang)}")
        out.append(f"      {cite}: 「{e.quote}」")
    return out


@renderer(ProfileView, "text")
def _view_text(view: ProfileView, options: RenderOptions) -> str:
    lang = options.lang
    if view.key is not None:
        return "\n".join(_entry_lines(view, view.key, lang))
    out = [f"{view.id}: {view.name.zh} / {view.name.en}"]
    for d in view.documents:
        until = d.in_force_until
        end = until if isinstance(until, str) else until.isoformat()
        out.append(f"  {d.id}: {d.title} {d.number or ''} [{d.status}; {d.in_force_from} .. {end}]")
    for key in view.rules:
        out.extend(_entry_lines(view, key, lang))
    for pid, name in view.processes.items():
        out.append(f"{_word('process', lang)} {pid}: {name.pick(lang)}")
    return "\n".join(out)


# -- a deadline ----------------------------------------------------------------------------


@renderer(Deadline, "text")
def _deadline_text(dl: Deadline, options: RenderOptions) -> str:
    lang = options.lang
    src = dl.source
    lines = [
        f"{dl.due.isoformat()}  ({_word('period', lang)}: {value_words(dl.rule.value, lang)}; "
        f"{_word('ends', lang)} {dl.end_instant.isoformat()})",
        f"  {_word('source', lang)}: {src.short}「{src.quote}」",
    ]
    for d in dl.displaced:
        why = value_words(d.value, lang) if lang == "zh" else d.reason
        lines.append(f"  {_word('displaced', lang)}: {d.source.short} ({why})")
    return "\n".join(lines)
