#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster for the tests (installing Debian's
# `postgresql` when it is missing) and prints its URL. Trust authentication on
# 127.0.0.1 only; the cluster lives in target/pg and is stopped and rebuilt
# each time.
#   export GISA_TEST_POSTGRES_URL="$(bash scripts/postgres.sh)"
set -euo pipefail
cd "$(dirname "$0")/.."
port="${GISA_TEST_PG_PORT:-55432}"
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql) >&2
  bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
fi
dir="$PWD/target/pg"
as_pg=()
if [ "$(id -u)" = 0 ]; then as_pg=(runuser -u postgres --); fi
if [ -f "$dir/postmaster.pid" ]; then "${as_pg[@]}" "$bin/pg_ctl" -D "$dir" stop -m immediate >/dev/null 2>&1 || true; fi
rm -rf "$dir"
mkdir -p "$dir"
if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; fi
"${as_pg[@]}" "$bin/initdb" -D "$dir" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${as_pg[@]}" "$bin/pg_ctl" -D "$dir" -l "$dir/log" -w start \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off" >/dev/null
echo "postgres://postgres@127.0.0.1:$port/postgres"
