"""Layers of law: every provision that binds a case, which one decides, and the conflicts.

A local profile may sit under another (``layer_under: national``): from the day the upper
layer's documents are in force, a case is governed by both at once. :func:`provisions`
returns, for one rule key, date and level, the provision of each layer with its relation to
the others; :func:`layered_deadline` the binding due date and every ceiling's due date.

How the layers combine is a reading of the law, recorded here once and shown with every
result (:data:`READINGS`):

- ``shorter_local_binds``: a local time limit that ends no later than the upper one binds,
  and the upper one is shown beside it as the ceiling (the national regulation 第二十三条
  encourages shorter times);
- ``longer_local_yields``: a local limit that ends later than the upper one does not
  displace it: the upper limit binds and the conflict is reported with both citations
  (a lower-ranking document cannot extend a higher-ranking one's limit, 立法法 第九十九条);
- ``consequences_add_up``: a local consequence the upper layer does not have (deemed consent)
  applies alongside the upper layer's own (a violation when no reply comes);
- ``duties_add_up``: other provisions of both layers on the same key bind together;
- ``upper_answers_alone``: where the local documents are silent, expired or not in force
  at the level, the upper provision answers alone, with a note saying why.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from govshare._kernel.dates import DateLike, to_date, to_datetime
from govshare._kernel.messages import Notice
from govshare.profiles._keys import DEADLINE_KINDS

# imported at run time (no cycle: _profile does not import this module) so that pydantic can
# resolve the result types' fields (their JSON, govshare.render.json)
from govshare.profiles._profile import Deadline, JurisdictionProfile, RuleResult, Source

__all__ = [
    "READINGS",
    "LayeredDeadline",
    "LayeredRule",
    "Provision",
    "ProvisionDeadline",
    "Relation",
    "layered_deadline",
    "provisions",
]

#: How a provision stands to the others of the same case.
Relation = Literal["binds", "ceiling", "yields", "alongside", "alone", "silent", "not_in_force"]

#: The readings the combination rests on (id -> the reading in both languages).
READINGS: dict[str, Notice] = {
    "shorter_local_binds": Notice(
        code="layers.shorter_local_binds",
        zh="地方规定的期限不长于上位规定的，地方期限约束，上位期限作为上限一并列出"
        "（上位法鼓励缩短审核和提供时间）。",
        en="A local time limit that ends no later than the upper one binds; the upper limit "
        "is shown beside it as the ceiling (the upper law encourages shorter times).",
    ),
    "longer_local_yields": Notice(
        code="layers.longer_local_yields",
        zh="地方规定的期限长于上位规定的，不能排除上位期限：上位期限约束，并报告冲突"
        "（下位法不得与上位法相抵触，立法法第九十九条）。",
        en="A local time limit longer than the upper one does not displace it: the upper "
        "limit binds and the conflict is reported (a lower-ranking text may not contradict a "
        "higher-ranking one, Legislation Law art. 99).",
    ),
    "consequences_add_up": Notice(
        code="layers.consequences_add_up",
        zh="地方规定的后果（如逾期视为同意）与上位规定的后果（如逾期未答复属违规）同时适用。",
        en="A local consequence (such as deemed consent) applies alongside the upper "
        "layer's own (such as a violation when no reply comes).",
    ),
    "duties_add_up": Notice(
        code="layers.duties_add_up",
        zh="上下位规定对同一事项的其他要求同时适用，各自约束。",
        en="The other provisions of both layers on the same matter bind together.",
    ),
    "upper_answers_alone": Notice(
        code="layers.upper_answers_alone",
        zh="地方文件对此未作规定或不适用，由上位规定单独作答。",
        en="The local documents are silent or do not apply here; the upper provision "
        "answers alone.",
    ),
}

_PERIOD_KINDS = frozenset({"working_days", "calendar_days", "same_day", "immediate"})
_PERIOD_READINGS = frozenset({"layers.shorter_local_binds", "layers.longer_local_yields"})


@dataclass(frozen=True, kw_only=True)
class Provision:
    """One layer's provision on the key: its citation, value and relation to the others."""

    profile: str
    layer: int  # 0 = the profile asked for, 1 = the layer above it, ...
    rank: str | None
    relation: Relation
    rule: RuleResult | None
    why: tuple[str, ...] = ()  # why the layer has no provision in force (not_in_force)

    @property
    def source(self) -> Source | None:
        """The provision's citation (None when the layer has none in force)."""
        return None if self.rule is None else self.rule.source


@dataclass(frozen=True, kw_only=True)
class LayeredRule:
    """Every provision in force for a key, which one decides, and where they conflict."""

    key: str
    as_of: dt.date
    level: str
    binding: RuleResult
    provisions: tuple[Provision, ...]
    conflicts: tuple[Provision, ...]
    readings: tuple[Notice, ...]


