"""Mermaid state diagrams generated from process definitions.

Edges carry the event, the period of any deadline that runs out on them and the citation
of the rule in force at ``as_of`` and ``level``, so the picture matches what :func:`replay`
does for a case started that day. Transitions whose guard fails there, and states no
enabled transition reaches, are left out.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from govshare._kernel.dates import DateLike, to_date
from govshare._kernel.vocabulary import label, labels
from govshare.errors import GovshareError
from govshare.processes._engine import deems_consent, get_process, guard_holds
from govshare.profiles._model import period_label
from govshare.profiles._process_model import START, ProcessDef, TransitionDef
from govshare.profiles._profile import JurisdictionProfile, RuleResult
from govshare.profiles._suggest import check_process, resolve_level
from govshare.render.text import terminal_safe

__all__ = ["mermaid"]

# Mermaid entity codes keep these characters visible without breaking the syntax.
_ENTITIES = {"#": "#35;", ":": "#58;", ";": "#59;", '"': "#quot;", "<": "", ">": ""}
_ENTITY_RE = re.compile("|".join(re.escape(c) for c in _ENTITIES))
_DIRECTION = re.compile(r"\b(direction)(\s+)(TB|TD|BT|LR|RL)\b", re.IGNORECASE)

#: Chinese names of the actor ids used in process definitions (from the vocabulary).
ACTORS_ZH = {actor: words.zh for actor, words in labels("actor").items()}


def _clean(text: str) -> str:
    """One line of label text that Mermaid shows as written (entity codes, no HTML)."""
    one_line = " ".join(terminal_safe(text).split())
    safe = _ENTITY_RE.sub(lambda m: _ENTITIES[m.group(0)], one_line)
    return _DIRECTION.sub(lambda m: f"{m.group(1)}\u00a0{m.group(3)}", safe)


def _label(text: str, cite: str) -> str:
    """Label and citation on two lines, so a citation is never broken."""
    return f"{_clean(text)}<br/>{_clean(cite)}" if cite else _clean(text)


@dataclass(frozen=True)
class _Rules:
    profile: JurisdictionProfile
    when: dt.date
    level: str
    adopted: tuple[str, ...]
    #: each rule key looked up: None when a rule is in force, else why none is
    missing: dict[str, GovshareError | None] = field(default_factory=dict)

    def get(self, key: str | None) -> RuleResult | None:
        if key is None:
            return None
        try:
            found = self.profile.rule(key, as_of=self.when, level=self.level, adopted=self.adopted)
        except GovshareError as exc:
            self.missing.setdefault(key, exc)
            return None
        self.missing[key] = None
        return found

    def none_in_force(self) -> GovshareError | None:
        """Why no rule the process names is in force (nothing to draw from), or None."""
        if not self.missing or any(e is None for e in self.missing.values()):
            return None
        return next(iter(self.missing.values()))

    def enabled(self, t: TransitionDef) -> bool:
        if t.when is None:
            return True
        r = self.get(t.when.rule)
        return guard_holds(t.when, None if r is None else r.value)

    def deems(self, key: str | None) -> RuleResult | None:
        r = self.get(key)
        return r if r is not None and deems_consent(r.value) else None

    def cite(self, t: TransitionDef) -> str:
        if t.cite is not None:
            return f"{t.cite.article}{t.cite.clause or ''}"
        r = self.get(t.rule)
        return _where(r) if r else ""


def _where(r: RuleResult) -> str:
    return f"{r.source.article or ''}{r.source.clause or ''}"


def _reachable(proc: ProcessDef, rules: _Rules, enabled: list[TransitionDef]) -> set[str]:
    used = {START}
    while True:
        before = len(used)
        for t in enabled:
            if used & set(t.from_):
                used.add(t.to)
        for name in list(used - {START}):
            for d in proc.states[name].duties:
                if d.deemed_to and rules.deems(d.outcome):
                    used.add(d.deemed_to)
        if len(used) == before:
            return used


def _drawn(lines: list[str], rules: _Rules) -> str:
    """The diagram's text; refused when no rule the process names is in force."""
    empty = rules.none_in_force()
    if empty is not None:
        raise empty
    return terminal_safe("\n".join(lines) + "\n")


def mermaid(
    profile: JurisdictionProfile,
    process: str,
    *,
    as_of: DateLike,
    level: str | None = None,
    adopted: tuple[str, ...] = (),
    lang: str = "zh",
) -> str:
    """A Mermaid ``stateDiagram-v2`` of ``process`` under the rules in force at ``as_of``.

    ``level`` may be left out when one set of documents covers all the profile's levels
    (:func:`govshare.profiles.resolve_level`).

    Raises:
        LevelNeededError: no level given, and the answer depends on it.
        InputError: an unknown process, or a level at which no document applies.
        NoRuleInForceError: no rule the process names is in force at the date and level
            (there would be nothing to draw but the bare states).
    """
    proc = get_process(profile, check_process(profile, process))
    level = resolve_level(profile, level, adopted=adopted)
    rules = _Rules(profile, to_date(as_of, "as_of"), level, tuple(adopted))
    zh = lang == "zh"
    enabled = [t for t in proc.transitions if rules.enabled(t)]
    used = _reachable(proc, rules, enabled)
    lines = [
        "stateDiagram-v2",
        f"    %% {profile.id} {process} ({level}, {rules.when.isoformat()})",
        f"    %% {_clean(proc.label.zh if zh else proc.label.en)}",
    ]
    if len(used) == 1:
        why = label("word", "no_start_here", lang)
        lines.append(f"    [*] --> not_provided : {_clean(why)}")
    loops: dict[str, list[str]] = {}
    for t in enabled:
        text = t.label.zh if zh else t.label.en
        for src in t.from_:
            if src not in used:
                continue
            if src == t.to:  # self-loops are drawn as notes: their labels overlap edges
                loops.setdefault(src, []).append(_label(text, rules.cite(t)))
                continue
            a = "[*]" if src == START else src
            lines.append(f"    {a} --> {t.to} : {_label(text, rules.cite(t))}")
    for name, state in proc.states.items():
        if name not in used:
            continue
        for duty in state.duties:
            r = rules.get(duty.rule)
            if r is None or r.value is None:
                continue
            period = period_label(r.value, lang) or r.value.kind
            actor = label("actor", duty.actor) if zh else duty.actor
            lines.append(f"    note right of {name} : {_label(f'{actor} {period}', _where(r))}")
            o = rules.deems(duty.outcome)
            if duty.deemed_to and o is not None:
                text = f"{period}内未答复视为同意" if zh else f"deemed consent after {period}"
                lines.append(f"    {name} --> {duty.deemed_to} : {_label(text, _where(o))}")
        for note in loops.get(name, ()):
            lines.append(f"    note left of {name} : {note}")
        lines.append(f"    {name} : {_clean(state.label.zh if zh else state.label.en)}")
        if state.terminal:
            lines.append(f"    {name} --> [*]")
    return _drawn(lines, rules)
