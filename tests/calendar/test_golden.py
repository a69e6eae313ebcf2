"""Golden tests: the national working-day calendar against the State Council's notices, 2004-2026.

Every entry of ``ARRANGEMENTS`` is read from the text of the notice it cites (文号, title and date
in the comment above it, and in the entry): the rest spans as the notice states them (e.g. 2026
春节 "2月15日……至23日……放假调休") and the weekend days it says are worked ("……上班", 调休上班).
The texts were read in public copies of the notices; the days were cross-checked against
holiday-cn's per-year files (``../shared/calendar/holiday-cn``, 2007-2026), which agree day for
day. The chinese-calendar and holidays packages were not used as a source: they are what the
calendar is compared with elsewhere, and chinese-calendar 1.11.0 is wrong on 2005-12-31.

A notice may set days in the previous calendar year (New Year's rest days and makeup days in
December); such a day stays with the notice that set it, and the per-year comparison sorts the
days by their own calendar year.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import NamedTuple, Protocol

import pytest

from govshare.calendar import get_calendar

D = dt.date

FIRST_YEAR = 2004
LAST_YEAR = 2026


class WorkingDayCalendar(Protocol):
    """The one method of the calendar these tests call."""

    def is_working_day(self, d: dt.date, /) -> bool:
        """Whether ``d`` is a working day."""
        ...


class Span(NamedTuple):
    """Rest days of one holiday as a notice states them, ``first`` to ``last`` inclusive."""

    holiday: str
    first: dt.date
    last: dt.date


class Arrangement(NamedTuple):
    """One year's arrangement: the notices that set it, its rest spans and its makeup days."""

    year: int
    notices: tuple[str, ...]
    rest: tuple[Span, ...]
    makeup: tuple[dt.date, ...]


