"""Export benchmark: baocao's whole ``baocao export`` process against pandoc, same content.

    python bench/bench_export.py [--runs 7] [--keep DIR]

Builds the large report of :mod:`large_report` (real draft file + synthetic
template pack), then times, alternately and as separate processes:

* ``python -m baocao export large.baocao -o out.docx`` (start-up, reading the
  draft file, loading the pack, rendering, writing the .docx — everything);
* ``pandoc large.md -o pandoc.docx`` on the same content written as Markdown
  with inline ``^[...]`` footnotes and pipe tables (pandoc from pypandoc-binary).

Prints both medians and the ratio (target: baocao ≤ 0.4 × pandoc).
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
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import large_report  # noqa: E402

TARGET_RATIO = 0.4


def _pandoc() -> str:
    import pypandoc

    return pypandoc.get_pandoc_path()


def _time(command: list[str], env: dict[str, str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, env=env, cwd=cwd, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def prepare(folder: Path) -> tuple[Path, Path, Path]:
    """Write the pack, the draft file and the Markdown; return (draft, markdown, packs folder)."""
    from baocao.render import render_draft
    from baocao.storage import save_draft
    from baocao.template import load_pack_dir

    packs = folder / "packs"
    pack = load_pack_dir(large_report.write_pack(packs))
    draft = large_report.build_draft()
    draft_path = folder / "large.baocao"
    save_draft(draft, draft_path)
    markdown = folder / "large.md"
    markdown.write_text(large_report.to_markdown(render_draft(draft, pack)), encoding="utf-8")
    return draft_path, markdown, packs


def run(runs: int, folder: Path) -> dict[str, float]:
    """Time both exporters *runs* times (alternating, after one warm-up each)."""
    draft, markdown, packs = prepare(folder)
    env = {**os.environ, "BAOCAO_TEMPLATES": str(packs)}
    ours = [sys.executable, "-m", "baocao", "export", str(draft), "-o", str(folder / "baocao.docx")]
    theirs = [_pandoc(), str(markdown), "-f", "markdown", "-t", "docx", "-o", str(folder / "pandoc.docx")]
    _time(ours, env, folder)
    _time(theirs, env, folder)
    ours_times, theirs_times = [], []
    for _ in range(runs):
        (folder / "baocao.docx").unlink(missing_ok=True)
        ours_times.append(_time(ours, env, folder))
        theirs_times.append(_time(theirs, env, folder))
    ours_median = statistics.median(ours_times)
    theirs_median = statistics.median(theirs_times)
    return {"runs": runs, "baocao_s": ours_median, "pandoc_s": theirs_median,
            "ratio": ours_median / theirs_median}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs of each exporter (≥ 5)")
    parser.add_argument("--keep", type=Path, help="keep the generated files in this folder")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args(argv)
    runs = max(args.runs, 5)
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        result = run(runs, args.keep.resolve())
    else:
        with tempfile.TemporaryDirectory(prefix="baocao-bench-") as tmp:
            result = run(runs, Path(tmp))
    if args.json:
        print(json.dumps(result))
    else:
        print(f"baocao export (whole process): median {result['baocao_s'] * 1000:.0f} ms over {runs} runs")
        print(f"pandoc (same content, .md):    median {result['pandoc_s'] * 1000:.0f} ms over {runs} runs")
        verdict = "OK" if result["ratio"] <= TARGET_RATIO else "CHẬM HƠN MỤC TIÊU"
        print(f"ratio baocao/pandoc: {result['ratio']:.2f} (target ≤ {TARGET_RATIO}) {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
