#!/bin/sh
# Creates target/quality/venv with the reference encoding detectors that
# `cargo run --release --example quality -- encoding --compare` runs beside
# rinse (chardet 7 and charset-normalizer, pinned in
# encoding_requirements.txt). Safe to run again: it only installs what is
# missing.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
venv="$root/target/quality/venv"
python=${PYTHON:-python3}
if [ ! -x "$venv/bin/python" ]; then
    mkdir -p "$root/target/quality"
    "$python" -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    -r "$root/scripts/quality/encoding_requirements.txt"
"$venv/bin/python" -c 'import chardet, charset_normalizer; print("chardet", chardet.__version__, "charset-normalizer", charset_normalizer.__version__)'
