"""The national regulation (cn-809, 政务数据共享条例) as a profile; ranks and layer_under.

Values are read from national_regulation_809.txt by hand, not from the profile.

Working days after Wed 2026-09-30, counted by hand from the 2026 holiday notice
(国办发明电〔2025〕7号; checked in shared/calendar/holiday-cn/2026.json: 国庆 10/1-10/7 off,
Sun 9/20 and Sat 10/10 worked): #1 Thu 10/8, #2 Fri 10/9, #3 Sat 10/10 (make-up day),
#4 Mon 10/12, #5 10/13, #6 10/14, #7 10/15, #8 Fri 10/16, #9 Mon 10/19, #10 Tue 10/20,
#11 10/21, #12 10/22, #13 Fri 10/23, #14 Mon 10/26, #15 10/27, #16 10/28, #17 10/29,
#18 Fri 10/30, #19 Mon 11/2, #20 Tue 11/3 (no holiday in November).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from govshare import load_profile
from govshare.errors import DataFileError
from govshare.profiles import RULE_KEYS, JurisdictionProfile, NoRuleInForceError, NotADeadlineError

ROOT = Path(__file__).resolve().parents[2]
SECTION_11 = {
    "share.unconditional.provider_reply",
    "share.reply.extension",
    "share.application.incomplete",
    "share.provision.after_consent",
    "share.return_flow",
    "share.use_limits",
    "share.records_retention",
    "catalog.review_publish",
    "violations.provider",
    "violations.requester",
    "violations.authority",
}


@pytest.fixture
def national() -> JurisdictionProfile:
    return load_profile("national")


def test_loads_with_one_document_in_force_from_2025_08_01(national: JurisdictionProfile) -> None:
    """cn-809: in force from 2025-08-01 (第四十四条), every level, administrative regulation."""
    doc = national.documents["cn-809"]
    assert (doc.title, doc.status, doc.rank) == (
        "政务数据共享条例",
        "in_force",
        "administrative_regulation",
    )
    assert doc.in_force_from == dt.date(2025, 8, 1)
    assert set(doc.levels) == {"provincial", "prefectural", "county"}
    assert national.model.layer_under is None
    assert set(national.model.rules) == set(RULE_KEYS)


def test_section_11_keys_are_in_the_registry() -> None:
    """The 11 keys inventory section 11 marks new, with labels in both languages."""
    assert set(RULE_KEYS) >= SECTION_11
    assert len(RULE_KEYS) == 48 + 11
    for key in SECTION_11:
        assert RULE_KEYS[key].zh
        assert RULE_KEYS[key].en


@pytest.mark.parametrize(
    ("key", "n", "article", "words"),
    [
        ("share.unconditional.provider_reply", 1, "第二十一条", "1个工作日内作出答复"),
        (
            "share.conditional.provider_reply",
            10,
            "第二十一条",
            "10个工作日内作出是否同意共享的答复",
        ),
        ("share.reply.extension", 10, "第二十一条", "最长不得超过10个工作日"),
        ("share.provision.after_consent", 20, "第二十二条", "20个工作日内共享政务数据"),
        ("catalog.update_after_legal_change", 10, "第十七条", "10个工作日内对政务数据目录完成更新"),
        ("catalog.review_publish", 2, "第十七条", "2个工作日内完成审核并发布"),
        ("quality.correction.provider_reply", 10, "第二十六条", "10个工作日内予以核实、更正"),
    ],
)
def test_time_limits_with_their_article(
    national: JurisdictionProfile, key: str, n: int, article: str, words: str
) -> None:
    """Each time limit of the regulation, in working days, cited with its article and words."""
    rule = national.rule(key, as_of="2026-09-30", level="county")
    assert rule.value is not None
    assert rule.value.kind == "working_days"
    assert rule.value.n == n
    assert rule.source.article == article
    assert words in (rule.source.quote or "")


def test_catalog_update_extension_is_5_more_working_days(national: JurisdictionProfile) -> None:
    """第十七条: 5 more working days with the same-level authority's consent."""
    entry = national.model.rules["catalog.update_after_legal_change"][0]
    assert entry.value is not None
    assert entry.value.extension is not None
    assert entry.value.extension.n == 5
    assert any("可以延长5个工作日" in q.quote for q in entry.extra_quotes)


def test_reply_deadline_over_national_day_2026(national: JurisdictionProfile) -> None:
    """Received Wed 2026-09-30: 10 working days end Tue 10/20 (hand count above), 1 day Thu 10/8."""
    reply = national.deadline("share.conditional.provider_reply", "2026-09-30", level="prefectural")
    assert reply.due == dt.date(2026, 10, 20)
    assert reply.source.article == "第二十一条"
    quick = national.deadline(
        "share.unconditional.provider_reply", "2026-09-30", level="prefectural"
    )
    assert quick.due == dt.date(2026, 10, 8)


def test_provision_20_working_days_after_consent(national: JurisdictionProfile) -> None:
    """Consent given Wed 2026-09-30: 20 working days end Tue 2026-11-03 (hand count above)."""
    dl = national.deadline("share.provision.after_consent", "2026-09-30", level="county")
    assert dl.due == dt.date(2026, 11, 3)
    assert dl.source.article == "第二十二条"


def test_no_rule_before_2025_08_01(national: JurisdictionProfile) -> None:
    """Before 第四十四条's date the regulation is not in force."""
    with pytest.raises(NoRuleInForceError, match="2025-08-01"):
        national.rule("share.conditional.provider_reply", as_of="2025-07-31", level="county")


