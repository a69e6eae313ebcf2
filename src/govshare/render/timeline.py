"""Timeline pictures (SVG, PNG) and the timeline's summary text.

Draws a :class:`govshare.features.timeline.Timeline`: one lane per profile on a shared date
axis, every day coloured by its kind on the lane's calendar, and each duty with its start,
the working days counted and its due day. Registered as the ``svg``, ``png`` and ``text``
formats of a timeline (and ``json``, the ``govshare-timeline/1`` document), so callers use
``govshare.render.registry.render(tl, "svg")``.

matplotlib is the optional extra ``govshare[timeline]``; it is imported when a picture is
drawn, so a base install gets :class:`~govshare.errors.MissingDependencyError` naming the
extra. An SVG always gives the same bytes for the same timeline; a PNG without a CJK font
is drawn with English labels and a :class:`TimelineFontWarning`.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from govshare._kernel.dates import to_datetime
from govshare._kernel.optional import require
from govshare._kernel.vocabulary import label as vocab_label
from govshare._kernel.vocabulary import term
from govshare.errors import InputError
from govshare.features.timeline import Lane, Timeline, TimelineMark
from govshare.profiles import Source
from govshare.render.json import json_type
from govshare.render.registry import RenderOptions, renderer
from govshare.render.text import width_of, xml_safe

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = [
    "CJK_FONTS",
    "TimelineFontWarning",
    "describe_due",
    "describe_duty",
    "find_cjk_font",
    "picture",
]

json_type("timeline", 1)(Timeline)

#: CJK fonts looked for (in this order) to draw Chinese text in a PNG; an SVG names them
#: all and lets the browser pick one it has.
CJK_FONTS = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Noto Sans SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Microsoft YaHei",
    "SimHei",
    "Heiti SC",
    "Sarasa Gothic SC",
)


class TimelineFontWarning(UserWarning):
    """A PNG was drawn without Chinese text because no CJK font is installed."""


# -- words ------------------------------------------------------------------------------

_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}


def _cn_int(text: str) -> int | None:
    """1 to 99 written in Chinese numerals (五, 十四, 二十六), else None."""
    if not text or any(c not in _CN_DIGITS and c != "十" for c in text):
        return None
    if "十" not in text:
        return _CN_DIGITS[text] if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1:
        return None
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)


def _has_cjk(text: str) -> bool:
    return width_of(text) > len(text)


def _cite(src: Source, lang: str) -> str:
    """Article and clause: ``第十四条(二)``; in English ``Art. 14(2)``, ``§5(3)2``."""
    art, clause = src.article or "", src.clause or ""
    if lang == "zh":
        return f"{art}{clause}"
    m = re.fullmatch(r"第(.+)条", art)
    if m and _cn_int(m.group(1)) is not None:
        art = f"Art. {_cn_int(m.group(1))}"
    elif _cn_int(art) is not None:
        art = f"§{_cn_int(art)}"

    def num(m: re.Match[str]) -> str:
        n = _cn_int(m.group(1))
        return m.group(0) if n is None else f"({n})"

    clause = re.sub(r"[(（]([^)）]+)[)）]", num, clause)
    out = f"{art}{clause}"
    return "" if _has_cjk(out) else out


def _doc(src: Source, lang: str) -> str:
    return (src.number or src.title) if lang == "zh" else src.doc


_KINDS: dict[str, tuple[str, tuple[Any, str]]] = {  # colour, vocabulary term
    "working_day": ("#ffffff", ("day_kind", "working_day")),
    "weekend": ("#dde2e8", ("word", "weekend")),
    "statutory_holiday": ("#f5b7b1", ("day_kind", "statutory_holiday")),
    "makeup_working_day": ("#ffd666", ("word", "makeup_day")),
    "regional_rest_day": ("#d2bdf0", ("day_kind", "regional_rest_day")),
    "regional_working_day": ("#ffe9a8", ("day_kind", "regional_working_day")),
}
_LEGEND_KINDS = (
    "working_day",
    "weekend",
    "statutory_holiday",
    "makeup_working_day",
    "regional_rest_day",
)
_COLOURS = {
    None: "#1b2a41",
    "open": "#2f6db5",
    "done": "#2e7d32",
    "late": "#d9822b",
    "overdue": "#c0392b",
    "deemed_consent": "#0e8a6d",
    "no_limit": "#7f8c8d",
}
_BAR = "#2f6db5"
_GRID = "#b8bec6"
_INK = "#1b2a41"
_GREY = "#5f6b7a"


def _md(d: dt.date | dt.datetime) -> str:
    return f"{d.month:02d}-{d.day:02d}"


def _hm(t: dt.datetime) -> str:
    return f"{t.hour:02d}:{t.minute:02d}"


def _actor(mark: TimelineMark, lang: str) -> str:
    who = vocab_label("actor", mark.actor, lang) if mark.actor else ""
    if mark.layer_name is not None:  # an upper layer's duty (the national regulation)
        who = (
            f"{mark.layer_name.pick(lang)}·{who}"
            if lang == "zh"
            else f"{mark.layer_name.en}: {who}"
        )
    if mark.party:
        who += f"（{mark.party}）" if lang == "zh" else f" ({mark.party})"
    return who


def _period(mark: TimelineMark, lang: str) -> str:
    return mark.period_label.pick(lang) if mark.period_label else ""


def describe_due(mark: TimelineMark, lang: str = "zh") -> str:
    """The due label of a mark: ``10-13 截止 第十四条(二) · 10-14 00:00 逾期视为同意``."""
    zh = lang == "zh"
    cite = _cite(mark.source, lang)
    if mark.due is None:
        words = vocab_label("duty_outcome", "no_limit", lang)
        return " ".join(p for p in (_period(mark, lang), words, cite) if p)
    head = f"{_md(mark.due)} 截止 {cite}" if zh else f"due {_md(mark.due)}, {cite}".rstrip(", ")
    out = mark.outcome
    if out is None:
        return head
    words = vocab_label("duty_outcome", out, lang)
    if out == "deemed_consent" and mark.fired_at is not None:
        t = mark.fired_at
        tail = f"{_md(t)} {_hm(t)} {words}" if zh else f"{words} at {_md(t)} {_hm(t)}"
    elif out == "overdue" and mark.late_working_days is not None:
        n = mark.late_working_days
        by = vocab_label("word", "overdue_by", lang)
        tail = f"{by} {n} 个工作日" if zh else f"{by} {n} working day{'s' * (n != 1)}"
    elif out == "late" and mark.ended is not None:
        tail = f"{_md(mark.ended)} {words}" if zh else f"{words} on {_md(mark.ended)}"
        if mark.late_working_days is not None:
            k = mark.late_working_days
            tail += f"（晚 {k} 个工作日）" if zh else f" ({k} working days late)"
    elif out == "done" and mark.ended is not None:
        tail = f"{_md(mark.ended)} {words}" if zh else f"{words} on {_md(mark.ended)}"
    else:
        tail = words
    return f"{head} · {tail}"


def describe_duty(mark: TimelineMark, lang: str = "zh", *, doc: bool = True) -> str:
    """Who must act, the period and (``doc``) the document.

    E.g. ``提供部门 · 5个工作日 · 鄂政务办发〔2021〕1号``.
    """
    parts = [_actor(mark, lang), _period(mark, lang), _doc(mark.source, lang) if doc else ""]
    return " · ".join(p for p in parts if p)


def _holiday(name: str | None, lang: str) -> str | None:
    found = term("word", f"holiday.{name}") if name else None
    return found.pick(lang) if found else name


def _lane_lines(lane: Lane, lang: str) -> list[str]:
    zh = lang == "zh"
    second = f"{vocab_label('level', lane.level, lang)} · {lane.profile}"
    if lane.region_name is not None:
        region = lane.region_name.pick(lang)
        second += f" · {region}日历" if zh else f" · {region} calendar"
    lines = [lane.name.pick(lang), second]
    if lane.state_label is not None:
        state = lane.state_label.pick(lang)
        lines.append(f"状态：{state}" if zh else f"state: {state}")
    return lines


def _title(tl: Timeline, lang: str) -> str:
    """The caller's title, or the process or rule with its dates."""
    if tl.title:
        return tl.title
    name, d0 = tl.label.pick(lang), tl.begins.isoformat()
    if lang != "zh":
        name = f"{name[:1].upper()}{name[1:]}"
    if tl.mode == "rule":
        return f"{name}：{d0} 起算" if lang == "zh" else f"{name}: from {d0}"
    d1 = tl.as_of.date().isoformat() if tl.as_of else ""
    return f"{name}：{d0} 起，截至 {d1}" if lang == "zh" else f"{name}: from {d0}, as of {d1}"


