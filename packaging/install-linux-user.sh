#!/usr/bin/env bash
# Install baocao for the current user on a Linux desktop (no root), or remove it again:
#
#   packaging/install-linux-user.sh [APP_DIR]      install
#   packaging/install-linux-user.sh --uninstall    remove
#
# APP_DIR: a frozen build (the folder holding the `baocao` executable, e.g. dist/baocao from
# packaging/build-linux.sh); it is copied to ~/.local/lib/baocao and the menu entry starts it.
# Without APP_DIR the menu entry starts `baocao-gui` from PATH (pip install --user baocao, pipx).
#
# Installs, under ${XDG_DATA_HOME:-~/.local/share}:
#   applications/baocao.desktop                     the menu entry (opens .baocao files)
#   icons/hicolor/<N>x<N>/apps/baocao.png            the application icon
#   icons/hicolor/<N>x<N>/mimetypes/application-x-baocao-draft.png   the drafts' icon
#   mime/packages/baocao.xml                        the MIME type application/x-baocao-draft (*.baocao)
# and refreshes the MIME, desktop and icon caches when their tools are there.
# --uninstall removes exactly these (and ~/.local/lib/baocao); the user's drafts and template
# packs (~/.local/share/baocao, wherever the drafts were saved) are never touched.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DATA="${XDG_DATA_HOME:-$HOME/.local/share}"
LIB="${BAOCAO_INSTALL_LIB:-$HOME/.local/lib}/baocao"
APP_ICON="baocao"
DRAFT_ICON="application-x-baocao-draft"
SIZES="16 22 24 32 48 64 128 256"

refresh_caches() {
  if command -v update-mime-database >/dev/null 2>&1; then update-mime-database "$DATA/mime" >/dev/null 2>&1 || true; fi
  if command -v update-desktop-database >/dev/null 2>&1; then update-desktop-database -q "$DATA/applications" || true; fi
  if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$DATA/icons/hicolor/index.theme" ]; then
    gtk-update-icon-cache -q -t "$DATA/icons/hicolor" || true
  fi
}

uninstall() {
  rm -f "$DATA/applications/baocao.desktop" "$DATA/mime/packages/baocao.xml"
  for size in $SIZES; do
    rm -f "$DATA/icons/hicolor/${size}x${size}/apps/$APP_ICON.png" \
          "$DATA/icons/hicolor/${size}x${size}/mimetypes/$DRAFT_ICON.png"
  done
  rm -rf "$LIB"
  refresh_caches
  echo "baocao removed (your drafts and template packs are kept)."
}

if [ "${1:-}" = "--uninstall" ]; then uninstall; exit 0; fi
if [ "${1:-}" = "-h" ] || [ "${1:-}" = "--help" ]; then sed -n '2,19p' "$0"; exit 0; fi
[ $# -le 1 ] || { echo "usage: install-linux-user.sh [APP_DIR] | --uninstall" >&2; exit 2; }

EXEC="baocao-gui"
if [ $# -eq 1 ]; then
  SOURCE="$(cd "$1" && pwd)"
  [ -f "$SOURCE/baocao" ] && [ -x "$SOURCE/baocao" ] || { echo "install-linux-user.sh: $1 holds no baocao executable" >&2; exit 2; }
  mkdir -p "$(dirname "$LIB")"
  rm -rf "$LIB.new"
  cp -a "$SOURCE" "$LIB.new"
  rm -rf "$LIB"
  mv "$LIB.new" "$LIB"
  EXEC="$LIB/baocao"
elif ! command -v baocao-gui >/dev/null 2>&1; then
  echo "note: baocao-gui is not on PATH yet; the menu entry works once it is (pip install --user baocao)." >&2
fi

mkdir -p "$DATA/applications" "$DATA/mime/packages"
# Exec: the installed program; a path with spaces is quoted as the desktop entry spec asks.
sed "s|^Exec=.*|Exec=\"$EXEC\" %f|" "$HERE/baocao.desktop" > "$DATA/applications/baocao.desktop"
cp "$HERE/baocao-mime.xml" "$DATA/mime/packages/baocao.xml"
for size in $SIZES; do
  for kind_name in "apps/$APP_ICON" "mimetypes/$DRAFT_ICON"; do
    mkdir -p "$DATA/icons/hicolor/${size}x${size}/$(dirname "$kind_name")"
    cp "$HERE/icons/hicolor/${size}x${size}/$kind_name.png" "$DATA/icons/hicolor/${size}x${size}/$kind_name.png"
  done
done
refresh_caches
echo "baocao installed for $USER: menu entry $DATA/applications/baocao.desktop, program $EXEC"
