"""``baocao templates …``: list, check, copy, export and import template packs (no Qt).

    baocao templates                         list the packs (broken ones with the reason)
    baocao templates check DIR|ID            load the pack and render every section
    baocao templates new --from ID -o DIR    start a pack from an existing one
    baocao templates export ID -o X.zip      share a pack
    baocao templates import X.zip            show what the .zip holds, check it, install it
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import BaocaoError, Location, TemplateError

EXIT_OK, EXIT_FINDINGS = 0, 1


def _pack_root(target: str) -> Path:
    """A pack folder given as a path, or the folder of the pack with that id."""
    from .template.registry import find_pack_dir

    path = Path(target)
    if path.is_dir():
        return path
    if "/" in target or "\\" in target:
        raise TemplateError(f"Không có thư mục «{target}».", "Ghi đường dẫn tới thư mục mẫu, hoặc mã mẫu (xem: baocao templates).",
                            Location(file=target))
    return find_pack_dir(target)


def cmd_list(args: argparse.Namespace) -> int:
    """List every pack, user packs first; a broken pack with what is wrong."""
    from .template import list_packs

    packs = list_packs(include_broken=True)
    for info in packs:
        origin = "có sẵn" if info.builtin else str(info.root)
        if info.overrides_builtin:
            origin += ", thay cho mẫu có sẵn cùng mã"
        line = f"{info.id}\t{info.name}\t({origin})"
        if info.error is not None:
            line += f"\tLỖI: {info.error.user_text().splitlines()[0]}"
        print(line)
    return EXIT_FINDINGS if any(p.broken for p in packs) else EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    """Check one pack: exit 1 and list the errors (file, section, line) when it has any."""
    from .template.validate import check_pack_dir

    root = _pack_root(args.target)
    report = check_pack_dir(root)
    if report.ok:
        assert report.pack is not None
        print(f"Mẫu «{report.pack.id}» ({root}) không có lỗi: {len(report.pack.sections)} mục đều điền được.")
        return EXIT_OK
    print(f"Mẫu ở «{root}» có {len(report.errors)} lỗi:")
    for error in report.errors:
        print("  - " + error.user_text().replace("\n", "\n    "))
    return EXIT_FINDINGS


def cmd_new(args: argparse.Namespace) -> int:
    """Copy pack ``--from`` into a new folder (optionally with a new id)."""
    from .template.sharing import copy_pack

    source = _pack_root(args.source)
    target = Path(args.output)
    copy_pack(source, target, args.id)
    print(f"Đã tạo mẫu mới ở «{target}» từ mẫu «{args.source}». Sửa manifest.toml và các tệp .j2, rồi chạy "
          f"«baocao templates check {target}».")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    """Write a pack as .zip."""
    from .template.registry import load_pack_dir
    from .template.sharing import export_zip

    out = Path(args.output)
    if out.suffix.lower() != ".zip":
        raise BaocaoError(f"Tên tệp «{out.name}» phải có đuôi .zip.", "Ví dụ: -o mau-bao-cao.zip")
    if out.exists() and not args.force:
        raise BaocaoError(f"Tệp «{out}» đã có.", "Chọn tên khác, hoặc thêm --ghi-de để ghi đè.")
    pack = load_pack_dir(_pack_root(args.target))
    names = export_zip(pack.root, out, pack.id)
    print(f"Đã xuất mẫu «{pack.id}» ({len(names)} tệp) vào «{out}».")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    """Show what a pack .zip holds; install it into the user pack folder unless ``--xem``."""
    from .paths import user_templates_dir
    from .template.registry import list_packs
    from .template.sharing import inspect_zip, install_zip

    plan = inspect_zip(Path(args.file))
    print(f"Tệp «{plan.path.name}» chứa mẫu «{plan.pack_id}» — {plan.name}"
          + (f", phiên bản {plan.version}" if plan.version else "") + f": {len(plan.files)} tệp, "
          f"{plan.total_bytes:,} byte.".replace(",", "."))
    for name, size in plan.files:
        print(f"  {name}\t{size:,} byte".replace(",", "."))
    same = [p for p in list_packs(include_broken=True) if p.id == plan.pack_id]
    if same:
        kind = "mẫu có sẵn" if same[0].builtin else f"mẫu ở «{same[0].root}»"
        print(f"Mẫu này sẽ thay cho {kind} cùng mã (mẫu cũ được giữ lại trong thư mục sao lưu).")
    if args.dry_run:
        print("Chưa cài (--xem).")
        return EXIT_OK
    dest = Path(args.dest) if args.dest else user_templates_dir()
    final = install_zip(plan, dest)
    print(f"Đã kiểm tra và cài mẫu «{plan.pack_id}» vào «{final}».")
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``templates`` and its verbs to the top-level parser."""
    p = sub.add_parser("templates", help="mẫu báo cáo: liệt kê, kiểm tra, tạo, xuất, nhập",
                       description="Không kèm lệnh con: liệt kê các mẫu báo cáo (mẫu hỏng kèm lý do).")
    p.set_defaults(func=cmd_list)
    verbs = p.add_subparsers(dest="templates_command", metavar="LỆNH_CON")

    v = verbs.add_parser("check", help="kiểm tra một mẫu: đọc manifest.toml và điền thử mọi mục")
    v.add_argument("target", metavar="THƯ_MỤC|MÃ", help="thư mục mẫu hoặc mã mẫu")
    v.set_defaults(func=cmd_check)

    v = verbs.add_parser("new", help="tạo mẫu mới bằng cách sao chép một mẫu có sẵn")
    v.add_argument("--from", dest="source", required=True, metavar="MÃ", help="mã (hoặc thư mục) của mẫu gốc")
    v.add_argument("-o", "--output", required=True, metavar="THƯ_MỤC", help="thư mục mới cho mẫu")
    v.add_argument("--id", metavar="MÃ_MỚI", help="mã mới cho mẫu (bỏ trống: giữ mã cũ, mẫu mới thay cho mẫu gốc)")
    v.set_defaults(func=cmd_new)

    v = verbs.add_parser("export", help="xuất một mẫu thành tệp .zip để gửi đơn vị khác")
    v.add_argument("target", metavar="MÃ|THƯ_MỤC", help="mã mẫu hoặc thư mục mẫu")
    v.add_argument("-o", "--output", required=True, metavar="TỆP.zip", help="tệp .zip cần tạo")
    v.add_argument("--force", "--ghi-de", action="store_true", help="ghi đè nếu tệp đã có")
    v.set_defaults(func=cmd_export)

    v = verbs.add_parser("import", help="nhập mẫu từ tệp .zip (liệt kê, kiểm tra rồi mới cài)")
    v.add_argument("file", metavar="TỆP.zip", help="tệp .zip của mẫu")
    v.add_argument("--xem", "--dry-run", dest="dry_run", action="store_true", help="chỉ liệt kê, không cài")
    v.add_argument("--vao", "--dest", dest="dest", metavar="THƯ_MỤC",
                   help="cài vào thư mục này (mặc định: thư mục mẫu của người dùng)")
    v.set_defaults(func=cmd_import)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(1)
