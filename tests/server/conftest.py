"""Fixtures of the HTTP service's tests: an application on the bundled profiles, its client,
and the examples the command-line tests use (as JSON bodies)."""

from __future__ import annotations

import contextlib
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from fastapi.testclient import TestClient

from govshare.cli.main import main
from govshare.server import Settings, create_app

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "docs" / "examples"
KEY = "share.conditional.provider_reply"


def example(name: str) -> Any:
    """An example YAML file of docs/examples as the JSON a client would send."""
    data = yaml.safe_load((EXAMPLES / name).read_text("utf-8"))
    return json.loads(json.dumps(data, default=str))


def cli_json(*argv: str) -> Any:
    """What ``govshare ARGV --json`` prints, parsed."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        main([*argv, "--json"])
    return json.loads(out.getvalue())


@pytest.fixture(scope="session")
def client() -> Iterator[TestClient]:
    """A client of the server on the bundled profiles, default settings, no access log."""
    with TestClient(create_app(Settings(access_log=False))) as c:
        yield c


def make_client(**settings: Any) -> TestClient:
    """A client of a server with other settings."""
    return TestClient(create_app(Settings(access_log=False, **settings)))
