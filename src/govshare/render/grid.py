"""One grid (sections of rows, a column per profile) rendered as a terminal table, Markdown,
CSV or a self-contained HTML page. The rules matrix and the scenario comparison both use it.
"""

from __future__ import annotations

import csv
import html
import io
import re
from dataclasses import dataclass, field, replace

from govshare._kernel.limits import LIMITS
from govshare._kernel.vocabulary import label
from govshare.errors import InputError
from govshare.render import text as _text

__all__ = ["FORMATS", "Cell", "Grid", "Row", "Section", "csv_safe", "render_grid"]


@dataclass(frozen=True)
class Cell:
    """One cell: its lines (value first, citation after), the quote behind it, a style."""

    lines: tuple[str, ...]
    quote: str | None = None
    style: str = ""  # "", "na" (no rule), "whatif" (changed by a patch), "deemed", "overdue"


@dataclass(frozen=True)
class Row:
    """A row: what it is (key and label, which may be empty) and a cell per column."""

    head: str
    label: str
    cells: tuple[Cell, ...]
    differs: bool


@dataclass(frozen=True)
class Section:
    """A group of rows under a title (an inventory section)."""

    title: str
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Grid:
    """Everything a rendering needs."""

    title: str
    subtitle: str
    columns: tuple[str, ...]
    sections: tuple[Section, ...]
    notes: tuple[str, ...] = field(default=())


# -- terminal --------------------------------------------------------------------------------


def _words(zh: str, en: str, lang: str) -> str:
    return zh if lang == "zh" else en


def _what_if(lang: str) -> str:
    """The mark of a cell a what-if patch changed (docs/compare.md)."""
    return _words("假设", "what-if", lang)


def _safe(text: str) -> str:
    """One line of terminal text: control characters made visible, no line breaks or tabs."""
    return _text.terminal_safe(text).replace("\n", " ").replace("\t", " ")


def _cell_lines(cell: Cell, lang: str) -> list[str]:
    lines = [_safe(x) for x in cell.lines]
    if cell.style == "whatif":
        lines.append(f"[{_what_if(lang)}]")
    return lines


def _head(row: Row) -> str:
    mark = " ≠" if row.differs else ""
    return f"{_safe(row.head)}{mark}  {_safe(row.label)}".rstrip()


def _stacked(grid: Grid, width: int, lang: str) -> str:
    """Many columns: each row lists the columns one under the other."""
    columns = [_safe(c) for c in grid.columns]
    left = min(30, max(_text.width_of(c) for c in columns) + 2)
    rest = max(20, width - 2 - left)
    rule = "─" * width
    out = [_safe(grid.title), _safe(grid.subtitle)]
    for section in grid.sections:
        out += [rule, f"■ {_safe(section.title)}"]
        for row in section.rows:
            out.extend(_text.wrap(_head(row), width))
            for name, cell in zip(columns, row.cells, strict=True):
                heads = _text.wrap(name, left - 2)
                lines = _cell_lines(cell, lang)
                if cell.style == "whatif":  # the mark follows the value, not a new part
                    lines[-2:] = [" ".join(lines[-2:])]
                body = _text.wrap(" — ".join(lines), rest)
                for i in range(max(len(heads), len(body))):
                    h = heads[i] if i < len(heads) else ""
                    b = body[i] if i < len(body) else ""
                    out.append(("  " + _text.pad(h, left) + b).rstrip())
    out.append(rule)
    out.extend(w for note in grid.notes for w in _text.wrap(_safe(note), width))
    return "\n".join(out)


def _table(grid: Grid, width: int, lang: str) -> str:
    n = max(1, len(grid.columns))
    col = (width - 2 - 3 * (n - 1)) // n
    if n > 3 or col < 26:
        return _stacked(grid, width, lang)
    rule = "─" * min(width, 2 + n * col + 3 * (n - 1))
    out = [_safe(grid.title), _safe(grid.subtitle), rule]
    header = [_text.wrap(_safe(c), col) for c in grid.columns]
    for i in range(max(len(h) for h in header)):
        out.append(
            "  " + " │ ".join(_text.pad(h[i] if i < len(h) else "", col) for h in header).rstrip()
        )
    for section in grid.sections:
        out += [rule, f"■ {_safe(section.title)}"]
        for row in section.rows:
            out.extend(_text.wrap(_head(row), width))
            cells = [
                [w for line in _cell_lines(c, lang) for w in _text.wrap(line, col)]
                for c in row.cells
            ]
            for i in range(max((len(c) for c in cells), default=0)):
                parts = [_text.pad(c[i] if i < len(c) else "", col) for c in cells]
                out.append(("  " + " │ ".join(parts)).rstrip())
    out.append(rule)
    out.extend(w for note in grid.notes for w in _text.wrap(_safe(note), width))
    return "\n".join(out)


