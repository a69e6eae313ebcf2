"""One log replayed in each jurisdiction (docs/examples/no-reply.log.yaml: submitted Wed
2026-09-30 10:00 at provincial level, nobody answers, as of 2026-10-20).

Hand counts (国办发明电〔2025〕7号: 10/1-10/7 off, Sat 10/10 worked):
- Hubei provincial, 5 working days (rules 第十四条(二)): 10/8, 10/9, 10/10, 10/12, 10/13;
  deemed consent at 10/14 00:00.
- Xinzhou (prefectural: no provincial document), platform 2 working days (五(三)2): 10/8,
  10/9; never forwarded, so the provider's 5 days never start.
- Liuzhou (prefectural), provider 3 working days (第二十六条(二)): 10/8, 10/9, 10/10.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from govshare.errors import DataFileError, InputError
from govshare.features.compare import compare_scenario, load_patches
from govshare.processes import EventLog, load_event_log
from govshare.render.compare import column_notes, divergence_text, outcome_text
from govshare.render.registry import render

ROOT = Path(__file__).resolve().parents[3]
LOG = ROOT / "docs" / "examples" / "no-reply.log.yaml"
PATCH = ROOT / "docs" / "examples" / "xinzhou-3-days.patch.yaml"


def test_outcomes_side_by_side() -> None:
    c = compare_scenario(LOG, ["hubei", "xinzhou", "liuzhou"])
    hb, xz, lz = c.columns
    assert (hb.level, xz.level, lz.level) == ("provincial", "prefectural", "prefectural")
    assert [col.outcome for col in c.columns] == ["deemed_consent", "overdue", "overdue"]
    assert outcome_text(hb) == "2026-10-14 00:00 逾期视为同意"
    assert hb.status is not None
    assert hb.status.state == "authorized"
    (hb_duty,) = hb.status.duties
    assert (hb_duty.due, hb_duty.outcome) == (dt.date(2026, 10, 13), "deemed_consent")
    assert xz.status is not None
    (platform,) = xz.status.duties
    assert (platform.actor, platform.due, platform.outcome) == (
        "platform",
        dt.date(2026, 10, 9),
        "overdue",
    )
    assert lz.status is not None
    assert lz.status.duties[0].due == dt.date(2026, 10, 10)
    divergences = [divergence_text(c, d, "en") for d in c.divergences]
    assert any("outcomes diverge" in d for d in divergences)
    assert "only in xinzhou: platform duty share.conditional.platform_review" in divergences
    assert any("no document at provincial level" in n for n in column_notes(xz, "en"))


def test_rendered_side_by_side() -> None:
    c = compare_scenario(LOG, ["hubei", "xinzhou"])
    table = render(c, "table")
    assert "2026-09-30 → 2026-10-13 · 逾期视为同意" in table
    assert "2026-09-30 → 2026-10-09 · 逾期未办" in table
    data = json.loads(render(c, "json"))
    assert data["schema"] == "govshare-compare-scenario/1"
    assert [col["outcome"] for col in data["columns"]] == ["deemed_consent", "overdue"]
    assert data["columns"][0]["status"]["fired"][0]["kind"] == "deemed_consent"
    html = render(c, "html")
    assert "class='deemed'" in html
    assert "class='overdue'" in html


def test_forced_level_and_missing_rules_do_not_sink_the_comparison() -> None:
    c = compare_scenario(LOG, ["hubei", "liuzhou"], level="provincial")
    hb, lz = c.columns
    assert hb.status is not None
    assert lz.status is None
    assert lz.error is not None
    assert "no rule in force" in lz.error
    assert lz.outcome == "error"


def test_as_of_and_event_log_objects() -> None:
    log = load_event_log(LOG)
    c = compare_scenario(log, ["hubei"], as_of="2026-10-13")
    (hb,) = c.columns
    assert hb.status is not None
    assert hb.status.state != "authorized"  # 10/13 not yet over
    assert hb.outcome == "open"


def test_what_if_column_after_its_baseline() -> None:
    # Forwarded 10/9: 5 working days -> 10/10, 10/12, 10/13, 10/14, 10/15; 3 -> 10/13.
    events = [
        {"at": "2026-09-30T10:00", "type": "submit", "by": "市卫健委"},
        {"at": "2026-10-09T15:00", "type": "forward"},
    ]
    log = EventLog.model_validate(
        {
            "process": "conditional_application",
            "level": "prefectural",
            "as_of": "2026-10-20",
            "events": events,
        }
    )
    c = compare_scenario(log, ["xinzhou"], patches=load_patches([PATCH]))
    base, what_if = c.columns
    assert what_if.id == "xinzhou+whatif"
    assert what_if.what_if is not None
    assert what_if.what_if.zh == "提供部门3个工作日答复"
    assert base.status is not None
    assert what_if.status is not None
    assert base.status.duties[1].due == dt.date(2026, 10, 15)
    assert what_if.status.duties[1].due == dt.date(2026, 10, 13)


def test_bad_logs_and_missing_as_of(tmp_path: Path) -> None:
    bad = tmp_path / "bad.log.yaml"
    bad.write_text("process: conditional_application\nlevel: provincial\nevents: []\nextra: 1\n")
    with pytest.raises(DataFileError, match=r"bad.log.yaml:4"):
        compare_scenario(bad, ["hubei"])
    no_as_of = tmp_path / "n.log.yaml"
    no_as_of.write_text("process: conditional_application\nlevel: provincial\nevents: []\n")
    with pytest.raises(InputError, match="as_of"):
        compare_scenario(no_as_of, ["hubei"])