def _subtitle(tl: Timeline, lang: str) -> str:
    """What was computed: the rule and the date of the texts, or the log replayed."""
    if tl.mode == "rule":
        day = tl.rules_as_of.isoformat() if tl.rules_as_of else ""
        if lang == "zh":
            return f"规则 {tl.key}，按各地在 {day} 有效的文本计算"
        return f"rule {tl.key}, each jurisdiction's text in force on {day}"
    d1 = tl.as_of.date().isoformat() if tl.as_of else ""
    n = tl.events or 0
    if lang == "zh":
        return f"事件记录 {tl.log}（{n} 个事件）按各地规则回放，截至 {d1}"
    return (
        f"event log {tl.log} ({n} event{'s' if n != 1 else ''}) replayed under each "
        f"jurisdiction's rules, as of {d1}"
    )


# -- drawing ----------------------------------------------------------------------------


def find_cjk_font() -> str | None:
    """The first of :data:`CJK_FONTS` matplotlib can use, or None.

    Raises:
        MissingDependencyError: matplotlib is not installed.
    """
    _matplotlib()
    from matplotlib import font_manager  # noqa: PLC0415 - optional dependency

    installed = {f.name for f in font_manager.fontManager.ttflist}
    return next((name for name in CJK_FONTS if name in installed), None)


