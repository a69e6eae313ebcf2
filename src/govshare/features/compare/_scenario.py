"""One case in every jurisdiction: an event log replayed under each profile, side by side."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from govshare._kernel.dates import DateLike
from govshare.errors import GovshareError, InputError
from govshare.features.compare._patch import PatchedProfile
from govshare.features.compare._rules import _LEVEL_ZH, FORMATS, _load
from govshare.processes import DutyRecord, EventLog, EventLogError, ProcessStatus, replay
from govshare.processes._log import read_event_log
from govshare.profiles import JurisdictionProfile
from govshare.render.grid import Cell, Grid, Row, Section, render_grid
from govshare.render.json import jsonable

__all__ = ["ScenarioColumn", "ScenarioComparison", "compare_scenario"]

_OUTCOME_WORDS = {
    "open": ("进行中", "open"),
    "done": ("按时办理", "done in time"),
    "late": ("逾期后办理", "done late"),
    "overdue": ("逾期未办", "overdue"),
    "deemed_consent": ("逾期视为同意", "deemed consent"),
    "no_limit": ("无可计算时限", "no computable time limit"),
}


@dataclass(frozen=True)
class ScenarioColumn:
    """The case replayed under one profile (or what-if), or why it could not be."""

    id: str
    profile: JurisdictionProfile
    level: str
    adopted: tuple[str, ...]
    what_if: str | None
    status: ProcessStatus | None
    error: str | None
    notes: tuple[str, ...] = ()

    def label(self, lang: str) -> str:
        """The column heading."""
        name = self.profile.model.name
        zh = lang == "zh"
        head = (
            f"{name.zh} {self.profile.id} · {_LEVEL_ZH[self.level]}"
            if zh
            else f"{name.en} ({self.profile.id}) · {self.level}"
        )
        if self.what_if:
            head += f"（假设：{self.what_if}）" if zh else f" [what-if: {self.what_if}]"
        return head

    def outcome(self, lang: str = "zh") -> tuple[str, str]:
        """(category, words): ``deemed_consent``, ``overdue``, ``final``, ``open``, ``error``."""
        zh = lang == "zh"
        st = self.status
        if st is None:
            return "error", self.error or ""
        if st.deemed_consent:
            at = next(f.at for f in st.fired if f.kind == "deemed_consent")
            when = at.strftime("%Y-%m-%d %H:%M")
            return "deemed_consent", (f"{when} 逾期视为同意" if zh else f"deemed consent {when}")
        late = [v for v in st.violations if v.kind == "overdue" and v.ongoing]
        if late:
            v = late[0]
            due = v.due.isoformat() if v.due else "?"
            return "overdue", (
                f"逾期未办：{v.actor} 应于 {due} 前办理" if zh else f"overdue: {v.actor} due {due}"
            )
        label = st.state_label.zh if zh else st.state_label.en
        if st.terminal:
            return "final", label
        return "open", (f"进行中：{label}" if zh else f"open: {label}")


@dataclass(frozen=True)
class ScenarioComparison:
    """The same log replayed in each column; render with :meth:`render`."""

    process: str
    as_of: str
    columns: tuple[ScenarioColumn, ...]
    divergences: tuple[str, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        """The documented JSON form (``schema: govshare-scenario-compare/1``)."""
        return {
            "schema": "govshare-scenario-compare/1",
            "process": self.process,
            "as_of": self.as_of,
            "columns": [
                {
                    "id": c.id,
                    "profile": c.profile.id,
                    "level": c.level,
                    "adopted": list(c.adopted),
                    "what_if": c.what_if,
                    "outcome": c.outcome("en")[0],
                    "error": c.error,
                    "notes": list(c.notes),
                    "status": None
                    if c.status is None
                    else jsonable(c.status) | {"deemed_consent": c.status.deemed_consent},
                }
                for c in self.columns
            ],
            "divergences": list(self.divergences),
        }

    def grid(self, lang: str = "zh") -> Grid:
        """The comparison as a renderable grid: state, outcome, then a row per duty."""
        zh = lang == "zh"
        cols = self.columns
        outcome_cells = []
        for c in cols:
            kind, words = c.outcome(lang)
            style = {"deemed_consent": "deemed", "overdue": "overdue", "error": "na"}.get(kind, "")
            outcome_cells.append(Cell((words,), None, style))
        state_cells = tuple(
            Cell(
                (
                    (c.status.state_label.zh if zh else c.status.state_label.en)
                    + f" [{c.status.state}]",
                ),
            )
            if c.status
            else Cell((c.error or "",), None, "na")
            for c in cols
        )
        kinds = {c.outcome(lang)[0] for c in cols}
        head = [
            Row("state", "状态 · state" if zh else "state", state_cells, _differs(state_cells)),
            Row(
                "outcome",
                "结果 · outcome" if zh else "outcome",
                tuple(outcome_cells),
                len(kinds) > 1,
            ),
        ]
        duty_rows = []
        for key in _duty_keys(cols):
            cells = tuple(_duty_cell(c, key, lang) for c in cols)
            actor, rule, party = key
            label = actor + (f" ({party})" if party else "")
            duty_rows.append(Row(rule, label, cells, _differs(cells)))
        title = (
            f"同一案例在各地 Scenario compared: {self.process}"
            if zh
            else f"Scenario compared: {self.process}"
        )
        sub = (
            f"截至 {self.as_of}；每个期限：起算 → 截止日 · 结果；≠ 表示各列不同。"
            if zh
            else f"As of {self.as_of}; each duty: start → due day · outcome; ≠ marks rows that "
            "differ."
        )
        notes = list(self.divergences)
        for c in cols:
            notes.extend(f"{c.id}: {n}" for n in c.notes)
        sections = [Section("结果 Outcome" if zh else "Outcome", tuple(head))]
        if duty_rows:
            sections.append(Section("期限 Duties" if zh else "Duties", tuple(duty_rows)))
        return Grid(title, sub, tuple(c.label(lang) for c in cols), tuple(sections), tuple(notes))

    def render(self, fmt: str = "table", *, lang: str = "zh", width: int = 100) -> str:
        """As ``table``, ``md``, ``csv``, ``json`` or ``html`` (see :meth:`RuleMatrix.render`)."""
        if fmt not in FORMATS:
            raise InputError("format", fmt, f"one of {', '.join(FORMATS)}")
        if fmt == "json":
            return json.dumps(self.to_json(), ensure_ascii=False, indent=2) + "\n"
        return render_grid(self.grid(lang), fmt, lang=lang, width=width)


_Key = tuple[str, str, str | None]


def _differs(cells: Sequence[Cell]) -> bool:
    return len({c.lines[0] if c.lines else "" for c in cells}) > 1


def _duty_keys(cols: Sequence[ScenarioColumn]) -> list[_Key]:
    keys: list[_Key] = []
    for c in cols:
        for d in c.status.duties if c.status else ():
            key = (d.actor, d.rule, d.party)
            if key not in keys:
                keys.append(key)
    return keys


def _duties(c: ScenarioColumn, key: _Key) -> list[DutyRecord]:
    if c.status is None:
        return []
    return [d for d in c.status.duties if (d.actor, d.rule, d.party) == key]


def _duty_cell(c: ScenarioColumn, key: _Key, lang: str) -> Cell:
    found = _duties(c, key)
    if not found:
        return Cell(("—",), None, "na")
    zh = lang == "zh"
    parts, sources = [], []
    style = ""
    for d in found:
        due = d.due.isoformat() if d.due else d.period
        words = _OUTCOME_WORDS[d.outcome][0 if zh else 1]
        parts.append(f"{d.started.date().isoformat()} → {due} · {words}")
        sources.append(d.source.short)
        style = {"deemed_consent": "deemed", "overdue": "overdue", "late": "overdue"}.get(
            d.outcome, style
        )
    quote = found[-1].source.quote
    return Cell(("; ".join(parts), *dict.fromkeys(sources)), quote, style)


def _replay_column(
    cid: str,
    profile: JurisdictionProfile,
    log: EventLog,
    *,
    as_of: DateLike,
    level: str,
    forced: bool,
    adopted: Sequence[str],
    what_if: str | None,
) -> ScenarioColumn:
    lv, note = (level, None) if forced else profile.level_for(level)
    notes: tuple[str, ...] = () if note is None else (note,)
    known = [a for a in adopted if a in profile.documents]
    ignored = [a for a in adopted if a not in profile.documents]
    if ignored:
        notes += (f"adopted {', '.join(ignored)}: not documents of {profile.id}; ignored",)
    try:
        st = replay(profile, log.process, log.events, as_of=as_of, level=lv, adopted=known)
    except GovshareError as exc:
        return ScenarioColumn(cid, profile, lv, tuple(known), what_if, None, str(exc), notes)
    return ScenarioColumn(cid, profile, lv, tuple(known), what_if, st, None, notes)


def _divergences(cols: Sequence[ScenarioColumn]) -> list[str]:
    out = []
    outcomes = {c.id: c.outcome("zh") for c in cols}
    if len({k for k, _ in outcomes.values()}) > 1:
        out.append(
            "结果不同 outcomes diverge: "
            + "; ".join(f"{cid}: {w}" for cid, (_, w) in outcomes.items())
        )
    for key in _duty_keys(cols):
        having = [c.id for c in cols if _duties(c, key)]
        if len(having) < len(cols):
            actor, rule, _ = key
            out.append(f"only in {', '.join(having)}: {actor} duty {rule}")
    return out


def compare_scenario(
    log: EventLog | str | Path,
    profiles: Sequence[str | JurisdictionProfile] = (),
    *,
    as_of: DateLike | None = None,
    level: str | None = None,
    adopted: Mapping[str, Sequence[str]] | None = None,
    patches: Sequence[PatchedProfile] = (),
) -> ScenarioComparison:
    """Replay one event log under each profile and put the results side by side.

    Args:
        log: an :class:`~govshare.processes.EventLog` or the path of a log file.
        profiles: names, paths or loaded profiles (default: every bundled jurisdiction).
        as_of: when to report (default: the log's ``as_of``).
        level: force this level in every profile; by default the log's level, or a
            profile's own level when it has no document at the log's (said in the notes).
        adopted: per profile id, documents adopted; default the log's ``adopted`` where the
            profile has them.
        patches: what-if patches; each adds a column after its baseline.

    Raises:
        DataFileError: the log file is invalid (file, line, field).
        InputError: no as_of anywhere, a bad level.
    """
    file: str | None = None
    if not isinstance(log, EventLog):
        log, loaded = read_event_log(log)
        file = loaded.file
    when = as_of if as_of is not None else log.as_of
    if when is None:
        raise InputError("as_of", None, "an as_of (argument or the log's as_of line)")
    wanted = level or log.level
    loaded_profiles = _load(profiles)
    for pp in patches:
        if all(p.id != pp.baseline.id for p in loaded_profiles):
            loaded_profiles.append(pp.baseline)
    cols: list[ScenarioColumn] = []
    for prof in loaded_profiles:
        mine = list(adopted[prof.id]) if adopted and prof.id in adopted else list(log.adopted)
        variants: list[tuple[str, JurisdictionProfile, list[str], str | None]] = [
            (prof.id, prof, mine, None)
        ]
        for n, pp in enumerate(p for p in patches if p.baseline.id == prof.id):
            tag = f"{prof.id}+whatif{n + 1 if n else ''}"
            variants.append((tag, pp.profile, [*mine, *pp.patch.adopt], pp.patch.name.zh))
        for cid, p, adopt, what_if in variants:
            try:
                col = _replay_column(
                    cid,
                    p,
                    log,
                    as_of=when,
                    level=wanted,
                    forced=level is not None,
                    adopted=adopt,
                    what_if=what_if,
                )
            except EventLogError as exc:  # pragma: no cover - replay errors are caught above
                raise exc if file is None else exc.located(file, None) from None
            cols.append(col)
    as_of_text = when.isoformat() if hasattr(when, "isoformat") else str(when)
    return ScenarioComparison(log.process, as_of_text, tuple(cols), tuple(_divergences(cols)))
