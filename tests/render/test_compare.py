"""Compare's renderings: the registry's formats, words from the vocabulary, hostile text.

Hostile text comes in through a what-if patch, as it would from a profile: the patch gives
Xinzhou's application contents (五(三)2) a text value of our choosing.
"""

from __future__ import annotations

import csv
import io
import re
import textwrap

import pytest

from govshare.errors import InputError
from govshare.features.compare import (
    RuleMatrix,
    ScenarioComparison,
    apply_patch,
    compare_rules,
    compare_scenario,
    load_patch,
    load_patches,
)
from govshare.render.grid import Grid, csv_safe, render_grid
from govshare.render.registry import formats, render
from govshare.render.text import width_of

AS_OF = "2026-11-23"
KEY = "share.conditional.application_contents"
CJK = re.compile(r"[\u3400-\u9fff]")


def _show(result: object, fmt: str, lang: str = "zh") -> str:
    out = render(result, fmt, lang=lang)
    assert isinstance(out, str)
    return out


def _hostile(text: str) -> RuleMatrix:
    """Xinzhou and a what-if whose application contents are ``text`` (a YAML scalar)."""
    patch = textwrap.dedent(
        f"""\
        schema: govshare-patch/1
        profile: xinzhou
        name: {{zh: 注入测试, en: injection test}}
        rules:
          {KEY}:
            - doc: xz-2022-3
              value: {{kind: text, text: {text}}}
        """
    )
    patched = apply_patch(*load_patch("hostile.patch.yaml", text=patch))
    return compare_rules(["xinzhou"], as_of=AS_OF, level="prefectural", patches=[patched])


def test_the_formats_are_the_registrys() -> None:
    for kind in (RuleMatrix, ScenarioComparison):
        assert formats(kind) == ("csv", "html", "json", "md", "table")
    m = compare_rules(["hubei"], as_of=AS_OF, level="provincial")
    with pytest.raises(InputError, match="csv, html, json, md, table"):
        render(m, "pdf")


def test_render_grid_rejects_an_unknown_format() -> None:
    grid = Grid("t", "s", ("a",), ())
    with pytest.raises(InputError, match="format"):
        render_grid(grid, "pdf")


@pytest.mark.parametrize(
    ("text", "safe"),
    [
        ("=HYPERLINK(1)", "'=HYPERLINK(1)"),
        ("+1", "'+1"),
        ("-1+2", "'-1+2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("5个工作日", "5个工作日"),
        ("a=b", "a=b"),
    ],
)
def test_csv_safe_prefixes_formula_starts(text: str, safe: str) -> None:
    assert csv_safe(text) == safe


def test_csv_from_profile_text_is_not_a_formula() -> None:
    m = _hostile('"=HYPERLINK(\\"http://x\\")"')
    rows = list(csv.reader(io.StringIO(_show(m, "csv"))))
    row = next(r for r in rows if r[1] == KEY)
    assert row[4].startswith("用途；应用场景等")  # the published list (purpose, scenario, ...)
    assert row[5].startswith("'=HYPERLINK(")
    assert all(not cell.startswith(("=", "+", "-", "@")) for r in rows for cell in r)


def test_a_carriage_return_does_not_break_a_markdown_table() -> None:
    m = _hostile('"line one\\rline two\\r\\nline three | no column"')
    md = _show(m, "md")
    line = next(x for x in md.splitlines() if f"`{KEY}`" in x)
    assert "line one line two line three \\| no column" in line
    assert "\r" not in md
    assert line.count(" | ") == len(m.columns)


def test_terminal_output_shows_control_characters() -> None:
    m = _hostile('"\\e[2J\\e]0;owned\\arest"')
    table = _show(m, "table")
    assert "\x1b" not in table
    assert "\x07" not in table
    assert "\\x1b[2J" in table


def test_what_if_cells_are_marked_in_the_terminal_table() -> None:
    # Xinzhou 五(三)2: 5 working days; the patch supposes 3 (docs/examples).
    patches = load_patches(["docs/examples/xinzhou-3-days.patch.yaml"])
    m = compare_rules(["xinzhou"], as_of=AS_OF, level="prefectural", patches=patches)
    zh, en = _show(m, "table"), _show(m, "table", "en")
    assert len(m.columns) == 2  # side by side, not stacked
    assert "[假设]" in zh
    assert "[what-if]" in en
    assert max(width_of(x) for x in zh.splitlines()) <= 100
    assert zh.count("[假设]") == sum(c.what_if for r in m.rows for c in r.cells)


def test_chinese_cells_name_every_id() -> None:
    # Order 419 第十六条: 无条件共享、有条件共享、不予共享; Xinzhou 五(三)1 applies with a
    # conformity review; Hubei order 第二十条: direct access.
    page = _show(compare_rules(["hubei", "xinzhou"], as_of=AS_OF), "html")
    for raw in ("unconditional, conditional, not_shared", ">direct<", "conformity_review"):
        assert raw not in page
    assert "无条件共享、有条件共享、不予共享" in page
    assert "申请并经符合性审查" in page


def test_english_output_has_no_chinese_headings() -> None:
    m = compare_rules(["hubei", "xinzhou", "liuzhou"], as_of=AS_OF)
    table = _show(m, "table", "en")
    headings = [x for x in table.splitlines() if x.startswith("■ ") or "≠  " in x]
    assert headings
    assert not [x for x in headings if CJK.search(x)]
    assert "■ 1 Share types and access paths" in table
    c = compare_scenario("docs/examples/no-reply.log.yaml", ["hubei", "xinzhou"])
    for fmt in ("table", "md", "html"):
        text = _show(c, fmt, "en")
        assert "结果" not in text
        assert "期限" not in text
        assert "状态" not in text
    zh = _show(c, "table")
    assert "■ 结果" in zh
    assert "outcome" not in zh
