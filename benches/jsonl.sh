#!/usr/bin/env bash
# Throughput, CPU time and peak memory of `rinse clean` on corpora:
#   bash benches/jsonl.sh [MiB] [repeats]      (default: 1024 MiB, 3 runs)
#
# Generates (once, under ${TMPDIR:-/tmp}/rinse-bench/, not committed) a
# JSON Lines corpus of MiB mebibytes from the bundled documents as scraped
# (examples/make_jsonl.rs), its gzip (-6) and zstd (-3) copies and a Parquet
# table of the same rows, then runs, interleaved, `repeats` times each:
#   rinse clean --jsonl  --threads T  on plain, .gz, .zst  (records to /dev/null)
#   rinse clean --parquet --threads T --out DIR            (a Parquet file written)
# with T = 1 and 2, and prints per row the median wall time, MB/s (of the
# uncompressed JSON Lines size, so formats compare), CPU seconds (user +
# system), MB per CPU second, peak RSS, and the 2-thread speedup.
# Then peak RSS on a quarter of the corpus (flat memory: it should not
# grow with the input) and directory mode on 10,000 and 20,000 small files
# (--out, files synced in batches; and to standard output).
#
# Wall-clock speedups need an idle machine: the load average is printed
# before and after. CPU seconds are the steadier measure on a busy one.
# Needs GNU time, gzip and zstd.
set -euo pipefail
cd "$(dirname "$0")/.."
mib="${1:-1024}"
repeats="${2:-3}"
work="${TMPDIR:-/tmp}/rinse-bench"
mkdir -p "$work"
cargo build --release --quiet --bin rinse --example make_jsonl
rinse="$PWD/target/release/rinse"
make="$PWD/target/release/examples/make_jsonl"

plain="$work/corpus-$mib.jsonl"
[ -s "$plain" ] || "$make" "$mib" > "$plain"
[ -s "$plain.gz" ] || gzip -6 -c "$plain" > "$plain.gz"
[ -s "$plain.zst" ] || zstd -q -3 -T2 -c "$plain" > "$plain.zst"
parquet="$work/corpus-$mib.parquet"
[ -s "$parquet" ] || "$make" "$mib" --parquet "$parquet"
bytes=$(stat -c %s "$plain")

echo "rinse $($rinse --version | cut -d' ' -f2), $(nproc) cores, load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "corpus: $((bytes / 1000000)) MB of JSON Lines ($(wc -l < "$plain") records);" \
  ".gz $(( $(stat -c %s "$plain.gz") / 1000000 )) MB, .zst $(( $(stat -c %s "$plain.zst") / 1000000 )) MB," \
  "Parquet $(( $(stat -c %s "$parquet") / 1000000 )) MB"

