"""Reviewers' commands (no window): versions, comments, compare, import-review; ``export --gop-y``.

    baocao versions DRAFT [--json]                     id, name, author, time of each version
    baocao comments DRAFT [--json] [--tat-ca]          open comments by section
    baocao compare DRAFT --from V1 [--to V2] -o X.docx tracked changes (V2: now)
    baocao import-review DRAFT REVIEWED.docx [--dry-run]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .errors import BaocaoError, ExportError


class ReviewCliError(BaocaoError):
    """A reviewers' command that cannot run as asked (unknown version, file not a draft …)."""


def _need_draft_file(path: str) -> Path:
    from .cli_drafts import need_file

    return need_file(path, ReviewCliError)


def _open(path: str, read_only: bool = True):
    from .session import DraftSession

    file = _need_draft_file(path)
    if file.suffix.lower() == ".json" and not read_only:
        raise ReviewCliError("Tệp .json là tệp trao đổi, không có lịch sử phiên bản nên không nhập góp ý vào được.",
                             "Hãy mở tệp bằng cửa sổ và lưu thành tệp .baocao trước.")
    return DraftSession.open(file, read_only=read_only, threaded=False)


def _version_authors(session) -> dict[str, dict]:
    from .review.store import review_data

    return review_data(session.draft)["versions"]


def cmd_versions(args: argparse.Namespace) -> int:
    """List the versions kept inside a draft file."""
    from .storage.history import local_time_text

    session = _open(args.file)
    try:
        authors = _version_authors(session)
        rows = []
        for info in session.versions():
            who = authors.get(info.name, {}) if info.name else {}
            rows.append({"id": info.id, "kind": info.kind, "name": info.name,
                         "author": who.get("author") or info.author,
                         "time": info.created_at.isoformat() if info.created_at else None,
                         "label": info.label(), "local_time": local_time_text(info.created_at)})
        from .review.seeds import seed_versions
        from .review.store import local_time_text as seed_time

        for seed in reversed(seed_versions(session.draft)):
            rows.append({"id": seed.key, "kind": "sample", "name": seed.name, "author": seed.author,
                         "time": seed.at, "label": f"{seed.name} (phiên bản của bản mẫu)",
                         "local_time": seed_time(seed.at)})
    finally:
        session.close()
    if args.json:
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    if not rows:
        print("Bản thảo chưa có phiên bản nào (mỗi lần lưu, tự động 10 phút một lần, và các phiên bản có tên).")
        return 0
    for row in rows:
        print(f"{row['id']:>5}  {row['local_time']:<17} {row['author'] or '-':<20} {row['name'] or row['label']}")
    return 0


def _comment_rows(draft, include_resolved: bool) -> list[dict]:
    from .review import anchors, operations as ops
    from .review.store import comments

    anchored = anchors.anchored_ids(draft)
    rows = []
    for thread in comments(draft):
        state = ops.comment_state(draft, thread, anchored)
        if state == ops.RESOLVED and not include_resolved:
            continue
        found = anchors.find_anchor(draft, thread["id"]) if thread["id"] in anchored else None
        rows.append({"id": thread["id"], "state": state,
                     "section": found.section if found else (thread.get("anchor") or {}).get("section", ""),
                     "anchor": thread.get("anchor"), "quote": found.quote if found else thread.get("quote", ""),
                     "in_note": bool(found and found.in_note),
                     "author": thread.get("author", ""), "initials": thread.get("initials", ""),
                     "time": thread.get("at", ""), "text": thread.get("text", ""),
                     "replies": [{k: r.get(k) for k in ("author", "time", "text")} | {"time": r.get("at")}
                                 for r in thread.get("replies") or []]})
    return rows


STATE_WORDS = {"open": "chưa xử lý", "resolved": "đã xử lý", "detached": "đoạn chữ đã bị xóa"}