def _matplotlib() -> Any:
    return require("matplotlib", "timeline", purpose="govshare timeline")


def _width(text: str, size: float, *, bold: bool = False) -> float:
    """Estimated width in points: wide (CJK) characters, two columns in :func:`width_of`,
    1 em; others 0.62 em (bold 0.7)."""
    wide = width_of(text) - len(text)
    return size * (wide + (0.7 if bold else 0.62) * (len(text) - wide))


@dataclass
class _Text:
    x: float
    y: float
    text: str
    size: float
    color: str = _INK
    ha: str = "left"
    bold: bool = False
    style: str = "normal"

    @property
    def right(self) -> float:
        w = _width(self.text, self.size, bold=self.bold)
        return self.x + (w if self.ha == "left" else w / 2 if self.ha == "center" else 0)


_ASIDE = re.compile(r"\s*[(（][^()（）]*[)）]")


class _Canvas:
    """Shapes and texts in points (y down), drawn onto a matplotlib Axes at the end."""

    def __init__(self, ascii_only: bool) -> None:
        self.ascii_only = ascii_only
        self.dropped = False
        self.ops: list[Callable[[Axes], None]] = []
        self.texts: list[_Text] = []

    def clean(self, text: str) -> str:
        if not self.ascii_only or not _has_cjk(text):
            return text
        self.dropped = True
        # a bracketed aside in Chinese goes whole, then every word with Chinese in it
        kept = _ASIDE.sub(lambda m: "" if _has_cjk(m.group(0)) else m.group(0), text)
        return " ".join(w for w in kept.split() if not _has_cjk(w))

    def text(self, x: float, y: float, text: str, size: float, **kw: Any) -> _Text:
        t = _Text(x, y, self.clean(text), size, **kw)
        self.texts.append(t)
        return t

    def rect(self, x: float, y: float, w: float, h: float, **kw: Any) -> None:
        def draw(ax: Axes) -> None:
            from matplotlib.patches import Rectangle  # noqa: PLC0415

            ax.add_patch(Rectangle((x, y), w, h, **kw))

        self.ops.append(draw)

    def line(self, xs: Sequence[float], ys: Sequence[float], **kw: Any) -> None:
        def draw(ax: Axes) -> None:
            ax.plot(xs, ys, **kw)

        self.ops.append(draw)

    def late(self, x: float, y: float, w: float, h: float) -> None:
        """The overdue stretch of a bar."""
        self.rect(x, y, w, h, facecolor=_LATE_FILL, edgecolor=_COLOURS["overdue"], lw=0.8)

    def tick(self, x: float, y: float, colour: str) -> None:
        self.line([x, x], [y - 8, y + 8], color=colour, lw=2.6, solid_capstyle="butt")

    def marker(
        self, x: float, y: float, shape: str, size: float, *, face: str, edge: str = "white"
    ) -> None:
        width = 1.4 if edge != "white" else 0.8
        self.line([x], [y], marker=shape, ms=size, mfc=face, mec=edge, mew=width, ls="none")

    def draw(self, ax: Axes) -> None:
        for op in self.ops:
            op(ax)
        for t in self.texts:
            ax.text(
                t.x,
                t.y,
                t.text,
                fontsize=t.size,
                color=t.color,
                ha=t.ha,
                va="center",
                fontweight="bold" if t.bold else "normal",
                fontstyle=t.style,
            )


