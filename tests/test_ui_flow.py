"""What a drafter does, end to end: wizard → section → typing → footnote → figures → undo/redo → save → reopen → export."""

from __future__ import annotations

import re

import pytest
from helpers import flatten

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog  # noqa: E402

from baocao.constants import PeriodKind  # noqa: E402
from baocao.ui import prompts  # noqa: E402
from baocao.ui.wizard import NewDraftWizard  # noqa: E402
from ui_support import make_window, message_boxes, type_text  # noqa: E402,F401 (autouse fixture)

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


def drive_wizard(wizard: NewDraftWizard) -> int:
    """Fill the wizard's pages as a drafter would and finish it."""
    wizard.show()
    wizard.restart()
    start = wizard.start
    start.from_pack.setChecked(True)
    start.packs.setCurrentRow(0)
    assert start.isComplete()
    wizard.next()
    assert wizard.currentPage() is wizard.issuer
    issuer = wizard.issuer.part
    issuer.body.setText("Ủy ban nhân dân")
    issuer.locality.setText("tỉnh Lâm Đồng")
    issuer.place.setText("Lâm Đồng")
    wizard.next()
    period = wizard.period.part
    period.kind.setCurrentIndex(period.kind.findData(PeriodKind.FIRST_HALF.value))
    period.year.setValue(2024)
    period.number.setText("")
    period.symbol.setText("BC-UBND")
    wizard.next()
    signer = wizard.signer.part
    signer.prefix.setCurrentIndex(signer.prefix.findData("KT."))
    signer.title.setText("Phó Chủ tịch")
    signer.name.setText("Trần Thị Bình")
    wizard.next()
    recipients = wizard.recipients.part
    assert "Lưu: VT, TH" in recipients.entries()          # defaults from the pack
    recipients.set_entries(recipients.entries() + ["Sở Nội vụ"])
    wizard.accept()
    return QDialog.DialogCode.Accepted


def _go_to(qtbot, window, section_id):
    """Walk with Ctrl+PgDown (Alt+→ as well) until *section_id* is shown."""
    for _ in range(40):
        if window.current_key == section_id:
            return
        qtbot.keyClick(window.outline.tree, Qt.Key.Key_PageDown, CTRL)
    raise AssertionError(f"could not reach {section_id}")


