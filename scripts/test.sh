#!/usr/bin/env bash
# The whole test suite: unit tests (number grammar table, loaders, cleaning,
# eval arithmetic), the integration binary (CLI, eval/bless, HTML, crawler,
# the tracking database on SQLite and on a real PostgreSQL server started
# here), then `gisa eval` on fixtures/, fixtures/real/dev and
# fixtures/real/test, each of which prints the per-field table and fails when
# a field is below that directory's thresholds.toml. scripts/python.sh runs
# the Python package's tests (pytest) in a virtual environment in target/py.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
GISA_TEST_POSTGRES_URL="$(bash scripts/postgres.sh)"
export GISA_TEST_POSTGRES_URL
stop_pg() {
  bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$bin/pg_ctl" -D target/pg stop -m fast >/dev/null 2>&1 || true
  else "$bin/pg_ctl" -D target/pg stop -m fast >/dev/null 2>&1 || true; fi
}
trap stop_pg EXIT
cargo test --release --locked --workspace
# The Python package (gisa-py) against the CLI the line above built.
bash scripts/python.sh
# Fuzzing (property tests, tests/it/fuzz.rs) for a bounded time: 60 s over
# text, HTML, JSON Lines and the number grammar; GISA_FUZZ_SECS runs longer.
GISA_FUZZ_SECS="${GISA_FUZZ_SECS:-60}" cargo test --release --locked --test gisa fuzz::bounded -- --ignored
cargo run --release --locked --quiet -- eval fixtures
cargo run --release --locked --quiet -- eval fixtures/real/dev
cargo run --release --locked --quiet -- eval fixtures/real/test