# -- Markdown ------------------------------------------------------------------------------


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_LINE_BREAK = re.compile(r"\r\n|[\r\n\v\f\x85\u2028\u2029]")


def _md(text: str) -> str:
    """Text as literal Markdown in a table cell (no emphasis, links, HTML, line or column
    breaks: a carriage return or newline becomes a space)."""
    return _LINE_BREAK.sub(" ", _MD_SPECIAL.sub(r"\\\1", text))


def _markdown(grid: Grid, lang: str) -> str:
    out = [f"**{_md(grid.title)}**", "", _md(grid.subtitle), ""]
    rule = _words("规则", "Rule", lang)
    head = f"| {rule} | " + " | ".join(_md(c) for c in grid.columns) + " |"
    line = "|" + "---|" * (len(grid.columns) + 1)
    what_if = f" *({_what_if(lang)})*"
    for section in grid.sections:
        out += [f"### {_md(section.title)}", "", head, line]
        for row in section.rows:
            mark = " ≠" if row.differs else ""
            # code spans take no escapes: drop what would end the span, the cell or the line
            code = _LINE_BREAK.sub(" ", row.head.replace("`", "").replace("|", "\\|"))
            first = f"`{code}`{mark}" + (f"<br>{_md(row.label)}" if row.label else "")
            cells = [
                "<br>".join(_md(x) for x in c.lines) + (what_if if c.style == "whatif" else "")
                for c in row.cells
            ]
            out.append(f"| {first} | " + " | ".join(cells) + " |")
        out.append("")
    out.extend(f"- {_md(n)}" for n in grid.notes)
    return "\n".join(out).rstrip() + "\n"


# -- CSV -------------------------------------------------------------------------------------

_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(text: str) -> str:
    """A CSV cell a spreadsheet will not run as a formula: text starting with ``=``, ``+``,
    ``-``, ``@``, a tab or a carriage return gets a leading single quote (OWASP, "CSV
    Injection")."""
    return "'" + text if text.startswith(_FORMULA) else text


def _csv(grid: Grid) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    head = ["section", "row", "label", "differs", *grid.columns]
    w.writerow([csv_safe(x) for x in head])
    for section in grid.sections:
        for row in section.rows:
            cells = [" / ".join(c.lines) for c in row.cells]
            line = [section.title, row.head, row.label, "yes" if row.differs else "no", *cells]
            w.writerow([csv_safe(x) for x in line])
    return buf.getvalue()


# -- HTML ------------------------------------------------------------------------------------

_CSS = """
body{font-family:"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",system-ui,sans-serif;
margin:1.5rem;color:#1f2328;line-height:1.45}
h1{font-size:1.35rem;margin:0 0 .25rem}p.sub{color:#57606a;margin:0 0 1rem}
h2{font-size:1.05rem;margin:1.6rem 0 .4rem;border-bottom:2px solid #d0d7de;padding-bottom:.2rem}
table{border-collapse:collapse;width:100%;table-layout:fixed}
th,td{border:1px solid #d0d7de;padding:.35rem .5rem;vertical-align:top;text-align:left;
overflow-wrap:anywhere}
thead th{background:#f6f8fa;position:sticky;top:0}
td.key{width:22%;background:#fbfbfc}td.key code{font-size:.8rem;color:#57606a}
tr.diff td.key{border-left:4px solid #bf8700}
.cite{display:block;color:#57606a;font-size:.82rem}
td.na{color:#8c959f;background:#f6f8fa}td.whatif{background:#fff8c5}
td.deemed{background:#dafbe1}td.overdue{background:#ffebe9}
details{font-size:.82rem}summary{cursor:pointer;color:#0969da}
blockquote{margin:.3rem 0;padding-left:.6rem;border-left:3px solid #d0d7de;color:#424a53}
.tools{margin:.6rem 0}body.only-diff tr.same{display:none}
ul.notes{color:#57606a}
@media print{thead th{position:static}details{display:none}}
"""
_JS = (
    "document.getElementById('only-diff').addEventListener('change',"
    "e=>document.body.classList.toggle('only-diff',e.target.checked));"
)


