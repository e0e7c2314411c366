#!/usr/bin/env bash
# The main job on the seed articles: one SPEC JSON object per seed on stdout.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh >&2
cargo build --release --locked >&2
seeds="../shared/seeds"
[ -d "$seeds" ] || seeds="fixtures"
exec ./target/release/gisa extract "$seeds"/*.txt "$@"
