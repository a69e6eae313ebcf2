"""Every answer is traceable: decision id, version, profile and calendar hashes, in the body
and as headers, and one decision-log line per answer."""

from __future__ import annotations

import hashlib
import json
import uuid
from pathlib import Path

from fastapi.testclient import TestClient
from tests.server.conftest import KEY, ROOT, make_client

import govshare

_DEADLINE = f"/v1/profiles/hubei/deadlines/{KEY}"
_PARAMS = {"start": "2026-09-30", "level": "provincial"}


def _sha256(path: Path) -> str:
    return "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()


def test_trace_in_body_and_headers(client: TestClient) -> None:
    r = client.get(_DEADLINE, params=_PARAMS)
    trace = r.json()["trace"]
    assert uuid.UUID(trace["decision_id"]).version == 4
    assert r.headers["x-govshare-decision-id"] == trace["decision_id"]
    assert trace["govshare_version"] == govshare.__version__ == r.headers["x-govshare-version"]
    # the profile used and the national layer it sits under, each the hash of its file
    hashes = {p["id"]: p["sha256"] for p in trace["profiles"]}
    assert hashes == {
        "hubei": _sha256(ROOT / "profiles" / "hubei.yaml"),
        "national": _sha256(ROOT / "profiles" / "national.yaml"),
    }
    assert r.headers["x-govshare-profiles"] == ", ".join(f"{k}={v}" for k, v in hashes.items())
    # the bundled national arrangements run to the 2026 notice (国办发明电〔2025〕7号)
    assert trace["calendar"]["last_year"] == 2026
    assert trace["calendar"]["first_year"] == 2004
    assert r.headers["x-govshare-calendar-last-year"] == "2026"
    assert r.headers["x-govshare-calendar-version"] == trace["calendar"]["version"]
    assert trace["calendar"]["version"].startswith("sha256:")


def test_each_answer_has_its_own_decision_id(client: TestClient) -> None:
    ids = {client.get(_DEADLINE, params=_PARAMS).json()["trace"]["decision_id"] for _ in range(5)}
    assert len(ids) == 5


def test_problems_and_pages_carry_the_trace_headers(client: TestClient) -> None:
    problem = client.get("/v1/profiles/nowhere")
    assert problem.status_code == 404
    assert problem.json()["decision_id"] == problem.headers["x-govshare-decision-id"]
    page = client.get("/v1/profiles/hubei/obligations.ics", params={"year": 2026})
    assert page.headers["x-govshare-profiles"].startswith("hubei=sha256:")


def test_a_loaded_calendar_file_changes_the_calendar_version(tmp_path: Path) -> None:
    """An arrangement loaded at start-up (a newly published year) is part of the version."""
    from govshare.calendar import reset  # noqa: PLC0415

    source = ROOT / "src" / "govshare" / "calendar" / "data" / "national" / "2026.yaml"
    amended = tmp_path / "2026-amended.yaml"
    amended.write_text(source.read_text("utf-8") + "amends: true\n", "utf-8")
    try:
        with make_client(calendar_files=(amended,)) as c:
            other = c.get("/v1/workdays/is", params={"date": "2026-10-10"})
        with make_client() as c:
            base = c.get("/v1/workdays/is", params={"date": "2026-10-10"})
    finally:
        reset()
    assert (
        other.json()["trace"]["calendar"]["version"] != base.json()["trace"]["calendar"]["version"]
    )


def test_decision_log(tmp_path: Path) -> None:
    """One JSON line per answer: the request, the answer and the hashes, replayable."""
    log = tmp_path / "decisions.jsonl"
    with make_client(decision_log=log) as c:
        ok = c.get(_DEADLINE, params=_PARAMS)
        body = {"dates": ["2026-10-09"], "n": 1}
        batch = c.post("/v1/workdays/add-batch", json=body)
        bad = c.get("/v1/workdays/add", params={"start": "2031-01-05", "n": 1})
        page = c.get("/v1/profiles/hubei/obligations.ics", params={"year": 2026})
        c.get("/healthz")  # not a decision
    lines = [json.loads(line) for line in log.read_text("utf-8").splitlines()]
    assert [x["decision_id"] for x in lines] == [
        r.headers["x-govshare-decision-id"] for r in (ok, batch, bad, page)
    ]
    first = lines[0]
    assert first["request"]["path"] == _DEADLINE
    assert first["request"]["query"] == {"start": ["2026-09-30"], "level": ["provincial"]}
    assert first["status"] == 200
    assert first["answer"] == ok.json()
    assert first["profiles"]["hubei"] == _sha256(ROOT / "profiles" / "hubei.yaml")
    assert first["calendar"]["last_year"] == "2026"
    assert lines[1]["request"]["body"] == body
    assert lines[2]["status"] == 422
    assert lines[2]["answer"]["error"] == "CalendarRangeError"
    ics = lines[3]["answer"]
    assert ics["sha256"] == "sha256:" + hashlib.sha256(page.content).hexdigest()
    assert ics["media_type"].startswith("text/calendar")


def test_profiles_dir(tmp_path: Path) -> None:
    """A directory's profiles are served by file name, hashed like the bundled ones; a name
    already served stops the start."""
    import pytest  # noqa: PLC0415

    from govshare.errors import DataFileError  # noqa: PLC0415

    text = (ROOT / "profiles" / "hubei.yaml").read_text("utf-8")
    (tmp_path / "mine.yaml").write_text(text, "utf-8")
    with make_client(profiles_dir=tmp_path) as c:
        assert "mine" in c.get("/readyz").json()["profiles"]
        r = c.get(f"/v1/profiles/mine/deadlines/{KEY}", params=_PARAMS)
    assert r.json()["result"]["due"] == "2026-10-13"
    assert r.headers["x-govshare-profiles"].startswith("hubei=" + _sha256(tmp_path / "mine.yaml"))
    (tmp_path / "hubei.yaml").write_text(text, "utf-8")
    with pytest.raises(DataFileError, match="already served"):
        make_client(profiles_dir=tmp_path)
