#!/usr/bin/env bash
# Collect every wheel baocao needs on a machine without internet:
#
#   packaging/wheelhouse.sh PLATFORM PYVER [OUT_DIR]
#
#   PLATFORM  linux (x86_64, manylinux) or windows (win_amd64)
#   PYVER     the target's Python, e.g. 3.12 (3.11 gets PySide6 < 6.12: the QVariant refcount fault)
#   OUT_DIR   default: dist/wheelhouse-PLATFORM-pyPYVER
#
# Downloads the runtime dependencies of pyproject.toml as wheels for that target
# (pip download --only-binary=:all: --platform … --python-version …, markers evaluated for the
# target) and builds baocao's own wheel. On the target, with only the folder (USB stick, share):
#
#   python -m venv baocao-env
#   baocao-env/bin/pip install --no-index --find-links OUT_DIR baocao        (Linux)
#   baocao-env\Scripts\pip install --no-index --find-links OUT_DIR baocao    (Windows)
#
# PYTHON (default python3) runs pip here; the wheelhouse's requirements are in OUT_DIR/requirements.txt.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PY="${PYTHON:-python3}"
usage() { echo "usage: packaging/wheelhouse.sh PLATFORM PYVER [OUT_DIR]" >&2; sed -n '4,7p' "$0" >&2; exit 2; }
[ $# -ge 2 ] && [ $# -le 3 ] || usage
PLATFORM="$1"
PYVER="$2"

REQS="$("$PY" "$ROOT/packaging/wheelhouse_reqs.py" "$PLATFORM" "$PYVER")" || exit 2
mapfile -t PIP_ARGS < <("$PY" "$ROOT/packaging/wheelhouse_reqs.py" "$PLATFORM" "$PYVER" --pip-args)
OUT="${3:-$ROOT/dist/wheelhouse-$PLATFORM-py$PYVER}"
mkdir -p "$OUT"
printf '%s\n' "$REQS" > "$OUT/requirements.txt"

echo "== wheels for $PLATFORM, Python $PYVER → $OUT"
printf '   %s\n' $REQS
"$PY" -m pip download --quiet --disable-pip-version-check --dest "$OUT" "${PIP_ARGS[@]}" -r "$OUT/requirements.txt"

echo "== baocao's own wheel"
rm -f "$OUT"/baocao-*.whl
"$PY" -m pip wheel --quiet --disable-pip-version-check --no-deps --wheel-dir "$OUT" "$ROOT"

count=$(find "$OUT" -maxdepth 1 -name '*.whl' | wc -l)
echo "== $count wheels, $(du -sh "$OUT" | cut -f1) in $OUT"
ls "$OUT"
