"""run_app as a whole process: starts on the sample, shows the first preview, quits cleanly."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

pytest.importorskip("PySide6")


def _run(tmp_path, *args: str, extra_env: dict | None = None):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", BAOCAO_BENCHMARK_EXIT="preview",
               XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path / "data"),
               XDG_STATE_HOME=str(tmp_path / "state"), XDG_CACHE_HOME=str(tmp_path / "cache"), **(extra_env or {}))
    code = ("import sys; from baocao.ui.app import run_app; from baocao.ui import main_window as m;"
            "orig = m.MainWindow._update_title\n"
            "def trace(self):\n"
            "    orig(self); print('OPENED', self.windowTitle(), flush=True)\n"
            "m.MainWindow._update_title = trace\n"
            f"sys.exit(run_app({list(args)!r}))")
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)


def test_starts_on_the_sample_and_quits(tmp_path):
    result = _run(tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "OPENED Bản thảo mẫu (Đắk Nông, 2021 — ví dụ lịch sử)" in result.stdout   # the sample says it is historical
    assert "Traceback" not in result.stderr


def test_opens_the_given_file(tmp_path, sample_draft):
    from baocao.storage import save_draft

    path = tmp_path / "mo-ngay.baocao"
    save_draft(sample_draft, path)
    result = _run(tmp_path, str(path))
    assert result.returncode == 0, result.stderr[-2000:]
    assert "OPENED mo-ngay.baocao" in result.stdout
