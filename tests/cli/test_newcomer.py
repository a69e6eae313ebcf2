"""A newcomer's first hour (issue 15): each command exactly as the issue ran it.

Expected values are worked out by hand from the texts and the holiday notices: Xinzhou's
only document (忻政办发〔2022〕3号) applies at prefectural and county level, 五(三)2 gives the
provider 5 working days; 2026-09-30 + 5 working days skips the National Day holiday
(10-01..10-07) and counts 10-08, 10-09, 10-10 (make-up Saturday), 10-12, 10-13.
"""

from __future__ import annotations

import datetime as dt
import pydoc
from pathlib import Path

import pytest

import govshare
from govshare.calendar import reset
from govshare.cli.main import main
from govshare.errors import LevelNeededError, UnknownNameError
from govshare.profiles import load_profile, resolve_level

KEY = "share.conditional.provider_reply"
ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "docs" / "examples" / "2027.template.yaml"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    reset()
    try:
        code = main(list(argv))
    finally:
        reset()
    out, err = capsys.readouterr()
    return code, out, err


# -- 1. levels ---------------------------------------------------------------------------


def test_city_diagram_is_drawn_at_its_own_level(capsys: pytest.CaptureFixture[str]) -> None:
    """`diagram xinzhou conditional_application --as-of 2026-09-30`: Xinzhou's one document
    covers both its levels, so no level is needed and the diagram cites 五(三)2."""
    code, out, err = run(
        capsys, "diagram", "xinzhou", "conditional_application", "--as-of", "2026-09-30"
    )
    assert (code, err) == (0, "")
    assert "(prefectural, 2026-09-30)" in out
    assert "五(三)2" in out
    assert "provincial" not in out


