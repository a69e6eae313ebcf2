"""Compare's results in words: the rules matrix and the scenario comparison as grids.

:mod:`govshare.features.compare` computes a :class:`~govshare.features.compare.RuleMatrix`
or a :class:`~govshare.features.compare.ScenarioComparison` (ids, labels, citations); this
module says them in Chinese or English and hands a :class:`~govshare.render.grid.Grid` to
:func:`~govshare.render.grid.render_grid` for the ``table``, ``md``, ``csv`` and ``html``
formats. Every id is named through :mod:`govshare._kernel.vocabulary`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from govshare._kernel.messages import say
from govshare._kernel.vocabulary import Kind, label, term
from govshare.features.compare import (
    CellLayer,
    Column,
    Divergence,
    DutyKey,
    MatrixCell,
    RuleMatrix,
    ScenarioColumn,
    ScenarioComparison,
    duties_of,
    duty_keys,
)
from govshare.profiles import RULE_KEYS, Value
from govshare.profiles._model import Step, period_label
from govshare.render.grid import FORMATS, Cell, Grid, Row, Section, render_grid
from govshare.render.json import json_type
from govshare.render.profiles import prose_in_chinese
from govshare.render.registry import RenderOptions, renderer

__all__ = [
    "cell_text",
    "column_label",
    "column_notes",
    "divergence_text",
    "matrix_grid",
    "outcome_text",
    "scenario_grid",
    "value_text",
]

T = TypeVar("T")


def _w(zh: str, en: str, lang: str) -> str:
    return zh if lang == "zh" else en


def _first(kinds: Sequence[Kind], id_: str, lang: str) -> str:
    """The label of ``id_`` in the first of ``kinds`` that names it (else the id)."""
    for kind in kinds:
        found = term(kind, id_)
        if found is not None:
            return found.pick(lang)
    return id_


# -- values ----------------------------------------------------------------------------------


def _anchor(value: Any, lang: str) -> str:
    zh = lang == "zh"
    before = getattr(value, "before", None)
    if before:
        event = label("event", before, lang)
        return f"（{event}前）" if zh else f" before {event}"
    start = getattr(value, "from_", None)
    if start and start not in ("unknown", "ambiguous"):
        event = label("event", start, lang)
        return f"（自{event}起）" if zh else f" from {event}"
    return ""


def _steps(steps: list[Step], lang: str) -> str:
    colon = _w("：", ": ", lang)
    parts = []
    for s in steps:
        action = label("action", s.action, lang)
        parts.append(f"{label('actor', s.actor, lang)}{colon}{action}" if s.actor else action)
    return " → ".join(parts)


def value_text(  # noqa: PLR0911, PLR0912 - one per kind
    value: Value | None, lang: str = "zh", *, quote: str | None = None
) -> str:
    """A one-line summary of a rule value: its typed core only, never its ``details``.

    Args:
        value: a rule value, or None for a document that is silent (``not_specified``).
        lang: ``zh`` or ``en``.
        quote: the rule's words, shown in Chinese output in place of a ``text`` value (the
            profile author's English prose).
    """
    zh = lang == "zh"
    if value is None:
        return label("word", "not_specified", lang)
    period = period_label(value, lang)
    if period is not None:
        return period + _anchor(value, lang)
    if value.kind == "calendar_month_end":
        month = label("month", str(value.month), lang)
        every = "每年" if value.recurring == "annual" else ""
        return f"{every}{month}底前" if zh else f"by the end of {month}"
    if value.kind == "recurring":
        unit = label("period_unit", value.period, lang)
        n = value.min_times
        return f"每{unit}至少{n}次" if zh else f"at least {n} time(s) a {unit}"
    if value.kind == "years":
        return (f"{value.n}年" if zh else f"{value.n} years") + _anchor(value, lang)
    if value.kind == "outcome":
        return label("timeout_outcome", value.on_timeout, lang)
    if value.kind == "enum":
        return _first(("rule_value", "actor", "share_type", "open_type"), value.value, lang)
    if value.kind == "set":
        names = [_first(("share_type", "open_type", "rule_value"), v, lang) for v in value.values]
        return _w("、", ", ", lang).join(names)
    if value.kind == "list":
        more = _w("等", " …", lang) if value.open_ended else ""
        return _w("；", "; ", lang).join(label("list_item", i, lang) for i in value.items) + more
    if value.kind == "steps":
        return _steps(value.steps, lang)
    if value.kind == "bool":
        return _w("是", "yes", lang) if value.value else _w("否", "no", lang)
    if value.kind == "rule_set":
        if zh:
            return f"组合规则（共{len(value.details)}项，详见原文）"
        return f"composite rule ({', '.join(value.details) or '—'})"
    if value.kind == "text":
        return value.text if lang == "en" else prose_in_chinese(quote, lang)
    return value.kind


def cell_text(cell: MatrixCell, lang: str = "zh") -> str:
    """A matrix cell's value in words (or why there is none)."""
    if cell.status == "not_in_force":
        why = say(cell.notice, lang) if cell.notice is not None else (cell.reason or "")
        return _w("无适用规则：", "no rule in force: ", lang) + why
    if cell.what_if and cell.value is not None and cell.value.kind == "text":
        return cell.value.text  # the user's own words in a what-if patch, as written
    return value_text(cell.value, lang, quote=cell.source.quote if cell.source else None)


