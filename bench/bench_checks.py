"""Speed of the checks on the large report (bench/large_report.py): whole check and one edited paragraph.

* *cả báo cáo, lần đầu*: ``check_draft`` on the large draft in a fresh process state
  (word lists loaded, nothing cached) — what opening a draft costs;
* *có mô hình n-gram*: the same with an office model (real-word errors on);
* *cả báo cáo*: ``check_draft`` again after a change elsewhere (per-string results cached);
* *một đoạn sửa*: one paragraph edited (a word typed), then what the editor's worker runs
  for that paragraph (``unit_findings``), and the whole-report check after it.

Targets: whole check ≤ 300 ms, one edited paragraph ≤ 20 ms.

    python bench/bench_checks.py [--runs 7] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from proc_timing import put_source_on_path  # noqa: E402

put_source_on_path(__name__)

import large_report  # noqa: E402

TARGET_WHOLE_MS = 300.0
TARGET_PARAGRAPH_MS = 20.0


def _ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000


def _clear_caches() -> None:
    from baocao.checks import citations, consistency, figures, legacy_rule, spelling_rule, typography
    from baocao.spelling import ngrams, syllable, words

    for function in (citations.parse_citations, citations.citation_hits, citations._said_issued_in_period,
                     consistency._names, figures.figure_hits,
                     figures.stated_totals, legacy_rule.legacy_hits, spelling_rule.spelling_hits,
                     spelling_rule._real_word_hits, typography.typography_hits, words.spelling_problems,
                     syllable.parse_syllable, ngrams.confusables, ngrams.same_letters, words._problem_of):
        function.cache_clear()


def run(runs: int) -> dict:
    """Median timings in milliseconds."""
    with tempfile.TemporaryDirectory() as folder:
        large_report.write_pack(Path(folder))
        os.environ["BAOCAO_TEMPLATES"] = folder
        from baocao.checks import check_draft
        from baocao.checks.engine import unit_findings
        from baocao.checks.textunits import TextUnit, para_text
        from baocao.model.richtext import Span
        from baocao.template import load_pack

        pack = load_pack(large_report.PACK_ID)
        draft = large_report.build_draft()
        check_draft(draft, pack, model=None)                   # word lists and regexes loaded once
        from baocao.checks.textunits import draft_units
        from baocao.samples import load_sample
        from baocao.spelling.ngrams import Model

        model = Model()                                        # an office model (the sample draft's text)
        sample = load_sample()
        for unit in draft_units(sample, load_pack(sample.template_id)):
            model.add_text(unit.text)
        cold, warm, paragraph, after_edit, with_model = [], [], [], [], []
        paragraphs = [(sid, i) for sid, data in draft.sections.items() for i in range(len(data.body))]
        findings = 0
        for run_index in range(runs):
            _clear_caches()
            start = time.perf_counter()
            findings = len(check_draft(draft, pack, model=None))
            cold.append(_ms(start))
            start = time.perf_counter()
            check_draft(draft, pack, model=None)
            warm.append(_ms(start))
            _clear_caches()
            start = time.perf_counter()
            check_draft(draft, pack, model=model)
            with_model.append(_ms(start))
            section_id, index = paragraphs[(run_index * 37) % len(paragraphs)]
            para = draft.sections[section_id].body[index]
            para.content.append(Span(f" thêm {run_index} chữ"))    # a keystroke's worth of change
            start = time.perf_counter()
            unit_findings(TextUnit(section_id, "body", para_text(para), index))
            paragraph.append(_ms(start))
            start = time.perf_counter()
            check_draft(draft, pack, model=None)
            after_edit.append(_ms(start))
        words = sum(len(p.plain_text().split()) for data in draft.sections.values() for p in data.body)
    return {"paragraphs": len(paragraphs), "words": words, "findings": findings,
            "whole_first_ms": statistics.median(cold), "whole_cached_ms": statistics.median(warm),
            "whole_first_with_model_ms": statistics.median(with_model),
            "one_paragraph_ms": statistics.median(paragraph), "whole_after_edit_ms": statistics.median(after_edit),
            "target_whole_ms": TARGET_WHOLE_MS, "target_paragraph_ms": TARGET_PARAGRAPH_MS}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = run(args.runs)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"Báo cáo lớn: {result['paragraphs']} đoạn, {result['words']} từ, {result['findings']} vấn đề")
        print(f"  cả báo cáo, lần đầu (không có kết quả cũ): {result['whole_first_ms']:7.1f} ms "
              f"(mục tiêu ≤ {TARGET_WHOLE_MS:.0f})")
        print(f"  cả báo cáo, lần đầu, có mô hình n-gram:     {result['whole_first_with_model_ms']:7.1f} ms")
        print(f"  cả báo cáo, dùng kết quả cũ:               {result['whole_cached_ms']:7.1f} ms")
        print(f"  một đoạn vừa sửa:                          {result['one_paragraph_ms']:7.1f} ms "
              f"(mục tiêu ≤ {TARGET_PARAGRAPH_MS:.0f})")
        print(f"  cả báo cáo sau khi sửa một đoạn:           {result['whole_after_edit_ms']:7.1f} ms")
    ok = max(result["whole_first_ms"], result["whole_first_with_model_ms"]) <= TARGET_WHOLE_MS and result["one_paragraph_ms"] <= TARGET_PARAGRAPH_MS
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
