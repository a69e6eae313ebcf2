"""Where a case stands and which path a request takes, as text and JSON.

:class:`Replay` (``govshare-replay/1``) holds a :class:`~govshare.processes.ProcessStatus`
with the labels the text needs (the process's and its states'), so Chinese text names
states and parties in words, not ids; :class:`Decision` (``govshare-decision/1``) holds an
:class:`~govshare.access.AccessDecision` and its citations. The state diagrams are in
:mod:`govshare.render.mermaid`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pydantic import computed_field

from govshare._kernel.messages import Notice, say
from govshare._kernel.model import Label
from govshare._kernel.vocabulary import label
from govshare.access import AccessDecision
from govshare.processes import LayerStatus, OpenDuty, ProcessStatus, Violation
from govshare.profiles import Source
from govshare.render.json import json_type
from govshare.render.registry import RenderOptions, renderer

__all__ = ["Decision", "Replay"]


def _word(id_: str, lang: str, **fill: object) -> str:
    return label("word", id_, lang).format(**fill)


@json_type("replay")
@dataclass(frozen=True, kw_only=True)
class Replay:
    """A replayed case (``govshare replay``) with the words to show it in."""

    status: ProcessStatus
    profile_name: Label
    process_label: Label
    state_labels: dict[str, Label] = field(default_factory=dict)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def deemed_consent(self) -> bool:
        """True when a deadline passed and the law deemed the reviewer to consent."""
        return self.status.deemed_consent

    @property
    def provisional(self) -> bool:
        """True when a due date rests on an estimated calendar year."""
        return any(d.provisional for d in self.status.open_duties)

    @property
    def warnings(self) -> tuple[str | Notice, ...]:
        """The case's warnings (printed after the text)."""
        return self.status.warnings

    def state(self, state: str, lang: str) -> str:
        """A state's label (its id in English when the profile gives none)."""
        found = self.state_labels.get(state)
        if found is not None:
            return found.pick(lang)
        return _word("not_started", lang) if state == "start" else state


def _who(actor: str, party: str | None, lang: str) -> str:
    return label("actor", actor, lang) + (f" ({party})" if party else "")


def _violation(v: Violation, lang: str) -> str:
    """A violation: its library message in English, its kind and due day in Chinese."""
    if lang == "en":
        text = say(v.message, lang)
    else:
        due = f" {_word('due', lang)} {v.due.isoformat()}" if v.due else ""
        text = f"{_who(v.actor, v.party, lang)} {_word(f'violation_{v.kind}', lang)}{due}"
    if v.late_working_days is not None:
        text += f", {_word('late_days', lang, n=v.late_working_days)}"
    if v.ongoing:
        text += f" ({_word('ongoing', lang)})"
    return f"  {_word('violation', lang)}: {text} — {v.source.short}"


def _period(d: OpenDuty, lang: str) -> str:
    """A duty's period in ``lang`` (the English ``period`` when no label was recorded)."""
    return d.period_label.pick(lang) if d.period_label is not None else d.period


