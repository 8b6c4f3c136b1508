"""Every figure of issue 16 from one run: runs each benchmark in turn and writes one Markdown table.

    python bench/run_all.py [--quick] [--out bench/results/KẾT-QUẢ.md]

Each benchmark is its own script (``bench_export.py``, ``bench_check_cli.py``, ``bench_startup.py``,
``bench_memory.py``, ``bench_preview.py``, ``bench_typing.py``) run with ``--json`` as a separate
process, one after the other, so no two compete for the CPU; each measures its figure as a ratio to
an anchor measured in the same script run.  The table gives the figure, the anchor, the target and
whether it is met, plus the machine's load before and after (``os.getloadavg``), so a reader can
judge how noisy the run was.  ``--quick`` uses fewer rounds (a smoke run, not for the README).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent

#: (script, arguments, arguments with --quick)
SCRIPTS = {
    "export": ("bench_export.py", ["--runs", "7"], ["--runs", "5"]),
    "check": ("bench_check_cli.py", ["--runs", "7"], ["--runs", "3"]),
    "startup": ("bench_startup.py", ["--runs", "7", "--draft", "large"], ["--runs", "3", "--draft", "large"]),
    "memory": ("bench_memory.py", ["--runs", "5"], ["--runs", "2"]),
    "preview": ("bench_preview.py", ["--runs", "15"], ["--runs", "5"]),
    "typing": ("bench_typing.py", ["--keys", "60"], ["--keys", "20"]),
}


def run_script(name: str, quick: bool) -> dict:
    """One benchmark's JSON result ({"error": …} when it could not run)."""
    script, normal, short = SCRIPTS[name]
    argv = [sys.executable, str(BENCH / script), *(short if quick else normal), "--json"]
    done = subprocess.run(argv, capture_output=True, text=True, cwd=BENCH.parent, timeout=1800)
    lines = [line for line in done.stdout.splitlines() if line.strip().startswith("{")]
    if not lines:
        return {"error": (done.stderr.strip().splitlines() or [f"exit {done.returncode}"])[-1]}
    return json.loads(lines[-1])


def _ok(value: float | None, target: float) -> str:
    if value is None:
        return "?"
    return "đạt" if value <= target else "**chưa đạt**"


def _get(result: dict, *keys):
    value = result
    for key in keys:
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value


def rows(results: dict[str, dict]) -> list[tuple[str, str, str, str]]:
    """(figure, measured, target, met) for the table."""
    e, c, s, m, p, t = (results.get(k, {}) for k in ("export", "check", "startup", "memory", "preview", "typing"))
    out = [
        ("xuất .docx báo cáo lớn / pandoc (CPU)", f"{_get(e, 'vs_pandoc_cpu')}", "≤ 0,20",
         _ok(_get(e, "vs_pandoc_cpu"), 0.20)),
        ("xuất .docx báo cáo lớn / cận dưới OOXML thô (CPU)", f"{_get(e, 'vs_raw_cpu')}", "≤ 3,0",
         _ok(_get(e, "vs_raw_cpu"), 3.0)),
        ("xuất báo cáo lớn × 4 / báo cáo lớn (CPU)", f"{_get(e, 'growth_cpu')}", "≤ 4", _ok(_get(e, "growth_cpu"), 4)),
        ("mở báo cáo lớn tới lần vẽ đầu / cửa sổ trống (thực)", f"{_get(s, 'ratio_wall')}", "≤ 2,0",
         _ok(_get(s, "ratio_wall"), 2.0)),
        ("… tới khi xem trước xong (thực)", f"{_get(s, 'ratio_with_preview_wall')}", "≤ 2,5",
         _ok(_get(s, "ratio_with_preview_wall"), 2.5)),
        ("bộ nhớ đỉnh, tiến trình cửa sổ (MiB)", f"{_get(m, 'baocao_large_peak_mib')}", "≤ 100",
         _ok(_get(m, "baocao_large_peak_mib"), 100)),
        ("bộ nhớ đỉnh, mọi tiến trình cộng lại (MiB)", f"{_get(m, 'all_processes_peak_sum_mib')}", "—", ""),
        ("`baocao check` lần lạnh / `import baocao.cli` (CPU)", f"{_get(c, 'ratio_cold_cpu')}", "≤ 1,5",
         _ok(_get(c, "ratio_cold_cpu"), 1.5)),
        ("`baocao check` tệp không đổi / `import baocao.cli` (CPU)", f"{_get(c, 'ratio_warm_cpu')}", "≤ 1,5",
         _ok(_get(c, "ratio_warm_cpu"), 1.5)),
    ]
    for kind, value in (_get(p, "median_ms") or {}).items():
        out.append((f"làm mới xem trước sau một lần sửa: {kind} (ms, thực)", f"{value}", "≤ 50", _ok(value, 50)))
    out.append(("một phím trong mục 150.000 ký tự / mục ngắn (thực)", f"{_get(t, 'ratio')}", "≤ 3",
                _ok(_get(t, "ratio"), 3)))
    out.append(("… thời gian một phím trong mục dài (ms)", f"{_get(t, 'median_ms', 'long')}", "≤ 16",
                _ok(_get(t, "median_ms", "long"), 16)))
    return out


def markdown(results: dict[str, dict], load_before: tuple, load_after: tuple, started: str) -> str:
    """The table and the conditions of the run."""
    lines = [f"# Kết quả đo issue 16 — một lần chạy `bench/run_all.py`, bắt đầu {started}", "",
             f"Máy: {platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} lõi; "
             f"tải trước {load_before[0]:.2f}, sau {load_after[0]:.2f}.", "",
             "| phép đo | kết quả | mục tiêu | |", "|---|---|---|---|"]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows(results) if b != "None"]
    errors = {k: v["error"] for k, v in results.items() if "error" in v}
    if errors:
        lines += ["", "Không chạy được: " + "; ".join(f"{k}: {v}" for k, v in errors.items())]
    lines += ["", "Số liệu thô (JSON):", "", "```json", json.dumps(results, ensure_ascii=False, indent=1), "```", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds (smoke run)")
    parser.add_argument("--only", nargs="*", choices=sorted(SCRIPTS), help="run only these benchmarks")
    parser.add_argument("--out", type=Path, help="also write the Markdown here")
    args = parser.parse_args(argv)
    started = time.strftime("%Y-%m-%d %H:%M %Z")
    load_before = os.getloadavg()
    results = {}
    for name in args.only or SCRIPTS:
        print(f"… {name}", file=sys.stderr, flush=True)
        results[name] = run_script(name, args.quick)
    text = markdown(results, load_before, os.getloadavg(), started)
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
