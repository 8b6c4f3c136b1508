"""``baocao check`` of the large report, whole process, against ``python -c "import baocao.cli"`` (target ≤ 1.5).

    python bench/bench_check_cli.py [--runs 7] [--json] [--instructions]

The anchor is the cost of starting Python and loading the command-line module; the ratio says
how much more a whole check of the large report of ``large_report.py`` (draft file +
synthetic pack: reading the file, loading the pack, rendering it once for template errors,
every rule over 36,000 words) costs on top.  Both run interleaved as separate processes
(one uncounted warm-up round, bytecode cached as in an installed app); medians of wall and
CPU time, and with ``--instructions`` one valgrind count each.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import large_report  # noqa: E402
from proc_timing import child_env, instructions, interleaved, ratio  # noqa: E402

TARGET_RATIO = 1.5


def commands(folder: Path) -> dict[str, tuple[list[str], dict[str, str]]]:
    """The check and its anchor."""
    from baocao.storage import save_draft

    packs = folder / "packs"
    large_report.write_pack(packs)
    draft = folder / "large.baocao"
    save_draft(large_report.build_draft(), draft)
    env = child_env(BAOCAO_TEMPLATES=str(packs))
    return {"check": ([sys.executable, "-m", "baocao", "check", str(draft)], env),
            "import_cli": ([sys.executable, "-c", "import baocao.cli"], env)}


def run(runs: int, count_instructions: bool = False) -> dict:
    """Measure both, interleaved; medians and ratios."""
    with tempfile.TemporaryDirectory(prefix="baocao-check-") as tmp:
        measured = commands(Path(tmp))
        # exit status 1 = findings (the large report has some): run_once only refuses 2 and above
        series = interleaved(measured, runs, cwd=tmp, ok_status=(0, 1))
        result: dict = {"runs": runs, "target_ratio": TARGET_RATIO}
        for name, s in series.items():
            result[f"{name}_wall_s"], result[f"{name}_cpu_s"] = round(s.wall(), 4), round(s.cpu(), 4)
        result["ratio_wall"] = ratio(result["check_wall_s"], result["import_cli_wall_s"])
        result["ratio_cpu"] = ratio(result["check_cpu_s"], result["import_cli_cpu_s"])
        if count_instructions:
            counts = {name: instructions(argv, env, tmp) for name, (argv, env) in measured.items()}
            if all(counts.values()):
                result["instructions"] = counts
                result["ratio_instructions"] = ratio(counts["check"], counts["import_cli"])
    return result


def main(argv: list[str] | None = None) -> int:
    """Run and print (or --json)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--instructions", action="store_true", help="also count instructions once (valgrind)")
    args = parser.parse_args(argv)
    result = run(max(5, args.runs), args.instructions)
    if args.json:
        print(json.dumps(result))
    else:
        print(f"baocao check (báo cáo lớn), cả tiến trình, trung vị {result['runs']} lần (thực / CPU):")
        print(f"  baocao check:               {result['check_wall_s'] * 1000:6.0f} / {result['check_cpu_s'] * 1000:6.0f} ms")
        print(f"  python -c 'import baocao.cli': {result['import_cli_wall_s'] * 1000:4.0f} / "
              f"{result['import_cli_cpu_s'] * 1000:6.0f} ms")
        extra = f", lệnh máy {result['ratio_instructions']}" if "ratio_instructions" in result else ""
        print(f"  tỉ lệ thực {result['ratio_wall']}, CPU {result['ratio_cpu']}{extra} (mục tiêu ≤ {TARGET_RATIO})")
    return 0 if result["ratio_cpu"] <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
