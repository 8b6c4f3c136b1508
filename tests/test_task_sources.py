"""Sources of tasks (issue 13 item 1): declared in the pack, one set of numbers for I.1.a, I.3.a, Phụ lục 01/02.

The exported .docx is read back by docx2python and checked by the Open XML SDK validator; the
pack's declarations are checked for a maintainer's mistakes; a draft written before this change
(free-text sources) exports the same text as the code before it did (fixture written by that code).
"""

from __future__ import annotations

import json
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from docx2python import docx2python
from helpers import flatten, run_cli
from ooxml_support import validate_docx
from openpyxl import Workbook

from baocao.errors import TemplateError
from baocao.tables.cells import read_cell
from baocao.tables.mapping import ImportRefused, auto_mapping, convert
from baocao.tables.paste import PasteError, paste_block
from baocao.tables.sources import read_source
from baocao.tables.views import TableView
from baocao.template import load_pack
from baocao.template.manifest import load_manifest

TABLE = "nhiem-vu-theo-van-ban"
GOV_LABEL = "Nhiệm vụ Chính phủ, Thủ tướng Chính phủ giao (theo Quy chế 42)"
FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def pack():
    return load_pack("bao-cao-6-thang")


def _read(path: Path) -> tuple[list[str], list[list[str]]]:
    """Paragraph texts and the rows of every table of 8 columns or more (the appendices)."""
    with docx2python(path) as reader:
        body = reader.body
    paragraphs = [re.sub(r"\s+", " ", " ".join(flatten(p))).strip() for t in body for row in t for c in row for p in c]
    rows = [[" ".join(flatten(c)).strip() for c in row] for t in body for row in t if len(row) >= 8]
    return paragraphs, rows


def _numbers(text: str) -> list[int]:
    return [int(n.replace(".", "")) for n in re.findall(r"\d[\d.]*(?=\D|$)", text) if not n.endswith(".")]


# ---------------------------------------------------------------- the pack's declaration
def test_the_source_column_is_a_choice_of_declared_sources(pack):
    column = pack.tables[TABLE].column("nguon")
    assert column.type == "choice"
    keys = [c.key for c in column.choices]
    assert keys[:1] == ["chinh-phu"] and {"chuong-trinh", "ke-hoach"} <= set(keys)
    assert column.choices[0].section == "nhiem-vu-cap-tren"


def test_reading_a_source_cell_maps_label_key_or_alias_and_refuses_an_unknown_one(pack):
    column = pack.tables[TABLE].column("nguon")
    assert read_cell(column, "chinh-phu").stored == "chinh-phu"
    assert read_cell(column, "  nhiệm vụ chính phủ, thủ tướng  chính phủ giao (theo quy chế 42) ").stored == "chinh-phu"
    assert read_cell(column, "Quy chế 42").stored == "chinh-phu"
    assert read_cell(column, "Chương trình công tác năm của UBND tỉnh").stored == "chuong-trinh"
    bad = read_cell(column, "Nguồn tự ghi")
    assert bad.stored == "Nguồn tự ghi" and "không phải một lựa chọn của cột «Nguồn nhiệm vụ»" in bad.error
    assert "«chinh-phu»" in bad.error


def _pack_copy(tmp_path: Path, old: str, new: str) -> Path:
    root = tmp_path / "bao-cao-6-thang"
    shutil.copytree(ROOT / "templates" / "bao-cao-6-thang", root)
    manifest = root / "manifest.toml"
    text = manifest.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    manifest.write_text(text.replace(old, new), encoding="utf-8")
    return root


@pytest.mark.parametrize("old, new, words", [
    ('key = "chinh-phu"', 'key = "Chính phủ"', "mã lựa chọn «Chính phủ» không hợp lệ"),
    ('section = "nhiem-vu-cap-tren"', 'section = "khong-co"', "không phải mã của một mục"),
    ('trong_han = "chua_hoan_thanh - qua_han"', 'trong_han = "chua_hoan_thanh - tre_han"', "tre_han"),
    ('qua_han = "qua_han" }', 'qua_han = "qua_han", ghi = "tong" }', "không có trường số «ghi»"),
    ('aliases = ["Chương trình công tác",', 'aliases = ["Quy chế 42",', "«Quy chế 42» vừa chỉ lựa chọn «chinh-phu»"),
    ('label = "Ý kiến chỉ đạo của Chủ tịch, các Phó Chủ tịch UBND tỉnh"', 'labl = "x"', "khóa không hợp lệ: labl"),
])
def test_a_maintainers_mistake_in_the_sources_is_named_in_vietnamese(tmp_path, old, new, words):
    root = _pack_copy(tmp_path, old, new)
    with pytest.raises(TemplateError) as caught:
        load_manifest(root)
    assert words in caught.value.message, caught.value.message


