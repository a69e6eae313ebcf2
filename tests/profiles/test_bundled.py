"""The four bundled profiles: registry, quotes, coverage, schema, rules in force, deadlines.

Working days after Wed 2026-09-30, counted by hand from 国办发明电〔2025〕7号 (国庆 10/1-10/7
off, Sat 10/10 worked): #1 10/8, #2 10/9, #3 10/10, #4 10/12, #5 10/13, #6 10/14, #7 10/15,
#8 10/16, #9 10/19, #10 10/20, #11 10/21, #12 10/22, #13 10/23, #14 10/26, #15 10/27.
The periods (n) are read from the inventory and the source texts, not from the profiles.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from govshare import load_profile
from govshare.profiles import (
    RULE_KEYS,
    JurisdictionProfile,
    NoRuleInForceError,
    NotADeadlineError,
    list_profiles,
    profile_schema,
)

ROOT = Path(__file__).resolve().parents[2]
PROFILES = ROOT / "profiles"
JURISDICTIONS = ("hubei", "xinzhou", "liuzhou", "national")
SEED_FILES = {
    "hb-order-419": "hubei_order_419.simplified.txt",
    "hb-rules-2021": "hubei_rules_2021.txt",
    "xz-2022-3": "xinzhou_2022.txt",
    "lz-rules": "liuzhou_rules.txt",
    "sx-std-draft": "shanxi_std_draft.txt",
    "cn-809": "national_regulation_809.txt",
}
AFTER_0930 = {
    n: dt.date(2026, m, d)
    for n, (m, d) in enumerate(
        [
            (10, 8),
            (10, 9),
            (10, 10),
            (10, 12),
            (10, 13),
            (10, 14),
            (10, 15),
            (10, 16),
            (10, 19),
            (10, 20),
            (10, 21),
            (10, 22),
            (10, 23),
            (10, 26),
            (10, 27),
        ],
        start=1,
    )
}


def _norm(text: str) -> str:
    return re.sub(r"[\s*]", "", text)


def test_registry_equals_the_files_on_disk() -> None:
    """list_profiles() names exactly the YAML files in profiles/."""
    assert list_profiles() == sorted(p.stem for p in PROFILES.glob("*.yaml"))
    assert list_profiles() == ["hubei", "liuzhou", "national", "shanxi_std", "xinzhou"]


@pytest.mark.parametrize("name", ["hubei", "liuzhou", "national", "shanxi_std", "xinzhou"])
def test_every_quote_is_verbatim_in_the_seeds(name: str, shared_dir: Path) -> None:
    """Every quote (rules, extra quotes, document fields, precedence, checklist) is in its seed."""
    prof = load_profile(name)
    texts = {d: _norm((shared_dir / "seeds" / f).read_text("utf-8")) for d, f in SEED_FILES.items()}
    quotes: list[tuple[str, str]] = []
    for entries in prof.model.rules.values():
        for e in entries:
            if e.quote:
                quotes.append((e.doc, e.quote))
            quotes += [(e.doc, q.quote) for q in e.extra_quotes]
    for d in prof.model.documents:
        quotes += [(d.id, c.quote) for c in d.citations]
    quotes += [(p.doc, p.citation.quote) for p in prof.model.precedence]
    quotes += [(i.doc, i.quote) for i in prof.model.checklist]
    for proc in prof.model.processes.values():
        quotes += [(t.cite.doc, t.cite.quote) for t in proc.transitions if t.cite]
    assert len(quotes) > 20
    missing = [(doc, q) for doc, q in quotes if _norm(q) not in texts[doc]]
    assert missing == []


@pytest.mark.parametrize("name", JURISDICTIONS)
def test_every_rule_key_is_covered_for_every_document(name: str) -> None:
    """Each jurisdiction profile gives every inventory key a value or not_specified, per doc."""
    prof = load_profile(name)
    assert set(prof.model.rules) == set(RULE_KEYS)
    for key, entries in prof.model.rules.items():
        assert {e.doc for e in entries} == set(prof.documents), key


def test_shanxi_standard_is_a_draft_checklist() -> None:
    """The Shanxi draft standard is a checklist with unique clause ids, not in force."""
    prof = load_profile("shanxi_std")
    assert prof.model.kind == "standard"
    assert prof.documents["sx-std-draft"].status == "draft"
    ids = [i.id for i in prof.model.checklist]
    assert len(ids) == len(set(ids)) >= 40
    assert {"7.3", "9.3-2"} <= {i.id for i in prof.model.checklist if i.sets_time_limit}


def test_bundled_schema_is_current() -> None:
    """profiles/profile.schema.json is what `govshare schema` generates from the models."""
    assert (PROFILES / "profile.schema.json").read_text("utf-8") == profile_schema()
    assert json.loads(profile_schema())["title"] == "govshare profile"


def test_profiles_point_editors_at_the_schema() -> None:
    """Each bundled profile names the JSON Schema for editors (yaml-language-server)."""
    for path in PROFILES.glob("*.yaml"):
        first = path.read_text("utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=./profile.schema.json", path.name


class TestHubeiLayers:
    """Order 419 (10 working days, from 2021-04-01); provincial rules (5, from 2021-10-19)."""

    key = "share.conditional.provider_reply"

    @pytest.fixture
    def hubei(self) -> JurisdictionProfile:
        return load_profile("hubei")

    def test_provincial_after_the_rules_five_days_displacing_order_419(
        self, hubei: JurisdictionProfile
    ) -> None:
        """Provincial, 2026-09-30: 5 working days (第十四条); the 10-day 第二十条 displaced."""
        dl = hubei.deadline(self.key, "2026-09-30", level="provincial")
        assert dl.due == AFTER_0930[5] == dt.date(2026, 10, 13)
        assert dl.end_instant.isoformat() == "2026-10-14T00:00:00+08:00"
        assert dl.source.number == "鄂政务办发〔2021〕1号"
        assert dl.source.article == "第十四条"
        assert "5个工作日" in (dl.source.quote or "")
        assert len(dl.displaced) == 1
        old = dl.displaced[0]
        assert (old.source.number, old.source.article) == ("湖北省人民政府令第419号", "第二十条")
        assert old.value is not None
        assert old.value.kind == "working_days"
        assert old.value.n == 10
        assert dl.provisional is False

    def test_provincial_before_the_rules_ten_days(self, hubei: JurisdictionProfile) -> None:
        """Provincial, received 2021-06-01 (Tue): 10 working days under Order 419.

        6/2 (1), 6/3 (2), 6/4 (3), 6/7 (4), 6/8 (5), 6/9 (6), 6/10 (7), 6/11 (8), 端午 6/12-6/14
        off (国办发明电〔2020〕27号), 6/15 (9), 6/16 (10).
        """
        dl = hubei.deadline(self.key, "2021-06-01", level="provincial")
        assert dl.due == dt.date(2021, 6, 16)
        assert dl.source.doc == "hb-order-419"
        assert dl.displaced == ()

    def test_prefectural_ten_days_unless_adopted(self, hubei: JurisdictionProfile) -> None:
        """市州 level: 10 working days; 5 when the city adopted the rules (第二条 参照执行)."""
        assert hubei.deadline(self.key, "2026-09-30", level="prefectural").due == AFTER_0930[10]
        adopted = hubei.deadline(
            self.key, "2026-09-30", level="prefectural", adopted=["hb-rules-2021"]
        )
        assert adopted.due == AFTER_0930[5]
        assert adopted.displaced[0].source.doc == "hb-order-419"

    def test_before_order_419_no_rule_in_force(self, hubei: JurisdictionProfile) -> None:
        """Received 2021-03-01, before Order 419 took effect: a typed error, not a guess."""
        with pytest.raises(NoRuleInForceError) as info:
            hubei.deadline(self.key, "2021-03-01", level="provincial")
        assert info.value.as_of == dt.date(2021, 3, 1)
        assert "2021-04-01" in str(info.value)

    def test_silence_of_the_rules_does_not_displace_the_order(
        self, hubei: JurisdictionProfile
    ) -> None:
        """Where the rules say nothing (share types), the order's rule stands."""
        result = hubei.rule("share.types", as_of="2026-09-30", level="provincial")
        assert result.source.doc == "hb-order-419"
        assert result.value is not None


