"""The /v1 endpoints answer what the library (and the command line) answers.

The due dates are counted by hand from the State Council's 2026 notice (国办发明电〔2025〕7号):
国庆节 2026-10-01..07 off, Saturday 2026-10-10 worked; 春节 Saturday 2026-02-14 worked.
"""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from tests.server.conftest import KEY, cli_json, example


def _result(response: Any) -> Any:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    return response.json()["result"]


def test_deadline_hubei_provincial(client: TestClient) -> None:
    """Received 2026-09-30 at provincial level, 5 working days: 10-8, 10-9, 10-10 (make-up
    Saturday), 10-12, 10-13."""
    r = client.get(
        f"/v1/profiles/hubei/deadlines/{KEY}", params={"start": "2026-09-30", "level": "provincial"}
    )
    doc = _result(r)
    assert doc["schema"] == "govshare-deadline/1"
    assert doc["due"] == "2026-10-13"
    assert doc["end_instant"] == "2026-10-14T00:00:00+08:00"
    assert doc["rule"]["source"]["article"] == "第十四条"


def test_deadline_is_the_cli_document(client: TestClient) -> None:
    """One shape per result: the answer's result is what ``govshare deadline --json`` prints."""
    r = client.get(
        f"/v1/profiles/hubei/deadlines/{KEY}", params={"start": "2026-09-30", "level": "county"}
    )
    assert _result(r) == cli_json(
        "deadline", "hubei", KEY, "--start", "2026-09-30", "--level", "county"
    )


def test_workday_after_the_eve_of_the_make_up_saturday(client: TestClient) -> None:
    """The working day after Friday 2026-10-09 is the make-up Saturday 2026-10-10."""
    doc = _result(client.get("/v1/workdays/add", params={"start": "2026-10-09", "n": 1}))
    assert doc["date"] == "2026-10-10"
    day = _result(client.get("/v1/workdays/is", params={"date": "2026-10-10"}))
    assert day["working"] is True
    assert day["kind"] == "makeup_working_day"


def test_workday_count(client: TestClient) -> None:
    """(2026-09-30, 2026-10-13]: 10-8, 10-9, 10-10, 10-12, 10-13."""
    r = client.get("/v1/workdays/count", params={"start": "2026-09-30", "end": "2026-10-13"})
    assert _result(r)["working_days"] == 5


def test_batch(client: TestClient) -> None:
    """One count per date, and one count for all (Friday 2026-02-13 + 1 = Saturday 02-14, a
    make-up working day)."""
    body = {"dates": ["2026-09-30", "2026-10-09", "2026-02-13"], "n": [5, 1, 1]}
    doc = _result(client.post("/v1/workdays/add-batch", json=body))
    assert doc["schema"] == "govshare-workday-batch/1"
    assert doc["dates"] == ["2026-10-13", "2026-10-10", "2026-02-14"]
    assert doc["uncertain"] == []
    body = {"dates": ["2026-10-09", "2026-02-13"], "n": 1}
    assert _result(client.post("/v1/workdays/add-batch", json=body))["dates"] == [
        "2026-10-10",
        "2026-02-14",
    ]


def test_profiles_and_documents(client: TestClient) -> None:
    """The list names every bundled profile; a profile's view is ``govshare show --json``'s."""
    doc = _result(client.get("/v1/profiles"))
    assert doc == cli_json("profiles")
    view = _result(client.get("/v1/profiles/hubei"))
    assert view == cli_json("show", "hubei")
    assert "hb-order-419" in [d["id"] for d in view["documents"]]


def test_rule_and_provisions(client: TestClient) -> None:
    """The rule in force, and every layer's provision with its relation."""
    params = {"as_of": "2026-10-01", "level": "provincial"}
    rule = _result(client.get(f"/v1/profiles/hubei/rules/{KEY}", params=params))
    assert rule["schema"] == "govshare-rule/1"
    assert rule["value"]["n"] == 5
    layered = _result(client.get(f"/v1/profiles/hubei/provisions/{KEY}", params=params))
    assert layered["schema"] == "govshare-layered-rule/1"
    profiles = [p["profile"] for p in layered["provisions"]]
    assert profiles[:2] == ["hubei", "national"]
    assert layered["provisions"][0]["relation"] == "binds"


def test_deadline_carries_the_national_ceiling(client: TestClient) -> None:
    """Hubei provincial, received 2026-09-30: the rules' 5 working days bind (10-13: 10-08,
    10-09, 10-10 make-up, 10-12, 10-13); the national 10 (第二十一条) are the ceiling (10-20),
    an approved extension at most 10 more (11-03)."""
    r = client.get(
        f"/v1/profiles/hubei/deadlines/{KEY}",
        params={"start": "2026-09-30", "level": "provincial"},
    )
    doc = _result(r)
    assert doc["schema"] == "govshare-deadline/1"
    assert doc["due"] == "2026-10-13"
    national = next(d for d in doc["layers"] if d["profile"] == "national")
    assert (national["relation"], national["due"]) == ("ceiling", "2026-10-20")
    assert national["extension"]["due"] == "2026-11-03"


