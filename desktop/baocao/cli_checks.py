"""Sub-commands of the checks: ``baocao check FILE [--json]`` output and ``baocao hoc-tu-vung FOLDER``.  No Qt.

    baocao check FILE --json          the findings as JSON (one object per finding, located)
    baocao hoc-tu-vung FOLDER         learn syllable pairs from the office's approved .docx reports
                                      (real-word errors: "dải quyết" where the reports say "giải quyết")
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from .errors import BaocaoError

TYPE_CHECKING = False                 # typing.TYPE_CHECKING without importing typing (the cached answer loads little)
if TYPE_CHECKING:
    import argparse
    from typing import Callable

PART_NAMES = {"body": "đoạn", "note": "chú thích", "field": "trường", "cell": "ô bảng"}


#: the options ``simple_check_args`` reads itself (anything else goes through the full parser)
SIMPLE_CHECK_FLAGS = {"--json": "json", "--no-cache": "no_cache"}


def simple_check_args(rest: list[str], func: Callable) -> object | None:
    """The arguments of ``baocao check FILE [--json] [--no-cache]`` without building the parser, or None.

    *rest* is what follows ``check``.  Only that plain form is read here — one file name not
    starting with "-", each flag at most once — so that an unchanged draft is answered from the
    result cache without loading argparse (a third of the time left); anything else (help, an
    abbreviation, a mistake) returns None and gets the parser's own messages.
    """
    import types

    files = [a for a in rest if a not in SIMPLE_CHECK_FLAGS]
    flags = [a for a in rest if a in SIMPLE_CHECK_FLAGS]
    if len(files) != 1 or files[0].startswith("-") or len(set(flags)) != len(flags):
        return None
    values = {name: flag in flags for flag, name in SIMPLE_CHECK_FLAGS.items()}
    return types.SimpleNamespace(command="check", debug=False, file=files[0], func=func, **values)


def describe_place(finding) -> str:
    """"mục kinh-te-xa-hoi, đoạn 3, ký tự 12" and the like (1-based for people)."""
    parts = [f"{'bảng' if finding.part == 'cell' else 'mục'} {finding.where}"]
    if finding.part == "body" and finding.para is not None:
        parts.append(f"đoạn {finding.para + 1}")
    elif finding.part == "note" and finding.para is not None:
        parts.append(f"đoạn {finding.para + 1}, chú thích {(finding.note or 0) + 1}")
    elif finding.part == "cell" and finding.row:
        parts.append(f"dòng {finding.row}, cột {finding.field}")
    elif finding.part == "field" and finding.field:
        parts.append(f"trường {finding.field}")
    if finding.offset is not None:
        parts.append(f"ký tự {finding.offset + 1}")
    return ", ".join(parts)


def print_findings(findings, stream, json_output: bool = False) -> None:
    """The findings of ``baocao check``: located text lines, or JSON with ``--json``."""
    if json_output:
        import json

        json.dump({"findings": [f.to_json() for f in findings],
                   "counts": {name: sum(1 for f in findings if f.severity == name)
                              for name in ("error", "warning", "hint")}},
                  stream, ensure_ascii=False, indent=2)
        stream.write("\n")
        return
    if not findings:
        print("Không phát hiện vấn đề nào.", file=stream)
        return
    print(f"Phát hiện {len(findings)} vấn đề:", file=stream)
    for finding in findings:
        mark = {"error": "LỖI", "warning": "Cảnh báo", "hint": "Gợi ý"}.get(finding.severity, finding.severity)
        where = f" ({describe_place(finding)})" if finding.located else ""
        fix = f" → «{finding.fix}»" if finding.fix else ""
        print(f"  [{mark}] {finding.message}{where}{fix}", file=stream)


def cmd_check(args: argparse.Namespace) -> int:
    """``baocao check FILE``: template errors first, then every finding; exit 1 when there are errors.

    Unless ``--no-cache``, what an earlier check learnt is reused: the whole printed result of
    an unchanged draft file (``checks.result_cache``), the hits of each unchanged string
    (``checks.unit_cache``) and a pack already known to render (``checks.render_cache``).
    The findings are the same; only the time differs.
    """
    from .checks.cache_dir import cache_enabled

    use_cache = not getattr(args, "no_cache", False) and cache_enabled()
    key = token = None
    if use_cache:
        from .checks.result_cache import cached_result, file_token, result_key

        token = file_token(args.file)
        key = result_key(token, "json" if args.json else "text") if token else None
        known = cached_result(key) if key else None
        if known is not None:
            sys.stdout.write(known[1])
            return known[0]
    if not use_cache:
        return _check_file(args, False, None, None)
    from . import dataclass_code

    dataclass_code.install()         # the model's classes from kept compiled code (the user cache, as export does)
    try:
        return _check_file(args, True, key, token)
    finally:
        dataclass_code.save()


def _check_file(args: argparse.Namespace, use_cache: bool, key: str | None, token: str | None) -> int:
    """The check itself (no printed result known): load, template errors, findings; remember the result."""
    from .checks import check_draft
    from .cli import EXIT_FINDINGS, EXIT_OK, _load
    from .template.validate import check_draft_pack

    draft, pack = _load(args.file)
    if key is not None:
        from .checks.result_cache import file_token

        if file_token(args.file) != token:
            key = None                               # the file changed while it was read: nothing to remember
    pack_errors = check_draft_pack(draft, pack, cache=use_cache, draft_token=token if key else None)
    if pack_errors:
        print(f"Mẫu báo cáo «{pack.id}» ({pack.root}) có {len(pack_errors)} lỗi, báo cáo chưa điền được:")
        for error in pack_errors:
            print("  [LỖI MẪU] " + error.user_text().replace("\n", "\n    "))
        return EXIT_FINDINGS
    findings = check_draft(draft, pack, cache=use_cache)
    out = io.StringIO()
    print_findings(findings, out, json_output=args.json)
    status = EXIT_FINDINGS if any(f.severity == "error" for f in findings) else EXIT_OK
    sys.stdout.write(out.getvalue())
    if key is not None:
        from .checks.result_cache import remember_result

        remember_result(key, status, out.getvalue())
    return status


def cmd_learn(args: argparse.Namespace) -> int:
    """Build the n-gram model from every .docx under FOLDER and save it (user data folder or -o)."""
    from .spelling.docx_text import docx_paragraphs
    from .spelling.ngrams import Model, user_model_path

    folder = Path(args.folder)
    if not folder.is_dir():
        raise BaocaoError(f"Không thấy thư mục «{folder}».", "Chỉ ra thư mục chứa các báo cáo .docx đã ban hành.")
    files = sorted(p for p in folder.rglob("*.docx") if not p.name.startswith("~$"))
    if not files:
        raise BaocaoError(f"Thư mục «{folder}» không có tệp .docx nào.",
                          "Chép vào đó các báo cáo đã ban hành (định dạng .docx) rồi chạy lại.")
    model, skipped = Model(), []
    for path in files:
        try:
            paragraphs = docx_paragraphs(path)
        except ValueError:
            skipped.append(path.name)
            continue
        for text in paragraphs:
            model.add_text(text)
        model.documents += 1
    if not model.documents:
        raise BaocaoError("Không đọc được tệp .docx nào trong thư mục.", "Kiểm tra lại các tệp (có mở được bằng Word?).")
    out = Path(args.output) if args.output else user_model_path()
    try:
        model.save(out)
    except OSError as exc:
        from .oserrors import os_error_text

        raise BaocaoError(f"Không ghi được «{out}»: {os_error_text(exc)}.", "Chọn nơi ghi khác bằng -o.") from exc
    print(f"Đã học {sum(model.unigrams.values()):,} tiếng từ {model.documents} báo cáo; lưu tại «{out}».".replace(",", "."))
    for name in skipped:
        print(f"Bỏ qua «{name}»: không phải tệp .docx đọc được.", file=sys.stderr)
    return 0


def register(sub) -> None:
    """Add the checks' sub-commands to the ``baocao`` parser."""
    p = sub.add_parser("hoc-tu-vung", help="học cách dùng từ từ các báo cáo .docx đã ban hành (để bắt lỗi dùng từ)",
                       description="Đọc mọi tệp .docx trong THƯ_MỤC (kể cả thư mục con), đếm các cặp tiếng đi liền "
                                   "nhau và lưu lại; khi kiểm tra, một tiếng đúng chính tả nhưng chưa từng gặp trong "
                                   "ngữ cảnh đó, trong khi một cách viết gần giống rất hay gặp, sẽ được gợi ý sửa.")
    p.add_argument("folder", metavar="THƯ_MỤC", help="thư mục chứa các báo cáo .docx đã ban hành")
    p.add_argument("-o", "--output", help="nơi lưu (mặc định: thư mục dữ liệu của người dùng)")
    p.set_defaults(func=cmd_learn)
