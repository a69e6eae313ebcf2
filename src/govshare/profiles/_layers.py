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
  (the higher-ranking text prevails, 立法法 第九十九条 on the ranks' effect);
- ``consequences_add_up``: a local consequence the upper layer does not have (deemed consent)
  applies alongside the upper layer's own (a violation when no reply comes);
- ``duties_add_up``: other provisions of both layers on the same key bind together;
- ``upper_answers_alone``: where the local documents are silent, expired or not in force
  at the level, the upper provision answers alone, with a note saying why.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import weakref
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from govshare._kernel.dates import DateLike, to_date, to_datetime
from govshare._kernel.messages import Notice, say
from govshare.errors import CalendarRangeError

# imported at run time (no cycle: _results imports nothing of this package's lookups) so
# that pydantic can resolve the result types' fields (their JSON, govshare.render.json)
from govshare.profiles._results import (
    Deadline,
    ExtensionDue,
    LayerRelation,
    RuleResult,
    Source,
)

if TYPE_CHECKING:
    from govshare.calendar import WorkCalendar
    from govshare.errors import GovshareError
    from govshare.profiles._profile import JurisdictionProfile

__all__ = [
    "READINGS",
    "LayeredRule",
    "Provision",
    "Relation",
    "chain",
    "layered_deadline",
    "provisions",
    "upper_layers",
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
        "（上位法的效力高于下位法，立法法第九十九条）。",
        en="A local time limit longer than the upper one does not displace it: the upper "
        "limit binds and the conflict is reported (the higher-ranking text prevails, "
        "Legislation Law art. 99).",
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
    why: tuple[str | Notice, ...] = ()  # why the layer has no provision in force

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


def _load_upper(name: str, below: JurisdictionProfile) -> JurisdictionProfile:
    """The profile ``name`` that ``below`` sits under: a registered profile (bundled or an
    entry point, loaded once and cached), else a file ``NAME.yaml`` beside ``below``'s."""
    from govshare.errors import InputError  # noqa: PLC0415
    from govshare.profiles._registry import load_profile  # noqa: PLC0415

    try:
        return load_profile(name)  # a registered name: loaded once, then cached
    except InputError:
        beside = Path(below.file).parent / f"{name}.yaml"
        if not beside.is_file():
            raise
    # a file beside: read again when it changes (cached by path, mtime and size)
    return _beside(beside)


#: Each loaded profile's chain of layers, found once (a profile object never changes).
_CHAINS: weakref.WeakKeyDictionary[JurisdictionProfile, list[JurisdictionProfile]] = (
    weakref.WeakKeyDictionary()
)


def chain(profile: JurisdictionProfile) -> list[JurisdictionProfile]:
    """The profile and the layers above it, nearest first."""
    found = _CHAINS.get(profile)
    if found is None:
        found = _CHAINS[profile] = _find_chain(profile)
    return found


def _find_chain(profile: JurisdictionProfile) -> list[JurisdictionProfile]:
    out = [profile]
    seen = {profile.id}
    current = profile
    upper = getattr(profile.model, "layer_under", None)
    while upper:
        if upper in seen:
            break
        above = _load_upper(upper, current)
        out.append(above)
        seen.add(above.id)
        current = above
        upper = getattr(above.model, "layer_under", None)
    return out


def upper_layers(profile: JurisdictionProfile) -> tuple[JurisdictionProfile, ...]:
    """The profiles above ``profile`` (its ``layer_under``, and theirs), nearest first."""
    return tuple(chain(profile)[1:])


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


_Found = tuple["JurisdictionProfile", "RuleResult | None", tuple["str | Notice", ...]]


def _gather(
    profile: JurisdictionProfile, key: str, when: dt.date, level: str, adopted: tuple[str, ...]
) -> list[_Found]:
    """Each layer's rule in force (or why it has none), nearest layer first."""
    from govshare.profiles._profile import NoRuleInForceError  # noqa: PLC0415 - cycle

    found: list[_Found] = []
    first_error: NoRuleInForceError | None = None
    for depth, prof in enumerate(chain(profile)):
        try:
            rule = prof.rule(key, as_of=when, level=level, adopted=adopted if depth == 0 else ())
        except NoRuleInForceError as exc:
            first_error = first_error or exc
            found.append((prof, None, tuple(exc.notices or exc.reasons)))
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


def _extension(
    prof: JurisdictionProfile,
    rule: RuleResult,
    due: dt.date,
    *,
    level: str,
    when: dt.date,
    calendar: WorkCalendar,
) -> ExtensionDue | None:
    """The latest due day if the limit's extension is approved (counted on from ``due``)."""
    from govshare.profiles._profile import ExtensionDue, NoRuleInForceError  # noqa: PLC0415

    ext = getattr(rule.value, "extension", None)
    if ext is None:
        return None
    source = rule.source
    if ext.rule is not None:
        try:
            source = prof.rule(ext.rule, as_of=when, level=level).source
        except NoRuleInForceError:
            return None
    latest = calendar.add_working_days(due, ext.n)
    return ExtensionDue(
        n=ext.n,
        due=dt.date(latest.year, latest.month, latest.day),
        approval_by=ext.approval_by,
        condition=ext.condition,
        source=source,
    )


_Dated = tuple[int, "JurisdictionProfile", "Deadline"]


def _dated(
    layers: list[JurisdictionProfile],
    layered: LayeredRule,
    key: str,
    *,
    begin: dt.datetime,
    level: str,
    when: dt.date,
    adopted: tuple[str, ...],
    warnings: list[Notice],
) -> list[_Dated]:
    """Each speaking layer's own deadline (depth, profile, deadline); an upper layer whose
    year is not in the calendar is left out with a warning."""
    from govshare.profiles._profile import NotADeadlineError  # noqa: PLC0415 - cycle

    dated: list[_Dated] = []
    errors: list[GovshareError] = []
    for prov in layered.provisions:
        if prov.rule is None or prov.rule.not_specified:
            continue
        prof = layers[prov.layer]
        try:
            dl = prof.own_deadline(
                key,
                begin,
                level=level,
                as_of=when,
                adopted=adopted if prov.layer == 0 else (),
                calendar=layers[0].calendar,  # the working days where the case is
            )
        except NotADeadlineError as exc:
            errors.append(exc)
            continue
        except CalendarRangeError as exc:
            if prov.layer == 0:
                raise
            errors.insert(0, exc)  # the reason that matters most when nothing else answers
            warnings.append(_beyond_calendar(prof, exc))
            continue
        dated.append((prov.layer, prof, dl))
    if not dated:
        if layered.provisions[0].rule is not None or not errors:
            # the nearest layer is in force: its own answer (silent, or not a period) first
            layers[0].own_deadline(key, begin, level=level, as_of=when, adopted=adopted)
            errors.append(NotADeadlineError(layers[0].id, key, "no layer sets a time limit"))
        raise errors[0]
    return dated


def layered_deadline(
    profile: JurisdictionProfile,
    key: str,
    start: DateLike,
    *,
    level: str,
    as_of: DateLike | None = None,
    adopted: Iterable[str] = (),
) -> Deadline:
    """The binding deadline for an event at ``start``, with every layer's due day beside it.

    Each layer's period is counted on that layer's calendar from ``start`` (where the
    periods run from different events, each names its own). The earliest-ending limit binds
    (a tie goes to the nearer layer); an upper layer's later end is a ``ceiling``, a nearer
    layer's later end ``yields`` to the upper one (a conflict). An upper layer whose limit
    cannot be counted (its calendar year is not published) is left out with a warning.
    """
    from govshare.profiles._profile import LayerDeadline  # noqa: PLC0415 - cycle

    begin = to_datetime(start, "start")
    when = begin.date() if as_of is None else to_date(as_of, "as_of")
    adopted = tuple(adopted)
    profiles = chain(profile)
    if len(profiles) == 1:
        return profile.own_deadline(key, begin, level=level, as_of=when, adopted=adopted)
    layered = provisions(profile, key, as_of=when, level=level, adopted=adopted)
    warnings: list[Notice] = []
    dated = _dated(
        profiles,
        layered,
        key,
        begin=begin,
        level=level,
        when=when,
        adopted=adopted,
        warnings=warnings,
    )
    best = min(dated, key=lambda d: (d[2].due, d[0]))
    layers: list[LayerDeadline] = []
    readings: list[Notice] = []
    for depth, prof, dl in dated:
        if dl is best[2]:
            rel: LayerRelation = "binds"
        elif depth > best[0]:
            rel = "ceiling"
            readings.append(READINGS["shorter_local_binds"])
        else:
            rel = "yields"
            readings.append(READINGS["longer_local_yields"])
        ext = None
        if rel != "yields":
            try:
                ext = _extension(
                    prof, dl.rule, dl.due, level=level, when=when, calendar=profile.calendar
                )
            except CalendarRangeError as exc:
                warnings.append(_beyond_calendar(prof, exc))
        layers.append(
            LayerDeadline(
                profile=prof.id,
                relation=rel,
                rank=_rank(prof, dl.rule),
                due=dl.due,
                end_instant=dl.end_instant,
                period=dl.period,
                source=dl.source,
                extension=ext,
            )
        )
    local = layered.provisions[0]
    if local.relation in ("not_in_force", "silent"):
        readings.append(READINGS["upper_answers_alone"])
        warnings.append(_local_absent(profile, local))
    binding = best[2]
    return dataclasses.replace(
        binding,
        profile=profile.id,
        warnings=tuple(dict.fromkeys((*binding.warnings, *warnings))),
        layers=tuple(layers) if len(layers) > 1 or best[0] > 0 else (),
        readings=tuple(dict.fromkeys(readings)),
    )


def _local_absent(profile: JurisdictionProfile, local: Provision) -> Notice:
    why_zh = "；".join(say(r, "zh") for r in local.why)
    why_en = "; ".join(say(r, "en") for r in local.why)
    if local.relation == "silent":
        return Notice(
            code="layers.local_silent",
            zh=f"{profile.model.name.zh}的文件对此未作规定，由上位规定单独作答",
            en=f"{profile.model.name.en}'s documents are silent on this; the upper layer "
            "answers alone",
        )
    return Notice(
        code="layers.local_not_in_force",
        zh=f"{profile.model.name.zh}的文件在此不适用（{why_zh}），由上位规定单独作答",
        en=f"{profile.model.name.en}'s documents do not apply here ({why_en}); the upper layer "
        "answers alone",
    )


def _beyond_calendar(prof: JurisdictionProfile, exc: Exception) -> Notice:
    return Notice(
        code="layers.beyond_calendar",
        zh=f"{prof.model.name.zh}的期限无法计算：所需年份的官方工作日安排尚未载入（{exc}）",
        en=f"{prof.model.name.en}'s limit cannot be counted: the official calendar for the "
        f"year it needs is not loaded ({exc})",
    )
