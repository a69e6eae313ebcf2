"""What the audit says of each record: the result columns, the statuses and the verdict.

Both paths (the reference replay and the vectorized kernel) give rows of these columns,
with the same values for the same record; the property test holds them to it.

Statuses (vocabulary kind ``audit``):

- reply (``reply_status``): ``in_time``, ``late`` (answered after the due day), ``overdue``
  (no answer, due day passed, still open), ``open`` (no answer, not yet due),
  ``deemed_consent`` (no answer by the due day and the law deems consent), ``no_limit``
  (no time limit in force), ``none`` (the provider had not received it by ``as_of``);
- the upper layer's reply limit (``ceiling_status``): ``within``, ``beyond``, ``open``;
- provision after consent (``provision_status``): ``in_time``, ``late``, ``overdue``,
  ``open``, ``no_limit`` (no time limit in force), ``none`` (no consent, nothing owed).

The verdict is the record's headline, the first that holds of: ``deemed_consent``,
``reply_late``, ``reply_overdue``, ``provision_late``, ``provision_overdue``, ``open``,
``in_time``; ``not_covered`` for a share type the audit does not judge.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "CEILING_STATUSES",
    "FINDINGS",
    "PROVISION_STATUSES",
    "REPLY_STATUSES",
    "RESULT_COLUMNS",
    "VERDICTS",
    "headline",
    "result_schema",
]

REPLY_STATUSES = ("in_time", "late", "overdue", "open", "deemed_consent", "no_limit", "none")
CEILING_STATUSES = ("within", "beyond", "open")
PROVISION_STATUSES = ("in_time", "late", "overdue", "open", "no_limit", "none")
VERDICTS = (
    "deemed_consent",
    "reply_late",
    "reply_overdue",
    "provision_late",
    "provision_overdue",
    "open",
    "in_time",
    "not_covered",
)
#: Findings on a record: a reply after deemed consent (recorded, the consent stands), a
#: refusal without the reasons the rules require.
FINDINGS = ("reply_after_deemed_consent", "refusal_without_reasons")

#: Every result column and its kind (str, int, bool, date, datetime).
RESULT_COLUMNS: dict[str, str] = {
    "row": "int",
    "record_id": "str",
    "requester": "str",
    "provider": "str",
    "level": "str",
    "share_type": "str",
    "month": "str",
    "receipt": "datetime",
    "path": "str",
    "reply": "str",
    "replied": "datetime",
    "reply_due": "date",
    "reply_cite": "str",
    "reply_status": "str",
    "reply_late_wd": "int",
    "reply_wd": "int",
    "deemed_consent_on": "date",
    "outcome_cite": "str",
    "ceiling_due": "date",
    "ceiling_cite": "str",
    "extension_cite": "str",
    "ceiling_status": "str",
    "ceiling_late_wd": "int",
    "consent_on": "date",
    "provision_due": "date",
    "provision_cite": "str",
    "provision_status": "str",
    "provision_late_wd": "int",
    "provided": "datetime",
    "finding": "str",
    "verdict": "str",
}


def result_schema(pl: Any) -> dict[str, Any]:
    """The result columns as a polars schema."""
    kinds = {
        "str": pl.String,
        "int": pl.Int32,
        "bool": pl.Boolean,
        "date": pl.Date,
        "datetime": pl.Datetime("us"),
    }
    out = {name: kinds[kind] for name, kind in RESULT_COLUMNS.items()}
    out["row"] = pl.Int64
    return out


def headline(reply_status: str | None, provision_status: str | None) -> str:
    """The record's verdict from its reply and provision statuses."""
    by_reply = {
        "deemed_consent": "deemed_consent",
        "late": "reply_late",
        "overdue": "reply_overdue",
    }
    by_provision = {"late": "provision_late", "overdue": "provision_overdue"}
    found = by_reply.get(reply_status or "") or by_provision.get(provision_status or "")
    if found:
        return found
    if reply_status in ("open", "none") or provision_status == "open":
        return "open"
    return "in_time"
