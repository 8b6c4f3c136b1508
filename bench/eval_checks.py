"""Evaluation of the checks on prose written for it: recall on seeded errors, false alarms.

``eval_checks/van-ban-sach.txt`` is ≥ 3,000 words of clean administrative
prose written for this project; ``eval_checks/loi-gieo.tsv`` seeds errors of
the kinds the checks look for (one per row: line, original text, text with
the error, expected rule; ``*TCVN3*``/``*VNI*`` re-encode the whole line).
A seeded error is *caught* when a finding overlaps its span; a finding that
overlaps no seeded span is a *false alarm* (counted on the clean text and on
the seeded text).  The n-gram model for real-word errors is learnt, as
``baocao hoc-tu-vung`` learns from an office's approved reports, from other
texts: the sample draft and, when the workplace has it beside the repository,
the 2021 reference report (shared/reference) — never from the evaluation prose.

    python bench/eval_checks.py            # table
    python bench/eval_checks.py --json
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from proc_timing import put_source_on_path  # noqa: E402

put_source_on_path(__name__)

from baocao.checks import text_hits  # noqa: E402
from baocao.legacy_text import unicode_to_tcvn3, unicode_to_vni  # noqa: E402
from baocao.spelling.ngrams import Model  # noqa: E402

HERE = Path(__file__).resolve().parent / "eval_checks"
CLEAN = HERE / "van-ban-sach.txt"
SEEDS = HERE / "loi-gieo.tsv"


@dataclass
class Seed:
    line: int
    original: str
    wrong: str
    rule: str


def load_seeds() -> list[Seed]:
    seeds = []
    for row in SEEDS.read_text(encoding="utf-8").splitlines():
        if row.strip() and not row.startswith("#"):
            line, original, wrong, rule = row.split("\t")
            seeds.append(Seed(int(line), original, wrong, rule))
    return seeds


def seeded_lines(lines: list[str], seeds: list[Seed]) -> tuple[list[str], dict[int, list[tuple[Seed, int, int]]]]:
    """The text with the errors in, and per line the seeded spans."""
    out = list(lines)
    spans: dict[int, list[tuple[Seed, int, int]]] = {}
    for seed in seeds:
        index = seed.line - 1
        text = out[index]
        if seed.wrong in ("*TCVN3*", "*VNI*"):
            out[index] = (unicode_to_tcvn3 if seed.wrong == "*TCVN3*" else unicode_to_vni)(text)
            spans.setdefault(index, []).append((seed, 0, len(out[index])))
            continue
        start = text.index(seed.original)
        out[index] = text[:start] + seed.wrong + text[start + len(seed.original):]
        # the span of the error: where the two strings stop agreeing, on both ends
        head = 0
        while head < min(len(seed.original), len(seed.wrong)) and seed.original[head] == seed.wrong[head]:
            head += 1
        tail = 0
        while tail < min(len(seed.original), len(seed.wrong)) - head and \
                seed.original[-1 - tail] == seed.wrong[-1 - tail]:
            tail += 1
        spans.setdefault(index, []).append((seed, start + head, max(start + head + 1, start + len(seed.wrong) - tail)))
    return out, spans


def office_model() -> Model:
    """The n-gram model of "approved reports": the sample draft, and the reference report when present."""
    from baocao.checks.textunits import draft_units
    from baocao.samples import load_sample
    from baocao.template import load_pack

    model = Model()
    draft = load_sample()
    for unit in draft_units(draft, load_pack(draft.template_id)):
        model.add_text(unit.text)
    reference = Path(__file__).resolve().parent.parent.parent / "shared" / "reference"
    for path in sorted(reference.glob("*.txt")) if reference.is_dir() else ():
        model.add_text(path.read_text(encoding="utf-8"))
    return model


def evaluate() -> dict:
    lines = CLEAN.read_text(encoding="utf-8").splitlines()
    words = sum(len(line.split()) for line in lines)
    model = office_model()
    seeds = load_seeds()
    wrong_lines, spans = seeded_lines(lines, seeds)
    clean_alarms = [(i + 1, h.rule, line[h.offset:h.offset + h.length])
                    for i, line in enumerate(lines) for h in text_hits(line, model=model)]
    caught, missed, alarms, by_kind = [], [], [], Counter()
    for index, line in enumerate(wrong_lines):
        hits = text_hits(line, model=model)
        line_spans = spans.get(index, [])
        for seed, start, end in line_spans:
            found = [h for h in hits if h.offset < end and h.offset + max(1, h.length) > start]
            (caught if found else missed).append(seed)
            by_kind[(seed.rule, bool(found))] += 1
        for hit in hits:
            if not any(hit.offset < end and hit.offset + max(1, hit.length) > start for _, start, end in line_spans):
                alarms.append((index + 1, hit.rule, line[hit.offset:hit.offset + hit.length]))
    kinds = sorted({seed.rule for seed in seeds})
    return {
        "words": words, "seeded": len(seeds), "caught": len(caught), "recall": round(len(caught) / len(seeds), 3),
        "false_alarms_clean": clean_alarms, "false_alarms_seeded": alarms,
        "missed": [(s.line, s.rule, s.wrong) for s in missed],
        "by_kind": {k: {"seeded": by_kind[(k, True)] + by_kind[(k, False)], "caught": by_kind[(k, True)]} for k in kinds},
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = evaluate()
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    print(f"Văn bản: {result['words']} từ; lỗi gieo: {result['seeded']}; bắt được: {result['caught']} "
          f"(độ nhạy {result['recall']:.0%})")
    print(f"Báo nhầm trên văn bản sạch: {len(result['false_alarms_clean'])}; "
          f"trên văn bản có lỗi: {len(result['false_alarms_seeded'])}")
    for kind, counts in result["by_kind"].items():
        print(f"  {kind:28} {counts['caught']}/{counts['seeded']}")
    for item in result["missed"]:
        print("  bỏ sót:", *item)
    for item in result["false_alarms_clean"] + result["false_alarms_seeded"]:
        print("  báo nhầm:", *item)
    return 0


if __name__ == "__main__":
    sys.exit(main())
