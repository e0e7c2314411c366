"""Shared helpers: the CLI binary these tests compare against, and running it."""

import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def gisa_bin():
    """The `gisa` binary of this checkout (built by `cargo build --release`
    or `cargo test --release`); GISA_BIN names another."""
    path = Path(os.environ.get("GISA_BIN", ROOT / "target" / "release" / "gisa"))
    if not path.exists():
        pytest.fail(f"{path} does not exist: run `cargo build --release` first (or set GISA_BIN)")
    return path


def run_cli(gisa_bin, *args):
    """Runs `gisa extract ARGS`; returns its stdout as text."""
    done = subprocess.run([str(gisa_bin), "extract", *map(str, args)], capture_output=True, text=True)
    assert done.returncode in (0, 1), done.stderr
    return done.stdout


def cli_records(gisa_bin, *args):
    """`gisa extract ARGS` (JSON Lines) as dicts, in output order."""
    return [json.loads(line) for line in run_cli(gisa_bin, *args).splitlines() if line]


def without_path(record):
    """A record without `source.path` (the CLI names the input file there;
    the package has no file to name)."""
    record = json.loads(json.dumps(record))
    record["source"].pop("path", None)
    return record


def dumps(record):
    """A record as the CLI serialises it (compact, UTF-8, keys in order)."""
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def fixture_texts():
    return [p.read_text(encoding="utf-8") for p in sorted((ROOT / "fixtures").glob("*.txt"))]
