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