# -- headings --------------------------------------------------------------------------------


def column_label(col: Column | ScenarioColumn, lang: str = "zh") -> str:
    """A column's heading: ``湖北省 hubei · 省级``, ``Hubei Province (hubei) · provincial``."""
    levels = col.levels if isinstance(col, Column) else (col.level,)
    names = "/".join(label("level", lv, lang) for lv in levels)
    head = (
        f"{col.name.zh} {col.profile} · {names}"
        if lang == "zh"
        else f"{col.name.en} ({col.profile}) · {names}"
    )
    if col.adopted and isinstance(col, Column):
        head += f" +{','.join(col.adopted)}"
    if col.what_if:
        head += _w(f"（假设：{col.what_if.zh}）", f" [what-if: {col.what_if.en}]", lang)
    return head


def _section_title(section: str, lang: str) -> str:
    found = term("rule_section", section.split(" ", 1)[0])
    return section if found is None else found.pick(lang)


# -- the rules matrix ------------------------------------------------------------------------


def layer_text(layer: CellLayer, lang: str = "zh") -> str:
    """An upper layer's provision beside a cell (ceiling, conflict, alone), with its citation."""
    word = {
        "ceiling": _w("上限", "ceiling", lang),
        "binds": _w("上位规定约束（冲突）", "the upper rule binds (conflict)", lang),
        "alone": _w("由上位规定单独作答", "the upper rule answers alone", lang),
        "alongside": _w("同时适用", "applies alongside", lang),
    }.get(layer.relation)
    if word is None:
        return ""
    colon = _w("：", ": ", lang)
    what = value_text(layer.value, lang, quote=layer.source.quote)
    return f"{word}{colon}{what} — {layer.source.short}"


def _matrix_cell(c: MatrixCell, lang: str) -> Cell:
    lines = [cell_text(c, lang)]
    if c.source is not None:
        lines.append(c.source.short)
    lines += [t for t in (layer_text(x, lang) for x in c.layers) if t]
    style = "whatif" if c.what_if else ("na" if c.status != "value" else "")
    return Cell(tuple(lines), c.source.quote if c.source else None, style)


def matrix_grid(m: RuleMatrix, lang: str = "zh") -> Grid:
    """The rules matrix as a grid: a section per inventory section, a row per key."""
    sections: dict[str, list[Row]] = {}
    for r in m.rows:
        cells = tuple(_matrix_cell(c, lang) for c in r.cells)
        sections.setdefault(r.section, []).append(Row(r.key, r.label.pick(lang), cells, r.differs))
    day = m.as_of.isoformat()
    sub = _w(
        f"{day} 有效的规则；每个单元格为该层级适用的规定及其出处；≠ 表示各列不同。",
        f"Rules in force on {day}; each cell is the rule that applies at the column's level, "
        "with its source; ≠ marks rows that differ.",
        lang,
    )
    return Grid(
        _w("规则比较", "Rules compared", lang),
        sub,
        tuple(column_label(c, lang) for c in m.columns),
        tuple(Section(_section_title(k, lang), tuple(v)) for k, v in sections.items()),
    )


# -- the scenario comparison -----------------------------------------------------------------


def outcome_text(col: ScenarioColumn, lang: str = "zh") -> str:
    """How the case ended in a column, e.g. ``2026-10-14 00:00 逾期视为同意``."""
    zh = lang == "zh"
    st = col.status
    if st is None:
        return _column_error(col, lang)
    if col.deemed_at is not None:
        when = col.deemed_at.strftime("%Y-%m-%d %H:%M")
        words = label("duty_outcome", "deemed_consent", lang)
        return f"{when} {words}" if zh else f"{words} {when}"
    v = col.overdue_violation
    if v is not None:
        due = v.due.isoformat() if v.due else "?"
        actor = label("actor", v.actor, lang)
        return f"逾期未办：{actor} 应于 {due} 前办理" if zh else f"overdue: {actor} due {due}"
    state = st.state_label.pick(lang)
    if st.terminal:
        return state
    return f"进行中：{state}" if zh else f"open: {state}"


def _column_error(col: ScenarioColumn, lang: str) -> str:
    return say(col.error_notice, lang) if col.error_notice is not None else (col.error or "")


def column_notes(col: ScenarioColumn, lang: str = "zh") -> list[str]:
    """What the reader should know about a column: another level than asked, documents
    adopted that the profile does not have."""
    out = []
    if col.level != col.wanted_level:
        wanted, own = label("level", col.wanted_level, lang), label("level", col.level, lang)
        out.append(
            _w(
                f"{col.profile} 没有适用于{wanted}的文件，按{own}重放（可指定层级）",
                f"{col.profile} has no document at {wanted} level; replayed at {own} level "
                "(pass a level to force one)",
                lang,
            )
        )
    if col.ignored:
        docs = ", ".join(col.ignored)
        out.append(
            _w(
                f"参照执行的 {docs} 不是 {col.profile} 的文件，已忽略",
                f"adopted {docs}: not documents of {col.profile}; ignored",
                lang,
            )
        )
    return out


