#!/usr/bin/env bash
# Makes the Python environment the mojibake quality harness runs ftfy in:
# a venv under target/quality/venv with a pinned ftfy, so that the reference
# tool's version is part of the measurement.
#
#   bash scripts/quality/mojibake-venv.sh [VENV_DIR]
#
# Prints the venv's python interpreter on its last line. Safe to run again:
# an existing venv that already imports the pinned ftfy is left as it is.
set -euo pipefail

FTFY_VERSION="6.3.1"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
venv="${1:-${CARGO_TARGET_DIR:-$root/target}/quality/venv}"
python="$venv/bin/python"

if [ -x "$python" ] && "$python" -c "import ftfy, sys; sys.exit(ftfy.__version__ != '$FTFY_VERSION')" 2>/dev/null; then
    echo "$python"
    exit 0
fi

mkdir -p "$(dirname "$venv")"
python3 -m venv "$venv" >&2
"$python" -m pip install --quiet --disable-pip-version-check "ftfy==$FTFY_VERSION" >&2
"$python" -c "import ftfy; print('ftfy', ftfy.__version__, file=__import__('sys').stderr)"
echo "$python"
