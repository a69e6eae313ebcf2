"""The rules matrix: values in force, per level, with citations; every output format.

Expected values are read from the texts: Hubei rules 第十四条(二) "5个工作日内" (provincial),
order 419 第二十条 "10个工作日内" (other levels); Xinzhou 五(三)2 "共享平台管理单位在2个工作日内"
and "提供部门应在５个工作日内予以答复"; Liuzhou 第二十六条(二) 3 working days and 第二十一条(三)
10 working days' publicity before going offline; Xinzhou's measures valid until 2027-01-05.
"""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govshare.errors import InputError
from govshare.features.compare import MatrixRow, RuleMatrix, compare_rules
from govshare.profiles import RULE_KEYS
from govshare.render.compare import cell_text
from govshare.render.json import to_json
from govshare.render.registry import render
from govshare.render.text import width_of, wrap

AS_OF = "2026-11-23"


@pytest.fixture(scope="module")
def matrix() -> RuleMatrix:
    return compare_rules(["hubei", "xinzhou", "liuzhou"], as_of=AS_OF)


def _row(m: RuleMatrix, key: str) -> MatrixRow:
    return next(r for r in m.rows if r.key == key)


def _cells(m: RuleMatrix, key: str) -> dict[str, Any]:
    return {c.column: c for c in _row(m, key).cells}


def test_columns_are_each_profile_at_its_own_levels(matrix: RuleMatrix) -> None:
    # Hubei: provincial (rules), prefectural and county (order; annual reports differ by
    # level); Xinzhou's measures apply alike to city and county; Liuzhou: the city.
    assert [c.id for c in matrix.columns] == [
        "hubei:provincial",
        "hubei:prefectural",
        "hubei:county",
        "xinzhou:prefectural,county",
        "liuzhou:prefectural",
    ]
    assert len(matrix.rows) == len(RULE_KEYS)


def test_hubei_five_versus_ten_working_days(matrix: RuleMatrix) -> None:
    cells = _cells(matrix, "share.conditional.provider_reply")
    prov, city = cells["hubei:provincial"], cells["hubei:prefectural"]
    assert (prov.value.n, prov.source.article, prov.source.clause) == (5, "第十四条", "(二)")
    assert prov.source.number == "鄂政务办发〔2021〕1号"
    assert (city.value.n, city.source.article) == (10, "第二十条")
    assert city.source.number == "湖北省人民政府令第419号"
    assert cells["xinzhou:prefectural,county"].value.n == 5
    assert cells["liuzhou:prefectural"].value.n == 3
    assert _row(matrix, "share.conditional.provider_reply").differs


def test_xinzhou_alone_has_a_platform_review_step(matrix: RuleMatrix) -> None:
    cells = _cells(matrix, "share.conditional.platform_review")
    xz = cells["xinzhou:prefectural,county"]
    assert (xz.status, xz.value.n, xz.source.clause) == ("value", 2, "(三)2")
    others = [c for k, c in cells.items() if not k.startswith("xinzhou")]
    assert {c.status for c in others} == {"not_specified"}


def test_liuzhou_publicity_period_before_going_offline(matrix: RuleMatrix) -> None:
    cells = _cells(matrix, "catalog.offline.notice_to_users")
    lz = cells["liuzhou:prefectural"]
    assert (lz.value.n, lz.value.before, lz.source.article) == (
        10,
        "offline_execution",
        "第二十一条",
    )
    assert cell_text(lz, "zh") == "10个工作日（下线前）"
    assert cells["hubei:provincial"].value.n == 5
    assert cells["xinzhou:prefectural,county"].value.kind == "promptly"


@pytest.mark.parametrize(("as_of", "in_force"), [("2027-01-05", True), ("2027-01-06", False)])
def test_xinzhou_expires_after_2027_01_05(as_of: str, in_force: bool) -> None:
    m = compare_rules(["xinzhou"], as_of=as_of, level="prefectural")
    statuses = {c.status for r in m.rows for c in r.cells}
    if in_force:
        assert "not_in_force" not in statuses
    else:
        assert statuses == {"not_in_force"}
        reason = _cells(m, "share.types")["xinzhou:prefectural"].reason
        assert "expired: in force until 2027-01-05" in reason


def test_only_diff_keeps_rows_that_differ(matrix: RuleMatrix) -> None:
    diff = compare_rules(["hubei", "xinzhou", "liuzhou"], as_of=AS_OF, only_diff=True)
    assert [r.key for r in diff.rows] == [r.key for r in matrix.rows if r.differs]
    assert 0 < len(diff.rows) < len(matrix.rows)
    same = compare_rules(["hubei", "hubei"], as_of=AS_OF, level="provincial", only_diff=True)
    assert same.rows == ()


def test_a_single_level_for_everyone() -> None:
    m = compare_rules(["hubei", "liuzhou"], as_of=AS_OF, level="provincial")
    assert [c.id for c in m.columns] == ["hubei:provincial", "liuzhou:provincial"]
    lz = _cells(m, "share.types")["liuzhou:provincial"]
    assert lz.status == "not_in_force"
    assert "applies at prefectural level" in lz.reason


