"""Cold start of the window vs a bare PySide6 window (target: ratio ≤ 2.5).

Each run is a whole new process under the offscreen platform:

* baocao: ``run_app([])`` with ``BAOCAO_BENCHMARK_EXIT=window`` — QApplication,
  main window, the shipped sample opened as an untitled draft (outline and
  section editor filled), then quit at the same point as the baseline; and
  again with ``BAOCAO_BENCHMARK_EXIT=preview``, which waits until the live
  preview (rendered right after the first paint) is drawn — reported beside;
* baseline: a bare PySide6 window holding a QTreeWidget and a QTextEdit,
  shown, then quit.

Runs alternate (one warm-up each, not counted); each process gets fresh,
empty user folders so no recent file or setting changes what is opened.
Bytecode caching is on for the children (``PYTHONDONTWRITEBYTECODE`` is
dropped, the cache goes to a temporary ``PYTHONPYCACHEPREFIX``), as in an
installed app, whose .pyc files pip writes at install time; the user cache
folder (compiled Jinja templates) is kept between runs too, as on a PC where
the app has run once.

    python bench/bench_startup.py [--runs 7] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

TARGET_RATIO = 2.5
APP_CODE = "import sys; from baocao.cli import main; sys.exit(main([]))"   # the real `baocao` command
BASELINE_CODE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QSplitter, QTextEdit, QTreeWidget
app = QApplication(sys.argv[:1])
window = QMainWindow()
splitter = QSplitter()
splitter.addWidget(QTreeWidget())
splitter.addWidget(QTextEdit())
window.setCentralWidget(splitter)
window.resize(1366, 768)
window.show()
QTimer.singleShot(0, app.quit)
sys.exit(app.exec())
"""


PYCACHE = tempfile.mkdtemp(prefix="baocao-pycache-")
CACHE_HOME = tempfile.mkdtemp(prefix="baocao-cache-")   # kept between runs, like a user's cache folder


def _run(code: str, endpoint: str = "window") -> float:
    with tempfile.TemporaryDirectory(prefix="baocao-start-") as home:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", BAOCAO_BENCHMARK_EXIT=endpoint, HOME=home,
                   XDG_CONFIG_HOME=f"{home}/config", XDG_DATA_HOME=f"{home}/data", XDG_STATE_HOME=f"{home}/state",
                   XDG_CACHE_HOME=CACHE_HOME, PYTHONPYCACHEPREFIX=PYCACHE)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        started = time.perf_counter()
        result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
        elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"process failed ({result.returncode}):\n{result.stderr[-2000:]}")
    return elapsed * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    _run(APP_CODE)
    _run(BASELINE_CODE)
    app_ms, preview_ms, base_ms = [], [], []
    for _ in range(max(5, args.runs)):
        app_ms.append(_run(APP_CODE, "window"))
        preview_ms.append(_run(APP_CODE, "preview"))
        base_ms.append(_run(BASELINE_CODE))
    base = statistics.median(base_ms)
    result = {"runs": len(app_ms), "baocao_median_ms": round(statistics.median(app_ms)),
              "baocao_with_preview_median_ms": round(statistics.median(preview_ms)),
              "baseline_median_ms": round(base),
              "ratio": round(statistics.median(app_ms) / base, 2),
              "ratio_with_preview": round(statistics.median(preview_ms) / base, 2), "target_ratio": TARGET_RATIO}
    if args.json:
        print(json.dumps(result))
    else:
        print(f"Khởi động nguội ({result['runs']} lần mỗi bên, trung vị):")
        print(f"  baocao, cửa sổ hiện bản mẫu (mục lục + khung soạn): {result['baocao_median_ms']} ms")
        print(f"  baocao, tới khi khung xem trước vẽ xong:            {result['baocao_with_preview_median_ms']} ms")
        print(f"  cửa sổ PySide6 trống (QTreeWidget + QTextEdit):      {result['baseline_median_ms']} ms")
        print(f"  tỉ lệ {result['ratio']} (mục tiêu ≤ {TARGET_RATIO}); kể cả xem trước: {result['ratio_with_preview']}")
    return 0 if result["ratio"] <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
