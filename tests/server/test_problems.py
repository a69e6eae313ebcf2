"""Errors are RFC 9457 problem details with the library's error and where it is; limits are
settings with a clear 413 or 422; nothing gives a 500."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from tests.server.conftest import KEY, example, make_client

_PROBLEM = "application/problem+json"


def _problem(response: Any, status: int, kind: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == _PROBLEM
    doc: dict[str, Any] = response.json()
    assert doc["type"] == f"https://govshare.example/problems/{kind}"
    assert doc["status"] == status
    assert doc["instance"] == response.request.url.path
    return doc


def test_date_outside_the_calendar(client: TestClient) -> None:
    """The date and the last year covered (the bundled data ends with 2026)."""
    r = client.get("/v1/workdays/add", params={"start": "2031-10-09", "n": 1})
    doc = _problem(r, 422, "calendar-range")
    assert doc["error"] == "CalendarRangeError"
    assert doc["date"] == "2031-10-09"
    assert doc["last_year"] == 2026
    assert doc["first_year"] == 2004
    # a deadline that runs past the data fails the same way, naming the first missing day
    r = client.get(f"/v1/profiles/hubei/deadlines/{KEY}", params={"start": "2026-12-28"})
    doc = _problem(r, 422, "calendar-range")
    assert doc["date"] == "2027-01-01"


def test_unknown_profile_and_path(client: TestClient) -> None:
    doc = _problem(client.get("/v1/profiles/nowhere/rules/x"), 404, "unknown-profile")
    assert doc["error"] == "UnknownProfileError"
    assert "hubei" in doc["known"]
    assert doc["parameter"] == "name"
    _problem(client.get("/v1/nothing-here"), 404, "not-found")
    _problem(client.put("/v1/profiles"), 405, "method-not-allowed")


def test_profile_paths_are_not_names(client: TestClient) -> None:
    """A request never names a server path: a path is an unknown profile."""
    r = client.get("/v1/profiles/..%2Fprofiles%2Fhubei.yaml")
    assert r.status_code == 404


def test_input_error_names_the_parameter(client: TestClient) -> None:
    r = client.get(f"/v1/profiles/hubei/deadlines/{KEY}", params={"start": "30 Sept"})
    doc = _problem(r, 422, "invalid-input")
    assert doc["error"] == "InputError"
    assert doc["parameter"] == "start"
    r = client.get(f"/v1/profiles/hubei/rules/{KEY}", params={"adopt": "no-such-doc"})
    doc = _problem(r, 422, "invalid-input")
    assert doc["parameter"] == "adopt"
    r = client.get("/v1/workdays/is", params={"date": "2026-10-10", "region": "atlantis"})
    doc = _problem(r, 422, "invalid-input")
    assert doc["parameter"] == "region"
    assert "guangxi" in doc["known"]


def test_request_validation(client: TestClient) -> None:
    """What the OpenAPI document rules out: a 422 with a pointer or a parameter per error."""
    r = client.get("/v1/workdays/add", params={"start": "2026-10-09", "n": -1})
    doc = _problem(r, 422, "invalid-request")
    assert doc["parameter"] == "n"
    r = client.post("/v1/workdays/add-batch", json={"dates": ["2026-10-09", "9 Oct"], "n": 1})
    doc = _problem(r, 422, "invalid-request")
    assert doc["pointer"] == "/dates/1"
    r = client.post(
        "/v1/workdays/add-batch", content=b"{not json", headers={"content-type": "application/json"}
    )
    _problem(r, 422, "invalid-request")
    r = client.post(
        "/v1/workdays/add-batch", content=b"\xff\xfe", headers={"content-type": "application/json"}
    )
    _problem(r, 422, "invalid-request")


def test_event_log_error_points_at_the_event(client: TestClient) -> None:
    log = example("no-reply.log.yaml")
    log["events"].append({"at": "2026-10-08T09:00", "type": "refuse", "by": "省卫健委"})
    r = client.post("/v1/profiles/hubei/replay", json=log)
    doc = _problem(r, 422, "event-log")
    assert doc["index"] == 1
    assert doc["event"] == "refuse"
    assert doc["pointer"].startswith("/events/1")
    # time going backwards
    log = example("no-reply.log.yaml")
    log["events"].append({"at": "2026-09-01T09:00", "type": "submit", "by": "A"})
    doc = _problem(client.post("/v1/profiles/hubei/replay", json=log), 422, "event-log")
    assert doc["pointer"] == "/events/1"


def test_department_error_points_into_the_body(client: TestClient) -> None:
    dept = example("department.yaml")
    dept["people"][0]["registered"] = "no"
    body = {"standard": "shanxi_std", "department": dept}
    doc = _problem(client.post("/v1/selfcheck", json=body), 422, "invalid-document")
    assert doc["pointer"] == "/department/people/0/registered"
    assert doc["errors"][0]["pointer"] == "/department/people/0/registered"


def test_body_size_limit() -> None:
    with make_client(max_body_bytes=1000) as c:
        r = c.post("/v1/workdays/add-batch", json={"dates": ["2026-10-09"] * 200, "n": 1})
        doc = _problem(r, 413, "body-too-large")
        assert doc["limit"] == 1000
        assert doc["setting"] == "max_body_bytes"
        assert c.post("/v1/workdays/add-batch", json={"dates": ["2026-10-09"], "n": 1}).is_success


def test_count_limits() -> None:
    with make_client(max_events=1, max_array=2, max_items=1) as c:
        log = example("no-reply.log.yaml")
        log["events"].append({"at": "2026-10-08T09:00", "type": "approve", "by": "A"})
        doc = _problem(c.post("/v1/profiles/hubei/replay", json=log), 422, "limit-exceeded")
        assert doc["pointer"] == "/events"
        assert (doc["limit"], doc["setting"]) == (1, "max_events")
        body = {"dates": ["2026-10-09"] * 3, "n": 1}
        doc = _problem(c.post("/v1/workdays/add-batch", json=body), 422, "limit-exceeded")
        assert (doc["pointer"], doc["setting"]) == ("/dates", "max_array")
        r = c.get("/v1/compare", params={"profile": ["hubei", "xinzhou"], "as_of": "2026-11-23"})
        doc = _problem(r, 422, "limit-exceeded")
        assert (doc["parameter"], doc["setting"]) == ("profile", "max_items")


def test_batch_counts_must_match(client: TestClient) -> None:
    r = client.post("/v1/workdays/add-batch", json={"dates": ["2026-10-09"] * 2, "n": [1, 2, 3]})
    doc = _problem(r, 422, "invalid-input")
    assert doc["pointer"] == "/n"


def test_time_limit() -> None:
    """An answer over request_timeout is a 503 problem (the limit here is too short for any
    answer)."""
    with make_client(request_timeout=1e-9) as c:
        r = c.get(f"/v1/profiles/hubei/deadlines/{KEY}", params={"start": "2026-09-30"})
        doc = _problem(r, 503, "timeout")
        assert doc["setting"] == "request_timeout"
