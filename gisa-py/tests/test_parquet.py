"""`gisa extract --format parquet`: read back with pandas (pyarrow), it has
the CSV's columns and rows; `--format parquet-articles` has one row per
record, matching the JSON Lines; shards written as Parquet parts concatenate to
the whole archive, each article once."""

import csv
import io
import json

import pandas as pd
import pyarrow.parquet as pq

import gisa
from conftest import fixture_texts, run_cli


def archive(tmp_path, n=30):
    texts = fixture_texts()
    path = tmp_path / "a.jsonl"
    rows = [{"text": texts[i % len(texts)], "url": f"https://news.example/{i}"} for i in range(n)]
    rows.insert(7, {"title": "no text"})  # an error row, as in the CSV
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def test_parquet_has_the_csv_columns_and_rows(gisa_bin, tmp_path):
    src = archive(tmp_path)
    out = tmp_path / "m.parquet"
    run_cli(gisa_bin, src, "--format", "parquet", "-o", out)
    table = pq.read_table(out)
    assert table.column_names == gisa.MENTION_COLUMNS
    # Every column is text; an empty CSV cell is null.
    assert all(str(t) == "string" for t in table.schema.types)
    frame = table.to_pandas()
    csv_rows = list(csv.reader(io.StringIO(run_cli(gisa_bin, src, "--format", "csv"))))
    assert csv_rows[0] == gisa.MENTION_COLUMNS
    assert len(frame) == len(csv_rows) - 1 > 100
    assert frame.fillna("").values.tolist() == csv_rows[1:]
    assert frame["source"].isna().sum() == 0  # every row names its archive line
    assert (frame["kind"] == "error").sum() == 1
    assert frame["end"].dropna().astype(int).gt(frame["start"].dropna().astype(int)).all()


def test_parquet_articles_has_one_row_per_record_matching_the_jsonl(gisa_bin, tmp_path):
    src = archive(tmp_path)
    out = tmp_path / "a.parquet"
    run_cli(gisa_bin, src, "--format", "parquet-articles", "-o", out)
    frame = pq.read_table(out).to_pandas().fillna("")
    assert list(frame.columns) == [
        "article_id", "source", "url", "outlet", "published", "title", "extractor_version", "error",
        "amounts", "counts", "years", "programs", "percentages", "regions", "text",
    ]
    records = [json.loads(l) for l in run_cli(gisa_bin, src).splitlines()]
    assert len(frame) == len(records) == 31
    kinds = ["amounts", "counts", "years", "programs", "percentages", "regions"]
    for row, rec in zip(frame.to_dict("records"), records):
        assert row["source"] == rec["source"]["path"] and row["url"] == (rec["source"].get("url") or "")
        if "error" in rec:
            assert row["error"] == rec["error"] and row["text"] == "" and row["amounts"] == ""
            continue
        assert row["article_id"] == rec["id"] and row["text"] == rec["text"] and row["error"] == ""
        assert row["extractor_version"] == rec["extractor_version"]
        assert [int(row[k]) for k in kinds] == [len(rec[k]) for k in kinds]
    # The mentions table joins it: each article's mention rows number its counts.
    mentions = pq.read_table(run_parquet(gisa_bin, src, tmp_path)).to_pandas()
    per_article = mentions[mentions["kind"] != "error"].groupby("article_id").size()
    totals = frame[frame["error"] == ""].set_index("article_id")[kinds].astype(int).sum(axis=1)
    assert per_article.sort_index().tolist() == totals[totals > 0].sort_index().tolist()


def run_parquet(gisa_bin, src, tmp_path):
    out = tmp_path / "mentions.parquet"
    run_cli(gisa_bin, src, "--format", "parquet", "-o", out)
    return out


def test_parquet_shards_concatenate_to_the_archive(gisa_bin, tmp_path):
    src = archive(tmp_path, n=40)
    whole = tmp_path / "whole.parquet"
    run_cli(gisa_bin, src, "--format", "parquet", "-o", whole)
    parts = []
    for k in range(1, 4):
        part = tmp_path / f"part-{k}.parquet"
        run_cli(gisa_bin, src, "--format", "parquet", "--shard", f"{k}/3", "-o", part)
        parts.append(pd.read_parquet(part))
    assert all(len(p) for p in parts)
    joined = pd.concat(parts, ignore_index=True)
    key = gisa.MENTION_COLUMNS
    expected = pd.read_parquet(whole).fillna("").sort_values(key).reset_index(drop=True)
    got = joined.fillna("").sort_values(key).reset_index(drop=True)
    assert got.equals(expected)
    # No article is in two parts.
    ids = [set(p["article_id"].dropna()) for p in parts]
    assert not (ids[0] & ids[1]) and not (ids[0] & ids[2]) and not (ids[1] & ids[2])


def test_an_empty_run_is_a_readable_empty_table(gisa_bin, tmp_path):
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    out = tmp_path / "e.parquet"
    run_cli(gisa_bin, empty, "--format", "parquet", "-o", out)
    table = pq.read_table(out)
    assert table.num_rows == 0 and table.column_names == gisa.MENTION_COLUMNS
