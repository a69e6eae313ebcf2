"""The command line as a whole: start-up imports, usage, help texts, one-line errors."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import govshare
from govshare.calendar import reset
from govshare.cli.main import main

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"
KEY = "share.conditional.provider_reply"

#: Modules that must not be loaded to print the version or the help.
HEAVY = (
    "govshare.features",
    "govshare.render.timeline",
    "govshare.profiles",
    "govshare.calendar",
    "govshare.processes",
    "govshare.access",
    "matplotlib",
    "pydantic",
    "icalendar",
)


def _loaded_after(code: str) -> list[str]:
    """The modules loaded by running ``code`` in a fresh interpreter."""
    script = f"import sys, json\n{code}\nprint(json.dumps(sorted(sys.modules)))\n"
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    return list(json.loads(proc.stdout.splitlines()[-1]))


def _heavy(modules: list[str]) -> list[str]:
    return [m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY)]


def test_import_govshare_is_light() -> None:
    """`import govshare` loads none of the features, profiles, calendar data or pydantic."""
    assert _heavy(_loaded_after("import govshare")) == []


def test_help_and_version_are_light() -> None:
    """`govshare --help` and `--version` import no command module's dependencies."""
    for flag in ("--help", "--version"):
        code = (
            "import contextlib, io\n"
            "from govshare.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    try:\n"
            f"        main([{flag!r}])\n"
            "    except SystemExit:\n"
            "        pass\n"
        )
        assert _heavy(_loaded_after(code)) == [], flag


def test_public_names_stay_importable() -> None:
    """The lazy package still exports every name of ``__all__``."""
    for name in govshare.__all__:
        assert getattr(govshare, name) is not None
    with pytest.raises(AttributeError):
        _ = govshare.no_such_name  # type: ignore[attr-defined]


def test_bare_command_prints_usage(capsys: pytest.CaptureFixture[str]) -> None:
    """`govshare` alone lists the commands (not a bare error) and exits 2."""
    assert main([]) == 2
    out = capsys.readouterr().out
    assert out.startswith("usage: govshare")
    for command in ("workday", "deadline", "replay", "compare", "obligations"):
        assert f"    {command}" in out


@pytest.mark.parametrize(
    ("argv", "needles"),
    [
        (
            ("deadline", "--help"),
            ("administrative level", "(default: not needed when one set of documents", "--adopt"),
        ),
        (("validate", "--help"), ("file, line and", "Exit status 1")),
        (("schema", "--help"), ("JSON Schema", "profile file format")),
        (("workday", "count", "--help"), ("start end", "(start, end]", "(not counted)")),
        (("workday", "is", "--help"), ("registered: guangxi",)),
        (("replay", "--help"), ("(default: the log's level)",)),
    ],
)
def test_help_describes(
    capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], needles: tuple[str, ...]
) -> None:
    """Commands and options have descriptions and show their defaults."""
    with pytest.raises(SystemExit):
        main(list(argv))
    out = " ".join(capsys.readouterr().out.split())
    for needle in needles:
        assert needle in out


