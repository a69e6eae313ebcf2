"""Self-assessment of a department against a standard's checklist.

A department describes its internal set-up as facts in a ``govshare-department/1`` file
(organizations and their duties, named people and whether they are registered with the
platform authority, written procedures with their steps and time limits, and its measures).
The standard's profile says, as data, which words such a file may use (``selfcheck:``) and,
for each checklist item, which facts satisfy it (``check:``). :func:`check_department`
reports each item as ``met``, ``not_met`` or ``no_evidence``, citing the clause and its words.

With ``serves=`` (a jurisdiction profile) it also checks time fit: a procedure that declares
the external rule it serves (``serves: share.conditional.provider_reply``) must finish, step
after step, within the period that rule sets at the department's level.

Reading of a department file: a section or list that is given is read as complete, so what it
leaves out is *not met*; a section, list or field that is left out is *no evidence*.

The report's formats (table, Markdown, JSON, JUnit XML) are in :mod:`govshare.render`:
``render(report, fmt, lang=..., strict=...)``.

>>> from govshare.features.selfcheck import check_department
>>> report = check_department(
...     "shanxi_std", "docs/examples/department.yaml", serves="xinzhou", as_of="2026-09-30"
... )
>>> report.counts
{'met': 56, 'not_met': 1, 'no_evidence': 1}
>>> [(t.procedure, t.status) for t in report.findings]
[('跨部门数据资源申请审核流程', 'exceeds')]
"""

from __future__ import annotations

from govshare.features.selfcheck._check import check_department
from govshare.features.selfcheck._department import (
    Department,
    Evidence,
    Fact,
    Organization,
    Person,
    Procedure,
    Step,
    YesNo,
    department_model,
    department_schema,
    load_department,
    vocabulary_of,
)
from govshare.features.selfcheck._results import (
    FitStatus,
    ItemResult,
    Reason,
    SampleDates,
    SelfCheckReport,
    Status,
    StatusNotice,
    TimeFit,
)

__all__ = [
    "Department",
    "Evidence",
    "Fact",
    "FitStatus",
    "ItemResult",
    "Organization",
    "Person",
    "Procedure",
    "Reason",
    "SampleDates",
    "SelfCheckReport",
    "Status",
    "StatusNotice",
    "Step",
    "TimeFit",
    "YesNo",
    "check_department",
    "department_model",
    "department_schema",
    "load_department",
    "vocabulary_of",
]
