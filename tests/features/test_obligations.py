"""Obligation calendars: recurring duties of a year, open duties of cases, iCalendar export.

Expected dates are worked out by hand from the texts: "每年1月底前" is the last calendar day
of January (a fixed date, 期日, not a period, so not rolled forward over rest days:
inventory, counting conventions), and so on for each rule; open duties count working days
on the 2026 official calendar (see the comments).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import icalendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from govshare import InputError, JurisdictionProfile, load_profile
from govshare.cli.main import main
from govshare.features.obligations import Obligation, obligation_calendar, obligations
from govshare.processes import replay
from govshare.render.obligations import summary, to_ics

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"
NO_REPLY = str(EXAMPLES / "no-reply.log.yaml")
SHANGHAI = dt.timezone(dt.timedelta(hours=8))
STAMP = dt.datetime(2026, 1, 1, 8, 0, tzinfo=dt.timezone.utc)
ORDER = "湖北省人民政府令第419号"
RULES = "鄂政务办发〔2021〕1号"
SUBMIT = [{"at": "2026-09-30T10:00", "type": "submit", "by": "省卫健委"}]

#: Hubei 2026, provincial level, from the texts (rules 鄂政务办发〔2021〕1号 displace order 419
#: where both speak, rules 第一条 / profile precedence):
#: - rules 第二十八条 para 1 "应当于每年1月底前向省政务办报告上一年度…" -> 2026-01-31: it names
#:   the city data authority (市（州）政务数据主管部门), provincial departments and theme-database
#:   leads, and displaces order 第三十八条 for the provincial departments both name;
#: - order 第三十八条 "市(州)人民政府、省级政务部门应当于每年1月底前…" -> 2026-01-31 still binds
#:   the city government (市(州)人民政府), whom the rules do not name: duties on different
#:   parties add up (issue 12), so it is listed too, with no displaced document;
#: - rules 第二十八条 para 2 "于2月底前报送省人民政府" -> 2026-02-28 (2026 is not a leap year);
#: - rules 第八条 "每年11月底前汇总形成…清单" -> 2026-11-30 (November has 30 days);
#: - rules 第十二条 "应在每年年底向省政务办报送主题库建设情况" -> 2026-12-31 ("at year end");
#: - order 第十一条 "每年进行不少于一次的全面维护" -> no date (the rules are silent).
HUBEI_2026 = [
    (
        "report.annual.departments",
        dt.date(2026, 1, 31),
        f"{RULES} 第二十八条",
        f"{ORDER} 第三十八条",
    ),
    ("report.annual.departments", dt.date(2026, 1, 31), f"{ORDER} 第三十八条", None),
    ("report.annual.province", dt.date(2026, 2, 28), f"{RULES} 第二十八条", f"{ORDER} 第三十八条"),
    ("lists.annual_publication", dt.date(2026, 11, 30), f"{RULES} 第八条", None),
    ("theme_db.annual_report", dt.date(2026, 12, 31), f"{RULES} 第十二条", None),
    ("catalog.annual_maintenance", None, f"{ORDER} 第十一条", None),
]
DATED_KEYS = [
    "catalog.annual_maintenance",
    "report.annual.departments",
    "report.annual.province",
    "lists.annual_publication",
    "theme_db.annual_report",
]


@pytest.fixture(scope="module")
def hubei() -> JurisdictionProfile:
    return load_profile("hubei")


def _events(data: bytes) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(data).walk("VEVENT"))


# -- recurring duties --------------------------------------------------------------------


def test_hubei_2026_provincial_items(hubei: JurisdictionProfile) -> None:
    """Every recurring duty of Hubei in 2026 at provincial level, with its date and article."""
    items = obligations(hubei, 2026, level="provincial")
    got = [
        (i.key, i.due, i.source.short, i.displaced[0].short if i.displaced else None) for i in items
    ]
    assert got == HUBEI_2026
    assert all(i.kind == "recurring" and i.year == 2026 for i in items)


def test_hubei_2026_quotes_are_the_texts(hubei: JurisdictionProfile, shared_dir: Path) -> None:
    """Each item's quote is verbatim in its seed text and says the time limit it is dated by."""
    seeds = {
        ORDER: (shared_dir / "seeds" / "hubei_order_419.simplified.txt").read_text("utf-8"),
        RULES: (shared_dir / "seeds" / "hubei_rules_2021.txt").read_text("utf-8"),
    }
    words = {
        "report.annual.departments": "每年1月底前",
        "report.annual.province": "于2月底前",
        "lists.annual_publication": "每年11月底前",
        "theme_db.annual_report": "每年年底",
        "catalog.annual_maintenance": "每年进行不少于一次",
    }
    for item in obligations(hubei, 2026):
        assert item.source.number is not None
        assert item.source.quote is not None
        assert item.source.quote in seeds[item.source.number], item.key
        assert words[item.key] in item.source.quote


