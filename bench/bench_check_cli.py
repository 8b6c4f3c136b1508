"""``baocao check`` of the large report, whole process, against ``python -c "import baocao.cli"`` (target ≤ 1.5).

    python bench/bench_check_cli.py [--runs 7] [--json] [--instructions] [--stages]

The anchor is the cost of starting Python and loading the command-line module; the ratio says
how much more a whole check of the large report of ``large_report.py`` (draft file +
synthetic pack: reading the file, loading the pack, rendering it for template errors, every
rule over 36,000 words) costs on top.  ``baocao check`` keeps what it learnt in the user cache
folder (``checks.result_cache``, ``unit_cache``, ``render_cache``), so four figures:

* *lạnh* (cold): the cache folder emptied before every run — a first check;
* *không bộ nhớ đệm*: ``--no-cache`` — none of the checks' caches read or written (the pack loader's
  parsed manifests and compiled templates, ``template/toml_cache`` and ``jinja_env``, are their own and
  stay in use: this figure is below the cold one);
* *sửa một đoạn*: a draft with one paragraph changed since the last check (a new copy every
  run): the printed result is not known, every other string's hits are;
* *ấm* (warm): the same file checked again, unchanged.

A second, clearly secondary anchor shows the check's own work apart from its imports:
*nhập mô-đun của lệnh* — a Python that only imports every module a ``--no-cache`` check of the
large report loads (the list taken from one such check, run first), then stops.  The headline
ratio stays the one to ``import baocao.cli``.

All run interleaved as separate processes (one uncounted warm-up round, bytecode cached as in
an installed app); medians of wall and CPU time, and with ``--instructions`` one valgrind
count each (the cold figure is counted as ``--no-cache``: valgrind's own warm-up run would
fill the cache).  The target is checked on the cold CPU ratio; the warm one is reported beside it.

``--stages`` also cuts the cold check into the steps ``cli_checks`` takes (``STAGES``: a child
stops after step N, cache emptied first; what a step costs is the difference of two medians, and
with ``--instructions`` of two exact counts): where the time of a first check goes.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import large_report  # noqa: E402
from proc_timing import Series, child_env, instructions, ratio, run_once  # noqa: E402

TARGET_RATIO = 1.5


def _edited_copies(folder: Path, count: int) -> list[Path]:
    """*count* copies of the large draft, each with a different word typed into its first paragraph."""
    from baocao.model.richtext import Span
    from baocao.storage import save_draft

    copies = []
    for index in range(count):
        draft = large_report.build_draft()
        para = next(iter(draft.sections.values())).body[0]
        first = para.content[0]
        para.content[0] = Span(first.text.replace(" ", f" lần{index} ", 1))
        path = folder / f"large-sua-{index}.baocao"
        save_draft(draft, path)
        copies.append(path)
    return copies


#: a child that runs ``baocao check --no-cache`` in-process (output dropped) and lists the modules it loaded
_LIST_MODULES = """
import io, sys
from baocao.cli import main
out, sys.stdout = sys.stdout, io.StringIO()
main(["check", sys.argv[1], "--no-cache"])
sys.stdout = out
print("\\n".join(sorted(n for n, m in sys.modules.items() if m is not None and n != "__main__"
                         and not n.endswith(".__main__"))))
"""
#: the cold check step by step, as ``cli_checks.cmd_check`` / ``_check_file`` take them; argv: STOP FILE [CACHE].
#: The child ends (``os._exit``, as ``baocao check`` does) after step STOP (0: Python only).  With CACHE it
#: empties that folder first (for valgrind, whose uncounted warm-up run would fill it).
_STAGE_CHILD = """
import io, os, sys
stop, path = int(sys.argv[1]), sys.argv[2]
for top, dirs, files in os.walk(sys.argv[3] if len(sys.argv) > 3 else "", topdown=False):
    for name in files:
        os.remove(os.path.join(top, name))
    for name in dirs:
        os.rmdir(os.path.join(top, name))
def done(n):
    if n >= stop:
        sys.stdout.flush(); os._exit(0)