_M = 18.0  # outer margin
_LW = (110.0, 230.0)  # lane title column: narrowest, widest
_STRIP = 20.0  # calendar strip height
_TRACK = 46.0  # one duty
_SPILL = 250.0  # how far labels may run past the last day


class _Drawer:
    """Lays the picture out in points (x right, y down) on a :class:`_Canvas`."""

    def __init__(self, tl: Timeline, lang: str, ascii_only: bool) -> None:
        self.tl = tl
        self.lang = lang
        self.zh = lang == "zh"
        self.cv = _Canvas(ascii_only)
        n = (tl.end - tl.start).days + 1
        self.cw = 24.0 if n <= 45 else max(6.0, 1080.0 / n)
        titles = [_lane_lines(lane, lang) for lane in tl.lanes]
        widest = max(
            (
                _width(self.cv.clean(t), 10.5 if i == 0 else 8, bold=i == 0)
                for ts in titles
                for i, t in enumerate(ts)
            ),
            default=0.0,
        )
        self.lw = min(max(widest + 16, _LW[0]), _LW[1])
        self.x0 = _M + self.lw
        self.x1 = self.x0 + n * self.cw

    def xday(self, d: dt.date) -> float:
        """The left edge (00:00) of a day."""
        return self.x0 + (d - self.tl.start).days * self.cw

    def xinst(self, t: dt.datetime) -> float:
        """An instant, Asia/Shanghai."""
        local = to_datetime(t, "at")
        frac = (local.hour * 3600 + local.minute * 60 + local.second) / 86400
        return self.xday(local.date()) + frac * self.cw

    def words(self, zh: str, en: str) -> str:
        return zh if self.zh else en

    def _outcome(self, outcome: str) -> str:
        return vocab_label("duty_outcome", outcome, self.lang)

    # -- the whole picture ----------------------------------------------------------------

    def layout(self) -> tuple[_Canvas, float, float]:
        tl, cv = self.tl, self.cv
        y = _M + 8
        cv.text(_M, y, _title(tl, self.lang), 14, bold=True)
        y += 20
        cv.text(_M, y, _subtitle(tl, self.lang), 8.5, color=_GREY)
        y = self.legend(y + 20, max(self.x1, self.x0 + 560) - _M)
        y = self.header(y + 6)
        top = y
        for lane in tl.lanes:
            y = self.lane(lane, y)
        if tl.as_of is not None:
            xa = self.xinst(tl.as_of)
            cv.line([xa, xa], [top - 2, y + 4], color="#444444", lw=1.1, ls=(0, (4, 3)))
            day = tl.as_of.date().isoformat()
            cv.text(xa, y + 12, self.words(f"截至 {day}", f"as of {day}"), 8, ha="center")
            y += 20
        width = max([self.x1 + _M, *(t.right + _M for t in cv.texts)])
        return cv, width, y + _M

    def legend(self, y: float, span: float) -> float:
        cv = self.cv
        present = {d.kind for lane in self.tl.lanes for d in lane.days}
        kinds = [*_LEGEND_KINDS, *(k for k in _KINDS if k not in _LEGEND_KINDS and k in present)]
        items: list[tuple[Callable[[float, float], None], str]] = []
        for kind in kinds:
            colour, (vocab, term) = _KINDS[kind]

            def swatch(x: float, yy: float, colour: str = colour) -> None:
                cv.rect(x, yy - 5, 14, 10, facecolor=colour, edgecolor=_GRID, lw=0.6)

            items.append((swatch, vocab_label(vocab, term, self.lang)))

        def start(x: float, yy: float) -> None:
            cv.marker(x + 7, yy, "o", 5, face="white", edge=_BAR)

        def counting(x: float, yy: float) -> None:
            cv.rect(x, yy - 4, 14, 8, facecolor=_BAR, edgecolor="none")

        def due(x: float, yy: float) -> None:
            cv.line([x + 7, x + 7], [yy - 6, yy + 6], color=_INK, lw=1.4)

        def diamond(colour: str) -> Callable[[float, float], None]:
            return lambda x, yy: cv.marker(x + 7, yy, "D", 6, face=colour)

        def tick(colour: str) -> Callable[[float, float], None]:
            return lambda x, yy: cv.tick(x + 7, yy, colour)

        def overdue(x: float, yy: float) -> None:
            cv.late(x, yy - 4, 14, 8)

        items += [
            (start, self.words("起算（事件）", "start (event)")),
            (counting, self.words("计入的工作日 1, 2, …", "working days counted 1, 2, ...")),
            (due, self.words("截止：当日 24:00", "due: 24:00 of the due day")),
        ]
        if self.tl.mode == "scenario":
            items += [
                (diamond(_COLOURS["deemed_consent"]), self._outcome("deemed_consent")),
                (overdue, self._outcome("overdue")),
                (tick(_COLOURS["done"]), self.words("期限结束（答复或案件结束）", "duty ended")),
            ]
        x = _M
        for draw, label in items:
            w = 18 + _width(cv.clean(label), 8) + 14
            if x + w > _M + span and x > _M:
                x, y = _M, y + 16
            draw(x, y)
            cv.text(x + 18, y, label, 8)
            x += w
        return y + 14

    def header(self, y: float) -> float:
        """Months, day numbers and weekdays over the lanes."""
        cv, cw = self.cv, self.cw
        firsts = [self.tl.start] + [
            self.tl.start + dt.timedelta(days=i)
            for i in range(1, (self.tl.end - self.tl.start).days + 1)
            if (self.tl.start + dt.timedelta(days=i)).day == 1
        ]
        year_shown: int | None = None
        for k, first in enumerate(firsts):
            x = self.xday(first)
            if first != self.tl.start:
                cv.line([x, x], [y - 6, y + 34], color=_GREY, lw=0.8)
            full = year_shown != first.year
            month = _month(first, self.lang, full=full)
            nxt = self.xday(firsts[k + 1]) if k + 1 < len(firsts) else self.x1 + _SPILL
            if x + 3 + _width(month, 8.5) > nxt - 4:
                continue  # no room before the next month: that one names the year
            cv.text(x + 3, y, month, 8.5, bold=True)
            year_shown = first.year
        d = self.tl.start
        while d <= self.tl.end:
            x = self.xday(d)
            if cw >= 14 or d.weekday() == 0:  # narrow days: Mondays only
                cv.text(x + cw / 2, y + 14, str(d.day), 8, ha="center")
            if cw >= 14:
                wd = _WEEKDAYS_ZH[d.weekday()] if self.zh else _WEEKDAYS_EN[d.weekday()]
                colour = "#8e2418" if d.weekday() >= 5 else _GREY
                cv.text(x + cw / 2, y + 26, wd, 7, ha="center", color=colour)
            d += dt.timedelta(days=1)
        return y + 34

    # -- one lane ------------------------------------------------------------------------

    def lane(self, lane: Lane, y: float) -> float:
        cv, cw = self.cv, self.cw
        y += 10
        notes: list[str] = []
        if lane.note:
            prefix = self.words("未能显示：", "not shown: ")
            notes = _wrap(cv.clean(prefix + lane.note), 8, max(self.x1 - self.x0 - 12, 300.0))
        body = (
            _STRIP
            + 6
            + len(lane.marks + lane.layer_marks) * _TRACK
            + len(notes) * 13
            + (4 if notes else 0)
        )
        height = max(body, 48.0)
        ly = y + 7
        for i, line in enumerate(_lane_lines(lane, self.lang)):
            size = 10.5 if i == 0 else 8
            for part in _wrap(cv.clean(line), size, self.lw - 12, bold=i == 0):
                cv.text(_M, ly, part, size, bold=i == 0, color=_INK if i == 0 else _GREY)
                ly += 14
        height = max(height, ly - y - 4)
        for day in lane.days:  # the strip in full colour, rest days faint below it
            colour = _KINDS.get(day.kind, _KINDS["working_day"])[0]
            x = self.xday(day.date)
            cv.rect(x, y, cw, _STRIP, facecolor=colour, edgecolor=_GRID, lw=0.5)
            if day.kind != "working_day":
                faint = {"facecolor": colour, "edgecolor": "none", "alpha": 0.35}
                cv.rect(x, y + _STRIP, cw, height - _STRIP, **faint)
        if not lane.days:
            cv.rect(self.x0, y, self.x1 - self.x0, _STRIP, facecolor="#f3f3f3", edgecolor=_GRID)
        self.strip_words(lane, y)
        ty = y + _STRIP + 6
        for mark in lane.marks + lane.layer_marks:
            self.track(mark, ty, y)
            ty += _TRACK
        for line in notes:
            cv.text(self.x0 + 4, ty + 7, line, 8, color="#8a3b12", style="italic")
            ty += 13
        y += height + 8
        cv.line([_M, self.x1], [y, y], color="#d5d9de", lw=0.8)
        return y

    def strip_words(self, lane: Lane, y: float) -> None:
        """Holiday names across their days (休 / off on each day when the name does not
        fit), 班 / work on make-up working days."""
        cv, cw = self.cv, self.cw
        days = lane.days
        size = 7.5 if cw >= 14 else 6.0
        i = 0
        while i < len(days):
            day = days[i]
            if day.kind in ("makeup_working_day", "regional_working_day") and cw >= 14:
                cv.text(
                    self.xday(day.date) + cw / 2,
                    y + _STRIP / 2,
                    self.words("班", "work"),
                    size if self.zh else 5.5,
                    ha="center",
                    color="#6b4500",
                    bold=True,
                )
            if day.kind not in ("statutory_holiday", "regional_rest_day"):
                i += 1
                continue
            j = i
            while j + 1 < len(days) and (days[j + 1].kind, days[j + 1].name) == (
                day.kind,
                day.name,
            ):
                j += 1
            span = (j - i + 1) * cw
            name = cv.clean(_holiday(day.name, self.lang) or "")
            colour = "#8e2418" if day.kind == "statutory_holiday" else "#4b2a82"
            if name and _width(name, size) <= span - 4:
                x = self.xday(day.date) + span / 2
                cv.text(x, y + _STRIP / 2, name, size, ha="center", color=colour, bold=True)
            elif cw >= 14:
                for k in range(i, j + 1):
                    x = self.xday(days[k].date) + cw / 2
                    off = self.words("休", "off")
                    cv.text(
                        x, y + _STRIP / 2, off, size if self.zh else 6, ha="center", color=colour
                    )
            i = j + 1

    def track(self, mark: TimelineMark, y: float, strip_top: float) -> None:
        """One duty: the period as a bar from the start, the working days counted on it,
        the due line at 24:00 of the due day, and what happened."""
        cv, cw, tl = self.cv, self.cw, self.tl
        line1, bar, line3 = y + 8, y + 22, y + 36
        xs = self.xinst(mark.started)
        colour = _COLOURS.get(mark.outcome, _INK)
        label = describe_due(mark, self.lang)
        if mark.due is None:  # no computable limit: a dotted line up to as_of
            xe = self.xinst(tl.as_of) if tl.as_of else self.x1
            cv.line([xs, xe], [bar, bar], color=_COLOURS["no_limit"], lw=1.5, ls=(0, (1, 2)))
            cv.text(xs + 5, line1, label, 8.5, color=_COLOURS["no_limit"], bold=True)
        else:
            xb = self.xday(mark.due) + cw
            lo, hi = min(xs, xb), max(xs, xb)
            cv.rect(lo, bar - 5, hi - lo, 10, facecolor=_BAR, edgecolor="none")
            if mark.outcome == "done" and mark.ended is not None:
                xe = self.xinst(mark.ended)
                cv.rect(xe, bar - 5, hi - xe, 10, facecolor=_SPARE_FILL, edgecolor="none")
            if cw >= 12:
                spare = self.xinst(mark.ended) if mark.outcome == "done" and mark.ended else hi
                for k, d in enumerate(mark.counted, 1):
                    x = self.xday(d) + cw / 2
                    if abs(x - spare) < 6:  # keep the number clear of the end tick
                        x = spare + 6 if x >= spare else spare - 6
                    ink = "white" if x < spare else _BAR
                    cv.text(x, bar, str(k), 6.5, ha="center", color=ink, bold=True)
            if mark.outcome in ("overdue", "late"):
                end = mark.ended if mark.outcome == "late" else tl.as_of
                xe = self.xinst(end) if end is not None else xb
                if xe > xb:
                    cv.late(xb, bar - 5, xe - xb, 10)
            cv.line([xb, xb], [strip_top, bar + 7], color=_INK, lw=1.4)
            cv.marker(xb, bar, "D", 7, face=colour)
            if mark.outcome in ("done", "late") and mark.ended is not None:
                cv.tick(self.xinst(mark.ended), bar, _COLOURS[mark.outcome])
            # right of the due line, unless it would cross the as_of line or run too far
            # while there is room on the left
            t = cv.text(xb + 5, line1, label, 8.5, color=colour, bold=True)
            xa = self.xinst(tl.as_of) if tl.as_of else None
            crosses = xa is not None and xb + 5 < xa < t.right + 4
            fits_left = xb - 5 - _width(t.text, 8.5, bold=True) >= self.x0
            if (crosses or t.right > self.x1 + _SPILL) and fits_left:
                t.x, t.ha = xb - 5, "right"
        cv.marker(xs, bar, "o", 6, face="white", edge=_BAR)
        duty = cv.text(xs, line3, describe_duty(mark, self.lang), 8, color=_GREY)
        if duty.right > self.x1 + _SPILL:
            duty.x, duty.ha = self.x1 + _SPILL, "right"


