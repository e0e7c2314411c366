#!/usr/bin/env bash
# The whole test suite: unit tests (number grammar table, loaders, cleaning),
# the integration binary (fixtures scored against expected files, CLI bad input).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cargo test --release --locked
