"""MkDocs hooks: the reference pages generated from the profiles when the docs are built.

Nothing here is committed as Markdown: each build renders, from the data in force,

- ``reference/profiles/<id>.md``: every document, rule, quote, precedence and reading of
  each profile (``reference/profiles/index.md`` lists them);
- ``reference/diagrams/<id>.md``: a Mermaid diagram of every process, one per level (and
  per adopted document) where the diagrams differ;
- ``reference/matrix.md``: the comparison matrix (``govshare.features.compare``);
- ``reference/cli.md``: the command line, from the argparse parser;
- ``reference/calendar-data.md``: the years, notices and regional overlay entries bundled.

"In force" means at the build date in Asia/Shanghai, or at ``GOVSHARE_DOCS_AS_OF``
(an ISO date) when set, for reproducible builds. Registered in ``mkdocs.yml`` under
``hooks:``; the page generators are plain functions, unit-tested in
``tests/test_docs_site.py``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import os
import re
from collections.abc import Iterable, Iterator
from typing import Any

from pydantic import TypeAdapter, ValidationError

from govshare import list_profiles, load_profile
from govshare._kernel.model import LEVELS
from govshare.calendar import SHANGHAI, bundled_arrangements, bundled_overlays
from govshare.cli.main import build_parser
from govshare.errors import GovshareError
from govshare.profiles import RULE_KEYS, JurisdictionProfile, RuleEntry, Value
from govshare.profiles._model import Document, period_label
from govshare.render.mermaid import ACTORS_ZH, mermaid

AS_OF_ENV = "GOVSHARE_DOCS_AS_OF"

LEVEL_LABELS = {"provincial": "省级", "prefectural": "市级", "county": "县级"}
STATUS_LABELS = {
    "in_force": "现行有效 in force",
    "trial": "试行 trial",
    "draft": "征求意见稿，未生效 draft, not in force",
    "expired": "已失效 expired",
}
DATE_WORDS = {"not_specified": "未规定 not specified", "unknown": "未知 unknown"}
OUTCOMES = {
    "deemed_consent": "逾期视为同意 · deemed consent when late",
    "overdue_violation": "逾期即违规，不视为同意 · overdue is a violation (no deemed consent)",
    "not_specified": "未规定逾期后果 · no consequence stated",
}
PERIODS = {"year": ("年", "year"), "quarter": ("季度", "quarter"), "month": ("月", "month")}
KIND_LABELS = {"jurisdiction": "地区规则 jurisdiction", "standard": "标准 standard"}
CONFIDENCE_LABELS = {
    "official": "官方 official",
    "high": "高 high",
    "medium-high": "中高 medium-high",
    "medium": "中 medium",
    "medium-low": "中低 medium-low",
    "low": "低 low",
}

#: Modules documented on the API page when they exist (written by later work).
OPTIONAL_API_MODULES = (
    "govshare.features.compare",
    "govshare.features.scenarios",
    "govshare.features.selfcheck",
    "govshare.features.obligations",
    "govshare.features.timeline",
)
_API_MARK = re.compile(r"^<!-- api: optional modules -->$", re.MULTILINE)

_VALUE = TypeAdapter(Value)


# -- the date "in force" ---------------------------------------------------------------------


def docs_as_of(environ: dict[str, str] | None = None, now: dt.datetime | None = None) -> dt.date:
    """The date the generated pages call "in force".

    Args:
        environ: the environment (default ``os.environ``); ``GOVSHARE_DOCS_AS_OF`` pins it.
        now: the current instant (default: now); its date in Asia/Shanghai is used.

    Raises:
        ValueError: ``GOVSHARE_DOCS_AS_OF`` is not an ISO date.
    """
    env = os.environ if environ is None else environ
    pinned = env.get(AS_OF_ENV, "").strip()
    if pinned:
        try:
            return dt.date.fromisoformat(pinned)
        except ValueError:
            raise ValueError(
                f"{AS_OF_ENV}={pinned!r}: expected an ISO date such as 2026-09-30"
            ) from None
    instant = dt.datetime.now(SHANGHAI) if now is None else now.astimezone(SHANGHAI)
    return instant.date()


def _banner(source: str, as_of: dt.date | None) -> str:
    if as_of is None:
        return (
            '!!! info "自动生成 Generated"\n'
            f"    本页在构建文档时由 {source} 生成，不会与数据脱节。 This page is generated "
            f"from {source} when the docs are built.\n"
        )
    return (
        '!!! info "自动生成 Generated"\n'
        f"    本页在构建文档时由 {source} 生成，不会与数据脱节。“现行”指 **{as_of.isoformat()}**"
        "（北京时间）有效的规则。\n"
        f"    This page is generated from {source} when the docs are built; “in force” means "
        f"on {as_of.isoformat()} (Asia/Shanghai). Set `{AS_OF_ENV}=YYYY-MM-DD` to pin the "
        "date.\n"
    )


# -- Markdown helpers ------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|])")


def esc(text: str) -> str:
    """Text shown as written in Markdown (inline; also inside table cells)."""
    one_line = " ".join(str(text).split())
    safe = one_line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", safe)


def code(text: Any) -> str:
    """Inline code for an identifier."""
    return f"`{text}`"


def _levels(levels: Iterable[str]) -> str:
    return "、".join(f"{LEVEL_LABELS.get(lv, lv)} {lv}" for lv in levels) or "—"


def _date(value: dt.date | str) -> str:
    return value.isoformat() if isinstance(value, dt.date) else DATE_WORDS.get(value, value)


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "是 yes" if value else "否 no"
    if isinstance(value, str):
        return code(value) if re.fullmatch(r"[a-z][a-z0-9_]*", value) else esc(value)
    if isinstance(value, list):
        return "、".join(_scalar(v) for v in value) or "—"
    if isinstance(value, dict):
        try:
            return value_summary(_VALUE.validate_python(value))
        except ValidationError:
            inner = "；".join(f"{code(k)}: {_scalar(v)}" for k, v in value.items())
            return f"{{{inner}}}"
    return esc(json.dumps(value, ensure_ascii=False))


# -- rule values, readable -------------------------------------------------------------------


def _anchor(value: Any) -> tuple[str, str]:
    before = getattr(value, "before", None)
    if before:
        return f"，在 {code(before)} 之前", f" before {code(before)}"
    start = getattr(value, "from_", None)
    if start in ("unknown", "ambiguous"):
        return f"，起算点未明确（{code(start)}）", f", start not stated ({code(start)})"
    if start:
        return f"，自 {code(start)} 起算", f" from {code(start)}"
    return "", ""


def value_summary(value: Value) -> str:  # noqa: PLR0911, PLR0912 - one branch per kind
    """One line, Chinese then English, for the typed core of a value (not ``details``)."""
    zh_period, en_period = period_label(value, "zh"), period_label(value, "en")
    if zh_period is not None and en_period is not None:
        zh_at, en_at = _anchor(value)
        if value.kind == "promptly":
            return "及时（无可计算的时限） · promptly (no enforceable deadline)"
        if value.kind == "calendar_days":
            return f"{zh_period}（日历日）{zh_at} · {en_period}{en_at}"
        return f"{zh_period}{zh_at} · {en_period}{en_at}"
    if value.kind == "calendar_month_end":
        if value.recurring == "annual":
            return f"每年{value.month}月底前 · by the end of month {value.month}, every year"
        return f"{value.month}月底前（一次） · by the end of month {value.month}, once"
    if value.kind == "recurring":
        zh_p, en_p = PERIODS[value.period]
        return f"每{zh_p}至少{value.min_times}次 · at least {value.min_times} time(s) a {en_p}"
    if value.kind == "years":
        zh_at, en_at = _anchor(value)
        return f"{value.n}年{zh_at} · {value.n} years{en_at}"
    if value.kind == "outcome":
        text = OUTCOMES[value.on_timeout]
        if value.auto_authorization_by:
            by = code(value.auto_authorization_by)
            text += f"；由 {by} 自动授权 · automatic authorization by {by}"
        return text
    if value.kind == "enum":
        return _scalar(value.value)
    if value.kind == "set":
        return _scalar(value.values)
    if value.kind == "list":
        more = "（等，不限于所列 · open-ended）" if value.open_ended else ""
        return _scalar(value.items) + more
    if value.kind == "steps":
        return f"{len(value.steps)} 个步骤 · {len(value.steps)} step(s)"
    if value.kind == "bool":
        return _scalar(value.value)
    if value.kind == "rule_set":
        return "组合规则（见下列字段） · composite rule (fields below)"
    if value.kind == "text":
        return esc(value.text)
    return code(value.kind)  # pragma: no cover - every kind is handled above


def value_lines(value: Value) -> list[str]:
    """Markdown list lines for a value: its summary, flags, steps and descriptive fields."""
    lines = [f"- **值 Value**（{code(value.kind)}）：{value_summary(value)}"]
    if getattr(value, "immediate_if_possible", False):
        lines.append(
            "    - 能够立即答复的应当立即答复（记录在案，不作为可计算的时限） · immediately "
            "where possible (recorded, not an enforceable deadline)"
        )
    if getattr(value, "refusal_requires_reasons", False):
        lines.append("    - 不同意的应当说明理由 · a refusal must give reasons")
    condition = getattr(value, "condition", None)
    if condition:
        lines.append(f"    - 条件 condition: {_scalar(condition)}")
    if value.kind == "steps":
        for i, step in enumerate(value.steps, 1):
            who = f"{ACTORS_ZH.get(step.actor, '')} {code(step.actor)}："
            fields = step.model_dump(mode="json", by_alias=True, exclude_defaults=True)
            rest = "；".join(f"{code(k)}: {_scalar(v)}" for k, v in fields.items() if k != "actor")
            lines.append(f"    {i}. {who}{rest}")
    if value.details:
        lines.append("- 其他字段 Details:")
        lines += [f"    - {code(key)}: {_scalar(item)}" for key, item in value.details.items()]
    return lines


# -- one page per profile --------------------------------------------------------------------


def _doc_label(doc: Document) -> str:
    return esc(doc.number or doc.title)


def _in_force(doc: Document, as_of: dt.date) -> str:
    if doc.status in ("draft", "expired"):
        return "否 no"
    if isinstance(doc.in_force_from, dt.date) and as_of < doc.in_force_from:
        return "否，尚未施行 no, not yet"
    if isinstance(doc.in_force_until, dt.date) and as_of > doc.in_force_until:
        return "否，已过有效期 no, expired"
    if doc.in_force_from == "unknown":
        return "是（施行日期未知） yes (in-force date unknown)"
    return "是 yes"


def _profile_levels(profile: JurisdictionProfile) -> list[str]:
    used: set[str] = set()
    for doc in profile.model.documents:
        if doc.status != "draft":
            used |= set(doc.levels) | set(doc.adoptable_by)
    return [lv for lv in LEVELS if lv in used]


def _documents(profile: JurisdictionProfile, as_of: dt.date) -> list[str]:
    docs = profile.model.documents
    fields: list[tuple[str, list[str]]] = [
        ("文号 Number", [esc(d.number) if d.number else "无 none" for d in docs]),
        ("标识 Id", [code(d.id) for d in docs]),
        ("发布机关 Issuer", [esc(d.issuer) if d.issuer else "—" for d in docs]),
        ("类型 Type", [code(d.doc_type) for d in docs]),
        ("状态 Status", [STATUS_LABELS[d.status] for d in docs]),
        ("发布 Issued", [_date(d.issued) for d in docs]),
        ("施行 In force from", [_date(d.in_force_from) for d in docs]),
        ("有效至 In force until", [_date(d.in_force_until) for d in docs]),
        (f"{as_of.isoformat()} 是否有效 In force?", [_in_force(d, as_of) for d in docs]),
        ("适用层级 Levels", [_levels(d.levels) for d in docs]),
        ("可参照执行 Adoptable by", [_levels(d.adoptable_by) for d in docs]),
        ("地区 Region", [esc(d.region) for d in docs]),
        ("效力解读 Validity reading", [esc(d.validity_reading or "—") for d in docs]),
    ]
    if any(d.implements for d in docs):
        fields.append(("实施对象 Implements", [esc(d.implements or "—") for d in docs]))
    out = [
        "## 文件 Documents {#documents}",
        "",
        "| 文件 Document | " + " | ".join(f"**{esc(d.title)}**" for d in docs) + " |",
        "|---|" + "---|" * len(docs),
    ]
    out += [f"| {name} | " + " | ".join(values) + " |" for name, values in fields]
    out.append("")
    for d in docs:
        if d.notes:
            out.append(f"- {code(d.id)} 附注 Notes: {esc(d.notes)}")
    out.append("")
    return out


def _precedence(profile: JurisdictionProfile) -> list[str]:
    if not profile.model.precedence:
        return []
    out = ["## 优先适用 Precedence {#precedence}", ""]
    for p in profile.model.precedence:
        a, b = profile.documents[p.doc], profile.documents[p.over]
        since = f"，自 {p.from_.isoformat()} 起 from {p.from_.isoformat()}" if p.from_ else ""
        cite = f"{p.citation.article or ''}{p.citation.clause or ''}"
        out += [
            f"- **{_doc_label(a)}** 优先于 displaces **{_doc_label(b)}**："
            f"{_levels(p.levels)}{since}（{esc(a.number or a.title)} {esc(cite)}）",
            "",
            f"    > {esc(p.citation.quote)}",
            "",
        ]
        if p.notes:
            out += [f"    附注 Notes: {esc(p.notes)}", ""]
    return out


def _in_force_line(profile: JurisdictionProfile, key: str, as_of: dt.date) -> str:
    parts = []
    for level in _profile_levels(profile):
        try:
            r = profile.rule(key, as_of=as_of, level=level)
        except GovshareError:
            where = "无 none"
        else:
            where = esc(r.source.short) + ("（未规定 not specified）" if r.not_specified else "")
        parts.append(f"{LEVEL_LABELS[level]} {level}: {where}")
    return f"*现行 In force ({as_of.isoformat()})*：" + "；".join(parts)


def _entry(profile: JurisdictionProfile, entry: RuleEntry) -> list[str]:
    doc = profile.documents[entry.doc]
    where = f"{entry.cite}" + (f" 第{entry.paragraph}款" if entry.paragraph else "")
    head = f"**{_doc_label(doc)}** {esc(where)}".rstrip()
    out = [f"{head}（{code(doc.id)}）", ""]
    if entry.not_specified:
        out += [f"- **未规定 Not specified**：{esc(entry.notes or '')}"]
    else:
        assert entry.value is not None
        out += value_lines(entry.value)
    if entry.levels:
        out.append(f"- 适用层级 Levels: {_levels(entry.levels)}")
    if entry.notes and not entry.not_specified:
        out.append(f"- 附注 Notes: {esc(entry.notes)}")
    out.append("")
    if entry.quote is not None:
        out += [f"> {esc(entry.quote)}", ""]
    for extra in entry.extra_quotes:
        cite = f"{extra.article or ''}{extra.clause or ''}"
        note = f"（{esc(extra.notes)}）" if extra.notes else ""
        out += [f"> {esc(cite)}：{esc(extra.quote)}{note}", ""]
    return out


def _rules(profile: JurisdictionProfile, as_of: dt.date) -> list[str]:
    if not profile.model.rules:
        return []
    out = ["## 规则 Rules {#rules}", ""]
    section = None
    for key, spec in RULE_KEYS.items():
        entries = profile.model.rules.get(key)
        if entries is None:
            continue
        if spec.section != section:
            section = spec.section
            out += [f"### {section}", ""]
        out += [
            f"#### {spec.zh} · {spec.en} {{#{key}}}",
            "",
            f"{code(key)}",
            "",
            _in_force_line(profile, key, as_of),
            "",
        ]
        for entry in entries:
            out += _entry(profile, entry)
    return out


def _checklist(profile: JurisdictionProfile) -> list[str]:
    items = profile.model.checklist
    if not items:
        return []
    out = [
        "## 自查清单 Checklist {#checklist}",
        "",
        f"共 {len(items)} 项要求；`govshare check` 据此自查。 {len(items)} requirements, for "
        "self-assessment (see [内部管理自查 Self-assessment](../../check.md)).",
        "",
    ]
    chapter = None
    for item in items:
        top = item.clause.split()[0].split(".")[0].split("-")[0]
        if top != chapter:
            chapter = top
            out += [f"### 第 {chapter} 章 Clause {chapter}", ""]
        doc = profile.documents[item.doc]
        limit = "（须自定时限 sets its own time limit）" if item.sets_time_limit else ""
        out += [
            f"#### {esc(item.id)}{limit}",
            "",
            f"{esc(item.requirement)}",
            "",
            f"> {esc(doc.number or doc.title)} {esc(item.clause)}：{esc(item.quote)}",
            "",
        ]
        if item.notes:
            out += [f"附注 Notes: {esc(item.notes)}", ""]
    return out


def _readings(profile: JurisdictionProfile) -> list[str]:
    if not profile.model.readings:
        return []
    out = [
        "## 解读 Readings {#readings}",
        "",
        "文本未明确之处，以及本规则文件采用的解读。 Open questions in the texts, and the reading "
        "the profile encodes.",
        "",
    ]
    for i, reading in enumerate(profile.model.readings, 1):
        question = reading.get("question", "")
        chosen = reading.get("reading", "")
        out += [f"{i}. **问题 Question**：{esc(question)}", ""]
        out += [f"    **采用的解读 Reading**：{esc(chosen)}", ""]
        for k, v in reading.items():
            if k not in ("question", "reading"):
                out += [f"    {code(k)}: {esc(v)}", ""]
    return out


def _processes_list(profile: JurisdictionProfile) -> list[str]:
    procs = profile.model.processes
    if not procs:
        return []
    out = [
        "## 流程 Processes {#processes}",
        "",
        f"流程图见 [{esc(profile.model.name.zh)}流程图 Diagrams](../diagrams/{profile.id}.md)。",
        "",
    ]
    for pid, proc in procs.items():
        out.append(
            f"- [{esc(proc.label.zh)} · {esc(proc.label.en)}](../diagrams/{profile.id}.md#{pid}) "
            f"{code(pid)}"
        )
    out.append("")
    return out


def profile_page(profile: JurisdictionProfile, as_of: dt.date) -> str:
    """The reference page of one profile, Chinese first with English labels.

    Args:
        profile: a loaded profile.
        as_of: the date that decides which rule is "in force" (printed on the page).

    Returns:
        Markdown: documents, precedence, every rule key with each document's entry (value,
        citation, verbatim quote, notes, levels; ``not_specified`` marked), the checklist of
        a standard, and the readings.
    """
    m = profile.model
    out = [f"# {esc(m.name.zh)} · {esc(m.name.en)}", "", _banner(code(profile.file), as_of)]
    if any(d.status == "draft" for d in m.documents):
        out += [
            '!!! warning "征求意见稿，未生效 Draft for comment, not in force"',
            "    本规则文件所依据的文件为征求意见稿（草案），尚未发布施行，其要求不具约束力，"
            "仅供自查参考。 The document is a draft for comment (征求意见稿): not published, "
            "not in force, not binding; use it for self-assessment only.",
            "",
        ]
    region = m.calendar.region
    out += [
        f"- 标识 Id: {code(profile.id)}；类型 Kind: {KIND_LABELS[m.kind]}",
        f"- 工作日历 Calendar: {code(region) if region else '全国 national'}"
        + ("（含地方节假日 with a regional overlay）" if region else ""),
        f"- 规则 Rule keys: {len(m.rules)}；流程 Processes: {len(m.processes)}；"
        f"自查项 Checklist items: {len(m.checklist)}",
        "",
    ]
    out += _documents(profile, as_of)
    out += _precedence(profile)
    out += _rules(profile, as_of)
    out += _checklist(profile)
    out += _readings(profile)
    out += _processes_list(profile)
    return "\n".join(out).rstrip() + "\n"


def profiles_index(profiles: list[JurisdictionProfile], as_of: dt.date) -> str:
    """The index of the profile reference pages."""
    out = [
        "# 规则参考 Profile reference",
        "",
        _banner("内置规则文件 the bundled profiles", as_of),
        "每个地区一份规则文件：每条规则的取值、条款和原文。 One page per profile: every rule, "
        "its value, article and verbatim quote; the documents with their status and validity.",
        "",
        "| 规则文件 Profile | 类型 Kind | 文件 Documents | 规则 Rule keys | 流程 Processes |",
        "|---|---|---|---|---|",
    ]
    for p in profiles:
        docs = "<br>".join(
            f"{_doc_label(d)}（{STATUS_LABELS[d.status]}）" for d in p.model.documents
        )
        out.append(
            f"| [{esc(p.model.name.zh)} {esc(p.model.name.en)}]({p.id}.md) "
            f"| {KIND_LABELS[p.model.kind]} | {docs} | {len(p.model.rules)} "
            f"| {len(p.model.processes)} |"
        )
    return "\n".join(out) + "\n"


# -- diagrams ------------------------------------------------------------------------------


def diagram_variants(
    profile: JurisdictionProfile, process: str, as_of: dt.date
) -> list[tuple[list[str], str]]:
    """The distinct diagrams of a process: each with the situations (labels) it shows.

    One per level of the profile, and per document a level may adopt; identical diagrams
    (apart from the comment naming the level) are shown once with all their labels. A level
    that no document binds unless adopted (参照执行) is shown only as adopting.
    """
    variants: list[tuple[list[str], str]] = []
    seen: dict[str, int] = {}
    binding = [d for d in profile.model.documents if d.status != "draft"]
    for level in _profile_levels(profile):
        options: list[tuple[str, tuple[str, ...]]] = []
        if any(level in d.levels for d in binding):
            options.append((f"{LEVEL_LABELS[level]} {level}", ()))
        for d in binding:
            if level in d.adoptable_by:
                options.append(
                    (
                        f"{LEVEL_LABELS[level]}，参照执行 {d.number or d.title} · {level}, "
                        f"adopting {d.id}",
                        (d.id,),
                    )
                )
        for label, adopted in options:
            text = mermaid(profile, process, as_of=as_of, level=level, adopted=adopted, lang="zh")
            lines = text.splitlines()
            body = "\n".join(lines[:1] + lines[2:])  # line 2: the comment naming the level
            if body in seen:
                variants[seen[body]][0].append(label)
            else:
                seen[body] = len(variants)
                variants.append(([label], text))
    return variants


def diagrams_page(profile: JurisdictionProfile, as_of: dt.date) -> str:
    """Mermaid diagrams of every process of a profile, labelled by level where they differ."""
    m = profile.model
    out = [
        f"# {esc(m.name.zh)}流程图 · {esc(m.name.en)}: process diagrams",
        "",
        _banner(code(profile.file), as_of),
        "每条边标出事件、到期的时限和依据条款；依现行规则不能发生的转移不画出。Edges carry the "
        "event, the period that runs out on them and the article in force; transitions the "
        "rules in force do not allow are left out. 规则详情见 "
        f"[{esc(m.name.zh)} rules]({'../profiles/' + profile.id + '.md'})。",
        "",
    ]
    if not m.processes:
        out += ["本规则文件没有流程。 This profile defines no processes.", ""]
    for pid, proc in m.processes.items():
        out += [f"## {esc(proc.label.zh)} · {esc(proc.label.en)} {{#{pid}}}", "", code(pid), ""]
        if proc.notes:
            out += [f"附注 Notes: {esc(proc.notes)}", ""]
        variants = diagram_variants(profile, pid, as_of)
        for labels, text in variants:
            if len(variants) > 1:
                out += [f"### {'；'.join(esc(lb) for lb in labels)}", ""]
            else:
                out += [f"适用 Applies to: {'；'.join(esc(lb) for lb in labels)}", ""]
            out += ["```mermaid", text.rstrip("\n"), "```", ""]
    return "\n".join(out).rstrip() + "\n"


def diagrams_index(profiles: list[JurisdictionProfile], as_of: dt.date) -> str:
    """The index of the diagram pages."""
    out = [
        "# 流程图 Process diagrams",
        "",
        _banner("内置规则文件 the bundled profiles", as_of),
        "| 规则文件 Profile | 流程 Processes |",
        "|---|---|",
    ]
    for p in profiles:
        links = "<br>".join(
            f"[{esc(proc.label.zh)}]({p.id}.md#{pid})" for pid, proc in p.model.processes.items()
        )
        out.append(f"| [{esc(p.model.name.zh)} {esc(p.model.name.en)}]({p.id}.md) | {links} |")
    return "\n".join(out) + "\n"


# -- comparison matrix -----------------------------------------------------------------------

MATRIX_LEVELS = ("provincial", "prefectural")


def _demote(markdown: str, by: int) -> str:
    out, fenced = [], False
    for line in markdown.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        heading = not fenced and re.match(r"#{1,5} ", line) is not None
        out.append("#" * by + line if heading else line)
    return "\n".join(out)


def matrix_page(profiles: list[JurisdictionProfile], as_of: dt.date) -> str:
    """The comparison matrix of the jurisdictions, one per level.

    Uses ``govshare.features.compare.compare_rules``.
    """
    out = [
        "# 规则比较矩阵 Comparison matrix",
        "",
        _banner("内置地区规则文件 the bundled jurisdiction profiles", as_of),
        "每行一条规则，每列一个地区；单元格为现行取值及其出处，≠ 表示各地不同。 One row per "
        "rule key, one column per jurisdiction; each cell is the value in force with a short "
        "citation; ≠ marks rows that differ. See [比较与假设分析 Compare](../compare.md).",
        "",
    ]
    from govshare.features.compare import compare_rules  # noqa: PLC0415
    from govshare.render.registry import render  # noqa: PLC0415

    jurisdictions = [p for p in profiles if p.model.kind == "jurisdiction"]
    for level in MATRIX_LEVELS:
        here = [p for p in jurisdictions if level in _profile_levels(p)]
        out += [f"## {LEVEL_LABELS[level]} {level.capitalize()} level {{#{level}}}", ""]
        left = [p for p in jurisdictions if p not in here]
        if left:
            names = "、".join(f"{esc(p.model.name.zh)}（{code(p.id)}）" for p in left)
            out += [
                f"{names} 没有适用于{LEVEL_LABELS[level]}的文件，不列入本表。 No document of "
                f"{', '.join(code(p.id) for p in left)} applies at {level} level; not shown.",
                "",
            ]
        if not here:
            continue
        matrix = compare_rules([p.id for p in here], as_of=as_of, level=level)
        out += [_demote(str(render(matrix, "md", lang="zh")), 1), ""]
    return "\n".join(out).rstrip() + "\n"


# -- command line ----------------------------------------------------------------------------


def _fixed_width(parser: argparse.ArgumentParser) -> None:
    def formatter(prog: str) -> argparse.HelpFormatter:
        return argparse.HelpFormatter(prog, width=80, max_help_position=28)

    parser.formatter_class = formatter
    if hasattr(parser, "color"):  # Python 3.14: no ANSI colours in the page
        parser.color = False


def _subcommands(
    parser: argparse.ArgumentParser,
) -> Iterator[tuple[str, str | None, argparse.ArgumentParser]]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {a.dest: a.help for a in action._choices_actions}
            for name, sub in action.choices.items():
                yield name, helps.get(name), sub


def _walk(
    parser: argparse.ArgumentParser, path: list[str]
) -> Iterator[tuple[list[str], str | None, argparse.ArgumentParser]]:
    for name, help_text, sub in _subcommands(parser):
        yield [*path, name], help_text, sub
        yield from _walk(sub, [*path, name])


def cli_commands(parser: argparse.ArgumentParser | None = None) -> list[list[str]]:
    """Every sub-command path of the ``govshare`` parser, e.g. ``["workday", "add"]``."""
    return [path for path, _, _ in _walk(parser or build_parser(), [])]


def cli_page(parser: argparse.ArgumentParser | None = None) -> str:
    """The CLI reference: every sub-command's help, recursively, from the parser itself."""
    root = parser or build_parser()
    _fixed_width(root)
    commands = list(_walk(root, []))
    out = [
        "# 命令行 Command line",
        "",
        _banner("`govshare.cli.build_parser()`", None),
        "Every command takes `--help`. Exit status: 0 on success, 1 when the library refuses "
        "the input (a bad date, a file that does not validate, a date outside the calendar's "
        "data), 2 for a malformed command line; a command that reports a failed check says in "
        "its help how its status reflects it (`workday is --exit-code` exits 3 on a rest day). "
        "Errors are one line on stderr naming what is wrong and where.",
        "",
        "| 命令 Command | 用途 What it does |",
        "|---|---|",
    ]
    for path, help_text, _ in commands:
        anchor = "-".join(path)
        out.append(f"| [`govshare {' '.join(path)}`](#{anchor}) | {esc(help_text or '')} |")
    out += ["", "## govshare", "", "```text", root.format_help().rstrip(), "```", ""]
    for path, help_text, sub in commands:
        _fixed_width(sub)
        depth = min(len(path) + 1, 4)
        out += [f"{'#' * depth} govshare {' '.join(path)} {{#{'-'.join(path)}}}", ""]
        if help_text:
            out += [esc(help_text), ""]
        out += ["```text", sub.format_help().rstrip(), "```", ""]
    return "\n".join(out).rstrip() + "\n"


