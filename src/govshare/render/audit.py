"""The audit's outputs: the record format's JSON Schema, the report (HTML) and its charts.

Heavy imports (matplotlib, polars) stay inside the functions: every render module is
imported when the registry is first used.
"""

from __future__ import annotations

from govshare.features.audit import RecordSet
from govshare.render.json import json_type

__all__: list[str] = []

json_type("records", 1)(RecordSet)
