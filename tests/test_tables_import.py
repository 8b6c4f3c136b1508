"""Import of appendix tables from files made by other tools (issue 13 item 3, item 7's ``baocao table import``).

The .xlsx files are written by openpyxl with merged header cells and number
formats; the CSV files are encoded by Python's codecs (UTF-8 with BOM, Windows-1258
with its combining tone marks); the exported .docx is read back with docx2python.
"""

from __future__ import annotations

import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from openpyxl import Workbook

from baocao.tables.mapping import ImportRefused, MappingError, auto_mapping, convert, parse_map_options
from baocao.tables.sources import SourceError, read_source

ROOT = Path(__file__).resolve().parents[1]
UNITS = [("Sở Kế hoạch và Đầu tư", 258, 19, 35, 3), ("Sở Tài chính", 228, 11, 30, 1),
         ("Sở Nội vụ", 134, 7, 18, 1), ("UBND phường Nam Gia Nghĩa", 133, 7, 18, 2)]


def write_pl01_xlsx(path: Path, bad: str | None = None) -> Path:
    """Phụ lục 01 as a department sends it: title and subtitle lines, a blank line, a two-row header with
    merged groups (rows 4–5), data from row 6 with number formats, the file's own total row at the end."""
    wb = Workbook()
    ws = wb.active
    ws.title = "PL01"
    wb.create_sheet("Ghi chú")["A1"] = "Không có gì"
    ws["A1"] = "PHỤ LỤC 01 - KẾT QUẢ THỰC HIỆN NHIỆM VỤ"
    ws.merge_cells("A1:G1")
    ws["A2"] = "(Kèm theo Báo cáo số …/BC-UBND)"
    ws.merge_cells("A2:G2")
    top = ["STT", "Cơ quan, đơn vị, địa phương", "Tổng số nhiệm vụ được giao", "Đã hoàn thành", None,
           "Chưa hoàn thành", None]
    below = [None, None, None, "Đúng hạn", "Quá hạn", "Còn trong hạn", "Quá hạn"]
    for column, (a, b) in enumerate(zip(top, below), start=1):
        ws.cell(row=4, column=column, value=a)
        ws.cell(row=5, column=column, value=b)
    for cells in ("A4:A5", "B4:B5", "C4:C5", "D4:E4", "F4:G4"):
        ws.merge_cells(cells)
    for index, (unit, *numbers) in enumerate(UNITS, start=1):
        row = 5 + index
        ws.cell(row=row, column=1, value=index)
        ws.cell(row=row, column=2, value=unit)
        ws.cell(row=row, column=3, value=sum(numbers)).number_format = "#,##0"
        for offset, number in enumerate(numbers):
            ws.cell(row=row, column=4 + offset, value=number).number_format = "#,##0"
    if bad is not None:
        ws.cell(row=7, column=4, value=bad)
    total = 6 + len(UNITS)
    ws.cell(row=total, column=2, value="Tổng cộng")
    ws.cell(row=total, column=3, value=f"=SUM(C6:C{total - 1})")
    wb.save(path)
    return path


