"""The OpenAPI 3.1 document: served, committed (schemas/openapi.json) and current, every
answer's schema the registered result type's, every error a problem document; the docs page
works without a network."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
from fastapi.testclient import TestClient
from tests.server.conftest import KEY, ROOT

from govshare.render.json import json_schema, json_types


def _document(client: TestClient) -> dict[str, Any]:
    r = client.get("/openapi.json")
    assert r.status_code == 200
    doc: dict[str, Any] = r.json()
    return doc


def test_served_document_is_the_committed_one(client: TestClient) -> None:
    """schemas/openapi.json is current (scripts/build_schemas.py writes it)."""
    committed = json.loads((ROOT / "schemas" / "openapi.json").read_text("utf-8"))
    assert _document(client) == committed
    assert committed["openapi"].startswith("3.1")


def test_every_v1_operation_documents_its_answers(client: TestClient) -> None:
    """200 with trace headers; 422 and 503 as problem details; 404 where a profile is named;
    413 where there is a body."""
    doc = _document(client)
    operations = [
        (path, method, op)
        for path, methods in doc["paths"].items()
        if path.startswith("/v1")
        for method, op in methods.items()
    ]
    assert len(operations) >= 19
    for path, method, op in operations:
        responses = op["responses"]
        assert "X-Govshare-Decision-Id" in responses["200"]["headers"], path
        for status in ("422", "503"):
            assert "application/problem+json" in responses[status]["content"], (path, status)
        if "{name}" in path:
            assert "404" in responses, path
        if method == "post":
            assert "413" in responses, path


def test_answer_schemas_are_the_registered_ones(client: TestClient) -> None:
    """Each ``Answer.<name>`` wraps the published schema of its result (same properties and
    field docs: the schema comes from govshare.render.json.json_schema)."""
    components = _document(client)["components"]["schemas"]
    by_name = {f"{jt.name}-{jt.version}": cls for cls, jt in json_types().items()}
    answers = [k for k in components if k.startswith("Answer.")]
    assert "Answer.deadline-1" in answers
    for answer in answers:
        name = answer.removeprefix("Answer.")
        published = json_schema(by_name[name])
        served = components[name]
        assert served["properties"].keys() == published["properties"].keys()
        assert served.get("description") == published.get("description")


def test_answer_validates_against_the_document(client: TestClient) -> None:
    """A real answer validates against the schema the document declares for it."""
    doc = _document(client)
    r = client.get(
        f"/v1/profiles/hubei/deadlines/{KEY}", params={"start": "2026-09-30", "level": "county"}
    )
    schema = {"$ref": "#/components/schemas/Answer.deadline-1", **doc}
    jsonschema.Draft202012Validator(schema).validate(r.json())
    problem = client.get("/v1/workdays/add", params={"start": "2099-01-01", "n": 1})
    assert problem.status_code == 422
    schema = {"$ref": "#/components/schemas/Problem", **doc}
    jsonschema.Draft202012Validator(schema).validate(problem.json())


def test_docs_page_needs_no_network(client: TestClient) -> None:
    """/docs loads Swagger UI from the server itself (fastapi-offline's assets), not a CDN."""
    page = client.get("/docs")
    assert page.status_code == 200
    assert "/docs/static/swagger-ui-bundle.js" in page.text
    assert "cdn" not in page.text.lower()
    for asset in ("swagger-ui-bundle.js", "swagger-ui.css"):
        assert client.get(f"/docs/static/{asset}").status_code == 200
    redoc = client.get("/redoc")
    assert "/docs/static/redoc.standalone.js" in redoc.text
