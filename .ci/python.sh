#!/usr/bin/env bash
# CI for the Python package (python/): lints of its crate, the wheel built and
# installed by the README's own commands in a fresh virtual environment, the
# Python tests against the `rinse` binary, then a small Ray Data pipeline and
# the Spark recipe, each in a cached environment (Ray and PySpark are ~600 MB
# each: target/python-ci/{ray,spark} keep them between runs).
set -euo pipefail
cd "$(dirname "$0")/.."

started=$SECONDS
ci=target/python-ci
mkdir -p "$ci"
python=${PYTHON:-python3}

echo "== python: cargo fmt and clippy of python/"
cargo fmt --check --manifest-path python/Cargo.toml
cargo clippy --manifest-path python/Cargo.toml --all-targets -- -D warnings

echo "== python: the README's install commands, as written, in a fresh venv"
rm -rf target/venv target/wheels/rinse-*.whl
block=$(awk '/^## Python$/{s=1} s&&/^```sh$/{b=1;next} b&&/^```$/{exit} b' README.md)
[ -n "$block" ] || { echo "no sh block in the README's Python section" >&2; exit 1; }
printf '%s\n' "$block"
out=$(bash -euo pipefail -c "$block")
printf '%s\n' "$out" | tail -n 3
[ "$(printf '%s\n' "$out" | tail -n 1)" = "café" ] || {
  echo "the README's example did not print café" >&2
  exit 1
}

echo "== python: tests (API, Arrow, CLI equality, README blocks)"
cargo build --quiet --bin rinse
export RINSE_BIN="$PWD/target/debug/rinse"
target/venv/bin/pip install --quiet --disable-pip-version-check "pytest>=8"
target/venv/bin/python -m pytest python/tests -q -p no:cacheprovider

echo "== python: Ray Data pipeline (ray.init(num_cpus=2)) against the CLI"
ray_env="$ci/ray"
ray_pins=("ray[data]==2.60.0" "pyarrow==26.0.1" "pytest==9.2.0")
if [ "$(cat "$ray_env/.pins" 2>/dev/null)" != "${ray_pins[*]}" ]; then
  rm -rf "$ray_env"
  "$python" -m venv "$ray_env"
  "$ray_env/bin/pip" install --quiet --disable-pip-version-check "${ray_pins[@]}"
  echo "${ray_pins[*]}" > "$ray_env/.pins"
fi
"$ray_env/bin/pip" install --quiet --disable-pip-version-check --force-reinstall --no-deps target/wheels/rinse-*.whl
RAY_USAGE_STATS_ENABLED=0 "$ray_env/bin/python" -m pytest -q -p no:cacheprovider -p no:logging \
  python/tests/test_ray.py python/tests/test_readme.py

echo "== python: Spark recipe (mapInArrow on local[2]) against the CLI"
bash python/examples/spark_check.sh

echo "== python: done in $((SECONDS - started)) s"
