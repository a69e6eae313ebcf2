"""Timeline pictures: the SVG/PNG drawing, the labels and the JSON document.

Expected labels are counted by hand from the official holiday notice (国庆 10/1-10/7 off,
Saturday 10/10 worked) and the profiles' source texts.
"""

from __future__ import annotations

import struct
import sys
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from govshare.errors import GovshareError, InputError, MissingDependencyError
from govshare.features.timeline import Timeline, timeline
from govshare.render.json import json_schema, to_json
from govshare.render.registry import formats, render
from govshare.render.timeline import TimelineFontWarning, describe_due

ROOT = Path(__file__).resolve().parents[2]
NO_REPLY = ROOT / "docs" / "examples" / "no-reply.log.yaml"
JOINT = ROOT / "docs" / "examples" / "joint-review.log.yaml"
SVG_NS = "{http://www.w3.org/2000/svg}"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
THREE = ["hubei", "xinzhou", "liuzhou"]


def _has_cjk(text: str) -> bool:
    return any(unicodedata.east_asian_width(c) in "WF" for c in text)


@pytest.fixture(scope="module")
def national_day() -> Timeline:
    """The no-reply log (submitted Wed 2026-09-30 10:00, as of 2026-10-20), own levels."""
    return timeline(THREE, log=NO_REPLY, level="own")


def _bytes(tl: Timeline, fmt: str, lang: str = "zh") -> bytes:
    data = render(tl, fmt, lang=lang)
    assert isinstance(data, bytes)
    return data


def _texts(svg: bytes) -> list[str]:
    root = ET.fromstring(svg)
    return ["".join(t.itertext()) for t in root.iter(f"{SVG_NS}text")]


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


def test_svg_is_xml_with_the_labels_as_text(national_day: Timeline) -> None:
    svg = _bytes(national_day, "svg")
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
    assert _bytes(national_day, "svg") == _bytes(again, "svg")
    assert _bytes(national_day, "svg", "en") == _bytes(again, "svg", "en")


def test_english_svg_has_no_chinese(national_day: Timeline) -> None:
    texts = _texts(_bytes(national_day, "svg", "en"))
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
    width, height = _png_size(_bytes(national_day, "png"))
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
    monkeypatch.setattr("govshare.render.timeline.find_cjk_font", lambda: None)
    seen = _record_texts(monkeypatch)
    with pytest.warns(TimelineFontWarning, match="no CJK font found.*English labels"):
        data = _bytes(national_day, "png", "zh")
    _png_size(data)
    assert "due 10-13, Art. 14(2) · deemed consent at 10-14 00:00" in seen
    assert not [s for s in seen if _has_cjk(s)]  # no empty boxes


def test_png_without_cjk_font_drops_chinese_names_and_says_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    tl = timeline(["hubei"], log=JOINT, as_of="2026-10-16")  # reviewers named in Chinese
    monkeypatch.setattr("govshare.render.timeline.find_cjk_font", lambda: None)
    seen = _record_texts(monkeypatch)
    with pytest.warns(TimelineFontWarning, match="left out"):
        _bytes(tl, "png", "en")
    assert not [s for s in seen if _has_cjk(s)]
    assert "provider · 5 working days · hb-rules-2021" in seen  # "(省民政厅)" dropped


def test_png_without_cjk_font_drops_chinese_asides_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    """ "xz-2022-3 (忻政办发〔2022〕3号) applies": the aside goes, not just its Chinese."""
    tl = timeline(["xinzhou"], log=NO_REPLY, level="provincial")  # a note naming the document
    monkeypatch.setattr("govshare.render.timeline.find_cjk_font", lambda: None)
    seen = _record_texts(monkeypatch)
    with pytest.warns(TimelineFontWarning):
        _bytes(tl, "png", "zh")
    drawn = " ".join(seen)
    assert "xz-2022-3 applies at county, prefectural level" in drawn
    assert "20223" not in drawn
    assert not _has_cjk(drawn)


def test_png_with_cjk_font_draws_chinese(
    national_day: Timeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    from govshare.render.timeline import find_cjk_font  # noqa: PLC0415

    if find_cjk_font() is None:
        pytest.skip("no CJK font installed here")
    seen = _record_texts(monkeypatch)
    _bytes(national_day, "png", "zh")
    assert "10-13 截止 第十四条(二) · 10-14 00:00 逾期视为同意" in seen


def test_render_rejects_unknown_format_and_language(national_day: Timeline) -> None:
    with pytest.raises(InputError) as e:
        render(national_day, "pdf")
    assert e.value.field == "format"  # the registry's error, naming the formats there are
    assert "json, png, svg, text" in str(e.value)
    with pytest.raises(InputError) as e:
        render(national_day, "svg", lang="fr")
    assert e.value.field == "lang"


def test_matplotlib_missing(national_day: Timeline, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(MissingDependencyError, match=r'pip install "govshare\[timeline\]"') as e:
        _bytes(national_day, "svg")
    assert isinstance(e.value, GovshareError)


def test_docs_example_picture_is_there() -> None:
    """docs/img/timeline-national-day.svg (scripts/update_docs_timeline.py) shows the case."""
    svg = (ROOT / "docs" / "img" / "timeline-national-day.svg").read_bytes()
    texts = _texts(svg)
    assert "10-13 截止 第十四条(二) · 10-14 00:00 逾期视为同意" in texts
    assert "10-09 截止 五(三)2 · 已逾期 8 个工作日" in texts
    assert "10-10 截止 第二十六条(二) · 已逾期 7 个工作日" in texts


def test_json_is_the_registered_document(national_day: Timeline) -> None:
    doc = to_json(national_day)
    assert doc["schema"] == "govshare-timeline/1"
    assert render(national_day, "json") == __import__("json").dumps(
        doc, ensure_ascii=False, indent=2
    )
    assert set(json_schema(Timeline)["required"]) >= {"schema", "mode", "lanes", "warnings"}
    liuzhou = doc["lanes"][2]
    assert liuzhou["region_name"] == {
        "zh": "广西壮族自治区",
        "en": "Guangxi Zhuang Autonomous Region",
    }
    assert liuzhou["marks"][0]["outcome"] == "overdue"
    assert liuzhou["marks"][0]["late_working_days"] == 7  # 10/12..10/16, 10/19, 10/20
    assert "json" in formats(Timeline)


def test_lane_titles_use_the_vocabulary_and_the_overlay_name(national_day: Timeline) -> None:
    zh, en = _texts(_bytes(national_day, "svg")), _texts(_bytes(national_day, "svg", "en"))
    assert "市级 · liuzhou · 广西壮族自治区日历" in zh
    assert "省级 · hubei" in zh
    assert "prefectural · liuzhou · Guangxi Zhuang Autonomous Region calendar" in " ".join(en)
    # the actor's name from the vocabulary: 共享平台 (sharing platform), 提供部门 (provider)
    assert "共享平台 · 2个工作日 · 忻政办发〔2022〕3号" in zh
    assert "sharing platform · 2 working days · xz-2022-3" in en


def test_text_summary(national_day: Timeline) -> None:
    text = render(national_day, "text", lang="en", output="a.svg")
    assert isinstance(text, str)
    assert text.startswith("wrote a.svg (3 lanes, 2026-09-30..2026-10-20)\nhubei (provincial)")
    assert (
        "  due 10-09, §5(3)2 · overdue by 8 working days — sharing platform · 2 working days;"
        in text
    )