def test_xinzhou_after_expiry_no_rule_in_force() -> None:
    """Xinzhou's opinion is valid 5 years from 2022-01-05: after 2027-01-05 nothing applies."""
    xinzhou = load_profile("xinzhou")
    assert xinzhou.documents["xz-2022-3"].in_force_until == dt.date(2027, 1, 5)
    with pytest.raises(NoRuleInForceError, match="2027-01-05"):
        xinzhou.rule("share.conditional.provider_reply", as_of="2027-01-06", level="prefectural")
    ok = xinzhou.rule("share.conditional.provider_reply", as_of="2027-01-05", level="prefectural")
    assert ok.value is not None


def test_liuzhou_counts_on_guangxi_and_says_its_date_is_unknown() -> None:
    """Liuzhou: 3 working days on the Guangxi calendar; results note the unknown in-force date.

    Received Wed 2026-04-15: Thu 4/16 (1), 4/17 regional rest, weekend, 4/20 regional rest,
    Tue 4/21 (2), Wed 4/22 (3).
    """
    liuzhou = load_profile("liuzhou")
    dl = liuzhou.deadline("share.conditional.provider_reply", "2026-04-15", level="prefectural")
    assert dl.due == dt.date(2026, 4, 22)
    assert any("in-force date is unknown" in w.en for w in dl.warnings)
    assert any("medium confidence" in w.en for w in dl.warnings)