def _month(d: dt.date, lang: str, *, full: bool) -> str:
    if lang == "zh":
        return f"{d.year}年{d.month}月" if full else f"{d.month}月"
    return f"{_MONTHS[d.month - 1]} {d.year}" if full else _MONTHS[d.month - 1]


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_WEEKDAYS_ZH = "一二三四五六日"
_WEEKDAYS_EN = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
_LATE_FILL = "#f2b8b0"
_SPARE_FILL = "#c9d8ee"


def _wrap(text: str, size: float, width: float, *, bold: bool = False) -> list[str]:
    """Lines of at most ``width`` points, broken at spaces (inside a word if it must)."""
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}".strip()
        if not current or _width(candidate, size, bold=bold) <= width:
            current = candidate
        else:
            lines.append(current)
            current = word
        while _width(current, size, bold=bold) > width and len(current) > 1:
            cut = len(current) - 1
            while cut > 1 and _width(current[:cut], size, bold=bold) > width:
                cut -= 1
            lines.append(current[:cut])
            current = current[cut:]
    if current:
        lines.append(current)
    return lines


@contextmanager
def _quiet() -> Iterator[None]:
    """No font-lookup chatter: the SVG names fonts the machine may not have."""
    logger = logging.getLogger("matplotlib.font_manager")
    old = logger.level
    logger.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=r"Glyph \d+ .*missing from font")
            warnings.filterwarnings("ignore", message=r"findfont")
            yield
    finally:
        logger.setLevel(old)