def write_money_xlsx(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(["Văn bản giao nhiệm vụ", "Đã hoàn thành", "Chưa hoàn thành", "Kinh phí"])
    ws.append(["Kế hoạch số 26/KH-UBND", 16, 4, 173235.0])
    ws["D2"].number_format = "#,##0.0"
    wb.save(path)
    return path


def to_cp1258(text: str) -> bytes:
    """Vietnamese the way Windows-1258 writes it: vowel letters precomposed, tone marks combining."""
    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    out, cluster = [], ""
    for char in unicodedata.normalize("NFD", text) + "\0":
        if unicodedata.combining(char) and cluster:
            cluster += char
            continue
        if cluster:
            base = unicodedata.normalize("NFC", cluster[0] + "".join(c for c in cluster[1:] if c not in tones))
            out.append(base + "".join(c for c in cluster[1:] if c in tones))
        cluster = char
    return "".join(out).encode("cp1258")


CSV_TEXT = ("Cơ quan, đơn vị, địa phương;Đúng hạn;Quá hạn hoàn thành;Còn trong hạn;Quá hạn chưa xong\n"
            "Sở Kế hoạch và Đầu tư;258;19;35;3\nSở Tài nguyên và Môi trường;1.286;20;38;4\n")


@pytest.fixture
def spec(pack):
    return pack.tables["nhiem-vu-theo-don-vi"]


# ------------------------------------------------------------------ reading files
def test_xlsx_with_merged_group_headers_and_a_title_row(tmp_path, spec):
    source = read_source(write_pl01_xlsx(tmp_path / "pl01.xlsx"))
    assert source.headers == ["STT", "Cơ quan, đơn vị, địa phương", "Tổng số nhiệm vụ được giao",
                              "Đã hoàn thành/Đúng hạn", "Đã hoàn thành/Quá hạn", "Chưa hoàn thành/Còn trong hạn",
                              "Chưa hoàn thành/Quá hạn"]
    assert source.sheet == "PL01" and source.sheets == ["PL01", "Ghi chú"]
    mapping = auto_mapping(spec, source.headers)
    assert mapping == {1: "don_vi", 3: "dung_han", 4: "qua_han_hoan_thanh", 5: "trong_han", 6: "qua_han_chua"}
    plan = convert(spec, source, mapping)
    assert plan.rows[0] == {"don_vi": "Sở Kế hoạch và Đầu tư", "dung_han": 258, "qua_han_hoan_thanh": 19,
                            "trong_han": 35, "qua_han_chua": 3}
    assert len(plan.rows) == 4 and plan.skipped_totals == [10]       # the file's own total row is recomputed


def test_decimal_number_format_keeps_its_value_exactly(tmp_path, make_pack):
    pack = make_pack("""
        [pack]
        id = "goi-thu"
        name = "Gói thử"
        [[sections]]
        id = "mot"
        title = "Một"
        [[tables]]
        id = "bang"
          [[tables.columns]]
          key = "van_ban"
          header = "Văn bản giao nhiệm vụ"
          [[tables.columns]]
          key = "kinh_phi"
          header = "Kinh phí"
          type = "decimal"
          decimals = 1
        """)
    source = read_source(write_money_xlsx(tmp_path / "tien.xlsx"))
    plan = convert(pack.tables["bang"], source, auto_mapping(pack.tables["bang"], source.headers))
    assert plan.rows == [{"van_ban": "Kế hoạch số 26/KH-UBND", "kinh_phi": "173235"}]      # the cell's exact value
    from baocao.render.tables import build_table
    assert build_table(pack.tables["bang"], plan.rows).rows[0][1] == "173.235,0"


def test_csv_utf8_with_bom_and_semicolons(tmp_path, spec):
    path = tmp_path / "bom.csv"
    path.write_bytes(CSV_TEXT.encode("utf-8-sig"))
    source = read_source(path)
    assert source.encoding == "utf-8-sig" and source.headers[0] == "Cơ quan, đơn vị, địa phương"
    mapping = parse_map_options(spec, source.headers, ["Quá hạn hoàn thành=qua_han_hoan_thanh",
                                                       "Quá hạn chưa xong=qua_han_chua"])
    mapping = {**auto_mapping(spec, source.headers), **mapping}
    plan = convert(spec, source, mapping)
    assert plan.rows[1] == {"don_vi": "Sở Tài nguyên và Môi trường", "dung_han": 1286, "qua_han_hoan_thanh": 20,
                            "trong_han": 38, "qua_han_chua": 4}


def test_csv_in_windows_1258_is_detected_and_normalised(tmp_path, spec):
    data = to_cp1258(CSV_TEXT)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")                                   # really not UTF-8
    path = tmp_path / "cp1258.csv"
    path.write_bytes(data)
    source = read_source(path)
    assert source.encoding == "cp1258"
    assert source.headers[0] == "Cơ quan, đơn vị, địa phương"   # NFC, equal to the pack's header
    assert source.rows[1][0] == "Sở Tài nguyên và Môi trường"
    assert auto_mapping(spec, source.headers)[0] == "don_vi"


def test_unreadable_files_say_what_to_do(tmp_path):
    fake = tmp_path / "bang.xlsx"
    fake.write_bytes(b"not a zip")
    with pytest.raises(SourceError, match="không phải tệp Excel"):
        read_source(fake)
    with pytest.raises(SourceError, match=r"\.xlsx hoặc \.csv"):
        read_source(tmp_path / "bang.ods")
    with pytest.raises(SourceError, match="không có trang tính «Sai»"):
        read_source(write_pl01_xlsx(tmp_path / "x.xlsx"), "Sai")


# ------------------------------------------------------------------ all or nothing
def test_a_bad_cell_refuses_the_import_with_its_row_and_column(tmp_path, spec):
    source = read_source(write_pl01_xlsx(tmp_path / "bad.xlsx", bad="2,5 nv"))
    with pytest.raises(ImportRefused) as info:
        convert(spec, source, auto_mapping(spec, source.headers))
    assert len(info.value.problems) == 1
    assert "Dòng 7, cột D «Đã hoàn thành/Đúng hạn»: «2,5 nv»" in info.value.message
    assert "chưa nhập gì" in info.value.message


def test_mapping_mistakes(spec):
    headers = ["Đơn vị", "Tổng"]
    with pytest.raises(MappingError, match="không có cột tiêu đề «Khác»"):
        parse_map_options(spec, headers, ["Khác=don_vi"])
    with pytest.raises(MappingError, match="tự tính"):
        parse_map_options(spec, headers, ["Tổng=tong"])
    with pytest.raises(MappingError, match="không có cột «x»"):
        parse_map_options(spec, headers, ["Đơn vị=x"])


# ------------------------------------------------------------------ the command
def _baocao(*args: str) -> subprocess.CompletedProcess:
    import os

    env = dict(os.environ, PYTHONPATH=str(ROOT / "desktop"))
    return subprocess.run([sys.executable, "-m", "baocao", *args], capture_output=True, text=True, env=env,
                          timeout=120)


def test_cli_table_import_saves_a_version_first_and_changes_the_draft(tmp_path, draft_path):
    from baocao.session import DraftSession

    xlsx = write_pl01_xlsx(tmp_path / "pl01.xlsx")
    run = _baocao("table", "import", str(draft_path), "--table", "nhiem-vu-theo-don-vi", str(xlsx))
    assert run.returncode == 0, run.stderr
    assert "«Đã hoàn thành/Đúng hạn» → dung_han" in run.stdout and "Đã nhập 4 dòng" in run.stdout
    session = DraftSession.open(draft_path, read_only=True, threaded=False)
    try:
        rows = session.draft.tables["nhiem-vu-theo-don-vi"]
        assert [r["don_vi"] for r in rows] == [u[0] for u in UNITS]
        named = [v for v in session.versions() if v.name and v.name.startswith("Trước khi nhập bảng")]
        assert named, [v.name for v in session.versions()]
        before = session.view_version(named[0].id)
        assert len(before.tables["nhiem-vu-theo-don-vi"]) == 16          # the sample's rows, kept
    finally:
        session.close()


def test_cli_refuses_bad_cells_and_changes_nothing(tmp_path, draft_path):
    before = draft_path.read_bytes()
    xlsx = write_pl01_xlsx(tmp_path / "bad.xlsx", bad="hai")
    run = _baocao("table", "import", str(draft_path), "--table", "nhiem-vu-theo-don-vi", str(xlsx))
    assert run.returncode != 0
    assert "Dòng 7, cột D" in run.stderr and "Traceback" not in run.stderr
    assert draft_path.read_bytes() == before
    run = _baocao("table", "import", str(draft_path), "--table", "khong-co", str(xlsx))
    assert run.returncode != 0 and "không có bảng «khong-co»" in run.stderr


def test_cli_map_option_and_dry_run(tmp_path, draft_path):
    path = tmp_path / "bom.csv"
    path.write_bytes(CSV_TEXT.encode("utf-8-sig"))
    before = draft_path.read_bytes()
    run = _baocao("table", "import", str(draft_path), "--table", "nhiem-vu-theo-don-vi", str(path),
                  "--map", "Quá hạn hoàn thành=qua_han_hoan_thanh", "--map", "Quá hạn chưa xong=qua_han_chua",
                  "--dry-run")
    assert run.returncode == 0, run.stderr
    assert "«Quá hạn chưa xong» → qua_han_chua" in run.stdout and "Sẽ nhập 2 dòng" in run.stdout
    assert draft_path.read_bytes() == before