def test_replay_is_the_cli_document(client: TestClient) -> None:
    """The event log in the body replays as ``govshare replay --json`` replays the file."""
    doc = _result(client.post("/v1/profiles/hubei/replay", json=example("no-reply.log.yaml")))
    path = "docs/examples/no-reply.log.yaml"
    assert doc == cli_json("replay", "hubei", path)
    assert doc["schema"] == "govshare-replay/1"


def test_decide_is_the_cli_document(client: TestClient) -> None:
    doc = _result(client.post("/v1/profiles/hubei/decide", json=example("dedicated.request.yaml")))
    assert doc == cli_json("decide", "hubei", "docs/examples/dedicated.request.yaml")


def test_compare_json_and_html(client: TestClient) -> None:
    params = {"profile": ["hubei", "xinzhou", "liuzhou"], "as_of": "2026-11-23"}
    doc = _result(client.get("/v1/compare", params=params))
    assert doc == cli_json("compare", "hubei", "xinzhou", "liuzhou", "--as-of", "2026-11-23")
    page = client.get("/v1/compare/html", params=params)
    assert page.status_code == 200
    assert page.headers["content-type"] == "text/html; charset=utf-8"
    assert "湖北省人民政府令第419号 第二十条" in page.text
    assert page.headers["x-govshare-decision-id"]


def test_compare_scenario(client: TestClient) -> None:
    body = {"log": example("no-reply.log.yaml"), "profiles": ["hubei", "xinzhou"]}
    doc = _result(client.post("/v1/compare/scenario", json=body))
    expected = cli_json(
        "compare", "hubei", "xinzhou", "--scenario", "docs/examples/no-reply.log.yaml"
    )
    assert doc == expected


def test_obligations_json_and_ics(client: TestClient) -> None:
    params = {"year": 2026, "level": "provincial"}
    doc = _result(client.get("/v1/profiles/hubei/obligations", params=params))
    cli = cli_json("obligations", "hubei", "--year", "2026", "--level", "provincial")
    del cli["ics"]
    assert doc == cli
    ics = client.get("/v1/profiles/hubei/obligations.ics", params=params)
    assert ics.status_code == 200
    assert ics.headers["content-type"] == "text/calendar; charset=utf-8"
    assert ics.text.startswith("BEGIN:VCALENDAR")
    # replayed to 2026-10-05, the reply (due 2026-10-13) is still open: one more item
    body = {
        "year": 2026,
        "level": "provincial",
        "logs": [example("no-reply.log.yaml")],
        "as_of": "2026-10-05",
    }
    with_case = _result(client.post("/v1/profiles/hubei/obligations", json=body))
    log = "docs/examples/no-reply.log.yaml"
    cli = cli_json("obligations", "hubei", "--year", "2026", "--log", log, "--as-of", "2026-10-05")
    del cli["ics"]
    assert with_case == cli
    assert len(with_case["items"]) == len(doc["items"]) + 1
    ics_case = client.post("/v1/profiles/hubei/obligations.ics", json=body)
    assert ics_case.text.count("BEGIN:VEVENT") == ics.text.count("BEGIN:VEVENT") + 1


def test_selfcheck(client: TestClient) -> None:
    body = {
        "standard": "shanxi_std",
        "department": example("department.yaml"),
        "serves": "xinzhou",
        "as_of": "2026-09-30",
    }
    doc = _result(client.post("/v1/selfcheck", json=body))
    assert doc["schema"] == "govshare-selfcheck/1"
    cli = cli_json(
        "check",
        "shanxi_std",
        "docs/examples/department.yaml",
        "--serves",
        "xinzhou",
        "--as-of",
        "2026-09-30",
    )
    assert doc == cli


def test_scenarios_run(client: TestClient) -> None:
    from tests.server.conftest import ROOT  # noqa: PLC0415

    text = (ROOT / "tests" / "scenarios" / "differences.govshare.yaml").read_text("utf-8")
    body = {"files": [{"name": "differences.govshare.yaml", "text": text}]}
    doc = _result(client.post("/v1/scenarios/run", json=body))
    assert doc["schema"] == "govshare-scenario-results/1"
    assert doc["results"]
    assert {r["outcome"] for r in doc["results"]} == {"pass"}


def test_scenario_file_naming_a_path_is_refused(client: TestClient) -> None:
    text = (
        "schema: govshare-scenario/1\n"
        "scenarios:\n"
        "  - name: a path\n"
        "    profile: ../../etc/profile.yaml\n"
        "    level: provincial\n"
        "    as_of: 2026-10-01\n"
        "    given: {rule: share.conditional.provider_reply}\n"
        "    expect: {value: {n: 5}}\n"
    )
    r = client.post("/v1/scenarios/run", json={"files": [{"name": "x.yaml", "text": text}]})
    assert r.status_code == 422
    problem = r.json()
    assert "never a path" in problem["detail"]
    assert problem["pointer"] == "/files/0/text"


def test_health(client: TestClient) -> None:
    assert client.get("/healthz").json()["status"] == "ok"
    ready = client.get("/readyz").json()
    assert ready["status"] == "ready"
    assert "hubei" in ready["profiles"]
    assert ready["calendar_last_year"] == 2026
