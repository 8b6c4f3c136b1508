"""``baocao register``: the document register (danh mục văn bản) of a draft, headless (no Qt).

    baocao register bao-cao.baocao            one line per document, with how many times it is cited
    baocao register bao-cao.baocao --json     the same as JSON (entries, their full and short forms)
    baocao register bao-cao.baocao --trong-ky only the documents issued within the report's period, by date

Citations of documents no longer in the register are listed too, so none goes unnoticed.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from .errors import BaocaoError, Location


def register_report(draft: Any, pack: Any, in_period_only: bool = False) -> dict[str, Any]:
    """The register of *draft* as a JSON-ready dict (entries in register order, times cited, issued in the
    period); *in_period_only*: only the documents issued within the report's period, by date."""
    from .register.entries import register_entries
    from .register.listing import issued_in_period
    from .register.usage import cite_counts
    from .register.wording import full_form, short_form

    counts = cite_counts(draft)
    style = pack.document.citation_date_style
    entries = register_entries(draft)
    known = {e.id for e in entries}
    in_period = issued_in_period(draft)
    period_ids = {e.id for e in in_period}
    return {
        "entries": [{**e.to_dict(), "full": full_form(e, style), "short": short_form(e), "cited": counts.get(e.id, 0),
                     "in_period": e.id in period_ids} for e in (in_period if in_period_only else entries)],
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
    report = register_report(draft, pack, args.in_period)
    if args.json:
        json.dump({"file": args.file, **report}, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    if args.in_period and not report["entries"]:
        print("Danh mục chưa có văn bản nào có ngày ban hành trong kỳ báo cáo.")
        return EXIT_OK
    if not report["entries"] and not report["missing"]:
        print("Danh mục văn bản trống: bản thảo chưa có văn bản nào trong danh mục.")
        return EXIT_OK
    if args.in_period:
        print(f"Văn bản ban hành trong kỳ báo cáo: {len(report['entries'])} văn bản.")
        for number, entry in enumerate(report["entries"], start=1):
            print(f"{number:>3}. {entry['full']}")
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
    p.add_argument("--trong-ky", dest="in_period", action="store_true",
                   help="chỉ các văn bản có ngày ban hành trong kỳ báo cáo, theo ngày")
    p.set_defaults(func=cmd_register)
