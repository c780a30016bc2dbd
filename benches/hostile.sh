#!/usr/bin/env bash
# benches/hostile.sh: time and peak memory of `rinse clean` on large hostile
# inputs, which are generated here (never committed) and measured with
# GNU time (`/usr/bin/time -v`: wall clock and maximum resident set size).
#
#   bash benches/hostile.sh            every case
#   bash benches/hostile.sh CASE...    only these (names in the table below)
#   MAKE_ONLY=1 bash benches/hostile.sh   only make the inputs
#
# Cases (input → command):
#   newlines-100mb     100 MB of "\n"                     rinse clean FILE
#   empty-lines-10m    10 million empty lines (10 MB)     rinse clean FILE
#   a-lines-50m        50 million "a\n" (100 MB)          rinse clean FILE
#   mojibake-line-50mb one 50 MB line of mojibake         rinse clean FILE
#   zalgo-100mb        one letter + 100 MB of U+0301      rinse clean FILE
#   fffd-50mb          50 MB of U+FFFD (valid UTF-8)      rinse clean FILE
#   malformed-50mb     50 MB of 0xFF (each becomes U+FFFD) rinse clean FILE
#   tree-100x5mb       100 files of 5 MB in a folder      rinse clean DIR --out OUT
#   gzip-bomb-10gb     10 GB of zeros, no line break, gzipped (about 10 MB)
#                                                         rinse clean --jsonl FILE.jsonl.gz
#
# Inputs are made once under target/hostile-bench/ (about 1 GB on disk;
# delete the folder to remake them). Each run is bounded: TIMEOUT seconds
# (default 600) and an address-space limit of MEM_GB (default 16 GiB, with
# `ulimit -v`), so a case that would take the machine's memory fails
# instead; the table says how each ended (exit status, or the signal).
# Prints a Markdown table: case, input size, exit, wall time, peak RSS,
# and peak RSS per input byte. Needs GNU time (`apt-get install time`,
# which the script runs if /usr/bin/time is missing), gzip, and a Rust
# toolchain. Not a test: nothing here is asserted, and CI does not run it.
# No pipefail: the generators end `yes` with a closed pipe, on purpose.
set -eu
cd "$(dirname "$0")/.."

TIMEOUT="${TIMEOUT:-600}"
MEM_GB="${MEM_GB:-16}"
dir=target/hostile-bench
mkdir -p "$dir"

if [ ! -x /usr/bin/time ]; then
  apt-get install -y time >/dev/null
fi
cargo build --release --quiet --bin rinse
rinse="$PWD/target/release/rinse"

# Writes the string $1 (printf escapes) repeated to about $2 bytes (whole
# units only) to stdout.
repeat() {
  local unit len
  unit="$(printf "$1")"
  len="$(printf "$1" | wc -c)"
  # `yes` repeats a line; the unit goes in without the line breaks.
  yes "$unit" | tr -d '\n' | head -c $(($2 - $2 % len))
}

make_input() {
  local name="$1" path="$dir/$1"
  case "$name" in
    newlines-100mb) [ -s "$path" ] || head -c 100000000 /dev/zero | tr '\0' '\n' >"$path" ;;
    empty-lines-10m) [ -s "$path" ] || head -c 10000000 /dev/zero | tr '\0' '\n' >"$path" ;;
    a-lines-50m) [ -s "$path" ] || yes a | head -n 50000000 >"$path" ;;
    mojibake-line-50mb)
      # "Café crème ’ à " in UTF-8 read as windows-1252, one line.
      [ -s "$path" ] || repeat 'Caf\xc3\x83\xc2\xa9 cr\xc3\x83\xc2\xa8me \xc3\xa2\xe2\x82\xac\xe2\x84\xa2 \xc3\x83\xc2\xa0 ' 50000000 >"$path" ;;
    zalgo-100mb)
      [ -s "$path" ] || { printf a; repeat '\xcc\x81' 100000000; } >"$path" ;;
    fffd-50mb) [ -s "$path" ] || repeat '\xef\xbf\xbd' 50000001 >"$path" ;;
    malformed-50mb) [ -s "$path" ] || head -c 50000000 /dev/zero | tr '\0' '\377' >"$path" ;;
    tree-100x5mb)
      if [ ! -d "$path" ]; then
        mkdir -p "$path.tmp"
        # Five MB of the bundled corpus, repeated, with a different first
        # line per file.
        local block="$dir/corpus-5mb"
        while [ "$(stat -c %s "$block" 2>/dev/null || echo 0)" -lt 5000000 ]; do
          cat corpus/web/*.txt corpus/synthetic/*.txt >>"$block"
        done
        for i in $(seq -w 1 100); do
          { echo "Document $i."; head -c 5000000 "$block"; } >"$path.tmp/doc-$i.txt"
        done
        mv "$path.tmp" "$path"
      fi ;;
    gzip-bomb-10gb)
      path="$dir/gzip-bomb-10gb.jsonl.gz"
      [ -s "$path" ] || head -c 10000000000 /dev/zero | gzip -1 >"$path" ;;
    *) echo "no case $name" >&2; exit 2 ;;
  esac
}

input_of() {
  case "$1" in
    gzip-bomb-10gb) echo "$dir/gzip-bomb-10gb.jsonl.gz" ;;
    *) echo "$dir/$1" ;;
  esac
}

command_of() {
  local input
  input="$(input_of "$1")"
  case "$1" in
    tree-100x5mb) echo "$rinse clean --quiet $input --out $dir/tree-out --force" ;;
    gzip-bomb-10gb) echo "$rinse clean --quiet --jsonl $input" ;;
    *) echo "$rinse clean --quiet $input" ;;
  esac
}

cases=(newlines-100mb empty-lines-10m a-lines-50m mojibake-line-50mb zalgo-100mb fffd-50mb malformed-50mb tree-100x5mb gzip-bomb-10gb)
[ $# -eq 0 ] || cases=("$@")

human() { numfmt --to=iec --suffix=B "$1"; }

if [ -n "${MAKE_ONLY:-}" ]; then
  for name in "${cases[@]}"; do make_input "$name"; done
  du -sh "$dir"/*
  exit 0
fi

echo "| case | input | exit | wall time | peak RSS | RSS / input |"
echo "|---|---:|---|---:|---:|---:|"
for name in "${cases[@]}"; do
  make_input "$name"
  input="$(input_of "$name")"
  bytes="$(du -sb "$input" | cut -f1)"
  command="$(command_of "$name")"
  rm -rf "$dir/tree-out"
  stats="$dir/$name.time"
  # shellcheck disable=SC2086 # the command is a list of words
  ( ulimit -v $((MEM_GB * 1024 * 1024)); exec /usr/bin/time -v -o "$stats" timeout "$TIMEOUT" $command ) \
    >/dev/null 2>"$dir/$name.stderr" && code=0 || code=$?
  wall="$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$stats")"
  rss_kb="$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$stats")"
  signal="$(sed -n 's/.*Command terminated by signal //p' "$stats")"
  case "$code" in
    0) ended="0" ;;
    124) ended="timeout after ${TIMEOUT}s" ;;
    *) ended="$code${signal:+ (signal $signal)}" ;;
  esac
  note="$(grep -m1 -E 'memory allocation|rinse:|panicked' "$dir/$name.stderr" | cut -c1-100 || true)"
  ratio="$(awk -v r="$rss_kb" -v b="$bytes" 'BEGIN { printf "%.2f", r * 1024 / b }')"
  echo "| $name | $(human "$bytes") | $ended${note:+: $note} | $wall | $(human $((rss_kb * 1024))) | $ratio |"
done
