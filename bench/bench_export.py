"""Export benchmark: baocao's whole ``baocao export`` process against pandoc and a raw-OOXML lower bound.

    python bench/bench_export.py [--runs 7] [--keep DIR] [--json] [--instructions]

Builds the large report of :mod:`large_report` (real draft file + synthetic template pack)
and the same report 4× larger (4 × the paragraphs, notes and table rows), then runs,
interleaved and as separate processes (one uncounted warm-up round):

* ``python -m baocao export large.baocao -o out.docx`` — start-up, reading the draft file,
  loading the pack, checking, rendering, writing the .docx: everything;
* ``pandoc large.md -o pandoc.docx`` on the same content as Markdown (inline ``^[...]``
  footnotes, pipe tables; pandoc from pypandoc-binary);
* ``python bench/raw_ooxml.py large.json raw.docx``: the lower bound — the same blocks
  joined as bare WordprocessingML strings and zipped (no styles, layout, checks, template);
* ``python -m baocao export large4.baocao`` — for the growth figure.

Reports medians of wall time and of CPU time (user + system of the child: steadier on a
loaded machine) and the ratios baocao/pandoc (target ≤ 0.20), baocao/raw (≤ 3.0) and
4×/1× (≤ 4).  ``--instructions`` adds one valgrind callgrind count per command (exact,
independent of the load; slow).  Python children cache bytecode in a temporary
``PYTHONPYCACHEPREFIX``, as an installed app has its .pyc files.
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

TARGETS = {"vs_pandoc": 0.20, "vs_raw": 3.0, "growth": 4.0}
GROWTH_SCALE = 4
RAW_SCRIPT = Path(__file__).resolve().parent / "raw_ooxml.py"


def _pandoc() -> str:
    import pypandoc

    return pypandoc.get_pandoc_path()


def prepare(folder: Path, scale: int = 1) -> tuple[Path, Path, Path]:
    """Write the pack, the draft file, the Markdown and the raw blocks; return (draft, markdown, packs folder)."""
    from baocao.render import render_draft
    from baocao.storage import save_draft
    from baocao.template import load_pack_dir

    packs = folder / "packs"
    pack = load_pack_dir(large_report.write_pack(packs))
    draft = large_report.build_draft(scale=scale)
    stem = "large" if scale == 1 else f"large{scale}"
    draft_path = folder / f"{stem}.baocao"
    save_draft(draft, draft_path)
    document = render_draft(draft, pack)
    markdown = folder / f"{stem}.md"
    markdown.write_text(large_report.to_markdown(document), encoding="utf-8")
    (folder / f"{stem}.json").write_text(json.dumps(large_report.to_blocks(document), ensure_ascii=False),
                                         encoding="utf-8")
    return draft_path, markdown, packs


def commands(folder: Path) -> dict[str, tuple[list[str], dict[str, str]]]:
    """The four measured commands (name → (argv, environment))."""
    draft, markdown, packs = prepare(folder)
    draft4, _, _ = prepare(folder, GROWTH_SCALE)
    env = child_env(BAOCAO_TEMPLATES=str(packs))
    export = [sys.executable, "-m", "baocao", "export"]
    return {
        "baocao": ([*export, str(draft), "-o", str(folder / "baocao.docx"), "--force"], env),
        "pandoc": ([_pandoc(), str(markdown), "-f", "markdown", "-t", "docx", "-o", str(folder / "pandoc.docx")], env),
        "raw": ([sys.executable, str(RAW_SCRIPT), str(folder / "large.json"), str(folder / "raw.docx")], env),
        "baocao_4x": ([*export, str(draft4), "-o", str(folder / "baocao4.docx"), "--force"], env),
    }


def run(runs: int, folder: Path, count_instructions: bool = False) -> dict:
    """Measure every command *runs* times, interleaved; medians and ratios."""
    measured = commands(folder)
    series = interleaved(measured, runs, cwd=str(folder))
    result: dict = {"runs": runs, "targets": TARGETS}
    for name, s in series.items():
        result[f"{name}_wall_s"] = round(s.wall(), 4)
        result[f"{name}_cpu_s"] = round(s.cpu(), 4)
    for kind in ("wall", "cpu"):
        result[f"vs_pandoc_{kind}"] = ratio(result[f"baocao_{kind}_s"], result[f"pandoc_{kind}_s"])
        result[f"vs_raw_{kind}"] = ratio(result[f"baocao_{kind}_s"], result[f"raw_{kind}_s"])
        result[f"growth_{kind}"] = ratio(result[f"baocao_4x_{kind}_s"], result[f"baocao_{kind}_s"])
    if count_instructions:
        counts = {name: instructions(argv, env, str(folder)) for name, (argv, env) in measured.items()}
        if all(counts.values()):
            result["instructions"] = counts
            result["vs_pandoc_instructions"] = ratio(counts["baocao"], counts["pandoc"])
            result["vs_raw_instructions"] = ratio(counts["baocao"], counts["raw"])
            result["growth_instructions"] = ratio(counts["baocao_4x"], counts["baocao"])
    return result


def _print(result: dict) -> None:
    print(f"Xuất .docx, cả tiến trình, trung vị của {result['runs']} lần (thời gian thực / thời gian CPU):")
    for name, label in (("baocao", "baocao export (báo cáo lớn)"), ("pandoc", "pandoc (cùng nội dung, .md)"),
                        ("raw", "cận dưới OOXML thô (raw_ooxml.py)"), ("baocao_4x", "baocao export (lớn × 4)")):
        print(f"  {label:36} {result[f'{name}_wall_s'] * 1000:7.0f} ms / {result[f'{name}_cpu_s'] * 1000:7.0f} ms")
    for key, label in (("vs_pandoc", "baocao / pandoc"), ("vs_raw", "baocao / cận dưới"), ("growth", "lớn × 4 / lớn")):
        extra = f", lệnh máy {result[key + '_instructions']}" if key + "_instructions" in result else ""
        print(f"  {label:20} thực {result[key + '_wall']}, CPU {result[key + '_cpu']}{extra} "
              f"(mục tiêu ≤ {TARGETS[key]})")


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print (or --json) the result."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs of each command (≥ 5)")
    parser.add_argument("--keep", type=Path, help="keep the generated files in this folder")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--instructions", action="store_true", help="also count instructions once (valgrind)")
    args = parser.parse_args(argv)
    runs = max(args.runs, 5)
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        result = run(runs, args.keep.resolve(), args.instructions)
    else:
        with tempfile.TemporaryDirectory(prefix="baocao-bench-") as tmp:
            result = run(runs, Path(tmp), args.instructions)
    if args.json:
        print(json.dumps(result))
    else:
        _print(result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
