#!/usr/bin/env bash
# Whole-process benchmark of the `rinse` binary: what a user waits for.
#
#   benches/e2e.sh [all|throughput|startup|tree|inputs|instructions]...
#                                                             (default: all)
#
#   E2E_MB=50 E2E_RUNS=5 benches/e2e.sh throughput
#   RINSE_BIN=/path/to/old/rinse benches/e2e.sh startup      # an older build
#   E2E_MB=3 E2E_BASE=/path/to/old/rinse benches/e2e.sh instructions
#
# Sections:
#   throughput  per input (english arabic mixed emoji mojibake cp1251, each
#               E2E_MB MB, generated from corpus/ by benches/e2e/src/bin/gen.rs):
#               "the limit" (read, check UTF-8, write), the limit + NFC,
#               `rinse clean --preset fix` (into a file, and piped to cat,
#               which makes it read its input twice), `rinse clean`, `rinse clean --jsonl`
#               with 1 and 2 threads on the same text as JSON Lines, and ftfy's
#               fix_text. MB/s (input bytes / wall s), CPU s (user+sys), peak
#               RSS, output size, speed relative to the limit and to ftfy.
#   startup     `rinse clean` on an empty file and on a one-line file with
#               non-ASCII characters, E2E_STARTUP_RUNS runs (ms).
#   tree        `rinse clean DIR --out OUT` on E2E_TREE_FILES files of
#               E2E_TREE_MB MB each (default threads and --threads 1).
#   inputs      only build the helpers and generate the inputs.
#   instructions  (not part of `all`; needs valgrind, and is slow: use a few
#               MB) per input, the instructions valgrind's callgrind counts
#               for `rinse clean --preset fix`, `rinse clean` and
#               `rinse clean --jsonl`, one thread, and per input byte; with
#               E2E_BASE (an older build) its count beside, the change, and
#               whether the two outputs are the same bytes. Instructions do
#               not move with other work on the machine, wall times do.
# Every row runs E2E_RUNS times, the rows of a section interleaved, and the
# median of each column is shown. Other work on the machine shows up in the
# wall times: compare CPU seconds too, and the load averages printed.
#
# Environment (defaults in brackets):
#   RINSE_BIN         binary under test [target/release/rinse, built first
#                     with `cargo build --release`]; relative to the caller's
#                     directory
#   E2E_MB            size of each throughput input, MB of 10^6 bytes [100]
#   E2E_RUNS          runs per row [3]
#   E2E_INPUTS        throughput inputs [english arabic mixed emoji mojibake cp1251]
#   E2E_FTFY          0: no ftfy rows [1]; ftfy is pip-installed once into
#                     $E2E_DIR/venv (PyPI needed the first time only)
#   E2E_FTFY_RUNS     runs of the ftfy rows, which are slow [E2E_RUNS]
#   E2E_STARTUP_RUNS  [20]
#   E2E_TREE_FILES    [1000]     E2E_TREE_MB [1]
#   E2E_BASE          instructions: an older build to compare with [none]
#   E2E_DIR           inputs, helpers, outputs, results [target/e2e]
# Needs: bash 5, cargo, GNU time (/usr/bin/time; apt-get install time), awk,
# sort, sha256sum; python3 with venv for the ftfy rows.
# Commands run in an empty folder ($E2E_DIR/run), so no rinse.toml applies.
# Tables are printed and also written to $E2E_DIR/results/.
set -euo pipefail
export LC_ALL=C

die() {
  echo "e2e: $*" >&2
  exit 2
}

need() {
  command -v "$1" > /dev/null 2>&1 || die "$1 not found${2:+ ($2)}"
}

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
[[ -f $repo/Cargo.toml && -d $repo/corpus/web ]] || die "cannot find the rinse repository at $repo"
((BASH_VERSINFO[0] >= 5)) || die "bash 5 or later needed (EPOCHREALTIME)"
if ! /usr/bin/time -f '%M' true > /dev/null 2>&1; then
  die "GNU time not found at /usr/bin/time (apt-get install time)"
fi
need awk
need sort
need sha256sum
need cargo "install Rust"

