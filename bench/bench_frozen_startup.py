"""Cold start of the frozen app (PyInstaller folder) vs the pip-installed app, as a ratio.

Measured as bench/bench_startup.py measures the window: a whole new process under the
offscreen platform, ``BAOCAO_BENCHMARK_EXIT=window`` (quit as soon as the section editor has
been painted with the shipped sample: time to first paint) and ``…=preview`` (quit once the
live preview is drawn), fresh empty user folders for each run, the user cache folder (compiled
Jinja templates) kept between runs as on a PC where the app has run once. Runs alternate
(one warm-up each, not counted); medians of ≥ 5 runs.

* frozen: ``DIST/baocao/baocao`` (packaging/build-linux.sh);
* installed: the ``baocao`` command of a virtual environment where the app was pip-installed
  (e.g. from the offline wheelhouse) — use the same Python and PySide6 as the build for a fair
  comparison.

    python bench/bench_frozen_startup.py --frozen build/frozen/baocao --installed /path/venv/bin/baocao
        [--runs 7] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from proc_timing import offscreen_platform

ROOT = Path(__file__).resolve().parent.parent
CACHE_HOME = tempfile.mkdtemp(prefix="baocao-cache-")    # kept between runs, like a user's cache folder
PYCACHE = tempfile.mkdtemp(prefix="baocao-pycache-")


def run_once(command: list[str], endpoint: str) -> float:
    """Milliseconds from starting *command* to its exit at *endpoint* (window / preview)."""
    with tempfile.TemporaryDirectory(prefix="baocao-start-") as home:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "BAOCAO_"))}
        env.update(QT_QPA_PLATFORM=offscreen_platform(), BAOCAO_BENCHMARK_EXIT=endpoint, HOME=home,
                   XDG_CONFIG_HOME=f"{home}/config", XDG_DATA_HOME=f"{home}/data", XDG_STATE_HOME=f"{home}/state",
                   XDG_CACHE_HOME=CACHE_HOME, PYTHONPYCACHEPREFIX=PYCACHE)
        started = time.perf_counter()
        result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=180)
        elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"{command[0]} failed ({result.returncode}):\n{result.stderr[-2000:]}")
    return elapsed * 1000


def measure(frozen: list[str], installed: list[str], runs: int) -> dict:
    """Alternating runs of both; medians and ratios (frozen / installed)."""
    for command in (frozen, installed):
        run_once(command, "window")                      # warm-up: page cache, Jinja cache
    times: dict[str, list[float]] = {"frozen_window": [], "installed_window": [],
                                     "frozen_preview": [], "installed_preview": []}
    for _ in range(max(5, runs)):
        for name, command in (("frozen", frozen), ("installed", installed)):
            times[f"{name}_window"].append(run_once(command, "window"))
            times[f"{name}_preview"].append(run_once(command, "preview"))
    medians = {f"{key}_median_ms": round(statistics.median(values)) for key, values in times.items()}
    return {"runs": len(times["frozen_window"]), **medians,
            "ratio_window": round(statistics.median(times["frozen_window"]) / statistics.median(times["installed_window"]), 2),
            "ratio_preview": round(statistics.median(times["frozen_preview"]) / statistics.median(times["installed_preview"]), 2)}


def main(argv: list[str] | None = None) -> int:
    """Print the comparison (Vietnamese text, or JSON)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frozen", type=Path, default=ROOT / "build" / "frozen" / "baocao",
                        help="the built app folder (holding the baocao executable)")
    parser.add_argument("--installed", default=shutil.which("baocao"),
                        help="the baocao command of a pip-installed app (default: baocao on PATH)")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    frozen = args.frozen / "baocao"
    if not frozen.is_file():
        parser.error(f"no frozen app at {args.frozen} (packaging/build-linux.sh --dist …)")
    if not args.installed or not Path(args.installed).is_file():
        parser.error("no pip-installed baocao: pass --installed /path/to/venv/bin/baocao")
    result = measure([str(frozen)], [args.installed], args.runs)
    result["frozen_size_mb"] = round(sum(p.lstat().st_size for p in args.frozen.rglob("*")
                                         if p.is_file() and not p.is_symlink()) / 2**20)   # as du counts
    if args.json:
        print(json.dumps(result))
    else:
        print(f"Khởi động nguội ({result['runs']} lần mỗi bên, trung vị):")
        print(f"  bản đóng gói, tới lần vẽ đầu:     {result['frozen_window_median_ms']} ms")
        print(f"  bản cài bằng pip, tới lần vẽ đầu: {result['installed_window_median_ms']} ms")
        print(f"  tỉ lệ đóng gói / pip: {result['ratio_window']} (kể cả xem trước: {result['ratio_preview']}; "
              f"{result['frozen_preview_median_ms']} ms / {result['installed_preview_median_ms']} ms)")
        print(f"  thư mục đóng gói: {result['frozen_size_mb']} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