# The table keeps one line per notice item, so the formatter leaves it alone.
# fmt: off
ARRANGEMENTS: tuple[Arrangement, ...] = (
    # 国办发明电〔2003〕53号 国务院办公厅关于2004年部分节假日安排的通知 (2003-12-18; number and
    # date from secondary listings only, the text from copies of the notice)
    Arrangement(
        year=2004,
        notices=("国办发明电〔2003〕53号 国务院办公厅关于2004年部分节假日安排的通知",),
        rest=(
            Span("元旦", D(2004, 1, 1), D(2004, 1, 1)),
            Span("春节", D(2004, 1, 22), D(2004, 1, 28)),
            Span("五一", D(2004, 5, 1), D(2004, 5, 7)),
            Span("十一", D(2004, 10, 1), D(2004, 10, 7)),
        ),
        makeup=(
            D(2004, 1, 17), D(2004, 1, 18),
            D(2004, 5, 8), D(2004, 5, 9),
            D(2004, 10, 9), D(2004, 10, 10),
        ),
    ),
    # 国办发明电〔2004〕52号 国务院办公厅关于2005年部分节假日安排的通知 (2004-12-17; number and
    # date from secondary listings only, the text from copies of the notice)
    Arrangement(
        year=2005,
        notices=("国办发明电〔2004〕52号 国务院办公厅关于2005年部分节假日安排的通知",),
        rest=(
            Span("元旦", D(2005, 1, 1), D(2005, 1, 3)),
            Span("春节", D(2005, 2, 9), D(2005, 2, 15)),
            Span("五一", D(2005, 5, 1), D(2005, 5, 7)),
            Span("十一", D(2005, 10, 1), D(2005, 10, 7)),
        ),
        makeup=(
            D(2005, 2, 5), D(2005, 2, 6),
            D(2005, 4, 30), D(2005, 5, 8),
            D(2005, 10, 8), D(2005, 10, 9),
        ),
    ),
    # 国办发明电〔2005〕35号 国务院办公厅关于2006年部分节假日安排的通知 (2005-12-16):
    # "12月31日(星期六)上班", so 2005-12-31 is a working day.
    Arrangement(
        year=2006,
        notices=("国办发明电〔2005〕35号 国务院办公厅关于2006年部分节假日安排的通知",),
        rest=(
            Span("元旦", D(2006, 1, 1), D(2006, 1, 3)),
            Span("春节", D(2006, 1, 29), D(2006, 2, 4)),
            Span("五一", D(2006, 5, 1), D(2006, 5, 7)),
            Span("十一", D(2006, 10, 1), D(2006, 10, 7)),
        ),
        makeup=(
            D(2005, 12, 31),
            D(2006, 1, 28), D(2006, 2, 5),
            D(2006, 4, 29), D(2006, 4, 30),
            D(2006, 9, 30), D(2006, 10, 8),
        ),
    ),
    # 国办发明电〔2006〕49号 国务院办公厅关于2007年部分节假日安排的通知 (2006-12-14):
    # "2006年12月30日(星期六)、31日(星期日)上班".
    Arrangement(
        year=2007,
        notices=("国办发明电〔2006〕49号 国务院办公厅关于2007年部分节假日安排的通知",),
        rest=(
            Span("元旦", D(2007, 1, 1), D(2007, 1, 3)),
            Span("春节", D(2007, 2, 18), D(2007, 2, 24)),
            Span("五一", D(2007, 5, 1), D(2007, 5, 7)),
            Span("十一", D(2007, 10, 1), D(2007, 10, 7)),
        ),
        makeup=(
            D(2006, 12, 30), D(2006, 12, 31),
            D(2007, 2, 17), D(2007, 2, 25),
            D(2007, 4, 28), D(2007, 4, 29),
            D(2007, 9, 29), D(2007, 9, 30),
        ),
    ),
    # 国办发明电〔2007〕52号 国务院办公厅关于2008年部分节假日安排的通知 (December 2007; number
    # from secondary listings only):
    # "2007年12月30日—2008年1月1日放假……12月29日(星期六)上班".
    Arrangement(
        year=2008,
        notices=("国办发明电〔2007〕52号 国务院办公厅关于2008年部分节假日安排的通知",),
        rest=(
            Span("元旦", D(2007, 12, 30), D(2008, 1, 1)),
            Span("春节", D(2008, 2, 6), D(2008, 2, 12)),
            Span("清明节", D(2008, 4, 4), D(2008, 4, 6)),
            Span("劳动节", D(2008, 5, 1), D(2008, 5, 3)),
            Span("端午节", D(2008, 6, 7), D(2008, 6, 9)),
            Span("中秋节", D(2008, 9, 13), D(2008, 9, 15)),
            Span("国庆节", D(2008, 9, 29), D(2008, 10, 5)),
        ),
        makeup=(
            D(2007, 12, 29),
            D(2008, 2, 2), D(2008, 2, 3),
            D(2008, 5, 4),
            D(2008, 9, 27), D(2008, 9, 28),
        ),
    ),
    # 国办发明电〔2008〕42号 国务院办公厅关于2009年部分节假日安排的通知 (2008-12)
    Arrangement(
        year=2009,
        notices=("国办发明电〔2008〕42号 国务院办公厅关于2009年部分节假日安排的通知",),
        rest=(
            Span("元旦", D(2009, 1, 1), D(2009, 1, 3)),
            Span("春节", D(2009, 1, 25), D(2009, 1, 31)),
            Span("清明节", D(2009, 4, 4), D(2009, 4, 6)),
            Span("劳动节", D(2009, 5, 1), D(2009, 5, 3)),
            Span("端午节", D(2009, 5, 28), D(2009, 5, 30)),
            Span("国庆节、中秋节", D(2009, 10, 1), D(2009, 10, 8)),
        ),
        makeup=(
            D(2009, 1, 4),
            D(2009, 1, 24), D(2009, 2, 1),
            D(2009, 5, 31),
            D(2009, 9, 27), D(2009, 10, 10),
        ),
    ),
    # 国办发明电〔2009〕27号 国务院办公厅关于2010年部分节假日安排的通知 (2009-12-07)
    Arrangement(
        year=2010,
        notices=("国办发明电〔2009〕27号 国务院办公厅关于2010年部分节假日安排的通知",),
        rest=(
            Span("元旦", D(2010, 1, 1), D(2010, 1, 3)),
            Span("春节", D(2010, 2, 13), D(2010, 2, 19)),
            Span("清明节", D(2010, 4, 3), D(2010, 4, 5)),
            Span("劳动节", D(2010, 5, 1), D(2010, 5, 3)),
            Span("端午节", D(2010, 6, 14), D(2010, 6, 16)),
            Span("中秋节", D(2010, 9, 22), D(2010, 9, 24)),
            Span("国庆节", D(2010, 10, 1), D(2010, 10, 7)),
        ),
        makeup=(
            D(2010, 2, 20), D(2010, 2, 21),
            D(2010, 6, 12), D(2010, 6, 13),
            D(2010, 9, 19), D(2010, 9, 25),
            D(2010, 9, 26), D(2010, 10, 9),
        ),
    ),
    # 国办发明电〔2010〕40号 国务院办公厅关于2011年部分节假日安排的通知 (2010-12-09)
    Arrangement(
        year=2011,
        notices=("国办发明电〔2010〕40号 国务院办公厅关于2011年部分节假日安排的通知",),
        rest=(
            Span("元旦", D(2011, 1, 1), D(2011, 1, 3)),
            Span("春节", D(2011, 2, 2), D(2011, 2, 8)),
            Span("清明节", D(2011, 4, 3), D(2011, 4, 5)),
            Span("劳动节", D(2011, 4, 30), D(2011, 5, 2)),
            Span("端午节", D(2011, 6, 4), D(2011, 6, 6)),
            Span("中秋节", D(2011, 9, 10), D(2011, 9, 12)),
            Span("国庆节", D(2011, 10, 1), D(2011, 10, 7)),
        ),
        makeup=(
            D(2011, 1, 30), D(2011, 2, 12),
            D(2011, 4, 2),
            D(2011, 10, 8), D(2011, 10, 9),
        ),
    ),
    # 国办发明电〔2011〕45号 国务院办公厅关于2012年部分节假日安排的通知 (2011-12-05):
    # "2011年12月31日(星期六)上班".
    Arrangement(
        year=2012,
        notices=("国办发明电〔2011〕45号 国务院办公厅关于2012年部分节假日安排的通知",),
        rest=(
            Span("元旦", D(2012, 1, 1), D(2012, 1, 3)),
            Span("春节", D(2012, 1, 22), D(2012, 1, 28)),
            Span("清明节", D(2012, 4, 2), D(2012, 4, 4)),
            Span("劳动节", D(2012, 4, 29), D(2012, 5, 1)),
            Span("端午节", D(2012, 6, 22), D(2012, 6, 24)),
            Span("中秋节、国庆节", D(2012, 9, 30), D(2012, 10, 7)),
        ),
        makeup=(
            D(2011, 12, 31),
            D(2012, 1, 21), D(2012, 1, 29),
            D(2012, 3, 31), D(2012, 4, 1),
            D(2012, 4, 28),
            D(2012, 9, 29),
        ),
    ),
    # 国办发明电〔2012〕33号 国务院办公厅关于2013年部分节假日安排的通知 (2012-12-08)
    Arrangement(
        year=2013,
        notices=("国办发明电〔2012〕33号 国务院办公厅关于2013年部分节假日安排的通知",),
        rest=(
            Span("元旦", D(2013, 1, 1), D(2013, 1, 3)),
            Span("春节", D(2013, 2, 9), D(2013, 2, 15)),
            Span("清明节", D(2013, 4, 4), D(2013, 4, 6)),
            Span("劳动节", D(2013, 4, 29), D(2013, 5, 1)),
            Span("端午节", D(2013, 6, 10), D(2013, 6, 12)),
            Span("中秋节", D(2013, 9, 19), D(2013, 9, 21)),
            Span("国庆节", D(2013, 10, 1), D(2013, 10, 7)),
        ),
        makeup=(
            D(2013, 1, 5), D(2013, 1, 6),
            D(2013, 2, 16), D(2013, 2, 17),
            D(2013, 4, 7),
            D(2013, 4, 27), D(2013, 4, 28),
            D(2013, 6, 8), D(2013, 6, 9),
            D(2013, 9, 22),
            D(2013, 9, 29), D(2013, 10, 12),
        ),
    ),
    # 国办发明电〔2013〕28号 国务院办公厅关于2014年部分节假日安排的通知 (2013-12-11):
    # 清明节 "4月5日放假，4月7日(星期一)补休" is two spans as stated.
    Arrangement(
        year=2014,
        notices=("国办发明电〔2013〕28号 国务院办公厅关于2014年部分节假日安排的通知",),
        rest=(
            Span("元旦", D(2014, 1, 1), D(2014, 1, 1)),
            Span("春节", D(2014, 1, 31), D(2014, 2, 6)),
            Span("清明节", D(2014, 4, 5), D(2014, 4, 5)),
            Span("清明节补休", D(2014, 4, 7), D(2014, 4, 7)),
            Span("劳动节", D(2014, 5, 1), D(2014, 5, 3)),
            Span("端午节", D(2014, 6, 2), D(2014, 6, 2)),
            Span("中秋节", D(2014, 9, 8), D(2014, 9, 8)),
            Span("国庆节", D(2014, 10, 1), D(2014, 10, 7)),
        ),
        makeup=(
            D(2014, 1, 26), D(2014, 2, 8),
            D(2014, 5, 4),
            D(2014, 9, 28), D(2014, 10, 11),
        ),
    ),
    # 国办发明电〔2014〕28号 国务院办公厅关于2015年部分节假日安排的通知 (2014-12-16), and
    # 国发明电〔2015〕1号 国务院关于中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日调休放假的通知
    # (2015-05-13): "9月3日至5日调休放假……9月6日(星期日)上班".
    Arrangement(
        year=2015,
        notices=(
            "国办发明电〔2014〕28号 国务院办公厅关于2015年部分节假日安排的通知",
            "国发明电〔2015〕1号 国务院关于中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日"
            "调休放假的通知",
        ),
        rest=(
            Span("元旦", D(2015, 1, 1), D(2015, 1, 3)),
            Span("春节", D(2015, 2, 18), D(2015, 2, 24)),
            Span("清明节", D(2015, 4, 5), D(2015, 4, 5)),
            Span("清明节补休", D(2015, 4, 6), D(2015, 4, 6)),
            Span("劳动节", D(2015, 5, 1), D(2015, 5, 1)),
            Span("端午节", D(2015, 6, 20), D(2015, 6, 20)),
            Span("端午节补休", D(2015, 6, 22), D(2015, 6, 22)),
            Span("抗战胜利70周年纪念日", D(2015, 9, 3), D(2015, 9, 5)),
            Span("中秋节", D(2015, 9, 27), D(2015, 9, 27)),
            Span("国庆节", D(2015, 10, 1), D(2015, 10, 7)),
        ),
        makeup=(
            D(2015, 1, 4),
            D(2015, 2, 15), D(2015, 2, 28),
            D(2015, 9, 6),
            D(2015, 10, 10),
        ),
    ),
    # 国办发明电〔2015〕18号 国务院办公厅关于2016年部分节假日安排的通知 (2015-12-10)
    Arrangement(
        year=2016,
        notices=("国办发明电〔2015〕18号 国务院办公厅关于2016年部分节假日安排的通知",),
        rest=(
            Span("元旦", D(2016, 1, 1), D(2016, 1, 1)),
            Span("春节", D(2016, 2, 7), D(2016, 2, 13)),
            Span("清明节", D(2016, 4, 4), D(2016, 4, 4)),
            Span("劳动节", D(2016, 5, 1), D(2016, 5, 1)),
            Span("劳动节补休", D(2016, 5, 2), D(2016, 5, 2)),
            Span("端午节", D(2016, 6, 9), D(2016, 6, 11)),
            Span("中秋节", D(2016, 9, 15), D(2016, 9, 17)),
            Span("国庆节", D(2016, 10, 1), D(2016, 10, 7)),
        ),
        makeup=(
            D(2016, 2, 6), D(2016, 2, 14),
            D(2016, 6, 12),
            D(2016, 9, 18),
            D(2016, 10, 8), D(2016, 10, 9),
        ),
    ),
    # 国办发明电〔2016〕17号 国务院办公厅关于2017年部分节假日安排的通知 (2016-12-01)
    Arrangement(
        year=2017,
        notices=("国办发明电〔2016〕17号 国务院办公厅关于2017年部分节假日安排的通知",),
        rest=(
            Span("元旦", D(2017, 1, 1), D(2017, 1, 1)),
            Span("元旦补休", D(2017, 1, 2), D(2017, 1, 2)),
            Span("春节", D(2017, 1, 27), D(2017, 2, 2)),
            Span("清明节", D(2017, 4, 2), D(2017, 4, 4)),
            Span("劳动节", D(2017, 5, 1), D(2017, 5, 1)),
            Span("端午节", D(2017, 5, 28), D(2017, 5, 30)),
            Span("中秋节、国庆节", D(2017, 10, 1), D(2017, 10, 8)),
        ),
        makeup=(
            D(2017, 1, 22), D(2017, 2, 4),
            D(2017, 4, 1),
            D(2017, 5, 27),
            D(2017, 9, 30),
        ),
    ),
    # 国办发明电〔2017〕12号 国务院办公厅关于2018年部分节假日安排的通知 (2017-11-30)
    Arrangement(
        year=2018,
        notices=("国办发明电〔2017〕12号 国务院办公厅关于2018年部分节假日安排的通知",),
        rest=(
            Span("元旦", D(2018, 1, 1), D(2018, 1, 1)),
            Span("春节", D(2018, 2, 15), D(2018, 2, 21)),
            Span("清明节", D(2018, 4, 5), D(2018, 4, 7)),
            Span("劳动节", D(2018, 4, 29), D(2018, 5, 1)),
            Span("端午节", D(2018, 6, 18), D(2018, 6, 18)),
            Span("中秋节", D(2018, 9, 24), D(2018, 9, 24)),
            Span("国庆节", D(2018, 10, 1), D(2018, 10, 7)),
        ),
        makeup=(
            D(2018, 2, 11), D(2018, 2, 24),
            D(2018, 4, 8),
            D(2018, 4, 28),
            D(2018, 9, 29), D(2018, 9, 30),
        ),
    ),
    # 国办发明电〔2018〕15号 国务院办公厅关于2019年部分节假日安排的通知 (2018-12-04) sets
    # 元旦 as "2018年12月30日至2019年1月1日放假调休……2018年12月29日(星期六)上班". Its
    # 劳动节 "5月1日放假" was replaced by 国办发明电〔2019〕3号 国务院办公厅关于调整2019年
    # 劳动节假期安排的通知 (2019-03-22): "5月1日至4日放假调休……4月28日(星期日)、5月5日
    # (星期日)上班".
    Arrangement(
        year=2019,
        notices=(
            "国办发明电〔2018〕15号 国务院办公厅关于2019年部分节假日安排的通知",
            "国办发明电〔2019〕3号 国务院办公厅关于调整2019年劳动节假期安排的通知",
        ),
        rest=(
            Span("元旦", D(2018, 12, 30), D(2019, 1, 1)),
            Span("春节", D(2019, 2, 4), D(2019, 2, 10)),
            Span("清明节", D(2019, 4, 5), D(2019, 4, 5)),
            Span("劳动节", D(2019, 5, 1), D(2019, 5, 4)),
            Span("端午节", D(2019, 6, 7), D(2019, 6, 7)),
            Span("中秋节", D(2019, 9, 13), D(2019, 9, 13)),
            Span("国庆节", D(2019, 10, 1), D(2019, 10, 7)),
        ),
        makeup=(
            D(2018, 12, 29),
            D(2019, 2, 2), D(2019, 2, 3),
            D(2019, 4, 28), D(2019, 5, 5),
            D(2019, 9, 29), D(2019, 10, 12),
        ),
    ),
    # 国办发明电〔2019〕16号 国务院办公厅关于2020年部分节假日安排的通知 (2019-11-21); its
    # 春节 "1月24日至30日……1月19日(星期日)、2月1日(星期六)上班" was extended by
    # 国办发明电〔2020〕1号 国务院办公厅关于延长2020年春节假期的通知 (2020-01-26): "延长2020年
    # 春节假期至2月2日……2月3日(星期一)起正常上班", so 2020-02-01 is no longer worked.
    Arrangement(
        year=2020,
        notices=(
            "国办发明电〔2019〕16号 国务院办公厅关于2020年部分节假日安排的通知",
            "国办发明电〔2020〕1号 国务院办公厅关于延长2020年春节假期的通知",
        ),
        rest=(
            Span("元旦", D(2020, 1, 1), D(2020, 1, 1)),
            Span("春节", D(2020, 1, 24), D(2020, 2, 2)),
            Span("清明节", D(2020, 4, 4), D(2020, 4, 6)),
            Span("劳动节", D(2020, 5, 1), D(2020, 5, 5)),
            Span("端午节", D(2020, 6, 25), D(2020, 6, 27)),
            Span("国庆节、中秋节", D(2020, 10, 1), D(2020, 10, 8)),
        ),
        makeup=(
            D(2020, 1, 19),
            D(2020, 4, 26), D(2020, 5, 9),
            D(2020, 6, 28),
            D(2020, 9, 27), D(2020, 10, 10),
        ),
    ),
    # 国办发明电〔2020〕27号 国务院办公厅关于2021年部分节假日安排的通知 (2020-11-25)
    Arrangement(
        year=2021,
        notices=("国办发明电〔2020〕27号 国务院办公厅关于2021年部分节假日安排的通知",),
        rest=(
            Span("元旦", D(2021, 1, 1), D(2021, 1, 3)),
            Span("春节", D(2021, 2, 11), D(2021, 2, 17)),
            Span("清明节", D(2021, 4, 3), D(2021, 4, 5)),
            Span("劳动节", D(2021, 5, 1), D(2021, 5, 5)),
            Span("端午节", D(2021, 6, 12), D(2021, 6, 14)),
            Span("中秋节", D(2021, 9, 19), D(2021, 9, 21)),
            Span("国庆节", D(2021, 10, 1), D(2021, 10, 7)),
        ),
        makeup=(
            D(2021, 2, 7), D(2021, 2, 20),
            D(2021, 4, 25), D(2021, 5, 8),
            D(2021, 9, 18),
            D(2021, 9, 26), D(2021, 10, 9),
        ),
    ),
    # 国办发明电〔2021〕11号 国务院办公厅关于2022年部分节假日安排的通知 (2021-10-25)
    Arrangement(
        year=2022,
        notices=("国办发明电〔2021〕11号 国务院办公厅关于2022年部分节假日安排的通知",),
        rest=(
            Span("元旦", D(2022, 1, 1), D(2022, 1, 3)),
            Span("春节", D(2022, 1, 31), D(2022, 2, 6)),
            Span("清明节", D(2022, 4, 3), D(2022, 4, 5)),
            Span("劳动节", D(2022, 4, 30), D(2022, 5, 4)),
            Span("端午节", D(2022, 6, 3), D(2022, 6, 5)),
            Span("中秋节", D(2022, 9, 10), D(2022, 9, 12)),
            Span("国庆节", D(2022, 10, 1), D(2022, 10, 7)),
        ),
        makeup=(
            D(2022, 1, 29), D(2022, 1, 30),
            D(2022, 4, 2),
            D(2022, 4, 24), D(2022, 5, 7),
            D(2022, 10, 8), D(2022, 10, 9),
        ),
    ),
    # 国办发明电〔2022〕16号 国务院办公厅关于2023年部分节假日安排的通知 (2022-12-08):
    # "2022年12月31日至2023年1月2日放假调休".
    Arrangement(
        year=2023,
        notices=("国办发明电〔2022〕16号 国务院办公厅关于2023年部分节假日安排的通知",),
        rest=(
            Span("元旦", D(2022, 12, 31), D(2023, 1, 2)),
            Span("春节", D(2023, 1, 21), D(2023, 1, 27)),
            Span("清明节", D(2023, 4, 5), D(2023, 4, 5)),
            Span("劳动节", D(2023, 4, 29), D(2023, 5, 3)),
            Span("端午节", D(2023, 6, 22), D(2023, 6, 24)),
            Span("中秋节、国庆节", D(2023, 9, 29), D(2023, 10, 6)),
        ),
        makeup=(
            D(2023, 1, 28), D(2023, 1, 29),
            D(2023, 4, 23), D(2023, 5, 6),
            D(2023, 6, 25),
            D(2023, 10, 7), D(2023, 10, 8),
        ),
    ),
    # 国办发明电〔2023〕7号 国务院办公厅关于2024年部分节假日安排的通知 (2023-10-25):
    # 除夕 (2月9日) is only "鼓励……安排职工……休息", not a rest day, so it is not listed.
    Arrangement(
        year=2024,
        notices=("国办发明电〔2023〕7号 国务院办公厅关于2024年部分节假日安排的通知",),
        rest=(
            Span("元旦", D(2024, 1, 1), D(2024, 1, 1)),
            Span("春节", D(2024, 2, 10), D(2024, 2, 17)),
            Span("清明节", D(2024, 4, 4), D(2024, 4, 6)),
            Span("劳动节", D(2024, 5, 1), D(2024, 5, 5)),
            Span("端午节", D(2024, 6, 10), D(2024, 6, 10)),
            Span("中秋节", D(2024, 9, 15), D(2024, 9, 17)),
            Span("国庆节", D(2024, 10, 1), D(2024, 10, 7)),
        ),
        makeup=(
            D(2024, 2, 4), D(2024, 2, 18),
            D(2024, 4, 7),
            D(2024, 4, 28), D(2024, 5, 11),
            D(2024, 9, 14),
            D(2024, 9, 29), D(2024, 10, 12),
        ),
    ),
    # 国办发明电〔2024〕12号 国务院办公厅关于2025年部分节假日安排的通知 (2024-11-12)
    Arrangement(
        year=2025,
        notices=("国办发明电〔2024〕12号 国务院办公厅关于2025年部分节假日安排的通知",),
        rest=(
            Span("元旦", D(2025, 1, 1), D(2025, 1, 1)),
            Span("春节", D(2025, 1, 28), D(2025, 2, 4)),
            Span("清明节", D(2025, 4, 4), D(2025, 4, 6)),
            Span("劳动节", D(2025, 5, 1), D(2025, 5, 5)),
            Span("端午节", D(2025, 5, 31), D(2025, 6, 2)),
            Span("国庆节、中秋节", D(2025, 10, 1), D(2025, 10, 8)),
        ),
        makeup=(
            D(2025, 1, 26), D(2025, 2, 8),
            D(2025, 4, 27),
            D(2025, 9, 28), D(2025, 10, 11),
        ),
    ),
    # 国办发明电〔2025〕7号 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04)
    Arrangement(
        year=2026,
        notices=("国办发明电〔2025〕7号 国务院办公厅关于2026年部分节假日安排的通知",),
        rest=(
            Span("元旦", D(2026, 1, 1), D(2026, 1, 3)),
            Span("春节", D(2026, 2, 15), D(2026, 2, 23)),
            Span("清明节", D(2026, 4, 4), D(2026, 4, 6)),
            Span("劳动节", D(2026, 5, 1), D(2026, 5, 5)),
            Span("端午节", D(2026, 6, 19), D(2026, 6, 21)),
            Span("中秋节", D(2026, 9, 25), D(2026, 9, 27)),
            Span("国庆节", D(2026, 10, 1), D(2026, 10, 7)),
        ),
        makeup=(
            D(2026, 1, 4),
            D(2026, 2, 14), D(2026, 2, 28),
            D(2026, 5, 9),
            D(2026, 9, 20), D(2026, 10, 10),
        ),
    ),
)
# fmt: on

