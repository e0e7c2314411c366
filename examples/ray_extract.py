#!/usr/bin/env python3
"""gisa on Ray Data: a JSON Lines archive -> Parquet, on a local Ray cluster.

    python examples/ray_extract.py ARCHIVE.jsonl OUT_DIR [--cpus N]

Each Ray task gets a batch of archive lines and runs them through
``gisa.extract_lines`` (one thread per task: Ray runs one task per CPU).
OUT_DIR gets Parquet files with one row per article: ``id``, ``url``,
``title``, ``published``, ``error`` and ``record`` (the SPEC record as the
JSON text ``gisa extract`` writes, without ``source.path``). On a real
cluster, pass the cluster's address to ``ray.init`` instead.
"""

import argparse
import json
import time

import pandas as pd
import pyarrow as pa
import ray

import gisa

# The output's columns, typed: a batch whose titles are all missing must
# still write a text column, or the Parquet parts would not read as one.
SCHEMA = pa.schema([(name, pa.string()) for name in ("id", "url", "title", "published", "error", "record")])


def extract_batch(batch: pd.DataFrame) -> pa.Table:
    """One batch of archive lines -> one row per article, in the same order
    (`gisa.extract_lines` parses each line as `gisa extract` does)."""
    out = {name: [] for name in SCHEMA.names}
    for record in gisa.extract_lines(batch["text"], jobs=1):
        out["id"].append(record.get("id"))
        out["url"].append(record["source"].get("url"))
        out["title"].append(record.get("title"))
        out["published"].append(record.get("published"))
        out["error"].append(record.get("error"))
        out["record"].append(json.dumps(record, ensure_ascii=False, separators=(",", ":")))
    return pa.table(out, schema=SCHEMA)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("archive")
    ap.add_argument("out_dir")
    ap.add_argument("--cpus", type=int, default=None, help="CPUs of the local cluster (default: every core)")
    ap.add_argument("--batch-size", type=int, default=256)
    args = ap.parse_args()
    started = time.time()
    ray.init(num_cpus=args.cpus, include_dashboard=False, log_to_driver=False)
    ctx = ray.data.DataContext.get_current()
    ctx.enable_progress_bars = False
    # Lines as text: each is parsed as the CLI parses it (read_json would let
    # pandas guess types, turning "20240117" into a number).
    ds = ray.data.read_text(args.archive)
    # One archive file is one block: split it, or one task would do all the work.
    ds = ds.repartition(4 * int(ray.cluster_resources().get("CPU", 1)))
    ds = ds.map_batches(extract_batch, batch_format="pandas", batch_size=args.batch_size)
    ds.write_parquet(args.out_dir)
    ray.shutdown()
    print(f"ray_extract: {args.archive} -> {args.out_dir} in {time.time() - started:.1f} s")


if __name__ == "__main__":
    main()
