"""Shared by the packaging tests: where packaging/ is, its rules module, and the frozen build."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
FROZEN_ENV = "BAOCAO_FROZEN_DIR"
# Where .ci/run (and a developer: packaging/build-linux.sh --dist build/frozen) puts the build.
CACHED_BUILD = ROOT / "build" / "frozen" / "baocao"

if str(PACKAGING) not in sys.path:
    sys.path.insert(0, str(PACKAGING))

import bundle_rules  # noqa: E402
import wheelhouse_reqs  # noqa: E402

__all__ = ["ROOT", "PACKAGING", "bundle_rules", "wheelhouse_reqs", "frozen_dir", "iss_text", "iss_sections", "iss_defines", "iss_entry"]


def frozen_dir() -> Path:
    """The built app folder; skips when there is none (fails when BAOCAO_FROZEN_DIR names a missing one)."""
    named = os.environ.get(FROZEN_ENV)
    if named:
        folder = Path(named)
        if not (folder / bundle_rules.GUI_EXE).is_file():
            pytest.fail(f"{FROZEN_ENV}={named} holds no built app (packaging/build-linux.sh did not finish?)")
        return folder
    if (CACHED_BUILD / bundle_rules.GUI_EXE).is_file():
        return CACHED_BUILD
    pytest.skip(f"no frozen build: run `packaging/build-linux.sh --dist build/frozen` or set {FROZEN_ENV}")


def iss_text() -> str:
    """packaging/baocao.iss (UTF-8 with BOM)."""
    return (PACKAGING / "baocao.iss").read_text(encoding="utf-8-sig")


def iss_defines(text: str | None = None) -> dict[str, str]:
    """The script's ``#define NAME "value"`` lines (the preprocessor's constants)."""
    return dict(re.findall(r'#define\s+(\w+)\s+"([^"]*)"', iss_text() if text is None else text))


def iss_sections(text: str | None = None) -> dict[str, list[str]]:
    """The Inno Setup script's sections: name (lower case) → its lines, comments and blanks left out,
    with ``{#NAME}`` replaced by the value the preprocessor would put there."""
    text = iss_text() if text is None else text
    defines = iss_defines(text)
    text = re.sub(r"\{#(\w+)\}", lambda m: defines.get(m[1], m[0]), text)
    sections: dict[str, list[str]] = {}
    current = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(";"):
            continue
        match = re.fullmatch(r"\[([A-Za-z]+)\]", line)
        if match:
            current = match[1].lower()
            sections.setdefault(current, [])
        else:
            sections.setdefault(current, []).append(line)
    return sections


def iss_entry(line: str) -> dict[str, str]:
    """``Name: "x"; Filename: "{app}\\y"`` → {"name": "x", "filename": "{app}\\y"} (quotes removed)."""
    fields = {}
    for match in re.finditer(r'(\w+):\s*("(?:[^"]|"")*"|[^;]*)', line):
        value = match[2].strip()
        if value.startswith('"') and value.endswith('"'):
            value = value[1:-1].replace('""', '"')
        fields[match[1].lower()] = value
    return fields