# -- calendar data ---------------------------------------------------------------------------


def calendar_page() -> str:
    """The bundled calendar data: years, notices, and the regional overlays' entries."""
    arrangements = bundled_arrangements()
    years = sorted({a.year for a in arrangements})
    out = [
        "# 日历数据 Calendar data",
        "",
        _banner("`govshare/calendar/data/`", None),
        f"全国工作日历覆盖 **{years[0]}–{years[-1]}** 年。 The national calendar covers "
        f"**{years[0]}-{years[-1]}**; how the data were checked is on the "
        "[工作日历 Calendar](../calendar.md) page.",
        "",
        "## 全国 National: 国务院办公厅节假日安排 {#national}",
        "",
        "| 年 Year | 通知 Notice | 放假天数 Days off (holiday periods) | "
        "调休上班日 Make-up working days |",
        "|---|---|---|---|",
    ]
    for a in arrangements:
        notices = "<br>".join(
            f"[{esc(n.number or '无文号 no number')}]({n.url}) {esc(n.title)}" for n in a.notices
        )
        rest = sum(len(e.dates()) for e in a.rest_days)
        makeup = "、".join(
            d.strftime("%m-%d") if d.year == a.year else d.isoformat()
            for e in a.makeup_working_days
            for d in e.dates()
        )
        year = f"{a.year}（更正 amends）" if a.amends else str(a.year)
        note = f"<br>*{esc(a.note)}*" if a.note else ""
        out.append(f"| {year} | {notices}{note} | {rest} | {makeup or '—'} |")
    out.append("")
    for region, overlay in sorted(bundled_overlays().items()):
        out += [
            f"## 地方 Regional: {esc(overlay.name)} ({code(region)}) {{#{region}}}",
            "",
            esc(overlay.description or ""),
            "",
            "置信度低于“高”的条目，依赖它的结果都带有警告。 Results that depend on an entry "
            "below `high` carry a warning naming it.",
            "",
            "| 日期 Dates | 状态 Status | 置信度 Confidence | 来源 Source | 说明 Note |",
            "|---|---|---|---|---|",
        ]
        for e in overlay.entries:
            days = e.dates()
            span = days[0].isoformat() + (f" – {days[-1].isoformat()}" if len(days) > 1 else "")
            status = "休息 rest" if e.status == "rest" else "上班 working"
            out.append(
                f"| {span} | {status} | {CONFIDENCE_LABELS[e.confidence.value]} | "
                f"{esc(e.source)} | {esc(e.note or '')} |"
            )
        out.append("")
    return "\n".join(out).rstrip() + "\n"