def test_city_diagram_at_a_level_it_has_no_document_is_refused(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Asked for a provincial diagram of Xinzhou, the error names the levels and the flag."""
    argv = ("diagram", "xinzhou", "conditional_application", "--as-of", "2026-09-30")
    code, out, err = run(capsys, *argv, "--level", "provincial")
    assert (code, out) == (1, "")
    assert "--level prefectural or --level county" in err
    assert err.count("\n") == 1


def test_diagram_with_no_rule_in_force_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    """Before Hubei's documents are in force (2021-04-01) there is nothing to draw from."""
    argv = ("diagram", "hubei", "conditional_application", "--as-of", "2019-01-01")
    code, out, err = run(capsys, *argv, "--level", "provincial")
    assert (code, out) == (1, "")
    assert "2021-04-01" in err


def test_diagram_defaults_as_of_to_today(capsys: pytest.CaptureFixture[str]) -> None:
    """`diagram` no longer requires --as-of: like the other commands it defaults to today."""
    code, out, _ = run(capsys, "diagram", "xinzhou", "conditional_application")
    assert code == 0
    assert out.startswith("stateDiagram-v2")


def test_city_obligations_at_its_own_level(capsys: pytest.CaptureFixture[str]) -> None:
    """`obligations xinzhou --year 2026` lists at the prefectural level (the level of its
    only document), not from nothing at the provincial level."""
    code, out, _ = run(capsys, "obligations", "xinzhou", "--year", "2026")
    assert code == 0
    assert "市级" in out.splitlines()[0]
    assert "no rule in force" not in out
    code, out, err = run(
        capsys, "obligations", "xinzhou", "--year", "2026", "--level", "provincial"
    )
    assert (code, out) == (1, "")
    assert "--level prefectural" in err


def test_city_deadline_needs_no_level(capsys: pytest.CaptureFixture[str]) -> None:
    """`deadline xinzhou share.conditional.provider_reply --start 2026-09-30`: 5 working days."""
    code, out, _ = run(capsys, "deadline", "xinzhou", KEY, "--start", "2026-09-30")
    assert code == 0
    assert out.startswith("2026-10-13")


def test_level_needed_names_levels_and_flag(capsys: pytest.CaptureFixture[str]) -> None:
    """Hubei's documents differ between its levels (the 2021 rules are provincial): the
    error names the levels and the flag."""
    code, _, err = run(capsys, "deadline", "hubei", KEY, "--start", "2026-09-30")
    assert code == 1
    assert "--level provincial or --level prefectural or --level county" in err
    assert "level=" not in err


def test_resolve_level_api() -> None:
    """The same rule in the API: a level when the answer depends on it, else none."""
    assert resolve_level(load_profile("xinzhou"), None) == "prefectural"
    assert resolve_level(load_profile("liuzhou"), None) == "prefectural"
    with pytest.raises(LevelNeededError) as caught:
        resolve_level(load_profile("hubei"), None)
    assert caught.value.levels == ("provincial", "prefectural", "county")


def test_decide_takes_level(capsys: pytest.CaptureFixture[str]) -> None:
    """`decide` has --level (with help and default), overriding the request's."""
    with pytest.raises(SystemExit):
        main(["decide", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    for flag in ("--level", "--as-of", "--adopt", "(default: the request's level)"):
        assert flag in out


@pytest.mark.parametrize(
    "command", ["deadline", "replay", "decide", "diagram", "obligations", "compare", "timeline"]
)
def test_profile_commands_take_level_as_of_adopt(
    capsys: pytest.CaptureFixture[str], command: str
) -> None:
    """Every command that takes a profile takes --level, --as-of and --adopt, with help."""
    with pytest.raises(SystemExit):
        main([command, "--help"])
    out = " ".join(capsys.readouterr().out.split())
    for flag in ("--level", "--as-of DATE", "--adopt DOC"):
        assert flag in out, (command, flag)
    assert out.count("(default:") >= 3


# -- 2. calendar edge --------------------------------------------------------------------


@pytest.mark.parametrize(
    "command", ["deadline", "replay", "decide", "obligations", "timeline", "compare"]
)
def test_working_day_commands_take_calendar_options(
    capsys: pytest.CaptureFixture[str], command: str
) -> None:
    """Every command that counts working days takes --provisional and --calendar-file."""
    with pytest.raises(SystemExit):
        main([command, "--help"])
    out = capsys.readouterr().out
    for flag in ("--provisional", "--calendar-file NOTICE.yaml", "--overlay-file"):
        assert flag in out, (command, flag)


def test_calendar_edge_error_names_the_flags(capsys: pytest.CaptureFixture[str]) -> None:
    """`deadline hubei … --start 2026-12-28` past the data: the error names the flags."""
    argv = ("deadline", "hubei", KEY, "--start", "2026-12-28", "--level", "provincial")
    code, _, err = run(capsys, *argv)
    assert code == 1
    assert "--calendar-file NOTICE.yaml" in err
    assert "--provisional" in err
    assert "load_arrangement" not in err


def test_deadline_provisional(capsys: pytest.CaptureFixture[str]) -> None:
    """`--provisional` estimates 2027 and says so; the cached profile stays official."""
    argv = ("deadline", "hubei", KEY, "--start", "2026-12-28", "--level", "provincial")
    code, out, _ = run(capsys, *argv, "--provisional", "--json")
    assert code == 0
    assert '"provisional": true' in out
    code, _, _ = run(capsys, *argv)
    assert code == 1


def _filled_2027(tmp_path: Path) -> Path:
    """The template filled in with a made-up notice that only says 2027-01-01 is 元旦 (a
    test fixture, not the real 2027 notice, which is not yet published)."""
    text = TEMPLATE.read_text("utf-8")
    text = text.replace("number: FILL-IN", "number: 测试用")
    text = text.replace("url: https://www.gov.cn/FILL-IN", "url: https://example.invalid/2027")
    text = text.replace("issued: FILL-IN", "issued: 2026-11-01")
    text = text.replace("from: FILL-IN", "from: 2027-01-01").replace(
        "to: FILL-IN", "to: 2027-01-01"
    )
    path = tmp_path / "2027.yaml"
    path.write_text(text, "utf-8")
    return path


def test_calendar_file_counts_into_2027(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """With --calendar-file: 2026-12-28 + 5 working days (鄂政务办发〔2021〕1号 第十四条(二)) =
    12-29, 12-30, 12-31, (01-01 元旦, 01-02/03 weekend) 01-04, 01-05."""
    path = _filled_2027(tmp_path)
    argv = ("deadline", "hubei", KEY, "--start", "2026-12-28", "--level", "provincial")
    code, out, err = run(capsys, *argv, "--calendar-file", str(path))
    assert (code, err) == (0, "")
    assert out.startswith("2027-01-05")
    assert dt.date(2027, 1, 1).weekday() == 4  # a Friday: the weekend follows


def test_calendar_check_template_and_filled(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`calendar check`: the unfilled template fails naming file and line; filled, it passes
    and is cross-checked against the holidays package's projection."""
    code, _, err = run(capsys, "calendar", "check", str(TEMPLATE))
    assert code == 1
    assert f"{TEMPLATE}:" in err
    path = _filled_2027(tmp_path)
    code, out, _ = run(capsys, "calendar", "check", str(path))
    assert code == 0
    assert "ok (2027; 1 weekday rest days, 0 make-up working days)" in out
    assert "cross-check" in out


# -- 3. typos ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (("show", "hubie"), "did you mean hubei?"),
        (("show", "hubei", "share.conditional.provider_replay"), f"did you mean {KEY}"),
        (("deadline", "hubei", "share.conditional.provider_replay", "--start", "2026-09-30"), KEY),
        (("diagram", "hubei", "conditional_applicaton"), "conditional_application"),
        (("workday", "is", "2026-10-10", "--region", "guangxl"), "did you mean guangxi?"),
        (("deadline", "hubei", KEY, "--start", "2026-09-30", "--level", "provincal"), "provincial"),
    ],
)
def test_typos_get_suggestions(
    capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], needle: str
) -> None:
    """A wrong name gets "did you mean", in one line."""
    code, out, err = run(capsys, *argv)
    assert code in (1, 2)
    assert out == ""
    assert needle in err
    assert err.count("\n") == 1


def test_same_message_for_a_wrong_key_everywhere(capsys: pytest.CaptureFixture[str]) -> None:
    """`show` and `deadline` say the same of a wrong key (one lookup raises it)."""
    bad = "share.conditional.provider_replay"
    _, _, shown = run(capsys, "show", "hubei", bad)
    _, _, counted = run(capsys, "deadline", "xinzhou", bad, "--start", "2026-09-30")
    assert shown.replace("hubei", "P") == counted.replace("xinzhou", "P")
    with pytest.raises(UnknownNameError) as caught:
        load_profile("hubei").rule(bad, as_of="2026-09-30", level="provincial")
    assert caught.value.suggestions[0] == KEY


@pytest.mark.parametrize(
    ("name", "pid"),
    [
        ("Hubei", "hubei"),
        ("HUBEI", "hubei"),
        ("湖北", "hubei"),
        ("湖北省", "hubei"),
        ("忻州", "xinzhou"),
        ("柳州", "liuzhou"),
        ("Liuzhou City", "liuzhou"),
    ],
)
def test_profile_names_any_case_and_chinese(
    capsys: pytest.CaptureFixture[str], name: str, pid: str
) -> None:
    """`show Hubei`, `show 湖北`: profile names in any case and by their Chinese names."""
    code, out, _ = run(capsys, "show", name)
    assert code == 0
    assert out.startswith(f"{pid}: ")


# -- 4. help and messages ----------------------------------------------------------------


def test_region_help_lists_regions(capsys: pytest.CaptureFixture[str]) -> None:
    """`--region` lists the registered regions."""
    with pytest.raises(SystemExit):
        main(["workday", "add", "--help"])
    assert "registered: guangxi" in " ".join(capsys.readouterr().out.split())


@pytest.mark.parametrize("value", ["0", "-5", "10"])
def test_width_too_small_is_refused(capsys: pytest.CaptureFixture[str], value: str) -> None:
    """`compare hubei --width 0` is a usage error, not one character per line."""
    code, out, err = run(capsys, "compare", "hubei", "--width", value)
    assert (code, out) == (2, "")
    assert ">= 40" in err


def test_help_of_the_package_is_short() -> None:
    """`help(govshare)` fits on a few screens and points to the main features."""
    text = pydoc.render_doc(govshare, renderer=pydoc.plaintext)
    assert len(text.splitlines()) < 150
    for name in ("compare", "obligations", "timeline", "check", "scenarios", "govshare.errors"):
        assert name in text


# -- 7. smaller --------------------------------------------------------------------------


def test_compare_a_standard_says_it_once(capsys: pytest.CaptureFixture[str]) -> None:
    """`compare shanxi_std`: one line saying the standard has no sharing rules."""
    code, out, err = run(capsys, "compare", "shanxi_std")
    assert (code, out) == (1, "")
    assert "govshare check shanxi_std" in err
    assert err.count("\n") == 1
