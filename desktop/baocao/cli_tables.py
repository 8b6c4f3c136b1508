"""``baocao table import``: fill an appendix table from a .xlsx/.csv file (no window, no Qt).

    baocao table import DRAFT --table ID FILE.xlsx|csv [--sheet S] [--map HEADER=KEY …] [--append] [--dry-run]

Headers equal to a column's key, header text or ``GROUP/HEADER`` map
themselves; ``--map`` says the rest.  Nothing is imported when a cell is bad
(the message names its row and column).  The draft is changed in place, after
a named version keeps the state before.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from .errors import BaocaoError

#: the name of the version saved before an import
VERSION_NAME = "Trước khi nhập bảng {table} từ {file}"


class TableCliError(BaocaoError):
    """``baocao table`` cannot run as asked (no such draft or table …)."""


def _open(path: str, dry_run: bool):
    from .cli_drafts import open_draft

    return open_draft(path, TableCliError, read_only=dry_run, action="nhập bảng tại chỗ", dry_run_hint=True)


def _spec(session, table_id: str):
    spec = session.pack.tables.get(table_id)
    if spec is None:
        known = ", ".join(session.pack.tables) or "(không có)"
        raise TableCliError(f"Mẫu «{session.pack.id}» không có bảng «{table_id}».", f"Các bảng có: {known}.")
    return spec


def _unique(mapping: dict[int, str]) -> dict[int, str]:
    """One source column per table column: a key given by --map wins over the same key found by name."""
    out: dict[int, str] = {}
    for index, key in mapping.items():
        out = {i: k for i, k in out.items() if k != key}
        out[index] = key
    return out


def cmd_table_import(args: argparse.Namespace) -> int:
    """Import the rows of a table from a spreadsheet file (all or nothing) and save."""
    from .edits import SetTableRows
    from .tables.mapping import auto_mapping, convert, parse_map_options
    from .tables.sources import read_source

    source = read_source(args.source, args.sheet)
    probe = _open(args.file, True)             # read-only: a refused import leaves the file untouched
    try:
        spec = _spec(probe, args.table)
        mapping = auto_mapping(spec, source.headers)
        if args.map:
            given = parse_map_options(spec, source.headers, args.map)
            mapping = _unique({**{i: k for i, k in mapping.items() if i not in given}, **given})
        plan = convert(spec, source, mapping)
    finally:
        probe.close()
    for index, key in sorted(plan.mapping.items()):
        column = spec.column(key)
        print(f"«{source.headers[index]}» → {key} ({column.header if column else key})")
    unmapped = [h for i, h in enumerate(source.headers) if h and i not in plan.mapping]
    if unmapped:
        print("Không nhập: " + "; ".join(f"«{h}»" for h in unmapped))
    if plan.skipped_totals:
        print("Bỏ qua dòng tổng (chương trình tự tính): " + ", ".join(str(n) for n in plan.skipped_totals))
    if args.dry_run:
        print(f"Sẽ nhập {len(plan.rows)} dòng vào bảng «{spec.id}» (chạy thử, chưa ghi gì).")
        return 0
    session = _open(args.file, False)
    try:
        old = session.draft.tables.get(spec.id, [])
        rows = [*old, *plan.rows] if args.append else plan.rows
        session.save_named_version(VERSION_NAME.format(table=spec.id, file=Path(args.source).name))
        edit = SetTableRows.make(session.draft, spec.id, rows)
        edit.label = "Nhập bảng từ tệp"
        session.apply(edit)
        session.save()
    finally:
        session.close()
    print(f"Đã nhập {len(plan.rows)} dòng vào bảng «{spec.id}» của «{args.file}». Bản trước khi nhập được giữ "
          "thành phiên bản có tên (cửa sổ: Tệp → Lịch sử phiên bản).")
    return 0


def register(sub) -> None:
    """Add ``baocao table …`` to the ``baocao`` parser."""
    table = sub.add_parser("table", help="bảng phụ lục: nhập từ tệp Excel (.xlsx) hoặc .csv")
    verbs = table.add_subparsers(dest="table_command", metavar="VIỆC", required=True)
    p = verbs.add_parser("import", help="nhập các dòng của một bảng từ tệp .xlsx/.csv (có lưu phiên bản trước)",
                         description="Nhập các dòng của một bảng phụ lục từ tệp .xlsx hoặc .csv. Tiêu đề cột trùng với "
                                     "mã cột, tên cột hoặc «NHÓM/TÊN» (cột dưới tiêu đề gộp) tự ghép; các cột khác ghép "
                                     "bằng --map. Một ô sai thì không nhập gì. Bản thảo được sửa tại chỗ, sau khi lưu "
                                     "một phiên bản có tên.")
    p.add_argument("file", metavar="BẢN_THẢO", help="tệp bản thảo (.baocao)")
    p.add_argument("source", metavar="TỆP", help="tệp .xlsx hoặc .csv (UTF-8 hoặc Windows-1258)")
    p.add_argument("--table", "--bang", required=True, metavar="MÃ", help="mã bảng, ví dụ nhiem-vu-theo-don-vi")
    p.add_argument("--sheet", "--trang", metavar="TÊN", help="tên trang tính của tệp .xlsx (mặc định: trang đầu)")
    p.add_argument("--map", "--ghep", action="append", default=[], metavar="TIÊU_ĐỀ=MÃ",
                   help="ghép cột của tệp với cột của bảng, ví dụ --map \"Đã hoàn thành/Đúng hạn=dung_han\" "
                        "(dùng nhiều lần)")
    p.add_argument("--append", "--them", action="store_true", help="thêm vào sau các dòng đang có (mặc định: thay hết)")
    p.add_argument("--dry-run", "--thu", action="store_true", help="chỉ in những gì sẽ nhập, không sửa bản thảo")
    p.set_defaults(func=cmd_table_import)
