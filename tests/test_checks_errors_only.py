"""``error_findings`` (what export asks) gives exactly the "error" findings of the full ``check_draft``."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from baocao.checks import check_draft, error_findings
from baocao.checks.dismissals import EXTRA_NAME, KEY_DISMISSED
from baocao.legacy_text import unicode_to_tcvn3
from baocao.model.richtext import Note, Para, Span
from baocao.template import load_pack

BENCH = Path(__file__).resolve().parent.parent / "bench"

#: texts that give errors, warnings and hints of every family, some in footnotes, one in an old encoding
TEXTS = [
    "Quyết định số 12/QĐ-UBND ngày 31/02/2021 của UBND tỉnh về kế hoạch.",
    "Báo cáo ngày 30 tháng 02 năm 2021 nêu rõ các các nhiệm vụ.",
    "Chi tiết tại Phụ lục 07 kèm theo, xem thêm Phụ lục 01.",
    "Các sở , ngành đã  triển khai “kế hoạch (giai đoạn 2021-2025.",
    "Tổng số nhiệm vụ là 25, đã hoàn thành 10, chưa hoàn thành 9.",
    unicode_to_tcvn3("Quyết định số 5/QĐ-UBND ngày 31/04/2021 của UBND tỉnh."),
    "Kế hoạch số 3/QĐ-UBND ngày 05/1/2021; Quyết định số 12/QĐ-UBND ngày 06/01/2021 về việc khác.",
]


def _assert_same(draft, pack):
    full = [f for f in check_draft(draft, pack) if f.severity == "error"]
    fast = error_findings(draft, pack)
    assert [(f.rule, f.where, f.part, f.para, f.note, f.offset, f.length, f.message) for f in fast] == \
        [(f.rule, f.where, f.part, f.para, f.note, f.offset, f.length, f.message) for f in full]
    return fast


def test_the_sample_and_a_blank_draft(sample_draft):
    from baocao.drafts import new_draft

    pack = load_pack(sample_draft.template_id)
    _assert_same(sample_draft, pack)
    assert _assert_same(new_draft(pack), pack)               # a blank draft: required sections are errors


def test_seeded_texts_in_bodies_and_notes(sample_draft):
    pack = load_pack(sample_draft.template_id)
    sections = [s.id for s in pack.sections if not s.children]
    for index, text in enumerate(TEXTS):
        body = sample_draft.section(sections[index % len(sections)]).body
        body.append(Para([Span(text)]))
        body.append(Para([Span("Xem chú thích."), Note.of(text)]))
    sample_draft.section(sections[0]).fields["tong"] = "mười chín"     # a value that is not a number (blocking)
    sample_draft.section(sections[1]).body = []                        # a required section left empty
    fast = _assert_same(sample_draft, pack)
    rules = {f.rule for f in fast}
    assert {"ngay-khong-co-that", "phu-luc-khong-co"} <= rules, rules
    dismissed = fast[0].key()
    sample_draft.extras[EXTRA_NAME] = {KEY_DISMISSED: [dismissed]}
    assert dismissed not in [f.key() for f in _assert_same(sample_draft, pack)]


@pytest.mark.slow
def test_the_large_benchmark_report(tmp_path, monkeypatch):
    sys.path.insert(0, str(BENCH))
    import large_report

    large_report.write_pack(tmp_path)
    monkeypatch.setenv("BAOCAO_TEMPLATES", str(tmp_path))
    pack = load_pack(large_report.PACK_ID)
    _assert_same(large_report.build_draft(), pack)


def test_export_loads_no_spelling_lists_or_typography_rules(tmp_path):
    """The quick check imports only the error-capable rules."""
    import subprocess

    code = ("import sys; from baocao.checks import error_findings; "
            "print(sorted(m for m in sys.modules if m.startswith(('baocao.spelling', 'baocao.checks.typography', "
            "'baocao.checks.spelling_rule', 'baocao.checks.engine'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]"