# -- all pages -------------------------------------------------------------------------------


def load_all() -> list[JurisdictionProfile]:
    """Every profile found (bundled and registered), in name order."""
    return [load_profile(name) for name in list_profiles()]


def generate(as_of: dt.date) -> dict[str, str]:
    """Every generated page, by its path under ``docs/``."""
    profiles = load_all()
    pages = {
        "reference/profiles/index.md": profiles_index(profiles, as_of),
        "reference/diagrams/index.md": diagrams_index(
            [p for p in profiles if p.model.processes], as_of
        ),
        "reference/matrix.md": matrix_page(profiles, as_of),
        "reference/cli.md": cli_page(),
        "reference/calendar-data.md": calendar_page(),
    }
    for p in profiles:
        pages[f"reference/profiles/{p.id}.md"] = profile_page(p, as_of)
        if p.model.processes:
            pages[f"reference/diagrams/{p.id}.md"] = diagrams_page(p, as_of)
    return pages


def nav_label(profile: JurisdictionProfile) -> str:
    """A profile's entry in the navigation: its names, or its Chinese name when long."""
    zh, en = profile.model.name.zh, profile.model.name.en
    return f"{zh} {en}" if len(zh) + len(en) <= 30 else zh


def _extend_nav(nav: Any, index: str, entries: list[dict[str, str]]) -> bool:
    """Append ``entries`` to the nav list that holds ``index``; True when found."""
    if isinstance(nav, list):
        if any(
            item == index or (isinstance(item, dict) and index in item.values()) for item in nav
        ):
            nav.extend(entries)
            return True
        return any(_extend_nav(item, index, entries) for item in nav)
    if isinstance(nav, dict):
        return any(_extend_nav(v, index, entries) for v in nav.values())
    return False


