"""A figure is used only when all of it parses; otherwise the text is kept as typed and refused on export.

Headless half: parsing, messages, the checks, the tables and the CLI.  The
window half is in ``test_ui_figures.py``.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from baocao.checks import RULE_INVALID_VALUE, blocking_findings, check_draft
from baocao.fields import ERR_INTEGER, ERR_NUMBER, cell_problem, parse_field, value_problem
from baocao.formatting import parse_number
from baocao.render.tables import table_values
from baocao.template.manifest import FieldSpec
from helpers import run_cli

COUNT = FieldSpec("tong", "Tổng số nhiệm vụ", "integer", min=0)
AMOUNT = FieldSpec("von", "Vốn giải ngân (tỷ đồng)", "decimal")


@pytest.mark.parametrize("text", ["2,573", "12a", "1.234,5", "2,", "2.", "1.23.4", "1,234.5", "12 nhiệm vụ",
                                  "nan", "1e5", "--3", "2.573.", "٣"])
def test_no_prefix_is_ever_taken_for_a_count(text):
    """The whole text or nothing: what cannot be read is kept as typed, never cut to a number."""
    result = parse_field(COUNT, text)
    assert not result.ok and result.value is None
    assert result.stored == text
    assert value_problem(COUNT, result.stored) == result.error


@pytest.mark.parametrize("text, fix", [
    ("2,573", "dùng dấu chấm để tách hàng nghìn: 2.573"),
    ("1,234.5", "1.234,5"),
    ("12a", "«a»"),
    ("12 nhiệm vụ", "«nhiệm vụ»"),
    ("2,", "sau dấu «,» cần thêm chữ số"),
    ("1.23.4", "đúng 3 chữ số"),
])
def test_messages_say_what_is_wrong_and_how_to_write_it(text, fix):
    assert fix.lower() in parse_field(COUNT, text).error.lower()


def test_valid_numbers_still_read():
    assert parse_field(COUNT, "2.573").value == 2573
    assert parse_field(COUNT, "05").value == 5
    assert parse_field(COUNT, "19.641.000").value == 19641000
    assert parse_field(AMOUNT, "1.428,5").value == 1428.5
    assert parse_field(AMOUNT, "2,573").value == 2.573            # a decimal field: 2,573 is two point five seven three
    assert parse_field(COUNT, "1.234,5").error == ERR_INTEGER
    assert parse_field(AMOUNT, "mười").error == ERR_NUMBER
    assert parse_number("0.5") == Decimal("0.5")


def test_stored_numbers_are_checked_as_numbers_not_reparsed_as_text():
    """A stored float 0.125 is 0.125, not "0.125" read back as one hundred and twenty-five."""
    assert value_problem(AMOUNT, 0.125) is None
    assert value_problem(COUNT, 0.125) == ERR_INTEGER
    assert value_problem(COUNT, float("nan")) == ERR_NUMBER
    assert cell_problem("integer", 2.5) == ERR_INTEGER
    assert cell_problem("integer", "2,573") is not None
    assert cell_problem("integer", 12) is None


def test_dates_and_document_references_keep_what_was_typed():
    day = FieldSpec("ngay", "Ngày", "date")
    result = parse_field(day, "31/02/2026")
    assert not result.ok and result.stored == "31/02/2026"
    from baocao.fields import parse_docref

    ref = parse_docref({"loai": "Quyết định", "so": "42/QĐ-UBND", "ngay": "32/1/2026"})
    assert not ref.ok and ref.stored == {"loai": "Quyết định", "so": "42/QĐ-UBND", "ngay": "32/1/2026"}


def test_checks_list_the_kept_text_and_do_not_sum_it(pack, sample_draft):
    fields = sample_draft.section("nhiem-vu-cap-tren").fields
    fields["tong"] = "2,573"
    findings = check_draft(sample_draft, pack)
    bad = [f for f in findings if f.rule == RULE_INVALID_VALUE]
    assert len(bad) == 1 and bad[0].where == "nhiem-vu-cap-tren" and bad[0].field == "tong"
    assert "«2,573»" in bad[0].message and "2.573" in bad[0].message
    assert not any("Tổng số nhiệm vụ phải bằng" in f.message for f in findings)    # not summed as 2 or 0
    assert blocking_findings(findings) == bad


def test_a_bad_cell_is_never_summed(pack, sample_draft):
    rows = sample_draft.tables["nhiem-vu-theo-don-vi"]
    before = table_values(pack.tables["nhiem-vu-theo-don-vi"], rows)[1]["dung_han"]
    first = rows[0]["dung_han"]
    rows[0]["dung_han"] = "2,5"                 # an integer column: not 2.5 tasks, not 2
    values, totals = table_values(pack.tables["nhiem-vu-theo-don-vi"], rows)
    assert values[0]["dung_han"] == "2,5"
    assert totals["dung_han"] == before - first
    findings = [f for f in check_draft(sample_draft, pack) if f.rule == RULE_INVALID_VALUE]
    assert findings and findings[0].row == 1 and "Phụ lục 01, dòng 1" in findings[0].message


def test_cli_export_refuses_a_bad_figure_even_with_chua_du(tmp_path, sample_draft):
    from baocao.storage import save_draft

    sample_draft.section("nhiem-vu-cap-tren").fields["tong"] = "12a"
    path = tmp_path / "so-sai.baocao"
    save_draft(sample_draft, path)
    out = tmp_path / "ra.docx"
    for extra in ([], ["--chua-du"]):
        run = run_cli("export", str(path), "-o", str(out), *extra)
        assert run.returncode == 2
        assert "«12a»" in run.stderr and "Chưa xuất tệp" in run.stderr
        assert not out.exists()
    check = run_cli("check", str(path))
    assert check.returncode == 1 and "«12a»" in check.stdout