def test_drafter_end_to_end(qtbot, tmp_path, monkeypatch):
    window = make_window(qtbot, tmp_path)
    monkeypatch.setattr(NewDraftWizard, "exec", drive_wizard)
    assert window.controller.new_draft()
    session = window.session
    assert session.draft.meta.locality == "tỉnh Lâm Đồng"
    assert session.draft.meta.signer.name == "Trần Thị Bình"
    assert session.draft.meta.recipients[-1] == "Sở Nội vụ"
    assert "tỉnh Lâm Đồng" in window.render_html().replace("TỈNH LÂM ĐỒNG", "tỉnh Lâm Đồng")

    # walk to the "phối hợp" section with the keyboard and type its text
    window.outline.tree.setFocus()
    _go_to(qtbot, window, "phoi-hop")
    body = window.editor.body
    body.setFocus()
    type_text(qtbot, body, "Phối hợp chặt chẽ với HĐND tỉnh")
    qtbot.keyClick(body, Qt.Key.Key_F, CTRL | ALT)                       # Insert footnote
    note_editor = QApplication.focusWidget()
    assert note_editor is window.editor.notes.editor(window.editor.body.notes()[0][0])
    type_text(qtbot, note_editor, "Gồm 12 kỳ họp chuyên đề.")
    qtbot.keyClick(note_editor, Qt.Key.Key_Escape)                        # back to the body
    assert QApplication.focusWidget() is body
    type_text(qtbot, body, " và Mặt trận.")
    paras = session.draft.section("phoi-hop").body
    assert paras[0].plain_text() == "Phối hợp chặt chẽ với HĐND tỉnh và Mặt trận."
    assert [n.plain_text() for n in paras[0].notes()] == ["Gồm 12 kỳ họp chuyên đề."]

    # figures, the Vietnamese way
    qtbot.keyClick(window.outline.tree, Qt.Key.Key_PageUp, CTRL)
    window.select("nhiem-vu-cap-tren")
    field = window.editor.fields.widget("tong")
    field.setFocus()
    type_text(qtbot, field, "2.573")
    assert session.draft.section("nhiem-vu-cap-tren").fields["tong"] == 2573
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert field.text() == "2.573"

    # undo, redo: the figure, then all the typing of the section (merged), come back
    stack = window.controller.undo_stack
    stack.undo()
    assert "tong" not in session.draft.section("nhiem-vu-cap-tren").fields
    assert window.editor.fields.widget("tong").text() == ""
    stack.redo()
    assert session.draft.section("nhiem-vu-cap-tren").fields["tong"] == 2573
    while stack.canUndo() and session.draft.section("phoi-hop").body:
        stack.undo()
    assert window.current_key == "phoi-hop"                                # undo goes to where it happened
    assert window.editor.body.body() == []
    while stack.canRedo():
        stack.redo()
    assert session.draft.section("phoi-hop").body == paras

    # save (Save As for an untitled draft), then reopen
    target = tmp_path / "bao-cao-lam-dong.baocao"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    assert window.controller.save()
    assert target.is_file()
    assert not window.isWindowModified()
    assert window.windowTitle().startswith("bao-cao-lam-dong.baocao")
    assert window.controller.open_path(target)
    assert window.session.path == target
    reopened = window.session.draft
    assert reopened.section("phoi-hop").body == paras
    assert reopened.section("nhiem-vu-cap-tren").fields["tong"] == 2573

    # export: checks first (the new draft is incomplete) → "Vẫn xuất bản nháp" → .docx
    pytest.importorskip("baocao.writers.docx")
    from docx2python import docx2python

    asked = []
    monkeypatch.setattr(prompts, "confirm_export_findings", lambda parent, errors: asked.append(errors) or True)
    out = tmp_path / "bao-cao.docx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    with qtbot.waitSignal(window.controller.exportFinished, timeout=30000) as blocker:
        assert window.controller.export("docx")
    assert blocker.args == [str(out), ""]
    assert asked and all(f.severity == "error" for f in asked[0])
    box = window.controller.last_result_box
    assert box is not None and str(out) in box.text()
    assert {b.text() for b in box.buttons()} >= {"Mở &tệp", "Mở thư &mục"}
    box.close()
    with docx2python(out) as reader:
        body_text = reader.body_runs and " ".join(flatten(reader.body))
        notes_text = " ".join(flatten(reader.footnotes))
    assert "Phối hợp chặt chẽ với HĐND tỉnh" in body_text
    assert "Gồm 12 kỳ họp chuyên đề." in re.sub(r"footnote\d+\)\t\s*", "", notes_text)
    assert "Gồm 12 kỳ họp chuyên đề." not in body_text
    assert "2.573" in body_text


def test_wizard_from_previous_draft(qtbot, tmp_path, sample_draft):
    from baocao.storage import save_draft

    previous = tmp_path / "ky-truoc.baocao"
    save_draft(sample_draft, previous)
    wizard = NewDraftWizard(settings=None)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.restart()
    wizard.start.from_draft.setChecked(True)
    wizard.start.path.setText(str(previous))
    wizard.next()
    assert wizard.issuer.part.place.text() == "Đắk Nông"             # standing data kept
    wizard.next()
    assert wizard.period.part.year.value() == 2022                    # next period proposed
    assert wizard.period.part.number.text() == ""
    wizard.next()
    assert wizard.signer.part.name.text() == "Lê Văn Khánh"
    wizard.next()
    pack, draft = wizard.result_draft()
    assert draft.meta.period.year == 2022 and draft.meta.issue_date is None
    assert all(not s.body for s in draft.sections.values())            # period text cleared
    units = [r.get("don_vi") for r in draft.tables["nhiem-vu-theo-don-vi"]]
    assert units[0] == "Sở Kế hoạch và Đầu tư"                        # list of units kept
    assert all(set(r) == {"don_vi"} for r in draft.tables["nhiem-vu-theo-don-vi"])


def test_wizard_bad_previous_file(qtbot, tmp_path):
    bad = tmp_path / "hong.baocao"
    bad.write_bytes(b"not a draft at all")
    wizard = NewDraftWizard()
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.restart()
    wizard.start.from_draft.setChecked(True)
    wizard.start.path.setText(str(bad))
    wizard.next()
    assert wizard.currentPage() is wizard.start
    assert wizard.start.error.text()
    assert "Traceback" not in wizard.start.error.text()
