"""Background work (whole-report check, underlines, export) imports nothing on its own thread.

A first import on a worker thread races shiboken's import hook with the UI thread: with a draft
reopened from crash recovery the process died with SIGSEGV (see ui/thread_imports.py).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PROBE = Path(__file__).resolve().parent / "thread_imports_probe.py"


def test_workers_only_use_modules_loaded_on_the_ui_thread():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, str(PROBE)], capture_output=True, text=True, timeout=120, env=env)
    lines = done.stdout.splitlines()
    assert "exported True" in lines, done.stdout + done.stderr
    off_thread = [line for line in lines if line != "exported True"]
    assert off_thread == [], off_thread