def test_month_end_is_a_calendar_date_and_end_instant(hubei: JurisdictionProfile) -> None:
    """Sat 2026-01-31 stays the due day (a fixed date is not rolled forward); ends 00:00 +08:00."""
    dep = next(i for i in obligations(hubei, 2026) if i.key == "report.annual.departments")
    assert dep.due == dt.date(2026, 1, 31)
    assert dep.due.weekday() == 5  # a Saturday
    assert dep.end_instant == dt.datetime(2026, 2, 1, tzinfo=SHANGHAI)
    assert dep.covers == 2025  # 上一年度
    assert dep.period.zh == "1月底前"
    assert summary(dep, "zh") == "部门年度报告（1月底前）"


def test_year_end_wording_follows_the_text(hubei: JurisdictionProfile) -> None:
    """Rules 第十二条 says 年底 (year end), not 12月底前, and the label says so."""
    theme = next(i for i in obligations(hubei, 2026) if i.key == "theme_db.annual_report")
    assert (theme.period.zh, theme.period.en) == ("年底", "at year end")
    lists = next(i for i in obligations(hubei, 2026) if i.key == "lists.annual_publication")
    assert (lists.period.zh, lists.period.en) == ("11月底前", "by the end of November")


def test_undated_duty_has_no_date(hubei: JurisdictionProfile) -> None:
    """Order 第十一条 sets at least one maintenance a year but no date: the item has none."""
    cat = obligations(hubei, 2026)[-1]
    assert cat.key == "catalog.annual_maintenance"
    assert (cat.due, cat.end_instant, cat.dated) == (None, None, False)
    assert cat.period.en == "at least once a year, no date set"


def test_leap_year_february(hubei: JurisdictionProfile) -> None:
    """2024 is a leap year: the end of February is the 29th."""
    prov = next(i for i in obligations(hubei, 2024) if i.key == "report.annual.province")
    assert prov.due == dt.date(2024, 2, 29)


def test_2020_before_order_419(hubei: JurisdictionProfile) -> None:
    """Order 419 is in force from 2021-04-01 (第四十二条): nothing is due in 2020."""
    cal = obligation_calendar(hubei, 2020)
    assert cal.items == ()
    assert [s.key for s in cal.skipped] == DATED_KEYS
    assert all("in force only from 2021-04-01" in s.reason for s in cal.skipped)


def test_2021_partly_in_force(hubei: JurisdictionProfile) -> None:
    """2021: no January/February reports (order from 04-01, rules from 10-19); the rest due."""
    cal = obligation_calendar(hubei, 2021)
    assert [(i.key, i.due) for i in cal.items] == [
        ("lists.annual_publication", dt.date(2021, 11, 30)),
        ("theme_db.annual_report", dt.date(2021, 12, 31)),
        ("catalog.annual_maintenance", None),
    ]
    skipped = {s.key: s.reason for s in cal.skipped}
    assert set(skipped) == {"report.annual.departments", "report.annual.province"}
    assert "no rule in force on 2021-01-31" in skipped["report.annual.departments"]
    assert "no rule in force on 2021-02-28" in skipped["report.annual.province"]
    assert any("only part of 2021" in w for w in cal.items[-1].warnings)


def test_prefectural_without_adoption(hubei: JurisdictionProfile) -> None:
    """Cities report in January (rules 第二十八条 names the city data authority, order
    第三十八条 the city government: both); the provincial duties are absent."""
    cal = obligation_calendar(hubei, 2026, level="prefectural")
    assert [(i.key, i.due, i.source.number) for i in cal.items] == [
        ("report.annual.departments", dt.date(2026, 1, 31), RULES),
        ("report.annual.departments", dt.date(2026, 1, 31), ORDER),
        ("catalog.annual_maintenance", None, ORDER),
    ]
    city_government = cal.items[1]
    assert city_government.actor == "prefectural_government"
    assert city_government.alongside
    skipped = {s.key: s.reason for s in cal.skipped}
    assert "applies at provincial level" in skipped["report.annual.province"]
    assert skipped["lists.annual_publication"].startswith("not specified at prefectural level")
    assert skipped["theme_db.annual_report"].startswith("not specified at prefectural level")


