"""Command line: ``baocao [FILE]`` opens the window; subcommands work headless.

    baocao new --template ID -o FILE        a new empty draft (or --sample)
    baocao export FILE -o OUT.docx          the report as .docx (real footnotes)
    baocao render FILE --format html -o OUT.html
    baocao check FILE                       list what is missing or does not add up
    baocao templates                        list the template packs

Errors are printed in Vietnamese with what to do, exit status 2; no
traceback unless ``--debug``.  Nothing here imports Qt: the window is loaded
only when asked for.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from . import __version__
from .constants import DRAFT_SUFFIX
from .errors import BaocaoError, ExportError, Location

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR, EXIT_BUG = 0, 1, 2, 3
log = logging.getLogger("baocao")


def _load(path: str):
    from .storage import load_any
    from .template import load_pack

    draft = load_any(path)
    return draft, load_pack(draft.template_id)


def _refuse_existing(path: Path, force: bool) -> None:
    if path.exists() and not force:
        raise ExportError(f"Tệp «{path}» đã có.", "Chọn tên khác, hoặc thêm --ghi-de (--force) để ghi đè.",
                          Location(file=str(path)))


def cmd_new(args: argparse.Namespace) -> int:
    """Create a new draft file."""
    from .drafts import new_draft
    from .storage import save_draft, save_json_draft
    from .template import load_pack

    out = Path(args.output)
    _refuse_existing(out, args.force)
    if args.sample:
        from .samples import load_sample
        draft = load_sample()
    else:
        draft = new_draft(load_pack(args.template))
    if out.suffix.lower() == ".json":
        save_json_draft(draft, out)
    else:
        save_draft(draft, out)
    print(f"Đã tạo bản thảo «{out}» theo mẫu «{draft.template_id}».")
    return EXIT_OK


def _print_findings(findings, stream) -> None:
    for finding in findings:
        mark = "LỖI" if finding.severity == "error" else "Lưu ý"
        print(f"  [{mark}] {finding.message}", file=stream)


def cmd_check(args: argparse.Namespace) -> int:
    """Print the findings of a draft; exit 1 when there are errors."""
    from .checks import check_draft

    draft, pack = _load(args.file)
    findings = check_draft(draft, pack)
    if not findings:
        print("Không phát hiện vấn đề nào.")
        return EXIT_OK
    print(f"Phát hiện {len(findings)} vấn đề:")
    _print_findings(findings, sys.stdout)
    return EXIT_FINDINGS if any(f.severity == "error" for f in findings) else EXIT_OK


def _checked_document(args: argparse.Namespace):
    from .checks import check_draft
    from .render import render_draft

    draft, pack = _load(args.file)
    errors = [f for f in check_draft(draft, pack) if f.severity == "error"]
    if errors and not args.incomplete:
        print(f"Bản thảo «{args.file}» còn thiếu hoặc sai {len(errors)} chỗ:", file=sys.stderr)
        _print_findings(errors, sys.stderr)
        raise BaocaoError("Chưa xuất tệp vì bản thảo chưa đầy đủ.",
                          "Hãy bổ sung các chỗ trên, hoặc thêm --chua-du (--incomplete) để vẫn xuất bản nháp.")
    return render_draft(draft, pack), pack


def cmd_export(args: argparse.Namespace) -> int:
    """Export a draft to .docx."""
    out = Path(args.output)
    if out.suffix.lower() != ".docx":
        raise ExportError(f"Tên tệp xuất «{out.name}» phải có đuôi .docx.", "Ví dụ: -o bao-cao.docx")
    document, pack = _checked_document(args)
    from .writers.docx import write_docx

    write_docx(document, out, pack.reference_docx)
    print(f"Đã xuất «{out}».")
    return EXIT_OK


def cmd_render(args: argparse.Namespace) -> int:
    """Render a draft to HTML."""
    from .fsutil import write_text_atomic
    from .writers.html import document_to_html

    document, _ = _checked_document(args)
    html = document_to_html(document)
    if args.output == "-":
        sys.stdout.write(html)
    else:
        write_text_atomic(args.output, html)
        print(f"Đã tạo «{args.output}».")
    return EXIT_OK


def cmd_templates(args: argparse.Namespace) -> int:
    """List template packs."""
    from .template import list_packs

    for info in list_packs():
        origin = "có sẵn" if info.builtin else str(info.root)
        print(f"{info.id}\t{info.name}\t({origin})")
    return EXIT_OK


def cmd_gui(args: argparse.Namespace) -> int:
    """Open the window (lazy import of Qt); ends the process as soon as the window has closed."""
    from .ui.app import run_app

    status = run_app([args.file] if getattr(args, "file", None) else [])
    # The window has closed its draft (autosave flushed, lock released) and saved its settings.
    # Skip the interpreter's slow teardown of Qt and a few hundred modules (~50 ms): flush and go.
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (Vietnamese help, English aliases for options)."""
    parser = argparse.ArgumentParser(
        prog="baocao",
        description="Soạn báo cáo công tác chỉ đạo, điều hành theo mẫu, xuất tệp Word đúng Nghị định 30/2020. "
                    "Chạy không kèm lệnh để mở cửa sổ soạn thảo.")
    parser.add_argument("--version", action="version", version=f"baocao {__version__}")
    parser.add_argument("--debug", action="store_true", help="in chi tiết lỗi kỹ thuật (traceback)")
    sub = parser.add_subparsers(dest="command", metavar="LỆNH")

    p = sub.add_parser("new", help="tạo bản thảo mới")
    p.add_argument("--template", "--mau", default="bao-cao-6-thang", help="mã mẫu báo cáo (xem: baocao templates)")
    p.add_argument("-o", "--output", required=True, help=f"tệp bản thảo cần tạo (*{DRAFT_SUFFIX} hoặc *.json)")
    p.add_argument("--sample", "--mau-vi-du", action="store_true", help="tạo từ bản thảo mẫu có sẵn nội dung")
    p.add_argument("--force", "--ghi-de", action="store_true", help="ghi đè nếu tệp đã có")
    p.set_defaults(func=cmd_new)

    for name, func, help_text in (("export", cmd_export, "xuất tệp Word (.docx)"),
                                  ("render", cmd_render, "xuất HTML để xem trước")):
        p = sub.add_parser(name, help=help_text)
        p.add_argument("file", help="tệp bản thảo (.baocao hoặc .json)")
        p.add_argument("-o", "--output", required=True, help="tệp kết quả ('-' để in ra màn hình với render)")
        p.add_argument("--incomplete", "--chua-du", action="store_true",
                       help="vẫn xuất khi bản thảo còn thiếu nội dung bắt buộc")
        if name == "render":
            p.add_argument("--format", choices=["html"], default="html", help="định dạng (hiện có: html)")
        p.set_defaults(func=func)

    p = sub.add_parser("check", help="kiểm tra bản thảo: thiếu mục, số liệu không khớp …")
    p.add_argument("file", help="tệp bản thảo")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("templates", help="liệt kê các mẫu báo cáo")
    p.set_defaults(func=cmd_templates)

    p = sub.add_parser("gui", help="mở cửa sổ soạn thảo")
    p.add_argument("file", nargs="?", help="tệp bản thảo cần mở")
    p.set_defaults(func=cmd_gui)
    return parser


