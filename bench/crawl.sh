#!/usr/bin/env bash
# Crawl throughput and peak memory on 2,000 and 10,000 loopback pages,
# politeness off (see benches/crawl.rs).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh >/dev/null
cargo bench --locked --bench crawl