@dataclass(frozen=True, kw_only=True)
class ProvisionDeadline:
    """One layer's due date for the event, with its relation."""

    profile: str
    relation: Relation
    deadline: Deadline


@dataclass(frozen=True, kw_only=True)
class LayeredDeadline:
    """The binding due date of an event and every other layer's due date beside it."""

    key: str
    binding: Deadline
    deadlines: tuple[ProvisionDeadline, ...]
    conflicts: tuple[ProvisionDeadline, ...]
    readings: tuple[Notice, ...]
    rule: LayeredRule

    @property
    def ceilings(self) -> tuple[ProvisionDeadline, ...]:
        """The upper layers' limits shown beside a shorter local one."""
        return tuple(d for d in self.deadlines if d.relation == "ceiling")


def _chain(profile: JurisdictionProfile) -> list[JurisdictionProfile]:
    """The profile and the layers above it, nearest first."""
    from govshare.profiles._registry import load_profile  # noqa: PLC0415 - cycle

    out = [profile]
    seen = {profile.id}
    current = profile
    upper = getattr(profile.model, "layer_under", None)
    while upper:
        if upper in seen:
            break
        beside = Path(current.file).parent / f"{upper}.yaml"
        above = _beside(beside) if beside.is_file() else load_profile(upper)
        out.append(above)
        seen.add(above.id)
        current = above
        upper = getattr(above.model, "layer_under", None)
    return out


#: Upper layers read from a file beside the profile, by (path, mtime, size): load_profile
#: does not cache files (they may change), and re-reading one on every call is slow.
_beside_cache: dict[tuple[str, int, int], JurisdictionProfile] = {}


def _beside(path: Path) -> JurisdictionProfile:
    from govshare.profiles._registry import load_profile  # noqa: PLC0415 - cycle

    st = path.stat()
    key = (str(path.resolve()), st.st_mtime_ns, st.st_size)
    if key not in _beside_cache:
        _beside_cache[key] = load_profile(path)
    return _beside_cache[key]


def _rank(profile: JurisdictionProfile, rule: RuleResult | None) -> str | None:
    if rule is None:
        return None
    doc = profile.documents.get(rule.source.doc)
    rank = getattr(doc, "rank", None)
    return None if rank is None else str(rank)


def _comparable(a: RuleResult, b: RuleResult) -> bool:
    """Both are periods counted the same way, so their lengths compare."""
    va, vb = a.value, b.value
    if va is None or vb is None or va.kind != vb.kind or va.kind not in _PERIOD_KINDS:
        return False
    return (getattr(va, "before", None) is None) == (getattr(vb, "before", None) is None)


def _longer(local: RuleResult, upper: RuleResult) -> bool:
    """The local period is longer than the upper one (same kind of period)."""
    n_local = getattr(local.value, "n", 0)
    n_upper = getattr(upper.value, "n", 0)
    return bool(n_local > n_upper)


_Found = tuple["JurisdictionProfile", "RuleResult | None", tuple[str, ...]]


def _gather(
    profile: JurisdictionProfile, key: str, when: dt.date, level: str, adopted: tuple[str, ...]
) -> list[_Found]:
    """Each layer's rule in force (or why it has none), nearest layer first."""
    from govshare.profiles._profile import NoRuleInForceError  # noqa: PLC0415 - cycle

    found: list[_Found] = []
    first_error: NoRuleInForceError | None = None
    for depth, prof in enumerate(_chain(profile)):
        try:
            rule = prof.rule(key, as_of=when, level=level, adopted=adopted if depth == 0 else ())
        except NoRuleInForceError as exc:
            first_error = first_error or exc
            found.append((prof, None, tuple(str(r) for r in exc.reasons)))
        else:
            found.append((prof, rule, ()))
    if all(rule is None for _, rule, _ in found):
        assert first_error is not None
        raise first_error
    return found


def _relate(found: list[_Found]) -> tuple[int, dict[int, Relation], list[int], list[Notice]]:
    """Which layer binds, every speaking layer's relation, the conflicts and readings."""
    speaking = [i for i, (_, r, _) in enumerate(found) if r is not None and not r.not_specified]
    readings: list[Notice] = []
    if not speaking:  # every layer in force is silent: the nearest silence answers
        first = next(i for i, (_, r, _) in enumerate(found) if r is not None)
        return first, {first: "binds"}, [], readings
    binding_at = speaking[0]
    relations: dict[int, Relation] = {binding_at: "binds"}
    if len(speaking) == 1:
        if binding_at > 0:
            relations[binding_at] = "alone"
            readings.append(READINGS["upper_answers_alone"])
        return binding_at, relations, [], readings
    conflicts: list[int] = []
    for j in speaking[1:]:
        near, upper = found[binding_at][1], found[j][1]
        assert near is not None
        assert upper is not None
        if not _comparable(near, upper):
            relations[j] = "alongside"
            outcome = near.value is not None and near.value.kind == "outcome"
            readings.append(READINGS["consequences_add_up" if outcome else "duties_add_up"])
        elif _longer(near, upper):
            relations[binding_at] = "yields"
            conflicts.append(binding_at)
            binding_at = j
            relations[j] = "binds"
            readings.append(READINGS["longer_local_yields"])
        else:
            relations[j] = "ceiling"
            readings.append(READINGS["shorter_local_binds"])
    return binding_at, relations, conflicts, readings


