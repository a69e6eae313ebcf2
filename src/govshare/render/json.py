"""JSON: one encoder per result type, one shape everywhere, each with a published schema.

A result type is registered once with :func:`json_type` (a name and a version); its JSON
document is the result dumped by pydantic (``mode="json"``) with ``"schema":
"govshare-<name>/<version>"`` first, and its JSON Schema is generated from the same type, so
the document and the schema cannot drift apart. The command line, the HTTP service and the
tests all go through :func:`to_json`. Compatibility: adding a field keeps the version;
renaming, removing or retyping one makes a new version.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel, TypeAdapter

from govshare.render.registry import RenderOptions, renderer

__all__ = [
    "JsonType",
    "dumps",
    "json_schema",
    "json_type",
    "json_types",
    "jsonable",
    "source_json",
    "to_json",
    "to_json_bytes",
]

T = TypeVar("T")


@dataclass(frozen=True)
class JsonType:
    """A registered result type: its schema id and the adapter that dumps it."""

    name: str
    version: int
    adapter: TypeAdapter[Any]

    @property
    def schema_id(self) -> str:
        """``govshare-<name>/<version>``, the value of every document's ``schema`` field."""
        return f"govshare-{self.name}/{self.version}"


_TYPES: dict[type, JsonType] = {}


def json_type(name: str, version: int = 1) -> Any:
    """Class decorator (or call ``json_type(name)(cls)``): register ``cls`` as the result
    type whose JSON documents are ``govshare-<name>/<version>``, and give it the ``json``
    format in the renderer registry."""

    def register(cls: type[T]) -> type[T]:
        _TYPES[cls] = JsonType(name, version, TypeAdapter(cls))

        @renderer(cls, "json")
        def _render(result: T, options: RenderOptions) -> str:
            return dumps(to_json(result))

        return cls

    return register


def _registered(result_type: type) -> JsonType:
    from govshare.render.registry import _load  # noqa: PLC0415 - registration on demand

    _load()
    for klass in result_type.__mro__:
        if klass in _TYPES:
            return _TYPES[klass]
    raise TypeError(f"{result_type.__name__} has no registered JSON encoding")


def to_json(result: object) -> dict[str, Any]:
    """The JSON document of a registered result: ``{"schema": ..., **fields}``."""
    jt = _registered(type(result))
    body = jt.adapter.dump_python(result, mode="json", by_alias=True)
    return {"schema": jt.schema_id, **body}


def to_json_bytes(result: object) -> bytes:
    """:func:`to_json`'s document as compact UTF-8 JSON, encoded in one pass by pydantic (the
    HTTP service's answers; the same document as ``json.dumps(to_json(result),
    ensure_ascii=False, separators=(",", ":"))``)."""
    jt = _registered(type(result))
    body = jt.adapter.dump_json(result, by_alias=True)
    head = b'{"schema":' + json.dumps(jt.schema_id).encode()
    return head + (b"}" if body == b"{}" else b"," + body[1:])


def json_schema(result_type: type) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a registered result type's documents."""
    jt = _registered(result_type)
    schema = jt.adapter.json_schema(mode="serialization", by_alias=True)
    props = {"schema": {"const": jt.schema_id, "type": "string"}, **schema.get("properties", {})}
    required = ["schema", *schema.get("required", [])]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://govshare.example/schemas/{jt.name}-{jt.version}.schema.json",
        **schema,
        "properties": props,
        "required": required,
    }


def json_types() -> dict[type, JsonType]:
    """Every registered result type (after importing the renderer modules)."""
    from govshare.render.registry import _load  # noqa: PLC0415 - registration on demand

    _load()
    return dict(_TYPES)


_SURROGATE = re.compile("[\ud800-\udfff]")


def dumps(document: Mapping[str, Any] | list[Any]) -> str:
    """A JSON document as the command line prints it: UTF-8 text, indented, keys in order.

    A lone surrogate (a YAML ``"\\ud800"`` escape) cannot be written as UTF-8: it is kept
    as its JSON escape, so the document still reads back to the same string.
    """
    text = json.dumps(document, ensure_ascii=False, indent=2)
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


def jsonable(obj: Any) -> Any:
    """Dates and datetimes as ISO strings, dataclasses and models as dicts, tuples as lists."""
    if isinstance(obj, dt.date):  # datetime is a date too
        return obj.isoformat()
    if isinstance(obj, BaseModel):
        return obj.model_dump(mode="json", by_alias=True)
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: jsonable(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, Mapping):
        return {str(k): jsonable(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple | set | frozenset):
        return [jsonable(v) for v in obj]
    return obj


def source_json(src: Any) -> dict[str, Any]:
    """A citation (:class:`govshare.profiles.Source`) as the CLI's JSON prints it."""
    return {
        "doc": src.doc,
        "title": src.title,
        "number": src.number,
        "article": f"{src.article or ''}{src.clause or ''}" or None,
        "quote": src.quote,
        "short": src.short,
    }
