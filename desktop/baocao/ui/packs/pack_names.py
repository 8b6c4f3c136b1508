"""Display names of packs in the template manager: a copy's distinct name, and renaming a pack's manifest.

A copy is named «<tên> (bản sao)», then «<tên> (bản sao 2)», «(bản sao 3)» … — the first of these no
other pack uses; copying a copy numbers from the original name («A (bản sao)» → «A (bản sao 2)»).
The name is the ``name`` key of the manifest's ``[pack]`` table, written with tomlkit so every other
line of the manifest stays as it was.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import tomlkit

from ...errors import TemplateError
from ...fsutil import write_text_atomic
from ...template.manifest import MANIFEST_NAME
from . import strings as S

#: The suffix a copied name may already carry: «(bản sao)», «(bản sao 3)», «(bản của đơn vị)».
_COPY_SUFFIX = re.compile(r"\s*\((?:bản sao(?:\s+\d+)?|bản của đơn vị)\)\s*$")
#: Longest pack name accepted (it is one line of the manager's list).
MAX_NAME_LENGTH = 120


def original_name(name: str) -> str:
    """*name* without the copy suffixes it carries («A (bản sao 2)» → «A»)."""
    base = name.strip()
    while True:
        stripped = _COPY_SUFFIX.sub("", base)
        if stripped == base or not stripped:
            return base
        base = stripped


def copy_name(name: str, taken: Iterable[str]) -> str:
    """The first «<tên> (bản sao)», «<tên> (bản sao 2)» … that is not among *taken* (compared without case)."""
    used = {n.strip().casefold() for n in taken}
    base = original_name(name)
    candidate = S.COPY_NAME_FIRST.format(name=base)
    number = 2
    while candidate.casefold() in used:
        candidate = S.COPY_NAME_N.format(name=base, n=number)
        number += 1
    return candidate


def name_problem(name: str, taken: Iterable[str]) -> str | None:
    """Why *name* cannot be a pack's name (Vietnamese, saying what to do), or None when it can."""
    text = name.strip()
    if not text:
        return S.NAME_EMPTY
    if "\n" in text or len(text) > MAX_NAME_LENGTH:
        return S.NAME_TOO_LONG.format(limit=MAX_NAME_LENGTH)
    if text.casefold() in {n.strip().casefold() for n in taken}:
        return S.NAME_TAKEN.format(name=text)
    return None


def renamed_manifest(text: str, name: str) -> str:
    """Manifest *text* with ``[pack] name`` set to *name* (every other line kept)."""
    try:
        doc = tomlkit.parse(text)
    except Exception as exc:  # noqa: BLE001 - tomlkit's parse errors have no common base worth naming
        raise TemplateError(S.NAME_MANIFEST_BROKEN, S.NAME_MANIFEST_BROKEN_HINT) from exc
    if "pack" not in doc:
        doc["pack"] = tomlkit.table()
    doc["pack"]["name"] = name.strip()
    return tomlkit.dumps(doc)


def write_name(root: Path, name: str) -> None:
    """Set the name in the manifest of the pack folder *root* (a fresh copy: written in place)."""
    path = root / MANIFEST_NAME
    write_text_atomic(path, renamed_manifest(path.read_text(encoding="utf-8"), name))