@renderer(Replay, "text")
def _replay_text(result: Replay, options: RenderOptions) -> str:
    lang = options.lang
    st = result.status
    zh = lang == "zh"
    when = st.as_of.isoformat(timespec="seconds")
    level = label("level", st.level, lang)
    as_of = _word("as_of", lang)
    if zh:
        head = f"{result.profile_name.zh} {result.process_label.zh}（{level}）{as_of} {when}"
    else:
        head = f"{st.profile} {st.process} ({level}) {as_of} {when}"
    state = result.state(st.state, lang)
    if not zh:
        state += f" [{st.state}]"
    final = _word("final", lang)
    end = ("（" + final + "）" if zh else f" ({final})") if st.terminal else ""
    since = f" {_word('since', lang)} {st.since.isoformat()}" if st.since else ""
    out = [head, f"{_word('state', lang)}: {state}{end}{since}"]
    for d in st.open_duties:
        due = d.due.isoformat() if d.due else _period(d, lang)
        flag = f" {_word('overdue', lang)}" if d.overdue else ""
        period = "" if zh else f" — {d.period}"
        out.append(
            f"  {_word('due', lang)}: {_who(d.actor, d.party, lang)} {due}{flag}{period}; "
            f"{d.source.short}"
        )
    for f in st.fired:
        out.append(
            f"  {_word('fired', lang)}: {f.at.isoformat()} {label('duty_outcome', f.kind, lang)} "
            f"{_who(f.actor, f.party, lang)} — {f.source.short}"
        )
    out.extend(_violation(v, lang) for v in st.violations)
    for fd in st.findings:
        out.append(f"  {_word('finding', lang)}: {fd.zh if zh else fd.en} — {fd.source.short}")
    for nb in st.not_before:
        period = "" if zh else f" — {nb.period}"
        out.append(
            f"  {_word('not_before', lang)}: {label('event', nb.event, lang)} "
            f"{nb.earliest.isoformat()}{period}; {nb.source.short}"
        )
    out.append(f"{_word('trace', lang)}:")
    for s in st.trace:
        idx = f"[{s.index}]" if s.index is not None else f"[{_word('auto', lang)}]"
        cite = f" — {s.source.short}" if s.source else ""
        if zh:  # labels instead of ids
            move = f"{result.state(s.from_state, lang)} -> {result.state(s.to_state, lang)}"
            note = f"（{say(s.note, lang)}）" if s.note else ""
            out.append(f"  {idx} {s.at.isoformat()} {s.label.zh}：{move}{note}{cite}")
            continue
        note = f" ({say(s.note, lang)})" if s.note else ""
        out.append(
            f"  {idx} {s.at.isoformat()} {s.event} ({s.label.en}) {s.from_state} -> "
            f"{s.to_state}{note}{cite}"
        )
    for layer in st.layers:
        out += _layer_text(layer, lang)
    return "\n".join(out)


def _layer_text(layer: LayerStatus, lang: str) -> list[str]:
    """The same case under a layer above the profile (the national regulation): its state,
    duties, deadlines passed and violations, beside the local result."""
    head = f"{_word('layer', lang)}: {layer.name.pick(lang)}"
    if layer.error is not None:
        return [head, f"  {_word('warning', lang)}: {say(layer.error, lang)}"]
    final = f" ({_word('final', lang)})" if layer.terminal else ""
    out = [head, f"  {_word('state', lang)}: {layer.state_label.pick(lang)}{final}"]
    for d in layer.open_duties:
        due = d.due.isoformat() if d.due else _period(d, lang)
        flag = f" {_word('overdue', lang)}" if d.overdue else ""
        out.append(
            f"  {_word('due', lang)}: {_who(d.actor, d.party, lang)} {due}{flag}; {d.source.short}"
        )
    for f in layer.fired:
        out.append(
            f"  {_word('fired', lang)}: {f.at.isoformat()} {label('duty_outcome', f.kind, lang)} "
            f"{_who(f.actor, f.party, lang)} — {f.source.short}"
        )
    out.extend("  " + _violation(v, lang) for v in layer.violations)
    if layer.not_applicable:
        steps = ", ".join(f"[{i}]" for i in layer.not_applicable)
        out.append(f"  {_word('not_applicable_here', lang)}: {steps}")
    out.extend(f"  {_word('reading', lang)}: {say(r, lang)}" for r in layer.readings)
    return out


@json_type("decision")
@dataclass(frozen=True, kw_only=True)
class Decision:
    """An access decision (``govshare decide``) with the texts it rests on."""

    decision: AccessDecision

    @computed_field  # type: ignore[prop-decorator]
    @property
    def citations(self) -> tuple[Source, ...]:
        """Every text the decision rests on, in order, without repeats."""
        return self.decision.citations

    @property
    def warnings(self) -> tuple[str | Notice, ...]:
        """The decision's warnings (printed after the text)."""
        return self.decision.warnings


@renderer(Decision, "text")
def _decision_text(result: Decision, options: RenderOptions) -> str:
    lang = options.lang
    d = result.decision
    out = [d.zh if lang == "zh" else d.en]
    if d.reviewers:
        names = ", ".join(f"{r.name} ({_word(f'reviewer_{r.role}', lang)})" for r in d.reviewers)
        out.append(f"{_word('reviewers', lang)}: {names}")
    for step in d.steps:
        for layer in step.layers:
            word = _word("ceiling" if layer.relation == "ceiling" else "conflict", lang)
            out.append(
                f"{word}: {layer.due.isoformat()} — {layer.source.short} "
                f"({label('actor', step.actor, lang)})"
            )
    out.append(f"{_word('citations', lang)}:")
    out.extend(f"  {s.short}「{s.quote}」" for s in result.citations)
    return "\n".join(out)
