"""The benchmark's raw-OOXML lower bound writes a valid .docx with the same content (issue 16)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from docx2python import docx2python
from ooxml_support import validate_docx

BENCH = Path(__file__).resolve().parents[1] / "bench"
sys.path.insert(0, str(BENCH))

import large_report  # noqa: E402


def test_raw_lower_bound_is_valid_and_complete(tmp_path):
    document = large_report.build_document(tmp_path / "packs")
    blocks = tmp_path / "large.json"
    blocks.write_text(json.dumps(large_report.to_blocks(document), ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "raw.docx"
    subprocess.run([sys.executable, str(BENCH / "raw_ooxml.py"), str(blocks), str(out)], check=True, timeout=120)
    assert validate_docx(out) == []
    with docx2python(out) as reader:
        text = reader.text
    assert len(document.footnotes) == large_report.FOOTNOTES
    for note in document.footnotes[:: 37]:                     # the notes' text is in the file
        assert note.plain_text() in text
    tables = [b for b in large_report.to_blocks(document) if b["kind"] == "table"]
    assert len(tables) == large_report.TABLES and all(len(t["rows"]) >= large_report.TABLE_ROWS for t in tables)


def test_four_times_larger_draft():
    small, large = large_report.build_draft(), large_report.build_draft(scale=4)
    count = lambda d: sum(len(s.body) for s in d.sections.values())  # noqa: E731
    assert count(large) == 4 * count(small) == 4 * large_report.PARAGRAPHS
    assert all(len(rows) == 4 * large_report.TABLE_ROWS for rows in large.tables.values())
