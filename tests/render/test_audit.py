"""The audit report: sections, charts, both languages, no raw ids in the Chinese text."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("polars")
pytest.importorskip("matplotlib")

from govshare._kernel.vocabulary import labels
from govshare.features.audit import audit, synthesize
from govshare.profiles import load_profile
from govshare.render.audit import report_html, summary_text
from govshare.render.registry import render

HB = load_profile("hubei")


@pytest.fixture(scope="module")
def result() -> object:
    return audit(synthesize(HB.calendar, 2000, seed=3), profile=HB, as_of="2026-12-31")


def _visible(html: str) -> str:
    """The text a reader sees: no tags, no SVG paths, no style."""
    html = re.sub(r"<style>.*?</style>", "", html, flags=re.S)
    html = re.sub(r"<svg.*?</svg>", lambda m: " ".join(re.findall(r">([^<]+)<", m[0])), html,
                  flags=re.S)  # fmt: skip
    return re.sub(r"<[^>]+>", " ", html)


def test_chinese_report_has_every_section(result: object) -> None:
    html = report_html(result, "zh")  # type: ignore[arg-type]
    for words in ("概况", "审计结论", "按提供部门", "按月份", "答复用时分布", "依据", "解读说明"):
        assert words in html
    assert html.count("<svg") == 3
    assert "<script" not in html
    text = _visible(html)
    assert not re.search(r"\b[a-z]+_[a-z_]+\b", text), "a raw id in the Chinese report"
    assert "逾期不处理的" in text  # the deemed-consent quote among the citations


def test_english_report_uses_no_chinese_label(result: object) -> None:
    """Every word of the report comes from the vocabulary: in English, none of the Chinese
    labels appears (Chinese is left only in names, titles and quotes of the texts)."""
    text = _visible(report_html(result, "en"))  # type: ignore[arg-type]
    text = re.sub(r"「[^」]*」", "", text)  # quotes of the texts
    for id_, lab in labels("audit").items():
        if id_.startswith(("not_a_", "reading_")) or len(lab.zh) < 3:
            continue
        assert lab.zh not in text, id_
    assert "reply timeliness" in text


def test_text_and_json_are_registered(result: object) -> None:
    assert summary_text(result, "en").startswith("Data-sharing timeliness audit")  # type: ignore[arg-type]
    assert "答复及时率" in str(render(result, "text"))
    assert '"schema": "govshare-audit/1"' in str(render(result, "json"))