def divergence_text(c: ScenarioComparison, d: Divergence, lang: str = "zh") -> str:
    """Where the columns part, in words."""
    zh = lang == "zh"
    if d.kind == "outcome":
        cols = {col.id: col for col in c.columns}
        sep, colon = _w("；", "; ", lang), _w("：", ": ", lang)
        words = sep.join(f"{cid}{colon}{outcome_text(cols[cid], lang)}" for cid in d.columns)
        return f"结果不同：{words}" if zh else f"outcomes diverge: {words}"
    where = ", ".join(d.columns)
    rule = d.rule or ""
    if zh:
        spec = RULE_KEYS.get(rule)
        actor = label("actor", d.actor or "", lang)
        return f"仅 {where} 有：{actor}的期限「{spec.zh if spec else rule}」"
    return f"only in {where}: {d.actor} duty {rule}"


def _differs(cells: Sequence[Cell]) -> bool:
    return len({c.lines[0] if c.lines else "" for c in cells}) > 1


def _duty_cell(c: ScenarioColumn, key: DutyKey, lang: str) -> Cell:
    found = duties_of(c, key)
    if not found:
        return Cell(("—",), None, "na")
    parts, sources = [], []
    style = ""
    for d in found:
        due = d.due.isoformat() if d.due else d.period
        words = label("duty_outcome", d.outcome, lang)
        parts.append(f"{d.started.date().isoformat()} → {due} · {words}")
        sources.append(d.source.short)
        style = {"deemed_consent": "deemed", "overdue": "overdue", "late": "overdue"}.get(
            d.outcome, style
        )
    return Cell(
        (_w("；", "; ", lang).join(parts), *dict.fromkeys(sources)), found[-1].source.quote, style
    )


def scenario_grid(c: ScenarioComparison, lang: str = "zh") -> Grid:
    """The comparison as a grid: state, outcome, then a row per duty."""
    cols = c.columns
    styles = {"deemed_consent": "deemed", "overdue": "overdue", "error": "na"}
    outcome_cells = tuple(
        Cell((outcome_text(col, lang),), None, styles.get(col.outcome, "")) for col in cols
    )
    state_cells = tuple(
        Cell((col.status.state_label.pick(lang),))
        if col.status
        else Cell((_column_error(col, lang),), None, "na")
        for col in cols
    )
    head = (
        Row(_w("状态", "state", lang), "", state_cells, _differs(state_cells)),
        Row(_w("结果", "outcome", lang), "", outcome_cells, len({c.outcome for c in cols}) > 1),
    )
    duty_rows = []
    for key in duty_keys(cols):
        cells = tuple(_duty_cell(col, key, lang) for col in cols)
        actor, rule, party = key
        who = label("actor", actor, lang) + (
            _w(f"（{party}）", f" ({party})", lang) if party else ""
        )
        duty_rows.append(Row(rule, who, cells, _differs(cells)))
    name = c.process_name.pick(lang) if c.process_name else c.process
    sub = _w(
        f"截至 {c.as_of}；每个期限：起算 → 截止日 · 结果；≠ 表示各列不同。",
        f"As of {c.as_of}; each duty: start → due day · outcome; ≠ marks rows that differ.",
        lang,
    )
    notes = [divergence_text(c, d, lang) for d in c.divergences]
    colon = _w("：", ": ", lang)
    notes += [f"{col.id}{colon}{n}" for col in cols for n in column_notes(col, lang)]
    sections = [Section(_w("结果", "Outcome", lang), head)]
    if duty_rows:
        sections.append(Section(_w("期限", "Duties", lang), tuple(duty_rows)))
    return Grid(
        _w(f"同一案例在各地：{name}", f"Scenario compared: {name}", lang),
        sub,
        tuple(column_label(col, lang) for col in cols),
        tuple(sections),
        tuple(notes),
    )


# -- the formats -----------------------------------------------------------------------------


def _register(result_type: type[T], grid: Callable[[T, str], Grid]) -> None:
    """Register every grid format (``table``, ``md``, ``csv``, ``html``) of ``result_type``."""
    for fmt in FORMATS:

        def draw(result: T, options: RenderOptions, fmt: str = fmt) -> str:
            return render_grid(
                grid(result, options.lang), fmt, lang=options.lang, width=options.width
            )

        renderer(result_type, fmt)(draw)


_register(RuleMatrix, matrix_grid)
_register(ScenarioComparison, scenario_grid)


# -- JSON: the one registered shape of each result type ---------------------------------

json_type("compare-scenario", 1)(ScenarioComparison)
json_type("compare", 1)(RuleMatrix)
