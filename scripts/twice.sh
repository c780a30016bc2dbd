#!/usr/bin/env bash
# Cleans a folder of real files twice and says what the second run changed:
# a cleaner at its fixed point changes nothing the second time (idempotence),
# whatever the files. Also reports inputs rinse failed on (exit status other
# than 0, 1 and 2, or killed after a time limit per run).
#
#   bash scripts/twice.sh DIR [DIR...]
#   RINSE_BIN=/path/to/rinse TWICE_ARGS="--preset fix" bash scripts/twice.sh /usr/share/doc
#
# The outputs go to a temporary folder under target/twice (removed at the
# end unless TWICE_KEEP=1); DIR is only read. Prints, per DIR: the files
# cleaned, the lines each step removed on the first run, the files that
# differ after the second run, and the steps of the second run. Exits 1
# when a second run changed a file or a run failed (an input rinse could not
# clean, exit 2, included).
#
# Environment: RINSE_BIN [target/release/rinse, built first], TWICE_ARGS
# (more arguments of `rinse clean`) [none], TWICE_TIMEOUT seconds per run
# [600], TWICE_KEEP [0].
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
if [[ -z "${RINSE_BIN:-}" ]]; then
  (cd "$root" && cargo build --release --quiet)
  RINSE_BIN="${CARGO_TARGET_DIR:-$root/target}/release/rinse"
fi
[[ $# -ge 1 ]] || { echo "usage: bash scripts/twice.sh DIR [DIR...]" >&2; exit 2; }
read -r -a extra <<< "${TWICE_ARGS:-}"
limit=${TWICE_TIMEOUT:-600}
mkdir -p "${CARGO_TARGET_DIR:-$root/target}"
work=$(mktemp -d "${CARGO_TARGET_DIR:-$root/target}/twice.XXXXXX")
[[ "${TWICE_KEEP:-0}" == 1 ]] || trap 'rm -rf "$work"' EXIT

status=0
n=0
for dir in "$@"; do
  n=$((n + 1))
  first="$work/$n.first" second="$work/$n.second"
  echo "## $dir"
  rc=0
  timeout --foreground "$limit" "$RINSE_BIN" clean "${extra[@]}" "$dir" --out "$first" > /dev/null 2> "$work/$n.first.log" || rc=$?
  if [[ $rc -ne 0 ]]; then
    echo "first run: exit $rc, inputs that failed:"
    grep -v '^rinse:   \|files\? from' "$work/$n.first.log" | sed -n '1,20s/^/  /p'
    status=1
  fi
  if [[ $rc -gt 2 || ! -d "$first" ]]; then
    echo "first run failed (exit $rc): $(tail -1 "$work/$n.first.log")"
    status=1
    continue
  fi
  grep -E '^rinse: [0-9,]+ files? from|^rinse:   ' "$work/$n.first.log" | sed 's/^rinse: /first run: /' || true
  rc=0
  timeout --foreground "$limit" "$RINSE_BIN" clean "${extra[@]}" "$first" --out "$second" > /dev/null 2> "$work/$n.second.log" || rc=$?
  if [[ $rc -gt 2 || ! -d "$second" ]]; then
    echo "second run failed (exit $rc): $(tail -1 "$work/$n.second.log")"
    status=1
    continue
  fi
  rc=0
  listing=$(diff -rq "$first" "$second") || rc=$?
  if [[ $rc -gt 1 ]]; then
    echo "diff failed (exit $rc)"
    status=1
    continue
  fi
  changed=$(sed "s|$first/||; s| and $second/.*||; s|^Files ||; s| differ$||" <<< "$listing")
  if [[ -z "$changed" ]]; then
    echo "second run: no file changed"
  else
    status=1
    echo "second run: $(wc -l <<< "$changed") files changed:"
    sed -n '1,20s/^/  /p' <<< "$changed"
    grep -E '^rinse:   ' "$work/$n.second.log" | sed 's/^rinse: /second run: /' || true
  fi
done
exit $status
