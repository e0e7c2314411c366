"""examples/ray_extract.py (a local Ray cluster) and examples/spark_extract.py
(Spark in local mode): every article of the archive exactly once, each the
record `gisa extract` gives on the same archive. Each is skipped, saying
so, only when its engine is not installed (scripts/python.sh installs both,
and Debian's Java for Spark)."""

import json
import shutil
import subprocess
import sys

import pandas as pd
import pytest

import gisa
from conftest import ROOT, cli_records, dumps, without_path

ENGINES = {
    "ray": ("ray.data", "ray_extract.py", ["--cpus", "2", "--batch-size", "64"]),
    "spark": ("pyspark", "spark_extract.py", ["--cores", "2"]),
}


@pytest.fixture(scope="module")
def archive_and_cli(gisa_bin, tmp_path_factory):
    archive = tmp_path_factory.mktemp("engines") / "news.jsonl"
    subprocess.run([sys.executable, str(ROOT / "bench" / "make_archive.py"), "400", str(archive)], check=True)
    with archive.open("a", encoding="utf-8") as f:
        f.write('{"title": "a line without text"}\n\n{not json\n')
    cli = [dumps(without_path(r)) for r in cli_records(gisa_bin, archive)]
    assert len(cli) == 402  # 400 articles, 2 bad lines (the blank one is skipped)
    return archive, cli


@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_engine_example_gives_the_cli_records_each_once(engine, archive_and_cli, tmp_path):
    module, script, options = ENGINES[engine]
    pytest.importorskip(module, reason=f"{engine} is not installed (scripts/python.sh installs it); its example is not tested")
    if engine == "spark" and not shutil.which("java"):
        pytest.skip("no java on PATH (apt-get install default-jre-headless); the Spark example is not tested")
    archive, cli = archive_and_cli
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, str(ROOT / "examples" / script), str(archive), str(out), *options], capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    frame = pd.read_parquet(out)
    assert list(frame.columns) == ["id", "url", "title", "published", "error", "record"]
    assert len(frame) == len(cli)
    # Every article once: 400 distinct URLs, nothing extra, nothing missing.
    urls = frame["url"].dropna()
    assert len(urls) == 400 and urls.is_unique
    assert frame["error"].notna().sum() == 2
    records = [json.loads(r) for r in frame["record"]]
    mine = sorted(dumps(r) for r in records if "error" not in r)
    theirs = sorted(r for r in cli if "error" not in json.loads(r))
    assert len(mine) == 400 and mine == theirs


def test_extract_lines_parses_lines_as_the_cli_does(archive_and_cli):
    archive, cli = archive_and_cli
    lines = archive.read_text(encoding="utf-8").splitlines()
    records = list(gisa.extract_lines(lines))
    assert len(records) == len(cli)
    for mine, theirs in zip(records, cli):
        if "error" in mine:
            assert "error" in json.loads(theirs)
        else:
            assert dumps(mine) == theirs
    assert list(gisa.extract_lines(['"just a string"', "[1]"]))[1]["error"] == "line 2: not a JSON object"