done(0)
import baocao.cli
done(1)
from baocao import dataclass_code
from baocao.checks.result_cache import cached_result, file_token, result_key
token = file_token(path); key = result_key(token, "text"); cached_result(key)
dataclass_code.install()
from baocao.storage import load_any
from baocao.template import load_pack
done(2)
draft = load_any(path)
done(3)
pack = load_pack(draft.template_id)
done(4)
from baocao.template.validate import check_draft_pack
from baocao.render.renderer import Renderer
done(5)
assert not check_draft_pack(draft, pack, cache=True, draft_token=token)
done(6)
from baocao.checks import check_draft, engine
engine._load_rules()
done(7)
findings = check_draft(draft, pack, cache=True)
done(8)
from baocao.checks.result_cache import remember_result
from baocao.cli_checks import print_findings
out = io.StringIO(); print_findings(findings, out); sys.stdout.write(out.getvalue())
remember_result(key, 1, out.getvalue()); dataclass_code.save()
done(9)
"""
#: (step, label) in the order of ``_STAGE_CHILD``
STAGES = (("python", "khởi động Python"), ("import_cli", "import baocao.cli (mốc so sánh)"),
          ("imports", "tra kết quả cũ, nạp storage, template"), ("load_draft", "đọc tệp bản thảo"),
          ("load_pack", "nạp gói mẫu (manifest.toml)"), ("import_render", "nạp bộ dựng (jinja2, render)"),
          ("render", "dựng thử gói mẫu và bản thảo"), ("import_rules", "nạp các quy tắc kiểm tra"),
          ("rules", "chạy mọi quy tắc (check_draft)"), ("print", "in, ghi kết quả, lưu mã dataclass"))


def stages(folder: Path, draft: Path, env: dict[str, str], runs: int, count_instructions: bool) -> list[dict]:
    """What each step of a cold check costs: CPU ms (difference of medians) and, if asked, instructions."""
    cache = Path(env["XDG_CACHE_HOME"])
    series = [Series() for _ in STAGES]
    for _round in range(runs):
        for index in range(len(STAGES)):
            shutil.rmtree(cache, ignore_errors=True)
            series[index].samples.append(run_once([sys.executable, "-c", _STAGE_CHILD, str(index), str(draft)],
                                                  env, str(folder)))
    counts: list[int | None] = [None] * len(STAGES)
    if count_instructions:
        for index in range(len(STAGES)):
            shutil.rmtree(cache, ignore_errors=True)
            counts[index] = instructions([sys.executable, "-c", _STAGE_CHILD, str(index), str(draft), str(cache)],
                                         env, str(folder))
    rows = []
    for index, (name, label) in enumerate(STAGES):
        cpu = series[index].cpu() - (series[index - 1].cpu() if index else 0.0)
        count = counts[index] - (counts[index - 1] or 0) if counts[index] is not None and index else counts[index]
        rows.append({"stage": name, "label": label, "cpu_ms": round(cpu * 1000, 1),
                     "instructions": count})
    return rows


#: the second anchor: import those modules (the file of names is its argument), nothing else
_IMPORT_MODULES = "import importlib, sys\nfor name in open(sys.argv[1]).read().split():\n    importlib.import_module(name)"


def check_modules(folder: Path, draft: Path, env: dict[str, str]) -> Path:
    """A file naming every module ``baocao check --no-cache`` of *draft* loads (one child process)."""
    import subprocess

    done = subprocess.run([sys.executable, "-c", _LIST_MODULES, str(draft)], env=env, cwd=str(folder),
                          capture_output=True, text=True, timeout=600)
    if done.returncode != 0 or "baocao.checks.engine" not in done.stdout:
        raise SystemExit(f"listing the check's modules failed:\n{done.stderr[-2000:]}")
    path = folder / "check-modules.txt"
    path.write_text(done.stdout, encoding="utf-8")
    return path


def commands(folder: Path) -> dict[str, tuple[list[str], dict[str, str]]]:
    """The checks and their anchors (each check with its own cache folder)."""
    from baocao.storage import save_draft

    packs = folder / "packs"
    large_report.write_pack(packs)
    draft = folder / "large.baocao"
    save_draft(large_report.build_draft(), draft)
    check = [sys.executable, "-m", "baocao", "check"]

    def env(name: str) -> dict[str, str]:
        return child_env(BAOCAO_TEMPLATES=str(packs), XDG_CACHE_HOME=str(folder / f"cache-{name}"))

    return {"cold": ([*check, str(draft)], env("cold")),
            "no_cache": ([*check, str(draft), "--no-cache"], env("none")),
            "edited": ([*check, str(draft)], env("edited")),       # argv: a new edited copy each run
            "warm": ([*check, str(draft)], env("warm")),
            "import_cli": ([sys.executable, "-c", "import baocao.cli"], env("anchor")),
            "import_check": ([sys.executable, "-c", _IMPORT_MODULES, str(check_modules(folder, draft, env("list")))],
                             env("anchor2"))}


def run(runs: int, count_instructions: bool = False, by_stage: bool = False) -> dict:
    """Measure all, interleaved; medians and ratios to the anchor (and, *by_stage*, the cold check's steps)."""
    with tempfile.TemporaryDirectory(prefix="baocao-check-") as tmp:
        folder = Path(tmp)
        measured = commands(folder)
        if by_stage:
            draft, cold_env = Path(measured["cold"][0][-1]), dict(measured["cold"][1])
            cold_env["XDG_CACHE_HOME"] = str(folder / "cache-stages")
        copies = iter(_edited_copies(folder, runs + 1))
        series = {name: Series() for name in measured}
        for round_ in range(1 + runs):                 # round 0: warm-up, not counted (fills the warm caches)
            for name, (argv, env) in measured.items():
                if name == "cold":
                    shutil.rmtree(env["XDG_CACHE_HOME"], ignore_errors=True)
                if name == "edited":
                    argv = [*argv[:-1], str(next(copies))]
                # exit status 1 = findings with errors: run_once only refuses 2 and above
                sample = run_once(argv, env, tmp, ok_status=(0, 1))
                if round_:
                    series[name].samples.append(sample)
        result: dict = {"runs": runs, "target_ratio": TARGET_RATIO}
        for name, s in series.items():
            result[f"{name}_wall_s"], result[f"{name}_cpu_s"] = round(s.wall(), 4), round(s.cpu(), 4)
        for name in ("cold", "no_cache", "edited", "warm"):
            result[f"ratio_{name}_wall"] = ratio(result[f"{name}_wall_s"], result["import_cli_wall_s"])
            result[f"ratio_{name}_cpu"] = ratio(result[f"{name}_cpu_s"], result["import_cli_cpu_s"])
        # secondary: the cold check against importing only what it loads (its own work apart from imports)
        result["ratio_cold_vs_imports_cpu"] = ratio(result["cold_cpu_s"], result["import_check_cpu_s"])
        result["ratio_cold_vs_imports_wall"] = ratio(result["cold_wall_s"], result["import_check_wall_s"])
        if count_instructions:
            counts = {name: instructions(measured[name][0], measured[name][1], tmp)
                      for name in ("no_cache", "warm", "import_cli", "import_check")}
            if all(counts.values()):
                result["instructions"] = counts
                for name in ("no_cache", "warm"):
                    result[f"ratio_{name}_instructions"] = ratio(counts[name], counts["import_cli"])
                result["ratio_no_cache_vs_imports_instructions"] = ratio(counts["no_cache"], counts["import_check"])
        if by_stage:
            result["stages"] = stages(folder, draft, cold_env, runs, count_instructions)
    return result


_LABELS = {"cold": "lạnh (bộ nhớ đệm trống)", "no_cache": "--no-cache", "edited": "sửa một đoạn",
           "warm": "ấm (tệp không đổi)"}


def main(argv: list[str] | None = None) -> int:
    """Run and print (or --json)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--instructions", action="store_true", help="also count instructions once (valgrind)")
    parser.add_argument("--stages", action="store_true", help="also cut the cold check into its steps (STAGES)")
    args = parser.parse_args(argv)
    result = run(max(5, args.runs), args.instructions, args.stages)
    if args.json:
        print(json.dumps(result))
    else:
        print(f"baocao check (báo cáo lớn), cả tiến trình, trung vị {result['runs']} lần (thực / CPU):")
        anchor = f"{result['import_cli_wall_s'] * 1000:6.0f} / {result['import_cli_cpu_s'] * 1000:6.0f} ms"
        print(f"  {'python -c import baocao.cli':28} {anchor}")
        for name, label in _LABELS.items():
            extra = (f", lệnh máy {result[f'ratio_{name}_instructions']}"
                     if f"ratio_{name}_instructions" in result else "")
            print(f"  {label:28} {result[f'{name}_wall_s'] * 1000:6.0f} / {result[f'{name}_cpu_s'] * 1000:6.0f} ms"
                  f"  tỉ lệ thực {result[f'ratio_{name}_wall']}, CPU {result[f'ratio_{name}_cpu']}{extra}")
        print(f"  mục tiêu ≤ {TARGET_RATIO} (lần lạnh, CPU)")
        extra = (f", lệnh máy --no-cache {result['ratio_no_cache_vs_imports_instructions']}"
                 if "ratio_no_cache_vs_imports_instructions" in result else "")
        print(f"  phụ (không phải mục tiêu): chỉ nhập các mô-đun lệnh kiểm tra cần "
              f"{result['import_check_wall_s'] * 1000:6.0f} / {result['import_check_cpu_s'] * 1000:6.0f} ms; "
              f"lần lạnh / số đó: thực {result['ratio_cold_vs_imports_wall']}, "
              f"CPU {result['ratio_cold_vs_imports_cpu']}{extra}")
        if "stages" in result:
            print("  lần lạnh theo từng bước (CPU, hiệu hai trung vị; lệnh máy nếu có):")
            for row in result["stages"]:
                count = f"  {row['instructions'] / 1e6:7.0f} triệu lệnh" if row["instructions"] is not None else ""
                print(f"    {row['label']:40} {row['cpu_ms']:6.1f} ms{count}")
    return 0 if result["ratio_cold_cpu"] <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