def test_prefectural_with_adopted_rules(hubei: JurisdictionProfile) -> None:
    """A city that adopted the rules (第二条 参照执行) gets their dated duties too."""
    items = obligations(hubei, 2026, level="prefectural", adopted=["hb-rules-2021"])
    assert [i.due for i in items] == [d for _, d, _, _ in HUBEI_2026]
    assert {i.level for i in items} == {"prefectural"}


def test_county_level(hubei: JurisdictionProfile) -> None:
    """Counties: only the order's catalog maintenance (第三十八条 names cities and departments)."""
    cal = obligation_calendar(hubei, 2026, level="county")
    assert [i.key for i in cal.items] == ["catalog.annual_maintenance"]
    assert len(cal.skipped) == 4


@pytest.mark.parametrize(
    ("name", "level"), [("xinzhou", "prefectural"), ("liuzhou", "prefectural")]
)
def test_profiles_silent_on_annual_duties(name: str, level: str) -> None:
    """Xinzhou and Liuzhou set no annual duty: every key skipped as not specified."""
    cal = obligation_calendar(load_profile(name), 2026, level=level)
    assert cal.items == ()
    assert [s.key for s in cal.skipped] == DATED_KEYS
    assert all(s.reason.startswith("not specified at prefectural level") for s in cal.skipped)


def test_standard_profile_has_no_duties() -> None:
    """A standard (the Shanxi draft) has no sharing rules: skipped, not an error."""
    cal = obligation_calendar(load_profile("shanxi_std"), 2026)
    assert cal.items == ()
    assert all("no sharing rules" in s.reason for s in cal.skipped)


@given(st.integers(min_value=2022, max_value=2400))
def test_month_ends_any_year(year: int) -> None:
    """For any year after both documents, each date is the day before the next month's 1st."""
    items = obligations(load_profile("hubei"), year)
    got = {i.key: i.due for i in items}
    assert got["report.annual.departments"] == dt.date(year, 2, 1) - dt.timedelta(days=1)
    assert got["report.annual.province"] == dt.date(year, 3, 1) - dt.timedelta(days=1)
    assert got["lists.annual_publication"] == dt.date(year, 12, 1) - dt.timedelta(days=1)
    assert got["theme_db.annual_report"] == dt.date(year + 1, 1, 1) - dt.timedelta(days=1)
    assert not any(i.provisional for i in items)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"year": "2026"}, "year"),
        ({"year": True}, "year"),
        ({"year": 2026.0}, "year"),
        ({"year": 0}, "year"),
        ({"year": 2026, "level": "city"}, "level"),
        ({"year": 2026, "adopted": ["no-such-doc"]}, "adopted"),
    ],
)
def test_bad_input(hubei: JurisdictionProfile, kwargs: dict[str, object], field: str) -> None:
    """Bad arguments raise InputError naming the field."""
    with pytest.raises(InputError) as exc:
        obligation_calendar(hubei, **kwargs)  # type: ignore[arg-type]
    assert exc.value.field == field
    assert field in str(exc.value)


# -- open duties of a replayed case ------------------------------------------------------


def test_open_duty_from_log(hubei: JurisdictionProfile) -> None:
    """Submitted Wed 2026-09-30: the provider's 5 working days end Tue 2026-10-13.

    10/1-7 National Day off; 10/8(1) 10/9(2) 10/10 Sat make-up(3) 10/12(4) 10/13(5).
    Replayed to 10/09 the duty is still open (not yet deemed consent).
    """
    status = replay(
        hubei, "conditional_application", SUBMIT, as_of="2026-10-09", level="provincial"
    )
    items = obligations(hubei, 2026, status=status)
    duty = next(i for i in items if i.kind == "open_duty")
    assert duty.due == dt.date(2026, 10, 13)
    assert duty.end_instant == dt.datetime(2026, 10, 14, tzinfo=SHANGHAI)
    assert (duty.actor, duty.overdue, duty.process) == (
        "provider",
        False,
        "conditional_application",
    )
    assert duty.source.short == f"{RULES} 第十四条(二)"
    assert "5个工作日内予以答复" in (duty.source.quote or "")
    assert duty.period.zh == "5个工作日"
    assert summary(duty, "zh").startswith("待办：")
    # sorted among the recurring items: after February, before November
    assert [i.due for i in items].index(duty.due) == 3  # two January reports, February


