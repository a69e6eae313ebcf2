"""Obligation calendars rendered: the text listing and the iCalendar file.

Hubei 2026 (rules 第二十八条, 第八条, 第十二条; order 第十一条): four dated duties and the
undated catalog maintenance (每年进行不少于一次).
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import icalendar
import pytest

from govshare import load_profile
from govshare.features.obligations import ObligationCalendar, obligation_calendar
from govshare.render.json import to_json
from govshare.render.registry import formats, render

STAMP = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)


@pytest.fixture(scope="module")
def cal() -> ObligationCalendar:
    return obligation_calendar(load_profile("hubei"), 2026)


def test_formats(cal: ObligationCalendar) -> None:
    assert formats(ObligationCalendar) == ("ics", "json", "text")
    assert to_json(cal)["schema"] == "govshare-obligations/1"
    assert [i["due"] for i in to_json(cal)["items"]][:3] == [
        "2026-01-31",
        "2026-01-31",
        "2026-02-28",
    ]


def test_text_in_each_language(cal: ObligationCalendar) -> None:
    zh = render(cal, "text")
    en = render(cal, "text", lang="en")
    assert isinstance(zh, str)
    assert isinstance(en, str)
    assert zh.splitlines()[0] == "hubei 湖北省 2026年 义务（省级）"
    assert "义务人: 省级主管部门, 数据中心" in zh  # rules 第二十八条: 省政务办会同省大数据中心
    assert "provincial_authority" not in zh
    assert en.splitlines()[0] == "hubei Hubei Province: obligations for 2026 (provincial level)"


def test_ics_through_the_registry(cal: ObligationCalendar) -> None:
    data = render(cal, "ics", stamp=STAMP)
    assert isinstance(data, bytes)
    parsed = icalendar.Calendar.from_ical(data)
    assert str(parsed["X-WR-CALNAME"]) == "湖北省 2026 (provincial)"
    assert len(parsed.walk("VEVENT")) == 5  # HUBEI_2026 dated items: two January reports


def test_a_newline_in_a_name_or_an_undated_quote_does_not_break_the_file(
    cal: ObligationCalendar,
) -> None:
    undated = next(i for i in cal.items if not i.dated)
    quote = "第一行\n第二行\r\n第三行"
    odd = dataclasses.replace(undated, source=dataclasses.replace(undated.source, quote=quote))
    broken = dataclasses.replace(cal, items=(*cal.items[:-1], odd))
    data = render(broken, "ics", stamp=STAMP, name="湖北\n2026")
    assert isinstance(data, bytes)
    lines = data.decode().replace("\r\n ", "").split("\r\n")  # unfolded (RFC 5545 3.1)
    assert "X-WR-CALNAME:湖北\\n2026" in lines  # escaped as TEXT (3.3.11)
    desc = next(x for x in lines if x.startswith("X-WR-CALDESC:"))
    assert "第一行\\n第二行\\n第三行" in desc
    assert len(icalendar.Calendar.from_ical(data).walk("VEVENT")) == 5
