#!/usr/bin/env bash
# fuzz/run.sh: fuzz rinse with cargo-fuzz (libFuzzer), installing what it needs.
#
#   bash fuzz/run.sh TARGET SECONDS     one target (clean_default, clean_all_steps,
#                                       load_bytes, jsonl_record, config_toml)
#   bash fuzz/run.sh all SECONDS        every target, SECONDS each, JOBS at a time
#   bash fuzz/run.sh list               the targets
#
# What it does:
#   1. Finds a toolchain that can build libFuzzer targets: the `nightly`
#      toolchain if rustup has it, else `rustup toolchain install nightly
#      --profile minimal`, else the stable toolchain with RUSTC_BOOTSTRAP=1
#      (cargo-fuzz needs a few unstable flags; stable compiles them so).
#   2. Installs cargo-fuzz from crates.io (`cargo install cargo-fuzz --locked`)
#      if `cargo fuzz` is missing.
#   3. Seeds the working corpus fuzz/corpus/TARGET (not committed) with the
#      regression corpus fuzz/regressions/TARGET, the hostile corpus
#      tests/data/hostile, and the bundled documents, each in the shape the
#      target reads (see fuzz/README.md).
#   4. Runs the target for SECONDS (libFuzzer, started again after each
#      finding until the time is up), with the dictionary
#      fuzz/rinse.dict, inputs up to MAX_LEN bytes, TIMEOUT seconds an input
#      and RSS_MB of memory.
#   5. Copies the crash, timeout and out-of-memory inputs it found (the
#      MAX_NEW smallest) into fuzz/regressions/TARGET/ (named by kind and
#      content hash), where
#      `cargo test` replays it on stable (tests/hostile.rs): commit those
#      files, with the fix or with an entry in fuzz/regressions/known.toml.
#   6. Prints one summary line per target: executions, corpus size, findings,
#      also appended to fuzz/artifacts/summary.tsv.
#
# Settings (environment):
#   SANITIZER=none|address   default none: rinse forbids unsafe code, so
#                            AddressSanitizer only watches dependencies, at a
#                            third of the speed; overflow checks and debug
#                            assertions are always on (-a)
#   JOBS=2                   targets run at once with `all` (one core each)
#   MAX_LEN=4096 TIMEOUT=10 RSS_MB=2048
#                            (large inputs are the hostile corpus's and
#                            benches/hostile.sh's business; short ones run
#                            thousands of times faster)
#   MAX_NEW=10               new findings copied to fuzz/regressions a run
#
# Not run in CI: it takes as long as it is told. A run of 600 s per target
# is what the issue asks for (`bash fuzz/run.sh all 600`, about 30 minutes
# on two cores).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
cd "$here"

targets=(clean_default clean_all_steps load_bytes jsonl_record config_toml)
SANITIZER="${SANITIZER:-none}"
JOBS="${JOBS:-2}"
MAX_LEN="${MAX_LEN:-4096}"
TIMEOUT="${TIMEOUT:-10}"
RSS_MB="${RSS_MB:-2048}"
MAX_NEW="${MAX_NEW:-10}"

usage() {
  sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
}

