"""Command line: ``baocao [FILE]`` opens the window; subcommands work headless.

    baocao new --template ID -o FILE        a new empty draft (--tinh, --nam, --ky; or --sample)
    baocao export FILE -o OUT.docx          the report as .docx (real footnotes)
    baocao render FILE --format html -o OUT.html
    baocao check FILE                       list what is missing or does not add up
    baocao templates [check|new|export|import]   template packs (see cli_templates)

Errors are printed in Vietnamese with what to do, exit status 2; no
traceback unless ``--debug``.  Nothing here imports Qt: the window is loaded
only when asked for.  Module-level imports stay minimal (argparse, logging and the
sub-commands load inside the functions): ``baocao --version`` loads almost nothing.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from . import __version__
from .constants import DRAFT_SUFFIX
from .errors import BaocaoError, ExportError, Location

TYPE_CHECKING = False          # typing.TYPE_CHECKING without importing typing (``--version`` loads nothing)
if TYPE_CHECKING:
    import argparse

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR, EXIT_BUG = 0, 1, 2, 3


def _load(path: str):
    from .storage import load_any
    from .template import load_pack

    draft = load_any(path)
    return draft, load_pack(draft.template_id)


def _refuse_existing(path: Path, force: bool) -> None:
    """For ``new``: an existing file needs --force, and a draft someone has open is never replaced."""
    from .outputs import is_draft_file

    if not path.exists():
        return
    if path.is_dir():
        raise ExportError(f"«{path}» là một thư mục.", "Hãy ghi rõ tên tệp bản thảo, ví dụ -o bao-cao.baocao.",
                          Location(file=str(path)))
    if not force:
        raise ExportError(f"Tệp «{path}» đã có.", "Chọn tên khác, hoặc thêm --ghi-de (--force) để ghi đè.",
                          Location(file=str(path)))
    if is_draft_file(path):
        from .storage.locking import read_lock

        holder = read_lock(path)
        if holder is not None and not holder.is_stale():     # a held lock wins over --force
            raise ExportError(f"Không ghi đè «{path.name}»: tệp đang được {holder.describe()} mở để sửa.",
                              "Hãy đợi người đó đóng tệp, hoặc tạo bản thảo mới với tên khác.", Location(file=str(path)))


def cmd_new(args: argparse.Namespace) -> int:
    """Create a new draft file: the office from --tinh or the remembered profile, the period from --ky/--nam or today."""
    from .storage import save_draft, save_json_draft

    out = Path(args.output)
    _refuse_existing(out, args.force)
    notes: list[str] = []          # warnings, on stderr
    info = ""
    if getattr(args, "from_previous", None):
        if args.sample or args.tinh:
            raise BaocaoError("--from lấy cơ quan, tỉnh và cấu trúc từ bản thảo kỳ trước nên không dùng cùng "
                              "--sample, --tinh.", "Bỏ --sample, --tinh (có thể giữ --ky, --nam để chọn kỳ).")
        from .cli_import import new_from_previous

        draft, carried = new_from_previous(args)
        info = "\n".join(carried)
    elif args.sample:
        if args.tinh or args.nam is not None or args.ky:
            raise BaocaoError("--sample tạo đúng bản thảo mẫu có sẵn nên không dùng cùng --tinh, --nam, --ky.",
                              "Bỏ --sample để tạo bản thảo mới của đơn vị, hoặc bỏ --tinh, --nam, --ky.")
        from .samples import load_sample

        draft = load_sample()
        info = ("Đây là bản thảo mẫu, một ví dụ lịch sử (báo cáo 6 tháng đầu năm 2021 của tỉnh Đắk Nông), viết "
                "trước khi sắp xếp đơn vị hành chính năm 2025 — Đắk Nông nay thuộc tỉnh Lâm Đồng. Chỉ dùng để "
                "tham khảo cách viết; bản thảo của đơn vị: baocao new -o TỆP --tinh TÊN.")
    else:
        draft, notes = _new_office_draft(args)
    if out.suffix.lower() == ".json":
        save_json_draft(draft, out)
    else:
        save_draft(draft, out)
    meta = draft.meta
    print(f"Đã tạo bản thảo «{out}» theo mẫu «{draft.template_id}»: "
          f"{meta.locality or '(chưa có tỉnh, thành phố)'}, {meta.period.phrase()}.")
    if info:
        print(info)
    for note in notes:
        print(note, file=sys.stderr)
    return EXIT_OK


def _new_office_draft(args: argparse.Namespace):
    """The new draft of ``baocao new`` without --sample, and the notes to print about it."""
    from .drafts import new_draft, new_meta
    from .localities import find_locality
    from .office_profile import load_profile
    from .periods import period_from_option
    from .template import load_pack

    pack = load_pack(args.template)
    meta = new_meta(pack, profile=load_profile())
    meta.period = period_from_option(args.ky, pack.default_period, args.nam)
    notes: list[str] = []
    if args.tinh:
        found = find_locality(args.tinh)
        meta.locality, meta.place = found.locality.header_name, found.locality.place
        if found.note:
            notes.append(f"Lưu ý: {found.note} Bản thảo ghi «{meta.locality}».")
    elif not meta.locality:
        notes.append("Lưu ý: chưa biết tỉnh, thành phố của đơn vị nên bản thảo để trống tên tỉnh và địa danh. "
                     "Thêm --tinh TÊN (ví dụ --tinh \"Lâm Đồng\"), hoặc chọn sau trong cửa sổ soạn thảo "
                     "(Báo cáo → Thông tin báo cáo). Tỉnh, thành phố chọn khi tạo bản thảo bằng cửa sổ (Tệp → Mới) "
                     "được ghi nhớ cho lần sau.")
    return new_draft(pack, meta), notes


def _year(text: str) -> int:
    """``--nam``: a year 2000–2100."""
    try:
        year = int(text)
    except ValueError:
        year = 0
    if not 2000 <= year <= 2100:
        import argparse

        raise argparse.ArgumentTypeError(f"năm «{text}» không hợp lệ; ghi năm bằng 4 chữ số, ví dụ --nam 2026")
    return year


def _print_findings(findings, stream) -> None:
    for finding in findings:
        mark = "LỖI" if finding.severity == "error" else "Lưu ý"
        print(f"  [{mark}] {finding.message}", file=stream)


def cmd_check(args: argparse.Namespace) -> int:
    """Print the findings of a draft; exit 1 when there are errors (see ``cli_checks.cmd_check``)."""
    from .cli_checks import cmd_check as run_check

    return run_check(args)


def _checked_document(args: argparse.Namespace):
    from .checks import blocking_findings, error_findings
    from .render import render_draft

    draft, pack = _load(args.file)
    errors = error_findings(draft, pack)
    blocking = blocking_findings(errors)
    if blocking:
        print(f"Bản thảo «{args.file}» có {len(blocking)} số liệu hoặc giá trị không đọc được:", file=sys.stderr)
        _print_findings(blocking, sys.stderr)
        raise BaocaoError("Chưa xuất tệp: báo cáo sẽ in sai hoặc thiếu các số liệu trên (--chua-du không bỏ qua "
                          "được lỗi này).", "Hãy sửa các giá trị đó trong bản thảo rồi xuất lại.")
    if errors and not args.incomplete:
        print(f"Bản thảo «{args.file}» còn thiếu hoặc sai {len(errors)} chỗ:", file=sys.stderr)
        _print_findings(errors, sys.stderr)
        raise BaocaoError("Chưa xuất tệp vì bản thảo chưa đầy đủ.",
                          "Hãy bổ sung các chỗ trên, hoặc thêm --chua-du (--incomplete) để vẫn xuất bản nháp.")
    document = render_draft(draft, pack)
    wanted = not getattr(args, "no_roundtrip_data", False)
    if wanted and str(getattr(args, "output", "")).lower().endswith(".docx"):   # what `baocao import` reads back
        from .importing.own_export import attach_roundtrip

        attach_roundtrip(document, draft, pack)
    return document, pack


def cmd_export(args: argparse.Namespace) -> int:
    """Export a draft to .docx (never over the draft itself, any other draft, or an existing file without --force)."""
    from . import dataclass_code

    dataclass_code.install()           # the model's classes from kept compiled code (~⅛ of an export)
    from .outputs import check_output

    out = Path(args.output)
    if out.suffix.lower() not in (".docx", ".pdf"):
        raise ExportError(f"Tên tệp xuất «{out.name}» phải có đuôi .docx hoặc .pdf.",
                          "Ví dụ: -o bao-cao.docx, hoặc -o bao-cao.pdf (PDF/A để ký số, cần LibreOffice)")
    check_output(out, [args.file], args.force)
    document, pack = _checked_document(args)
    if out.suffix.lower() == ".pdf":
        from .writers.pdf import export_pdf

        note = export_pdf(document, out, pack.reference_docx)
        print(f"Đã xuất «{out}» (PDF thường). {note}" if note else f"Đã xuất «{out}» (PDF/A-2b).")
        return EXIT_OK
    if getattr(args, "with_comments", False):
        from .cli_review import export_with_comments

        return export_with_comments(args.file, document, pack, out)
    from .writers.docx import write_docx

    write_docx(document, out, pack.reference_docx)
    print(f"Đã xuất «{out}».")
    dataclass_code.save()
    return EXIT_OK


def cmd_render(args: argparse.Namespace) -> int:
    """Render a draft to HTML."""
    from .fsutil import write_text_atomic
    from .writers.html import document_to_html

    from .outputs import check_output

    if args.output != "-":
        check_output(args.output, [args.file], args.force)
    document, _ = _checked_document(args)
    html = document_to_html(document)
    if args.output == "-":
        sys.stdout.write(html)
    else:
        write_text_atomic(args.output, html)
        print(f"Đã tạo «{args.output}».")
    return EXIT_OK


def cmd_gui(args: argparse.Namespace) -> int:
    """Open the window (lazy import of Qt); ends the process as soon as the window has closed."""
    from . import dataclass_code, startup_gc, startup_hashing

    startup_gc.pause()                 # until the first paint (``ui.app.run_app`` resumes it)
    startup_hashing.prefer_builtin_hashes()   # no OpenSSL in the window: ~5 MiB and ~6 ms (small hashes only)

    dataclass_code.install()           # the classes of the window's modules from kept compiled code (start-up)
    from .render.early_preview import start_early_preview

    start_early_preview(getattr(args, "file", None))   # the preview process reads and renders FILE while Qt loads
    from .ui.app import run_app

    status = run_app([args.file] if getattr(args, "file", None) else [])
    dataclass_code.save()
    # The window has closed its draft (autosave flushed, lock released) and saved its settings.
    # Skip the interpreter's slow teardown of Qt and a few hundred modules (~50 ms): flush and go.
    import logging

    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


def build_parser(core_only: bool = False) -> argparse.ArgumentParser:
    """The argument parser (Vietnamese help, English aliases for options).

    With *core_only* only this module's own commands are defined (``baocao export …`` loads none of the
    other ``cli_*`` modules: their import is most of a small export's start-up).
    """
    from .cli_text import VietnameseArgumentParser   # sub-parsers inherit the class

    parser = VietnameseArgumentParser(
        prog="baocao",
        description="Soạn báo cáo công tác chỉ đạo, điều hành theo mẫu, xuất tệp Word đúng Nghị định 30/2020. "
                    "Chạy không kèm lệnh để mở cửa sổ soạn thảo.")
    parser.add_argument("--version", action="version", version=f"baocao {__version__}")
    parser.add_argument("--debug", action="store_true", help="in chi tiết lỗi kỹ thuật (traceback)")
    sub = parser.add_subparsers(dest="command", metavar="LỆNH")

    from .constants import PERIOD_OPTIONS

    p = sub.add_parser("new", help="tạo bản thảo mới",
                       description="Tạo bản thảo mới của đơn vị. Không có --tinh: dùng tỉnh, thành phố đã ghi nhớ "
                                   "khi tạo bản thảo bằng cửa sổ (nếu có). Không có --ky/--nam: kỳ mặc định của mẫu, "
                                   "tính theo ngày hôm nay (6 tháng đầu năm: năm nay; cả năm: năm nay, trong 15 ngày đầu "
                                   "tháng 1 là năm vừa qua; quý: quý hiện tại, trong 15 ngày đầu quý là quý vừa qua).")
    p.add_argument("--template", "--mau", default="bao-cao-6-thang", help="mã mẫu báo cáo (xem: baocao templates)")
    p.add_argument("-o", "--output", required=True, help=f"tệp bản thảo cần tạo (*{DRAFT_SUFFIX} hoặc *.json)")
    p.add_argument("--tinh", metavar="TÊN",
                   help="tỉnh, thành phố của cơ quan ban hành, một trong 34 đơn vị từ 01/7/2025; gõ có dấu hoặc "
                        "không dấu: \"Lâm Đồng\", \"tỉnh Lâm Đồng\", \"lam dong\", \"thành phố Huế\"")
    p.add_argument("--nam", metavar="NĂM", type=_year, help="năm của kỳ báo cáo, ví dụ 2026 (mặc định: theo hôm nay)")
    p.add_argument("--ky", choices=list(PERIOD_OPTIONS), metavar="KỲ",
                   help="kỳ báo cáo: 6-thang-dau, ca-nam, quy (quý đang báo cáo), quy-1, quy-2, quy-3 hoặc quy-4 "
                        "(mặc định: kỳ của mẫu)")
    p.add_argument("--from", "--tu-ky-truoc", dest="from_previous", metavar="KỲ_TRƯỚC.baocao",
                   help="bắt đầu từ bản thảo kỳ trước: giữ cấu trúc, cơ quan, người ký, nơi nhận, danh mục văn bản; "
                        "chuyển kỳ; phương hướng, nhiệm vụ kỳ trước thành danh sách việc cần báo cáo")
    p.add_argument("--sample", "--mau-vi-du", action="store_true",
                   help="tạo từ bản thảo mẫu có sẵn nội dung (ví dụ lịch sử: tỉnh Đắk Nông, năm 2021)")
    p.add_argument("--force", "--ghi-de", action="store_true", help="ghi đè nếu tệp đã có")
    p.set_defaults(func=cmd_new)

    for name, func, help_text in (("export", cmd_export, "xuất tệp Word (.docx)"),
                                  ("render", cmd_render, "xuất HTML để xem trước")):
        p = sub.add_parser(name, help=help_text)
        p.add_argument("file", help="tệp bản thảo (.baocao hoặc .json)")
        p.add_argument("-o", "--output", required=True, help="tệp kết quả ('-' để in ra màn hình với render)")
        p.add_argument("--force", "--ghi-de", action="store_true",
                       help="ghi đè tệp kết quả nếu đã có (không bao giờ ghi đè lên một bản thảo)")
        p.add_argument("--incomplete", "--chua-du", action="store_true",
                       help="vẫn xuất khi bản thảo còn thiếu nội dung bắt buộc")
        if name == "render":
            p.add_argument("--format", choices=["html"], default="html", help="định dạng (hiện có: html)")
        else:
            p.add_argument("--khong-kem-so-lieu", "--no-roundtrip-data", dest="no_roundtrip_data", action="store_true",
                           help="không kèm phần dữ liệu ẩn (số liệu, bảng, câu do mẫu viết) dùng khi nhập lại tệp vào baocao")
            p.add_argument("--gop-y", dest="with_comments", action="store_true",
                           help="kèm các góp ý của bản thảo thành chú thích lề (comment) của Word")
        p.set_defaults(func=func)

    p = sub.add_parser("check", help="kiểm tra bản thảo: thiếu mục, số liệu không khớp …")
    p.add_argument("file", help="tệp bản thảo")
    p.add_argument("--json", action="store_true", help="in kết quả dạng JSON (vị trí, mức độ, mã quy tắc, cách sửa)")
    p.add_argument("--no-cache", action="store_true", help="kiểm tra lại từ đầu, không dùng kết quả đã lưu của lần trước")
    p.set_defaults(func=cmd_check)
    if core_only:
        return parser

    from .cli_templates import register as register_templates
    register_templates(sub)
    from .cli_checks import register as register_checks
    register_checks(sub)
    from .cli_review import register as register_review
    register_review(sub)
    from .cli_find import register as register_find
    register_find(sub)
    from .cli_contributions import register as register_contributions
    register_contributions(sub)
    from .cli_tables import register as register_tables; register_tables(sub)  # noqa: E702 (table import)
    from .cli_import import register as register_import
    register_import(sub)
    from .cli_register import register as register_register
    register_register(sub)

    p = sub.add_parser("gui", help="mở cửa sổ soạn thảo")
    p.add_argument("file", nargs="?", help="tệp bản thảo cần mở")
    p.set_defaults(func=cmd_gui)
    return parser


def _log_file() -> Path:
    from platformdirs import user_log_dir

    folder = Path(user_log_dir("baocao", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "baocao.log"


#: file endings that are never a sub-command's name: "baocao X.baocao" opens the window at once
WINDOW_FILE_SUFFIXES = (DRAFT_SUFFIX, ".json")


def _window_only(argv: list[str]) -> str | None:
    """"" for a bare ``baocao``, the file of ``baocao FILE.baocao`` / ``FILE.json``; None: parse *argv* fully."""
    if not argv:
        return ""
    if len(argv) == 1 and not argv[0].startswith("-") and argv[0].lower().endswith(WINDOW_FILE_SUFFIXES):
        return argv[0]
    return None


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``baocao`` command."""
    as_program = argv is None          # the process is this command (not a test or a caller in Python)
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv == ["--version"]:          # answered before the sub-commands (and what they import) are loaded
        print(f"baocao {__version__}")
        return EXIT_OK
    window_file = _window_only(argv)
    if window_file is not None:        # "baocao" / "baocao X.baocao": the window, without building every sub-command
        import types

        args = types.SimpleNamespace(command="gui", file=window_file or None, debug=False, func=cmd_gui)
    else:
        args = None
        if argv[:1] == ["check"]:      # "baocao check FILE [--json] [--no-cache]": no parser built (cli_checks)
            from .cli_checks import simple_check_args

            args = simple_check_args(argv[1:], cmd_check)
        elif argv[:1] == ["export"]:   # "baocao export FILE -o OUT [flags]": no parser built (cli_export)
            from .cli_export import simple_export_args

            args = simple_export_args(argv[1:], cmd_export)
    if args is None:
        # these load no other sub-command (plain build_parser() otherwise: a test may stand in for it)
        parser = build_parser(core_only=True) if argv[:1] in (["export"], ["check"]) else build_parser()
        # "baocao FILE" opens FILE in the window.
        if argv and not argv[0].startswith("-") and argv[0] not in parser._subparsers._group_actions[0].choices:  # type: ignore[union-attr]
            argv = ["gui", *argv]
        args = parser.parse_args(argv)
        if args.command is None:
            args = parser.parse_args(["gui"])
    try:
        status = args.func(args)
        if as_program and args.command in ("export", "check"):     # written and closed: no teardown
            _end_process(status)
        return status
    except BaocaoError as exc:
        if args.debug:
            raise
        print(f"Lỗi: {exc.user_text()}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:            # "baocao check F | head": the reader has gone; nothing went wrong here
        try:
            sys.stdout = open(os.devnull, "w")              # noqa: SIM115 - no flush error at exit either
        except OSError:
            pass
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 - last resort: log, tell politely, no traceback
        if args.debug:
            raise
        try:
            path = _log_file()
            import logging

            logging.basicConfig(filename=path, level=logging.INFO)
            logging.getLogger("baocao").exception("unexpected error in %s", args.command)
            where = f" Chi tiết kỹ thuật đã ghi vào «{path}»."
        except OSError:
            where = ""
        print(f"Lỗi ngoài dự kiến: {type(exc).__name__}: {exc}.{where}\n"
              "Hãy gửi tệp nhật ký cho bộ phận hỗ trợ. Tệp bản thảo không bị thay đổi.", file=sys.stderr)
        return EXIT_BUG


def _end_process(status: int) -> None:
    """End the process now: the export is written and closed; skip the interpreter's teardown of a few hundred
    modules and the document objects (~3 % of an export)."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


def gui_main() -> int:
    """Entry point of ``baocao-gui`` (no console on Windows)."""
    return main(sys.argv[1:] or ["gui"])


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
