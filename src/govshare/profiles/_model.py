"""The profile format: documents, dated and cited rules, precedence, the calendar to use.

Validated with pydantic v2, ``extra="forbid"`` everywhere except each value's ``details``
(descriptive fields a value may carry beyond its kind's typed core, which no code reads).
What code reads is typed: the steps of a path (:class:`Step`), the share types a rule
covers (:class:`ShareScope`), the route for dedicated data (:class:`DedicatedRoute`) and
who reports to whom (:class:`Parties`).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from govshare._kernel.model import STRICT, Label, Level, NonEmpty
from govshare.profiles._process_model import ProcessDef

__all__ = [
    "Citation",
    "DedicatedRoute",
    "Document",
    "Extension",
    "Level",
    "MeasureSection",
    "Parties",
    "Precedence",
    "Profile",
    "RuleEntry",
    "SelfCheckVocabulary",
    "ShareScope",
    "ShareType",
    "Step",
    "TimeoutOutcome",
    "Value",
]

_CFG = STRICT


#: What a rule says happens when a time limit passes.
TimeoutOutcome = Literal["deemed_consent", "overdue_violation", "not_specified"]

#: The share types of the documents (无条件共享, 有条件共享, 不予共享).
ShareType = Literal["unconditional", "conditional", "not_shared"]

#: An id: lower case, digits and underscores.
Ident = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]


class _Kind(BaseModel):
    model_config = _CFG
    details: dict[str, Any] = Field(
        default_factory=dict,
        description="descriptive fields beyond the kind's typed core (read by no code)",
    )


class ShareScope(BaseModel):
    """The share types a rule applies to, and the type a resource falls back to."""

    model_config = _CFG

    applies_to: Annotated[list[ShareType], Field(min_length=1)] = Field(
        description="the share types the rule covers"
    )
    default_if_missing: ShareType | None = Field(
        default=None, description="the type a resource has when the rule is not met"
    )


class DedicatedRoute(BaseModel):
    """How departments not on a dedicated (专用) resource's list obtain it."""

    model_config = _CFG

    others_apply_to: Literal["original_provider"] | None = Field(
        default=None, description="whom the others apply to"
    )
    reply_deadline: Literal["not_specified"] | None = Field(
        default=None, description="the reply deadline the text sets for them"
    )


class Parties(BaseModel):
    """Who must act (or report) and to whom, for a dated duty such as an annual report."""

    model_config = _CFG

    actor: Ident | None = None
    reporter: Ident | list[Ident] | None = None
    reporters: list[Ident] | None = None
    to: Ident | None = None
    covers: Literal["previous_year"] | None = Field(
        default=None, description="the period a report covers"
    )


class Extension(BaseModel):
    """How far a time limit may be extended, by whose approval (e.g. 第二十一条: at most 10
    more working days, approved by the same-level data authority)."""

    model_config = _CFG

    n: Annotated[int, Field(ge=1, description="at most this many more working days")]
    approval_by: NonEmpty = Field(description="the actor who must approve the extension")
    condition: NonEmpty | None = Field(default=None, description="when it may be asked for")
    rule: NonEmpty | None = Field(
        default=None,
        description="the rule key whose entry cites the extension (default: this entry)",
    )


class WorkingDays(_Kind):
    """N working days from (or before) an event."""

    kind: Literal["working_days"]
    n: Annotated[int, Field(ge=0)]
    from_: NonEmpty | None = Field(default=None, alias="from")
    before: NonEmpty | None = None
    immediate_if_possible: bool = False
    refusal_requires_reasons: bool = False
    extension: Extension | None = Field(
        default=None, description="how far the limit may be extended, with approval"
    )

    @model_validator(mode="after")
    def _anchor(self) -> WorkingDays:
        if (self.from_ is None) == (self.before is None):
            raise ValueError("give exactly one of 'from' (start event) or 'before' (event)")
        return self


class CalendarDays(_Kind):
    """N calendar days from an event (a last day on a rest day rolls forward)."""

    kind: Literal["calendar_days"]
    n: Annotated[int, Field(ge=0)]
    from_: NonEmpty = Field(alias="from")


class SameDay(_Kind):
    """Due the day the event happens (当日)."""

    kind: Literal["same_day"]
    from_: NonEmpty = Field(alias="from")


class Immediate(_Kind):
    """Due the moment the event happens (立即): a zero-length duty."""

    kind: Literal["immediate"]
    from_: NonEmpty = Field(alias="from")
    condition: str | None = None


class Promptly(_Kind):
    """ "Promptly" (及时): recorded, with no enforceable deadline."""

    kind: Literal["promptly"]


class MonthEnd(_Kind):
    """By the end of a calendar month (a fixed date, not a period)."""

    kind: Literal["calendar_month_end"]
    month: Annotated[int, Field(ge=1, le=12)]
    recurring: Literal["annual", "once"] = "annual"
    parties: Parties | None = None


