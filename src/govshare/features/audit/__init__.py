"""Timeliness audit of application records (数据共享及时性, national regulation 第三十八条).

Records in the ``govshare-records/1`` format (CSV, Parquet, JSON Lines or an Arrow table)
are validated, each judged against the rules in force (reply on time, deemed consent,
provision after consent, the national ceilings) and summed up per provider and month.
Compute only: :mod:`govshare.render.audit` writes the report. Needs the ``audit`` extra
(polars, pyarrow).
"""

from govshare.features.audit._kpi import Count, Kpi
from govshare.features.audit._read import REJECT_COLUMNS, Batch, iter_batches, read_records
from govshare.features.audit._records import (
    FIELDS,
    REPLIES,
    REQUIRED,
    ColumnMapping,
    Record,
    RecordSet,
    load_mapping,
)
from govshare.features.audit._run import AuditResult, Citation, Engine, audit, judge_batch
from govshare.features.audit._spark import audit_spark
from govshare.features.audit._synth import synthesize
from govshare.features.audit._verdict import RESULT_COLUMNS, VERDICTS

__all__ = [
    "FIELDS",
    "REJECT_COLUMNS",
    "REPLIES",
    "REQUIRED",
    "RESULT_COLUMNS",
    "VERDICTS",
    "AuditResult",
    "Batch",
    "Citation",
    "ColumnMapping",
    "Count",
    "Engine",
    "Kpi",
    "Record",
    "RecordSet",
    "audit",
    "audit_spark",
    "iter_batches",
    "judge_batch",
    "load_mapping",
    "read_records",
    "synthesize",
]