def test_a_maintainer_adds_a_source_without_code(tmp_path, sample_draft):
    root = _pack_copy(tmp_path, '    [[tables.columns.choices]]\n    key = "chi-dao"',
                      '    [[tables.columns.choices]]\n    key = "bo-nganh"\n    label = "Bộ, ngành Trung ương đề nghị"\n\n'
                      '    [[tables.columns.choices]]\n    key = "chi-dao"')
    pack = load_manifest(root)
    rows = sample_draft.tables[TABLE] + [{"van_ban": "Công văn số 1/BTC", "nguon": "Bộ, ngành Trung ương đề nghị",
                                          "hoan_thanh": 2, "chua_hoan_thanh": 1}]
    view = TableView(pack.tables[TABLE], rows)
    group = view.nguon("bo-nganh")
    assert group.so_dong == 1 and group.tong("tong") == 3 and group.ten == "Bộ, ngành Trung ương đề nghị"
    assert [g.ma for g in view.nhom] == ["chinh-phu", "chuong-trinh", "ke-hoach", "bo-nganh"]


# ---------------------------------------------------------------- the template API
def test_per_source_figures_through_bang_nguon(pack, sample_draft):
    view = TableView(pack.tables[TABLE], sample_draft.tables[TABLE])
    gov = view.nguon("chinh-phu")
    assert (gov.so_dong, gov.ten, gov.ma) == (4, GOV_LABEL, "chinh-phu")
    assert [gov.tong(k) for k in ("tong", "hoan_thanh", "ht_qua_han", "chua_hoan_thanh", "qua_han", "gia_han")] == \
        [19, 5, 0, 14, 0, 0]
    assert gov.hien("ty_le") == "26,3"
    empty = view.nguon("tinh-uy-hdnd")                 # declared, no rows: a group of zeros
    assert empty.so_dong == 0 and empty.tong("tong") == 0 and empty.hien("ty_le") == "-"
    with pytest.raises(KeyError, match="không có nguồn «khong-co»"):
        view.nguon("khong-co")
    assert TableView(pack.tables[TABLE], sample_draft.tables[TABLE]).nhom[0].ma == "chinh-phu"


# ---------------------------------------------------------------- paste and import
def test_paste_maps_a_source_label_and_refuses_an_unknown_one_naming_row_and_column(pack):
    spec = pack.tables[TABLE]
    start = [c.key for c in spec.columns].index("van_ban")
    result = paste_block(spec, [], "Chỉ thị số 07/CT-TTg\tQuy chế 42\t1\t0\t2\n", 0, start)
    assert result.rows == [{"van_ban": "Chỉ thị số 07/CT-TTg", "nguon": "chinh-phu", "hoan_thanh": 1,
                            "ht_qua_han": 0, "chua_hoan_thanh": 2}]
    with pytest.raises(PasteError) as caught:
        paste_block(spec, [], "A\tchinh-phu\t1\nB\tBộ Tài chính\t2\n", 0, start)
    assert "Dòng 2, cột «Nguồn nhiệm vụ»: «Bộ Tài chính»" in caught.value.message


