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

from govshare._kernel.messages import say
from govshare._kernel.model import Label
from govshare._kernel.vocabulary import KINDS, label, term
from govshare.profiles import (
    RULE_KEYS,
    Deadline,
    Document,
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
# every layer's provision on a key (govshare.profiles.provisions): the HTTP service's
# /provisions answer (a deadline carries every layer's due day itself)
json_type("layered-rule")(LayeredRule)


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


def value_words(  # noqa: PLR0911, PLR0912 - one per kind
    value: Value | None, lang: str = "zh", *, quote: str | None = None
) -> str:
    """A rule value in words (its typed core, never its ``details``): ``5个工作日（自收到申请
    起）``, ``5 working days from receipt of the application``; ``None`` is "not specified".

    A ``text`` value is the profile author's English prose: English output shows it, Chinese
    output the rule's own words instead (``quote``, or "see the text" when not given)."""
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
        items = "; ".join(label("list_item", i, lang) for i in value.items)
        return items + (" …" if value.open_ended else "")
    if value.kind == "steps":
        return _steps(value.steps, lang)
    if value.kind == "bool":
        return _word("yes" if value.value else "no", lang)
    if value.kind == "rule_set":
        if lang == "en":
            return _word("value_rule_set", lang, keys=", ".join(value.details) or "—")
        return _word("value_rule_set_count", lang, n=len(value.details))
    if value.kind == "text":
        return value.text if lang == "en" else prose_in_chinese(quote, lang)
    return value.kind


def prose_in_chinese(quote: str | None, lang: str = "zh") -> str:
    """What Chinese output shows in place of a profile author's English prose: the quote of
    the legal text, else "see the text"."""
    return f"「{quote}」" if quote else _word("see_quote", lang)


def _date(value: object, lang: str) -> str:
    if value == "unknown":
        return _word("date_unknown", lang)
    if value == "not_specified":
        return _word("date_open", lang)
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


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
        lang = options.lang
        docs = ", ".join(f"{d.id} ({label('doc_status', d.status, lang)})" for d in p.documents)
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
    #: the profile whose documents bind above this one (the national regulation)
    layer_under: str | None = None


def _entry_lines(view: ProfileView, key: str, lang: str) -> list[str]:
    docs = {d.id: d for d in view.documents}
    spec = RULE_KEYS[key]
    out = [f"{key}  {spec.zh if lang == 'zh' else spec.en}"]
    for e in view.rules[key]:
        doc = docs[e.doc]
        if e.not_specified:
            notes = e.notes if lang == "en" else None  # the author's prose is English
            out.append(f"  [{e.doc}] {_word('not_specified', lang)}: {notes or ''}".rstrip(": "))
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
    out = [f"{view.id}: {view.name.pick(lang)}"]
    if view.layer_under:
        out.append(f"  {_word('layer', lang)}: {view.layer_under}")
    for d in view.documents:
        status = label("doc_status", d.status, lang)
        rank = label("rank", d.rank, lang)
        span = f"{_date(d.in_force_from, lang)} .. {_date(d.in_force_until, lang)}"
        out.append(f"  {d.id}: {d.title} {d.number or ''} [{rank}; {status}; {span}]")
    for key in view.rules:
        out.extend(_entry_lines(view, key, lang))
    for pid, name in view.processes.items():
        out.append(f"{_word('process', lang)} `{pid}`: {name.pick(lang)}")
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
        why = value_words(d.value, lang) if lang == "zh" else say(d.reason, lang)
        lines.append(f"  {_word('displaced', lang)}: {d.source.short} ({why})")
    lines += _layer_lines(dl, lang)
    return "\n".join(lines)


def _layer_lines(dl: Deadline, lang: str) -> list[str]:
    """The other layers' limits beside the binding one, and the readings applied."""
    sep = "；" if lang == "zh" else "; "
    out = []
    for layer in dl.layers:
        if layer.relation == "binds":
            continue
        word = _word("ceiling" if layer.relation == "ceiling" else "conflict", lang)
        rank = f" [{label('rank', layer.rank, lang)}]" if layer.rank else ""
        text = f"  {word}: {layer.due.isoformat()} — {layer.source.short}{rank}"
        if layer.extension is not None:
            ext = layer.extension
            who = label("actor", ext.approval_by, lang)
            text += (
                f"{sep}{_word('extension_latest', lang)} {ext.due.isoformat()} "
                f"({_word('approved_by', lang)}: {who}; {ext.source.short})"
            )
        out.append(text)
    out += [f"  {_word('reading', lang)}: {say(r, lang)}" for r in dl.readings]
    return out
