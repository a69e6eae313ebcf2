"""What-if patches: applied like edits to the profile, validated like profiles."""

from __future__ import annotations

from pathlib import Path

import pytest

from govshare.errors import DataFileError
from govshare.features.compare import compare_rules, load_patches

ROOT = Path(__file__).resolve().parents[3]
EXAMPLES = ROOT / "docs" / "examples"


def _patch(tmp_path: Path, text: str) -> Path:
    f = tmp_path / "p.patch.yaml"
    f.write_text(text, encoding="utf-8")
    return f


HEAD = "schema: govshare-patch/1\nprofile: xinzhou\nname: {zh: 试, en: test}\n"


def test_a_changed_period_keeps_the_rest_of_the_rule() -> None:
    (pp,) = load_patches([EXAMPLES / "xinzhou-3-days.patch.yaml"])
    base = pp.baseline.rule(
        "share.conditional.provider_reply", as_of="2026-11-23", level="prefectural"
    )
    new = pp.profile.rule(
        "share.conditional.provider_reply", as_of="2026-11-23", level="prefectural"
    )
    assert (base.value.n, new.value.n) == (5, 3)
    assert new.value.from_ == "forwarding_to_provider"
    assert new.value.refusal_requires_reasons is True  # untouched fields stay
    assert new.source.clause == "(三)2"


def test_what_if_cells_are_flagged_only_where_the_answer_changed() -> None:
    m = compare_rules(
        ["xinzhou"],
        as_of="2026-11-23",
        patches=load_patches([EXAMPLES / "xinzhou-3-days.patch.yaml"]),
    )
    assert [c.id for c in m.columns] == [
        "xinzhou:prefectural,county",
        "xinzhou+whatif:prefectural,county",
    ]
    flagged = [r.key for r in m.rows for c in r.cells if c.what_if]
    assert flagged == ["share.conditional.provider_reply"]


def test_adopting_a_document_at_city_level() -> None:
    # Hubei rules 第二条: cities may adopt (参照执行) the provincial rules: 5 days, not 10.
    m = compare_rules(
        ["hubei"],
        as_of="2026-11-23",
        level="prefectural",
        patches=load_patches([EXAMPLES / "hubei-city-adopts-rules.patch.yaml"]),
    )
    base, what_if = (
        c for c in next(r for r in m.rows if r.key == "share.conditional.provider_reply").cells
    )
    assert (base.value.n, what_if.value.n) == (10, 5)
    assert what_if.what_if
    assert not base.what_if
    assert m.columns[1].adopted == ("hb-rules-2021",)


def test_a_draft_becoming_binding(tmp_path: Path) -> None:
    # Supposing Xinzhou's measures were extended: still in force on 2027-06-01.
    f = _patch(tmp_path, HEAD + "documents:\n  xz-2022-3: {in_force_until: 2027-12-31}\n")
    m = compare_rules(
        ["xinzhou"], as_of="2027-06-01", level="prefectural", patches=load_patches([f])
    )
    base, what_if = next(r for r in m.rows if r.key == "share.conditional.provider_reply").cells
    assert base.status == "not_in_force"
    assert (what_if.status, what_if.value.n, what_if.what_if) == ("value", 5, True)


@pytest.mark.parametrize(
    ("body", "line", "words"),
    [
        ("colour: red\n", 4, "colour"),
        (
            "rules:\n  share.conditional.provider_reply:\n    - {doc: nope, value: {n: 3}}\n",
            6,
            "nope",
        ),
        ("rules:\n  no.such.key:\n    - {doc: xz-2022-3, value: {n: 3}}\n", 5, "no.such.key"),
        ("documents:\n  nope: {status: draft}\n", 5, "nope"),
        (
            "rules:\n  share.conditional.provider_reply:\n    - doc: xz-2022-3\n"
            "      value: {n: -1}\n",
            7,
            "greater than or equal to 0",
        ),
        (
            "rules:\n  share.conditional.provider_reply:\n    - doc: xz-2022-3\n"
            "      value: {kind: calendar_days, n: 3}\n",
            7,
            "from",
        ),
        ("adopt: [hb-rules-2021]\n", 4, "hb-rules-2021"),
        (
            "rules:\n  share.conditional.provider_reply:\n    - {doc: xz-2022-3, value: null}\n",
            6,
            "value is null",
        ),
    ],
)
def test_bad_patches_name_file_and_line(tmp_path: Path, body: str, line: int, words: str) -> None:
    f = _patch(tmp_path, HEAD + body)
    with pytest.raises(DataFileError) as err:
        load_patches([f])
    message = str(err.value)
    assert f"p.patch.yaml:{line}" in message, message
    assert words in message
