"""The mapping preview with our own export: «Số liệu: N trường, M bảng», the generated sentences left out, the
offer «Thêm N văn bản vào danh mục» (on by default), and one undo step taking fields, tables and register back."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from ui_support import make_window, message_boxes  # noqa: F401 - the fixture, used by name

from baocao.drafts import new_draft
from baocao.importing import UNPLACED_ID
from baocao.model.richtext import Cite
from baocao.register.entries import register_entries
from baocao.samples import load_sample
from baocao.session import DraftSession
from baocao.template import load_pack
from baocao.ui.importing import commands

SHOTS = Path(__file__).resolve().parent.parent / "docs" / "images" if os.environ.get("BAOCAO_SCREENSHOTS") == "1" \
    else None


@pytest.fixture(scope="module")
def own_docx(tmp_path_factory):
    """The sample exported as the window exports it (with the data our import reads back)."""
    from baocao.importing.own_export import attach_roundtrip
    from baocao.render import render_draft
    from baocao.writers.docx import write_docx

    sample = load_sample()
    pack = load_pack(sample.template_id)
    path = tmp_path_factory.mktemp("ui-own") / "bao-cao-2021.docx"
    write_docx(attach_roundtrip(render_draft(sample, pack), sample, pack), path, pack.reference_docx)
    return sample, path


def _window(qtbot, tmp_path):
    pack = load_pack("bao-cao-6-thang")
    session = DraftSession.new(pack, new_draft(pack), threaded=False)
    session.save_as(tmp_path / "ky-nay.baocao")
    return make_window(qtbot, tmp_path, session)


def _fields(draft) -> int:
    return sum(1 for d in draft.sections.values() for v in d.fields.values() if v not in (None, "", [], {}))


def test_the_preview_shows_the_figures_and_the_citations_then_one_undo(qtbot, tmp_path, own_docx, message_boxes):
    sample, path = own_docx
    window = _window(qtbot, tmp_path)
    draft = window.session.draft
    dialog = commands.start_import(window, str(path))
    assert dialog is not None and dialog.isVisible()
    tables = sum(1 for rows in sample.tables.values() if rows)
    assert dialog.figures_label.isVisible()
    assert f"Số liệu: {_fields(sample)} trường, {tables} bảng" in dialog.figures_label.text()
    assert "không nhập thành nội dung" in dialog.figures_label.text()
    box = dialog.citations_box
    assert box.isVisible() and box.isChecked() and box.text().startswith("Thêm ")
    assert "văn bản vào danh mục" in box.text() and "Quyết định số 42/QĐ-UBND" in box.toolTip()
    sources = [dialog.table.item(r, 0).text().strip() for r in range(dialog.table.rowCount())]
    assert "(phần đầu văn bản)" not in sources and "(phần cuối văn bản)" not in sources   # the frame: recognised
    dialog.table.selectRow(sources.index("b) Về tổ chức các cuộc họp, làm việc của UBND tỉnh"))
    assert "phiên họp" in dialog.preview.toPlainText()                # the drafter's text is shown …
    assert "đã tổ chức 08 phiên họp" not in dialog.preview.toPlainText()   # … its generated sentence is not
    assert dialog.grab().save(str((SHOTS or tmp_path) / "ui-nhap-docx-so-lieu.png"))
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and message_boxes.shown == []
    assert draft.sections["cuoc-hop"].fields == sample.sections["cuoc-hop"].fields
    assert {t: r for t, r in draft.tables.items() if r} == {t: r for t, r in sample.tables.items() if r}
    assert register_entries(draft)
    assert any(isinstance(i, Cite) for d in draft.sections.values() for p in d.body for i in p.content)
    assert UNPLACED_ID not in draft.sections
    window.select("cuoc-hop")                                        # the form shows the figures that came back
    window.controller.undo_stack.undo()
    assert _fields(draft) == 0 and all(not r for r in draft.tables.values()) and not register_entries(draft)


def test_declining_the_register_offer_keeps_the_words(qtbot, tmp_path, own_docx, message_boxes):
    _sample, path = own_docx
    window = _window(qtbot, tmp_path)
    dialog = commands.start_import(window, str(path))
    dialog.citations_box.setChecked(False)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    draft = window.session.draft
    assert not register_entries(draft)
    assert not any(isinstance(i, Cite) for d in draft.sections.values() for p in d.body for i in p.content)
    assert any("Quyết định số 42/QĐ-UBND" in p.plain_text() for d in draft.sections.values() for p in d.body)


def test_the_windows_own_export_comes_back_through_the_window(qtbot, tmp_path, message_boxes, monkeypatch):
    from ui_support import sample_session

    from baocao.ui import prompts

    monkeypatch.setattr(prompts, "confirm_export_findings", lambda *a: True)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    source = make_window(qtbot, tmp_path / "a", sample_session())
    out = tmp_path / "xuat-tu-cua-so.docx"
    with qtbot.waitSignal(source.controller.exportFinished, timeout=60000) as finished:
        assert source.controller.export("docx", out)
    assert finished.args == [str(out), ""]
    sample = source.session.draft
    window = _window(qtbot, tmp_path / "b")
    dialog = commands.start_import(window, str(out))
    assert dialog.plan.own is not None and dialog.figures_label.isVisible()
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    draft = window.session.draft
    for section_id, data in sample.sections.items():
        assert {k: v for k, v in draft.sections[section_id].fields.items() if v not in (None, "")} == \
            {k: v for k, v in data.fields.items() if v not in (None, "", [], {})}, section_id
    assert UNPLACED_ID not in draft.sections