def picture(tl: Timeline, fmt: str, lang: str = "zh", *, dpi: int = 150) -> bytes:
    """The ``svg`` or ``png`` file's bytes (``render(tl, fmt)`` calls this).

    An SVG keeps its text as text (``svg.fonttype: none``) naming several CJK fonts, so a
    browser draws the Chinese with a font it has; the same timeline always gives the same
    bytes. A PNG needs a CJK font for Chinese text (:func:`find_cjk_font`); without one
    it is drawn with English labels (Chinese names left out) and a
    :class:`TimelineFontWarning` says so, never with empty boxes. Raises
    :class:`~govshare.errors.InputError` for a language other than ``zh`` or ``en``, and
    :class:`~govshare.errors.MissingDependencyError` without matplotlib.
    """
    if lang not in ("zh", "en"):
        raise InputError("lang", lang, "zh or en")
    mpl = _matplotlib()
    from matplotlib.figure import Figure  # noqa: PLC0415 - optional dependency

    latin = ["DejaVu Sans"]
    warned = False
    if fmt == "svg":
        fonts = [*CJK_FONTS, *latin] if lang == "zh" else [*latin, *CJK_FONTS]
        ascii_only = False
    else:
        cjk = find_cjk_font()
        if cjk is None and lang == "zh":
            warnings.warn(
                "no CJK font found (looked for "
                f"{', '.join(CJK_FONTS[:4])}, ...): the PNG has English labels and leaves "
                "out names written in Chinese; install one (e.g. fonts-noto-cjk) or write "
                "an SVG",
                TimelineFontWarning,
                stacklevel=2,
            )
            lang, warned = "en", True
        found = [cjk] if cjk else []
        fonts = [*found, *latin] if lang == "zh" else [*latin, *found]
        ascii_only = cjk is None
    canvas, width, height = _Drawer(tl, lang, ascii_only).layout()
    if canvas.dropped and not warned:
        warnings.warn(
            "no CJK font found: names written in Chinese are left out of the PNG; install "
            "one (e.g. fonts-noto-cjk) or write an SVG",
            TimelineFontWarning,
            stacklevel=2,
        )
    rc = {
        "svg.fonttype": "none",
        "svg.hashsalt": "govshare-timeline",
        "font.family": ["sans-serif"],
        "font.sans-serif": fonts,
        "axes.unicode_minus": False,
    }
    buf = io.BytesIO()
    with _quiet(), mpl.rc_context(rc):
        fig = Figure(figsize=(width / 72, height / 72))
        ax = fig.add_axes((0, 0, 1, 1))
        ax.set_xlim(0, width)
        ax.set_ylim(height, 0)
        ax.set_axis_off()
        canvas.draw(ax)
        meta: dict[str, Any] = (
            {"Date": None, "Creator": "govshare"} if fmt == "svg" else {"Software": "govshare"}
        )
        fig.savefig(buf, format=fmt, dpi=dpi, metadata=meta, facecolor="white")
    return buf.getvalue()


