"""The audit's outputs: its JSON document, a text summary, and the report (HTML) with charts.

The report is one self-contained HTML file (styles and SVG charts inline, no scripts, no
network), in Chinese or English: the summary, the verdicts, the figures per provider and
per month with a chart each, the distribution of working days to reply, why rows were
rejected, and the provisions cited with their words. Charts are drawn by matplotlib (the
``audit`` extra) as SVG whose text stays text, so the reader's browser draws the Chinese.
Heavy imports stay inside the functions (every render module is imported by the registry).
"""

from __future__ import annotations

import html
import io
import logging
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from govshare._kernel.vocabulary import label
from govshare.features.audit import AuditResult, Kpi, RecordSet
from govshare.render.json import json_type
from govshare.render.registry import RenderOptions, renderer
from govshare.render.timeline import CJK_FONTS

__all__ = ["KPI_COLUMNS", "charts", "kpi_rows", "report_html", "summary_text"]

json_type("records", 1)(RecordSet)
json_type("audit", 1)(AuditResult)

#: The figures shown per provider and per month, in order.
KPI_COLUMNS = (
    "records",
    "replies_due",
    "reply_rate",
    "median_reply_wd",
    "p90_reply_wd",
    "deemed_consent",
    "after_deemed",
    "reply_late",
    "reply_overdue",
    "beyond_ceiling",
    "provisions_due",
    "provision_rate",
    "provision_late",
    "provision_overdue",
)
_READINGS = ("reading_receipt", "reading_extension", "reading_materials", "reading_after_deemed")


def _w(id_: str, lang: str) -> str:
    return label("audit", id_, lang)


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def _num(value: float | int | None) -> str:
    if value is None:
        return "—"
    return f"{value:g}" if isinstance(value, float) else f"{value:,}"


def kpi_rows(kpis: Sequence[Kpi]) -> list[dict[str, Any]]:
    """The figures as plain rows (``key`` then :data:`KPI_COLUMNS`), for CSV and Parquet."""
    return [{"key": k.key, **{c: getattr(k, c) for c in KPI_COLUMNS}} for k in kpis]


def _cell(kpi: Kpi, column: str) -> str:
    value = getattr(kpi, column)
    return _pct(value) if column.endswith("_rate") else _num(value)


# -- text ---------------------------------------------------------------------------------


def summary_text(result: AuditResult, lang: str) -> str:
    """The summary the command prints."""
    o = result.overall
    lines = [
        f"{_w('report_title', lang)} — {result.profile_name.pick(lang)}, {_w('as_of', lang)} "
        f"{result.as_of.isoformat()}",
        f"  {_w('input_rows', lang)}: {result.rows:,}  {_w('judged', lang)}: {result.judged:,}"
        f"  {_w('rejected', lang)}: {result.rejected:,}",
        f"  {_w('kernel_rows', lang)}: {result.kernel:,}  {_w('fallback_rows', lang)}: "
        f"{result.fallback:,}  {_w('not_covered', lang)}: {result.not_covered:,}",
        f"  {_w('reply_rate', lang)}: {_pct(o.reply_rate)}  {_w('provision_rate', lang)}: "
        f"{_pct(o.provision_rate)}",
        f"  {_w('median_reply_wd', lang)}: {_num(o.median_reply_wd)}  "
        f"{_w('p90_reply_wd', lang)}: {_num(o.p90_reply_wd)}",
        f"  {_w('deemed_consent', lang)}: {o.deemed_consent:,}  {_w('after_deemed', lang)}: "
        f"{o.after_deemed:,}  {_w('beyond_ceiling', lang)}: {o.beyond_ceiling:,}",
    ]
    verdicts = "  ".join(f"{_w(c.key, lang)} {c.count:,}" for c in result.verdicts)
    lines.append(f"  {_w('verdicts', lang)}: {verdicts}")
    return "\n".join(lines)


@renderer(AuditResult, "text")
def _text(result: AuditResult, options: RenderOptions) -> str:
    return summary_text(result, options.lang)


# -- charts -------------------------------------------------------------------------------


@contextmanager
def _quiet() -> Iterator[None]:
    """matplotlib measures CJK text it may have no glyphs for: the SVG keeps it as text."""
    log = logging.getLogger("matplotlib.font_manager")
    level = log.level
    log.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        log.setLevel(level)


