"""QA (Dec 2026): after «Nhập báo cáo .docx…» of a reviewed file with a long name, the status bar's line was
cut at 1366 px (the name twice, once inside the version's name): now the name once, cut in the middle when long,
and the version in the tooltip."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from ui_support import make_window, message_boxes  # noqa: F401 - the fixture, used by name

from baocao.drafts import new_draft
from baocao.session import DraftSession
from baocao.template import load_pack
from baocao.ui.importing import commands

LONG = "bao-cao-6-thang-dau-nam-2021-ubnd-tinh-ban-da-duyet-gop-y-cua-lanh-dao-van-phong-lan-2.docx"


@pytest.fixture()
def long_docx(tmp_path):
    from baocao.render import render_draft
    from baocao.samples import load_sample
    from baocao.writers.docx import write_docx

    sample = load_sample()
    pack = load_pack(sample.template_id)
    path = tmp_path / LONG
    write_docx(render_draft(sample, pack), path, pack.reference_docx)
    return path


def test_the_import_line_names_a_long_file_once_and_fits(qtbot, tmp_path, long_docx, message_boxes):
    pack = load_pack("bao-cao-6-thang")
    session = DraftSession.new(pack, new_draft(pack), threaded=False)
    session.save_as(tmp_path / "ky-nay.baocao")
    window = make_window(qtbot, tmp_path, session)
    dialog = commands.start_import(window, str(long_docx))
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    bar = window.statusBar()
    message = bar.currentMessage()
    assert message.startswith("Đã nhập «bao-cao-6-thang-dau") and message.endswith("» — hoàn tác: Ctrl+Z")
    assert "…" in message and message.count("bao-cao") == 1 and len(message) <= 70
    assert f"Trước khi nhập «{LONG}»" in bar.toolTip()


def test_a_short_name_is_shown_whole():
    assert commands.short_name("bao-cao.docx") == "bao-cao.docx"
    cut = commands.short_name(LONG)
    assert len(cut) == 40 and cut.endswith("lan-2.docx") and cut.startswith("bao-cao-6-thang")