def _html(grid: Grid, lang: str) -> str:
    e = html.escape
    zh = lang == "zh"
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{"zh-CN" if zh else "en"}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(grid.title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{e(grid.title)}</h1><p class='sub'>{e(grid.subtitle)}</p>",
        "<div class='tools'><label><input type='checkbox' id='only-diff'> "
        + _words("只显示不同的规则", "only rows that differ", lang)
        + "</label></div>",
    ]
    head = "".join(f"<th>{e(c)}</th>" for c in grid.columns)
    for section in grid.sections:
        parts.append(f"<h2>{e(section.title)}</h2><table><thead><tr>")
        parts.append(f"<th class='key'>{_words('规则', 'Rule', lang)}</th>{head}</tr></thead>")
        parts.append("<tbody>")
        for row in section.rows:
            cls = "diff" if row.differs else "same"
            mark = " ≠" if row.differs else ""
            parts.append(
                f"<tr class='{cls}'><td class='key'><code>{e(row.head)}</code>{mark}"
                + (f"<br>{e(row.label)}" if row.label else "")
                + "</td>"
            )
            for c in row.cells:
                value, *rest = c.lines or ("",)
                body = e(value) + "".join(f"<span class='cite'>{e(x)}</span>" for x in rest)
                if c.quote:
                    body += (
                        f"<details><summary>{_words('原文', 'text', lang)}</summary>"
                        f"<blockquote>{e(c.quote)}</blockquote></details>"
                    )
                parts.append(f"<td class='{c.style}'>{body}</td>")
            parts.append("</tr>")
        parts.append("</tbody></table>")
    if grid.notes:
        parts.append("<ul class='notes'>" + "".join(f"<li>{e(n)}</li>" for n in grid.notes))
        parts.append("</ul>")
    parts.append(f"<script>{_JS}</script></body></html>")
    return "\n".join(parts) + "\n"


def _cut(text: str, lang: str) -> str:
    """``text`` cut to ``LIMITS.cell_chars`` characters, saying how many were left out."""
    over = len(text) - LIMITS.cell_chars
    if over <= 0:
        return text
    return f"{text[: LIMITS.cell_chars]}… [{label('word', 'characters_cut', lang)}: {over}]"


def _bounded(grid: Grid, lang: str) -> Grid:
    """The grid with every over-long text cut (the JSON output keeps it whole): one huge
    string must not make a table of megabytes, nor take minutes to wrap."""
    limit = LIMITS.cell_chars

    def cell(c: Cell) -> Cell:
        if all(len(x) <= limit for x in c.lines) and len(c.quote or "") <= limit:
            return c
        quote = None if c.quote is None else _cut(c.quote, lang)
        return replace(c, lines=tuple(_cut(x, lang) for x in c.lines), quote=quote)

    sections = tuple(
        replace(
            s,
            title=_cut(s.title, lang),
            rows=tuple(
                replace(
                    r,
                    head=_cut(r.head, lang),
                    label=_cut(r.label, lang),
                    cells=tuple(cell(c) for c in r.cells),
                )
                for r in s.rows
            ),
        )
        for s in grid.sections
    )
    return replace(
        grid,
        title=_cut(grid.title, lang),
        subtitle=_cut(grid.subtitle, lang),
        columns=tuple(_cut(c, lang) for c in grid.columns),
        sections=sections,
        notes=tuple(_cut(n, lang) for n in grid.notes),
    )


#: The formats :func:`render_grid` draws.
FORMATS: tuple[str, ...] = ("table", "md", "csv", "html")


def render_grid(grid: Grid, fmt: str, *, lang: str = "zh", width: int = 100) -> str:
    """Render as ``table`` (terminal, ``width`` columns), ``md``, ``csv`` or ``html``.

    Raises:
        InputError: another format.
    """
    grid = _bounded(grid, lang)
    if fmt == "table":
        return _table(grid, width, lang)
    if fmt == "md":
        return _markdown(grid, lang)
    if fmt == "csv":
        return _csv(grid)
    if fmt == "html":
        return _html(grid, lang)
    raise InputError("format", fmt, f"one of {', '.join(FORMATS)}")
