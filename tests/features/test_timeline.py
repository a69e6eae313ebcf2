"""Timeline pictures: the data (day kinds, due days), the SVG/PNG drawing and the CLI.

Expected values are counted by hand from the official holiday notice (国庆 10/1-10/7 off,
Saturday 10/10 worked) and the Guangxi 三月三 notice (2026-04-17..20 off), and from the
profiles' source texts (quoted in the assertions).
"""

from __future__ import annotations

import datetime as dt
import json
import struct
import sys
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govshare import load_profile
from govshare._kernel.messages import say
from govshare.cli.main import main
from govshare.errors import DataFileError, GovshareError, InputError
from govshare.features.timeline import (
    Timeline,
    TimelineDependencyError,
    TimelineFontWarning,
    describe_due,
    own_level,
    render,
    timeline,
)

ROOT = Path(__file__).resolve().parents[2]
NO_REPLY = ROOT / "docs" / "examples" / "no-reply.log.yaml"
JOINT = ROOT / "docs" / "examples" / "joint-review.log.yaml"
SVG_NS = "{http://www.w3.org/2000/svg}"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
THREE = ["hubei", "xinzhou", "liuzhou"]
OWN = ["provincial", "prefectural", "prefectural"]


def _d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _days(first: str, last: str) -> list[dt.date]:
    a, b = _d(first), _d(last)
    return [a + dt.timedelta(days=i) for i in range((b - a).days + 1)]


def _has_cjk(text: str) -> bool:
    return any(unicodedata.east_asian_width(c) in "WF" for c in text)


@pytest.fixture(scope="module")
def national_day() -> Timeline:
    """The no-reply log (submitted Wed 2026-09-30 10:00, as of 2026-10-20), own levels."""
    return timeline(THREE, log=NO_REPLY, level="own")


def _texts(svg: bytes) -> list[str]:
    root = ET.fromstring(svg)
    return ["".join(t.itertext()) for t in root.iter(f"{SVG_NS}text")]


# -- data -------------------------------------------------------------------------------


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


def test_labels_name_due_day_and_article(national_day: Timeline) -> None:
    labels = [describe_due(lane.marks[0]) for lane in national_day.lanes]
    assert labels == [
        "10-13 截止 第十四条(二) · 10-14 00:00 逾期视为同意",
        "10-09 截止 五(三)2 · 已逾期 8 个工作日",
        "10-10 截止 第二十六条(二) · 已逾期 7 个工作日",
    ]
    assert [describe_due(lane.marks[0], "en") for lane in national_day.lanes] == [
        "due 10-13, Art. 14(2) · deemed consent at 10-14 00:00",
        "due 10-09, §5(3)2 · overdue by 8 working days",
        "due 10-10, Art. 26(2) · overdue by 7 working days",
    ]


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


# -- drawing ----------------------------------------------------------------------------


def test_svg_is_xml_with_the_labels_as_text(national_day: Timeline) -> None:
    svg = render(national_day, "svg")
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG_NS}svg"
    texts = _texts(svg)
    for label in (
        "10-13 截止 第十四条(二) · 10-14 00:00 逾期视为同意",
        "10-09 截止 五(三)2 · 已逾期 8 个工作日",
        "10-10 截止 第二十六条(二) · 已逾期 7 个工作日",
        "国庆节",
        "班",
        "湖北省",
        "工作日",
        "周末",
        "法定节假日",
        "调休上班",
        "地方休息日",
        "截至 2026-10-20",
    ):
        assert label in texts, label
    # text stays text, with CJK fonts named for the browser and a generic fallback
    assert b"font-family: 'Noto Sans CJK SC'" in svg
    assert b"sans-serif" in svg
    assert b"<dc:date>" not in svg


def test_svg_is_deterministic(national_day: Timeline) -> None:
    again = timeline(THREE, log=NO_REPLY, level="own")
    assert render(national_day, "svg") == render(again, "svg")
    assert render(national_day, "svg", "en") == render(again, "svg", "en")


def test_english_svg_has_no_chinese(national_day: Timeline) -> None:
    texts = _texts(render(national_day, "svg", "en"))
    assert "due 10-13, Art. 14(2) · deemed consent at 10-14 00:00" in texts
    assert "National Day" in texts
    assert "make-up working day" in texts
    assert "Liuzhou City" in texts
    assert not [t for t in texts if _has_cjk(t)]


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_SIGNATURE
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_png(national_day: Timeline) -> None:
    width, height = _png_size(render(national_day, "png"))
    # 21 days of 24 pt, lane titles and labels: about 10 x 6 inches at 150 dpi
    assert 1200 < width < 2600
    assert 600 < height < 1600
    assert width > height


