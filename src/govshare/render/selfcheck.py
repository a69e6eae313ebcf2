"""The self-check report (:class:`~govshare.features.selfcheck.SelfCheckReport`) as a table
(100 columns), Markdown, JSON (the registered ``govshare-selfcheck/1`` shape) or JUnit XML.

Every format states the standard's status (e.g. a draft for comment, not in force). Words
come from the vocabulary (``check.*``) and the profile's labels; the option ``strict`` (items
without evidence fail too) is said in the verdict.
"""

from __future__ import annotations

from govshare._kernel.messages import say
from govshare._kernel.vocabulary import label
from govshare.features.selfcheck import SelfCheckReport
from govshare.render.grid import _md as _md_text
from govshare.render.json import json_type
from govshare.render.junit import JUnitCase, junit_xml
from govshare.render.registry import RenderOptions, renderer
from govshare.render.text import pad, terminal_safe, width_of, wrap

__all__ = ["verdict"]


def _w(word: str, lang: str) -> str:
    return label("word", f"check.{word}", lang)


def _verdict(report: SelfCheckReport, lang: str, strict: bool) -> str:
    """One line: the counts and whether the report passes (strict: no evidence fails)."""
    c = report.counts
    text = _w("counts", lang).format(
        met=c["met"],
        not_met=c["not_met"],
        no_evidence=c["no_evidence"],
        findings=len(report.findings),
        verdict=_w("passed" if report.ok(strict=strict) else "failed", lang),
    )
    return text + (_w("strict", lang) if strict else "")


def _strict(options: RenderOptions) -> bool:
    return bool(options.extra.get("strict", False))


def _level(report: SelfCheckReport, lang: str) -> str:
    return label("level", report.level, lang)


def _serves(report: SelfCheckReport, lang: str) -> str:
    return say(report.serves_name, lang) if report.serves_name is not None else ""


@renderer(SelfCheckReport, "table")
def _table(report: SelfCheckReport, options: RenderOptions) -> str:
    lang, width = options.lang, options.width
    zh = lang == "zh"
    out: list[str] = []
    out += wrap(f"{_w('title', lang)}: {report.standard_name.pick(lang)}", width)
    for n in report.notices:
        out += wrap(f"{_w('note', lang)}: {n.pick(lang)}", width)
    out += wrap(
        f"{_w('department', lang)}: {report.department} ({_level(report, lang)}); "
        f"{_w('as_of', lang)}: {report.as_of.isoformat()}",
        width,
    )
    out.append("")
    statuses = ("met", "not_met", "no_evidence", "status")
    id_w = max(width_of(_w("clause", lang)), *(width_of(i.id) for i in report.items)) + 1
    st_w = max(width_of(_w(s, lang)) for s in statuses) + 1
    text_w = width - id_w - st_w - 2
    indent = " " * (id_w + st_w + 2)
    out.append(
        f"{pad(_w('clause', lang), id_w)} {pad(_w('status', lang), st_w)} {_w('text', lang)}"
    )
    out.append(f"{'-' * id_w} {'-' * st_w} {'-' * text_w}")
    for item in report.items:
        main = wrap(item.quote if zh else item.requirement, text_w)
        out.append(f"{pad(item.id, id_w)} {pad(_w(item.status, lang), st_w)} {main[0]}".rstrip())
        out += [indent + line for line in main[1:]]
        for r in item.reasons:
            lines = wrap(f"- {r.pick(lang)}", text_w)
            out += [indent + lines[0]] + [indent + "  " + x for x in lines[1:]]
        if item.status == "met" and item.evidence:
            lines = wrap(f"{_w('evidence', lang)}: " + "; ".join(item.evidence), text_w)
            out += [indent + x for x in lines]
    if report.serves is not None:
        out.append("")
        out += wrap(
            f"{_w('time_fit', lang)} ({_w('serves', lang)}: {_serves(report, lang)}, "
            f"{_level(report, lang)}, {report.as_of.isoformat()}):",
            width,
        )
        fit_words = ("fits", "exceeds", "unbounded", "not_comparable")
        tag_w = max(width_of(_w(s, lang)) for s in fit_words) + 1
        for t in report.time_fit:
            lines = wrap(t.pick(lang), width - tag_w - 3)
            out.append(f"  {pad(_w(t.status, lang), tag_w)} {lines[0]}")
            out += [" " * (tag_w + 3) + x for x in lines[1:]]
    for warning in report.warnings:
        out += wrap(f"{_w('warning', lang)}: {warning.pick(lang)}", width)
    out.append("")
    out += wrap(_verdict(report, lang, _strict(options)), width)
    return terminal_safe("\n".join(out) + "\n")


