#!/usr/bin/env bash
# The Spark recipe, checked: a cached venv with PySpark (~600 MB, in
# target/python-ci/spark), Java 17 installed if missing, the wheel built, then
# python/tests/test_spark.py (mapInArrow on local[2], equal to the CLI) and the
# README's Spark block. Prints the time it took.
#   bash python/examples/spark_check.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
started=$SECONDS
python=${PYTHON:-python3}

if ! command -v java >/dev/null; then
  apt-get update -qq && apt-get install -y -qq openjdk-17-jre-headless
fi

env=target/python-ci/spark
pins=("pyspark==4.3.0" "pyarrow==26.0.1" "pandas==3.1.1" "pytest==9.2.0")
if [ "$(cat "$env/.pins" 2>/dev/null)" != "${pins[*]}" ]; then
  rm -rf "$env"
  "$python" -m venv "$env"
  "$env/bin/pip" install --quiet --disable-pip-version-check "${pins[@]}" maturin==1.16.0
  echo "${pins[*]}" > "$env/.pins"
fi
echo "== spark: venv ready after $((SECONDS - started)) s"

rm -f target/wheels/rinse-*.whl
"$env/bin/maturin" build --release -m python/Cargo.toml --out target/wheels
"$env/bin/pip" install --quiet --disable-pip-version-check --force-reinstall --no-deps target/wheels/rinse-*.whl
cargo build --quiet --bin rinse
echo "== spark: wheel and CLI ready after $((SECONDS - started)) s"

# The README's JSON Lines block writes the file its Spark block reads.
RINSE_BIN="$PWD/target/debug/rinse" "$env/bin/python" -m pytest -q -p no:cacheprovider \
  python/tests/test_spark.py python/tests/test_readme.py
echo "== spark: done in $((SECONDS - started)) s"