class Recurring(_Kind):
    """A duty repeated each period at least ``min_times`` times."""

    kind: Literal["recurring"]
    period: Literal["year", "quarter", "month"]
    min_times: Annotated[int, Field(ge=1)] = 1
    parties: Parties | None = None


class Years(_Kind):
    """N years from an event (e.g. a document's validity)."""

    kind: Literal["years"]
    n: Annotated[int, Field(ge=1)]
    from_: NonEmpty = Field(alias="from")


class Outcome(_Kind):
    """What happens when a deadline passes."""

    kind: Literal["outcome"]
    on_timeout: TimeoutOutcome
    auto_authorization_by: str | None = None


class Enum(_Kind):
    """One named choice (an access path, a reviewer, ...)."""

    kind: Literal["enum"]
    value: NonEmpty
    scope: ShareScope | None = None


class Set(_Kind):
    """A set of named values (e.g. the share types)."""

    kind: Literal["set"]
    values: Annotated[list[NonEmpty], Field(min_length=1)]


class ItemList(_Kind):
    """A list of required items (application contents, notice contents)."""

    kind: Literal["list"]
    items: Annotated[list[NonEmpty], Field(min_length=1)]
    open_ended: bool = False


class Step(BaseModel):
    """One step of a path: who does what (ids the vocabulary names), with its particulars."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    actor: Ident
    action: Ident
    to: Ident | None = None
    with_: Ident | None = Field(default=None, alias="with")
    via: Ident | list[Ident] | None = None
    assisted_by: Ident | None = None
    condition: Ident | None = None
    deadline: (
        Annotated[Immediate | Promptly, Field(discriminator="kind")]
        | Literal["not_specified"]
        | None
    ) = None
    options: list[Ident] | None = None


class Steps(_Kind):
    """An ordered path of steps (escalation, approval chain)."""

    kind: Literal["steps"]
    steps: Annotated[list[Step], Field(min_length=1)]
    scope: ShareScope | None = None


class Flag(_Kind):
    """A yes/no duty or permission."""

    kind: Literal["bool"]
    value: bool


class RuleSet(_Kind):
    """A composite rule described by named fields in ``details``."""

    kind: Literal["rule_set"]
    dedicated: DedicatedRoute | None = None


class Text(_Kind):
    """A rule nothing typed fits, in words."""

    kind: Literal["text"]
    text: NonEmpty


Value = Annotated[
    WorkingDays
    | CalendarDays
    | SameDay
    | Immediate
    | Promptly
    | MonthEnd
    | Recurring
    | Years
    | Outcome
    | Enum
    | Set
    | ItemList
    | Steps
    | Flag
    | RuleSet
    | Text,
    Field(discriminator="kind"),
]


_PERIOD_WORDS = {
    "promptly": ("及时", "promptly"),
    "immediate": ("立即", "immediately"),
    "same_day": ("当日", "the same day"),
}


def period_label(value: Value | None, lang: str = "zh") -> str | None:
    """A short name for the time limit a value sets (``5个工作日``, ``5 working days``).

    None when the value sets no time limit (or is not specified).
    """
    if value is None:
        return None
    zh = lang == "zh"
    if value.kind == "working_days":
        return f"{value.n}个工作日" if zh else f"{value.n} working days"
    if value.kind == "calendar_days":
        return f"{value.n}日" if zh else f"{value.n} days"
    words = _PERIOD_WORDS.get(value.kind)
    return None if words is None else words[0 if zh else 1]


class Citation(BaseModel):
    """Where a rule stands in its document, with the exact words."""

    model_config = _CFG

    article: str | None = None
    clause: str | None = None
    quote: NonEmpty
    notes: str | None = None


class FieldCitation(Citation):
    """A citation for one field of a document's metadata."""

    field: NonEmpty


class RuleEntry(BaseModel):
    """One document's rule for a key: a cited value, or an explicit ``not_specified``."""

    model_config = _CFG

    doc: NonEmpty
    not_specified: bool = False
    article: str | None = None
    clause: str | None = None
    paragraph: Annotated[int, Field(ge=1)] | None = None
    quote: NonEmpty | None = None
    value: Value | None = None
    levels: list[Level] | None = Field(
        default=None, description="levels the rule applies to; default: the document's"
    )
    binds: list[Ident] | None = Field(
        default=None,
        description="the parties (actor ids) the provision binds; a document displaces another "
        "only for the parties both bind (default: the value's reporters or actor, if any)",
    )
    extra_quotes: list[Citation] = Field(default_factory=list)
    notes: str | None = None

    @model_validator(mode="after")
    def _complete(self) -> RuleEntry:
        if self.not_specified:
            if self.value is not None or self.quote is not None:
                raise ValueError("a not_specified entry has no value and no quote")
            if not self.notes:
                raise ValueError("a not_specified entry needs notes saying the document is silent")
        else:
            if self.value is None:
                raise ValueError("give a 'value' (or not_specified: true)")
            if self.quote is None:
                raise ValueError("a rule value needs the exact 'quote' it rests on")
            if self.article is None and self.clause is None:
                raise ValueError("a rule value needs its 'article' (and clause if any)")
        return self

    @property
    def cite(self) -> str:
        """Article and clause, e.g. ``第十四条(二)``."""
        return f"{self.article or ''}{self.clause or ''}"