def _svg(draw: Any, size: tuple[float, float]) -> str:
    from govshare._kernel.optional import require  # noqa: PLC0415

    mpl = require("matplotlib", "audit", purpose="govshare audit report")
    from matplotlib.figure import Figure  # noqa: PLC0415

    rc = {
        "svg.fonttype": "none",
        "svg.hashsalt": "govshare-audit",
        "font.family": ["sans-serif"],
        "font.sans-serif": [*CJK_FONTS, "DejaVu Sans"],
        "axes.unicode_minus": False,
        "font.size": 9,
    }
    buf = io.StringIO()
    with _quiet(), mpl.rc_context(rc):
        fig = Figure(figsize=size)
        ax = fig.add_subplot(1, 1, 1)
        draw(ax)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        fig.tight_layout()
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": "govshare"})
    text = buf.getvalue()
    return text[text.index("<svg") :]


_BLUE, _GREEN, _RED = "#2b6cb0", "#2f855a", "#c53030"


def _rates(ax: Any, kpis: Sequence[Kpi], lang: str, *, horizontal: bool) -> None:
    keys = [k.key for k in kpis]
    nan = float("nan")  # no figure (nothing due): a gap, not a zero
    reply = [nan if k.reply_rate is None else 100 * k.reply_rate for k in kpis]
    provision = [nan if k.provision_rate is None else 100 * k.provision_rate for k in kpis]
    if horizontal:
        ys = range(len(keys))
        ax.barh([y + 0.2 for y in ys], reply, 0.4, color=_BLUE, label=_w("reply_rate", lang))
        ax.barh(
            [y - 0.2 for y in ys], provision, 0.4, color=_GREEN, label=_w("provision_rate", lang)
        )
        ax.set_yticks(list(ys), keys)
        ax.set_xlim(0, 100)
        ax.set_xlabel("%")
    else:
        xs = range(len(keys))
        ax.plot(xs, reply, marker="o", color=_BLUE, label=_w("reply_rate", lang))
        ax.plot(xs, provision, marker="s", color=_GREEN, label=_w("provision_rate", lang))
        ax.set_xticks(list(xs), keys, rotation=45, ha="right")
        ax.set_ylim(0, 100)
        ax.set_ylabel("%")
        late = [k.deemed_consent for k in kpis]
        twin = ax.twinx()
        twin.bar(xs, late, color=_RED, alpha=0.25, label=_w("deemed_consent", lang))
        twin.set_ylabel(_w("deemed_consent", lang))
        twin.spines["top"].set_visible(False)
    ax.legend(
        loc="upper left", bbox_to_anchor=(0, -0.25 if horizontal else -0.3), ncol=3, frameon=False
    )
    ax.grid(axis="x" if horizontal else "y", alpha=0.3)


def _days(ax: Any, result: AuditResult, lang: str) -> None:
    xs = [int(c.key) for c in result.reply_days]
    ns = [c.count for c in result.reply_days]
    ax.bar(xs, ns, color=_BLUE, width=0.8)
    ax.set_xlabel(_w("working_days", lang))
    ax.set_ylabel(_w("records", lang))
    ax.grid(axis="y", alpha=0.3)


def charts(result: AuditResult, lang: str = "zh") -> dict[str, str]:
    """The report's charts as SVG text: ``providers``, ``months``, ``reply_days``."""
    out: dict[str, str] = {}
    providers = sorted(result.providers, key=lambda k: k.reply_rate or 0.0)
    if providers:
        height = 1.2 + 0.32 * len(providers)
        out["providers"] = _svg(
            lambda ax: _rates(ax, providers, lang, horizontal=True), (8, height)
        )
    if result.months:
        out["months"] = _svg(lambda ax: _rates(ax, result.months, lang, horizontal=False), (8, 3.6))
    if result.reply_days:
        out["reply_days"] = _svg(lambda ax: _days(ax, result, lang), (8, 3.0))
    return out


# -- HTML ---------------------------------------------------------------------------------

