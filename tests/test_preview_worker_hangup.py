"""The preview process ends quietly when the window goes away under it (no traceback on the terminal)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

CODE = """
import os, sys, time
from baocao.render.early_preview import start_early_preview
start_early_preview(sys.argv[1])
time.sleep(0.05)
os._exit(0)          # the window process dies (a crash, or Qt failing to start) while the preview starts
"""


def test_a_window_that_dies_at_start_leaves_no_traceback(tmp_path):
    from baocao.samples import load_sample
    from baocao.storage import save_draft

    draft = tmp_path / "mau.baocao"
    save_draft(load_sample(), draft)
    root = Path(__file__).resolve().parents[1] / "desktop"
    run = subprocess.run([sys.executable, "-c", CODE, str(draft)], capture_output=True, text=True, timeout=60,
                         env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})

    assert run.returncode == 0
    stderr = run.stderr
    assert "Traceback" not in stderr and "BrokenPipeError" not in stderr, stderr
