"""The ``audit`` command: the timeliness audit of application records, and synthetic data.

``govshare audit run RECORDS --profile P --as-of DATE -o DIR`` writes, into DIR, the result
of every record (``records.parquet``, ``records.csv``), the rejects (``rejects.csv``), the
figures per provider and per month (``providers.*``, ``months.*``), the report
(``report.html``) and the summary (``summary.json``, ``govshare-audit/1``).
``govshare audit synth --profile P --records N --seed S -o FILE`` writes synthetic records.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

__all__ = ["add_commands"]

_FORMATS = (".parquet", ".csv", ".jsonl")


def _polars() -> Any:
    from govshare.features.audit._read import polars  # noqa: PLC0415

    return polars()


class _Writer:
    """Each batch's frames appended to the output files as they come (a writer thread was
    tried: on two cores it competes with the next batch's computation and is slower)."""

    def __init__(self, out: Path, *, csv: bool, lang: str) -> None:
        self.out = out
        self.csv = csv
        self.lang = lang
        self.parquet: Any = None
        self.first = True

    def __call__(self, results: Any, rejects: Any) -> None:
        self._write(results, rejects)

    def _write(self, results: Any, rejects: Any) -> None:
        import pyarrow.parquet as pq  # noqa: PLC0415

        from govshare._kernel.vocabulary import label  # noqa: PLC0415

        pl = _polars()
        table = results.to_arrow()
        if self.parquet is None:
            self.parquet = pq.ParquetWriter(self.out / "records.parquet", table.schema)
        self.parquet.write_table(table)
        mode = "w" if self.first else "a"
        if self.csv:
            with (self.out / "records.csv").open(mode, encoding="utf-8", newline="") as fh:
                results.write_csv(fh, include_header=self.first)
        reasons = {r: label("audit", r, self.lang) for r in rejects["reason"].unique()}
        rejects = rejects.with_columns(
            pl.col("reason").replace_strict(reasons, default=None).alias("reason_text")
        )
        with (self.out / "rejects.csv").open(mode, encoding="utf-8", newline="") as fh:
            rejects.write_csv(fh, include_header=self.first)
        self.first = False

    def close(self) -> None:
        if self.parquet is not None:
            self.parquet.close()


def _rows_of(path: str) -> int | None:
    """The number of rows of a Parquet file (for the progress bar), else None."""
    if not path.endswith((".parquet", ".pq")):
        return None
    import pyarrow.parquet as pq  # noqa: PLC0415

    try:
        return int(pq.ParquetFile(path).metadata.num_rows)
    except (OSError, ValueError):
        return None


def _cmd_run(args: argparse.Namespace) -> int:
    from govshare.errors import InputError  # noqa: PLC0415
    from govshare.features.audit import audit, load_mapping  # noqa: PLC0415
    from govshare.profiles import load_profile  # noqa: PLC0415
    from govshare.render.audit import kpi_rows, report_html  # noqa: PLC0415
    from govshare.render.json import dumps, to_json  # noqa: PLC0415

    pl = _polars()
    profile = load_profile(args.profile)
    mapping = load_mapping(args.mapping) if args.mapping else None
    out = Path(args.output)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError("output", args.output, f"a folder that can be written ({exc})") from None
    writer = _Writer(out, csv=not args.no_csv, lang=args.lang)
    with _Progress(args, _rows_of(args.records)) as tick:
        try:
            result = audit(
                args.records,
                profile=profile,
                as_of=args.as_of,
                mapping=mapping,
                engine=args.engine,
                batch_size=args.batch_size,
                on_batch=writer,
                progress=tick,
            )
        finally:
            writer.close()
    for name, kpis in (("providers", result.providers), ("months", result.months)):
        frame = pl.DataFrame(kpi_rows(kpis))
        frame.write_parquet(out / f"{name}.parquet")
        frame.write_csv(out / f"{name}.csv")
    (out / "report.html").write_text(report_html(result, args.lang), "utf-8")
    (out / "summary.json").write_text(dumps(to_json(result)) + "\n", "utf-8")
    args.emit(args, result)
    return 0


