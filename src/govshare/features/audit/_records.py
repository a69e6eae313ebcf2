"""The record format ``govshare-records/1``: one row per application, and the column mapping.

A record is what a sharing platform's database knows of one application: who asked whom,
at which level, for which type of data, when it was submitted, forwarded to the provider,
answered and provided. docs/audit.md describes each field; :class:`Record` is the typed
form (its JSON Schema is published as ``govshare-records/1`` by the renderer layer, one
JSON Lines line being one record). A platform keeps its own column names and codes: a
:class:`ColumnMapping` (YAML) renames columns and recodes values before validation.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import Field

from govshare._kernel.model import Level, StrictModel
from govshare._kernel.yamlio import load_yaml, validate_model

__all__ = [
    "DATETIME_FIELDS",
    "FIELDS",
    "REPLIES",
    "REQUIRED",
    "SHARE_TYPES",
    "ColumnMapping",
    "Record",
    "RecordSet",
    "Reply",
    "load_mapping",
]

#: The provider's answer: consent, refusal (with reasons), or a one-time notice of the
#: materials missing (national regulation 第二十一条第二款).
Reply = Literal["agree", "refuse", "missing_materials"]
REPLIES: tuple[Reply, ...] = ("agree", "refuse", "missing_materials")

#: The share types a record may name (conditional applications are audited; the others are
#: kept in the results as not covered).
SHARE_TYPES: tuple[str, ...] = ("conditional", "unconditional")


@dataclass(frozen=True, kw_only=True)
class Record:
    """One application as the platform recorded it (``govshare-records/1``).

    Times without a UTC offset are Asia/Shanghai local time; a date alone means 00:00.
    """

    record_id: str
    requester: str
    provider: str
    level: Level
    share_type: Literal["conditional", "unconditional"]
    submitted: dt.datetime
    forwarded: dt.datetime | None = None
    replied: dt.datetime | None = None
    reply: Reply | None = None
    extension_approved: bool = False
    data_provided: dt.datetime | None = None
    reasons: str | None = None


@dataclass(frozen=True, kw_only=True)
class RecordSet:
    """A record set as one JSON document (JSON Lines files hold one :class:`Record` a line)."""

    records: tuple[Record, ...]


#: Every field of a record, in the order of the format.
FIELDS: tuple[str, ...] = (
    "record_id",
    "requester",
    "provider",
    "level",
    "share_type",
    "submitted",
    "forwarded",
    "replied",
    "reply",
    "extension_approved",
    "data_provided",
    "reasons",
)
#: The fields every record must give (the first six).
REQUIRED: tuple[str, ...] = FIELDS[:6]
DATETIME_FIELDS: tuple[str, ...] = ("submitted", "forwarded", "replied", "data_provided")


class ColumnMapping(StrictModel):
    """A platform's own names: ``columns`` maps a record field to the export's column,
    ``values`` maps a field's codes to the format's values (e.g. ``reply: {同意: agree}``).

    The YAML file::

        columns: {record_id: 申请编号, submitted: 申请时间, reply: 答复结果}
        values:
          reply: {同意: agree, 不同意: refuse, 材料不全: missing_materials}
          level: {省级: provincial, 市级: prefectural, 县级: county}
    """

    columns: dict[str, str] = Field(default_factory=dict)
    values: dict[str, dict[str, str]] = Field(default_factory=dict)

    def column(self, name: str) -> str:
        """The export's column for a record field."""
        return self.columns.get(name, name)


def load_mapping(path: str | Path) -> ColumnMapping:
    """Read a column mapping (YAML); an unknown field names the file and line.

    Raises:
        DataFileError: a malformed file, or a field that is not one of the record's.
    """
    from govshare.errors import DataFileError, DataIssue  # noqa: PLC0415

    loaded = load_yaml(path)
    mapping = validate_model(ColumnMapping, loaded)
    for part in ("columns", "values"):
        for name in getattr(mapping, part):
            if name not in FIELDS:
                line = loaded.line_of((part, name))
                issue = DataIssue(
                    str(path), line, f"{part}.{name}", f"not a record field ({', '.join(FIELDS)})"
                )
                raise DataFileError([issue])
    return mapping
