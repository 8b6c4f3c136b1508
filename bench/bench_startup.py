"""Cold start of the window vs a bare PySide6 window (targets, large draft: ≤ 2.0 to first paint, ≤ 2.5 to preview).

Each run is a whole new process under the offscreen platform:

* baocao: the real ``baocao FILE`` command (``baocao.cli.main([FILE])``) with
  ``BAOCAO_BENCHMARK_EXIT=window`` — QApplication, main window, the large report
  of ``large_report.py`` opened from its draft file (a fresh copy each run, so no
  lock or recovery file is left from the run before; its synthetic pack through
  ``BAOCAO_TEMPLATES``), outline and section editor filled, then quit at the same
  point as the baseline; and again with ``BAOCAO_BENCHMARK_EXIT=preview``, which
  waits until the live preview (rendered right after the first paint) is drawn.
  ``--draft sample`` opens the shipped sample as an untitled draft instead
  (``main([])``, the figure of issue 4: ≤ 2.5);
* baseline: a bare PySide6 window holding a QTreeWidget and a QTextEdit,
  shown, then quit.

Runs alternate (one warm-up each, not counted); each process gets fresh,
empty user folders so no recent file or setting changes what is opened.
Bytecode caching is on for the children (``PYTHONDONTWRITEBYTECODE`` is
dropped, the cache goes to a temporary ``PYTHONPYCACHEPREFIX``), as in an
installed app, whose .pyc files pip writes at install time; the user cache
folder (compiled Jinja templates) is kept between runs too, as on a PC where
the app has run once.

    python bench/bench_startup.py [--runs 7] [--draft large|sample] [--json]

Medians of wall time and of the children's CPU time (steadier on a loaded machine).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import large_report  # noqa: E402
from proc_timing import Sample, child_env, offscreen_platform, run_once  # noqa: E402

TARGET_RATIO = {"sample": 2.5, "large": 2.0}
TARGET_PREVIEW_RATIO = 2.5
APP_CODE = "import sys; from baocao.cli import main; sys.exit(main(sys.argv[1:]))"   # the real `baocao` command
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


CACHE_HOME = tempfile.mkdtemp(prefix="baocao-cache-")   # kept between runs, like a user's cache folder
LARGE = Path(tempfile.mkdtemp(prefix="baocao-start-large-"))


def prepare_large() -> tuple[Path, Path]:
    """The large report's draft file and pack folder (written once, copied for every run)."""
    from baocao.storage import save_draft

    packs = LARGE / "packs"
    large_report.write_pack(packs)
    draft = LARGE / "large.baocao"
    if not draft.exists():
        save_draft(large_report.build_draft(), draft)
    return draft, packs


def run_window(code: str, endpoint: str = "window", draft: Path | None = None,
               packs: Path | None = None, extra_env: dict[str, str] | None = None) -> Sample:
    """One whole process (fresh user folders, a fresh copy of *draft*): wall/CPU time and peak memory."""
    with tempfile.TemporaryDirectory(prefix="baocao-start-") as home:
        env = child_env(QT_QPA_PLATFORM=offscreen_platform(), BAOCAO_BENCHMARK_EXIT=endpoint, HOME=home,
                        XDG_CONFIG_HOME=f"{home}/config", XDG_DATA_HOME=f"{home}/data",
                        XDG_STATE_HOME=f"{home}/state", XDG_CACHE_HOME=CACHE_HOME, **(extra_env or {}))
        args = []
        if draft is not None:
            copy = Path(home) / draft.name
            shutil.copyfile(draft, copy)
            args = [str(copy)]
            env["BAOCAO_TEMPLATES"] = str(packs)
        return run_once([sys.executable, "-c", code, *args], env, cwd=home)


def _run(code: str, endpoint: str = "window") -> float:
    """Milliseconds of one run with the sample (kept for scripts that import it)."""
    return run_window(code, endpoint).wall_s * 1000


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; exit status 1 when the first-paint ratio misses its target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--draft", choices=["large", "sample"], default="large")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    draft, packs = prepare_large() if args.draft == "large" else (None, None)
    runs = {"window": [], "preview": [], "baseline": []}
    for round_ in range(1 + max(5, args.runs)):                    # round 0: warm-up, not counted
        samples = {"window": run_window(APP_CODE, "window", draft, packs),
                   "preview": run_window(APP_CODE, "preview", draft, packs),
                   "baseline": run_window(BASELINE_CODE)}
        if round_:
            for name, sample in samples.items():
                runs[name].append(sample)

    def median(name: str, attribute: str) -> float:
        return statistics.median(getattr(s, attribute) for s in runs[name]) * 1000

    result: dict = {"draft": args.draft, "runs": len(runs["window"]),
                    "target_ratio": TARGET_RATIO[args.draft], "target_preview_ratio": TARGET_PREVIEW_RATIO}
    for kind, attribute in (("wall", "wall_s"), ("cpu", "cpu_s")):
        base = median("baseline", attribute)
        result[f"baocao_{kind}_ms"] = round(median("window", attribute))
        result[f"baocao_with_preview_{kind}_ms"] = round(median("preview", attribute))
        result[f"baseline_{kind}_ms"] = round(base)
        result[f"ratio_{kind}"] = round(median("window", attribute) / base, 2)
        result[f"ratio_with_preview_{kind}"] = round(median("preview", attribute) / base, 2)
    result["baocao_median_ms"] = result["baocao_wall_ms"]            # names of the issue-4 version
    result["ratio"] = result["ratio_wall"]
    if args.json:
        print(json.dumps(result))
    else:
        what = "báo cáo lớn (mở từ tệp)" if args.draft == "large" else "bản mẫu"
        print(f"Khởi động nguội với {what}, {result['runs']} lần mỗi bên, trung vị (thời gian thực / CPU):")
        print(f"  baocao, cửa sổ hiện bản thảo (mục lục + khung soạn): "
              f"{result['baocao_wall_ms']} / {result['baocao_cpu_ms']} ms")
        print(f"  baocao, tới khi khung xem trước vẽ xong:            "
              f"{result['baocao_with_preview_wall_ms']} / {result['baocao_with_preview_cpu_ms']} ms")
        print(f"  cửa sổ PySide6 trống (QTreeWidget + QTextEdit):      "
              f"{result['baseline_wall_ms']} / {result['baseline_cpu_ms']} ms")
        print(f"  tỉ lệ {result['ratio_wall']} / {result['ratio_cpu']} (mục tiêu ≤ {TARGET_RATIO[args.draft]}); "
              f"kể cả xem trước: {result['ratio_with_preview_wall']} / {result['ratio_with_preview_cpu']} "
              f"(mục tiêu ≤ {TARGET_PREVIEW_RATIO})")
    return 0 if result["ratio_cpu"] <= TARGET_RATIO[args.draft] else 1


if __name__ == "__main__":
    sys.exit(main())
