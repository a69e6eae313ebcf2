"""Every command's output is complete in the language asked for.

Each command that prints for a person runs on every bundled profile where it applies, in the
default Chinese and with ``--lang en``:

- Chinese output has no raw snake_case id (outside rule keys, file names, document and
  profile ids, Mermaid state ids and ``%%`` comments, ids quoted in backticks) and no English
  sentence (three Latin words in a row) outside the quotes 「…」 of the legal texts;
- English output has no Chinese outside those quotes, the documents' titles and numbers (and
  the titles their quotes cite, 《…》), the calendar's holiday names and notices, and the names
  the user gave in the input file.

The allowed strings are read from the data (profiles, calendar files, input files), never
copied from the output.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache, partial
from pathlib import Path
from typing import Any

import pytest
import yaml

from govshare.calendar import reset
from govshare.cli import check as check_cli
from govshare.cli.main import main
from govshare.profiles import RULE_KEYS
from govshare.render.registry import render

ROOT = Path(__file__).resolve().parents[2]
PROFILES = ROOT / "profiles"
EXAMPLES = ROOT / "docs" / "examples"
CALENDAR = ROOT / "src" / "govshare" / "calendar" / "data"
NO_REPLY = EXAMPLES / "no-reply.log.yaml"
REQUEST = EXAMPLES / "dedicated.request.yaml"
DEPARTMENT = EXAMPLES / "department.yaml"
JURISDICTIONS = ("hubei", "xinzhou", "liuzhou", "national")
#: A level at which each jurisdiction's own documents apply.
LEVEL = {"hubei": "provincial", "xinzhou": "prefectural", "liuzhou": "prefectural"}
LEVEL["national"] = "provincial"
AS_OF = "2026-11-23"
KEY = "share.conditional.provider_reply"
#: Tables wide enough that no cell wraps (a wrapped title or article is no longer whole).
WIDE = ("--width", "2000")

SNAKE = re.compile(r"(?<![\w./`-])[a-z][a-z0-9]*_[a-z0-9_]+(?![\w./`-])")
ENGLISH = re.compile(r"\b[A-Za-z]{2,}(?:[ ,]+[A-Za-z]{2,}){2,}")
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
QUOTE = re.compile(r"「[^」]*」|<blockquote>.*?</blockquote>")
#: Markup that is not words: the HTML page's style sheet, Mermaid's ``note right of STATE``.
MARKUP = re.compile(r"<style>.*?</style>|\bnote (?:right|left) of\b", re.S)
#: The CSV header names the columns for programs (like JSON keys), in every language.
CSV_HEADER = "section,row,label,differs"
BACKTICKS = re.compile(r"`[^`]*`")


def _yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text("utf-8"))


def _strings(node: Any, keys: frozenset[str] | None = None) -> Iterator[str]:
    """Every string value of a YAML tree (only those under ``keys`` when given)."""
    if isinstance(node, dict):
        for k, v in node.items():
            if keys is None or k in keys:
                yield from _strings(v)
            else:
                yield from _strings(v, keys)
    elif isinstance(node, list):
        for v in node:
            yield from _strings(v, keys)
    elif isinstance(node, str) and keys is None:
        yield node


@cache
def _profile_data() -> dict[str, Any]:
    return {p.stem: _yaml(p) for p in sorted(PROFILES.glob("*.yaml"))}


@cache
def _ids_allowed_in_zh() -> tuple[str, ...]:
    """Rule keys, profile ids, process ids as Mermaid states use them (diagram only)."""
    return (*RULE_KEYS, *_profile_data())


@cache
def _state_ids() -> frozenset[str]:
    """Every process state id of the bundled profiles (Mermaid's state identifiers)."""
    out: set[str] = set()
    for data in _profile_data().values():
        for proc in (data.get("processes") or {}).values():
            out.update(proc.get("states") or {})
    return frozenset(out)


@cache
def _chinese_allowed_in_en() -> tuple[str, ...]:
    """Document titles, numbers and issuers, articles and clauses, the titles quotes cite
    (《…》), holiday names and notices: longest first so a title is removed whole."""
    found: set[str] = set()
    cite_keys = frozenset({"article", "clause", "cite"})
    for data in _profile_data().values():
        for doc in data.get("documents") or ():
            found.update(str(doc[k]) for k in ("title", "number", "issuer") if doc.get(k))
        found.update(_strings(data, cite_keys))
        # The profile authors' English prose (notes, text values) is printed as written in
        # English output; the Chinese words it quotes from the texts come with it.
        for prose in _strings(data, frozenset({"notes", "text", "requirement"})):
            found.update(re.findall(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]+", prose))
        for quote in _strings(data, frozenset({"quote", "requirement"})):
            found.update(re.findall(r"《([^》]+)》", quote))
            found.update(re.findall(r"\(([^()]*[\u4e00-\u9fff][^()]*)\)", quote))
    cal_keys = frozenset({"name", "number", "title"})
    for path in CALENDAR.rglob("*.yaml"):
        found.update(s for s in _strings(_yaml(path), cal_keys) if CJK.search(s))
    return tuple(sorted((s for s in found if CJK.search(s)), key=len, reverse=True))


def _input_names(*paths: Path) -> tuple[str, ...]:
    """The Chinese names a user wrote in input files (departments, resources, units)."""
    found = {s for p in paths for s in _strings(_yaml(p)) if CJK.search(s)}
    return tuple(sorted(found, key=len, reverse=True))


def _zh_leaks(text: str, *, diagram: bool = False) -> list[str]:
    leaks = []
    allowed = _ids_allowed_in_zh()
    for raw in MARKUP.sub(" ", QUOTE.sub(" ", text)).splitlines():
        line = raw.removeprefix(CSV_HEADER)
        if diagram and line.lstrip().startswith("%%"):
            continue
        rest = BACKTICKS.sub(" ", QUOTE.sub(" ", line))
        for word in allowed:
            rest = rest.replace(word, " ")
        ids = SNAKE.findall(rest)
        if diagram:
            ids = [i for i in ids if i not in _state_ids()]
        if ids or ENGLISH.search(rest):
            leaks.append(line)
    return leaks


def _en_leaks(text: str, names: tuple[str, ...] = ()) -> list[str]:
    leaks = []
    allowed = sorted({*_chinese_allowed_in_en(), *names}, key=len, reverse=True)
    for line in QUOTE.sub(" ", text).splitlines():
        rest = QUOTE.sub(" ", line)
        if not CJK.search(rest):
            continue
        for word in allowed:
            rest = rest.replace(word, " ")
        if CJK.search(rest):
            leaks.append(line)
    return leaks


# -- the commands --------------------------------------------------------------------------


def _request_at(tmp: Path, level: str) -> Path:
    """The dedicated-data request example, made at ``level``."""
    data = _yaml(REQUEST)
    data["level"] = level
    path = tmp / f"request-{level}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    return path


Argv = Callable[[Path], list[str]]


def _cases() -> Iterator[tuple[str, Argv, tuple[Path, ...]]]:
    """(id, argv made in a temporary folder, input files whose names may be echoed)."""
    yield "profiles", lambda _: ["profiles"], ()
    yield "workday-is", lambda _: ["workday", "is", "2026-10-10"], ()
    yield "workday-is-holiday", lambda _: ["workday", "is", "2026-10-01"], ()
    yield (
        "workday-add",
        lambda _: ["workday", "add", "2026-04-15", "3", "--region", "guangxi"],
        (),
    )
    yield "workday-count", lambda _: ["workday", "count", "2026-09-30", "2026-10-13"], ()
    for p in (*JURISDICTIONS, "shanxi_std"):
        yield f"show-{p}", lambda _, p=p: ["show", p], ()
    for p in JURISDICTIONS:
        lv = LEVEL[p]

        yield f"show-key-{p}", lambda _, p=p: ["show", p, KEY], ()
        yield (
            f"deadline-{p}",
            lambda _, p=p, lv=lv: ["deadline", p, KEY, "--start", "2026-09-30", "--level", lv],
            (),
        )
        yield (
            f"obligations-{p}",
            lambda _, p=p, lv=lv: ["obligations", p, "--year", "2026", "--level", lv],
            (),
        )
        yield f"compare-{p}", lambda _, p=p: ["compare", p, "--as-of", AS_OF, *WIDE], ()
        yield (
            f"decide-{p}",
            lambda tmp, p=p, lv=lv: ["decide", p, str(_request_at(tmp, lv))],
            (REQUEST,),
        )
    for p in ("hubei", "xinzhou", "liuzhou"):
        lv = LEVEL[p]
        yield (
            f"replay-{p}",
            lambda _, p=p, lv=lv: ["replay", p, str(NO_REPLY), "--level", lv],
            (NO_REPLY,),
        )
        yield (
            f"diagram-{p}",
            lambda _, p=p, lv=lv: [
                *("diagram", p, "conditional_application"),
                *("--as-of", "2026-09-30", "--level", lv),
            ],
            (),
        )
        yield (
            f"obligations-log-{p}",
            lambda _, p=p, lv=lv: [
                *("obligations", p, "--year", "2026", "--level", lv),
                *("--log", str(NO_REPLY)),
            ],
            (NO_REPLY,),
        )
    compare = ["compare", "--as-of", AS_OF]
    yield "compare-all", lambda _: [*compare, *WIDE], ()
    yield "compare-only-diff", lambda _: [*compare, "--only-diff", *WIDE], ()
    for fmt in ("md", "csv", "html"):
        yield f"compare-{fmt}", lambda _, fmt=fmt: [*compare, "--format", fmt], ()
    yield (
        "compare-scenario",
        lambda _: ["compare", "--scenario", str(NO_REPLY), *WIDE],
        (NO_REPLY,),
    )
    for fmt in ("table", "md"):
        yield (
            f"check-{fmt}",
            lambda _, fmt=fmt: [
                *("check", "shanxi_std", str(DEPARTMENT)),
                *("--serves", "xinzhou", "--format", fmt),
            ],
            (DEPARTMENT,),
        )
    runner = ROOT / "tests" / "scenarios" / "_runner"
    yield "test", lambda _: ["test", str(runner)], tuple(sorted(runner.glob("*.yaml")))
    yield (
        "timeline",
        lambda tmp: ["timeline", "--scenario", str(NO_REPLY), "-o", str(tmp / "t.svg")],
        (NO_REPLY,),
    )
    yield (
        "timeline-key",
        lambda tmp: [
            *("timeline", "--key", "share.conditional.provider_reply"),
            *("--start", "2026-09-30", "-o", str(tmp / "k.svg")),
        ],
        (),
    )


CASES = list(_cases())


Case = tuple[str, Argv, tuple[Path, ...]]


@pytest.fixture(autouse=True)
def _wide_check_table(monkeypatch: pytest.MonkeyPatch) -> None:
    """The self-check table has no --width option: draw it wide so that no title wraps."""
    monkeypatch.setattr(check_cli, "render", partial(render, width=2000))


def _run(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    reset()
    main(argv)
    out, err = capsys.readouterr()
    return out + err


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_chinese_output_has_no_raw_ids_or_english(
    case: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name, argv, _ = case
    out = _run(capsys, argv(tmp_path))
    assert out.strip(), name
    leaks = _zh_leaks(out, diagram=name.startswith("diagram"))
    assert not leaks, "\n".join(leaks[:20])


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_english_output_has_no_chinese(
    case: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name, argv, inputs = case
    out = _run(capsys, [*argv(tmp_path), "--lang", "en"])
    assert out.strip(), name
    leaks = _en_leaks(out, _input_names(*inputs))
    assert not leaks, "\n".join(leaks[:20])


def test_the_checks_catch_leaks() -> None:
    """The scanners themselves: a raw id, an English sentence, Chinese in English output."""
    assert _zh_leaks("状态: provider_review")
    assert _zh_leaks("期限: 5 working days from receipt")
    assert not _zh_leaks("share.conditional.provider_reply 「the text says so」 hb-rules-2021")
    assert not _zh_leaks("    provider_review --> approved : 同意", diagram=True)
    assert _en_leaks("state: 提供部门审核")
    assert not _en_leaks("source: 鄂政务办发〔2021〕1号 第十四条(二)「五个工作日」")
    assert not _en_leaks("2026-10-01 国庆节 (rest day)")
