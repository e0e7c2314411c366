#!/usr/bin/env python3
"""gisa on PySpark: a JSON Lines archive -> Parquet, Spark in local mode.

    python examples/spark_extract.py ARCHIVE.jsonl OUT_DIR [--cores N]

Spark reads the archive as lines of text and hands them to ``mapInPandas``
in Arrow batches; each batch goes through ``gisa.extract_lines`` (one thread
per task: Spark runs one task per core). OUT_DIR gets Parquet files with one
row per article: ``id``, ``url``, ``title``, ``published``, ``error`` and
``record`` (the SPEC record as the JSON text ``gisa extract`` writes,
without ``source.path``). On a cluster, drop ``.master(...)`` and submit
with ``spark-submit``; the executors need the gisa package installed.
"""

import argparse
import json
import os
import sys
import time

from pyspark.sql import SparkSession

COLUMNS = ("id", "url", "title", "published", "error", "record")
SCHEMA = ", ".join(f"{c} string" for c in COLUMNS)


def extract_partition(batches):
    """Each pandas batch of lines -> one row per article, in the same order."""
    import pandas as pd

    import gisa

    for batch in batches:
        out = {name: [] for name in COLUMNS}
        for record in gisa.extract_lines(batch["value"], jobs=1):
            out["id"].append(record.get("id"))
            out["url"].append(record["source"].get("url"))
            out["title"].append(record.get("title"))
            out["published"].append(record.get("published"))
            out["error"].append(record.get("error"))
            out["record"].append(json.dumps(record, ensure_ascii=False, separators=(",", ":")))
        yield pd.DataFrame(out, columns=list(COLUMNS), dtype=object)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("archive")
    ap.add_argument("out_dir")
    ap.add_argument("--cores", type=int, default=None, help="local cores (default: every core)")
    args = ap.parse_args()
    started = time.time()
    # The workers run this interpreter (the one gisa is installed in), not
    # whichever python3 comes first on PATH.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = (
        SparkSession.builder.master(f"local[{args.cores or '*'}]")
        .appName("gisa")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "256")
        # Splits of 8 MB: one archive file would otherwise be one task, on one core.
        .config("spark.sql.files.maxPartitionBytes", str(8 << 20))
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    lines = spark.read.text(args.archive)
    lines.mapInPandas(extract_partition, schema=SCHEMA).write.mode("overwrite").parquet(args.out_dir)
    spark.stop()
    print(f"spark_extract: {args.archive} -> {args.out_dir} in {time.time() - started:.1f} s")


if __name__ == "__main__":
    main()
