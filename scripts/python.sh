#!/usr/bin/env bash
# The Python package's tests: builds gisa-py into a virtual environment in
# target/py (created once, reused: its packages and pip's cache live under
# target/), then runs pytest on gisa-py/tests against target/release/gisa.
# cargo builds into the workspace's target/, so the compiled dependencies
# (Lindera and its dictionary among them) are the ones the rest already built.
#   bash scripts/python.sh [PYTEST ARGS]
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
venv="$root/target/py"
export PIP_DISABLE_PIP_VERSION_CHECK=1
export CARGO_TARGET_DIR="$root/target"
# An absolute path: maturin may run cargo from gisa-py/ (the config's relative one holds too).
export LINDERA_BUILD_DICTIONARY_CACHE_DIR="${LINDERA_BUILD_DICTIONARY_CACHE_DIR:-$root/target/ko-dic}"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
# What the tests need; pip returns at once when they are there.
"$venv/bin/pip" install -q -r gisa-py/tests/requirements.txt
[ -x target/release/gisa ] || cargo build --release --locked --quiet
VIRTUAL_ENV="$venv" PATH="$venv/bin:$PATH" maturin develop --release --locked --quiet -m gisa-py/Cargo.toml
exec "$venv/bin/python" -m pytest -q gisa-py/tests "$@"