YEARS = tuple(range(FIRST_YEAR, LAST_YEAR + 1))
ARRANGEMENT_IDS = [str(arrangement.year) for arrangement in ARRANGEMENTS]


def _days(first: dt.date, last: dt.date) -> Iterator[dt.date]:
    """Yield every date from ``first`` to ``last`` inclusive."""
    for offset in range((last - first).days + 1):
        yield first + dt.timedelta(days=offset)


def _is_weekend(d: dt.date) -> bool:
    """Whether ``d`` is a Saturday or a Sunday."""
    return d.weekday() >= 5


def _exceptions_in_notices(year: int) -> set[dt.date]:
    """Weekday rest days and weekend working days in ``year``, as the notices set them."""
    rest_weekdays = {
        d
        for arrangement in ARRANGEMENTS
        for span in arrangement.rest
        for d in _days(span.first, span.last)
        if d.year == year and not _is_weekend(d)
    }
    makeup = {d for arrangement in ARRANGEMENTS for d in arrangement.makeup if d.year == year}
    return rest_weekdays | makeup


def _exceptions_in_calendar(cal: WorkingDayCalendar, year: int) -> set[dt.date]:
    """Days of ``year`` whose working status differs from the plain Monday-to-Friday week."""
    return {
        d for d in _days(D(year, 1, 1), D(year, 12, 31)) if cal.is_working_day(d) == _is_weekend(d)
    }