DateOrUnknown = dt.date | Literal["unknown"]


class Document(BaseModel):
    """A source document with its validity and scope."""

    model_config = _CFG

    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*$")]
    title: NonEmpty
    number: str | None = Field(default=None, description="文号; null when the text has none")
    issuer: str | None = None
    doc_type: NonEmpty
    issued: DateOrUnknown
    in_force_from: DateOrUnknown
    in_force_until: dt.date | Literal["not_specified", "unknown"] = "not_specified"
    status: Literal["in_force", "trial", "draft", "expired"]
    rank: Literal[
        "administrative_regulation", "local_government_rule", "normative_document", "draft_standard"
    ] = Field(
        default="normative_document",
        description="legal rank (行政法规, 地方政府规章, 规范性文件, draft standard); "
        "default: normative_document, the lowest binding rank",
    )
    levels: Annotated[list[Level], Field(min_length=1)]
    adoptable_by: list[Level] = Field(
        default_factory=list, description="levels that may adopt the document (参照执行)"
    )
    region: NonEmpty
    implements: str | None = Field(default=None, description="what the document implements")
    validity_reading: str | None = Field(
        default=None, description="how the validity dates were read from the text"
    )
    citations: list[FieldCitation] = Field(default_factory=list)
    notes: str | None = None


class Precedence(BaseModel):
    """``doc`` displaces ``over`` for the given levels from a date (which refines which)."""

    model_config = _CFG

    doc: NonEmpty
    over: NonEmpty
    levels: Annotated[list[Level], Field(min_length=1)]
    from_: dt.date | None = Field(default=None, alias="from")
    citation: Citation
    notes: str | None = None


class CalendarRef(BaseModel):
    """The working-day calendar a profile counts on."""

    model_config = _CFG

    region: str | None = Field(
        default=None,
        description="the id of a regional calendar overlay (govshare workday --region lists them)",
    )


class ChecklistItem(BaseModel):
    """A requirement of a standard, for self-assessment.

    ``check`` says, as data, which facts of a department description (the
    ``govshare-department/1`` format, :mod:`govshare.features.selfcheck`) satisfy the requirement:
    every condition must hold for the item to be met.
    """

    class Condition(BaseModel):
        """One fact a department must show.

        Exactly one subject (fact, organization, person, procedure), with its own modifiers.
        """

        model_config = _CFG

        fact: NonEmpty | None = Field(
            default=None, description="a measure, 'section.field' (e.g. quality.complaint_channel)"
        )
        evidence: bool = Field(
            default=False,
            description="fact only: met only with an evidence reference (a document name), "
            "not a bare true (for conformity with an external document)",
        )
        organization: NonEmpty | None = Field(
            default=None, description="an organization role, e.g. responsibility_unit"
        )
        duty: NonEmpty | None = Field(
            default=None, description="organization only: a duty it must carry"
        )
        person: NonEmpty | None = Field(
            default=None, description="a person role, e.g. security_officer"
        )
        registered: bool = Field(
            default=False,
            description="person only: registered with the platform authority (备案)",
        )
        procedure: NonEmpty | None = Field(
            default=None, description="a procedure kind, e.g. catalog_update"
        )
        time_limit: bool = Field(
            default=False,
            description="procedure only: every step has a time limit in working days",
        )
        defines: list[NonEmpty] = Field(
            default_factory=list, description="procedure only: aspects it must define"
        )

        @model_validator(mode="after")
        def _one_subject(self) -> ChecklistItem.Condition:
            subjects = {
                "fact": self.fact,
                "organization": self.organization,
                "person": self.person,
                "procedure": self.procedure,
            }
            given = [k for k, v in subjects.items() if v is not None]
            if len(given) != 1:
                raise ValueError(
                    "give exactly one of fact, organization, person, procedure; got "
                    f"{given or 'none'}"
                )
            misplaced = [
                name
                for name, owner, set_ in (
                    ("evidence", "fact", self.evidence),
                    ("duty", "organization", self.duty is not None),
                    ("registered", "person", self.registered),
                    ("time_limit", "procedure", self.time_limit),
                    ("defines", "procedure", bool(self.defines)),
                )
                if set_ and owner != given[0]
            ]
            if misplaced:
                raise ValueError(f"{', '.join(misplaced)} does not apply to a {given[0]} condition")
            return self

    model_config = _CFG

    id: NonEmpty
    doc: NonEmpty
    clause: NonEmpty
    quote: NonEmpty
    requirement: NonEmpty
    sets_time_limit: bool = False
    check: list[Condition] = Field(
        default_factory=list,
        description="the department facts that satisfy the requirement (all must hold)",
    )
    notes: str | None = None

    @model_validator(mode="after")
    def _time_limit_checked(self) -> ChecklistItem:
        if self.sets_time_limit and self.check and not any(c.time_limit for c in self.check):
            raise ValueError(
                "sets_time_limit: true needs a procedure condition with time_limit: true"
            )
        return self


_Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]


class MeasureSection(BaseModel):
    """One section of measures in a department description (e.g. ``quality``): its name and
    its facts, each a yes/no measure or the name of the document that shows it."""

    model_config = _CFG

    label: Label
    facts: Annotated[dict[_Id, Label], Field(min_length=1)] = Field(
        description="the measures of the section, by id, with their names"
    )


#: Keys of a department description that a measure section may not take.
DEPARTMENT_KEYS = frozenset(
    {
        "schema",
        "department",
        "level",
        "region",
        "as_of",
        "organizations",
        "people",
        "procedures",
        "notes",
    }
)


class SelfCheckVocabulary(BaseModel):
    """The words a standard's self-check uses: what a department description
    (``govshare-department/1``) may say, and what the checklist's ``check`` conditions name.

    Each is an id with its Chinese and English name, so a second standard brings its own
    words and measures with no code change.
    """

    model_config = _CFG

    organization_roles: dict[_Id, Label] = Field(
        default_factory=dict, description="roles of a body inside the department"
    )
    duties: dict[_Id, Label] = Field(
        default_factory=dict, description="duties an organization may carry"
    )
    person_roles: dict[_Id, Label] = Field(
        default_factory=dict, description="roles of a named person"
    )
    procedure_kinds: dict[_Id, Label] = Field(
        default_factory=dict, description="kinds of written procedure"
    )
    aspects: dict[_Id, Label] = Field(
        default_factory=dict, description="what a procedure may define besides its steps"
    )
    measures: dict[_Id, MeasureSection] = Field(
        default_factory=dict,
        description="measure sections of a department description, each a top-level key",
    )

    @model_validator(mode="after")
    def _free_keys(self) -> SelfCheckVocabulary:
        taken = sorted(DEPARTMENT_KEYS & set(self.measures))
        if taken:
            raise ValueError(f"measure sections may not be named {taken} (department fields)")
        return self


class Profile(BaseModel):
    """A jurisdiction's (or a standard's) rules, as data."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    schema_: Literal["govshare-profile/1"] = Field(alias="schema")
    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
    kind: Literal["jurisdiction", "standard"] = "jurisdiction"
    name: Label
    calendar: CalendarRef = Field(default_factory=CalendarRef)
    layer_under: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")] | None = Field(
        default=None,
        description="id of the profile whose documents bind above this one's (e.g. national)",
    )
    documents: Annotated[list[Document], Field(min_length=1)]
    precedence: list[Precedence] = Field(default_factory=list)
    rules: dict[str, Annotated[list[RuleEntry], Field(min_length=1)]] = Field(default_factory=dict)
    checklist: list[ChecklistItem] = Field(default_factory=list)
    selfcheck: SelfCheckVocabulary | None = Field(
        default=None,
        description="a standard's self-check words: the department format its checklist names",
    )
    readings: list[dict[str, str]] = Field(
        default_factory=list, description="open questions in the texts and the reading chosen"
    )
    processes: dict[Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")], ProcessDef] = Field(
        default_factory=dict, description="procedures as state machines (see docs/processes.md)"
    )

    @model_validator(mode="after")
    def _references(self) -> Profile:
        ids = [d.id for d in self.documents]
        dup = {i for i in ids if ids.count(i) > 1}
        if dup:
            raise ValueError(f"document ids must be unique; repeated: {sorted(dup)}")
        known = set(ids)
        for key, entries in self.rules.items():
            for entry in entries:
                if entry.doc not in known:
                    raise ValueError(f"rule {key!r} cites unknown document {entry.doc!r}")
        for p in self.precedence:
            for ref in (p.doc, p.over):
                if ref not in known:
                    raise ValueError(f"precedence names unknown document {ref!r}")
        for item in self.checklist:
            if item.doc not in known:
                raise ValueError(f"checklist item {item.id!r} cites unknown document {item.doc!r}")
        for name, proc in self.processes.items():
            for t in proc.transitions:
                if t.cite is not None and t.cite.doc not in known:
                    raise ValueError(f"process {name!r} cites unknown document {t.cite.doc!r}")
        return self
