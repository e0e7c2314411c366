#!/usr/bin/env bash
# The Python package's tests: builds gisa-py into a virtual environment in
# target/py (created once and reused; pip keeps its usual cache), then runs
# pytest on gisa-py/tests against target/release/gisa. Ray and PySpark (and
# Debian's Java) for the examples/ tests are installed once; when one cannot
# be, its test is skipped and says why. cargo builds into the workspace's target/, so compiled
# dependencies (Lindera and its dictionary among them) are reused.
#   bash scripts/python.sh [PYTEST ARGS]
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
venv="$root/target/py"
export PIP_DISABLE_PIP_VERSION_CHECK=1
export CARGO_TARGET_DIR="$root/target"
# Absolute: maturin may run cargo from gisa-py/ (the config's relative path holds there too).
export LINDERA_BUILD_DICTIONARY_CACHE_DIR="${LINDERA_BUILD_DICTIONARY_CACHE_DIR:-$root/target/ko-dic}"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
# pip returns at once when these are there.
"$venv/bin/pip" install -q -r gisa-py/tests/requirements.txt
# The engines of examples/, each installed once; a test whose engine could
# not be installed is skipped and says so.
if ! "$venv/bin/python" -c "import ray.data" 2>/dev/null; then
  "$venv/bin/pip" install -q "ray[data]==2.60.0" || echo "python.sh: ray could not be installed; the Ray example's test will be skipped" >&2
fi
if ! command -v java >/dev/null && [ "$(id -u)" = 0 ]; then
  (apt-get install -y -qq default-jre-headless >/dev/null 2>&1 || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq default-jre-headless >/dev/null 2>&1; }) \
    || echo "python.sh: Java could not be installed; the Spark example's test will be skipped" >&2
fi
if ! "$venv/bin/python" -c "import pyspark" 2>/dev/null; then
  "$venv/bin/pip" install -q pyspark==4.3.0 || echo "python.sh: pyspark could not be installed; the Spark example's test will be skipped" >&2
fi
[ -x target/release/gisa ] || cargo build --release --locked --quiet
VIRTUAL_ENV="$venv" PATH="$venv/bin:$PATH" maturin develop --release --locked --quiet -m gisa-py/Cargo.toml
exec "$venv/bin/python" -m pytest -q gisa-py/tests "$@"
