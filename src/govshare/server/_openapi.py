"""The OpenAPI 3.1 document: FastAPI's, with the answers' schemas from the library.

Request bodies are pydantic models (FastAPI writes their schemas). A JSON answer is the
envelope ``{"trace": Trace, "result": <document>}`` where the document's schema is the
registered result type's own (:func:`govshare.render.json.json_schema`, the same schema as
``schemas/<name>-<version>.schema.json``), so its field docs come from one place. Each
result schema's ``$defs`` are moved into ``components/schemas`` (renamed when two differ).
Every error answer is a :class:`~govshare.server._problems.Problem`.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel

from govshare.render.json import json_schema, json_types
from govshare.server._models import WorkdayBatchRequest
from govshare.server._problems import Problem
from govshare.server._trace import HEADERS, Trace

__all__ = ["ANSWERS", "complete", "media_answer", "result_answer"]

#: The JSON answers: component name -> the registered result's schema name (``govshare-…``).
ANSWERS: dict[str, str] = {}

_PROBLEM = {"$ref": "#/components/schemas/Problem"}
_HEADERS = {
    name: {"description": text, "schema": {"type": "string"}} for name, text in HEADERS.items()
}


def _problems(*statuses: int) -> dict[int | str, dict[str, Any]]:
    words = {
        404: "unknown profile (or path)",
        413: "request body over the size limit (max_body_bytes)",
        422: "input the library refuses: problem details with the error and where it is",
        503: "the answer took longer than the time limit (request_timeout)",
    }
    return {
        s: {
            "description": words[s],
            "content": {"application/problem+json": {"schema": _PROBLEM}},
            "headers": _HEADERS,
        }
        for s in statuses
    }


def _errors(*, profile: bool, body: bool) -> dict[int | str, dict[str, Any]]:
    statuses = [422, 503]
    if profile:
        statuses.append(404)
    if body:
        statuses.append(413)
    return _problems(*sorted(statuses))


def result_answer(
    schema_name: str, *, profile: bool = False, body: bool = False
) -> dict[int | str, dict[str, Any]]:
    """The ``responses`` of an endpoint answering the registered result ``schema_name``
    (e.g. ``deadline-1``) in the trace envelope."""
    component = f"Answer.{schema_name}"
    ANSWERS[component] = schema_name
    ok = {
        "description": f"the answer: trace and a govshare-{schema_name.rsplit('-', 1)[0]} document",
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{component}"}}},
        "headers": _HEADERS,
    }
    return {200: ok, **_errors(profile=profile, body=body)}


def media_answer(
    media_type: str, what: str, *, profile: bool = False, body: bool = False
) -> dict[int | str, dict[str, Any]]:
    """The ``responses`` of an endpoint answering a rendered document (HTML, iCalendar)."""
    ok = {
        "description": what,
        "content": {media_type: {"schema": {"type": "string"}}},
        "headers": _HEADERS,
    }
    return {200: ok, **_errors(profile=profile, body=body)}


def _rewrite_refs(node: Any, names: Mapping[str, str]) -> Any:
    if isinstance(node, dict):
        out = {}
        for k, v in node.items():
            if k == "$ref" and isinstance(v, str) and v.startswith("#/$defs/"):
                out[k] = "#/components/schemas/" + names[v.removeprefix("#/$defs/")]
            else:
                out[k] = _rewrite_refs(v, names)
        return out
    if isinstance(node, list):
        return [_rewrite_refs(v, names) for v in node]
    return node


def _hoist(schema: dict[str, Any], owner: str, components: dict[str, Any]) -> dict[str, Any]:
    """Move ``schema``'s ``$defs`` into ``components`` (sharing equal ones, renaming a def that
    differs from a component of the same name to ``<owner>.<name>``); the schema, rewritten."""
    schema = copy.deepcopy(schema)
    defs: dict[str, Any] = schema.pop("$defs", {})
    schema.pop("$schema", None)
    schema.pop("$id", None)  # an $id would change the base of the rewritten references
    renamed: set[str] = set()
    while True:
        names = {n: (f"{owner}.{n}" if n in renamed else n) for n in defs}
        rewritten = {n: _rewrite_refs(d, names) for n, d in defs.items()}
        clash = {
            n
            for n in defs
            if n not in renamed and n in components and components[n] != rewritten[n]
        }
        if not clash:
            break
        renamed |= clash
    for n, d in rewritten.items():
        components[names[n]] = d
    return _rewrite_refs(schema, names)  # type: ignore[no-any-return]


def _model_components(
    models: list[type[BaseModel]], components: dict[str, Any], *, mode: str = "serialization"
) -> None:
    for model in models:
        schema = model.model_json_schema(
            ref_template="#/components/schemas/{model}",
            mode=mode,  # type: ignore[arg-type]
        )
        for name, d in schema.pop("$defs", {}).items():
            components.setdefault(name, d)
        components[model.__name__] = schema


def complete(document: dict[str, Any]) -> dict[str, Any]:
    """FastAPI's document with the answers', traces' and problems' schemas added."""
    components: dict[str, Any] = document.setdefault("components", {}).setdefault("schemas", {})
    _model_components([Trace, Problem], components)
    # a body an endpoint parses itself (in one pass, for speed): its schema by reference
    _model_components([WorkdayBatchRequest], components, mode="validation")
    by_schema_name = {f"{jt.name}-{jt.version}": cls for cls, jt in json_types().items()}
    for component, schema_name in sorted(ANSWERS.items()):
        cls = by_schema_name[schema_name]
        components[schema_name] = _hoist(json_schema(cls), schema_name, components)
        components[component] = {
            "type": "object",
            "title": component,
            "description": f"The trace of the answer and its govshare-{schema_name} document.",
            "properties": {
                "trace": {"$ref": "#/components/schemas/Trace"},
                "result": {"$ref": f"#/components/schemas/{schema_name}"},
            },
            "required": ["trace", "result"],
        }
    document["components"]["schemas"] = dict(sorted(components.items()))
    for methods in document.get("paths", {}).values():
        for operation in methods.values():
            for answer in operation.get("responses", {}).values():
                for media in answer.get("content", {}).values():
                    schema = media.get("schema", {})
                    if "$ref" in schema:  # FastAPI adds the response class's own type
                        media["schema"] = {"$ref": schema["$ref"]}
    return document
