"""Timeline data: day kinds, due days and the working days counted, per lane.

Expected values are counted by hand from the official holiday notice (国庆 10/1-10/7 off,
Saturday 10/10 worked) and the Guangxi 三月三 notice (2026-04-17..20 off), and from the
profiles' source texts (quoted in the assertions).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govshare import load_profile
from govshare._kernel.messages import say
from govshare._kernel.model import Label
from govshare.errors import DataFileError, InputError
from govshare.features.timeline import Timeline, own_level, timeline
from govshare.processes import EventLogError

ROOT = Path(__file__).resolve().parents[2]
NO_REPLY = ROOT / "docs" / "examples" / "no-reply.log.yaml"
JOINT = ROOT / "docs" / "examples" / "joint-review.log.yaml"
THREE = ["hubei", "xinzhou", "liuzhou"]
OWN = ["provincial", "prefectural", "prefectural"]


def _d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _days(first: str, last: str) -> list[dt.date]:
    a, b = _d(first), _d(last)
    return [a + dt.timedelta(days=i) for i in range((b - a).days + 1)]


@pytest.fixture(scope="module")
def national_day() -> Timeline:
    """The no-reply log (submitted Wed 2026-09-30 10:00, as of 2026-10-20), own levels."""
    return timeline(THREE, log=NO_REPLY, level="own")


def test_own_levels() -> None:
    # Hubei's order 419 applies at every level (provincial is the highest); Xinzhou's
    # 忻政办发〔2022〕3号 at prefectural and county; Liuzhou's rules at prefectural.
    assert [own_level(load_profile(p)) for p in THREE] == OWN


def test_day_kinds_across_the_national_day_week(national_day: Timeline) -> None:
    assert (national_day.start, national_day.end) == (_d("2026-09-30"), _d("2026-10-20"))
    holiday = set(_days("2026-10-01", "2026-10-07"))
    weekend = {_d("2026-10-11"), _d("2026-10-17"), _d("2026-10-18")}  # Sun; Sat, Sun
    makeup = {_d("2026-10-10")}  # Saturday worked
    for lane in national_day.lanes:
        assert [d.date for d in lane.days] == _days("2026-09-30", "2026-10-20")
        for day in lane.days:
            if day.date in holiday:
                assert (day.kind, day.name, day.working) == ("statutory_holiday", "国庆节", False)
            elif day.date in weekend:
                assert (day.kind, day.working) == ("weekend", False)
            elif day.date in makeup:
                assert (day.kind, day.working) == ("makeup_working_day", True)
            else:
                assert (day.kind, day.working) == ("working_day", True), day


def test_due_days_per_jurisdiction(national_day: Timeline) -> None:
    hubei, xinzhou, liuzhou = national_day.lanes
    assert [lane.profile for lane in national_day.lanes] == THREE
    assert [lane.level for lane in national_day.lanes] == OWN
    assert national_day.notes == ()

    # Hubei rules 第十四条(二): 5 working days, then deemed consent.
    # 10/8(1) 10/9(2) 10/10 Sat makeup(3) 10/12(4) 10/13(5)
    (m,) = hubei.marks
    assert "应当在5个工作日内予以答复" in (m.source.quote or "")
    assert (m.actor, m.due, m.outcome) == ("provider", _d("2026-10-13"), "deemed_consent")
    assert m.counted == tuple(
        _d(x) for x in ("2026-10-08", "2026-10-09", "2026-10-10", "2026-10-12", "2026-10-13")
    )
    assert m.fired_at == dt.datetime(2026, 10, 14, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    assert m.source.short == "鄂政务办发〔2021〕1号 第十四条(二)"
    assert hubei.state == "authorized"

    # Xinzhou 五(三)2: the platform's conformity review in 2 working days; no deemed consent.
    # 10/8(1) 10/9(2). Late up to 10/20: 10/10 10/12 10/13 10/14 10/15 10/16 10/19 10/20 = 8
    (m,) = xinzhou.marks
    assert "共享平台于２个工作日内完成符合性审查" in (m.source.quote or "")
    assert (m.actor, m.due, m.outcome) == ("platform", _d("2026-10-09"), "overdue")
    assert m.counted == (_d("2026-10-08"), _d("2026-10-09"))
    assert m.late_working_days == 8
    assert m.source.short == "忻政办发〔2022〕3号 五(三)2"

    # Liuzhou 第二十六条(二): 3 working days (Guangxi calendar, same as national in October).
    # 10/8(1) 10/9(2) 10/10 Sat makeup(3). Late: 10/12..10/16 (5) 10/19 10/20 = 7
    (m,) = liuzhou.marks
    assert "应在3个工作日内完成审核" in (m.source.quote or "")
    assert (m.actor, m.due, m.outcome) == ("provider", _d("2026-10-10"), "overdue")
    assert m.counted == (_d("2026-10-08"), _d("2026-10-09"), _d("2026-10-10"))
    assert m.late_working_days == 7
    assert liuzhou.region == "guangxi"


def test_the_log_level_falls_back_to_a_profiles_own_level_and_says_so() -> None:
    """The log says provincial; Xinzhou's and Liuzhou's documents apply at city level, so
    (as in govshare compare) they are replayed there, with a warning on their lanes.
    Xinzhou platform 五(三)2: 10/8, 10/9; Liuzhou 第二十六条(二): 10/8, 10/9, 10/10."""
    tl = timeline(THREE, log=NO_REPLY)
    assert [lane.level for lane in tl.lanes] == ["provincial", "prefectural", "prefectural"]
    assert [lane.marks[0].due for lane in tl.lanes] == [
        _d("2026-10-13"),
        _d("2026-10-09"),
        _d("2026-10-10"),
    ]
    assert tl.notes == ()
    assert any("replayed at prefectural level" in say(w, "en") for w in tl.lanes[1].warnings)
    assert not any("replayed at" in say(w, "en") for w in tl.lanes[0].warnings)


def test_a_forced_level_leaves_a_note_where_no_rule_is_in_force() -> None:
    """Forced provincial: Xinzhou's and Liuzhou's documents apply at city level."""
    tl = timeline(THREE, log=NO_REPLY, level="provincial")
    assert [lane.level for lane in tl.lanes] == ["provincial"] * 3
    assert tl.lanes[0].marks[0].due == _d("2026-10-13")
    notes = dict(tl.notes)
    assert set(notes) == {"xinzhou", "liuzhou"}
    assert "no rule in force" in notes["xinzhou"]
    assert "provincial level" in notes["xinzhou"]
    assert "own level is prefectural" in notes["liuzhou"]
    for lane in tl.lanes[1:]:
        assert lane.marks == ()
        assert len(lane.days) == 21  # the row is still drawn


def test_level_per_profile() -> None:
    tl = timeline(THREE, log=NO_REPLY, level={"xinzhou": "prefectural"})
    assert [lane.level for lane in tl.lanes] == ["provincial", "prefectural", "provincial"]
    assert [p for p, _ in tl.notes] == ["liuzhou"]
    # Hubei at prefectural level: the order's 第二十条, 10 working days:
    # 10/8 10/9 10/10 10/12 10/13 (5) 10/14 10/15 10/16 10/19 10/20 (10)
    tl = timeline(["hubei"], log=NO_REPLY, level="prefectural")
    (m,) = tl.lanes[0].marks
    assert (m.due, m.outcome, m.source.article) == (_d("2026-10-20"), "open", "第二十条")


def test_missing_process_is_a_note() -> None:
    """new_data_demand exists in Hubei only."""
    events = [{"at": "2026-09-30T10:00", "type": "submit", "by": "省卫健委"}]
    tl = timeline(THREE, process="new_data_demand", events=events, as_of="2026-10-20", level="own")
    assert tl.lanes[0].note is None
    # order 第二十二条 / rules 第十七条: 5 working days at provincial level → 10/13
    assert tl.lanes[0].marks[0].due == _d("2026-10-13")
    notes = dict(tl.notes)
    assert "process: got 'new_data_demand'" in notes["xinzhou"]
    assert "conditional_application" in notes["xinzhou"]  # lists the known ones


def test_joint_review_one_mark_per_reviewer() -> None:
    tl = timeline(["hubei"], log=JOINT, as_of="2026-10-16")
    marks = tl.lanes[0].marks
    assert [m.party for m in marks] == ["省大数据中心", "省民政厅", "省人社厅"]
    assert {m.due for m in marks} == {_d("2026-10-13")}
    # approved 10-09 09:30; the refusal on 10-12 15:00 ends the case for every reviewer
    assert [m.ended.date() if m.ended else None for m in marks] == [
        _d("2026-10-09"),
        _d("2026-10-12"),
        _d("2026-10-12"),
    ]
    assert {m.outcome for m in marks} == {"done"}
    assert tl.lanes[0].state == "refused"


def test_rule_mode() -> None:
    tl = timeline(THREE, key="share.conditional.provider_reply", start="2026-09-30")
    assert tl.mode == "rule"
    assert tl.as_of is None
    # the latest due day is 10-13; the range runs to the day after
    assert (tl.start, tl.end) == (_d("2026-09-30"), _d("2026-10-14"))
    dues = [(lane.level, lane.marks[0].due, lane.marks[0].outcome) for lane in tl.lanes]
    # Hubei rules 第十四条(二) 5 days; Xinzhou 五(三)2 "提供部门应在５个工作日内予以答复";
    # Liuzhou 第二十六条(二) 3 days.
    assert dues == [
        ("provincial", _d("2026-10-13"), None),
        ("prefectural", _d("2026-10-13"), None),
        ("prefectural", _d("2026-10-10"), None),
    ]
    assert "提供部门应在５个工作日内予以答复" in (tl.lanes[1].marks[0].source.quote or "")


def test_rule_mode_regional_rest_days() -> None:
    """Thu 2026-04-16: 三月三 keeps Liuzhou off on Fri 4/17 and Mon 4/20; Hubei works."""
    tl = timeline(["hubei", "liuzhou"], key="share.conditional.provider_reply", start="2026-04-16")
    hubei, liuzhou = tl.lanes
    kinds = {d.date: (d.kind, d.name) for d in liuzhou.days}
    assert kinds[_d("2026-04-17")] == ("regional_rest_day", "壮族三月三")
    assert kinds[_d("2026-04-20")] == ("regional_rest_day", "壮族三月三")
    assert {d.date: d.kind for d in hubei.days}[_d("2026-04-17")] == "working_day"
    # Hubei: 4/17(1) 4/20(2) 4/21(3) 4/22(4) 4/23(5); Liuzhou: 4/21(1) 4/22(2) 4/23(3)
    assert hubei.marks[0].counted == tuple(
        _d(x) for x in ("2026-04-17", "2026-04-20", "2026-04-21", "2026-04-22", "2026-04-23")
    )
    assert liuzhou.marks[0].counted == tuple(
        _d(x) for x in ("2026-04-21", "2026-04-22", "2026-04-23")
    )
    assert any("medium confidence" in say(w, "en") for w in tl.warnings)


@settings(max_examples=25, deadline=None)
@given(st.dates(min_value=dt.date(2026, 1, 1), max_value=dt.date(2026, 12, 1)))
def test_counted_days_end_on_the_due_day(start: dt.date) -> None:
    """For any start, the working days counted are n working days of the lane's own
    calendar, strictly after the start, ending on the due day."""
    tl = timeline(THREE, key="share.conditional.provider_reply", start=start)
    for lane, n in zip(tl.lanes, (5, 5, 3), strict=True):
        (m,) = lane.marks
        working = {d.date for d in lane.days if d.working}
        assert len(m.counted) == n
        assert m.counted[-1] == m.due
        assert all(start < d and d in working for d in m.counted)
        between = {d for d in working if start < d <= m.due}
        assert between == set(m.counted)


def test_bad_input_is_a_typed_error() -> None:
    with pytest.raises(InputError) as e:
        timeline(THREE, log=NO_REPLY, key="share.conditional.provider_reply")
    assert e.value.field == "key"
    with pytest.raises(InputError) as e:
        timeline(THREE)
    assert e.value.field == "key"
    with pytest.raises(InputError) as e:
        timeline(THREE, key="share.conditional.provider_reply")
    assert e.value.field == "start"
    with pytest.raises(InputError) as e:
        timeline(THREE, log=NO_REPLY, level="city")
    assert (e.value.field, e.value.value) == ("level", "city")
    with pytest.raises(InputError) as e:
        timeline(THREE, log=NO_REPLY, level={"shanghai": "provincial"})
    assert (e.value.field, e.value.value) == ("level", "shanghai")
    with pytest.raises(InputError) as e:
        timeline(THREE, log=NO_REPLY, adopted=["no-such-doc"])
    assert e.value.field == "adopted"
    with pytest.raises(InputError) as e:
        timeline(THREE, log=JOINT)  # the joint-review log has no as_of
    assert e.value.field == "as_of"
    with pytest.raises(InputError) as e:
        timeline(THREE, log=NO_REPLY, as_of="2027-12-31", level="own")
    assert "at most 400 days" in str(e.value)
    with pytest.raises(InputError) as e:
        timeline([], log=NO_REPLY)
    assert e.value.field == "profiles"
    with pytest.raises(InputError) as e:
        timeline(THREE, key="no.such.key", start="2026-09-30")
    assert e.value.field == "key"


def test_bad_log_file_names_file_and_line(tmp_path: Path) -> None:
    log = tmp_path / "bad.log.yaml"
    log.write_text(
        "schema: govshare-log/1\nprocess: conditional_application\nlevel: provincial\n"
        "events:\n  - at: 2026-09-30\n    type: submit\n    colour: red\n",
        "utf-8",
    )
    with pytest.raises(DataFileError) as e:
        timeline(THREE, log=log)
    assert e.value.line == 7
    assert "bad.log.yaml:7" in str(e.value)


def test_unknown_event_in_a_log_is_a_note_with_file_and_line(tmp_path: Path) -> None:
    log = tmp_path / "odd.log.yaml"
    log.write_text(
        "schema: govshare-log/1\nprocess: conditional_application\nlevel: provincial\n"
        "as_of: 2026-10-20\nevents:\n  - at: 2026-09-30\n    type: submit\n"
        "  - at: 2026-10-08\n    type: teleport\n",
        "utf-8",
    )
    tl = timeline(["hubei"], log=log)
    (note,) = [n for _, n in tl.notes]
    assert "odd.log.yaml:8" in note
    assert "events[1] (teleport)" in note


def test_a_regional_calendar_is_named_by_its_overlay_file(national_day: Timeline) -> None:
    """Liuzhou counts on the Guangxi calendar; its name is the overlay file's ``name``."""
    hubei, _, liuzhou = national_day.lanes
    assert (hubei.region, hubei.region_name) == (None, None)
    assert liuzhou.region == "guangxi"
    assert liuzhou.region_name == Label(zh="广西壮族自治区", en="Guangxi Zhuang Autonomous Region")


