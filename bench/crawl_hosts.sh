#!/usr/bin/env bash
# Many outlets at once (issue 14): `gisa crawl` against 50 and 1,000 hosts on
# 127.1.x.y, 20 pages each, 250 ms per answer, min_delay_ms = 500, default
# settings otherwise. Prints pages/s, the politeness bound, their ratio, peak
# RSS and the spread of hosts' finish times (see benches/crawl_hosts.rs).
#   bash bench/crawl_hosts.sh                 # 50 and 1,000 hosts
#   bash bench/crawl_hosts.sh 200 20 250 500  # hosts, pages, latency ms, delay ms
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh >/dev/null
# Each host holds a socket on each side (server and crawler) plus the
# listener: 1,000 hosts need more than the usual 1,024 descriptors.
need=4096
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt "$need" ]; then
  ulimit -n "$need" 2>/dev/null || ulimit -n "$(ulimit -Hn)"
fi
cargo bench --locked --bench crawl_hosts -- "$@"