def _log_file() -> Path:
    from platformdirs import user_log_dir

    folder = Path(user_log_dir("baocao", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "baocao.log"


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``baocao`` command."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    # "baocao FILE" opens FILE in the window.
    if argv and not argv[0].startswith("-") and argv[0] not in parser._subparsers._group_actions[0].choices:  # type: ignore[union-attr]
        argv = ["gui", *argv]
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args(["gui"])
    try:
        return args.func(args)
    except BaocaoError as exc:
        if args.debug:
            raise
        print(f"Lỗi: {exc.user_text()}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - last resort: log, tell politely, no traceback
        if args.debug:
            raise
        try:
            path = _log_file()
            logging.basicConfig(filename=path, level=logging.INFO)
            log.exception("unexpected error in %s", args.command)
            where = f" Chi tiết kỹ thuật đã ghi vào «{path}»."
        except OSError:
            where = ""
        print(f"Lỗi ngoài dự kiến: {type(exc).__name__}: {exc}.{where}\n"
              "Hãy gửi tệp nhật ký cho bộ phận hỗ trợ. Tệp bản thảo không bị thay đổi.", file=sys.stderr)
        return EXIT_BUG


def gui_main() -> int:
    """Entry point of ``baocao-gui`` (no console on Windows)."""
    return main(sys.argv[1:] or ["gui"])


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
