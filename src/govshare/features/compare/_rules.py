"""The rules matrix: every inventory key, the value in force in each profile, with its source."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import computed_field

from govshare._kernel.dates import DateLike, to_date
from govshare._kernel.messages import Notice, join_notices
from govshare._kernel.model import LEVELS, Label, Level
from govshare.errors import InputError
from govshare.features.compare._patch import PatchedProfile
from govshare.profiles import (
    RULE_KEYS,
    JurisdictionProfile,
    NoRuleInForceError,
    Source,
    Value,
    installed_profiles,
    load_profile,
    provisions,
    upper_layers,
)

__all__ = ["Column", "MatrixCell", "MatrixRow", "RuleMatrix", "compare_rules", "jurisdictions"]


@dataclass(frozen=True, kw_only=True)
class Column:
    """A column: a profile at one or more levels, as published or as a what-if supposes it.

    ``what_if`` is the patch's name for a patched column and ``baseline`` the id of the
    column it is a what-if of.
    """

    id: str
    profile: str
    name: Label
    levels: tuple[Level, ...]
    adopted: tuple[str, ...] = ()
    what_if: Label | None = None
    baseline: str | None = None


@dataclass(frozen=True, kw_only=True)
class CellLayer:
    """An upper layer's provision on the key, beside a profile's own answer."""

    profile: str
    relation: str
    value: Value | None
    source: Source


@dataclass(frozen=True, kw_only=True)
class MatrixCell:
    """A profile's answer for a key.

    ``status`` is ``value`` (a rule in force), ``not_specified`` (the document in force is
    silent) or ``not_in_force`` (no document applies at this date and level; ``reason``
    says why). ``what_if`` is true in a patched column whose answer differs from its
    baseline's.
    """

    column: str
    status: Literal["value", "not_specified", "not_in_force"]
    value: Value | None
    source: Source | None
    reason: str | None
    what_if: bool
    #: ``reason`` in both languages (one notice per document, joined).
    notice: Notice | None = None
    #: the provisions of the layers the profile sits under (the national regulation) and
    #: how they stand to this one: ``ceiling``, ``binds`` (the upper one binds: this one
    #: yields, a conflict), ``alone`` (this profile has nothing in force), ``alongside``
    layers: tuple[CellLayer, ...] = ()

    def comparable(self) -> Any:
        """What decides whether two cells differ: status and the value's typed core."""
        if self.value is None:
            return (self.status,)
        return (self.status, self.value.model_dump(mode="json", exclude={"details"}))


@dataclass(frozen=True, kw_only=True)
class MatrixRow:
    """A key's row: its inventory section, its label and a cell per column."""

    key: str
    section: str
    label: Label
    cells: tuple[MatrixCell, ...]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def differs(self) -> bool:
        """True when the profiles do not all give the same answer."""
        return len({json.dumps(c.comparable(), sort_keys=True) for c in self.cells}) > 1


@dataclass(frozen=True, kw_only=True)
class RuleMatrix:
    """The rules of several profiles side by side, in force on ``as_of``.

    Render it with :func:`govshare.render.registry.render` (``table``, ``md``, ``csv``,
    ``html``, ``json``).
    """

    as_of: dt.date
    level: Level | None
    columns: tuple[Column, ...]
    rows: tuple[MatrixRow, ...]


@dataclass(frozen=True)
class _Col:
    """A column while it is computed: the loaded profile it asks."""

    id: str
    profile: JurisdictionProfile
    levels: tuple[Level, ...]
    adopted: tuple[str, ...]
    what_if: Label | None
    baseline: str | None

    def public(self) -> Column:
        return Column(
            id=self.id,
            profile=self.profile.id,
            name=self.profile.model.name,
            levels=self.levels,
            adopted=self.adopted,
            what_if=self.what_if,
            baseline=self.baseline,
        )


def _layers(col: _Col, key: str, as_of: dt.date) -> tuple[CellLayer, ...]:
    """The upper layers' provisions on ``key`` and how they stand to the column's own."""
    if not upper_layers(col.profile):
        return ()
    try:
        layered = provisions(
            col.profile, key, as_of=as_of, level=col.levels[0], adopted=col.adopted
        )
    except NoRuleInForceError:
        return ()
    return tuple(
        CellLayer(profile=p.profile, relation=p.relation, value=p.rule.value, source=p.source)
        for p in layered.provisions[1:]
        if p.rule is not None and p.source is not None and not p.rule.not_specified
    )


def _cell(col: _Col, key: str, as_of: dt.date) -> MatrixCell:
    layers = _layers(col, key, as_of)
    try:
        r = col.profile.rule(key, as_of=as_of, level=col.levels[0], adopted=col.adopted)
    except NoRuleInForceError as exc:
        return MatrixCell(
            column=col.id,
            status="not_in_force",
            value=None,
            source=None,
            reason="; ".join(exc.reasons),
            what_if=False,
            notice=join_notices(exc.notices),
            layers=layers,
        )
    status: Literal["value", "not_specified"] = "not_specified" if r.not_specified else "value"
    return MatrixCell(
        column=col.id,
        status=status,
        value=r.value,
        source=r.source,
        reason=None,
        what_if=False,
        layers=layers,
    )


def adopted_by_profile(
    profiles: Sequence[JurisdictionProfile], docs: Iterable[str]
) -> dict[str, list[str]]:
    """Which profile each adopted document belongs to (document ids are unique within a
    profile), as :func:`compare_rules` takes them: profile id -> documents.

    Raises:
        InputError: a document of none of the profiles.
    """
    out: dict[str, list[str]] = {}
    for doc in docs:
        owners = [p.id for p in profiles if doc.partition("@")[0] in p.documents]
        if not owners:
            raise InputError("adopted", doc, "a document id of one of the profiles compared")
        for owner in owners:
            out.setdefault(owner, []).append(doc)
    return out


