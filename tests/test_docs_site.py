"""The documentation site: generated reference pages, the quick start's commands, the build."""

from __future__ import annotations

import datetime as dt
import html
import importlib.util
import os
import re
import shlex
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from types import ModuleType

import markdown
import pytest
from hypothesis import given
from hypothesis import strategies as st

from govshare import list_profiles, load_profile
from govshare.calendar import bundled_overlays, reset
from govshare.cli.main import main

ROOT = Path(__file__).resolve().parents[1]
AS_OF = dt.date(2026, 9, 30)


def _load_script(name: str) -> ModuleType:
    """A module of scripts/ (not a package), loaded from its file."""
    spec = importlib.util.spec_from_file_location(
        f"govshare_{name}", ROOT / "scripts" / f"{name}.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


hooks = _load_script("mkdocs_hooks")
griffe_ext = _load_script("griffe_doctests")


def _plain(md: str) -> str:
    """The generated Markdown with backslash escapes and entities undone, for searching."""
    return html.unescape(re.sub(r"\\(.)", r"\1", md))


def _mermaid_blocks(md: str) -> list[str]:
    return re.findall(r"```mermaid\n(.*?)```", md, re.S)


JURISDICTIONS = ["hubei", "xinzhou", "liuzhou"]


# -- the date "in force" --------------------------------------------------------------------------


def test_as_of_is_the_shanghai_date_unless_pinned() -> None:
    """17:00 UTC on Sep 30 is already Oct 1 in Shanghai; the variable pins the date."""
    now = dt.datetime(2026, 9, 30, 17, 0, tzinfo=dt.timezone.utc)
    assert hooks.docs_as_of({}, now) == dt.date(2026, 10, 1)
    assert hooks.docs_as_of({"GOVSHARE_DOCS_AS_OF": "2025-03-01"}, now) == dt.date(2025, 3, 1)


def test_a_bad_pinned_date_names_the_variable() -> None:
    with pytest.raises(ValueError, match=r"GOVSHARE_DOCS_AS_OF='30/09/2026'.*ISO date"):
        hooks.docs_as_of({"GOVSHARE_DOCS_AS_OF": "30/09/2026"})


# -- Markdown escaping ----------------------------------------------------------------------------


@given(
    st.lists(
        st.sampled_from([*"ab 中文，。（）“”、*_`[]|<>&\\#!-+.()", "第十四条", "&amp;", "**"]),
        max_size=30,
    ).map("".join)
)
def test_escaped_text_renders_as_written(text: str) -> None:
    """Whatever the quote contains, the rendered page shows exactly its characters."""
    rendered = markdown.markdown("x " + hooks.esc(text), extensions=["tables"])
    shown = html.unescape(re.sub(r"<[^>]+>", "", rendered))
    assert shown.strip() == f"x {' '.join(text.split())}".strip()


def test_value_summaries_read_as_the_rule() -> None:
    """Working days with their anchor, outcomes in words, flags and steps listed."""
    hubei = load_profile("hubei")
    entry = next(
        e for e in hubei.model.rules["share.conditional.provider_reply"] if e.doc == "hb-rules-2021"
    )
    assert entry.value is not None
    assert hooks.value_summary(entry.value) == (
        "5个工作日，自 `application_receipt` 起算 · 5 working days from `application_receipt`"
    )
    lines = "\n".join(hooks.value_lines(entry.value))
    assert "不同意的应当说明理由" in lines
    assert "能够立即答复的应当立即答复" in lines
    timeout = hubei.rule("share.conditional.on_reply_timeout", as_of=AS_OF, level="provincial")
    assert timeout.value is not None
    assert hooks.value_summary(timeout.value).startswith("逾期视为同意 · deemed consent")


# -- profile pages --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", JURISDICTIONS)
def test_profile_page_has_every_rule_key_and_quote(name: str) -> None:
    """Every key of the profile has its anchor; every quote appears verbatim; silence is marked."""
    profile = load_profile(name)
    md = hooks.profile_page(profile, AS_OF)
    text = _plain(md)
    assert len(profile.model.rules) == 59  # 48 keys of inventory sections 1-9, 11 of section 11
    for key, entries in profile.model.rules.items():
        assert f"{{#{key}}}" in md, key
        for entry in entries:
            if entry.quote is not None:
                assert entry.quote in text, (key, entry.doc)
            for extra in entry.extra_quotes:
                assert extra.quote in text, (key, entry.doc)
            if entry.not_specified:
                assert f"**未规定 Not specified**：{entry.notes}" in text, key
    for doc in profile.model.documents:
        assert doc.title in text
        if doc.number:
            assert doc.number in text
        if doc.validity_reading:
            assert " ".join(doc.validity_reading.split()) in text
    for reading in profile.model.readings:
        assert " ".join(reading["question"].split()) in text
    assert "2026-09-30" in md


def test_hubei_page_says_which_rule_is_in_force_at_each_level() -> None:
    """At provincial level the rules' 第十四条(二) applies; at prefectural level the order's."""
    md = _plain(hooks.profile_page(load_profile("hubei"), AS_OF))
    section = md.split("{#share.conditional.provider_reply}")[1].split("#### ")[0]
    assert (
        "省级 provincial: 鄂政务办发〔2021〕1号 第十四条(二)；"
        "市级 prefectural: 湖北省人民政府令第419号 第二十条" in section
    )
    assert "鄂政务办发〔2021〕1号** 优先于 displaces **湖北省人民政府令第419号**" in md


def test_xinzhou_page_shows_the_document_expired_after_five_years() -> None:
    """Valid five years from 2022-01-05: not in force on 2027-02-01 (八(二))."""
    md = _plain(hooks.profile_page(load_profile("xinzhou"), dt.date(2027, 2, 1)))
    assert "否，已过有效期 no, expired" in md
    assert "无 none" in md  # no rule in force at any level then


def test_standard_page_is_marked_draft_and_lists_the_checklist() -> None:
    """The Shanxi standard: a prominent draft warning, every item's clause and exact quote."""
    profile = load_profile("shanxi_std")
    md = hooks.profile_page(profile, AS_OF)
    assert '!!! warning "征求意见稿，未生效 Draft for comment, not in force"' in md
    text = _plain(md)
    assert len(profile.model.checklist) > 50
    for item in profile.model.checklist:
        assert f"{item.clause}：{item.quote}" in text, item.id


# -- diagrams -------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", JURISDICTIONS)
def test_diagrams_page_has_a_diagram_for_every_process(name: str) -> None:
    """Each process has its own section with at least one Mermaid state diagram."""
    profile = load_profile(name)
    md = hooks.diagrams_page(profile, AS_OF)
    sections = re.split(r"^## ", md, flags=re.M)[1:]
    assert [re.search(r"\{#(\w+)\}", s).group(1) for s in sections] == list(  # type: ignore[union-attr]
        profile.model.processes
    )
    for section in sections:
        blocks = _mermaid_blocks(section)
        assert blocks
        assert all(b.startswith("stateDiagram-v2\n") for b in blocks)


def test_hubei_diagrams_differ_by_level_and_adoption() -> None:
    """Provincial: 5 working days (rules); prefectural: 10 (order) unless the rules are adopted."""
    md = hooks.diagrams_page(load_profile("hubei"), AS_OF)
    section = md.split("{#conditional_application}")[1].split("\n## ")[0]
    blocks = _mermaid_blocks(section)
    assert len(blocks) >= 2
    headings = re.findall(r"^### (.*)$", section, re.M)
    assert len(headings) == len(blocks)
    by_heading = dict(zip(headings, blocks, strict=True))
    provincial = next(b for h, b in by_heading.items() if h.startswith("省级 provincial"))
    prefectural = next(b for h, b in by_heading.items() if h.startswith("市级 prefectural"))
    assert "5个工作日内未答复视为同意" in provincial
    assert "10个工作日内未答复视为同意" in prefectural
    adopted = next(h for h in headings if "adopting hb-rules-2021" in h)
    assert "省级 provincial" in adopted  # the same picture as the provincial one


def test_a_level_bound_only_by_adoption_is_drawn_adopting() -> None:
    """Liuzhou's rules bind the city; counties only follow them if they adopt them (第三十五条)."""
    variants = hooks.diagram_variants(load_profile("liuzhou"), "conditional_application", AS_OF)
    labels = [label for names, _ in variants for label in names]
    county = [label for label in labels if "county" in label]
    assert county
    assert all("adopting lz-rules" in label for label in county)
    assert len(variants) == 1  # the city's diagram and the adopting county's are the same


# -- comparison matrix ----------------------------------------------------------------------------


def test_matrix_page_has_one_matrix_per_level() -> None:
    profiles = [load_profile(n) for n in list_profiles()]
    md = hooks.matrix_page(profiles, AS_OF)
    if (
        importlib.util.find_spec("govshare.features.compare") is None
    ):  # pragma: no cover - before issue 5
        pytest.skip("govshare.features.compare is not available")
    assert "{#provincial}" in md
    assert "{#prefectural}" in md
    prefectural = md.split("{#prefectural}")[1]
    for name in ("湖北省", "忻州市", "柳州市"):
        assert name in prefectural
    assert "share.conditional.provider_reply" in prefectural
    assert "山西省政务数据共享部门内部管理规范" not in md  # a standard, not a jurisdiction


# -- CLI reference --------------------------------------------------------------------------------

#: The commands documented in README.md and the guides (written by hand, not from the parser).
KNOWN_COMMANDS = [
    "workday",
    "workday is",
    "workday add",
    "workday count",
    "profiles",
    "show",
    "deadline",
    "validate",
    "schema",
    "replay",
    "decide",
    "diagram",
]


def test_cli_page_lists_every_sub_command() -> None:
    """Every command path of the parser, nested ones included, has a section with its usage."""
    md = hooks.cli_page()
    paths = [" ".join(p) for p in hooks.cli_commands()]
    assert set(KNOWN_COMMANDS) <= set(paths)
    for path in paths:
        anchor = path.replace(" ", "-")
        assert f"govshare {path} {{#{anchor}}}" in md, path
        assert f"usage: govshare {path}" in md, path
    assert "--exit-code" in md.split("{#workday-is}")[1]
    assert "\x1b[" not in md  # no terminal colours


# -- calendar data --------------------------------------------------------------------------------


def test_calendar_page_lists_every_year_and_overlay_entry() -> None:
    md = hooks.calendar_page()
    for year in range(2004, 2027):
        assert f"\n| {year}" in md, year
    assert "国办发明电〔2025〕7号" in md  # the 2026 notice
    assert "2026-04-17 | 休息 rest | 中 medium" in md
    assert "2020-03-26 – 2020-03-27 | 上班 working | 高 high" in md


def test_calendar_page_dates_make_up_days_of_the_year_before() -> None:
    """The 2006 New Year arrangement had Saturday 2005-12-31 worked (国办发明电〔2005〕35号)."""
    md = hooks.calendar_page()
    row = next(line for line in md.splitlines() if line.startswith("| 2006 |"))
    assert "2005-12-31" in row
    assert "国办发明电〔2005〕35号" in row


def test_calendar_page_guangxi_table_matches_the_data() -> None:
    """docs/calendar.md summarizes the overlay by hand: its confidences must match the data."""
    text = (ROOT / "docs" / "calendar.md").read_text("utf-8")
    table = text.split("## Regional overlays")[1]
    rows = re.findall(r"^\| (\d{4}) \| .* \| ([a-z /-]+) \|$", table, re.M)
    overlay = bundled_overlays()["guangxi"]
    expected: dict[str, set[str]] = {}
    for entry in overlay.entries:
        year = str(entry.dates()[0].year)
        expected.setdefault(year, set()).add(entry.confidence.value)
    assert {year: set(conf.split(" / ")) for year, conf in rows} == expected


# -- API page -------------------------------------------------------------------------------------


def test_docstring_examples_become_code_blocks() -> None:
    """Top-level doctests are fenced up to the blank line; fenced and indented code is kept."""
    ext = griffe_ext
    text = (
        "Summary.\n\n>>> f(1)\n[('a', 'b')]\n\nMore text.\n\n"
        "```python\n>>> kept\n```\n\nExamples:\n    >>> g()\n    2\n>>> last()"
    )
    assert ext.fence_doctests(text) == (
        "Summary.\n\n```pycon\n>>> f(1)\n[('a', 'b')]\n```\n\nMore text.\n\n"
        "```python\n>>> kept\n```\n\nExamples:\n    >>> g()\n    2\n"
        "```pycon\n>>> last()\n```"
    )


def test_sphinx_roles_become_inline_code() -> None:
    ext = griffe_ext
    text = "See :func:`load_profile` and :class:`~govshare.calendar.WorkDate`, :mod:`govshare.x`."
    assert ext.unrole(text) == "See `load_profile` and `WorkDate`, `govshare.x`."


def test_api_page_marker_expands_to_the_modules_present() -> None:
    text = (ROOT / "docs" / "api.md").read_text("utf-8")
    expanded = hooks.expand_api(text)
    assert "<!-- api: optional modules -->" not in expanded
    for module in hooks.OPTIONAL_API_MODULES:
        present = importlib.util.find_spec(module) is not None
        assert (f"::: {module}\n" in expanded + "\n") == present, module


# -- quick start: the console examples run --------------------------------------------------------


def _console_examples(page: Path) -> list[tuple[str, str]]:
    """(command, expected output) for every ``$ govshare ...`` line in ```console blocks."""
    out: list[tuple[str, str]] = []
    for block in re.findall(r"```console\n(.*?)```", page.read_text("utf-8"), re.S):
        for chunk in re.split(r"^\$ ", block, flags=re.M)[1:]:
            command, _, expected = chunk.partition("\n")
            out.append((command, expected))
    return out


QUICKSTART = _console_examples(ROOT / "docs" / "quickstart.md")


def test_quickstart_has_console_examples() -> None:
    commands = [c.split()[1] for c, _ in QUICKSTART]
    assert {"workday", "profiles", "deadline", "replay"} <= set(commands)


@pytest.mark.parametrize(("command", "expected"), QUICKSTART, ids=[c for c, _ in QUICKSTART])
def test_quickstart_command_prints_what_the_page_shows(
    command: str,
    expected: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Run from the repository root, as the page's relative paths assume."""
    monkeypatch.chdir(ROOT)
    reset()
    argv = shlex.split(command)
    assert argv[0] == "govshare"
    assert main(argv[1:]) == 0
    assert capsys.readouterr().out == expected


# -- the whole site -------------------------------------------------------------------------------


def test_mkdocs_build_strict(tmp_path: Path) -> None:
    """The site builds with --strict, with every generated page, and nothing generated is kept."""
    site = tmp_path / "site"
    env = {**os.environ, "GOVSHARE_DOCS_AS_OF": "2026-09-30", "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert not (ROOT / "docs" / "reference").exists()
    pages = ["reference/matrix", "reference/cli", "reference/calendar-data", "api", "quickstart"]
    pages += [f"reference/profiles/{n}" for n in list_profiles()]
    pages += [f"reference/diagrams/{n}" for n in JURISDICTIONS]
    for page in pages:
        assert (site / page / "index.html").is_file(), page
    hubei = (site / "reference/profiles/hubei/index.html").read_text("utf-8")
    quote = "数据提供部门收到数据共享申请后，能够立即答复的，应当立即答复。"
    assert quote in html.unescape(re.sub(r"<[^>]+>", "", hubei))
    assert "2026-09-30" in hubei
    assert 'href="../liuzhou/"' in hubei  # the nav lists every profile
    diagrams = (site / "reference/diagrams/hubei/index.html").read_text("utf-8")
    assert '<pre class="mermaid"><code>stateDiagram-v2' in diagrams
    api = (site / "api/index.html").read_text("utf-8")
    assert "load_profile" in api
    assert "get_calendar" in api
    assert ":func:" not in api
    assert "<blockquote>\n<blockquote>" not in api  # doctests are code, not nested quotes
    _offline(site)
    _no_cjk_line_breaks(site)


class _External(HTMLParser):
    """The external scripts, stylesheets, fonts and preconnects a page loads."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        got = dict(attrs)
        url = got.get("src") if tag == "script" else got.get("href") if tag == "link" else None
        rel = got.get("rel") or ""
        if tag == "link" and not {"stylesheet", "preconnect", "preload", "icon"} & set(rel.split()):
            return
        if url and re.match(r"^(https?:)?//", url):
            self.found.append(f"<{tag}> {url}")


def _offline(site: Path) -> None:
    """Issue 15: the built pages load no script, stylesheet or font from elsewhere, and
    Mermaid (shipped under assets/, with its licence) is loaded by every page."""
    assert (site / "assets/mermaid/mermaid.min.js").stat().st_size > 1_000_000
    assert "MIT" in (site / "assets/mermaid/LICENSE").read_text("utf-8")
    for page in site.rglob("*.html"):
        parser = _External()
        parser.feed(page.read_text("utf-8"))
        assert parser.found == [], (page, parser.found)
    diagrams = (site / "reference/diagrams/hubei/index.html").read_text("utf-8")
    assert 'src="../../../assets/mermaid/mermaid.min.js"' in diagrams
    for css in site.rglob("*.css"):
        assert "fonts.googleapis" not in css.read_text("utf-8"), css


_CJK = "\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"


def _no_cjk_line_breaks(site: Path) -> None:
    """Issue 15: no line break (shown as a space) between two Chinese characters."""
    index = (site / "index.html").read_text("utf-8")
    assert "数据、 数据" not in index
    assert "数据、\n数据" not in index
    assert "谁可以获取哪些数据、数据提供部门" in index
    for page in site.rglob("*.html"):
        body = re.sub(r"<(pre|script|style)\b.*?</\1>", "", page.read_text("utf-8"), flags=re.S)
        assert not re.search(f"[{_CJK}]\n[{_CJK}]", body), page


def test_join_cjk_lines() -> None:
    """The hook joins CJK line breaks and leaves English, headings and code alone."""
    spec = importlib.util.spec_from_file_location("mkdocs_cjk", ROOT / "scripts/mkdocs_cjk.py")
    assert spec is not None
    assert spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    src = "谁可以获取哪些数据、\n数据提供部门\nwords\nhere\n# 标题\n正文\n```\n代码\n行\n```\n"
    assert mod.join_cjk_lines(src) == (
        "谁可以获取哪些数据、数据提供部门\nwords\nhere\n# 标题\n正文\n```\n代码\n行\n```\n"
    )
