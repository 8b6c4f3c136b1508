"""Peak memory of the window with the large draft open (target ≤ 100 MiB), beside a bare PySide6 window.

    python bench/bench_memory.py [--runs 5] [--json] [--top 15]

Each run is the real ``baocao FILE`` command under the offscreen platform, opening a fresh copy
of the large report of ``large_report.py`` and quitting once its first preview is drawn and its
first whole-draft check is in (``BAOCAO_BENCHMARK_EXIT=settled``: draft, outline, editor, rooms,
checks and preview all loaded);
its peak resident set size (``ru_maxrss`` from ``os.wait4``) is compared with the same figure
of a bare PySide6 window (QTreeWidget + QTextEdit) measured in the same, interleaved run.
Medians of ``--runs`` runs.  ``--top N`` also lists, from one in-process run under
``tracemalloc``, the N source lines holding the most Python memory once the draft is open
(what to look at when the figure grows).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_startup import APP_CODE, BASELINE_CODE, prepare_large, run_window  # noqa: E402
from proc_timing import child_env, offscreen_platform  # noqa: E402

TARGET_MIB = 100

TRACE_CODE = """
import os, sys, tracemalloc
tracemalloc.start(1)
from PySide6.QtCore import QTimer
from baocao.ui.app import create_application
from baocao.ui.main_window import MainWindow
app = create_application()
window = MainWindow()
window.show()
window.controller.open_path(sys.argv[1], ask=False)
def report():
    snapshot = tracemalloc.take_snapshot().filter_traces([tracemalloc.Filter(False, tracemalloc.__file__)])
    stats = snapshot.statistics("lineno")
    total = sum(s.size for s in stats)
    print(f"python heap held: {total / 2**20:.1f} MiB (tracemalloc)")
    for stat in stats[:int(os.environ["TOP"])]:
        frame = stat.traceback[0]
        print(f"  {stat.size / 2**20:6.2f} MiB {stat.count:7d} blocks  {frame.filename}:{frame.lineno}")
    app.quit()
window.preview.rendered.connect(lambda _ms: QTimer.singleShot(200, report))
QTimer.singleShot(20000, report)
app.exec()
os._exit(0)
"""


def _processes(report_path: Path) -> tuple[float, float, float]:
    """(window, preview process, resource tracker) peaks in MiB from the app's memory report (0: none)."""
    report = json.loads(report_path.read_text(encoding="utf-8"))
    children = report["children"]
    preview = sum(v for k, v in children.items() if k.startswith("preview:"))
    tracker = sum(v for k, v in children.items() if k.startswith("resource_tracker:"))
    return report["window"] / 1024, preview / 1024, tracker / 1024


def measure(runs: int) -> dict:
    """Interleaved runs of the window with the large draft and of the bare window: peak memory medians.

    ``ru_maxrss`` of the waited-for process is the larger of its own peak and its reaped children's
    (the preview process is stopped and reaped at quit), never their sum; so the window's own peak
    and the preview process's are read separately (``VmHWM``, written by the app just before it
    quits: ``BAOCAO_BENCHMARK_MEMORY``) and reported with their sum.
    """
    import tempfile

    draft, packs = prepare_large()
    ours, bare, window, preview, tracker = [], [], [], [], []
    with tempfile.TemporaryDirectory(prefix="baocao-mem-report-") as folder:
        report = Path(folder) / "memory.json"
        extra = {"BAOCAO_BENCHMARK_MEMORY": str(report)}
        run_window(APP_CODE, "settled", draft, packs, extra)             # warm-up (bytecode, caches)
        for _ in range(runs):
            ours.append(run_window(APP_CODE, "settled", draft, packs, extra).max_rss_kib / 1024)
            own, child, helper = _processes(report)
            window.append(own)
            preview.append(child)
            tracker.append(helper)
            bare.append(run_window(BASELINE_CODE).max_rss_kib / 1024)
    median, base = statistics.median(ours), statistics.median(bare)
    own, child, helper = statistics.median(window), statistics.median(preview), statistics.median(tracker)
    return {"runs": runs, "baocao_large_peak_mib": round(median, 1), "bare_window_peak_mib": round(base, 1),
            "window_process_peak_mib": round(own, 1), "preview_process_peak_mib": round(child, 1),
            "resource_tracker_peak_mib": round(helper, 1),
            "all_processes_peak_sum_mib": round(own + child + helper, 1),
            "above_bare_mib": round(median - base, 1), "ratio": round(median / base, 2), "target_mib": TARGET_MIB}


def trace(top: int) -> str:
    """Where the Python memory is, once the large draft is open (one in-process tracemalloc run)."""
    import tempfile

    draft, packs = prepare_large()
    with tempfile.TemporaryDirectory(prefix="baocao-mem-") as home:
        copy = Path(home) / draft.name
        copy.write_bytes(draft.read_bytes())
        env = child_env(QT_QPA_PLATFORM=offscreen_platform(), HOME=home, XDG_CONFIG_HOME=f"{home}/c",
                        XDG_DATA_HOME=f"{home}/d", XDG_STATE_HOME=f"{home}/s", XDG_CACHE_HOME=f"{home}/k",
                        BAOCAO_TEMPLATES=str(packs), TOP=str(top))
        done = subprocess.run([sys.executable, "-c", TRACE_CODE, str(copy)], env=env, capture_output=True,
                              text=True, timeout=300, cwd=home)
    return done.stdout or done.stderr[-2000:]


def main(argv: list[str] | None = None) -> int:
    """Measure and print; exit status 1 when the median peak is above the target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--top", type=int, default=0, help="also list the N lines holding most Python memory")
    args = parser.parse_args(argv)
    result = measure(max(3, args.runs))
    if args.json:
        print(json.dumps(result))
    else:
        print(f"Bộ nhớ đỉnh (RSS), trung vị {result['runs']} lần:")
        print(f"  baocao, báo cáo lớn đã mở và xem trước xong: {result['baocao_large_peak_mib']} MiB "
              f"(mục tiêu ≤ {TARGET_MIB} MiB)")
        print(f"  cửa sổ PySide6 trống:                        {result['bare_window_peak_mib']} MiB "
              f"(baocao nhiều hơn {result['above_bare_mib']} MiB, gấp {result['ratio']})")
        print(f"  riêng từng tiến trình (VmHWM): cửa sổ {result['window_process_peak_mib']} MiB, "
              f"tiến trình xem trước {result['preview_process_peak_mib']} MiB, "
              f"resource_tracker {result['resource_tracker_peak_mib']} MiB — "
              f"cộng lại {result['all_processes_peak_sum_mib']} MiB")
    if args.top:
        print(trace(args.top), end="")
    return 0 if result["baocao_large_peak_mib"] <= TARGET_MIB else 1


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", offscreen_platform())
    sys.exit(main())
