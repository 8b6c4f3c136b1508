"""What each command loads (issue 16 item 3): nothing it does not use.

Each case runs the real ``baocao.cli.main`` in a fresh interpreter and lists the modules loaded
by the time it returns.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from baocao.samples import sample_path

DESKTOP = Path(__file__).resolve().parents[1] / "desktop"
CODE = """
import contextlib, io, json, sys
from baocao.cli import main
out = io.StringIO()
with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
    try:
        status = main(sys.argv[1:])
    except SystemExit as exc:
        status = exc.code
print(json.dumps({"status": status, "out": out.getvalue(), "modules": sorted(sys.modules)}))
"""


def loaded(*args: str) -> dict:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(DESKTOP), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, "-c", CODE, *args], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def test_version_loads_almost_nothing():
    result = loaded("--version")
    assert result["status"] == 0
    assert result["out"].strip().startswith("baocao ")
    ours = [m for m in result["modules"] if m.startswith("baocao")]
    assert set(ours) <= {"baocao", "baocao.cli", "baocao.constants", "baocao.errors"}, ours
    for heavy in ("jinja2", "lxml", "babel", "PySide6", "sqlite3", "tomllib", "argparse"):
        assert heavy not in result["modules"], heavy


def test_version_text_is_the_parsers():
    """The fast answer says what argparse's --version action said."""
    from baocao import __version__
    from baocao.cli import build_parser

    parser = build_parser()
    action = next(a for a in parser._actions if "--version" in a.option_strings)
    assert loaded("--version")["out"].strip() == action.version == f"baocao {__version__}"


@pytest.mark.parametrize("command", ["check", "export"])
def test_no_babel_and_no_qt(tmp_path, command):
    args = [command, str(sample_path())]
    if command == "export":
        args += ["-o", str(tmp_path / "x.docx"), "--incomplete"]
    result = loaded(*args)
    assert result["status"] in (0, 1)
    assert "babel" not in result["modules"] and "babel.numbers" not in result["modules"]
    assert not any(m.startswith("PySide6") for m in result["modules"])
    if command == "check":     # checking renders the draft (Jinja) but writes no .docx
        assert not any(m.startswith("baocao.writers") for m in result["modules"])
        assert "lxml.etree" not in result["modules"]
