"""The rules matrix: every inventory key, the value in force in each profile, with its source."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from govshare._kernel.dates import DateLike, to_date
from govshare._kernel.model import LEVELS
from govshare.errors import InputError
from govshare.features.compare._patch import PatchedProfile
from govshare.features.compare._values import value_text
from govshare.profiles import (
    RULE_KEYS,
    JurisdictionProfile,
    NoRuleInForceError,
    Source,
    Value,
    list_profiles,
    load_profile,
)
from govshare.render.grid import Cell, Grid, Row, Section, render_grid

__all__ = ["Column", "MatrixCell", "MatrixRow", "RuleMatrix", "compare_rules"]

FORMATS: tuple[str, ...] = ("table", "md", "csv", "json", "html")
_LEVEL_ZH = {"provincial": "省级", "prefectural": "市级", "county": "县级"}


@dataclass(frozen=True)
class Column:
    """A column: a profile at one or more levels, as published or as a what-if supposes it."""

    id: str
    profile: JurisdictionProfile
    levels: tuple[str, ...]
    adopted: tuple[str, ...] = ()
    what_if: str | None = None  # the patch's name (zh) for a patched column
    baseline: str | None = None  # the id of the column it is a what-if of

    def label(self, lang: str) -> str:
        """The column heading, e.g. ``湖北省 hubei · 省级``."""
        name = self.profile.model.name
        if lang == "zh":
            levels = "/".join(_LEVEL_ZH[lv] for lv in self.levels)
            head = f"{name.zh} {self.profile.id} · {levels}"
        else:
            head = f"{name.en} ({self.profile.id}) · {'/'.join(self.levels)}"
        if self.adopted:
            head += f" +{','.join(self.adopted)}"
        if self.what_if:
            head += f"（假设：{self.what_if}）" if lang == "zh" else f" [what-if: {self.what_if}]"
        return head


@dataclass(frozen=True)
class MatrixCell:
    """A profile's answer for a key.

    ``status`` is ``value`` (a rule in force), ``not_specified`` (the document in force is
    silent) or ``not_in_force`` (no document applies at this date and level; ``reason``
    says why).
    """

    column: str
    status: Literal["value", "not_specified", "not_in_force"]
    value: Value | None
    source: Source | None
    reason: str | None
    what_if: bool

    def text(self, lang: str) -> str:
        """The value in words (or why there is none)."""
        zh = lang == "zh"
        if self.status == "not_in_force":
            return ("无适用规则：" if zh else "no rule in force: ") + (self.reason or "")
        return value_text(self.value, lang)

    def comparable(self) -> Any:
        """What decides whether two cells differ: status and the value's typed core."""
        if self.value is None:
            return (self.status,)
        return (self.status, self.value.model_dump(mode="json", exclude={"details"}))


@dataclass(frozen=True)
class MatrixRow:
    """A key's row."""

    key: str
    section: str
    zh: str
    en: str
    cells: tuple[MatrixCell, ...]

    @property
    def differs(self) -> bool:
        """True when the profiles do not all give the same answer."""
        return len({json.dumps(c.comparable(), sort_keys=True) for c in self.cells}) > 1


@dataclass(frozen=True)
class RuleMatrix:
    """The rules of several profiles side by side. Render with :meth:`render`."""

    as_of: dt.date
    level: str | None
    columns: tuple[Column, ...]
    rows: tuple[MatrixRow, ...]

    def to_json(self) -> dict[str, Any]:
        """The documented, stable JSON form (``schema: govshare-compare/1``)."""
        return {
            "schema": "govshare-compare/1",
            "as_of": self.as_of.isoformat(),
            "level": self.level,
            "columns": [
                {
                    "id": c.id,
                    "profile": c.profile.id,
                    "levels": list(c.levels),
                    "name": {"zh": c.profile.model.name.zh, "en": c.profile.model.name.en},
                    "adopted": list(c.adopted),
                    "what_if": c.what_if,
                }
                for c in self.columns
            ],
            "rows": [
                {
                    "key": r.key,
                    "section": r.section,
                    "label": {"zh": r.zh, "en": r.en},
                    "differs": r.differs,
                    "cells": {c.column: _cell_json(c) for c in r.cells},
                }
                for r in self.rows
            ],
        }

    def grid(self, lang: str = "zh") -> Grid:
        """The matrix as a renderable grid."""
        zh = lang == "zh"
        sections: dict[str, list[Row]] = {}
        for r in self.rows:
            cells = tuple(_grid_cell(c, lang) for c in r.cells)
            label = f"{r.zh} · {r.en}" if zh else r.en
            sections.setdefault(r.section, []).append(Row(r.key, label, cells, r.differs))
        title = "规则比较 Rules compared" if zh else "Rules compared"
        day = self.as_of.isoformat()
        sub = (
            f"{day} 有效的规则；每个单元格为该层级适用的规定及其出处；≠ 表示各列不同。"
            if zh
            else f"Rules in force on {day}; each cell is the rule that applies at the column's "
            "level, with its source; ≠ marks rows that differ."
        )
        return Grid(
            title,
            sub,
            tuple(c.label(lang) for c in self.columns),
            tuple(Section(k, tuple(v)) for k, v in sections.items()),
        )

    def render(self, fmt: str = "table", *, lang: str = "zh", width: int = 100) -> str:
        """The matrix as ``table`` (terminal), ``md``, ``csv``, ``json`` or ``html``.

        Args:
            fmt: the output format.
            lang: ``zh`` (Chinese first, English alongside) or ``en``.
            width: the terminal width for ``table``.

        Raises:
            InputError: an unknown format.
        """
        if fmt not in FORMATS:
            raise InputError("format", fmt, f"one of {', '.join(FORMATS)}")
        if fmt == "json":
            return json.dumps(self.to_json(), ensure_ascii=False, indent=2) + "\n"
        return render_grid(self.grid(lang), fmt, lang=lang, width=width)


