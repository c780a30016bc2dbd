#!/usr/bin/env bash
# Throughput and peak memory of `rinse clean --jsonl` on a generated corpus.
#   bash benches/jsonl.sh [MiB]      (default 1024: a 1 GiB corpus)
# Prints seconds, MB/s and peak RSS with 1 and 2 threads. Needs GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."
mib="${1:-1024}"
corpus="${TMPDIR:-/tmp}/rinse-bench-${mib}.jsonl"
cargo build --release --quiet
[ -s "$corpus" ] || cargo run --release --quiet --example make_jsonl -- "$mib" > "$corpus"
bytes=$(stat -c %s "$corpus")
for threads in 1 2; do
  /usr/bin/time -f "%e %M" -o /tmp/rinse-bench-time target/release/rinse clean --jsonl --threads "$threads" "$corpus" > /dev/null
  read -r secs rss < /tmp/rinse-bench-time
  echo "threads=$threads: ${secs}s, $(awk -v b="$bytes" -v s="$secs" 'BEGIN{printf "%.0f", b/s/1e6}') MB/s, peak RSS $((rss / 1024)) MiB"
done