class _Progress:
    """A Rich progress bar on stderr while the audit runs (off when stderr is not a
    terminal); the callable it yields takes the number of rows done."""

    def __init__(self, args: argparse.Namespace, total: int | None) -> None:
        self.enabled = sys.stderr.isatty() and not args.no_progress
        self.total = total
        self.bar: Any = None

    def __enter__(self) -> Any:
        if not self.enabled:
            return None
        from rich.console import Console  # noqa: PLC0415
        from rich.progress import Progress  # noqa: PLC0415

        self.bar = Progress(console=Console(stderr=True), transient=True)
        self.bar.start()
        task = self.bar.add_task("audit", total=self.total)
        return lambda rows: self.bar.update(task, completed=rows)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


def _cmd_synth(args: argparse.Namespace) -> int:
    from govshare.errors import InputError  # noqa: PLC0415
    from govshare.features.audit import synthesize  # noqa: PLC0415
    from govshare.profiles import load_profile  # noqa: PLC0415

    _polars()
    suffix = Path(args.output).suffix.lower()
    if suffix not in _FORMATS:
        args.parser.error(f"-o {args.output}: the file name must end in {', '.join(_FORMATS)}")
    profile = load_profile(args.profile)
    frame = synthesize(profile.calendar, args.records, seed=args.seed)
    try:
        if suffix == ".parquet":
            frame.write_parquet(args.output)
        elif suffix == ".csv":
            frame.write_csv(args.output)
        else:
            frame.write_ndjson(args.output)
    except OSError as exc:
        raise InputError("output", args.output, f"a file that can be written ({exc})") from None
    from govshare._kernel.vocabulary import label  # noqa: PLC0415

    print(f"{label('audit', 'records', args.lang)}: {frame.height:,} -> {args.output}")
    return 0


def add_commands(sub: Any, common: Any, emit: Any) -> None:
    """Register ``audit run`` and ``audit synth``."""
    from govshare.cli.app import command  # noqa: PLC0415
    from govshare.cli.options import add_output, positive  # noqa: PLC0415

    p = command(
        sub,
        "audit",
        "Timeliness supervision (数据共享及时性, national regulation 第三十八条): judge every "
        "application record against the rules in force and report per provider and month. "
        "Needs the audit extra: pip install 'govshare[audit]'.",
    )
    inner = p.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    run = inner.add_parser(
        "run",
        help="audit a record set (CSV, Parquet, JSON Lines; docs/audit.md)",
        description="Audit records in the govshare-records/1 format; writes the per-record "
        "results, the rejects, the figures and an HTML report into the output folder.",
    )
    run.add_argument("records", metavar="RECORDS", help="a .csv, .parquet, .jsonl or .json file")
    run.add_argument("--profile", required=True, help="the profile (govshare profiles lists them)")
    run.add_argument("--as-of", required=True, help="the audit date (ISO): cases judged then")
    run.add_argument("--mapping", help="a YAML column mapping (your column names and codes)")
    run.add_argument("-o", "--output", default="audit-out", help="output folder (audit-out)")
    run.add_argument(
        "--engine",
        choices=("kernel", "replay"),
        default="kernel",
        help="kernel (vectorized, the default) or replay (one record at a time, the reference)",
    )
    run.add_argument("--batch-size", type=positive, default=500_000, help="rows per batch")
    run.add_argument("--no-csv", action="store_true", help="write records.parquet only")
    run.add_argument("--no-progress", action="store_true", help="no progress bar")
    common(run)
    run.set_defaults(func=_cmd_run, emit=emit, parser=run)
    synth = inner.add_parser(
        "synth",
        help="write a synthetic record set (for demonstrations and benchmarks)",
        description="Synthetic application records: Poisson arrivals over 2025-01 to 2026-08, "
        "departments of different speed, long-tailed reply times, missing replies, refusals, "
        "extensions. Not real data.",
    )
    synth.add_argument("--profile", required=True, help="the profile whose calendar is used")
    synth.add_argument("--records", type=positive, required=True, help="how many records")
    synth.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    synth.add_argument("-o", "--output", required=True, help="FILE.parquet, .csv or .jsonl")
    add_output(synth, json=False)
    synth.set_defaults(func=_cmd_synth, parser=synth)