[ $# -ge 1 ] || usage
if [ "$1" = list ]; then
  printf '%s\n' "${targets[@]}"
  exit 0
fi
[ $# -eq 2 ] || usage
what="$1"
seconds="$2"
[[ "$seconds" =~ ^[0-9]+$ ]] || usage

# 1. A toolchain for libFuzzer.
toolchain=()
if rustup run nightly rustc --version >/dev/null 2>&1; then
  toolchain=(+nightly)
elif rustup toolchain install nightly --profile minimal >/dev/null 2>&1; then
  toolchain=(+nightly)
else
  echo "fuzz: no nightly toolchain to be had; using stable with RUSTC_BOOTSTRAP=1" >&2
  export RUSTC_BOOTSTRAP=1
  toolchain=(+stable)
  if [ "$SANITIZER" != none ]; then
    echo "fuzz: sanitizers need nightly's sanitizer runtimes; using SANITIZER=none" >&2
    SANITIZER=none
  fi
fi
echo "fuzz: toolchain ${toolchain[*]} ($(cargo "${toolchain[@]}" --version))${RUSTC_BOOTSTRAP:+ with RUSTC_BOOTSTRAP=1}, sanitizer $SANITIZER" >&2

# 2. cargo-fuzz.
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "fuzz: installing cargo-fuzz" >&2
  cargo install cargo-fuzz --locked
fi

build_flags=(-O -a -s "$SANITIZER")

# 3. Seeds, in the shape each target reads.
seed() {
  local target="$1" dir="$here/corpus/$1" n=0 f
  mkdir -p "$dir"
  if [ -d "$here/regressions/$target" ]; then
    find "$here/regressions/$target" -type f ! -name '*.md' -exec cp -f {} "$dir/" \;
  fi
  local docs=()
  while IFS= read -r -d '' f; do docs+=("$f"); done < <(
    find "$repo/corpus" "$repo/tests/data/hostile" -type f -size -64k ! -name '*.toml' -print0 2>/dev/null | sort -z)
  local before_seeds
  before_seeds="$(mktemp)"
  find "$dir" -type f | sort >"$before_seeds"
  case "$target" in
    clean_default | clean_all_steps)
      for f in "${docs[@]}"; do cp -f "$f" "$dir/doc-$((n++))"; done ;;
    load_bytes)
      # The first byte chooses the forced encoding; the rest is the document.
      for f in "${docs[@]}"; do
        { printf "\\x$(printf %02x $((n % 41)))"; cat "$f"; } >"$dir/doc-$n"
        n=$((n + 1))
      done ;;
    jsonl_record)
      # Even first byte: a raw JSON line; odd: the rest is a record's text.
      while IFS= read -r line; do
        { printf '\x00'; printf '%s' "$line"; } >"$dir/line-$((n++))"
      done <"$repo/tests/data/sample.jsonl"
      for f in "${docs[@]}"; do { printf '\x01'; cat "$f"; } >"$dir/doc-$((n++))"; done ;;
    config_toml)
      cp -f "$here"/seeds/config_toml/* "$dir/" 2>/dev/null || true ;;
  esac
  # The hashes of the seeds made from the hostile corpus and the bundled
  # documents: tests/hostile.rs replays those already, so a failing one is
  # not copied into the regression corpus again.
  find "$dir" -type f -newer "$before_seeds" -print0 | xargs -0 -r sha1sum | cut -c1-40 >"$here/artifacts/$target/seed-hashes"
  rm -f "$before_seeds"
}

# 4–6. Run one target, collect its findings.
run_one() {
  local target="$1"
  local out="$here/artifacts/$target" log
  mkdir -p "$out" "$here/regressions/$target"
  log="$out/run-$(date +%Y%m%d-%H%M%S).log"
  seed "$target"
  local before
  before="$(find "$out" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' \) | sort)"
  local started=$SECONDS remaining execs=0 runs=0 status
  # libFuzzer stops at its first finding: start it again, on the grown
  # corpus, until the time is up (a finding among the seeds is taken out
  # of the working corpus, or it would stop every start).
  while remaining=$((seconds - (SECONDS - started))); [ "$remaining" -gt 0 ] && [ "$runs" -lt 100 ]; do
    runs=$((runs + 1))
    status=0
    cargo "${toolchain[@]}" fuzz run "${build_flags[@]}" "$target" "$here/corpus/$target" -- \
      -max_total_time="$remaining" -print_final_stats=1 \
      -max_len="$MAX_LEN" -timeout="$TIMEOUT" -rss_limit_mb="$RSS_MB" \
      -dict="$here/rinse.dict" -artifact_prefix="$out/" >>"$log" 2>&1 || status=$?
    execs=$((execs + $(grep -E '^stat::number_of_executed_units' "$log" | tail -1 | grep -oE '[0-9]+$' || echo 0)))
    sed -i 's/^stat::number_of_executed_units/counted::number_of_executed_units/' "$log"
    [ "$status" -eq 0 ] && break
    local artifact
    artifact="$(grep -oE "Test unit written to \S+" "$log" | tail -1 | cut -d' ' -f5)"
    if [ -n "$artifact" ] && [ -f "$artifact" ]; then
      local ahash
      ahash="$(sha1sum "$artifact" | cut -c1-40)"
      find "$here/corpus/$target" -type f -exec sha1sum {} + | awk -v h="$ahash" '$1 == h { print $2 }' | xargs -r rm -f
    else
      echo "fuzz: $target stopped without a finding (exit $status); see $log" >&2
      break
    fi
  done
  local elapsed=$((SECONDS - started))
  local cov corpus findings
  cov="$(grep -oE 'cov: [0-9]+' "$log" | tail -1 | cut -d' ' -f2)"
  findings="$(grep -c 'Test unit written to' "$log" || true)"
  corpus="$(find "$here/corpus/$target" -type f | wc -l)"
  # The new findings, smallest first; at most MAX_NEW of them are copied
  # (one bug tends to be found many times over).
  local new=0 found=0 seeds=0 f kind hash
  while IFS= read -r f; do
    [ -n "$f" ] || continue
    grep -qxF "$f" <<<"$before" && continue
    hash="$(sha1sum "$f" | cut -c1-40)"
    if grep -qxF "$hash" "$out/seed-hashes"; then
      seeds=$((seeds + 1))
      continue
    fi
    found=$((found + 1))
    [ "$new" -lt "$MAX_NEW" ] || continue
    kind="${f##*/}"
    kind="${kind%%-*}"
    hash="${hash:0:16}"
    cp -f "$f" "$here/regressions/$target/$kind-$hash"
    echo "fuzz: $target found $kind: fuzz/regressions/$target/$kind-$hash" >&2
    new=$((new + 1))
  done < <(find "$out" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' \) -printf '%s %p\n' | sort -n | cut -d' ' -f2-)
  if [ "$execs" -eq 0 ]; then
    echo "fuzz: $target did not run; see $log" >&2
    tail -20 "$log" >&2
    return 1
  fi
  printf '%s\t%s\t%ss\texecutions %s\tcoverage %s\tcorpus %s\tstarts %s\tfindings %s\tnew findings %s\tcopied to regressions %s\tfailing seeds %s\n' \
    "$(date -u +%FT%TZ)" "$target" "$elapsed" "$execs" "$cov" "$corpus" "$runs" "$findings" "$found" "$new" "$seeds" |
    tee -a "$here/artifacts/summary.tsv"
}

if [ "$what" = all ]; then
  # Build once, then run JOBS targets at a time.
  cargo "${toolchain[@]}" fuzz build "${build_flags[@]}" >&2
  status=0
  running=0
  for target in "${targets[@]}"; do
    run_one "$target" &
    running=$((running + 1))
    if [ "$running" -ge "$JOBS" ]; then
      wait -n || status=1
      running=$((running - 1))
    fi
  done
  while [ "$running" -gt 0 ]; do
    wait -n || status=1
    running=$((running - 1))
  done
  exit "$status"
fi

printf '%s\n' "${targets[@]}" | grep -qxF "$what" || { echo "fuzz: no target $what" >&2; usage; }
cargo "${toolchain[@]}" fuzz build "${build_flags[@]}" "$what" >&2
run_one "$what"