_CSS = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",
sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#1a202c}
h1{font-size:1.6em}h2{margin-top:2em;border-bottom:1px solid #cbd5e0}
table{border-collapse:collapse;font-size:.9em;margin:.5em 0}
th,td{border:1px solid #e2e8f0;padding:.25em .6em;text-align:right}
th:first-child,td:first-child{text-align:left}th{background:#f7fafc}
.cards{display:flex;flex-wrap:wrap;gap:1em}.card{border:1px solid #e2e8f0;border-radius:6px;
padding:.6em 1em;min-width:9em}.card b{display:block;font-size:1.5em}
blockquote{margin:.3em 0 .8em 1em;color:#4a5568}figure{margin:1em 0}svg{max-width:100%}
"""


def _e(text: object) -> str:
    return html.escape(str(text))


def _table(head: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    th = "".join(f"<th>{_e(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in r) + "</tr>" for r in rows)
    return f"<table><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"


def _kpi_table(kpis: Sequence[Kpi], first: str, lang: str) -> str:
    head = [_w(first, lang), *(_w(c, lang) for c in KPI_COLUMNS)]
    return _table(head, [[k.key, *(_cell(k, c) for c in KPI_COLUMNS)] for k in kpis])


def _cards(result: AuditResult, lang: str) -> str:
    o = result.overall
    cards = [
        ("input_rows", _num(result.rows)),
        ("judged", _num(result.judged)),
        ("rejected", _num(result.rejected)),
        ("reply_rate", _pct(o.reply_rate)),
        ("provision_rate", _pct(o.provision_rate)),
        ("median_reply_wd", _num(o.median_reply_wd)),
        ("p90_reply_wd", _num(o.p90_reply_wd)),
        ("deemed_consent", _num(o.deemed_consent)),
        ("after_deemed", _num(o.after_deemed)),
        ("beyond_ceiling", _num(o.beyond_ceiling)),
    ]
    inner = "".join(f'<div class="card">{_e(_w(k, lang))}<b>{_e(v)}</b></div>' for k, v in cards)
    return f'<div class="cards">{inner}</div>'


def _citations(result: AuditResult, lang: str) -> str:
    parts = []
    for c in result.citations:
        src = c.source
        title = src.title if src.number is None else f"{src.title}（{src.number}）"
        where = f"{src.article or ''}{src.clause or ''}"
        parts.append(
            f"<p><b>{_e(_w(c.column, lang))}</b>：{_e(title)} {_e(where)}</p>"
            f"<blockquote>「{_e(src.quote or '')}」</blockquote>"
        )
    return "".join(parts)


def report_html(result: AuditResult, lang: str = "zh") -> str:
    """The whole report: one self-contained HTML document."""
    pictures = charts(result, lang)
    total = max(result.judged, 1)
    verdicts = [[_w(c.key, lang), _num(c.count), _pct(c.count / total)] for c in result.verdicts]
    rejects = [[_w(c.key, lang), _num(c.count)] for c in result.reject_reasons]
    sections = [
        f"<h1>{_e(_w('report_title', lang))}</h1>",
        f"<p>{_e(_w('profile', lang))}: {_e(result.profile_name.pick(lang))} · "
        f"{_e(_w('as_of', lang))} "
        f"{_e(result.as_of.isoformat())} · {_e(_w('kernel_rows', lang))} "
        f"{_num(result.kernel)} · {_e(_w('fallback_rows', lang))} {_num(result.fallback)}</p>",
        f"<h2>{_e(_w('summary', lang))}</h2>",
        _cards(result, lang),
        f"<h2>{_e(_w('verdicts', lang))}</h2>",
        _table([_w("verdicts", lang), _w("count", lang), _w("share", lang)], verdicts),
        f"<h2>{_e(_w('by_provider', lang))}</h2>",
        f"<figure>{pictures.get('providers', '')}</figure>",
        _kpi_table(result.providers, "provider", lang),
        f"<h2>{_e(_w('by_month', lang))}</h2>",
        f"<figure>{pictures.get('months', '')}</figure>",
        _kpi_table(result.months, "month", lang),
        f"<h2>{_e(_w('reply_days', lang))}</h2>",
        f"<figure>{pictures.get('reply_days', '')}</figure>",
    ]
    if rejects:
        sections += [
            f"<h2>{_e(_w('reject_reasons', lang))}</h2>",
            _table([_w("reason", lang), _w("count", lang)], rejects),
        ]
    sections += [
        f"<h2>{_e(_w('citations', lang))}</h2>",
        _citations(result, lang),
        f"<h2>{_e(_w('readings', lang))}</h2>",
        "<ul>" + "".join(f"<li>{_e(_w(r, lang))}</li>" for r in _READINGS) + "</ul>",
    ]
    html_lang = "en" if lang == "en" else "zh-CN"
    return (
        f'<!DOCTYPE html>\n<html lang="{html_lang}"><head><meta charset="utf-8">'
        f"<title>{_e(_w('report_title', lang))}</title><style>{_CSS}</style></head>"
        f"<body>{''.join(sections)}</body></html>\n"
    )


@renderer(AuditResult, "html")
def _html(result: AuditResult, options: RenderOptions) -> str:
    return report_html(result, options.lang)