def _pl02_xlsx(path: Path, sources: list[str]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(["STT", "Văn bản giao nhiệm vụ", "Nguồn nhiệm vụ", "Đã hoàn thành/Tổng số", "Chưa hoàn thành/Tổng số"])
    for index, source in enumerate(sources, start=1):
        ws.append([index, f"Văn bản {index}", source, index, 1])
    wb.save(path)
    return path


def test_xlsx_import_maps_labels_to_sources_and_names_the_cell_of_an_unknown_one(pack, tmp_path):
    spec = pack.tables[TABLE]
    source = read_source(_pl02_xlsx(tmp_path / "pl02.xlsx", [GOV_LABEL, "ke-hoach", "Chương trình công tác"]))
    plan = convert(spec, source, auto_mapping(spec, source.headers))
    assert [r["nguon"] for r in plan.rows] == ["chinh-phu", "ke-hoach", "chuong-trinh"]
    source = read_source(_pl02_xlsx(tmp_path / "bad.xlsx", ["chinh-phu", "Sở Tài chính đề nghị"]))
    with pytest.raises(ImportRefused) as caught:
        convert(spec, source, auto_mapping(spec, source.headers))
    assert "Dòng 3, cột C «Nguồn nhiệm vụ»: «Sở Tài chính đề nghị»" in caught.value.message


def test_cli_table_import_reads_sources_and_refuses_an_unknown_one(tmp_path, draft_path):
    bad = _pl02_xlsx(tmp_path / "bad.xlsx", ["Quy chế 42", "Bộ Tài chính đề nghị"])
    run = run_cli("table", "import", str(draft_path), "--table", TABLE, str(bad))
    assert run.returncode != 0 and "Traceback" not in run.stderr
    assert "Dòng 3, cột C «Nguồn nhiệm vụ»: «Bộ Tài chính đề nghị»" in run.stderr + run.stdout
    good = _pl02_xlsx(tmp_path / "good.xlsx", ["Quy chế 42", "chuong-trinh"])
    run = run_cli("table", "import", str(draft_path), "--table", TABLE, str(good))
    assert run.returncode == 0, run.stderr
    from baocao.storage import load_any

    assert [r["nguon"] for r in load_any(draft_path).tables[TABLE]] == ["chinh-phu", "chuong-trinh"]


# ---------------------------------------------------------------- one set of numbers in the export
def test_sample_export_i1a_i3a_and_both_appendices_agree(tmp_path, sample_draft):
    from baocao.storage import save_draft

    sample_draft.section("nhiem-vu-cap-tren").fields.clear()    # nothing typed: the figures can only be the table's
    draft_path = tmp_path / "mau.baocao"
    save_draft(sample_draft, draft_path)
    out = tmp_path / "bao-cao.docx"
    run = run_cli("export", str(draft_path), "-o", str(out))
    assert run.returncode == 0, run.stderr
    assert validate_docx(out) == []
    paragraphs, rows = _read(out)
    # Phụ lục 02: group I is the government's tasks; its «Cộng» row
    heading = rows.index(["I", GOV_LABEL, "", "", "", "", "", "", "", ""])
    subtotal = next(r for r in rows[heading:] if r[1] == "Cộng")
    total_02 = next(r for r in rows if r[1] == "Tổng cộng" and len(r) == 10)
    total_01 = next(r for r in rows if r[1] == "Tổng cộng" and len(r) == 8)
    tong, hoan_thanh, ht_qua_han, chua, qua_han, gia_han = (int(x) for x in subtotal[2:8])
    rate = subtotal[8]
    # I.1.a: every figure of the sentence is the sub-total row's
    i1a = next(p for p in paragraphs if p.startswith("Về thực hiện nhiệm vụ Chính phủ"))
    assert (f"tổng số nhiệm vụ được giao là {tong:02d} nhiệm vụ; đã hoàn thành {hoan_thanh:02d} nhiệm vụ, "
            f"đạt {rate}%; chưa hoàn thành {chua:02d} nhiệm vụ, đều còn trong hạn. Chi tiết tại Phụ lục 02") in i1a
    assert (tong, hoan_thanh, chua, qua_han, ht_qua_han, gia_han) == (19, 5, 14, 0, 0, 0)   # the reference's I.1.a
    # I.3.a: Phụ lục 01's totals, then Phụ lục 02's
    i3a = next(p for p in paragraphs if "giao cho các cơ quan, đơn vị, địa phương là" in p)
    p01 = [int(x.replace(".", "")) for x in total_01[2:7]]
    assert f"là {total_01[2]} nhiệm vụ" in i3a and f"đạt {total_01[7]}%" in i3a
    assert f"đúng hạn {total_01[3]}, quá hạn {total_01[4]}" in i3a
    assert f"còn trong hạn {total_01[5]}, quá hạn {total_01[6]}" in i3a
    assert p01[0] == sum(p01[1:]) == 2573
    pl02 = next(p for p in paragraphs if p.startswith("Kết quả thực hiện nhiệm vụ theo từng văn bản"))
    assert (f"tổng số {total_02[2]} nhiệm vụ (gồm cả {tong:02d} nhiệm vụ Chính phủ" in pl02
            and f"đã hoàn thành {total_02[3]} nhiệm vụ (đạt {total_02[8]}%), chưa hoàn thành {total_02[5]} nhiệm vụ"
            in pl02), pl02
    # the government documents are listed once (Phụ lục 02), not again as I.3.a's dashes
    assert not any(p.startswith("- Nghị quyết số 01/NQ-CP") and "tổng số" in p for p in paragraphs)


def test_i1a_states_completed_late_and_extensions_when_there_are_some(pack, sample_draft):
    from baocao.render import render_draft

    rows = sample_draft.tables[TABLE]
    first = next(r for r in rows if r["nguon"] == "chinh-phu")
    first.update({"ht_qua_han": 1, "qua_han": 2, "gia_han": 3})
    text = next(b.plain_text() for b in render_draft(sample_draft, pack).body
                if hasattr(b, "plain_text") and b.plain_text().startswith("Về thực hiện nhiệm vụ Chính phủ"))
    assert "đã hoàn thành 05 nhiệm vụ, đạt 26,3% (đúng hạn 04, quá hạn 01)" in text
    assert "chưa hoàn thành 14 nhiệm vụ (còn trong hạn 12, quá hạn 02); trong đó 03 nhiệm vụ đã xin gia hạn" in text


# ---------------------------------------------------------------- checks
def test_typed_fields_that_disagree_with_the_table_are_reported(pack, sample_draft):
    from baocao.checks import check_draft
    from baocao.tables.linked import RULE_FIELD_VS_TABLE, computed_field_keys

    assert computed_field_keys(sample_draft, pack, "nhiem-vu-cap-tren") == {"tong", "hoan_thanh", "trong_han", "qua_han"}
    assert not [f for f in check_draft(sample_draft, pack) if f.rule == RULE_FIELD_VS_TABLE]   # 19 / 05 / 14 / 0 agree
    fields = sample_draft.section("nhiem-vu-cap-tren").fields
    fields["tong"] = 21
    del fields["hoan_thanh"]                       # not needed while the table has the rows: no "chưa nhập"
    findings = check_draft(sample_draft, pack)
    found = [f for f in findings if f.rule == RULE_FIELD_VS_TABLE]
    assert len(found) == 1 and found[0].field == "tong" and found[0].severity == "warning"
    assert "đã nhập 21, nhưng Phụ lục 02" in found[0].message and "tính ra 19" in found[0].message
    assert not [f for f in findings if f.where == "nhiem-vu-cap-tren" and f.severity == "error"]


def test_an_unknown_source_is_kept_printed_in_its_own_group_and_reported(pack, sample_draft):
    from baocao.checks import check_draft
    from baocao.render.tables import build_table
    from baocao.tables.rules import RULE_UNKNOWN_CHOICE

    sample_draft.tables[TABLE][-1]["nguon"] = "Nguồn tự ghi của tỉnh"
    table = build_table(pack.tables[TABLE], sample_draft.tables[TABLE])
    assert ["IV", "Nguồn tự ghi của tỉnh", "", "", "", "", "", "", "", ""] in table.rows
    found = [f for f in check_draft(sample_draft, pack) if f.rule == RULE_UNKNOWN_CHOICE]
    assert len(found) == 1 and found[0].row == len(sample_draft.tables[TABLE]) and found[0].severity == "warning"


# ---------------------------------------------------------------- drafts written before this change
OLD_DRAFT = FIXTURES / "task-sources" / "draft-free-text-sources.baocao"


def test_a_draft_with_free_text_sources_exports_what_the_previous_version_did(tmp_path):
    draft = tmp_path / "cu.baocao"
    shutil.copy(OLD_DRAFT, draft)
    out = tmp_path / "cu.docx"
    run = run_cli("export", str(draft), "-o", str(out))
    assert run.returncode == 0, run.stderr
    assert validate_docx(out) == []
    before = json.loads((FIXTURES / "task-sources" / "free-text-export-before.json").read_text(encoding="utf-8"))
    paragraphs, rows = _read(out)
    assert rows == before["table_rows"]
    assert ["III", "Văn bản chỉ đạo khác của tỉnh", "", "", "", "", "", "", "", ""] in rows   # unknown: kept, shown
    for paragraph in before["paragraphs"]:
        assert paragraph in paragraphs, paragraph


def test_a_free_text_draft_opens_with_its_text_kept_and_read_as_sources(pack, tmp_path):
    from baocao.checks import check_draft
    from baocao.session import DraftSession
    from baocao.storage import load_any, save_draft
    from baocao.tables.rules import RULE_UNKNOWN_CHOICE

    draft = tmp_path / "cu.baocao"
    shutil.copy(OLD_DRAFT, draft)
    session = DraftSession.open(draft, read_only=True, threaded=False)
    try:
        rows = session.draft.tables[TABLE]
        view = TableView(pack.tables[TABLE], rows)
        assert [g.ma for g in view.nhom] == ["chuong-trinh", "ke-hoach", ""]
        assert view.nhom[2].ten == "Văn bản chỉ đạo khác của tỉnh"
        assert view.nguon("chinh-phu").so_dong == 0         # no government rows: I.1.a uses the typed fields
        assert view.nguon("ke-hoach").tong("tong") == Decimal(53)
        found = [f for f in check_draft(session.draft, pack) if f.rule == RULE_UNKNOWN_CHOICE]
        assert [(f.row, f.text) for f in found] == [(5, "Văn bản chỉ đạo khác của tỉnh")]
        copy = tmp_path / "lai.baocao"
        save_draft(session.draft, copy)                     # saved again: every stored text is still there
        assert [r.get("nguon") for r in load_any(copy).tables[TABLE]] == [r.get("nguon") for r in rows]
        assert rows[0]["nguon"] == "Chương trình công tác năm của UBND tỉnh"
    finally:
        session.close()