def test_bad_input_is_named() -> None:
    with pytest.raises(InputError, match="level"):
        compare_rules(["hubei"], as_of=AS_OF, level="national")
    with pytest.raises(InputError, match="as_of"):
        compare_rules(["hubei"], as_of="2026-13-01")
    with pytest.raises(InputError, match="profile"):
        compare_rules(["atlantis"], as_of=AS_OF)
    with pytest.raises(InputError, match="format"):
        render(compare_rules(["hubei"], as_of=AS_OF), "pdf")


# -- formats ------------------------------------------------------------------------------


def test_json_is_the_documented_shape(matrix: RuleMatrix) -> None:
    data = json.loads(render(matrix, "json"))
    assert data == to_json(matrix)
    assert data["schema"] == "govshare-compare/1"
    assert data["as_of"] == AS_OF
    assert data["columns"][0] == {
        "id": "hubei:provincial",
        "profile": "hubei",
        "levels": ["provincial"],
        "name": {"zh": "湖北省", "en": "Hubei Province"},
        "adopted": [],
        "what_if": None,
        "baseline": None,
    }
    row = next(r for r in data["rows"] if r["key"] == "share.conditional.provider_reply")
    cell = next(c for c in row["cells"] if c["column"] == "hubei:prefectural")
    assert cell["status"] == "value"
    assert cell["value"]["n"] == 10
    assert cell["value"]["from"] == "application_receipt"
    assert cell["source"]["article"] == "第二十条"
    assert "10个工作日" in cell["source"]["quote"]
    assert set(cell["source"]) == {"doc", "title", "number", "article", "clause", "quote", "short"}
    assert cell["source"]["short"] == "湖北省人民政府令第419号 第二十条"
    assert row["label"] == {"zh": "有条件共享提供部门答复时限", "en": "conditional: provider reply"}
    assert row["differs"] is True


def test_csv_has_a_row_per_key(matrix: RuleMatrix) -> None:
    rows = list(csv.reader(io.StringIO(render(matrix, "csv"))))
    assert rows[0][:4] == ["section", "row", "label", "differs"]
    assert len(rows[0]) == 4 + len(matrix.columns)
    assert len(rows) == 1 + len(RULE_KEYS)
    reply = next(r for r in rows if r[1] == "share.conditional.provider_reply")
    assert reply[3] == "yes"
    assert reply[4].startswith("5个工作日")
    assert "第十四条(二)" in reply[4]


def test_markdown_groups_rows_by_section(matrix: RuleMatrix) -> None:
    md = render(matrix, "md")
    assert "### 1 共享类型与路径" in md
    assert "| 规则 | 湖北省 hubei · 省级 |" in md
    line = next(x for x in md.splitlines() if "`share.conditional.provider_reply`" in x)
    assert line.count(" | ") == len(matrix.columns)
    assert "鄂政务办发〔2021〕1号 第十四条(二)" in line


class _Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.tags: dict[str, int] = {}
        self.external: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] = self.tags.get(tag, 0) + 1
        self.external += [v for k, v in attrs if k in ("src", "href") and v]
        if tag not in ("meta", "input", "br"):
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack[-1:] == [tag], (tag, self.stack[-5:])
        self.stack.pop()


def test_html_is_one_well_formed_self_contained_page(matrix: RuleMatrix) -> None:
    page = render(matrix, "html")
    parser = _Html()
    parser.feed(page)
    assert parser.stack == []  # every element closed, in order
    assert parser.external == []  # no stylesheet, script or font to fetch
    assert parser.tags["table"] == len({r.section for r in matrix.rows})
    assert parser.tags["tr"] == len(matrix.rows) + parser.tags["table"]
    assert "提供部门应在５个工作日内予以答复" in page  # quotes travel with the file
    assert '<html lang="zh-CN">' in page


def test_terminal_table_fits_100_columns(matrix: RuleMatrix) -> None:
    for fmt_matrix in (matrix, compare_rules(["xinzhou", "liuzhou"], as_of=AS_OF)):
        text = render(fmt_matrix, "table")
        assert max(width_of(line) for line in text.splitlines()) <= 100
        assert "■ 1 共享类型与路径" in text
    assert "忻州市 xinzhou · 市级/县级" in render(matrix, "table")


@settings(max_examples=200)
@given(st.text(alphabet="ab 忻州市，(三)2_x", max_size=60), st.integers(4, 40))
def test_wrap_never_exceeds_the_width_and_keeps_the_text(text: str, width: int) -> None:
    lines = wrap(text, width)
    assert all(width_of(line) <= width for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_cells_carry_the_national_layer() -> None:
    """Hubei provincial reply: the rules' 5 working days, the national 10 (第二十一条) as the
    ceiling; Xinzhou's catalog update 15 (三(二)) against the national 10 (第十七条): the
    national one binds, a conflict."""
    m = compare_rules(["hubei", "xinzhou"], as_of="2026-11-23")
    rows = {r.key: r for r in m.rows}
    reply = {c.column: c for c in rows["share.conditional.provider_reply"].cells}
    (ceiling,) = reply["hubei:provincial"].layers
    assert (ceiling.profile, ceiling.relation) == ("national", "ceiling")
    assert ceiling.source.article == "第二十一条"
    update = next(
        c for c in rows["catalog.update_after_legal_change"].cells if c.column.startswith("xinzhou")
    )
    (upper,) = update.layers
    assert (upper.relation, upper.source.article) == ("binds", "第十七条")
