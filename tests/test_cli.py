"""The headless command line: happy paths and every bad input (clear message, exit ≠ 0, no file)."""

import sqlite3

import pytest
from helpers import run_cli

from baocao.constants import DRAFT_SCHEMA_VERSION
from baocao.samples import sample_path


def _assert_clean_failure(result, *words):
    assert result.returncode not in (0, None)
    assert "Traceback" not in result.stderr + result.stdout
    for word in words:
        assert word in result.stderr, result.stderr


def test_help_lists_the_commands():
    result = run_cli("--help")
    assert result.returncode == 0
    for command in ("new", "export", "render", "check", "templates"):
        assert command in result.stdout


def test_cli_does_not_import_qt():
    import subprocess
    import sys

    code = ("import sys; from baocao.cli import main; main(['templates']); "
            "print('QT' if any(m.startswith('PySide6') for m in sys.modules) else 'NOQT')")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip().endswith("NOQT")


def test_new_then_render_html(tmp_path):
    draft = tmp_path / "moi.baocao"
    assert run_cli("new", "--template", "bao-cao-6-thang", "-o", str(draft)).returncode == 0
    html = tmp_path / "moi.html"
    result = run_cli("render", str(draft), "--format", "html", "-o", str(html))
    _assert_clean_failure(result, "chưa đầy đủ", "--incomplete")
    assert not html.exists()
    assert run_cli("render", str(draft), "-o", str(html), "--incomplete").returncode == 0
    text = html.read_text(encoding="utf-8")
    assert "MỘT SỐ KẾT QUẢ CHỦ YẾU" in text and "ĐÁNH GIÁ CHUNG" in text


def test_new_refuses_to_overwrite(tmp_path):
    draft = tmp_path / "co-roi.baocao"
    draft.write_bytes(b"do not touch")
    result = run_cli("new", "-o", str(draft))
    _assert_clean_failure(result, "đã có")
    assert draft.read_bytes() == b"do not touch"


def test_unknown_template(tmp_path):
    result = run_cli("new", "--template", "khong-co", "-o", str(tmp_path / "x.baocao"))
    _assert_clean_failure(result, "khong-co", "bao-cao-6-thang")
    assert not (tmp_path / "x.baocao").exists()


def test_check_sample_is_clean():
    result = run_cli("check", str(sample_path()))
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_reports_figures_that_do_not_add_up(tmp_path, sample_draft):
    from baocao.storage import save_draft

    table = sample_draft.tables["nhiem-vu-theo-van-ban"]      # no government rows: I.1.a's figures are typed
    table[:] = [r for r in table if r.get("nguon") != "chinh-phu"]
    sample_draft.section("nhiem-vu-cap-tren").fields["tong"] = 20
    path = tmp_path / "sai.baocao"
    save_draft(sample_draft, path)
    result = run_cli("check", str(path))
    assert result.returncode == 1
    assert "Tổng số nhiệm vụ phải bằng" in result.stdout


@pytest.mark.parametrize("name, data, words", [
    ("khong-phai.baocao", "đây là văn bản".encode(), "không phải tệp bản thảo"),
    ("rong.baocao", b"", "rỗng"),
    ("hong.json", b"{ khong phai json", "JSON"),
])
def test_export_bad_files(tmp_path, name, data, words):
    source = tmp_path / name
    source.write_bytes(data)
    out = tmp_path / "ra.docx"
    _assert_clean_failure(run_cli("export", str(source), "-o", str(out)), words)
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir()] == [name]


def test_export_missing_file(tmp_path):
    _assert_clean_failure(run_cli("export", str(tmp_path / "khong-co.baocao"), "-o", str(tmp_path / "a.docx")),
                          "Không tìm thấy")


def test_export_newer_version(tmp_path, sample_draft):
    from baocao.storage import save_draft

    path = tmp_path / "moi.baocao"
    save_draft(sample_draft, path)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {DRAFT_SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    _assert_clean_failure(run_cli("export", str(path), "-o", str(tmp_path / "a.docx")), "phiên bản baocao mới hơn")
    assert not (tmp_path / "a.docx").exists()


def test_export_incomplete_draft_is_refused_with_the_list(tmp_path):
    draft = tmp_path / "trong.baocao"
    run_cli("new", "-o", str(draft))
    out = tmp_path / "a.docx"
    result = run_cli("export", str(draft), "-o", str(out))
    _assert_clean_failure(result, "chưa có nội dung", "Ưu điểm")
    assert not out.exists()


def test_export_with_broken_template(tmp_path, builtin_pack_copy):
    (builtin_pack_copy / "muc" / "han-che.j2").write_text("{{ noi_dung }}\n{% if truong.co('x') %}\n",
                                                          encoding="utf-8")
    out = tmp_path / "a.docx"
    result = run_cli("export", str(sample_path()), "-o", str(out),
                     env={"BAOCAO_TEMPLATES": str(builtin_pack_copy.parent)})
    _assert_clean_failure(result, "han-che.j2", "dòng")
    assert not out.exists()


def test_export_requires_docx_suffix(tmp_path):
    # .docx, or .pdf (PDF/A through LibreOffice, tests/test_pdf_export.py); nothing else
    _assert_clean_failure(run_cli("export", str(sample_path()), "-o", str(tmp_path / "a.odt")), ".docx")


def test_a_closed_pipe_is_not_an_error(monkeypatch, capsys):
    """``baocao check F | head``: the reader leaving early ends the command quietly with exit 0, no log entry."""
    import sys

    from baocao import cli

    def closed(_args):
        raise BrokenPipeError(32, "Broken pipe")

    logged = []
    monkeypatch.setattr(cli, "cmd_templates", closed, raising=False)
    monkeypatch.setattr(cli, "_log_file", lambda: logged.append(1), raising=False)
    parser = cli.build_parser()
    args = parser.parse_args(["templates"])
    monkeypatch.setattr(cli, "build_parser", lambda: _Parser(parser, args, closed))
    stdout = sys.stdout
    try:
        assert cli.main(["templates"]) == cli.EXIT_OK
    finally:
        sys.stdout = stdout
    assert logged == []


class _Parser:
    """The real parser, with the command's function replaced."""

    def __init__(self, parser, args, func):
        self._parser, self._args, self._func = parser, args, func
        self._subparsers = parser._subparsers

    def parse_args(self, argv):
        args = self._parser.parse_args(argv)
        args.func = self._func
        return args