def test_no_open_duty_after_deemed_consent(hubei: JurisdictionProfile) -> None:
    """At the log's as_of (10/20) the case ended by deemed consent on 10/14: no open duty."""
    status = replay(
        hubei, "conditional_application", SUBMIT, as_of="2026-10-20", level="provincial"
    )
    assert status.deemed_consent
    items = obligations(hubei, 2026, status=status)
    assert [i.kind for i in items] == ["recurring"] * 6  # HUBEI_2026


def test_overdue_open_duty() -> None:
    """Xinzhou: platform review 2 working days (五(三)2) -> due 10/9 (10/8(1) 10/9(2)); open
    and overdue on 10/20 since nothing is deemed."""
    xinzhou = load_profile("xinzhou")
    status = replay(
        xinzhou, "conditional_application", SUBMIT, as_of="2026-10-20", level="prefectural"
    )
    items = obligations(xinzhou, 2026, level="prefectural", status=[status])
    assert len(items) == 1
    duty = items[0]
    assert (duty.due, duty.overdue, duty.actor) == (dt.date(2026, 10, 9), True, "platform")
    assert summary(duty, "zh").startswith("已逾期：")
    assert summary(duty, "en").startswith("OVERDUE: ")


def test_case_of_another_profile(hubei: JurisdictionProfile) -> None:
    """A case replayed on another profile is refused, naming the field."""
    xinzhou = load_profile("xinzhou")
    status = replay(
        xinzhou, "conditional_application", SUBMIT, as_of="2026-10-20", level="prefectural"
    )
    with pytest.raises(InputError, match="status"):
        obligations(hubei, 2026, status=status)


# -- iCalendar -----------------------------------------------------------------------------


def test_ics_parses_back_with_the_right_dates(hubei: JurisdictionProfile) -> None:
    """4 dated duties -> 4 all-day events on their due days; the undated one is only named."""
    data = to_ics(obligations(hubei, 2026), stamp=STAMP, name="湖北 2026")
    cal = icalendar.Calendar.from_ical(data)
    cal.validate()  # required properties and components present
    assert str(cal["VERSION"]) == "2.0"
    assert "govshare" in str(cal["PRODID"])
    events = _events(data)
    assert len(events) == 5  # the dated items of HUBEI_2026
    starts = [ev.decoded("DTSTART") for ev in events]
    assert starts == [d for _, d, _, _ in HUBEI_2026 if d is not None]
    for ev, start in zip(events, starts, strict=True):
        assert type(start) is dt.date  # all-day: DTSTART;VALUE=DATE
        assert ev.decoded("DTEND") == start + dt.timedelta(days=1)
        assert ev.decoded("DTSTAMP") == STAMP
    assert b"DTSTART;VALUE=DATE:20260131" in data
    assert "catalog" not in " ".join(str(ev["UID"]) for ev in events)
    desc = str(cal["X-WR-CALDESC"])
    assert f"{ORDER} 第十一条" in desc
    assert "每年进行不少于一次的全面维护" in desc


def test_ics_descriptions_cite_the_rule(hubei: JurisdictionProfile) -> None:
    """Each event's description has the document number, article and exact quote."""
    items = [i for i in obligations(hubei, 2026) if i.dated]
    events = _events(to_ics(items, stamp=STAMP))
    for item, ev in zip(items, events, strict=True):
        desc = str(ev["DESCRIPTION"])
        assert item.source.short in desc
        assert f"「{item.source.quote}」" in desc
        assert str(ev["SUMMARY"]) == summary(item, "zh")
        assert summary(item, "en") in desc
    first = str(events[0]["DESCRIPTION"])
    assert f"{ORDER} 第三十八条" in first  # the displaced rule is named
    assert "2026-02-01T00:00:00+08:00" in first


def test_ics_english_summaries(hubei: JurisdictionProfile) -> None:
    """lang='en': English summary, Chinese in the description."""
    ev = _events(to_ics(obligations(hubei, 2026), lang="en", stamp=STAMP))[0]
    assert str(ev["SUMMARY"]) == "annual report: departments (by the end of January)"
    assert "部门年度报告（1月底前）" in str(ev["DESCRIPTION"])


