"""examples/ray_extract.py on a local Ray cluster: every article of the
archive exactly once, each the record `gisa extract` gives on the same
archive. Skipped, saying so, only when Ray is not installed (scripts/python.sh
installs it)."""

import json
import subprocess
import sys

import pandas as pd
import pytest

from conftest import ROOT, cli_records, dumps, without_path


def test_ray_example_gives_the_cli_records_each_once(gisa_bin, tmp_path):
    pytest.importorskip("ray.data", reason="Ray is not installed (pip install 'ray[data]'); the Ray example is not tested")
    archive = tmp_path / "news.jsonl"
    subprocess.run([sys.executable, str(ROOT / "bench" / "make_archive.py"), "400", str(archive)], check=True)
    with archive.open("a", encoding="utf-8") as f:
        f.write('{"title": "a line without text"}\n\n{not json\n')
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "ray_extract.py"), str(archive), str(out), "--cpus", "2", "--batch-size", "64"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    frame = pd.read_parquet(out)
    assert list(frame.columns) == ["id", "url", "title", "published", "error", "record"]
    cli = [dumps(without_path(r)) for r in cli_records(gisa_bin, archive)]
    assert len(cli) == len(frame) == 402  # 400 articles, 2 bad lines (the blank one is skipped)
    ray_records = frame["record"].tolist()
    # Every article once: 400 distinct URLs, nothing extra, nothing missing.
    urls = frame["url"].dropna()
    assert len(urls) == 400 and urls.is_unique
    assert frame["error"].notna().sum() == 2
    articles = sorted(r for r in ray_records if '"error"' not in r[:60])
    assert articles == sorted(r for r in cli if '"error"' not in r[:60])
    for r in ray_records:
        json.loads(r)