def test_the_result_carries_ids_and_no_wording(national_day: Timeline) -> None:
    """Titles are made by the renderer; the data keeps what they are made from."""
    assert national_day.title is None
    assert (national_day.mode, national_day.process, national_day.key) == (
        "scenario",
        "conditional_application",
        None,
    )
    assert (national_day.begins, national_day.log, national_day.events) == (
        _d("2026-09-30"),
        "no-reply.log.yaml",
        1,
    )
    marks = [lane.marks[0] for lane in national_day.lanes]
    assert [m.outcome for m in marks] == ["deemed_consent", "overdue", "overdue"]
    assert [m.period_label.zh if m.period_label else None for m in marks] == [
        "5个工作日",
        "2个工作日",
        "3个工作日",
    ]


def test_events_given_directly_default_to_each_profiles_own_level() -> None:
    """As with level="own": a mapping naming one profile leaves the others at their own."""
    events = [{"at": "2026-09-30T10:00", "type": "submit", "by": "省卫健委"}]
    tl = timeline(
        THREE,
        process="conditional_application",
        events=events,
        as_of="2026-10-20",
        level={"hubei": "provincial"},
    )
    assert [lane.level for lane in tl.lanes] == OWN
    with pytest.raises(EventLogError, match=r"events\[1\] \(submit\)"):  # no "at"
        timeline(
            THREE,
            process="conditional_application",
            events=[*events, {"type": "submit"}],
            as_of="2026-10-20",
            level="own",
        )


def test_a_lane_carries_the_national_duty_beside_the_local_one() -> None:
    """Submitted Wed 2026-09-30 (docs/examples/no-reply.log.yaml), replayed to 10-20: Hubei's
    own reply due 10-13 (deemed consent), and the national 10 working days (第二十一条:
    10-08, 10-09, 10-10 make-up, 10-12 ... 10-16, 10-19, 10-20) due 10-20, still open."""
    tl = timeline(
        [load_profile("hubei")],
        log=ROOT / "docs" / "examples" / "no-reply.log.yaml",
        level="provincial",
    )
    (lane,) = tl.lanes
    assert all(m.layer is None for m in lane.marks)
    national = [m for m in lane.layer_marks if m.layer == "national"]
    assert [(m.due, m.outcome, m.source.article) for m in national] == [
        (dt.date(2026, 10, 20), "open", "第二十一条")
    ]
    assert len(national[0].counted) == 10