@pytest.mark.parametrize(
    ("profile", "key", "level", "adopted", "n"),
    [
        ("hubei", "share.conditional.provider_reply", "provincial", (), 5),
        ("hubei", "quality.correction.provider_reply", "provincial", (), 3),
        ("hubei", "demand.new_data.reply", "provincial", (), 5),
        ("hubei", "catalog.change.approval", "provincial", (), 5),
        ("hubei", "catalog.modify.switch_over", "provincial", (), 5),
        ("hubei", "dispatch.infeasible_feedback", "provincial", (), 5),
        ("hubei", "share.conditional.provider_reply", "prefectural", (), 10),
        ("hubei", "quality.correction.provider_reply", "prefectural", (), 3),
        ("hubei", "demand.new_data.reply", "prefectural", (), 10),
        ("hubei", "demand.new_data.reply", "prefectural", ("hb-rules-2021",), 5),
        ("xinzhou", "share.unconditional.platform_review", "prefectural", (), 2),
        ("xinzhou", "share.conditional.platform_review", "prefectural", (), 2),
        ("xinzhou", "share.conditional.provider_reply", "prefectural", (), 5),
        ("xinzhou", "quality.correction.provider_reply", "prefectural", (), 5),
        ("xinzhou", "catalog.update_after_legal_change", "prefectural", (), 15),
        ("liuzhou", "share.conditional.provider_reply", "prefectural", (), 3),
        ("liuzhou", "quality.correction.provider_reply", "prefectural", (), 2),
        ("liuzhou", "quality.report_window", "prefectural", (), 2),
        ("liuzhou", "catalog.update_after_legal_change", "prefectural", (), 10),
        ("liuzhou", "catalog.change.approval", "prefectural", (), 3),
        ("liuzhou", "platform.account.processing", "prefectural", (), 2),
    ],
)
def test_working_day_deadlines_from_2026_09_30(
    profile: str, key: str, level: str, adopted: tuple[str, ...], n: int
) -> None:
    """Every working-day deadline key of the profile's own documents, from Wed 2026-09-30,
    lands on the hand-counted day (with the national layer: tests/profiles/test_layers.py)."""
    dl = load_profile(profile).own_deadline(key, "2026-09-30", level=level, adopted=adopted)
    assert dl.due == AFTER_0930[n]
    assert f"{n} working days" in dl.period


@pytest.mark.parametrize(
    ("profile", "level", "offline", "latest"),
    [
        # Hubei rules 第十一条: tell users 5 working days before going offline on Tue 10/20:
        # notice on Mon 10/12 -> 10/13, 10/14, 10/15, 10/16, 10/19 end before 10/20; 10/13 is late.
        ("hubei", "provincial", dt.date(2026, 10, 20), dt.date(2026, 10, 12)),
        # Liuzhou 第二十一条(三): 10 working days' publicity before offline on Tue 10/27: from
        # Mon 10/12 the 10th working day is Mon 10/26; from Tue 10/13 it would be 10/27.
        ("liuzhou", "prefectural", dt.date(2026, 10, 27), dt.date(2026, 10, 12)),
    ],
)
def test_advance_notice_before_offline(
    profile: str, level: str, offline: dt.date, latest: dt.date
) -> None:
    """A notice period before an act: the last day the notice can start."""
    dl = load_profile(profile).deadline("catalog.offline.notice_to_users", offline, level=level)
    assert dl.due == latest


def test_same_day_and_month_end_deadlines() -> None:
    """Hubei: table data the same day (第九条); annual reports by end of January, lists by Nov."""
    hubei = load_profile("hubei")
    assert hubei.deadline("data.table_update", "2026-09-30", level="provincial").due == dt.date(
        2026, 9, 30
    )
    report = hubei.deadline("report.annual.departments", "2026-11-23", level="provincial")
    assert report.due == dt.date(2027, 1, 31)
    lists = hubei.deadline("lists.annual_publication", "2026-11-23", level="provincial")
    assert lists.due == dt.date(2026, 11, 30)


def test_not_specified_is_not_a_deadline() -> None:
    """Xinzhou is silent on the reply timeout; Hubei has no platform review period."""
    with pytest.raises(NotADeadlineError, match="not_specified"):
        load_profile("hubei").deadline(
            "share.unconditional.platform_review", "2026-09-30", level="provincial"
        )
    xinzhou = load_profile("xinzhou")
    timeout = xinzhou.rule(
        "share.conditional.on_reply_timeout", as_of="2026-09-30", level="prefectural"
    )
    assert timeout.not_specified
    hubei_timeout = load_profile("hubei").rule(
        "share.conditional.on_reply_timeout", as_of="2026-09-30", level="provincial"
    )
    assert hubei_timeout.value is not None
    assert hubei_timeout.value.kind == "outcome"
    assert hubei_timeout.value.on_timeout == "deemed_consent"