def _record_texts(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    from matplotlib.axes import Axes  # noqa: PLC0415

    seen: list[str] = []
    original = Axes.text

    def text(self: Axes, x: float, y: float, s: str, *args: Any, **kw: Any) -> Any:
        seen.append(s)
        return original(self, x, y, s, *args, **kw)

    monkeypatch.setattr(Axes, "text", text)
    return seen


def test_png_without_cjk_font_falls_back_to_english(
    national_day: Timeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("govshare.features.timeline.find_cjk_font", lambda: None)
    seen = _record_texts(monkeypatch)
    with pytest.warns(TimelineFontWarning, match="no CJK font found.*English labels"):
        data = render(national_day, "png", "zh")
    _png_size(data)
    assert "due 10-13, Art. 14(2) · deemed consent at 10-14 00:00" in seen
    assert not [s for s in seen if _has_cjk(s)]  # no empty boxes


def test_png_without_cjk_font_drops_chinese_names_and_says_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    tl = timeline(["hubei"], log=JOINT, as_of="2026-10-16")  # reviewers named in Chinese
    monkeypatch.setattr("govshare.features.timeline.find_cjk_font", lambda: None)
    seen = _record_texts(monkeypatch)
    with pytest.warns(TimelineFontWarning, match="left out"):
        render(tl, "png", "en")
    assert not [s for s in seen if _has_cjk(s)]
    assert "provider · 5 working days · hb-rules-2021" in seen  # "(省民政厅)" dropped


def test_png_without_cjk_font_drops_chinese_asides_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    """ "xz-2022-3 (忻政办发〔2022〕3号) applies": the aside goes, not just its Chinese."""
    tl = timeline(["xinzhou"], log=NO_REPLY, level="provincial")  # a note naming the document
    monkeypatch.setattr("govshare.features.timeline.find_cjk_font", lambda: None)
    seen = _record_texts(monkeypatch)
    with pytest.warns(TimelineFontWarning):
        render(tl, "png", "zh")
    drawn = " ".join(seen)
    assert "xz-2022-3 applies at county, prefectural level" in drawn
    assert "20223" not in drawn
    assert not _has_cjk(drawn)


def test_png_with_cjk_font_draws_chinese(
    national_day: Timeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    from govshare.features.timeline import find_cjk_font  # noqa: PLC0415

    if find_cjk_font() is None:
        pytest.skip("no CJK font installed here")
    seen = _record_texts(monkeypatch)
    render(national_day, "png", "zh")
    assert "10-13 截止 第十四条(二) · 10-14 00:00 逾期视为同意" in seen


def test_render_rejects_unknown_format_and_language(national_day: Timeline) -> None:
    with pytest.raises(InputError) as e:
        render(national_day, "pdf")
    assert e.value.field == "fmt"
    with pytest.raises(InputError) as e:
        render(national_day, "svg", "fr")
    assert e.value.field == "lang"


def test_matplotlib_missing(national_day: Timeline, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(TimelineDependencyError, match=r'pip install "govshare\[timeline\]"') as e:
        render(national_day, "svg")
    assert isinstance(e.value, GovshareError)


def test_docs_example_picture_is_there() -> None:
    """docs/img/timeline-national-day.svg (scripts/update_docs_timeline.py) shows the case."""
    svg = (ROOT / "docs" / "img" / "timeline-national-day.svg").read_bytes()
    texts = _texts(svg)
    assert "10-13 截止 第十四条(二) · 10-14 00:00 逾期视为同意" in texts
    assert "10-09 截止 五(三)2 · 已逾期 8 个工作日" in texts
    assert "10-10 截止 第二十六条(二) · 已逾期 7 个工作日" in texts


# -- command line -----------------------------------------------------------------------


def test_cli_writes_svg(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "nd.svg"
    assert main(["timeline", "--scenario", str(NO_REPLY), "--level", "own", "-o", str(out)]) == 0
    text = capsys.readouterr().out
    assert f"已写入 {out}" in text
    assert "10-13 截止 第十四条(二) · 10-14 00:00 逾期视为同意" in text
    assert "10-09 截止 五(三)2 · 已逾期 8 个工作日" in text
    assert "10-10 截止 第二十六条(二) · 已逾期 7 个工作日" in text
    assert "10-13 截止 第十四条(二) · 10-14 00:00 逾期视为同意" in _texts(out.read_bytes())


def test_cli_writes_png_in_english(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "nd.PNG"
    args = ["timeline", "hubei", "liuzhou", "--key", "share.conditional.provider_reply"]
    assert main([*args, "--start", "2026-09-30", "-o", str(out), "--lang", "en"]) == 0
    _png_size(out.read_bytes())
    text = capsys.readouterr().out
    assert f"wrote {out} (2 lanes, 2026-09-30..2026-10-14)" in text
    assert "due 10-10, Art. 26(2)" in text


def test_cli_prints_notes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """At a forced provincial level, Xinzhou and Liuzhou say why they show nothing."""
    args = ["timeline", "--scenario", str(NO_REPLY), "--level", "provincial"]
    assert main([*args, "-o", str(tmp_path / "a.svg")]) == 0
    text = capsys.readouterr().out
    assert "xinzhou (provincial)\n  未能显示: xinzhou: no rule in force" in text
    assert "liuzhou (provincial)\n  未能显示: liuzhou: no rule in force" in text


def test_cli_level_per_profile(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["timeline", "--scenario", str(NO_REPLY), "--json"]
    assert main([*args, "--level", "own", "--level", "liuzhou=provincial"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [lane["level"] for lane in out["lanes"]] == ["provincial", "prefectural", "provincial"]
    assert [n["profile"] for n in out["notes"]] == ["liuzhou"]


def test_cli_json_without_a_file(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["timeline", "--scenario", str(NO_REPLY), "--level", "own", "--json"]
    assert main(args) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["output"] is None
    assert (out["start"], out["end"], out["mode"]) == ("2026-09-30", "2026-10-20", "scenario")
    hubei = out["lanes"][0]
    assert hubei["marks"][0]["due"] == "2026-10-13"
    assert hubei["marks"][0]["outcome"] == "deemed_consent"
    assert hubei["days"][1] == {
        "date": "2026-10-01",
        "kind": "statutory_holiday",
        "name": "国庆节",
        "working": False,
    }
    assert any("试行" in w for w in out["warnings"])


def test_cli_json_works_without_matplotlib(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    args = ["timeline", "--scenario", str(NO_REPLY), "--level", "own"]
    assert main([*args, "--json"]) == 0
    capsys.readouterr()
    assert main([*args, "-o", str(tmp_path / "a.svg")]) == 1
    err = capsys.readouterr().err
    assert 'pip install "govshare[timeline]"' in err
    assert not (tmp_path / "a.svg").exists()


def test_cli_font_warning_is_printed(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("govshare.features.timeline.find_cjk_font", lambda: None)
    out = tmp_path / "a.png"
    assert main(["timeline", "--scenario", str(NO_REPLY), "--level", "own", "-o", str(out)]) == 0
    assert "注意: no CJK font found" in capsys.readouterr().out
    _png_size(out.read_bytes())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "x.pdf"], "must end in .svg or .png"),
        ([], "-o FILE.svg|FILE.png is required"),
        (["--start", "2026-09-30", "-o", "x.svg"], "--start goes with --key"),
    ],
)
def test_cli_usage_errors(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["timeline", "--scenario", str(NO_REPLY), *args]) == 2
    assert message in capsys.readouterr().err
    assert not Path("x.pdf").exists()


def test_cli_needs_a_scenario_or_a_key(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["timeline", "-o", "x.svg"]) == 2
    assert "one of the arguments --scenario --key is required" in capsys.readouterr().err
    assert main(["timeline", "--key", "share.conditional.provider_reply", "-o", "x.svg"]) == 2
    assert "--key needs --start" in capsys.readouterr().err
    args = ["timeline", "--key", "k", "--scenario", str(NO_REPLY), "-o", "x.svg"]
    assert main(args) == 2
    assert "not allowed with argument" in capsys.readouterr().err


def test_cli_errors_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = str(tmp_path / "a.svg")
    assert main(["timeline", "--scenario", str(NO_REPLY), "--level", "city", "-o", out]) == 1
    assert "level: got 'city'" in capsys.readouterr().err
    assert main(["timeline", "nowhere", "--scenario", str(NO_REPLY), "-o", out]) == 1
    assert "nowhere" in capsys.readouterr().err
    # every lane fails: nothing to draw, no file
    args = ["timeline", "xinzhou", "liuzhou", "--scenario", str(NO_REPLY), "--level", "provincial"]
    assert main([*args, "-o", out]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: nothing to draw: xinzhou: ")
    assert not Path(out).exists()
    bad = tmp_path / "bad.log.yaml"
    bad.write_text("schema: govshare-log/1\nprocess: x\nlevel: provincial\nevents: 3\n", "utf-8")
    assert main(["timeline", "--scenario", str(bad), "-o", out]) == 1
    assert "bad.log.yaml:4" in capsys.readouterr().err
