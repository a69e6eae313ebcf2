"""Plain JSON-ready data from result objects (dataclasses, pydantic models, dates)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel

__all__ = ["jsonable", "source_json"]


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
