"""The process format: a jurisdiction's procedures as state machines, in its profile.

A process is data: states (with the duties that run while a process waits in them) and
transitions (an event moves the process from some states to another), each citing the text
it rests on. Periods are never written here: a duty or a waiting period names a rule key,
and the engine asks the profile for the rule in force when the period starts, so the
profile's precedence (Hubei's 5 versus 10 working days) applies to processes too.

The implicit first state is ``start``: a process has no events yet.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, Field, model_validator

from govshare._kernel.model import STRICT, Label, NonEmpty

__all__ = [
    "START",
    "Duty",
    "Extension",
    "Finding",
    "Guard",
    "ProcessCitation",
    "ProcessDef",
    "StateDef",
    "TransitionDef",
    "Wait",
]

#: The state of a process before its first event.
START = "start"

#: Words Mermaid reads as keywords; a state may not be named so (diagrams must parse).
RESERVED_STATES = frozenset(
    {
        "state",
        "note",
        "class",
        "classdef",
        "style",
        "default",
        "click",
        "scale",
        "acctitle",
        "accdescr",
        "direction",
        "end",
        "not_provided",
    }
)

_CFG = STRICT
Ident = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]

#: Event fields a transition may require.
EventField = Literal["by", "reasons", "reviewers", "on_behalf_of"]


class ProcessCitation(BaseModel):
    """A citation of one document's text, for a step no rule key covers."""

    model_config = _CFG

    doc: NonEmpty
    article: NonEmpty
    clause: str | None = None
    quote: NonEmpty


class Guard(BaseModel):
    """A condition on the rule in force: the transition exists only when it holds.

    ``is`` lists accepted values (an enum's value, an outcome's ``on_timeout``, ``true`` or
    ``false`` for a flag, otherwise the value's kind); ``specified`` tests whether the
    document in force says anything at all.
    """

    model_config = _CFG

    rule: NonEmpty
    is_: list[NonEmpty] | None = Field(default=None, alias="is")
    specified: bool | None = None

    @model_validator(mode="after")
    def _one(self) -> Guard:
        if (self.is_ is None) == (self.specified is None):
            raise ValueError("give exactly one of 'is' or 'specified'")
        return self


class Duty(BaseModel):
    """A time limit that runs while the process waits in a state.

    The period comes from ``rule`` (in force at the start of the period, which is the event
    that entered the state). When it passes with the duty undone, the ``outcome`` rule
    decides: ``deemed_consent`` moves the process to ``deemed_to``; anything else is an
    overdue violation, and the process keeps waiting.
    """

    model_config = _CFG

    rule: NonEmpty
    actor: Ident
    per_party: bool = Field(
        default=False, description="one duty per reviewer named by the first event's reviewers"
    )
    outcome: str | None = Field(default=None, description="rule key of kind outcome")
    deemed_to: Ident | None = None

    @model_validator(mode="after")
    def _deemed(self) -> Duty:
        if (self.outcome is None) != (self.deemed_to is None):
            raise ValueError("'outcome' and 'deemed_to' go together")
        return self


class Wait(BaseModel):
    """The event may happen only after a period counted from an earlier event has ended.

    Used for advance notice and publicity (notice 5 working days before going offline;
    offline after 10 working days of publicity). Acting too early is a violation.
    """

    model_config = _CFG

    rule: NonEmpty
    after: Ident
    only_if: dict[Ident, bool | str] = Field(
        default_factory=dict, description="facts (from the events) under which the wait applies"
    )


class Extension(BaseModel):
    """The event extends a duty already running in the state, once, by a further period.

    The further period comes from ``rule`` (a ``working_days`` value, or the number in its
    ``details[detail]`` when ``detail`` is given), in force when the duty started, and is
    counted from the duty's original due day. When ``after`` names an event, the extension
    takes effect only if that event happened earlier in the same state (an approval the text
    requires first); otherwise the event is a ``missing_prior_step`` violation and the duty
    is not extended. A duty already extended, or whose due day has passed, is not extended
    again; the trace says why.
    """

    model_config = _CFG

    duty: NonEmpty = Field(description="rule key of the running duty to extend")
    rule: NonEmpty = Field(description="rule key giving the further period")
    detail: Ident | None = Field(
        default=None, description="take the number of working days from details[detail]"
    )
    after: Ident | None = Field(
        default=None, description="an event that must come first in the same state"
    )