@renderer(Timeline, "svg")
def _svg(tl: Timeline, options: RenderOptions) -> bytes:
    # Profile text drawn as SVG text may hold control characters XML forbids.
    return xml_safe(picture(tl, "svg", options.lang).decode("utf-8")).encode("utf-8")


@renderer(Timeline, "png")
def _png(tl: Timeline, options: RenderOptions) -> bytes:
    return picture(tl, "png", options.lang, dpi=int(options.extra.get("dpi", 150)))


@renderer(Timeline, "text")
def _text(tl: Timeline, options: RenderOptions) -> str:
    """The summary the command prints: the file written (``output``), each lane's level and
    state, each duty's due label and citation, and why a lane shows nothing."""
    zh, lang = options.lang == "zh", options.lang
    out: list[str] = []
    output = options.extra.get("output")
    if output:
        n, span = len(tl.lanes), f"{tl.start.isoformat()}..{tl.end.isoformat()}"
        out.append(
            f"已写入 {output}（{n} 个地区，{span}）"
            if zh
            else f"wrote {output} ({n} lanes, {span})"
        )
    for lane in tl.lanes:
        head = f"{lane.profile} ({lane.level})"
        if lane.state_label is not None:
            head += f" {'状态' if zh else 'state'}: {lane.state_label.pick(lang)}"
        out.append(head)
        for mark in lane.marks + lane.layer_marks:
            who = describe_duty(mark, lang, doc=False)
            out.append(f"  {describe_due(mark, lang)} — {who}; {mark.source.short}")
        if lane.note:
            out.append(f"  {'未能显示' if zh else 'not shown'}: {lane.note}")
    return "\n".join(out)
