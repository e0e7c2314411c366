#!/usr/bin/env bash
# The whole test suite: unit tests (number grammar table, loaders, cleaning,
# eval arithmetic), the integration binary (CLI, eval/bless, hard cases), then
# `gisa eval fixtures/`, which prints the per-field table and fails when a
# field is below fixtures/thresholds.toml.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cargo test --release --locked
cargo run --release --locked --quiet -- eval fixtures
