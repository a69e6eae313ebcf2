"""A real server: ``govshare serve`` in its own process (two uvicorn workers) on a free
loopback port, started and stopped by the test; and the curl walk-through of docs/server.md
run against it."""

from __future__ import annotations

import doctest
import json
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.server.conftest import KEY, ROOT

DOCS_URL = "http://127.0.0.1:8000"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of a live ``govshare serve --workers 2``; stopped after the module."""
    port = _free_port()
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    code = "import sys; from govshare.cli import main; sys.exit(main())"
    argv = [sys.executable, "-c", code, "serve", "--port", str(port), "--workers", "2"]
    with log.open("wb") as out:
        proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{url}/readyz", timeout=2)
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"govshare serve did not start:\n{log.read_text()}")
                time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:  # pragma: no cover
            proc.kill()
            proc.wait()
    text = log.read_text("utf-8", errors="replace")
    assert "Traceback" not in text, text
    assert '"path": "/readyz"' in text  # the access log, one JSON line per request


def _get(url: str) -> tuple[dict[str, str], dict[str, object]]:
    with urllib.request.urlopen(url, timeout=10) as r:
        return {k.lower(): v for k, v in r.headers.items()}, json.loads(r.read())


def test_live_deadline_and_workday(server: str) -> None:
    """Hubei, received 2026-09-30, provincial level: 2026-10-13; the working day after
    2026-10-09 is the make-up Saturday 2026-10-10."""
    headers, doc = _get(
        f"{server}/v1/profiles/hubei/deadlines/{KEY}?start=2026-09-30&level=provincial"
    )
    assert doc["result"]["due"] == "2026-10-13"  # type: ignore[index]
    assert headers["x-govshare-decision-id"] == doc["trace"]["decision_id"]  # type: ignore[index]
    _, doc = _get(f"{server}/v1/workdays/add?start=2026-10-09&n=1")
    assert doc["result"]["date"] == "2026-10-10"  # type: ignore[index]
    _, health = _get(f"{server}/healthz")
    assert health["status"] == "ok"


def _walkthrough() -> list[tuple[str, str]]:
    """The ``$ curl`` commands of docs/server.md's walk-through and the output shown."""
    text = (ROOT / "docs" / "server.md").read_text("utf-8")
    section = text.split("## 命令行示例 A walk-through with curl", 1)[1].split("\n## ", 1)[0]
    out = []
    for block in re.findall(r"```console\n(.*?)```", section, flags=re.S):
        lines = block.strip("\n").split("\n")
        assert lines[0].startswith("$ curl "), lines[0]
        out.append((lines[0][2:], "\n".join(lines[1:]) + "\n"))
    return out


WALKTHROUGH = _walkthrough()


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
@pytest.mark.parametrize(("command", "shown"), WALKTHROUGH, ids=[c[:60] for c, _ in WALKTHROUGH])
def test_curl_walkthrough(server: str, command: str, shown: str) -> None:
    """Each command gives the output the page shows (``...`` matches anything)."""
    run = subprocess.run(
        command.replace(DOCS_URL, server),
        shell=True,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    got = run.stdout if run.stdout.endswith("\n") else run.stdout + "\n"
    checker = doctest.OutputChecker()
    assert checker.check_output(shown, got, doctest.ELLIPSIS), f"{command}\n{got}"


def test_walkthrough_found() -> None:
    assert len(WALKTHROUGH) >= 5
    assert Path(ROOT / "docs" / "server.md").is_file()