@renderer(SelfCheckReport, "md")
def _markdown(report: SelfCheckReport, options: RenderOptions) -> str:
    lang = options.lang
    zh = lang == "zh"
    md = _md_text
    out = [f"# {_w('title', lang)}: {md(report.standard_name.pick(lang))}", ""]
    for n in report.notices:
        out += [f"> **{_w('note', lang)}**: {md(n.pick(lang))}", ">"]
    if report.notices:
        out.pop()
    out += [
        "",
        f"- {_w('department', lang)}: {md(report.department)} ({_level(report, lang)})",
        f"- {_w('as_of', lang)}: {report.as_of.isoformat()}",
        f"- {_w('verdict', lang)}: {md(_verdict(report, lang, _strict(options)))}",
        "",
        f"| {_w('clause', lang)} | {_w('status', lang)} | {_w('requirement', lang)} "
        f"| {_w('notes', lang)} |",
        "|---|---|---|---|",
    ]
    for item in report.items:
        quote = f"「{md(item.quote)}」"
        text = quote if zh else f"{md(item.requirement)}<br>{quote}"
        notes = [md(r.pick(lang)) for r in item.reasons]
        if item.status == "met" and item.evidence:
            notes.append(f"{_w('evidence', lang)}: " + md("; ".join(item.evidence)))
        word = _w(item.status, lang)
        status = word if item.status == "met" else f"**{word}**"
        out.append(f"| {md(item.id)} | {status} | {text} | {'<br>'.join(notes)} |")
    if report.serves is not None:
        out += [
            "",
            f"## {_w('time_fit', lang)} ({_w('serves', lang)}: {md(_serves(report, lang))})",
            "",
        ]
        out += [f"- **{_w(t.status, lang)}**: {md(t.pick(lang))}" for t in report.time_fit]
    if report.warnings:
        out.append("")
        out += [f"- {_w('warning', lang)}: {md(x.pick(lang))}" for x in report.warnings]
    return "\n".join(out) + "\n"


@renderer(SelfCheckReport, "junit")
def _junit(report: SelfCheckReport, options: RenderOptions) -> str:
    lang = options.lang
    notice = " ".join(n.pick(lang) for n in report.notices)
    cases: list[JUnitCase] = []
    for item in report.items:
        section = item.clause.split()[0].split(".")[0]
        reasons = "; ".join(r.pick(lang) for r in item.reasons)
        cases.append(
            JUnitCase(
                name=item.id,
                classname=f"{report.standard}.{section}",
                failure=f"{_w('not_met', lang)}: {reasons}" if item.status == "not_met" else None,
                skipped=(
                    f"{_w('no_evidence', lang)}: {reasons}"
                    if item.status == "no_evidence"
                    else None
                ),
                details=f"{item.source.short}「{item.quote}」\n{reasons}\n{notice}",
            )
        )
    for t in report.time_fit:
        text = t.pick(lang)
        cases.append(
            JUnitCase(
                name=f"{t.procedure} ({t.kind}) / {t.profile} {t.serves}",
                classname=f"{report.standard}.time_fit",
                failure=f"{_w(t.status, lang)}: {text}" if t.finding else None,
                skipped=f"{_w(t.status, lang)}: {text}" if t.status == "not_comparable" else None,
                details=f"{text}\n{notice}",
            )
        )
    status = ", ".join(f"{n.doc}: {n.status}" for n in report.notices)
    suite = f"govshare check {report.standard} ({status}): {report.department}"
    properties = {
        "standard": report.standard,
        "department": report.department,
        "level": report.level,
        "as_of": report.as_of.isoformat(),
        "serves": report.serves or "",
        **{f"status.{n.doc}": n.status for n in report.notices},
        **{f"notice.{n.doc}": n.pick(lang) for n in report.notices},
    }
    return junit_xml(suite, cases, properties)


def verdict(report: SelfCheckReport, *, lang: str = "zh", strict: bool = False) -> str:
    """The report's one-line verdict (counts and passed/failed), e.g. for a summary."""
    return _verdict(report, lang, strict)


# -- JSON: the one registered shape of each result type ---------------------------------

json_type("selfcheck", 1)(SelfCheckReport)