def test_late_reply_is_a_violation_not_consent(national: JurisdictionProfile) -> None:
    """第三十九条(四): no deemed consent; a late reply without good reason is a violation."""
    rule = national.rule("share.conditional.on_reply_timeout", as_of="2026-09-30", level="county")
    assert rule.value is not None
    assert rule.value.kind == "outcome"
    assert rule.value.on_timeout == "overdue_violation"
    assert (rule.source.article, rule.source.clause) == ("第三十九条", "(四)")


def test_violation_lists_have_the_articles_items(national: JurisdictionProfile) -> None:
    """第三十九条 has 9 items, 第四十条 7, 第四十一条 3 (the last of each: other violations)."""
    for key, article, count in (
        ("violations.provider", "第三十九条", 9),
        ("violations.requester", "第四十条", 7),
        ("violations.authority", "第四十一条", 3),
    ):
        entry = national.model.rules[key][0]
        assert entry.article == article
        assert entry.value is not None
        assert entry.value.kind == "list"
        assert len(entry.value.items) == count
        assert entry.value.open_ended
        clauses = [q.clause for q in entry.extra_quotes if q.article == article]
        assert len(clauses) == count


def test_dispute_ladder_ends_with_the_government(national: JurisdictionProfile) -> None:
    """第二十八条: negotiate, same-level authority, common higher authority, government decides."""
    rule = national.rule("share.refusal.escalation", as_of="2026-09-30", level="county")
    assert rule.value is not None
    assert rule.value.kind == "steps"
    actors = [s.actor for s in rule.value.steps]
    assert actors == ["requester", "requester", "common_higher_authority", "same_level_government"]
    assert rule.source.article == "第二十八条"


def test_records_kept_at_least_3_years(national: JurisdictionProfile) -> None:
    """第二十九条: records kept no less than 3 years; a duration, not a deadline."""
    rule = national.rule("share.records_retention", as_of="2026-09-30", level="county")
    assert rule.value is not None
    assert rule.value.kind == "years"
    assert rule.value.n == 3
    assert rule.value.details["minimum"] is True
    with pytest.raises(NotADeadlineError):
        national.deadline("share.records_retention", "2026-09-30", level="county")


def test_readings_cover_the_open_questions(national: JurisdictionProfile) -> None:
    """The extension's scope, its ceiling, the notice of missing materials, retention start."""
    questions = " ".join(r["question"] for r in national.model.readings)
    for words in ("延长答复期限", "10 working days in total", "missing materials", "3 years"):
        assert words in questions


@pytest.mark.parametrize(
    ("name", "ranks"),
    [
        ("national", {"cn-809": "administrative_regulation"}),
        ("hubei", {"hb-order-419": "local_government_rule", "hb-rules-2021": "normative_document"}),
        ("xinzhou", {"xz-2022-3": "normative_document"}),
        ("liuzhou", {"lz-rules": "normative_document"}),
        ("shanxi_std", {"sx-std-draft": "draft_standard"}),
    ],
)
def test_documents_ranks(name: str, ranks: dict[str, str]) -> None:
    """Each bundled document's legal rank (行政法规 > 地方政府规章 > 规范性文件; draft standard)."""
    prof = load_profile(name)
    assert {d.id: d.rank for d in prof.model.documents} == ranks


@pytest.mark.parametrize("name", ["hubei", "xinzhou", "liuzhou"])
def test_local_profiles_layer_under_national(name: str) -> None:
    """The three jurisdictions name the national profile as the layer above them."""
    assert load_profile(name).model.layer_under == "national"


def test_rank_labels_in_both_languages() -> None:
    """The vocabulary names every rank in Chinese and English."""
    from govshare._kernel.vocabulary import label  # noqa: PLC0415

    assert label("rank", "administrative_regulation") == "行政法规"
    assert label("rank", "local_government_rule", "en") == "local government rule"
    assert label("rank", "normative_document") == "规范性文件"


def _copy_with(tmp_path: Path, old: str, new: str) -> Path:
    text = (ROOT / "profiles" / "xinzhou.yaml").read_text("utf-8")
    assert old in text
    path = tmp_path / "layered.yaml"
    path.write_text(text.replace(old, new, 1), "utf-8")
    return path


def test_unknown_layer_under_is_an_error_with_file_and_line(tmp_path: Path) -> None:
    """layer_under naming no known profile: DataFileError naming the file, line 12 and field."""
    path = _copy_with(tmp_path, "layer_under: national", "layer_under: atlantis")
    with pytest.raises(DataFileError) as info:
        load_profile(path)
    text = info.value.details()
    assert str(path) in text
    assert "layer_under names unknown profile 'atlantis'" in text
    assert any(i.line == 12 and i.field == "layer_under" for i in info.value.issues), text


def test_layer_under_itself_is_an_error(tmp_path: Path) -> None:
    """A profile cannot sit under itself."""
    path = _copy_with(tmp_path, "layer_under: national", "layer_under: xinzhou")
    with pytest.raises(DataFileError, match="names the profile itself"):
        load_profile(path)


def test_unknown_rank_is_refused(tmp_path: Path) -> None:
    """rank takes only the four ranks."""
    path = _copy_with(tmp_path, "rank: normative_document", "rank: decree")
    with pytest.raises(DataFileError, match="rank"):
        load_profile(path)


def test_rank_defaults_to_normative_document(tmp_path: Path) -> None:
    """A third-party profile without rank loads; its documents count as normative documents."""
    path = _copy_with(tmp_path, "    rank: normative_document\n", "")
    prof = load_profile(path)
    assert prof.documents["xz-2022-3"].rank == "normative_document"