def provisions(
    profile: JurisdictionProfile,
    key: str,
    *,
    as_of: DateLike,
    level: str,
    adopted: Iterable[str] = (),
) -> LayeredRule:
    """Every layer's provision on ``key`` at ``as_of`` and ``level``, combined.

    Raises :class:`govshare.profiles.NoRuleInForceError` only when no layer has a provision
    in force (the error of the nearest layer).
    """
    when = to_date(as_of, "as_of")
    found = _gather(profile, key, when, level, tuple(adopted))
    binding_at, relations, conflicts, readings = _relate(found)
    out: list[Provision] = []
    for i, (prof, rule, why) in enumerate(found):
        rel: Relation = "not_in_force" if rule is None else relations.get(i, "silent")
        out.append(
            Provision(
                profile=prof.id, layer=i, rank=_rank(prof, rule), relation=rel, rule=rule, why=why
            )
        )
    binding = found[binding_at][1]
    assert binding is not None
    return LayeredRule(
        key=key,
        as_of=when,
        level=level,
        binding=binding,
        provisions=tuple(out),
        conflicts=tuple(out[i] for i in conflicts),
        readings=tuple(dict.fromkeys(readings)),
    )


def layered_deadline(
    profile: JurisdictionProfile,
    key: str,
    start: DateLike,
    *,
    level: str,
    as_of: DateLike | None = None,
    adopted: Iterable[str] = (),
) -> LayeredDeadline:
    """The binding due date for an event at ``start`` and every other layer's due date.

    Each layer's period is counted from ``start`` on that layer's calendar; where the
    periods run from different events (one from receipt, another from forwarding), each
    deadline names its own event. The binding one is the nearest layer's unless it ends
    after an upper layer's (then the upper one binds and the conflict is reported).
    """
    begin = to_datetime(start, "start")
    when = begin.date() if as_of is None else to_date(as_of, "as_of")
    layered = provisions(profile, key, as_of=when, level=level, adopted=adopted)
    chain = {p.id: p for p in _chain(profile)}
    dated: list[ProvisionDeadline] = []
    for prov in layered.provisions:
        rule = prov.rule
        if rule is None or rule.value is None or prov.relation in ("silent", "not_in_force"):
            continue
        if rule.value.kind not in DEADLINE_KINDS and rule.value.kind != "calendar_month_end":
            continue
        prof = chain[prov.profile]
        dl = prof.deadline(
            key,
            begin,
            level=level,
            as_of=when,
            adopted=tuple(adopted) if prov.layer == 0 else (),
        )
        dated.append(ProvisionDeadline(profile=prov.profile, relation=prov.relation, deadline=dl))
    if not dated:
        from govshare.profiles._profile import NotADeadlineError  # noqa: PLC0415 - cycle

        raise NotADeadlineError(
            profile.id, key, f"{layered.binding.source.short} sets no time limit"
        )
    # with the due dates known the periods compare whatever their kind or starting event:
    # the earliest-ending binds (a tie goes to the nearest layer); an upper layer's later
    # end is a ceiling, a nearer layer's later end yields to it (a conflict)
    layer_of = {p.profile: p.layer for p in layered.provisions}
    best = min(dated, key=lambda d: (d.deadline.due, layer_of[d.profile]))
    readings = [r for r in layered.readings if r.code not in _PERIOD_READINGS]
    result: list[ProvisionDeadline] = []
    for d in dated:
        if d is best:
            rel: Relation = "binds" if len(dated) > 1 else d.relation
        elif layer_of[d.profile] > layer_of[best.profile]:
            rel = "ceiling"
            readings.append(READINGS["shorter_local_binds"])
        else:
            rel = "yields"
            readings.append(READINGS["longer_local_yields"])
        result.append(ProvisionDeadline(profile=d.profile, relation=rel, deadline=d.deadline))
    return LayeredDeadline(
        key=key,
        binding=best.deadline,
        deadlines=tuple(result),
        conflicts=tuple(d for d in result if d.relation == "yields"),
        readings=tuple(dict.fromkeys(readings)),
        rule=layered,
    )
