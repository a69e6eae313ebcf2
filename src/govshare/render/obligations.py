"""Obligation calendars in words: the text listing and the iCalendar export (RFC 5545).

:mod:`govshare.features.obligations` computes an
:class:`~govshare.features.obligations.ObligationCalendar`; this module registers its
``text`` and ``ics`` formats. The ``icalendar`` library is imported inside the functions
that need it (every module here is imported when the registry is first used).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from govshare._kernel.messages import Notice, say
from govshare._kernel.vocabulary import label
from govshare.errors import InputError
from govshare.features.obligations import Obligation, ObligationCalendar
from govshare.render.json import json_type
from govshare.render.registry import RenderOptions, renderer
from govshare.render.text import terminal_safe

__all__ = ["calendar_text", "summary", "to_ics"]

_PRODID = "-//govshare//obligations//ZH"


def _w(zh: str, en: str, lang: str) -> str:
    return zh if lang == "zh" else en


def summary(item: Obligation, lang: str = "zh") -> str:
    """A one-line title, e.g. ``部门年度报告（1月底前）`` or ``待办：… （provider）``."""
    zh = lang == "zh"
    name = item.label.pick(lang)
    if item.kind == "recurring":
        period = item.period.pick(lang)
        return f"{name}（{period}）" if zh else f"{name} ({period})"
    who = item.actor or ""
    if item.party:
        who += f"（{item.party}）" if zh else f" ({item.party})"
    head = _w("已逾期：", "OVERDUE: ", lang) if item.overdue else _w("待办：", "open: ", lang)
    return f"{head}{name}（{who}）" if zh else f"{head}{name} ({who})"


def calendar_text(cal: ObligationCalendar, lang: str = "zh") -> str:
    """The calendar as the command line lists it: a line per item, its source and facts."""
    zh = lang == "zh"
    level = label("level", cal.level, lang)
    name = cal.name.pick(lang)
    out = [
        f"{cal.profile} {name} {cal.year}年 义务（{level}）"
        if zh
        else f"{cal.profile} {name}: obligations for {cal.year} ({level} level)"
    ]
    source = label("word", "source", lang)
    for item in cal.items:
        when = item.due.isoformat() if item.due else _w("无固定日期", "no date  ", lang)
        out.append(f"{when}  {summary(item, lang)}")
        out.append(f"    {source}: {item.source.short}「{item.source.quote}」")
        facts = []
        if item.actor:
            who = ", ".join(label("actor", a, lang) for a in item.actor.split(", "))
            who += f" ({item.party})" if item.party else ""
            facts.append(f"{_w('义务人', 'actor', lang)}: {who}")
        if item.covers is not None:
            facts.append(f"{_w('所涉年度', 'covers', lang)}: {item.covers}")
        if item.kind == "open_duty":
            facts.append(f"{label('word', 'period', lang)}: {item.period.pick(lang)}")
        if facts:
            out.append("    " + "; ".join(facts))
        for d in item.displaced:
            out.append(f"    {label('word', 'displaced', lang)}: {d.short}")
    if cal.skipped:
        out.append(_w("未列入:", "not on the calendar:", lang))
        out.extend(f"  {s.key}: {say(s.notice or s.reason, lang)}" for s in cal.skipped)
    return terminal_safe("\n".join(out))


@renderer(ObligationCalendar, "text")
def _text(cal: ObligationCalendar, options: RenderOptions) -> str:
    return calendar_text(cal, options.lang)


def _description(item: Obligation, lang: str) -> str:
    other = "en" if lang == "zh" else "zh"
    src = item.source
    lines = [summary(item, other), ""]
    lines.append(f"依据 Source: {src.short}")
    if src.quote:
        lines.append(f"「{src.quote}」")
    lines.append(f"{src.title}" + (f"（{src.number}）" if src.number else ""))
    due = "期限 Due" if item.kind == "recurring" else "期限 Period"
    lines.append(f"{due}: {item.period.zh} / {item.period.en}")
    if item.end_instant is not None:
        lines.append(f"截止 Ends: {item.end_instant.isoformat()}")
    if item.actor:
        lines.append(f"义务人 Actor: {item.actor}" + (f" ({item.party})" if item.party else ""))
    if item.recipient:
        lines.append(f"报送 To: {item.recipient}")
    if item.covers is not None:
        lines.append(f"所涉年度 Covers: {item.covers}")
    if item.started is not None:
        lines.append(f"起算 Started: {item.started.isoformat()}")
    if item.overdue:
        lines.append("已逾期 OVERDUE")
    for d in item.displaced:
        lines.append(f"被取代 Displaced: {d.short}")
    if item.notes:
        lines.append(f"说明 Notes: {item.notes}")
    for w in item.warnings:
        both = f"{w.zh} / {w.en}" if isinstance(w, Notice) else w
        lines.append(f"注意 Warning: {both}")
    what = f"process {item.process}, " if item.process else ""
    lines.append(f"govshare: {item.profile}, {item.level} level, {what}{item.key}")
    return "\n".join(lines)


def to_ics(
    items: Iterable[Obligation],
    *,
    lang: str = "zh",
    name: str | None = None,
    stamp: dt.datetime | None = None,
) -> bytes:
    """The dated items as an iCalendar file: one all-day event per duty, citing its rule.

    Each event has a stable UID (:attr:`Obligation.uid`), so importing a newer file updates
    the events instead of duplicating them; DTSTART is the due day (``VALUE=DATE``) and
    DTEND the next day, matching the end instant 00:00 Asia/Shanghai of the next day. The
    summary is in ``lang``, the description in the other language followed by the citation
    (document number, article, exact quote). Undated items are left out: the calendar's
    description (``X-WR-CALDESC``) names them with their citations instead. Line breaks in
    any text (a name, a quote) are escaped as RFC 5545 says.

    Args:
        items: the obligations (e.g. from :func:`govshare.features.obligations.obligations`).
        lang: ``zh`` or ``en``: the language of the summaries.
        name: the calendar's display name (``X-WR-CALNAME``).
        stamp: the DTSTAMP of every event (default: now, UTC); give one for
            byte-identical output.

    Returns:
        The calendar, RFC 5545 text encoded as UTF-8.

    Raises:
        InputError: an unknown ``lang`` or a naive ``stamp``.
    """
    import icalendar  # noqa: PLC0415 - a heavy import, only when exporting

    if lang not in ("zh", "en"):
        raise InputError("lang", lang, "zh or en")
    if stamp is None:
        stamp = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    elif stamp.utcoffset() is None:
        raise InputError("stamp", stamp, "an aware datetime (with a UTC offset)")
    stamp = stamp.astimezone(dt.timezone.utc)
    cal = icalendar.Calendar()
    cal.add("prodid", _PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-timezone", "Asia/Shanghai")
    if name:
        # X- properties are not known to be text: say so, or a line break is not escaped
        cal.add("x-wr-calname", icalendar.vText(name))
    undated: list[str] = []
    for item in items:
        if item.due is None:
            undated.append(f"{summary(item, lang)}: {item.source.short}「{item.source.quote}」")
            continue
        ev = icalendar.Event()
        ev.add("uid", item.uid)
        ev.add("dtstamp", stamp)
        ev.add("dtstart", item.due)
        ev.add("dtend", item.due + dt.timedelta(days=1))
        ev.add("summary", summary(item, lang))
        ev.add("description", _description(item, lang))
        ev.add("transp", "TRANSPARENT")
        ev.add("categories", ["govshare", item.kind])
        cal.add_component(ev)
    if undated:
        head = _w("无固定日期（未作为日程导出）：", "No date set (not exported as events): ", lang)
        cal.add("x-wr-caldesc", icalendar.vText(head + "; ".join(undated)))
    return bytes(cal.to_ical())


@renderer(ObligationCalendar, "ics")
def _ics(cal: ObligationCalendar, options: RenderOptions) -> bytes:
    """Options: ``name`` (default: the profile's name, year and level), ``stamp``."""
    extra: dict[str, Any] = options.extra
    name = extra.get("name") or f"{cal.name.pick(options.lang)} {cal.year} ({cal.level})"
    return to_ics(cal.items, lang=options.lang, name=name, stamp=extra.get("stamp"))


# -- JSON: the one registered shape of each result type ---------------------------------

json_type("obligations", 1)(ObligationCalendar)
