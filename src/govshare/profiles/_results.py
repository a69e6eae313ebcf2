"""The results of rule lookups and deadlines, and the errors they raise: plain, frozen,
keyword-only data (the JSON of ``govshare deadline`` and ``show`` is their dump)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from pydantic import computed_field

from govshare._kernel.messages import Notice
from govshare._kernel.model import Level
from govshare.errors import GovshareError
from govshare.profiles._model import Value

__all__ = [
    "AlongsideRule",
    "Deadline",
    "DisplacedRule",
    "ExtensionDue",
    "LayerDeadline",
    "LayerRelation",
    "NoRuleInForceError",
    "NotADeadlineError",
    "RuleResult",
    "Source",
]


class NoRuleInForceError(GovshareError, LookupError):
    """No document of the profile sets the rule for this key, date and level.

    Attributes: ``profile``, ``key``, ``as_of``, ``level``, ``notices`` (why, one
    :class:`Notice` per document) and ``reasons`` (their English sentences).
    """

    __module__ = "govshare.profiles"  # where users import it from

    def __init__(
        self,
        profile: str,
        key: str,
        as_of: dt.date,
        level: str,
        reasons: Sequence[Notice | str],
    ) -> None:
        self.profile = profile
        self.key = key
        self.as_of = as_of
        self.level = level
        self.notices = tuple(
            r if isinstance(r, Notice) else Notice(code="profile.no_rule", zh=r, en=r)
            for r in reasons
        )
        self.reasons = tuple(n.en for n in self.notices)
        super().__init__(
            f"{profile}: no rule in force for {key} at {as_of.isoformat()} ({level} level): "
            + "; ".join(self.reasons)
        )


class NotADeadlineError(GovshareError, LookupError):
    """The rule in force for a key sets no computable deadline (silent, or not a period)."""

    __module__ = "govshare.profiles"  # where users import it from

    def __init__(self, profile: str, key: str, why: str) -> None:
        self.profile = profile
        self.key = key
        super().__init__(f"{profile}: {key} sets no deadline: {why}")


@dataclass(frozen=True, kw_only=True)
class Source:
    """Where a rule comes from: document, article, clause, exact words."""

    doc: str
    title: str
    number: str | None
    article: str | None
    clause: str | None
    quote: str | None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def short(self) -> str:
        """E.g. ``鄂政务办发〔2021〕1号 第十四条(二)``."""
        return f"{self.number or self.title} {self.article or ''}{self.clause or ''}".strip()


@dataclass(frozen=True, kw_only=True)
class DisplacedRule:
    """A rule that would apply but for a more specific document."""

    source: Source
    value: Value | None
    reason: Notice


@dataclass(frozen=True, kw_only=True)
class AlongsideRule:
    """Another document's provision that still binds some parties: the displacing document
    binds others (duties on different parties add up)."""

    source: Source
    value: Value | None
    parties: tuple[str, ...]
    reason: Notice


@dataclass(frozen=True, kw_only=True)
class RuleResult:
    """The rule in force for a key at a date and level, with its citation.

    ``alongside``: provisions of displaced documents that still bind parties the chosen
    document does not (e.g. a city government's report beside the city authority's).
    """

    profile: str
    key: str
    as_of: dt.date
    level: Level
    value: Value | None
    source: Source
    displaced: tuple[DisplacedRule, ...] = ()
    also: tuple[Source, ...] = ()
    notes: str | None = None
    warnings: tuple[Notice, ...] = ()
    alongside: tuple[AlongsideRule, ...] = ()

    @property
    def not_specified(self) -> bool:
        """True when the document in force is silent on the key."""
        return self.value is None


@dataclass(frozen=True, kw_only=True)
class ExtensionDue:
    """The latest due day of a time limit if its extension is approved."""

    n: int
    due: dt.date
    approval_by: str
    condition: str | None
    source: Source


#: How one layer's time limit stands to the binding one (see :mod:`govshare.profiles`).
LayerRelation = Literal["binds", "ceiling", "yields"]


@dataclass(frozen=True, kw_only=True)
class LayerDeadline:
    """One layer's own due day for the event, and how it stands to the binding one."""

    profile: str
    relation: LayerRelation
    rank: str | None
    due: dt.date
    end_instant: dt.datetime
    period: str
    source: Source
    extension: ExtensionDue | None = None


@dataclass(frozen=True, kw_only=True)
class Deadline:
    """A computed deadline: the due day, its end instant and everything it rests on.

    ``due``, ``rule`` and ``source`` are the binding provision's. Where the profile sits
    under another layer (the national regulation), ``layers`` lists every layer's own due
    day with its relation (``binds``, ``ceiling``: an upper limit ending later, ``yields``:
    a nearer limit ending later that the upper one overrides) and ``readings`` the reading
    of the law the combination rests on.
    """

    profile: str
    key: str
    start: dt.datetime
    due: dt.date
    end_instant: dt.datetime
    period: str
    rule: RuleResult
    provisional: bool
    warnings: tuple[Notice, ...] = field(default=())
    layers: tuple[LayerDeadline, ...] = ()
    readings: tuple[Notice, ...] = ()

    @property
    def ceilings(self) -> tuple[LayerDeadline, ...]:
        """Upper layers' limits that end no earlier than the binding one."""
        return tuple(d for d in self.layers if d.relation == "ceiling")

    @property
    def conflicts(self) -> tuple[LayerDeadline, ...]:
        """Nearer layers' longer limits that the binding upper limit overrides."""
        return tuple(d for d in self.layers if d.relation == "yields")

    @property
    def source(self) -> Source:
        """The citation of the rule that sets the deadline."""
        return self.rule.source

    @property
    def displaced(self) -> tuple[DisplacedRule, ...]:
        """Rules that would have applied but for a more specific document."""
        return self.rule.displaced
