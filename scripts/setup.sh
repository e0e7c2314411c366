#!/usr/bin/env bash
# Fills Lindera's ko-dic build cache (target/ko-dic, see .cargo/config.toml)
# from the offline copy in ../shared/ko-dic when it exists. Without it, the
# cache stays empty and Lindera downloads the dictionary at build time.
set -euo pipefail
cd "$(dirname "$0")/.."
offline="../shared/ko-dic"
if [ -f "$offline/install.sh" ]; then
  bash "$offline/install.sh" "$PWD/target/ko-dic" >/dev/null
  echo "setup: ko-dic cache ready in target/ko-dic (offline copy)"
else
  echo "setup: no ../shared/ko-dic; Lindera will download ko-dic during the build"
fi