def test_positionals_named_as_in_help(capsys: pytest.CaptureFixture[str]) -> None:
    """`workday count` calls its positionals start and end in the usage and in errors."""
    assert main(["workday", "count", "2026-01-05", "x"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: end: got 'x'")


def test_errors_suggest_flags(capsys: pytest.CaptureFixture[str]) -> None:
    """A document adoptable at the level is suggested as `--adopt DOC`, not Python syntax.

    Before 2025-08-01 (national regulation 第四十四条) nothing else answers: an error."""
    argv = ["deadline", "liuzhou", KEY, "--start", "2025-07-01", "--level", "county"]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert "--adopt lz-rules" in err
    assert "adopted=" not in err
    assert err.count("\n") == 1


def test_national_answers_alone_where_the_local_rules_do_not_apply(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Liuzhou county without adoption, 2026-09-30: the national 10 working days answer
    alone (10-08 1, 10-09 2, 10-10 3 make-up Sat, 10-12 4 ... 10-16 8, 10-19 9, 10-20 10),
    and the output says why the city's rules do not, naming the flag."""
    argv = ["deadline", "liuzhou", KEY, "--start", "2026-09-30", "--level", "county"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert out.startswith("2026-10-20")
    assert "政务数据共享条例 第二十一条" in out
    assert "参照执行 lz-rules" in out
    assert main([*argv, "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "--adopt lz-rules" in out
    assert "adopted=" not in out


def test_missing_optional_dependency_is_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without the 'sources' extra, --provisional names the extra to install (exit 1)."""
    monkeypatch.setitem(sys.modules, "holidays", None)  # as if not installed
    reset()
    assert main(["workday", "add", "2027-03-01", "5", "--provisional"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ")
    assert err.count("\n") == 1
    assert 'pip install "govshare[sources]"' in err
    assert "holidays" in err
    reset()


def test_show_prints_values_in_words(capsys: pytest.CaptureFixture[str]) -> None:
    """`show` says a rule's value in words (5个工作日, 逾期视为同意), never as JSON."""
    assert main(["show", "hubei", KEY]) == 0
    out = capsys.readouterr().out
    assert "[hb-rules-2021] 5个工作日（自收到申请起）" in out  # 第十四条(二): 5个工作日内予以答复
    assert "[hb-order-419] 10个工作日（自收到申请起）" in out  # 第二十条: 10个工作日内
    assert "{" not in out
    assert main(["show", "hubei", "share.conditional.on_reply_timeout", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "deemed consent when late" in out
    assert "{" not in out


_SNAKE = re.compile(r"\b[a-z]+_[a-z_]+\b")


@pytest.mark.parametrize(
    "argv",
    [
        ("deadline", "hubei", KEY, "--start", "2026-09-30", "--level", "provincial"),
        ("deadline", "liuzhou", KEY, "--start", "2026-09-30", "--level", "prefectural"),
        ("replay", "hubei", str(EXAMPLES / "no-reply.log.yaml")),
        ("decide", "hubei", str(EXAMPLES / "dedicated.request.yaml")),
    ],
)
def test_chinese_output_has_no_ids_or_english(
    capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]
) -> None:
    """The text (the result itself; the library's warnings after it are checked elsewhere)
    carries no snake_case ids and none of the English sentences it used to."""
    reset()
    assert main(list(argv)) == 0
    lines = capsys.readouterr().out.splitlines()
    text = "\n".join(line for line in lines if not line.startswith("  注意: "))
    assert _SNAKE.findall(text) == []
    for english in ("working days", " from ", "did not act", "as of", "since", "provider"):
        assert english not in text


def test_replay_chinese_words(capsys: pytest.CaptureFixture[str]) -> None:
    """The replay of the no-reply example: deemed consent on 14 October (5 working days from
    30 September: 9 October is the first working day after the National Day holiday, then
    10 (make-up Saturday), 12, 13 October), in words."""
    reset()
    assert main(["replay", "hubei", str(EXAMPLES / "no-reply.log.yaml")]) == 0
    out = capsys.readouterr().out
    assert "状态: 已授权（终态）" in out
    assert "违规: 提供部门 未在期限内办理 到期日 2026-10-13" in out
    assert "[自动] 2026-10-14T00:00:00+08:00 逾期视为同意，自动授权：提供部门审核 -> 已授权" in out


def test_json_documents_name_their_schema(capsys: pytest.CaptureFixture[str]) -> None:
    """Every top-level JSON document of the commands here carries its schema id."""
    cases = {
        ("workday", "is", "2026-10-10"): "govshare-workday/1",
        ("workday", "add", "2026-09-30", "5"): "govshare-workday-add/1",
        ("workday", "count", "2026-09-30", "2026-10-13"): "govshare-workday-count/1",
        ("profiles",): "govshare-profiles/1",
        ("show", "hubei", KEY): "govshare-profile-view/1",
        ("deadline", "hubei", KEY, "--start", "2026-09-30", "--level", "provincial"): (
            "govshare-deadline/1"
        ),
        ("replay", "hubei", str(EXAMPLES / "no-reply.log.yaml")): "govshare-replay/1",
        ("decide", "hubei", str(EXAMPLES / "dedicated.request.yaml")): "govshare-decision/1",
    }
    for argv, schema in cases.items():
        reset()
        assert main([*argv, "--json"]) == 0, argv
        assert json.loads(capsys.readouterr().out)["schema"] == schema


def test_count_json_shape(capsys: pytest.CaptureFixture[str]) -> None:
    """`workday count --json`: 30 Sep (not counted) to 13 Oct 2026 holds 5 working days
    (9, 10 (make-up Saturday), 11? no: Sunday; 12, 13 October; 1-8 October are off)."""
    reset()
    assert main(["workday", "count", "2026-09-30", "2026-10-13", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert (doc["start"], doc["end"], doc["working_days"]) == ("2026-09-30", "2026-10-13", 5)


def test_any_missing_module_is_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A module missing when a command runs (no require() naming an extra) is still one
    error line, not a traceback."""
    monkeypatch.setitem(sys.modules, "govshare.render.calendar", None)
    assert main(["workday", "is", "2026-10-10"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ")
    assert "optional dependency" in err
    assert err.count("\n") == 1