def optional_api_modules() -> list[str]:
    """The optional modules of the API page that exist in this installation."""
    return [m for m in OPTIONAL_API_MODULES if importlib.util.find_spec(m) is not None]


def expand_api(markdown: str) -> str:
    """Replace the API page's marker with a ``:::`` block for each optional module present."""
    blocks = "\n\n".join(f"## `{m}`\n\n::: {m}" for m in optional_api_modules())
    return _API_MARK.sub(lambda _: blocks, markdown)


# -- the hooks (mkdocs >= 1.6) ---------------------------------------------------------------

_state: dict[str, Any] = {}


def on_config(config: Any) -> Any:
    """Fix the date, generate the pages, and list one nav entry per profile."""
    from mkdocs.exceptions import PluginError  # noqa: PLC0415 - only inside mkdocs

    try:
        as_of = docs_as_of()
    except ValueError as exc:
        raise PluginError(str(exc)) from None
    pages = generate(as_of)
    _state["pages"] = pages
    profiles = load_all()
    nav = config.get("nav")
    if nav is not None:
        _extend_nav(
            nav,
            "reference/profiles/index.md",
            [{nav_label(p): f"reference/profiles/{p.id}.md"} for p in profiles],
        )
        _extend_nav(
            nav,
            "reference/diagrams/index.md",
            [
                {nav_label(p): f"reference/diagrams/{p.id}.md"}
                for p in profiles
                if p.model.processes
            ],
        )
    return config


def on_files(files: Any, config: Any) -> Any:
    """Add the generated pages to the build (virtual files, nothing written to docs/)."""
    from mkdocs.structure.files import File  # noqa: PLC0415 - only inside mkdocs

    for path, content in _state["pages"].items():
        files.append(File.generated(config, path, content=content))
    return files


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """Expand the API page's list of optional modules."""
    del config, files
    if page.file.src_uri == "api.md":
        return expand_api(markdown)
    return markdown
