"""``baocao tim`` and ``baocao thay``: find and replace across a draft, headless (no Qt).

    baocao tim FILE "Dak Nong" --bo-dau          list every match, by section
    baocao thay FILE "Đắk Nông" "Lâm Đồng"       replace all in one step, saved with a version before it

Both search what the window's Ctrl+F searches: section bodies, footnotes,
text fields, table cells and the report details.  ``thay`` keeps a named
version "Trước khi thay …" in the file, so the change can be undone from
Tệp → Lịch sử phiên bản.
"""

from __future__ import annotations

import argparse
import json
import sys

from .errors import BaocaoError

VERSION_NAME = "Trước khi thay «{old}» bằng «{new}»"


class FindCliError(BaocaoError):
    """A find or replace command that cannot run as asked."""


def _options(args: argparse.Namespace):
    from .search import SearchOptions

    return SearchOptions(match_case=args.match_case, whole_word=args.whole_word, ignore_diacritics=args.no_marks)


def _order(pack) -> tuple[list[str], list[str]]:
    sections = [spec.id for spec in pack.sections]
    tables = [a.table for a in pack.appendices]
    return sections, tables


def _where(hit, pack) -> str:
    place = hit.place
    if place.kind == "meta":
        return f"thông tin báo cáo › {place.key}"
    if place.kind == "cell":
        return f"bảng {place.table} › hàng {place.row + 1} › cột {place.key}"
    title = pack.section(place.section).title if pack.has_section(place.section) else place.section
    if place.kind == "note":
        return f"{title} › chú thích {place.note + 1}"
    if place.kind == "field":
        return f"{title} › số liệu {place.key}"
    return f"{title} › đoạn {place.para + 1}"


def _query(text: str) -> str:
    if not text.strip():
        raise FindCliError("Chưa có chữ cần tìm.",
                           'Hãy ghi chữ cần tìm trong ngoặc kép, ví dụ: baocao tim bao-cao.baocao "Đắk Nông".')
    return text


def cmd_find(args: argparse.Namespace) -> int:
    """Print every match of the query; exit 1 when there is none."""
    from .search import find_in_draft
    from .storage import load_any
    from .template import load_pack

    draft = load_any(args.file)
    pack = load_pack(draft.template_id)
    sections, tables = _order(pack)
    hits = find_in_draft(draft, _query(args.query), _options(args), sections, tables,
                         pack.document.citation_date_style)
    if args.json:
        rows = [{"kind": h.place.kind, "section": h.place.section or None, "table": h.place.table or None,
                 "key": h.place.key or None, "paragraph": h.place.para, "note": h.place.note,
                 "row": h.place.row, "start": h.start, "end": h.end, "text": h.text, "context": h.context}
                for h in hits]
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        for hit in hits:
            print(f"{_where(hit, pack)}: {hit.context}")
        print(f"{len(hits)} kết quả." if hits else "Không tìm thấy.")
    return 0 if hits else 1


def cmd_replace(args: argparse.Namespace) -> int:
    """Replace every match in one step and save (a named version keeps the text before)."""
    from .search import find_in_draft, plan_replace
    from .cli_drafts import open_draft

    session = open_draft(args.file, FindCliError, read_only=args.dry_run, action="thay thế tại chỗ",
                         dry_run_hint=True)
    try:
        sections, tables = _order(session.pack)
        style = session.pack.document.citation_date_style
        hits = find_in_draft(session.draft, _query(args.query), _options(args), sections, tables, style)
        plan = plan_replace(session.draft, hits, args.replacement, sections, style)
        edit, count = plan.edit, plan.count
        if plan.skipped:
            print(f"{plan.skipped} chỗ nằm trong trích dẫn văn bản tự động nên không thay: sửa văn bản đó trong "
                  f"danh mục văn bản (cửa sổ: Báo cáo → Danh mục văn bản), mọi chỗ trích dẫn sẽ đổi theo.")
        if edit is None:
            print("Không tìm thấy chỗ nào để thay.")
            return 1
        for hit in hits:
            print(f"{_where(hit, session.pack)}: {hit.context}")
        if args.dry_run:
            print(f"Sẽ thay {count} chỗ (chạy thử, chưa ghi gì).")
            return 0
        session.save_named_version(VERSION_NAME.format(old=args.query, new=args.replacement))
        session.apply(edit)
        session.save()
    finally:
        session.close()
    print(f"Đã thay {count} chỗ trong «{args.file}». Bản trước khi thay được giữ thành phiên bản có tên "
          "(cửa sổ: Tệp → Lịch sử phiên bản).")
    return 0


def _search_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument("--hoa-thuong", "--match-case", dest="match_case", action="store_true",
                   help="phân biệt chữ hoa, chữ thường")
    p.add_argument("--nguyen-tu", "--whole-word", dest="whole_word", action="store_true",
                   help="chỉ khớp nguyên từ («an» không khớp «ban»)")
    p.add_argument("--bo-dau", "--ignore-diacritics", dest="no_marks", action="store_true",
                   help="bỏ qua dấu: «Dak Nong» khớp «Đắk Nông»")


def register(sub) -> None:
    """Add ``tim`` and ``thay`` to the command line."""
    p = sub.add_parser("tim", help="tìm trong toàn bộ bản thảo (nội dung, chú thích, số liệu, bảng, thông tin)")
    p.add_argument("file", help="tệp bản thảo (.baocao hoặc .json)")
    p.add_argument("query", help="chữ cần tìm")
    _search_flags(p)
    p.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    p.set_defaults(func=cmd_find)
    p = sub.add_parser("thay", help="thay thế tất cả trong bản thảo, một bước, giữ phiên bản trước khi thay")
    p.add_argument("file", help="tệp bản thảo .baocao")
    p.add_argument("query", help="chữ cần thay")
    p.add_argument("replacement", help="chữ thay vào")
    _search_flags(p)
    p.add_argument("--chay-thu", "--dry-run", dest="dry_run", action="store_true",
                   help="chỉ liệt kê các chỗ sẽ thay, không ghi")
    p.set_defaults(func=cmd_replace)
