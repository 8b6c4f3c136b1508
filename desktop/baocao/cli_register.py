"""``baocao register``: the document register (danh mục văn bản) of a draft, headless (no Qt).

    baocao register bao-cao.baocao            one line per document, with how many times it is cited
    baocao register bao-cao.baocao --json     the same as JSON (entries, their full and short forms)

Citations of documents no longer in the register are listed too, so none goes unnoticed.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from .errors import BaocaoError, Location


def register_report(draft: Any, pack: Any) -> dict[str, Any]:
    """The register of *draft* as a JSON-ready dict (entries in register order, times cited)."""
    from .register.entries import register_entries
    from .register.usage import cite_counts
    from .register.wording import full_form, short_form

    counts = cite_counts(draft)
    style = pack.document.citation_date_style
    entries = register_entries(draft)
    known = {e.id for e in entries}
    return {
        "entries": [{**e.to_dict(), "full": full_form(e, style), "short": short_form(e), "cited": counts.get(e.id, 0)}
                    for e in entries],
        "citations": sum(counts.values()),
        "missing": [{"id": doc_id, "cited": n} for doc_id, n in counts.items() if doc_id not in known],
    }


def cmd_register(args: argparse.Namespace) -> int:
    """Print the draft's register."""
    from .cli import EXIT_OK, _load

    try:
        draft, pack = _load(args.file)
    except BaocaoError as exc:
        if not exc.location.file:
            exc.location = Location(file=args.file)
        raise
    report = register_report(draft, pack)
    if args.json:
        json.dump({"file": args.file, **report}, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    if not report["entries"] and not report["missing"]:
        print("Danh mục văn bản trống: bản thảo chưa có văn bản nào trong danh mục.")
        return EXIT_OK
    print(f"Danh mục văn bản: {len(report['entries'])} văn bản, {report['citations']} chỗ trích dẫn.")
    for number, entry in enumerate(report["entries"], start=1):
        cited = f"trích {entry['cited']} lần" if entry["cited"] else "chưa trích"
        print(f"{number:>3}. {entry['full']} — {cited}")
    for missing in report["missing"]:
        print(f"  ! Mã «{missing['id']}» được trích {missing['cited']} lần nhưng không còn trong danh mục.")
    return EXIT_OK


def register(sub) -> None:
    """Add ``register`` (alias ``danh-muc``) to the command line."""
    p = sub.add_parser("register", aliases=["danh-muc"],
                       help="liệt kê danh mục văn bản được trích dẫn trong bản thảo và số lần trích")
    p.add_argument("file", help="tệp bản thảo (.baocao hoặc .json)")
    p.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    p.set_defaults(func=cmd_register)