def _source_json(s: Source | None) -> dict[str, Any] | None:
    if s is None:
        return None
    return {
        "doc": s.doc,
        "number": s.number,
        "title": s.title,
        "article": s.article,
        "clause": s.clause,
        "quote": s.quote,
        "short": s.short,
    }


def _cell_json(c: MatrixCell) -> dict[str, Any]:
    return {
        "status": c.status,
        "value": None if c.value is None else c.value.model_dump(mode="json", by_alias=True),
        "text": {"zh": c.text("zh"), "en": c.text("en")},
        "source": _source_json(c.source),
        "reason": c.reason,
        "what_if": c.what_if,
    }


def _grid_cell(c: MatrixCell, lang: str) -> Cell:
    lines = [c.text(lang)]
    if c.source is not None:
        lines.append(c.source.short)
    style = "na" if c.status != "value" else ""
    if c.what_if:
        style = "whatif"
    return Cell(tuple(lines), c.source.quote if c.source else None, style)


def _cell(col: Column, key: str, as_of: dt.date) -> MatrixCell:
    try:
        r = col.profile.rule(key, as_of=as_of, level=col.levels[0], adopted=col.adopted)
    except NoRuleInForceError as exc:
        return MatrixCell(col.id, "not_in_force", None, None, "; ".join(exc.reasons), False)
    status: Literal["value", "not_specified"] = "not_specified" if r.not_specified else "value"
    return MatrixCell(col.id, status, r.value, r.source, None, False)


def jurisdictions() -> list[str]:
    """The names of every profile of kind ``jurisdiction`` (standards have no sharing rules)."""
    return [n for n in list_profiles() if load_profile(n).model.kind == "jurisdiction"]


def _load(profiles: Sequence[str | JurisdictionProfile]) -> list[JurisdictionProfile]:
    if not profiles:
        profiles = jurisdictions()
    return [p if isinstance(p, JurisdictionProfile) else load_profile(p) for p in profiles]


def _candidates(
    loaded: Sequence[JurisdictionProfile],
    level: str | None,
    adopted: Mapping[str, Sequence[str]],
    patches: Sequence[PatchedProfile],
) -> list[Column]:
    cols: list[Column] = []
    for prof in loaded:
        mine = tuple(adopted.get(prof.id, ()))
        levels = (level,) if level else prof.levels
        variants: list[tuple[str, JurisdictionProfile, tuple[str, ...], str | None]] = [
            (prof.id, prof, mine, None)
        ]
        for n, pp in enumerate(p for p in patches if p.baseline.id == prof.id):
            tag = f"{prof.id}+whatif{n + 1 if n else ''}"
            adopt = tuple(dict.fromkeys((*mine, *pp.patch.adopt)))
            variants.append((tag, pp.profile, adopt, pp.patch.name.zh))
        for lv in levels:
            for tag, p, adopt, what_if in variants:
                base = f"{prof.id}:{lv}" if what_if else None
                cols.append(Column(f"{tag}:{lv}", p, (lv,), adopt, what_if, base))
    return cols


def _merge(
    cols: list[Column], cells: dict[str, list[MatrixCell]]
) -> tuple[list[Column], dict[str, list[MatrixCell]]]:
    """One column for the levels of a profile (or what-if) whose answers are all the same."""
    out: list[Column] = []
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
    loaded = _load(profiles)
    for pp in patches:
        if all(p.id != pp.baseline.id for p in loaded):
            loaded.append(pp.baseline)
    cols = _candidates(loaded, level, adopted or {}, patches)
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
            spec.key, spec.section, spec.zh, spec.en, tuple(cells[c.id][i] for c in cols)
        )
        if not only_diff or row.differs:
            rows.append(row)
    return RuleMatrix(when, level, tuple(cols), tuple(rows))
