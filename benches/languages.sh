#!/usr/bin/env bash
# Instructions per input byte of `rinse clean` on clean text, one file per
# language: where each language's text costs most, counted exactly.
#
#   benches/languages.sh DIR [BASELINE_BIN]
#   benches/languages.sh ../shared/devsets/text-ud /tmp/rinse-before
#
# Runs `rinse clean --preset fix --threads 1` (RINSE_ARGS to change) on
# every DIR/*.txt under callgrind (valgrind; apt-get install valgrind) and
# prints a Markdown table: the file's size, instructions per byte (process
# start-up included: about 1.5M to 2M instructions, an eighth to a sixth of
# the count for a 100 kB file of English), and, with a baseline binary, its count and
# whether the two outputs are the same bytes. Instruction counts do not
# move with other work on the machine, unlike wall time; they are no
# wall time either (cache misses are not counted).
#
# Needs GNU grep (-P), stat and realpath, and awk.
#
# Environment:
#   RINSE_BIN   binary under test [target/release/rinse, built first with
#               `cargo build --release`]
#   RINSE_ARGS  [--preset fix --threads 1]
set -euo pipefail
export LC_ALL=C

die() {
  echo "languages: $*" >&2
  exit 2
}

[[ $# -ge 1 && -d $1 ]] || die "usage: benches/languages.sh DIR [BASELINE_BIN]"
dir=$1
baseline=${2:-}
command -v valgrind > /dev/null 2>&1 || die "valgrind not found (apt-get install valgrind)"
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [[ -z ${RINSE_BIN:-} ]]; then
  (cd "$repo" && cargo build --release --quiet) || die "cargo build --release failed"
  RINSE_BIN=$repo/target/release/rinse
fi
[[ -x $RINSE_BIN ]] || die "$RINSE_BIN is not an executable"
[[ -z $baseline || -x $baseline ]] || die "$baseline is not an executable"
# The runs start in an empty folder: the binaries' paths must not be relative.
RINSE_BIN=$(realpath "$RINSE_BIN")
[[ -z $baseline ]] || baseline=$(realpath "$baseline")
read -r -a args <<< "${RINSE_ARGS:---preset fix --threads 1}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Instructions of one run of binary $1 on file $2, its output in $3.
count() {
  local log=$work/log
  # Run from an empty folder, so that no rinse.toml applies.
  (cd "$work" && valgrind --tool=callgrind --callgrind-out-file=/dev/null \
    "$1" clean "${args[@]}" -q "$2" > "$3" 2> "$log") ||
    die "$1 failed on $2: $(grep -v '^==[0-9]*==' "$log" | tail -1)"
  grep -oP 'Collected : \K[0-9]+' "$log" || die "no instruction count for $2"
}

per_byte() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", n / s }'; }

shopt -s nullglob
files=("$dir"/*.txt)
((${#files[@]} > 0)) || die "no .txt files in $dir"
if [[ -n $baseline ]]; then
  echo "| file | kB | instructions/byte | baseline | same output |"
  echo "|---|--:|--:|--:|---|"
else
  echo "| file | kB | instructions/byte |"
  echo "|---|--:|--:|"
fi
total_bytes=0 total=0 total_base=0
for file in "${files[@]}"; do
  path=$(realpath "$file")
  bytes=$(stat -c %s "$path")
  if ((bytes == 0)); then
    echo "languages: $file is empty, skipped" >&2
    continue
  fi
  n=$(count "$RINSE_BIN" "$path" "$work/out")
  total_bytes=$((total_bytes + bytes)) total=$((total + n))
  row="| $(basename "$file" .txt) | $((bytes / 1000)) | $(per_byte "$n" "$bytes")"
  if [[ -n $baseline ]]; then
    b=$(count "$baseline" "$path" "$work/base")
    total_base=$((total_base + b))
    same=no
    cmp -s "$work/out" "$work/base" && same=yes
    row="$row | $(per_byte "$b" "$bytes") | $same"
  fi
  echo "$row |"
done
((total_bytes > 0)) || die "only empty .txt files in $dir"
if [[ -n $baseline ]]; then
  echo "| all | $((total_bytes / 1000)) | $(per_byte "$total" "$total_bytes") | $(per_byte "$total_base" "$total_bytes") | |"
else
  echo "| all | $((total_bytes / 1000)) | $(per_byte "$total" "$total_bytes") |"
fi
