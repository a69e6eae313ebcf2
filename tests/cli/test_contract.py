"""The command line's contract for bad input (issue 14): every command, fed every invalid
fixture, exits non-zero with exactly one ``error:`` line on stderr and no traceback.

Two commands report on purpose beyond one line: ``validate`` lists every problem of a
profile (one ``file:line: field: message`` line each), and ``test`` reports a bad scenario
file as one errored item on stdout (a verdict, exit status 1).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from govshare.cli.app import main

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "docs" / "examples"
LOG = str(EXAMPLES / "no-reply.log.yaml")
REQUEST = str(EXAMPLES / "dedicated.request.yaml")
DEPARTMENT = str(EXAMPLES / "department.yaml")
KEY = "share.conditional.provider_reply"

INVALID_PROFILES = sorted((ROOT / "tests" / "profiles" / "invalid").glob("*.yaml"))

#: Bad files of each kind, written for the test: name -> text.
_LOG_HEAD = "schema: govshare-log/1\nprocess: conditional_application\nlevel: provincial\n"
BAD_LOGS = {
    "unknown_event.log.yaml": _LOG_HEAD + "events:\n  - {at: 2026-09-30, type: nope, by: a}\n",
    "out_of_order.log.yaml": _LOG_HEAD + "as_of: 2026-10-20\nevents:\n"
    "  - {at: 2026-09-30T10:00, type: submit, by: a}\n"
    "  - {at: 2026-09-29T10:00, type: approve, by: b}\n",
    "no_reasons.log.yaml": _LOG_HEAD + "as_of: 2026-10-20\nevents:\n"
    "  - {at: 2026-09-30T10:00, type: submit, by: a}\n"
    "  - {at: 2026-10-09T10:00, type: refuse, by: b}\n",
    "unknown_field.log.yaml": _LOG_HEAD + "events:\n  - {at: 2026-09-30, type: submit, byy: a}\n",
    "timestamp.log.yaml": _LOG_HEAD + "events:\n  - {at: 1790000000, type: submit, by: a}\n",
    "not_yaml.log.yaml": _LOG_HEAD + "events: [\n",
    "empty.log.yaml": "",
    "list.log.yaml": "- a\n- b\n",
}
_REQ = "schema: govshare-request/1\nlevel: provincial\nas_of: 2026-09-30\n"
_RES = "resource: {name: x, provider: y, share_type: conditional}\n"
BAD_REQUESTS = {
    "no_requester.request.yaml": _REQ + _RES,
    "share_type.request.yaml": _REQ
    + "requester: a\nresource: {name: x, provider: y, share_type: maybe}\n",
    "as_of_number.request.yaml": "schema: govshare-request/1\nlevel: provincial\nas_of: 0\n"
    "requester: a\n" + _RES,
    "bad_level.request.yaml": _REQ.replace("provincial", "national") + "requester: a\n" + _RES,
    "not_yaml.request.yaml": "requester: [\n",
}
BAD_DEPARTMENTS = {
    "unknown_key.yaml": (ROOT / "tests" / "features" / "selfcheck" / "unknown_key.yaml").read_text(
        "utf-8"
    ),
    "empty.department.yaml": "",
    "not_yaml.department.yaml": "department: {\n",
}
_PATCH = "schema: govshare-patch/1\nprofile: xinzhou\nname: {zh: 试, en: test}\n"
BAD_PATCHES = {
    "unknown_doc.patch.yaml": _PATCH + f"rules:\n  {KEY}:\n    - {{doc: nope, value: {{n: 3}}}}\n",
    "null_value.patch.yaml": _PATCH + f"rules:\n  {KEY}:\n    - {{doc: xz-2022-3, value: null}}\n",
    "unknown_profile.patch.yaml": _PATCH.replace("xinzhou", "nowhere"),
}
BAD_CALENDARS = {
    "weekday_makeup.yaml": "year: 2027\nnotices:\n  - {title: x, url: 'https://example.org/x'}\n"
    "makeup_working_days:\n  - {name: x, date: 2027-01-06}\n",
    "endless.yaml": "year: 2026\nnotices:\n  - {title: x, url: 'https://example.org/x'}\n"
    "rest_days:\n  - {name: x, from: 0001-01-01, to: 9999-12-31}\n",
}
BAD_OVERLAYS = {
    "endless.overlay.yaml": "region: testland\nname: 测试\nentries:\n"
    "  - {name: x, status: rest, from: 0001-01-01, to: 9999-12-31, confidence: official,"
    " source: s}\n",
}

#: Commands that take a profile; "{}" is the profile.
PROFILE_COMMANDS = (
    ("show", "{}"),
    ("deadline", "{}", KEY, "--start", "2026-09-30", "--level", "provincial"),
    ("compare", "{}", "xinzhou", "--as-of", "2026-11-23"),
    ("diagram", "{}", "conditional_application", "--as-of", "2026-01-05"),
    ("replay", "{}", LOG),
    ("decide", "{}", REQUEST),
    ("obligations", "{}", "--year", "2026", "--level", "provincial"),
    ("timeline", "{}", "--key", KEY, "--start", "2026-09-30", "-o", "{out}"),
    ("check", "{}", DEPARTMENT),
    ("check", "shanxi_std", DEPARTMENT, "--serves", "{}", "--as-of", "2026-09-30"),
)
LOG_COMMANDS = (
    ("replay", "hubei", "{}"),
    ("compare", "hubei", "xinzhou", "--scenario", "{}"),
    ("obligations", "hubei", "--year", "2026", "--level", "provincial", "--log", "{}"),
    ("timeline", "hubei", "--scenario", "{}", "-o", "{out}"),
)


def _cases() -> list[tuple[str, tuple[str, ...], str | None, str | None]]:
    """(id, argv template, name of a file to write, its text) for every command and file."""
    out: list[tuple[str, tuple[str, ...], str | None, str | None]] = []
    for path in INVALID_PROFILES:
        for argv in PROFILE_COMMANDS:
            out.append((f"{argv[0]}-{path.stem}", argv, str(path), None))
    for name, text in BAD_LOGS.items():
        out += [(f"{argv[0]}-{name}", argv, name, text) for argv in LOG_COMMANDS]
    for name, text in BAD_REQUESTS.items():
        out.append((f"decide-{name}", ("decide", "hubei", "{}"), name, text))
    for name, text in BAD_DEPARTMENTS.items():
        argv = ("check", "shanxi_std", "{}", "--serves", "xinzhou", "--as-of", "2026-09-30")
        out.append((f"check-{name}", argv, name, text))
    for name, text in BAD_PATCHES.items():
        argv = ("compare", "xinzhou", "--as-of", "2026-11-23", "--patch", "{}")
        out.append((f"compare-{name}", argv, name, text))
    for name, text in BAD_CALENDARS.items():
        for cmd in (("workday", "add", "2026-09-30", "5"), ("workday", "is", "2026-10-09")):
            out.append((f"{cmd[1]}-{name}", (*cmd, "--calendar-file", "{}"), name, text))
    for name, text in BAD_OVERLAYS.items():
        argv = ("workday", "add", "2026-09-30", "5", "--overlay-file", "{}")
        out.append((f"add-{name}", argv, name, text))
    missing = "no-such-file.yaml"
    out += [(f"{a[0]}-missing", a, missing, None) for a in (*PROFILE_COMMANDS, *LOG_COMMANDS)]
    return out


CASES = _cases()


@pytest.mark.parametrize(
    ("argv", "name", "text"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_bad_input_is_one_error_line(
    argv: tuple[str, ...],
    name: str,
    text: str | None,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    target = tmp_path / name if text is not None or not Path(name).is_absolute() else Path(name)
    if text is not None:
        target.write_text(text, "utf-8")
    args = [str(target) if a == "{}" else a.replace("{out}", str(tmp_path / "t.svg")) for a in argv]
    status = main(args)
    out, err = capsys.readouterr()
    assert status != 0, out
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("error: ")
    assert len(lines[0]) > len("error: ") + 10


@pytest.mark.parametrize("path", INVALID_PROFILES, ids=[p.stem for p in INVALID_PROFILES])
def test_validate_lists_every_problem_with_its_place(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = err.splitlines()
    assert lines
    assert all(line.startswith(str(path)) for line in lines), err


def test_a_bad_scenario_file_is_one_errored_item(capsys: pytest.CaptureFixture[str]) -> None:
    bad = ROOT / "tests" / "features" / "fixtures_scenarios" / "invalid.scenarios.yaml"
    assert main(["test", str(bad), "--lang", "en"]) == 1
    out, err = capsys.readouterr()
    assert err == ""
    assert f"{bad}:9" in out
