"""Operation: settings from options and GOVSHARE_* variables, the serve command, CORS off by
default, and the access log."""

from __future__ import annotations

import contextlib
import io
import sys
from pathlib import Path

import pytest
from tests.server.conftest import make_client

from govshare.cli.app import COMMANDS, build_parser
from govshare.cli.main import main
from govshare.errors import InputError
from govshare.server import Settings


def test_settings_from_environment_and_overrides() -> None:
    env = {
        "GOVSHARE_PORT": "9001",
        "GOVSHARE_WORKERS": "3",
        "GOVSHARE_PROFILES_DIR": "/srv/profiles",
        "GOVSHARE_CALENDAR_FILE": "/a/2027.yaml:/b/2027-fix.yaml",
        "GOVSHARE_MAX_EVENTS": "10",
        "GOVSHARE_REQUEST_TIMEOUT": "2.5",
        "GOVSHARE_CORS_ORIGINS": "https://a.example, https://b.example",
        "GOVSHARE_ACCESS_LOG": "off",
        "GOVSHARE_HOST": "",  # empty: the default
    }
    s = Settings.from_env(env, port=9002)
    assert s.port == 9002  # the option wins
    assert s.workers == 3
    assert s.host == "127.0.0.1"
    assert s.profiles_dir == Path("/srv/profiles")
    assert s.calendar_files == (Path("/a/2027.yaml"), Path("/b/2027-fix.yaml"))
    assert s.max_events == 10
    assert s.request_timeout == 2.5
    assert s.cors_origins == ("https://a.example", "https://b.example")
    assert s.access_log is False
    assert Settings.from_env(s.to_env()) == s  # what the workers receive


def test_defaults() -> None:
    s = Settings.from_env({})
    assert (s.host, s.port, s.workers) == ("127.0.0.1", 8000, 1)
    assert s.cors_origins == ()
    assert (s.max_body_bytes, s.max_events, s.max_array) == (4 * 1024 * 1024, 1000, 100_000)


@pytest.mark.parametrize(
    ("var", "value"),
    [("GOVSHARE_PORT", "http"), ("GOVSHARE_MAX_ARRAY", "0"), ("GOVSHARE_ACCESS_LOG", "maybe")],
)
def test_bad_environment_is_an_input_error(var: str, value: str) -> None:
    with pytest.raises(InputError):
        Settings.from_env({var: value})


def test_serve_command_is_listed_and_parses() -> None:
    assert "serve" in COMMANDS
    args = build_parser().parse_args(
        ["serve", "--port", "9000", "--workers", "2", "--max-events", "5", "--cors-origin", "x"]
    )
    assert (args.port, args.workers, args.max_events, args.cors_origin) == (9000, 2, 5, ["x"])


def test_serve_without_the_extra_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without fastapi: one error line naming the server extra, exit status 1."""
    monkeypatch.setitem(sys.modules, "fastapi", None)
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(["serve", "--port", "9"])
    assert code == 1
    assert 'pip install "govshare[server]"' in err.getvalue()
    assert "Traceback" not in err.getvalue()


def test_cors_off_by_default_and_on_when_configured() -> None:
    headers = {"Origin": "https://portal.example"}
    with make_client() as c:
        r = c.get("/v1/workdays/is", params={"date": "2026-10-10"}, headers=headers)
        assert "access-control-allow-origin" not in r.headers
    with make_client(cors_origins=("https://portal.example",)) as c:
        r = c.get("/v1/workdays/is", params={"date": "2026-10-10"}, headers=headers)
        assert r.headers["access-control-allow-origin"] == "https://portal.example"


def test_access_log_is_json_lines(caplog: pytest.LogCaptureFixture) -> None:
    import json  # noqa: PLC0415
    import logging  # noqa: PLC0415

    from fastapi.testclient import TestClient  # noqa: PLC0415

    from govshare.server import create_app  # noqa: PLC0415

    with (
        caplog.at_level(logging.INFO, logger="govshare.server.access"),
        TestClient(create_app(Settings())) as c,
    ):
        r = c.get("/v1/workdays/add", params={"start": "2026-10-09", "n": 1})
    lines = [json.loads(rec.getMessage()) for rec in caplog.records]
    assert lines[-1]["path"] == "/v1/workdays/add"
    assert lines[-1]["status"] == 200
    assert lines[-1]["decision_id"] == r.headers["x-govshare-decision-id"]
    assert lines[-1]["query"] == "start=2026-10-09&n=1"


def test_serve_help_defaults_are_the_settings_defaults() -> None:
    """The defaults the help text states are Settings' own."""
    from govshare.cli.serve import _OPTIONS  # noqa: PLC0415

    defaults = Settings()
    for flag, _, _, _, default, _ in _OPTIONS:
        field = flag.removeprefix("--").replace("-", "_")
        value = getattr(defaults, field, None)
        if isinstance(value, int | float | str) and not isinstance(value, bool):
            assert value == default, flag