mb=${E2E_MB:-100}
runs=${E2E_RUNS:-3}
inputs=${E2E_INPUTS:-english arabic mixed emoji mojibake cp1251}
ftfy=${E2E_FTFY:-1}
ftfy_runs=${E2E_FTFY_RUNS:-$runs}
startup_runs=${E2E_STARTUP_RUNS:-20}
tree_files=${E2E_TREE_FILES:-1000}
tree_mb=${E2E_TREE_MB:-1}
dir=${E2E_DIR:-$repo/target/e2e}
for n in "$mb" "$runs" "$ftfy_runs" "$startup_runs" "$tree_files" "$tree_mb"; do
  [[ $n =~ ^[0-9]+$ && $n -gt 0 ]] || die "not a positive whole number: $n"
done
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

sections=("$@")
((${#sections[@]})) || sections=(all)
for section in "${sections[@]}"; do
  case $section in
    all | throughput | startup | tree | inputs | instructions) ;;
    *) die "unknown section $section (all, throughput, startup, tree, inputs, instructions)" ;;
  esac
done
wants() {
  local section
  for section in "${sections[@]}"; do
    [[ $section == "$1" || ($section == all && $1 != instructions) ]] && return 0
  done
  return 1
}

# --- the binary under test and the helpers ------------------------------

if [[ -n ${RINSE_BIN:-} ]]; then
  rinse=$(readlink -f "$RINSE_BIN") || die "RINSE_BIN=$RINSE_BIN not found"
  [[ -x $rinse ]] || die "RINSE_BIN=$RINSE_BIN is not an executable"
  rinse_build="RINSE_BIN=$RINSE_BIN"
elif [[ ${sections[*]} != inputs ]]; then
  echo "e2e: cargo build --release (the binary under test)" >&2
  (cd "$repo" && cargo build --release --quiet --bin rinse) || die "cargo build --release failed"
  rinse=${CARGO_TARGET_DIR:-$repo/target}/release/rinse
  rinse_build="$(cd "$repo" && git describe --always --dirty 2> /dev/null || echo "no git")"
fi

# Builds that print a run summary on standard error are asked for quiet.
quiet=()
if [[ -n ${rinse:-} ]] && "$rinse" clean --help 2> /dev/null | grep -q -- '--quiet'; then
  quiet=(--quiet)
fi

echo "e2e: building the helpers (benches/e2e)" >&2
CARGO_TARGET_DIR=$dir/tools-target cargo build --release --quiet --locked \
  --manifest-path "$repo/benches/e2e/Cargo.toml" || die "building benches/e2e failed"
limit=$dir/tools-target/release/limit
gen=$dir/tools-target/release/gen

run_dir=$dir/run
out_dir=$dir/out
results_dir=$dir/results
mkdir -p "$run_dir" "$out_dir" "$results_dir"
stamp=$(date +%Y%m%d-%H%M%S)
results=$results_dir/$stamp.md
raw=$results_dir/$stamp.tsv
time_file=$dir/time.$$
err_file=$dir/stderr.$$
trap 'rm -f "$time_file" "$err_file"' EXIT

say() {
  printf '%s\n' "$*" | tee -a "$results"
}

load() {
  cut -d' ' -f1-3 /proc/loadavg
}

# A fingerprint of what generated inputs depend on.
inputs_key() {
  cat "$repo/benches/e2e/src/bin/gen.rs" "$repo"/corpus/web/*.txt "$repo"/corpus/synthetic/*.txt |
    sha256sum | cut -c1-16
}

# --- measuring ----------------------------------------------------------

# measure SECTION INPUT ROW BYTES OUT COMMAND...: runs COMMAND once (in the
# empty run folder, like every command), with standard output to OUT, and appends its wall time,
# CPU time (user+sys), peak RSS and output size to the raw results.
measure() {
  local section=$1 input=$2 row=$3 bytes=$4 out=$5
  shift 5
  local start end user sys rss
  start=$EPOCHREALTIME
  if ! /usr/bin/time -f '%U %S %M' -o "$time_file" "$@" > "$out" 2> "$err_file"; then
    echo "e2e: failed: $*" >&2
    cat "$err_file" "$time_file" >&2
    exit 1
  fi
  end=$EPOCHREALTIME
  read -r user sys rss < "$time_file"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$section" "$input" "$row" "$bytes" \
    "$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.4f", b - a }')" \
    "$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')" \
    "$rss" "$(stat -c %s "$out" 2> /dev/null || echo 0)" >> "$raw"
}

median() {
  sort -g | awk '{ v[NR] = $1 } END {
    if (NR == 0) print "nan"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# column SECTION INPUT ROW N: the median of raw column N of that row.
column() {
  awk -F'\t' -v s="$1" -v i="$2" -v r="$3" -v n="$4" '$1 == s && $2 == i && $3 == r { print $n }' "$raw" | median
}

# mb_per_s BYTES SECONDS: 0 when there is no such row ("nan").
mb_per_s() {
  if [[ $1 == nan || $2 == nan ]]; then
    echo 0
  else
    awk -v b="$1" -v w="$2" 'BEGIN { if (w > 0) printf "%.6f", b / w / 1e6; else print 0 }'
  fi
}

# throughput_table INPUT ROW...: one line per row, with ratios to the
# `limit` and `ftfy` rows when present.
throughput_table() {
  local input=$1 row bytes wall cpu rss out
  shift
  local limit_mbs ftfy_mbs
  limit_mbs=$(mb_per_s "$(column throughput "$input" limit 4)" "$(column throughput "$input" limit 5)")
  ftfy_mbs=$(mb_per_s "$(column throughput "$input" ftfy 4)" "$(column throughput "$input" ftfy 5)")
  say "| row | MB/s | wall s | CPU s | CPU/wall | MB per CPU s | peak RSS MiB | out MB | × limit | × ftfy |"
  say "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|"
  for row in "$@"; do
    bytes=$(column throughput "$input" "$row" 4)
    [[ $bytes == nan ]] && continue
    wall=$(column throughput "$input" "$row" 5)
    cpu=$(column throughput "$input" "$row" 6)
    rss=$(column throughput "$input" "$row" 7)
    out=$(column throughput "$input" "$row" 8)
    say "$(awk -v row="$row" -v b="$bytes" -v w="$wall" -v c="$cpu" -v r="$rss" -v o="$out" \
      -v l="$limit_mbs" -v f="$ftfy_mbs" 'BEGIN {
        mbs = b / w / 1e6
        printf "| %s | %.1f | %.3f | %.2f | %.2f | %s | %.0f | %.1f | %s | %s |", row, mbs, w, c, c / w,
          (c > 0 ? sprintf("%.1f", b / c / 1e6) : "–"), r / 1024, o / 1e6,
          (l > 0 ? sprintf("%.3f", mbs / l) : "–"), (f > 0 ? sprintf("%.1f", mbs / f) : "–") }')"
  done
}

# --- inputs -------------------------------------------------------------

input_dir=$dir/inputs/${mb}MB

make_inputs() {
  local key kind
  key=$(inputs_key)
  if [[ -f $input_dir/key && $(< "$input_dir/key") == "$key" ]]; then
    local missing=0
    for kind in $inputs; do
      [[ -s $input_dir/$kind.txt && -s $input_dir/$kind.jsonl ]] || missing=1
    done
    ((missing)) || return 0
  fi
  rm -rf "$input_dir"
  mkdir -p "$input_dir"
  for kind in english arabic mixed emoji mojibake cp1251; do
    echo "e2e: generating $input_dir/$kind.txt and .jsonl" >&2
    "$gen" text "$kind" "$((mb * 1000000))" "$repo/corpus" "$input_dir/$kind.txt" "$input_dir/$kind.jsonl" ||
      die "generating $kind failed"
  done
  echo "$key" > "$input_dir/key"
}

# --- ftfy ---------------------------------------------------------------

python=
setup_ftfy() {
  [[ $ftfy == 1 ]] || return 0
  local venv=$dir/venv
  if [[ -x $venv/bin/python ]] && "$venv/bin/python" -c 'import ftfy' 2> /dev/null; then
    python=$venv/bin/python
    return 0
  fi
  if ! command -v python3 > /dev/null 2>&1; then
    echo "e2e: python3 not found: no ftfy rows" >&2
    return 0
  fi
  echo "e2e: pip install ftfy into $venv (once)" >&2
  if python3 -m venv "$venv" && "$venv/bin/pip" install --quiet ftfy; then
    python=$venv/bin/python
  else
    echo "e2e: could not install ftfy into $venv: no ftfy rows" >&2
  fi
}

# --- sections -----------------------------------------------------------

header() {
  say ""
  say "## $1"
  say ""
  say "rinse: $rinse ($rinse_build; $("$rinse" --version 2> /dev/null || echo "no --version"))"
  say "machine: $(nproc) cores, $(uname -r), load average at start $(load); $(date -u '+%Y-%m-%d %H:%M UTC')"
}

# Sets the caller's file, jsonl, bytes, jbytes and enc for the input $1:
# its text and JSON Lines files, their sizes, and the encoding option the
# text needs.
input_of() {
  file=$input_dir/$1.txt
  jsonl=$input_dir/$1.jsonl
  [[ -s $file ]] || die "no input $file (E2E_INPUTS: english arabic mixed emoji mojibake cp1251)"
  bytes=$(stat -c %s "$file")
  jbytes=$(stat -c %s "$jsonl")
  enc=()
  if [[ $1 == cp1251 ]]; then
    enc=(--encoding windows-1251)
  fi
}

throughput() {
  make_inputs
  setup_ftfy
  local kind file jsonl bytes jbytes enc run out=$out_dir
  header "Throughput: E2E_MB=$mb, median of $runs runs (ftfy: ${python:+$ftfy_runs runs}${python:-no})"
  say "MB/s = input bytes / wall seconds (JSONL rows: bytes of the .jsonl file); CPU s = user + sys"
  say "(GNU time, 10 ms resolution); MB per CPU s = input bytes / CPU seconds, less sensitive to other load."
  say "× limit, × ftfy: MB/s relative to those rows. Rows ran interleaved, one round after another."
  local rows=(limit limit+nfc "rinse fix t1" "fix t1 piped" "rinse full t1" "jsonl t1" "jsonl t2")
  [[ -n $python ]] && rows+=(ftfy)
  for kind in $inputs; do
    input_of "$kind"
    local load_start
    load_start=$(load)
    for ((run = 1; run <= runs; run++)); do
      echo "e2e: throughput $kind, round $run of $runs" >&2
      measure throughput "$kind" limit "$bytes" "$out/limit.out" "$limit" "${enc[@]}" "$file"
      measure throughput "$kind" limit+nfc "$bytes" "$out/nfc.out" "$limit" --nfc "${enc[@]}" "$file"
      measure throughput "$kind" "rinse fix t1" "$bytes" "$out/fix.out" \
        "$rinse" clean "${quiet[@]}" --preset fix --threads 1 "$file"
      # Into a pipe, which cannot take back what was written: the file is
      # read twice (checked, then cleaned). Its CPU time includes cat's.
      measure throughput "$kind" "fix t1 piped" "$bytes" "$out/fixpipe.out" \
        bash -c '"$@" | cat' pipe "$rinse" clean "${quiet[@]}" --preset fix --threads 1 "$file"
      measure throughput "$kind" "rinse full t1" "$bytes" "$out/full.out" \
        "$rinse" clean "${quiet[@]}" --threads 1 "$file"
      measure throughput "$kind" "jsonl t1" "$jbytes" "$out/jsonl1.out" \
        "$rinse" clean "${quiet[@]}" --jsonl --threads 1 "$jsonl"
      measure throughput "$kind" "jsonl t2" "$jbytes" "$out/jsonl2.out" \
        "$rinse" clean "${quiet[@]}" --jsonl --threads 2 "$jsonl"
      if [[ -n $python ]] && ((run <= ftfy_runs)); then
        measure throughput "$kind" ftfy "$bytes" "$out/ftfy.out" \
          "$python" "$repo/benches/e2e/ftfy_fix.py" "$file"
      fi
    done
    say ""
    say "### $kind: $(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }') MB ($kind.txt), $(awk -v b="$jbytes" 'BEGIN { printf "%.1f", b / 1e6 }') MB as JSONL; load average $load_start → $(load)"
    [[ $kind == cp1251 ]] && say "(windows-1251 bytes: the limit decodes with the encoding given; the JSONL holds the text in UTF-8; ftfy reads it through guess_bytes as windows-1252, its output is mojibake)"
    say ""
    throughput_table "$kind" "${rows[@]}"
  done
}

# The instructions callgrind counts for a command (its standard output to
# the file $1, the command from $2).
count_instructions() {
  local out=$1
  shift
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 > "$out" |
    awk '/ refs:/ { gsub(",", "", $NF); print $NF }'
}

instructions() {
  need valgrind "apt-get install valgrind"
  make_inputs
  local base=${E2E_BASE:-} kind file jsonl bytes jbytes enc row size count old change same
  if [[ -n $base ]]; then
    base=$(readlink -f "$base") || die "E2E_BASE=$E2E_BASE not found"
    [[ -x $base ]] || die "E2E_BASE=$E2E_BASE is not an executable"
  fi
  ((mb <= 20)) || echo "e2e: instructions on $mb MB inputs: callgrind runs about 50 times slower (E2E_MB=3 is enough)" >&2
  header "Instructions (callgrind, one thread): E2E_MB=$mb"
  say "Counted by valgrind's callgrind, start-up included: they do not move with other work on the machine."
  [[ -n $base ]] && say "E2E_BASE: $base"
  say ""
  if [[ -n $base ]]; then
    say "| input | row | instructions | per byte | E2E_BASE | change | same output |"
    say "|---|---|--:|--:|--:|--:|---|"
  else
    say "| input | row | instructions | per byte |"
    say "|---|---|--:|--:|"
  fi
  for kind in $inputs; do
    input_of "$kind"
    for row in "fix" "full" "jsonl"; do
      echo "e2e: instructions $kind, $row" >&2
      local args=(clean "${quiet[@]}" --threads 1)
      case $row in
        fix) args+=(--preset fix "${enc[@]}" "$file") size=$bytes ;;
        full) args+=("${enc[@]}" "$file") size=$bytes ;;
        jsonl) args+=(--jsonl "$jsonl") size=$jbytes ;;
      esac
      count=$(count_instructions "$out_dir/instructions.out" "$rinse" "${args[@]}")
      [[ -n $count ]] || die "callgrind gave no count for $rinse ${args[*]}"
      if [[ -n $base ]]; then
        old=$(count_instructions "$out_dir/instructions-base.out" "$base" "${args[@]}")
        [[ -n $old ]] || die "callgrind gave no count for $base ${args[*]}"
        change=$(awk -v n="$count" -v o="$old" 'BEGIN { printf "%+.1f%%", (n - o) * 100 / o }')
        same=no
        cmp -s "$out_dir/instructions.out" "$out_dir/instructions-base.out" && same=yes
        say "$(awk -v k="$kind" -v r="$row" -v n="$count" -v b="$size" -v o="$old" -v c="$change" -v s="$same" 'BEGIN {
          printf "| %s | %s | %.1fM | %.1f | %.1fM | %s | %s |", k, r, n / 1e6, n / b, o / 1e6, c, s }')"
      else
        say "$(awk -v k="$kind" -v r="$row" -v n="$count" -v b="$size" 'BEGIN {
          printf "| %s | %s | %.1fM | %.1f |", k, r, n / 1e6, n / b }')"
      fi
    done
  done
}

startup() {
  local empty=$dir/startup-empty.txt one=$dir/startup-one-line.txt run row i
  : > "$empty"
  printf 'café “x” 😀 مرحبا\n' > "$one"
  header "Start-up: median of $startup_runs runs"
  say "Wall ms: around the process, no /usr/bin/time in between; CPU ms: user+sys from bash's \`times\`; peak RSS from /usr/bin/time (3 more runs)."
  local names=("rinse clean EMPTY" "rinse clean ONE-LINE" "limit EMPTY (a process that reads a file)")
  startup_command() {
    case $1 in
      0) "$rinse" clean "${quiet[@]}" "$empty" ;;
      1) "$rinse" clean "${quiet[@]}" "$one" ;;
      2) "$limit" "$empty" ;;
    esac
  }
  local times_file=$dir/times.$$ start end
  # The CPU time of the finished children of this shell, in seconds, from
  # the output of `times` (which must run in this shell, not in a $(…)).
  children_cpu() {
    awk 'NR == 2 {
      s = 0
      for (k = 1; k <= 2; k++) { split($k, p, "m"); sub("s", "", p[2]); s += p[1] * 60 + p[2] }
      printf "%.4f", s }' "$1"
  }
  for ((run = 1; run <= startup_runs; run++)); do
    for i in "${!names[@]}"; do
      times > "$times_file.before"
      start=$EPOCHREALTIME
      startup_command "$i" > /dev/null || die "failed: ${names[$i]}"
      end=$EPOCHREALTIME
      times > "$times_file.after"
      printf 'startup\t-\t%s\t0\t%s\t%s\t0\t0\n' "${names[$i]}" \
        "$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", (b - a) * 1000 }')" \
        "$(awk -v a="$(children_cpu "$times_file.before")" -v b="$(children_cpu "$times_file.after")" \
          'BEGIN { printf "%.1f", (b - a) * 1000 }')" >> "$raw"
    done
  done
  rm -f "$times_file.before" "$times_file.after"
  for i in "${!names[@]}"; do
    for run in 1 2 3; do
      case $i in
        0) /usr/bin/time -f '%M' -o "$time_file" "$rinse" clean "${quiet[@]}" "$empty" > /dev/null ;;
        1) /usr/bin/time -f '%M' -o "$time_file" "$rinse" clean "${quiet[@]}" "$one" > /dev/null ;;
        2) /usr/bin/time -f '%M' -o "$time_file" "$limit" "$empty" > /dev/null ;;
      esac
      printf 'startup-rss\t-\t%s\t0\t0\t0\t%s\t0\n' "${names[$i]}" "$(< "$time_file")" >> "$raw"
    done
  done
  say ""
  say "| command | wall ms | CPU ms | peak RSS MiB |"
  say "|---|--:|--:|--:|"
  for row in "${names[@]}"; do
    say "$(awk -v row="$row" -v w="$(column startup - "$row" 5)" -v c="$(column startup - "$row" 6)" \
      -v r="$(column startup-rss - "$row" 7)" 'BEGIN { printf "| %s | %.2f | %.1f | %.1f |", row, w, c, r / 1024 }')"
  done
  say ""
  say "EMPTY: a 0-byte file; ONE-LINE: \`$(< "$one")\`; load average at end $(load)"
}

tree() {
  local tree_dir=$dir/tree/${tree_files}x${tree_mb}MB tree_out=$dir/tree-out key run bytes
  key="$(inputs_key) $tree_files $tree_mb"
  if ! [[ -f $tree_dir.key && $(< "$tree_dir.key") == "$key" ]]; then
    rm -rf "$tree_dir" "$tree_dir.key"
    echo "e2e: generating $tree_files files of $tree_mb MB in $tree_dir" >&2
    "$gen" tree "$repo/corpus" "$tree_dir" "$tree_files" "$((tree_mb * 1000000))" || die "generating the tree failed"
    echo "$key" > "$tree_dir.key"
  fi
  bytes=$(du -sb "$tree_dir" | cut -f1)
  header "Tree: $tree_files files of $tree_mb MB (mixed text), median of $runs runs"
  say "\`rinse clean DIR --out OUT\`, OUT removed before each run (outside the timing)."
  say ""
  local rows=("--out, default threads" "--out, --threads 1")
  for ((run = 1; run <= runs; run++)); do
    echo "e2e: tree, round $run of $runs" >&2
    rm -rf "$tree_out"
    measure tree - "${rows[0]}" "$bytes" "$out_dir/tree.stdout" "$rinse" clean "${quiet[@]}" "$tree_dir" --out "$tree_out"
    rm -rf "$tree_out"
    measure tree - "${rows[1]}" "$bytes" "$out_dir/tree.stdout" "$rinse" clean "${quiet[@]}" --threads 1 "$tree_dir" --out "$tree_out"
  done
  local out_bytes row
  out_bytes=$(du -sb "$tree_out" | cut -f1)
  rm -rf "$tree_out"
  say "| command | MB/s | files/s | wall s | CPU s | CPU/wall | peak RSS MiB |"
  say "|---|--:|--:|--:|--:|--:|--:|"
  for row in "${rows[@]}"; do
    say "$(awk -v row="$row" -v b="$bytes" -v n="$tree_files" -v w="$(column tree - "$row" 5)" \
      -v c="$(column tree - "$row" 6)" -v r="$(column tree - "$row" 7)" 'BEGIN {
        printf "| rinse clean %s | %.1f | %.0f | %.2f | %.2f | %.2f | %.0f |", row, b / w / 1e6, n / w, w, c, c / w, r / 1024 }')"
  done
  say ""
  say "input $(awk -v b="$bytes" 'BEGIN { printf "%.0f", b / 1e6 }') MB, output $(awk -v b="$out_bytes" 'BEGIN { printf "%.0f", b / 1e6 }') MB; load average at end $(load)"
}

cd "$run_dir"
if [[ ${sections[*]} == inputs ]]; then
  make_inputs
  echo "e2e: inputs in $input_dir" >&2
  exit 0
fi
say "# rinse e2e benchmark, $stamp"
wants startup && startup
wants throughput && throughput
wants tree && tree
wants instructions && instructions
echo "e2e: results in $results (raw runs: $raw)" >&2