def jurisdictions() -> list[str]:
    """The names of every profile of kind ``jurisdiction`` (standards have no sharing rules);
    an installed plugin that fails to load is left out (``govshare profiles`` reports it)."""
    found, _ = installed_profiles()
    return [n for n, p in found.items() if p.model.kind == "jurisdiction"]


def load_all(profiles: Sequence[str | JurisdictionProfile]) -> list[JurisdictionProfile]:
    """The profiles named (default: every bundled jurisdiction), loaded."""
    if not profiles:
        profiles = jurisdictions()
    return [p if isinstance(p, JurisdictionProfile) else load_profile(p) for p in profiles]


def _candidates(
    loaded: Sequence[JurisdictionProfile],
    level: Level | None,
    adopted: Mapping[str, Sequence[str]],
    patches: Sequence[PatchedProfile],
) -> list[_Col]:
    cols: list[_Col] = []
    for prof in loaded:
        mine = tuple(adopted.get(prof.id, ()))
        levels: tuple[Level, ...] = (level,) if level else prof.levels  # type: ignore[assignment]
        variants: list[tuple[str, JurisdictionProfile, tuple[str, ...], Label | None]] = [
            (prof.id, prof, mine, None)
        ]
        for n, pp in enumerate(p for p in patches if p.baseline.id == prof.id):
            tag = f"{prof.id}+whatif{n + 1 if n else ''}"
            adopt = tuple(dict.fromkeys((*mine, *pp.patch.adopt)))
            variants.append((tag, pp.profile, adopt, pp.patch.name))
        for lv in levels:
            for tag, p, adopt, what_if in variants:
                base = f"{prof.id}:{lv}" if what_if else None
                cols.append(_Col(f"{tag}:{lv}", p, (lv,), adopt, what_if, base))
    return cols


def _merge(
    cols: list[_Col], cells: dict[str, list[MatrixCell]]
) -> tuple[list[_Col], dict[str, list[MatrixCell]]]:
    """One column for the levels of a profile (or what-if) whose answers are all the same."""
    out: list[_Col] = []
    out_cells: dict[str, list[MatrixCell]] = {}
    for col in cols:
        same = next(
            (
                c
                for c in out
                if c.profile is col.profile
                and c.what_if == col.what_if
                and all(
                    (a.comparable(), a.source, a.what_if) == (b.comparable(), b.source, b.what_if)
                    for a, b in zip(out_cells[c.id], cells[col.id], strict=True)
                )
            ),
            None,
        )
        if same is None:
            out.append(col)
            out_cells[col.id] = cells[col.id]
            continue
        tag = same.id.rsplit(":", 1)[0]
        merged = dataclasses.replace(
            same,
            id=f"{tag}:{','.join((*same.levels, *col.levels))}",
            levels=(*same.levels, *col.levels),
        )
        out[out.index(same)] = merged
        out_cells[merged.id] = [
            dataclasses.replace(c, column=merged.id) for c in out_cells.pop(same.id)
        ]
    return out, out_cells


def compare_rules(
    profiles: Sequence[str | JurisdictionProfile] = (),
    *,
    as_of: DateLike,
    level: str | None = None,
    adopted: Mapping[str, Sequence[str]] | None = None,
    patches: Sequence[PatchedProfile] = (),
    only_diff: bool = False,
) -> RuleMatrix:
    """Every inventory key, with the value in force in each profile and its citation.

    Args:
        profiles: profile names, paths or loaded profiles (default: every bundled
            jurisdiction).
        as_of: the date that decides which documents are in force.
        level: ``provincial``, ``prefectural`` or ``county``; by default each profile gets
            a column per level its documents apply to, levels with the same answers merged
            (Hubei: provincial, where the rules apply, and prefectural/county, under the
            order).
        adopted: per profile id, documents adopted (参照执行) at the levels compared.
        patches: what-if patches (see :func:`govshare.features.compare.load_patches`); each adds a
            column next to its baseline, its changed answers flagged.
        only_diff: keep only the rows where the columns differ.

    Raises:
        InputError: a bad level, date or profile.
    """
    when = to_date(as_of, "as_of")
    if level is not None and level not in LEVELS:
        raise InputError("level", level, f"one of {', '.join(LEVELS)}")
    lv: Level | None = level
    loaded = load_all(profiles)
    for pp in patches:
        if all(p.id != pp.baseline.id for p in loaded):
            loaded.append(pp.baseline)
    cols = _candidates(loaded, lv, adopted or {}, patches)
    cells = {c.id: [_cell(c, spec.key, when) for spec in RULE_KEYS.values()] for c in cols}
    for c in cols:
        if c.baseline is not None:
            for i, (mine, base) in enumerate(zip(cells[c.id], cells[c.baseline], strict=True)):
                if (mine.comparable(), mine.source) != (base.comparable(), base.source):
                    cells[c.id][i] = dataclasses.replace(mine, what_if=True)
    cols, cells = _merge(cols, cells)
    rows = []
    for i, spec in enumerate(RULE_KEYS.values()):
        row = MatrixRow(
            key=spec.key,
            section=spec.section,
            label=Label(zh=spec.zh, en=spec.en),
            cells=tuple(cells[c.id][i] for c in cols),
        )
        if not only_diff or row.differs:
            rows.append(row)
    return RuleMatrix(
        as_of=when, level=lv, columns=tuple(c.public() for c in cols), rows=tuple(rows)
    )