def test_ics_uids_unique_and_stable(hubei: JurisdictionProfile) -> None:
    """UIDs are unique, identical across runs (byte-identical output), and differ by level."""
    one = to_ics(obligations(hubei, 2026), stamp=STAMP)
    two = to_ics(obligations(load_profile("hubei"), 2026), stamp=STAMP)
    assert one == two
    uids = [str(ev["UID"]) for ev in _events(one)]
    assert len(set(uids)) == len(uids) == 5
    assert uids[0] == "hubei.provincial.report.annual.departments.20260131@govshare"
    # the city government's report beside it (order 第三十八条) has a UID of its own
    assert uids[1] == "hubei.provincial.report.annual.departments.hb-order-419.20260131@govshare"
    pref = obligations(hubei, 2026, level="prefectural", adopted=["hb-rules-2021"])
    assert not set(uids) & {i.uid for i in pref}


def test_ics_open_duty_uid_survives_replay_date(hubei: JurisdictionProfile) -> None:
    """The same open duty seen on 10/09 and 10/12 keeps its UID (re-import updates it)."""
    uids = []
    for as_of in ("2026-10-09", "2026-10-12"):
        status = replay(hubei, "conditional_application", SUBMIT, as_of=as_of, level="provincial")
        events = _events(to_ics(obligations(hubei, 2026, status=status), stamp=STAMP))
        duty = [ev for ev in events if "open_duty" in ev["CATEGORIES"].to_ical().decode()]
        assert len(duty) == 1
        assert duty[0].decoded("DTSTART") == dt.date(2026, 10, 13)
        assert duty[0].decoded("DTEND") == dt.date(2026, 10, 14)
        uids.append(str(duty[0]["UID"]))
    assert uids[0] == uids[1]


def test_ics_leaves_out_an_undated_open_duty(hubei: JurisdictionProfile) -> None:
    """An open duty with no computable due day is not an event; the description names it."""
    status = replay(
        hubei, "conditional_application", SUBMIT, as_of="2026-10-09", level="provincial"
    )
    duty = next(i for i in obligations(hubei, 2026, status=status) if i.kind == "open_duty")
    undated = dataclasses.replace(duty, due=None, end_instant=None)
    data = to_ics([undated], stamp=STAMP)
    assert _events(data) == []
    cal = icalendar.Calendar.from_ical(data)
    assert "第十四条(二)" in str(cal["X-WR-CALDESC"])


def test_ics_bad_arguments(hubei: JurisdictionProfile) -> None:
    """An unknown language or a naive stamp is refused."""
    items = obligations(hubei, 2026)
    with pytest.raises(InputError, match="lang"):
        to_ics(items, lang="fr")
    with pytest.raises(InputError, match="stamp"):
        to_ics(items, stamp=dt.datetime(2026, 1, 1))


def test_obligation_uid_for_undated_item() -> None:
    """An undated duty's UID names its year (it is never exported, but stays identifiable)."""
    item = obligations(load_profile("hubei"), 2026)[-1]
    assert isinstance(item, Obligation)
    assert item.uid == "hubei.provincial.catalog.annual_maintenance.2026@govshare"


# -- command line --------------------------------------------------------------------------


