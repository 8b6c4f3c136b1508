"""Departments' contributions from the command line (no window).

    baocao contribution request DRAFT --unit "Sở Y tế" --sections ID,ID [--deadline dd/mm/yyyy] -o FILE.docx
    baocao contribution import DRAFT FILE [--unit TÊN] [--dry-run]
    baocao contribution list DRAFT [--json]

``request`` records the request in the draft and writes the file to send
(.docx for Word users; a .baocao contribution draft when FILE ends in .baocao).
``import`` reads a returned file into the draft (a version is saved first) and
prints what it found; ``list`` prints each contribution with its unit, person,
date, sections, whether it is used and its text.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime, timezone
from pathlib import Path

from .contributions.errors import ContributionError


def _open(path: str, read_only: bool):
    from .cli_drafts import open_draft

    return open_draft(path, ContributionError, read_only=read_only, action="ghi đề nghị và đóng góp vào")


def _deadline(text: str | None):
    from .formatting import parse_date

    if not text:
        return None
    try:
        return parse_date(text)
    except ValueError:
        raise ContributionError(f"«{text}» không phải một ngày.", "Hãy viết hạn gửi dạng ngày/tháng/năm, "
                                "ví dụ 20/06/2026.") from None


def cmd_request(args: argparse.Namespace) -> int:
    """Record a request in the draft and write the file to send to the unit."""
    from .contributions.request_doc import check_sections, request_docx
    from .contributions.request_draft import write_request_draft
    from .contributions.store import Request, add_request, new_code
    from .fsutil import atomic_write
    from .outputs import check_output

    unit = " ".join((args.unit or "").split())
    if not unit:
        raise ContributionError("Chưa ghi tên đơn vị.", 'Hãy thêm --unit "Sở Y tế" (tên đơn vị được đề nghị).')
    out = Path(args.output)
    check_output(out, [args.file], args.force)
    session = _open(args.file, read_only=False)
    try:
        sections = check_sections(session.pack, [s.strip() for s in args.sections.split(",") if s.strip()])
        req = Request(new_code("YC"), unit, sections, _deadline(args.deadline),
                      datetime.now(timezone.utc).isoformat(timespec="seconds"))
        if out.suffix.lower() == ".baocao":
            write_request_draft(session.draft, session.pack, req, out)
        else:
            data = request_docx(session.draft, session.pack, req)
            with atomic_write(out) as handle:
                handle.write(data)
        session.apply(add_request(session.draft, req))
        session.save()
    finally:
        session.close()
    print(f"Đã ghi «{out}» (mã phiếu {req.id}) để gửi {unit}: {len(sections)} mục.")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    """Read a returned .docx or contribution draft into the draft."""
    from .contributions.constants import IMPORT_VERSION_NAME
    from .contributions.reading import read_contribution
    from .contributions.store import add_contribution

    from .cli_drafts import need_file

    source = need_file(args.source, ContributionError, hint="Hãy kiểm tra lại đường dẫn tệp đơn vị gửi.")
    session = _open(args.file, read_only=args.dry_run)
    try:
        result = read_contribution(session.draft, session.pack, source, args.unit or "")
        titles = {spec.id: spec.title or spec.name for spec in session.pack.sections}
        print("\n".join(result.summary_lines(titles)))
        if args.dry_run:
            return 0
        session.save_named_version(IMPORT_VERSION_NAME.format(name=source.name))
        session.apply(add_contribution(session.draft, result.contribution))
        session.save()
    finally:
        session.close()
    print(f"Đã nhập vào «{args.file}». Mở cửa sổ → Đóng góp để chèn nội dung vào từng mục.")
    return 0


def contribution_rows(draft, pack) -> list[dict]:
    """Each contribution as JSON: unit, person, date, sections, used, text."""
    from .contributions.merge import used_sections
    from .contributions.store import contributions
    from .model.serialize import body_to_list

    rows = []
    for item in contributions(draft):
        used = used_sections(draft, item)
        rows.append({"id": item.id, "unit": item.unit, "person": item.person,
                     "date": item.written.isoformat() if item.written else None, "request": item.request,
                     "file": item.file, "kind": item.kind, "imported": item.imported,
                     "sections": list(item.sections), "used": bool(used), "used_in": used,
                     "text": {sid: "\n".join(p.plain_text() for p in body) for sid, body in item.sections.items()},
                     "outside": "\n".join(p.plain_text() for p in item.outside),
                     "tables": item.tables, "body": {sid: body_to_list(b) for sid, b in item.sections.items()}})
    return rows


def cmd_list(args: argparse.Namespace) -> int:
    """Print the contributions and the board."""
    from .contributions.board import board

    session = _open(args.file, read_only=True)
    try:
        rows = contribution_rows(session.draft, session.pack)
        units = [{"unit": r.unit, "state": r.state, "sections": r.sections,
                  "deadline": r.deadline.isoformat() if r.deadline else None} for r in board(session.draft)]
        titles = {spec.id: spec.title or spec.name for spec in session.pack.sections}
    finally:
        session.close()
    if args.json:
        json.dump({"contributions": rows, "units": units}, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    if not rows and not units:
        print("Bản thảo chưa có đề nghị hay đóng góp nào.")
    for unit in units:
        print(f"{unit['unit']}: {unit['state']}")
    for row in rows:
        date_text = datetime.fromisoformat(row["date"]).strftime("%d/%m/%Y") if row["date"] else "không rõ ngày"
        print(f"\n[{row['id']}] {row['unit']} — {row['person'] or 'không rõ người viết'}, {date_text}, "
              f"{'đã dùng' if row['used'] else 'chưa dùng'}")
        for sid, text in row["text"].items():
            print(f"  {titles.get(sid, sid)}:")
            print("    " + text.replace("\n", "\n    "))
        if row["outside"]:
            print("  Ngoài các mục được đề nghị:\n    " + row["outside"].replace("\n", "\n    "))
    return 0


def register(sub) -> None:
    """Add ``baocao contribution request|import|list`` to the parser."""
    p = sub.add_parser("contribution", help="đề nghị các đơn vị viết nội dung, nhập phần đóng góp")
    verbs = p.add_subparsers(dest="verb", required=True, metavar="request|import|list")
    q = verbs.add_parser("request", help="ghi đề nghị và tệp gửi đơn vị (.docx cho Word, .baocao cho baocao)")
    q.add_argument("file", help="tệp bản thảo (.baocao)")
    q.add_argument("--unit", "--don-vi", required=True, help='tên đơn vị, ví dụ "Sở Y tế"')
    q.add_argument("--sections", "--muc", required=True, help="mã các mục, cách nhau bằng dấu phẩy")
    q.add_argument("--deadline", "--han", help="hạn gửi, ngày/tháng/năm")
    q.add_argument("-o", "--output", required=True, help="tệp cần ghi (.docx hoặc .baocao)")
    q.add_argument("--force", "--ghi-de", action="store_true", help="ghi đè tệp kết quả nếu đã có")
    q.set_defaults(func=cmd_request)
    i = verbs.add_parser("import", help="nhập tệp đơn vị gửi lại (.docx đã điền hoặc bản thảo .baocao)")
    i.add_argument("file", help="tệp bản thảo (.baocao)")
    i.add_argument("source", help="tệp đơn vị gửi lại")
    i.add_argument("--unit", "--don-vi", help="tên đơn vị, khi tệp không mang mã phiếu")
    i.add_argument("--dry-run", "--thu", action="store_true", help="chỉ in những gì sẽ nhập")
    i.set_defaults(func=cmd_import)
    ls = verbs.add_parser("list", help="các phần đóng góp: đơn vị, người viết, ngày, mục, đã dùng chưa, nội dung")
    ls.add_argument("file", help="tệp bản thảo (.baocao hoặc .json)")
    ls.add_argument("--json", action="store_true", help="in dạng JSON")
    ls.set_defaults(func=cmd_list)
