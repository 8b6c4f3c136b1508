"""Helpers shared by test modules (import as ``from helpers import …``)."""

from __future__ import annotations

import os
from pathlib import Path


def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None):
    """Run ``python -m baocao`` as a separate process and return the CompletedProcess."""
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "baocao", *args], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=120)


def flatten(nested):
    """Every string in docx2python's nested lists (tables → rows → cells → paragraphs), in order."""
    if isinstance(nested, str):
        yield nested
    else:
        for item in nested:
            yield from flatten(item)


def word_number_as_label(text: str) -> str:
    """docx2python's rendering of Word numbering ("\\tI)\\t…", "\\t\\t1)\\t…") as our labels ("I. …").

    docx2python prints a numbered paragraph as tabs (one per list level), the
    number and ")" and a tab; the DOCX writer numbers Roman/Arabic headings
    with real Word numbering whose label is "I." / "1."; a literal level in the
    list ("Phần thứ nhất", numFmt none) comes out as docx2python's bullet "--".
    """
    import re

    text = re.sub(r"(?m)^\t*([IVXLCDM]+|\d+)\)\t", r"\1. ", text)
    return re.sub(r"(?m)^\t*--\t", "", text)