# One run: prints "wall user+sys rss_kib workers_cpu other_cpu": the CPU
# seconds of the worker threads (rinse-worker-N) and of the others (main,
# reader, writer), sampled from /proc every 50 ms (the last 50 ms of a
# thread can be missed).
run() {
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" > /dev/null &
  local timer=$! pid="" tick
  tick=$(getconf CLK_TCK)
  rm -f "$work/threads"
  while kill -0 "$timer" 2> /dev/null; do
    [ -n "$pid" ] || pid=$(pgrep -P "$timer" | head -1 || true)
    if [ -n "$pid" ]; then
      cat /proc/"$pid"/task/*/stat 2> /dev/null | awk '{print $1, $2, $14 + $15}' >> "$work/threads" || true
    fi
    sleep 0.05
  done
  wait "$timer"
  local sp
  sp=$(awk -v tick="$tick" '{last[$1] = $3; worker[$1] = ($2 ~ /rinse-worker/)}
    END {for (t in last) {if (worker[t]) w += last[t]; else o += last[t]}; printf "%.2f %.2f", w / tick, o / tick}' "$work/threads" 2> /dev/null || echo "0 0")
  awk -v sp="$sp" '{printf "%s %.2f %s %s\n", $1, $2 + $3, $4, sp}' "$work/time"
}

declare -A walls cpus rsss workers others
inputs=(plain gz zst parquet)
command_of() { # input threads
  case "$1" in
    plain) echo "$rinse clean --jsonl --quiet --threads $2 $plain" ;;
    gz) echo "$rinse clean --jsonl --quiet --threads $2 $plain.gz" ;;
    zst) echo "$rinse clean --jsonl --quiet --threads $2 $plain.zst" ;;
    parquet) echo "$rinse clean --parquet --quiet --force --threads $2 $parquet --out $work/parquet-out" ;;
  esac
}
for ((r = 1; r <= repeats; r++)); do
  for input in "${inputs[@]}"; do
    for threads in 1 2; do
      read -r wall cpu rss worker other < <(run $(command_of "$input" "$threads"))
      walls[$input.$threads]+="$wall "
      cpus[$input.$threads]+="$cpu "
      rsss[$input.$threads]+="$rss "
      workers[$input.$threads]+="$worker "
      others[$input.$threads]+="$other "
    done
  done
done

median() { tr ' ' '\n' | grep . | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
maximum() { tr ' ' '\n' | grep . | sort -g | tail -1; }

printf "\n%-8s %7s %8s %7s %7s %9s %8s %8s %8s %8s %9s\n" input threads "wall s" "MB/s" "CPU s" "MB/CPU-s" "workers" "others" "RSS MiB" speedup "idle est."
for input in "${inputs[@]}"; do
  one=$(echo "${walls[$input.1]}" | median)
  w1=$(echo "${workers[$input.1]}" | median)
  for threads in 1 2; do
    wall=$(echo "${walls[$input.$threads]}" | median)
    cpu=$(echo "${cpus[$input.$threads]}" | median)
    rss=$(echo "${rsss[$input.$threads]}" | maximum)
    worker=$(echo "${workers[$input.$threads]}" | median)
    other=$(echo "${others[$input.$threads]}" | median)
    # On 2 idle cores, 1 worker runs alone on one core (the other threads on
    # the other), while 2 workers share both cores with the other threads:
    # the speedup to expect is 2 x workers CPU (1 thread) / all CPU (2).
    awk -v i="$input" -v t="$threads" -v w="$wall" -v c="$cpu" -v r="$rss" -v b="$bytes" -v one="$one" \
      -v wk="$worker" -v ot="$other" -v w1="$w1" \
      'BEGIN {printf "%-8s %7d %8.2f %7.1f %7.2f %9.1f %8.2f %8.2f %8.0f %8s %9s\n", i, t, w, b/w/1e6, c, b/c/1e6, wk, ot, r/1024,
        (t == 2 ? sprintf("%.2fx", one/w) : ""), (t == 2 ? sprintf("%.2fx", 2 * w1 / c) : "")}'
  done
done
echo "(median of $repeats runs; RSS is the largest; MB are of the uncompressed JSON Lines, $((bytes / 1000000)) MB;"
echo " workers/others: CPU seconds of the worker threads and of the main, reader and writer threads;"
echo " speedup: measured wall 1 thread / 2 threads; idle est.: 2 x workers CPU (1 thread) / all CPU (2 threads))"
for input in "${inputs[@]}"; do
  echo "  $input walls: 1 thread: ${walls[$input.1]}s; 2 threads: ${walls[$input.2]}s"
done

# Flat memory: a quarter of the corpus, 2 threads.
quarter="$work/corpus-$mib-quarter.jsonl"
[ -s "$quarter" ] || head -c $((bytes / 4)) "$plain" | sed '$d' > "$quarter"
read -r wall cpu rss _ < <(run "$rinse" clean --jsonl --quiet --threads 2 "$quarter")
echo
echo "flat memory: --jsonl --threads 2 on $(( $(stat -c %s "$quarter") / 1000000 )) MB: peak RSS $((rss / 1024)) MiB" \
  "(on $((bytes / 1000000)) MB: $(( $(echo "${rsss[plain.2]}" | maximum) / 1024 )) MiB)"

# Directory mode: 10,000 and 20,000 small files.
for files in 10000 20000; do
  tree="$work/tree-$files"
  [ -d "$tree" ] || "$make" --records "$files" --tree "$tree"
  size=$(du -sb "$tree" | cut -f1)
  rm -rf "$work/tree-out"
  read -r wall cpu rss _ < <(run "$rinse" clean --quiet --threads 2 "$tree" --out "$work/tree-out")
  read -r swall scpu srss _ < <(run "$rinse" clean --quiet --threads 2 "$tree")
  echo "directory mode, $files files ($((size / 1000000)) MB): --out ${wall}s (CPU ${cpu}s, peak RSS $((rss / 1024)) MiB);" \
    "to stdout ${swall}s (CPU ${scpu}s, peak RSS $((srss / 1024)) MiB)"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