def test_cli_json_and_ics(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """JSON lists the items with citations; --ics writes a file icalendar parses back."""
    ics = tmp_path / "hubei-2026.ics"
    args = [
        "obligations",
        "hubei",
        "--year",
        "2026",
        "--level",
        "provincial",
        "--ics",
        str(ics),
        "--json",
    ]
    assert main([*args, "--log", NO_REPLY, "--as-of", "2026-10-09"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [(i["key"], i["due"]) for i in out["items"]] == [
        ("report.annual.departments", "2026-01-31"),
        ("report.annual.departments", "2026-01-31"),
        ("report.annual.province", "2026-02-28"),
        ("share.conditional.provider_reply", "2026-10-13"),
        ("lists.annual_publication", "2026-11-30"),
        ("theme_db.annual_report", "2026-12-31"),
        ("catalog.annual_maintenance", None),
    ]
    assert out["items"][0]["source"]["number"] == RULES
    assert out["items"][0]["source"]["article"] == "第二十八条"
    assert out["items"][0]["displaced"][0]["number"] == ORDER
    assert out["items"][3]["kind"] == "open_duty"
    assert out["items"][3]["end_instant"] == "2026-10-14T00:00:00+08:00"
    assert out["skipped"] == []
    assert out["ics"] == {
        "file": str(ics),
        "events": 6,
        "not_exported": ["catalog.annual_maintenance"],
    }
    starts = [ev.decoded("DTSTART") for ev in _events(ics.read_bytes())]
    assert starts == [
        dt.date(2026, 1, 31),
        dt.date(2026, 1, 31),
        dt.date(2026, 2, 28),
        dt.date(2026, 10, 13),
        dt.date(2026, 11, 30),
        dt.date(2026, 12, 31),
    ]


def test_cli_skipped_in_json(capsys: pytest.CaptureFixture[str]) -> None:
    """JSON `skipped` names each absent key with its reason."""
    assert main(["obligations", "hubei", "--year", "2020", "--level", "provincial", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["items"] == []
    assert [s["key"] for s in out["skipped"]] == DATED_KEYS


def test_cli_text(capsys: pytest.CaptureFixture[str]) -> None:
    """Text output: a line per item with its date, then the citation."""
    assert (
        main(["obligations", "hubei", "--year", "2026", "--level", "county", "--lang", "en"]) == 0
    )
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "hubei Hubei Province: obligations for 2026 (county level)"
    assert out[1].startswith("no date")
    assert f"{ORDER} 第十一条「" in out[2]
    assert "not on the calendar:" in out


def test_cli_log_level_and_overdue(capsys: pytest.CaptureFixture[str]) -> None:
    """--level applies to the calendar and the replay: Xinzhou prefectural, overdue duty."""
    argv = ["obligations", "xinzhou", "--year", "2026", "--level", "prefectural"]
    assert main([*argv, "--log", NO_REPLY, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [(i["due"], i["overdue"]) for i in out["items"]] == [("2026-10-09", True)]


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["--year", "abc"], 2, "argument --year: expected a year such as 2026, got 'abc'"),
        (["--year", "2026", "--as-of", "2026-10-09"], 2, "--as-of needs --log"),
        (["--year", "0"], 1, "year: got 0"),
    ],
)
def test_cli_bad_arguments(
    argv: list[str], code: int, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Bad command lines: one line on stderr, exit 2 (usage) or 1 (refused)."""
    assert main(["obligations", "hubei", "--level", "provincial", *argv]) == code
    err = capsys.readouterr().err
    assert message in err
    assert err.count("\n") == 1


def test_cli_unknown_profile(capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown profile is named, with the known ones."""
    assert main(["obligations", "nowhere", "--year", "2026"]) == 1
    err = capsys.readouterr().err
    assert "'nowhere'" in err
    assert "hubei" in err


def test_cli_bad_log_names_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A log with an unknown field or a bad event: file and line in the one-line error."""
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "process: conditional_application\nlevel: provincial\nas_of: 2026-10-20\nevents:\n"
        "  - at: 2026-09-30\n    type: submit\n    colour: red\n",
        "utf-8",
    )
    assert main(["obligations", "hubei", "--year", "2026", "--log", str(bad)]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:7:" in err
    assert "colour" in err
    bad.write_text(
        "process: conditional_application\nlevel: provincial\nas_of: 2026-10-20\nevents:\n"
        "  - {at: 2026-09-30, type: submit}\n"
        "  - {at: 2026-10-09, type: refuse}\n",
        "utf-8",
    )
    assert main(["obligations", "hubei", "--year", "2026", "--log", str(bad)]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:6:" in err
    assert "reasons is required" in err


def test_cli_log_without_as_of(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A log with no as_of and no --as-of: the error says what to give."""
    log = tmp_path / "log.yaml"
    log.write_text("process: conditional_application\nlevel: provincial\nevents: []\n", "utf-8")
    assert main(["obligations", "hubei", "--year", "2026", "--log", str(log)]) == 1
    assert "--as-of or an as_of: line" in capsys.readouterr().err


def test_cli_unwritable_ics(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An ICS path that cannot be written is a one-line error naming it."""
    target = tmp_path / "missing-dir" / "x.ics"
    assert (
        main(
            [
                "obligations",
                "hubei",
                "--year",
                "2026",
                "--level",
                "provincial",
                "--ics",
                str(target),
            ]
        )
        == 1
    )
    err = capsys.readouterr().err
    assert "ics:" in err
    assert str(target) in err
