"""Build resources/spelling/tan-suat.tsv: syllables in real use, counted over the project's own texts.

Sources (all written for this project): the sample draft (resources/samples/),
the template packs (templates/: manifests, guidance, Jinja sections).  The
evaluation prose (bench/eval_checks/) is left out on purpose, so that the
evaluation does not test on what the lists were built from.

    python bench/build_frequencies.py        # rewrites resources/spelling/tan-suat.tsv
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
from proc_timing import put_source_on_path  # noqa: E402

put_source_on_path(__name__)

from baocao.spelling.syllable import is_valid_syllable  # noqa: E402

OUT = ROOT / "resources" / "spelling" / "tan-suat.tsv"
_WORD = re.compile(r"[^\W\d_]+")


def _texts():
    for path in sorted((ROOT / "resources" / "samples").glob("*.json")):
        yield json.dumps(json.loads(path.read_text(encoding="utf-8")), ensure_ascii=False)
    for path in sorted((ROOT / "templates").rglob("*")):
        if path.suffix in (".toml", ".j2", ".md"):
            yield path.read_text(encoding="utf-8")


def main() -> int:
    counts: Counter = Counter()
    for text in _texts():
        for word in _WORD.findall(unicodedata.normalize("NFC", text).lower()):
            if not word.isascii() or len(word) > 1:
                if is_valid_syllable(word):
                    counts[word] += 1
    lines = ["# Tiếng dùng thực tế và số lần gặp, đếm trên văn bản của dự án (bench/build_frequencies.py)."]
    lines += [f"{word}\t{count}" for word, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(counts)} tiếng → {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
