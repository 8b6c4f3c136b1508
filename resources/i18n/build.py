"""Rebuild the Vietnamese Qt catalogue: ``qtbase_vi.ts`` → ``qtbase_vi.qm``.

Qt ships no Vietnamese translation of its own widgets (context menus of the
editors, file and print dialogs, standard buttons), so baocao carries one.  Edit the
``.ts`` (Qt Linguist or any text editor), then run from the repository root::

    python resources/i18n/build.py

and commit both files: the ``.qm`` is what the application loads.
``tests/test_i18n.py`` fails when the ``.qm`` is older than the ``.ts``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "qtbase_vi.ts"
TARGET = HERE / "qtbase_vi.qm"


def find_lrelease() -> str | None:
    """The path of Qt's ``lrelease`` (the one PySide6 bundles first), or None."""
    try:
        import PySide6
    except ImportError:
        bundled: list[Path] = []
    else:
        folder = Path(PySide6.__file__).resolve().parent
        bundled = [folder / "lrelease.exe", folder / "lrelease", folder / "Qt" / "libexec" / "lrelease"]
    for candidate in bundled:
        if candidate.is_file():
            return str(candidate)
    beside_python = Path(sys.executable).parent
    for name in ("pyside6-lrelease", "lrelease-qt6", "lrelease"):
        found = shutil.which(name) or shutil.which(name, path=str(beside_python))
        if found:
            return found
    return None


def build(source: Path = SOURCE, target: Path = TARGET) -> None:
    """Compile *source* (.ts) into *target* (.qm); raises RuntimeError when that fails."""
    tool = find_lrelease()
    if tool is None:
        raise RuntimeError("lrelease not found: install PySide6 (pip install PySide6-Essentials)")
    result = subprocess.run([tool, "-silent", str(source), "-qm", str(target)], capture_output=True, text=True)
    if result.returncode != 0 or not target.is_file():
        raise RuntimeError(f"lrelease failed ({result.returncode}): {result.stdout}{result.stderr}")


if __name__ == "__main__":
    build()
    print(f"{TARGET.name}: {TARGET.stat().st_size} bytes")
