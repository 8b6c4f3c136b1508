"""An export into a folder that exists but cannot be written says so (never "does not exist")."""

from __future__ import annotations

import errno
import os
import tempfile

import pytest

from baocao.errors import ExportError
from baocao.fsutil import describe_os_error
from baocao.writers.docx import write_docx
from docx_support import fixture_document


def _refuse_with(monkeypatch, error: OSError) -> None:
    def refuse(*args, **kwargs):
        raise error

    monkeypatch.setattr(tempfile, "mkstemp", refuse)


def test_existing_folder_without_write_permission(tmp_path, monkeypatch):
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: False if str(p) == str(tmp_path)
                        else real_access(p, mode, **kw))
    _refuse_with(monkeypatch, PermissionError(errno.EACCES, "Permission denied"))
    with pytest.raises(ExportError) as info:
        write_docx(fixture_document(), tmp_path / "bao-cao.docx")
    assert f"thư mục «{tmp_path}» không cho phép ghi" in info.value.message
    assert "không tồn tại" not in info.value.user_text()


def test_existing_folder_that_refuses_new_files_is_not_called_missing(tmp_path, monkeypatch):
    """Windows' protected folders answer "file not found" for a folder that is there."""
    _refuse_with(monkeypatch, FileNotFoundError(errno.ENOENT, "No such file or directory"))
    with pytest.raises(ExportError) as info:
        write_docx(fixture_document(), tmp_path / "bao-cao.docx")
    assert "có sẵn nhưng không cho phép tạo tệp mới" in info.value.message
    assert "không tồn tại" not in info.value.user_text()


def test_missing_folder_is_called_missing(tmp_path):
    message, _hint = describe_os_error(FileNotFoundError(errno.ENOENT, "x"), tmp_path / "khong-co" / "a.docx")
    assert "không tồn tại" in message


def test_window_export_into_a_refusing_folder(qtbot, tmp_path, monkeypatch):
    pytest.importorskip("PySide6")
    from ui_support import make_window, sample_session
    from baocao.ui import prompts

    window = make_window(qtbot, tmp_path, sample_session())
    shown = []
    monkeypatch.setattr(prompts, "show_error", lambda parent, title, error: shown.append(str(error)))
    monkeypatch.setattr(prompts, "confirm_export_findings", lambda *a: True)
    _refuse_with(monkeypatch, FileNotFoundError(errno.ENOENT, "No such file or directory"))
    with qtbot.waitSignal(window.controller.exportFinished, timeout=30000) as finished:
        assert window.controller.export("docx", tmp_path / "bao-cao.docx")
    assert "không cho phép tạo tệp mới" in finished.args[1]
    assert shown and "không tồn tại" not in shown[0]
