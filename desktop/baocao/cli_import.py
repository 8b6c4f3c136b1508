"""Import commands (no window): ``baocao import`` and the ``--from`` of ``baocao new``.

    baocao import DRAFT FILE.docx [--dry-run] [--thay-the] [--map SỐ=MÃ_MỤC …]
    baocao new -o NEW.baocao --from PREVIOUS.baocao
"""

from __future__ import annotations

import argparse
from pathlib import Path

from .errors import BaocaoError


class ImportCliError(BaocaoError):
    """An import command that cannot run as asked (missing file, .json target, bad --map)."""


def _need_file(path: str, what: str) -> Path:
    from .cli_drafts import need_file

    return need_file(path, ImportCliError, what, "Hãy kiểm tra lại đường dẫn.")


def _apply_maps(plan, maps: list[str]) -> None:
    for item in maps:
        number, sep, section = item.partition("=")
        if not sep or not number.strip().isdigit() or not section.strip():
            raise ImportCliError(f"«--map {item}» không đúng dạng.",
                                 "Viết --map SỐ=MÃ_MỤC, ví dụ --map 3=uu-diem (số phần xem bằng --dry-run; "
                                 "mã mục «chua-xep-muc» là nội dung chưa xếp mục).")
        plan.set_piece_target(int(number), section.strip())


def cmd_import(args: argparse.Namespace) -> int:
    """Import a .docx report into a draft (a named version saved first); --dry-run prints the mapping only."""
    from .importing import MODE_APPEND, MODE_REPLACE, plan_import
    from .importing.constants import IMPORT_VERSION_NAME
    from .session import DraftSession

    draft_file = _need_file(args.file, "tệp bản thảo")
    source = _need_file(args.docx, "tệp Word")
    if draft_file.suffix.lower() == ".json" and not args.dry_run:
        raise ImportCliError("Tệp .json là tệp trao đổi, không có lịch sử phiên bản nên không nhập vào được.",
                             "Hãy mở tệp bằng cửa sổ và lưu thành tệp .baocao trước (hoặc dùng --dry-run để xem).")
    reading = DraftSession.open(draft_file, read_only=True, threaded=False)   # nothing is written until all is known
    try:
        plan = plan_import(reading.draft, reading.pack, source)
        plan.add_citations = not args.no_register
        _apply_maps(plan, args.map or [])
        reading_draft = reading.draft
        mode = MODE_REPLACE if args.replace else MODE_APPEND
        plan.edit(reading.draft, mode)               # bounds checked before the file is opened for writing
    finally:
        reading.close()
    print("\n".join(plan.describe(reading_draft)))
    if args.dry_run:
        print("(--dry-run: chưa thay đổi gì trong bản thảo.)")
        return 0
    session = DraftSession.open(draft_file, threaded=False)
    try:
        edit = plan.edit(session.draft, mode)
        if edit is None:
            print("Tệp không có nội dung nào để nhập.")
            return 0
        version = IMPORT_VERSION_NAME.format(name=source.name)
        session.save_named_version(version)
        session.apply(edit)
        session.save()
    finally:
        session.close()
    how = "thay nội dung các mục" if args.replace else "thêm vào cuối các mục"
    print(f"Đã nhập vào «{args.file}» ({how}). Phiên bản «{version}» giữ bản trước khi nhập.")
    return 0


def new_from_previous(args: argparse.Namespace):
    """The draft of ``baocao new --from PREVIOUS``, and the lines to print about it."""
    from .importing.last_period import draft_from_previous
    from .periods import period_from_option
    from .storage import load_any
    from .template import load_pack

    previous = load_any(str(_need_file(args.from_previous, "bản thảo kỳ trước")))
    pack = load_pack(previous.template_id)
    period = period_from_option(args.ky, pack.default_period, args.nam) if (args.ky or args.nam) else None
    draft, report = draft_from_previous(previous, pack, period)
    return draft, report.describe()


def register(sub) -> None:
    """Add ``import`` to the sub-commands."""
    p = sub.add_parser("import", help="nhập một báo cáo .docx vào bản thảo (chia theo đề mục vào các mục)",
                       description="Nhập tệp Word (.docx): chia theo đề mục vào các mục của mẫu, chú thích giữ là "
                                   "chú thích, giữ chữ đậm/nghiêng, bảng khớp cột vào bảng phụ lục. Phần không khớp "
                                   "mục nào vào «nội dung chưa xếp mục» — không bỏ mất chữ nào. Trước khi nhập, "
                                   "bản thảo được lưu một phiên bản có tên.")
    p.add_argument("file", help="tệp bản thảo (.baocao)")
    p.add_argument("docx", help="tệp Word cần nhập (.docx)")
    p.add_argument("--dry-run", "--thu", action="store_true", help="chỉ in cách chia mục, không thay đổi bản thảo")
    p.add_argument("--replace", "--thay-the", action="store_true",
                   help="thay nội dung các mục nhận được (mặc định: thêm vào cuối mục)")
    p.add_argument("--no-register", "--khong-them-van-ban", action="store_true",
                   help="không thêm các văn bản được trích mà danh mục chưa có (mặc định: thêm, để chữ trích dẫn "
                        "thành trích dẫn của danh mục)")
    p.add_argument("--map", metavar="SỐ=MÃ_MỤC", action="append",
                   help="đổi mục nhận của phần SỐ (số in khi --dry-run), ví dụ --map 3=uu-diem; lặp lại được")
    p.set_defaults(func=cmd_import)
