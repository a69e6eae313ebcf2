"""govshare audit on a Spark cluster: records from Parquet or a Hive table, results to Parquet.

Submit with govshare and its dependencies installed in the executors' Python environment,
for example a packed virtual environment (docs/audit.md, "On Spark"):

    spark-submit --master yarn --archives govshare-env.tar.gz#env \\
        --conf spark.pyspark.python=./env/bin/python \\
        examples/spark/audit_job.py --profile hubei --as-of 2025-12-31 \\
        --table ods.share_applications --mapping mapping.yaml --output hdfs:///audit/2025
"""

from __future__ import annotations

import argparse

from pyspark.sql import SparkSession

from govshare.features.audit import audit_spark, load_mapping


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--parquet", help="records as Parquet (a file or a folder)")
    source.add_argument("--table", help="records as a Hive table (db.table)")
    parser.add_argument("--profile", required=True)
    parser.add_argument("--as-of", required=True)
    parser.add_argument("--mapping", help="a YAML column mapping (read on the driver)")
    parser.add_argument("--output", required=True, help="folder for results/ and rejects/")
    parser.add_argument("--partitions", type=int, help="partitions (provider x month)")
    args = parser.parse_args()
    spark = SparkSession.builder.appName("govshare-audit").enableHiveSupport().getOrCreate()
    records = spark.read.parquet(args.parquet) if args.parquet else spark.table(args.table)
    mapping = load_mapping(args.mapping) if args.mapping else None
    results, rejects = audit_spark(
        records,
        profile=args.profile,
        as_of=args.as_of,
        mapping=mapping,
        partitions=args.partitions,
    )
    results.write.mode("overwrite").parquet(f"{args.output}/results")
    rejects.write.mode("overwrite").parquet(f"{args.output}/rejects")


if __name__ == "__main__":
    main()