@pytest.fixture(scope="module")
def cal() -> WorkingDayCalendar:
    """The national calendar."""
    calendar: WorkingDayCalendar = get_calendar()
    return calendar


def test_table_covers_every_year_once() -> None:
    """The golden table has exactly one arrangement for each year from 2004 to 2026."""
    assert tuple(arrangement.year for arrangement in ARRANGEMENTS) == YEARS


@pytest.mark.parametrize("arrangement", ARRANGEMENTS, ids=ARRANGEMENT_IDS)
def test_table_makeup_days_are_weekends_outside_rest_spans(arrangement: Arrangement) -> None:
    """Every makeup day in the table is a Saturday or Sunday and lies in no rest span."""
    rest = {d for span in arrangement.rest for d in _days(span.first, span.last)}
    assert all(span.first <= span.last for span in arrangement.rest)
    assert [d for d in arrangement.makeup if not _is_weekend(d)] == []
    assert [d for d in arrangement.makeup if d in rest] == []


@pytest.mark.parametrize("arrangement", ARRANGEMENTS, ids=ARRANGEMENT_IDS)
def test_rest_spans_are_not_working_days(cal: WorkingDayCalendar, arrangement: Arrangement) -> None:
    """Every day of every rest span a notice sets is a non-working day."""
    worked = [
        (span.holiday, d)
        for span in arrangement.rest
        for d in _days(span.first, span.last)
        if cal.is_working_day(d)
    ]
    assert worked == [], f"{arrangement.notices}: rest days the calendar says are worked"


@pytest.mark.parametrize("arrangement", ARRANGEMENTS, ids=ARRANGEMENT_IDS)
def test_makeup_days_are_working_days(cal: WorkingDayCalendar, arrangement: Arrangement) -> None:
    """Every weekend day a notice says is worked (调休上班) is a working day."""
    rested = [d for d in arrangement.makeup if not cal.is_working_day(d)]
    assert rested == [], f"{arrangement.notices}: makeup days the calendar says are rest days"


@pytest.mark.parametrize("year", YEARS, ids=[str(year) for year in YEARS])
def test_year_has_exactly_the_notices_exceptions(cal: WorkingDayCalendar, year: int) -> None:
    """The calendar's weekday rest days and weekend working days in a year are the notices'."""
    in_calendar = _exceptions_in_calendar(cal, year)
    in_notices = _exceptions_in_notices(year)
    assert sorted(in_calendar - in_notices) == [], "exceptions the notices do not set"
    assert sorted(in_notices - in_calendar) == [], "exceptions the calendar misses"