class Finding(BaseModel):
    """A warning recorded when the event happens while the given facts hold."""

    model_config = _CFG

    facts: dict[Ident, bool | str]
    rule: NonEmpty
    message: Label


class TransitionDef(BaseModel):
    """An event that moves the process from one of ``from`` to ``to``."""

    model_config = _CFG

    event: Ident
    from_: Annotated[list[Ident], Field(min_length=1)] = Field(alias="from")
    to: Ident
    actor: Ident
    label: Label
    rule: str | None = Field(default=None, description="rule key cited for this step")
    cite: ProcessCitation | None = Field(default=None, description="citation when no key fits")
    when: Guard | None = None
    facts: dict[Ident, bool | str] = Field(
        default_factory=dict,
        description="facts under which the transition applies; excluded only when a fact "
        "stated in the log (on this event or an earlier one) contradicts one of them",
    )
    requires: list[EventField] = Field(default_factory=list)
    join: Literal["any", "all"] = Field(
        default="any", description="all: fires once every reviewer has sent the event"
    )
    wait: Wait | None = None
    delegable: str | None = Field(
        default=None, description="rule key of kind bool allowing review on behalf of a party"
    )
    finding: Finding | None = None
    extends: Extension | None = Field(
        default=None, description="extend a running duty of the state (a step back into it)"
    )

    @model_validator(mode="after")
    def _cited(self) -> TransitionDef:
        if self.rule is None and self.cite is None:
            raise ValueError("a transition cites its text: give 'rule' or 'cite'")
        if self.extends is not None and self.from_ != [self.to]:
            raise ValueError("a transition that extends a duty stays in its state: from [to]")
        return self


class StateDef(BaseModel):
    """A state: its name, whether it ends the process, the duties running in it."""

    model_config = _CFG

    label: Label
    terminal: bool = False
    duties: list[Duty] = Field(default_factory=list)


class ProcessDef(BaseModel):
    """One procedure of a jurisdiction, as a state machine."""

    model_config = _CFG

    label: Label
    states: dict[Ident, StateDef]
    transitions: Annotated[list[TransitionDef], Field(min_length=1)]
    notes: str | None = None

    @model_validator(mode="after")
    def _graph(self) -> ProcessDef:
        if START in self.states:
            raise ValueError(f"{START!r} is implicit; do not declare it")
        reserved = sorted(set(self.states) & RESERVED_STATES)
        if reserved:
            raise ValueError(f"state names reserved by the diagram syntax: {reserved}")
        known = set(self.states)
        for i, t in enumerate(self.transitions):
            for s in t.from_:
                if s != START and s not in known:
                    raise ValueError(f"transitions[{i}] ({t.event}): unknown state {s!r}")
                if s in known and self.states[s].terminal:
                    raise ValueError(
                        f"transitions[{i}] ({t.event}): {s!r} is terminal; nothing leaves it"
                    )
            if t.to not in known:
                raise ValueError(f"transitions[{i}] ({t.event}): unknown state {t.to!r}")
        for name, state in self.states.items():
            for d in state.duties:
                if d.deemed_to is not None and d.deemed_to not in known:
                    raise ValueError(f"state {name!r}: deemed_to names unknown state")
        if not any(START in t.from_ for t in self.transitions):
            raise ValueError(f"no transition leaves {START!r}")
        return self

    @model_validator(mode="after")
    def _extensions(self) -> ProcessDef:
        for i, t in enumerate(self.transitions):
            ext = t.extends
            state = self.states.get(t.to)
            if ext is not None and state and ext.duty not in {d.rule for d in state.duties}:
                raise ValueError(
                    f"transitions[{i}] ({t.event}): extends {ext.duty!r}, not a duty of {t.to!r}"
                )
        return self