def cmd_comments(args: argparse.Namespace) -> int:
    """List a draft's comments (open ones; --tat-ca: resolved too)."""
    from .review.store import local_time_text, review_data
    from .storage import load_any

    draft = load_any(str(_need_draft_file(args.file)))
    rows = _comment_rows(draft, args.all)
    unplaced = review_data(draft)["unplaced"]
    if args.json:
        json.dump({"comments": rows, "unplaced": unplaced}, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    if not rows and not unplaced:
        print("Bản thảo không có góp ý nào chưa xử lý.")
        return 0
    for row in rows:
        print(f"[{row['section']}] {row['author']} ({local_time_text(row['time'])}, {STATE_WORDS[row['state']]}): "
              f"{row['text']}")
        if row["quote"]:
            print(f"    về: «{row['quote']}»{' (trong chú thích)' if row['in_note'] else ''}")
        for reply in row["replies"]:
            print(f"    ↳ {reply['author']}: {reply['text']}")
    for item in unplaced:
        print(f"[chưa gắn được] {item.get('author', '')}: {item.get('text', '')} — «{item.get('quote', '')}»")
    return 0


def _version_draft(session, text: str):
    """The draft of version *text*: a history id or name, or a sample version (m1, m2 or its name)."""
    from .review.seeds import seed_versions

    versions = session.versions()
    if text.isdigit() and any(v.id == int(text) for v in versions):
        return session.view_version(int(text))
    named = [v for v in versions if v.name == text]
    if named:
        return session.view_version(named[0].id)
    seeds = seed_versions(session.draft)
    seed = next((s for s in seeds if text in (s.key, s.name)), None)
    if seed is not None:
        return seed.draft
    known = ", ".join([f"{v.id} ({v.name or v.kind})" for v in versions[:8]] + [f"{s.key} ({s.name})" for s in seeds])
    known = known or "chưa có phiên bản nào"
    raise ReviewCliError(f"Không có phiên bản «{text}» trong bản thảo.",
                         f"Xem danh sách bằng: baocao versions {session.display_name()} — hiện có: {known}.")


def cmd_compare(args: argparse.Namespace) -> int:
    """Write the comparison copy (tracked changes) of two versions, or of a version and now."""
    from .review.docx_tracked import export_tracked

    out = Path(args.output)
    if out.suffix.lower() != ".docx":
        raise ExportError(f"Tên tệp xuất «{out.name}» phải có đuôi .docx.", "Ví dụ: -o so-sanh.docx")
    from .outputs import check_output

    check_output(out, [args.file], args.force)        # never over the draft, another draft, or a file unasked
    session = _open(args.file)
    try:
        old = _version_draft(session, args.from_version)
        new = _version_draft(session, args.to_version) if args.to_version else session.draft
        changes = export_tracked(old, new, session.pack, out, author=args.author or "")
    finally:
        session.close()
    print(f"Đã ghi «{out}»: {changes} chỗ thay đổi được đánh dấu (Word: Xem lại → Chấp nhận/Từ chối).")
    return 0


def cmd_import_review(args: argparse.Namespace) -> int:
    """Bring a reviewed .docx (comments, tracked changes) into the draft; --dry-run only prints."""
    from .review.constants import IMPORT_VERSION_NAME
    from .review.export_base import session_versions
    from .review.importer import plan_import

    reviewed = _need_draft_file(args.reviewed)
    session = _open(args.file, read_only=args.dry_run)
    try:
        titles = {spec.id: spec.title for spec in session.pack.sections}
        plan = plan_import(session.draft, reviewed, titles, session.pack, session_versions(session))
        print("\n".join(plan.describe()))
        if args.dry_run or plan.is_empty():
            if not args.dry_run:
                print("Tệp không có góp ý hay chỗ sửa nào để nhập.")
            return 0
        version = IMPORT_VERSION_NAME.format(name=reviewed.name)
        session.save_named_version(version)
        edit = plan.edit(session.draft)
        if edit is not None:
            session.apply(edit)
        session.save()
    finally:
        session.close()
    print(f"Đã nhập vào «{args.file}». Phiên bản «{version}» giữ bản trước khi nhập; "
          "mở cửa sổ → Góp ý → So sánh phiên bản để giữ hoặc bỏ từng chỗ sửa.")
    return 0


def export_with_comments(path: str, document, pack, out: Path) -> int:
    """``baocao export … --gop-y``: the checked, rendered report with the draft's comments as Word comments."""
    from .fsutil import atomic_write
    from .review.docx_comments import add_comments
    from .review.store import comments
    from .storage import load_any
    from .writers.docx import build_docx

    draft = load_any(path)
    threads = comments(draft)
    data = add_comments(build_docx(document, pack.reference_docx), document, draft, threads)
    with atomic_write(out) as handle:
        handle.write(data)
    resolved = sum(1 for t in threads if t.get("resolved"))
    print(f"Đã xuất «{out}» kèm {len(threads)} góp ý ({resolved} đã xử lý, đánh dấu «xong» trong Word).")
    return 0


def register(sub) -> None:
    """Add the reviewers' sub-commands to the ``baocao`` parser."""
    p = sub.add_parser("versions", help="các phiên bản lưu trong bản thảo (mã, tên, người lưu, thời điểm)")
    p.add_argument("file", help="tệp bản thảo (.baocao)")
    p.add_argument("--json", action="store_true", help="in dạng JSON")
    p.set_defaults(func=cmd_versions)

    p = sub.add_parser("comments", help="các góp ý của bản thảo theo mục")
    p.add_argument("file", help="tệp bản thảo (.baocao hoặc .json)")
    p.add_argument("--json", action="store_true", help="in dạng JSON")
    p.add_argument("--all", "--tat-ca", action="store_true", help="in cả góp ý đã xử lý")
    p.set_defaults(func=cmd_comments)

    p = sub.add_parser("compare", help="xuất bản so sánh hai phiên bản (theo dõi thay đổi của Word)")
    p.add_argument("file", help="tệp bản thảo (.baocao)")
    p.add_argument("--from", dest="from_version", required=True, metavar="V1", help="mã hoặc tên phiên bản cũ")
    p.add_argument("--to", dest="to_version", metavar="V2", help="mã hoặc tên phiên bản mới (mặc định: bản hiện tại)")
    p.add_argument("-o", "--output", required=True, help="tệp .docx cần ghi")
    p.add_argument("--author", "--nguoi", metavar="TÊN", help="tên ghi cho các thay đổi (mặc định: baocao)")
    p.add_argument("--force", "--ghi-de", action="store_true", help="ghi đè tệp .docx nếu đã có")
    p.set_defaults(func=cmd_compare)

    p = sub.add_parser("import-review", help="nhập góp ý và chỗ sửa (theo dõi thay đổi) từ tệp Word đã duyệt")
    p.add_argument("file", help="tệp bản thảo (.baocao)")
    p.add_argument("reviewed", help="tệp Word (.docx) lãnh đạo đã góp ý, sửa")
    p.add_argument("--dry-run", "--thu", action="store_true", help="chỉ in những gì sẽ nhập, không sửa bản thảo")
    p.set_defaults(func=cmd_import_review)
