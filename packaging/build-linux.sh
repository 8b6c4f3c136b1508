#!/usr/bin/env bash
# Build the one-folder Linux app with PyInstaller, from a clean clone:
#
#   packaging/build-linux.sh [--python PYTHON] [--venv DIR] [--dist DIR] [--clean]
#
#   --python  the interpreter to build with (default: $BAOCAO_BUILD_PYTHON, else the first of
#             python3.13, python3.12, python3 on PATH). Release builds use Python >= 3.12, where
#             PySide6 6.12's QVariant refcount fault cannot occur; on 3.11 pyproject.toml pins
#             PySide6 < 6.12 and the script refuses a 3.11 with PySide6 6.12 or later.
#   --venv    the build virtual environment, created when missing (default: build/pkgenv)
#   --dist    where the app folder goes (default: dist/; the app is DIST/baocao/)
#   --clean   empty PyInstaller's cache and work folder first
#
# The runtime dependencies come from pyproject.toml's [project] dependencies (the project itself
# is not installed: the spec reads desktop/ directly). Prints the version, the folder and its size.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${BAOCAO_BUILD_PYTHON:-}"
VENV="$ROOT/build/pkgenv"
DIST="$ROOT/dist"
CLEAN=""
PYINSTALLER_REQ="pyinstaller>=6.10,<7"

die() { echo "build-linux.sh: $*" >&2; exit 2; }

while [ $# -gt 0 ]; do
  case "$1" in
    --python) PYTHON="${2:?--python needs a value}"; shift 2 ;;
    --venv) VENV="${2:?--venv needs a value}"; shift 2 ;;
    --dist) DIST="${2:?--dist needs a value}"; shift 2 ;;
    --clean) CLEAN="--clean"; shift ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done

if [ ! -x "$VENV/bin/python" ]; then
  if [ -z "$PYTHON" ]; then
    # python3 last: a 3.11 there is accepted too, with the PySide6 < 6.12 that pyproject.toml pins for it
    for candidate in python3.13 python3.12 python3; do
      if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c "" >/dev/null 2>&1; then
        PYTHON="$candidate"; break
      fi
    done
  fi
  [ -n "$PYTHON" ] || die "no Python found; pass --python /path/to/python3.12"
  echo "== creating the build environment $VENV ($("$PYTHON" -V))"
  "$PYTHON" -m venv "$VENV"
  "$VENV/bin/python" -m pip install --quiet --upgrade pip
fi
PY="$VENV/bin/python"

echo "== installing the runtime dependencies and PyInstaller"
"$PY" - "$ROOT/pyproject.toml" > "$VENV/requirements-runtime.txt" <<'EOF'
import sys, tomllib
with open(sys.argv[1], "rb") as handle:
    print("\n".join(tomllib.load(handle)["project"]["dependencies"]))
EOF
"$PY" -m pip install --quiet -r "$VENV/requirements-runtime.txt" "$PYINSTALLER_REQ"

# The QVariant refcount fault: PySide6 6.12 on Python < 3.12 aborts the window after ~100 keystrokes.
"$PY" - <<'EOF' || exit 2
import sys
from importlib.metadata import version
pyside = version("PySide6-Essentials")
major, minor = (int(x) for x in pyside.split(".")[:2])
if sys.version_info < (3, 12) and (major, minor) >= (6, 12):
    sys.exit(f"build-linux.sh: PySide6 {pyside} on Python {sys.version.split()[0]} has the QVariant "
             "refcount fault; build with Python >= 3.12 or PySide6 < 6.12")
print(f"== Python {sys.version.split()[0]}, PySide6 {pyside}")
EOF

VERSION="$("$PY" -c 'import sys, tomllib; print(tomllib.load(open(sys.argv[1], "rb"))["project"]["version"])' "$ROOT/pyproject.toml")"
WORK="$ROOT/build/pyinstaller"
echo "== building baocao $VERSION"
started=$(date +%s)
(cd "$ROOT" && "$PY" -m PyInstaller --noconfirm $CLEAN --log-level WARN \
    --distpath "$DIST" --workpath "$WORK" packaging/baocao.spec)
elapsed=$(( $(date +%s) - started ))

APP="$DIST/baocao"
reported="$("$APP/baocao" --version)"
[ "$reported" = "baocao $VERSION" ] || die "the built app reports '$reported', pyproject.toml says $VERSION"
echo "$VERSION" > "$APP/VERSION"
echo "== built $reported in ${elapsed}s"
echo "folder: $APP"
echo "size:   $(du -sh "$APP" | cut -f1) ($(du -sb "$APP" | cut -f1) bytes)"
