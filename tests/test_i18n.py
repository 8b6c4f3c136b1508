"""Vietnamese everywhere: Qt's own texts, operating-system errors and the command line (argparse)."""

from __future__ import annotations

import argparse
import ast
import errno
import gettext
import importlib.util
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from helpers import run_cli

import baocao
from baocao.cli_text import MESSAGES, VietnameseArgumentParser
from baocao.oserrors import ERRNO_TEXT, os_error_text
from baocao.paths import resources_dir

I18N = resources_dir() / "i18n"
TS = I18N / "qtbase_vi.ts"
QM = I18N / "qtbase_vi.qm"

EDITOR_MENU = ["&Hoàn tác", "&Làm lại", "Cắ&t", "&Sao chép", "&Dán", "Xóa", "Chọn tất cả"]
ENGLISH_MENU = {"Undo", "Redo", "Cut", "Copy", "Paste", "Delete", "Select All"}


def _ts_messages() -> list[tuple[str, str, str | None, str]]:
    """(context, source, comment, translation) of every message of the .ts."""
    messages = []
    for context in ET.parse(TS).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            messages.append((name, message.findtext("source"), message.findtext("comment"),
                             message.findtext("translation")))
    return messages


def _menu_texts(menu) -> list[str]:
    """Action texts of *menu* without separators and without the "\\tCtrl+Z" shortcut part."""
    return [action.text().split("\t")[0] for action in menu.actions() if not action.isSeparator()]


@pytest.fixture
def vietnamese_qt(qapp):
    """The Vietnamese Qt catalogue installed on the test application (removed again afterwards)."""
    from PySide6.QtCore import QLocale

    from baocao.ui.translations import install_qt_translations

    locale = QLocale()
    translator = install_qt_translations(qapp)
    assert translator is not None, "qtbase_vi.qm not loaded"
    yield translator
    qapp.removeTranslator(translator)
    translator.setObjectName("")
    translator.deleteLater()
    QLocale.setDefault(locale)


# ---------------------------------------------------------------- the catalogue itself
def test_catalogue_ships_with_the_resources():
    from baocao.ui.translations import catalogue_path

    assert catalogue_path() == QM
    assert QM.is_file() and TS.is_file()
    assert QM.is_relative_to(resources_dir())     # inside baocao/_data in an installed package


def test_qm_holds_every_message_of_the_ts(qapp):
    """Fails when the .ts was edited without rebuilding the .qm (python resources/i18n/build.py)."""
    from PySide6.QtCore import QTranslator

    translator = QTranslator()
    assert translator.load(str(QM))
    messages = _ts_messages()
    assert len(messages) > 100
    stale = [(ctx, src, tr, translator.translate(ctx, src, comment))
             for ctx, src, comment, tr in messages if translator.translate(ctx, src, comment) != tr]
    assert not stale, f"qtbase_vi.qm is older than qtbase_vi.ts; run python resources/i18n/build.py: {stale}"


def test_qm_is_what_lrelease_makes_of_the_ts(tmp_path):
    spec = importlib.util.spec_from_file_location("i18n_build", I18N / "build.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    if build.find_lrelease() is None:
        pytest.skip("Qt's lrelease is not installed")
    rebuilt = tmp_path / "qtbase_vi.qm"
    build.build(TS, rebuilt)
    assert rebuilt.read_bytes() == QM.read_bytes(), "run python resources/i18n/build.py and commit the .qm"


def test_translations_keep_mnemonics_and_placeholders():
    for ctx, source, _comment, translation in _ts_messages():
        assert translation, (ctx, source)
        assert source.count("&") == translation.count("&"), (ctx, source, translation)
        for marker in ("%1", "%2", "\n", "\t"):
            assert source.count(marker) == translation.count(marker), (ctx, source, translation)


def test_create_application_installs_the_catalogue(tmp_path):
    """The real start-up path (fresh process): context menus come out in Vietnamese."""
    code = ("from baocao.ui.app import create_application\n"
            "app = create_application([])\n"
            "from PySide6.QtCore import QLocale\n"
            "from PySide6.QtWidgets import QLineEdit\n"
            "edit = QLineEdit('x'); menu = edit.createStandardContextMenu()\n"
            "print(QLocale().name()); print(menu.actions()[0].text().split('\\t')[0])\n")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_RUNTIME_DIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[:1] == ["vi_VN"]
    assert result.stdout.strip().endswith("&Hoàn tác")


# ---------------------------------------------------------------- Qt widgets
def test_line_edit_context_menu(vietnamese_qt, qtbot):
    from PySide6.QtWidgets import QLineEdit

    edit = QLineEdit("báo cáo")
    qtbot.addWidget(edit)
    menu = edit.createStandardContextMenu()
    texts = _menu_texts(menu)
    assert texts == EDITOR_MENU
    assert not ENGLISH_MENU & {t.replace("&", "") for t in texts}
    assert "\t" in menu.actions()[0].text()          # Qt still appends the shortcut ("\tCtrl+Z")
    menu.deleteLater()


def test_body_editor_context_menu(vietnamese_qt, qtbot):
    from baocao.ui.richtext_editor import BodyEditor

    editor = BodyEditor()
    qtbot.addWidget(editor)
    editor.setPlainText("Nội dung mục")
    editor.selectAll()
    menu = editor.createStandardContextMenu()
    assert _menu_texts(menu) == EDITOR_MENU
    menu.deleteLater()


def test_plain_text_and_browser_context_menus(vietnamese_qt, qtbot):
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QPlainTextEdit, QTextBrowser

    plain = QPlainTextEdit("ghi chú")
    qtbot.addWidget(plain)
    menu = plain.createStandardContextMenu()
    assert _menu_texts(menu) == EDITOR_MENU
    menu.deleteLater()

    browser = QTextBrowser()
    qtbot.addWidget(browser)
    browser.setHtml('<a href="https://example.org/">liên kết</a>')
    menu = browser.createStandardContextMenu(QPoint(5, 5))
    texts = _menu_texts(menu)
    assert "Sao chép địa chỉ liên &kết" in texts and "Chọn tất cả" in texts
    menu.deleteLater()


def test_spin_box_context_menu(vietnamese_qt, qtbot):
    """QAbstractSpinBox builds its menu inside contextMenuEvent: read it while it is open."""
    from PySide6.QtCore import QPoint, QTimer
    from PySide6.QtGui import QContextMenuEvent
    from PySide6.QtWidgets import QApplication, QMenu, QSpinBox

    spin = QSpinBox()
    qtbot.addWidget(spin)
    spin.show()
    seen: list[str] = []

    def read_and_close(attempt: int = 0) -> None:
        popup = QApplication.activePopupWidget()
        if isinstance(popup, QMenu):
            seen.extend(_menu_texts(popup))
            popup.close()
        elif attempt < 50:
            QTimer.singleShot(20, lambda: read_and_close(attempt + 1))

    QTimer.singleShot(0, read_and_close)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(5, 5), spin.mapToGlobal(QPoint(5, 5)))
    QApplication.sendEvent(spin, event)
    assert seen[-3:] == ["&Chọn tất cả", "Tă&ng", "&Giảm"]
    assert "&Hoàn tác" in seen


MESSAGE_BOX_BUTTONS = {
    "Ok": "Đồng ý", "Save": "Lưu", "SaveAll": "Lưu tất cả", "Open": "Mở", "Yes": "Có",
    "YesToAll": "Có cho tất cả", "No": "Không", "NoToAll": "Không cho tất cả", "Abort": "Hủy bỏ",
    "Retry": "Thử lại", "Ignore": "Bỏ qua", "Close": "Đóng", "Cancel": "Hủy", "Discard": "Không lưu",
    "Help": "Trợ giúp", "Apply": "Áp dụng", "Reset": "Đặt lại", "RestoreDefaults": "Khôi phục mặc định",
}
GNOME_BUTTONS = {"Discard": "Đóng, không lưu"}      # when Qt runs with the GNOME/GTK platform theme


def test_message_box_standard_buttons(vietnamese_qt, qtbot):
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox()
    qtbot.addWidget(box)
    for name in MESSAGE_BOX_BUTTONS:
        box.addButton(getattr(QMessageBox.StandardButton, name))
    for name, expected in MESSAGE_BOX_BUTTONS.items():
        text = box.button(getattr(QMessageBox.StandardButton, name)).text().replace("&", "")
        assert text in (expected, GNOME_BUTTONS.get(name)), (name, text)


def test_message_box_details_button(vietnamese_qt, qtbot):
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Warning, "Lỗi", "Không lưu được tệp.")
    qtbot.addWidget(box)
    box.setDetailedText("chi tiết kỹ thuật")
    box.show()
    details = [b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.ActionRole]
    assert [b.text() for b in details] == ["Xem chi tiết…"]
    details[0].click()
    assert details[0].text() == "Ẩn chi tiết…"
    box.close()


def test_dialog_button_box_and_input_dialog(vietnamese_qt, qtbot):
    from PySide6.QtWidgets import QDialogButtonBox, QInputDialog, QProgressDialog, QPushButton

    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(buttons)
    assert sorted(b.text().replace("&", "") for b in buttons.buttons()) == ["Hủy", "Đồng ý"]
    dialog = QInputDialog()
    qtbot.addWidget(dialog)
    assert dialog.okButtonText().replace("&", "") == "Đồng ý"
    assert dialog.cancelButtonText().replace("&", "") == "Hủy"
    progress = QProgressDialog()
    qtbot.addWidget(progress)
    assert [b.text() for b in progress.findChildren(QPushButton)] == ["Hủy"]


def test_file_dialog_widgets(vietnamese_qt, qtbot, tmp_path):
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QFileSystemModel, QLabel, QToolButton

    (tmp_path / "bao-cao.docx").write_bytes(b"x")
    (tmp_path / "thu-muc").mkdir()
    dialog = QFileDialog(None, "", str(tmp_path), "Tài liệu Word (*.docx)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    qtbot.addWidget(dialog)
    dialog.show()

    assert dialog.windowTitle() == "Lưu thành"
    labels = {name: dialog.findChild(QLabel, name).text() for name in ("lookInLabel", "fileNameLabel", "fileTypeLabel")}
    assert labels == {"lookInLabel": "&Xem trong:", "fileNameLabel": "&Tên tệp:", "fileTypeLabel": "Loại tệ&p:"}
    box = dialog.findChild(QDialogButtonBox, "buttonBox")
    assert sorted(b.text() for b in box.buttons()) == ["&Lưu", "Hủy"]
    tips = {name: dialog.findChild(QToolButton, name).toolTip()
            for name in ("backButton", "forwardButton", "toParentButton", "newFolderButton",
                         "listModeButton", "detailModeButton")}
    assert tips == {"backButton": "Quay lại", "forwardButton": "Tiến tới", "toParentButton": "Thư mục cấp trên",
                    "newFolderButton": "Tạo thư mục mới", "listModeButton": "Dạng danh sách",
                    "detailModeButton": "Dạng chi tiết"}
    actions = {name: dialog.findChild(QAction, name).text()
               for name in ("qt_rename_action", "qt_delete_action", "qt_show_hidden_action", "qt_new_folder_action")}
    assert actions == {"qt_rename_action": "Đổi &tên", "qt_delete_action": "&Xóa",
                       "qt_show_hidden_action": "&Hiện tệp ẩn", "qt_new_folder_action": "Thư mục &mới"}
    model = dialog.findChild(QFileSystemModel)
    header = [model.headerData(column, Qt.Orientation.Horizontal) for column in range(4)]
    assert header == ["Tên", "Kích thước", "Loại", "Ngày sửa đổi"]

    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    assert sorted(b.text() for b in box.buttons()) == ["&Mở", "Hủy"]
    # the questions Qt asks from inside the dialog (modal, so checked through the same lookup Qt does)
    replace = QCoreApplication.translate("QFileDialog", "%1 already exists.\nDo you want to replace it?")
    assert replace == "«%1» đã có.\nBạn có muốn ghi đè không?"
    dialog.close()


def _shown_date(dialog, path: Path) -> str:
    """The text Qt's file dialog draws in the «Ngày sửa đổi» column for *path* (its detail view's delegate)."""
    from PySide6.QtWidgets import QFileSystemModel, QStyleOptionViewItem, QTreeView

    model = dialog.findChild(QFileSystemModel)
    view = dialog.findChild(QTreeView, "treeView")
    index = model.index(str(path), 3)
    assert index.isValid()
    option = QStyleOptionViewItem()
    view.itemDelegateForIndex(index).initStyleOption(option, index)
    return option.text


def _dated_file(folder: Path) -> Path:
    """A file last changed on 2 December 2026 at 09:05 (local time)."""
    import datetime

    path = folder / "bao-cao.docx"
    path.write_bytes(b"x")
    when = datetime.datetime(2026, 12, 2, 9, 5).timestamp()
    os.utime(path, (when, when))
    return path


def test_file_dialog_dates_are_day_month_year(vietnamese_qt, qtbot, tmp_path):
    """Qt's own file dialog dates files in the system locale («2 12 2026» under C): the app writes dd/MM/yyyy."""
    from PySide6.QtWidgets import QFileDialog, QFileSystemModel, QTreeView

    path = _dated_file(tmp_path)
    dialog = QFileDialog(None, "", str(tmp_path))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    model = dialog.findChild(QFileSystemModel)
    qtbot.waitUntil(lambda: model.index(str(path)).isValid() and model.lastModified(model.index(str(path))).isValid())
    qtbot.waitUntil(lambda: _shown_date(dialog, path) == "02/12/2026 09:05")
    view = dialog.findChild(QTreeView, "treeView")
    assert view.header().sectionSize(3) > view.fontMetrics().horizontalAdvance("02/12/2026 09:05")   # not elided
    dialog.close()


def test_file_dialog_dates_in_the_static_functions(vietnamese_qt, qtbot, tmp_path):
    """The window opens its dialogs with QFileDialog.getOpenFileName and the like: those are dated so too."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QFileDialog, QFileSystemModel

    path = _dated_file(tmp_path)
    seen: list[str] = []

    def read_and_close(attempt: int = 0) -> None:
        dialog = QApplication.activeModalWidget()
        model = dialog.findChild(QFileSystemModel) if isinstance(dialog, QFileDialog) else None
        shown = _shown_date(dialog, path) if model is not None and model.index(str(path)).isValid() else ""
        if shown == "02/12/2026 09:05" or (shown and attempt >= 100):
            seen.append(shown)
            dialog.reject()
        elif attempt < 150:
            QTimer.singleShot(20, lambda: read_and_close(attempt + 1))

    QTimer.singleShot(0, read_and_close)
    QFileDialog.getOpenFileName(None, "Mở", str(tmp_path), "", "", QFileDialog.Option.DontUseNativeDialog)
    assert seen == ["02/12/2026 09:05"]


def _texts(widget, kind, read) -> dict[str, str]:
    """``{objectName: read(child)}`` for the named children of *widget* of class *kind*."""
    return {child.objectName(): read(child) for child in widget.findChildren(kind) if child.objectName()}


def test_print_dialog_widgets(vietnamese_qt, qtbot):
    """Ctrl+P opens Qt's own print dialog (help/printing.py): its labels, tabs and choices in Vietnamese."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QGroupBox, QLabel, QPushButton, QTabWidget

    printer = QPrinter()                     # kept: the dialog does not own it
    dialog = QPrintDialog(printer)
    qtbot.addWidget(dialog)
    dialog.show()
    labels = {label.text() for label in dialog.findChildren(QLabel)}      # several are named "label"
    assert {"&Tên:", "Vị trí:", "Tệp trên máy", "Loại:", "Ghi tệp PDF", "Tệp &xuất ra:", "đến", "&Nhóm trang:",
            "Số bản:"} <= labels
    assert not {"&Name:", "Location:", "Local file", "Type:", "Output &file:", "to", "Copies:"} & labels
    buttons = _texts(dialog, QAbstractButton, QAbstractButton.text)
    assert {k: buttons[k] for k in ("properties", "preview", "printAll", "printRange", "pagesRadioButton",
                                    "printCurrentPage", "printSelection", "collate", "reverse", "color",
                                    "grayscale", "noDuplex", "duplexLong", "duplexShort")} == {
        "properties": "Th&uộc tính", "preview": "Xem trước", "printAll": "In tất cả", "printRange": "Các trang từ",
        "pagesRadioButton": "Các trang", "printCurrentPage": "Trang hiện tại", "printSelection": "Phần đã chọn",
        "collate": "In theo bộ", "reverse": "In ngược thứ tự", "color": "Màu", "grayscale": "Thang độ xám",
        "noDuplex": "Tắt", "duplexLong": "Lật theo cạnh dài", "duplexShort": "Lật theo cạnh ngắn"}
    groups = _texts(dialog, QGroupBox, QGroupBox.title)
    assert {k: groups[k] for k in ("printerGroup", "gbPrintRange", "groupBox", "colorMode", "duplex")} == {
        "printerGroup": "Máy in", "gbPrintRange": "Phạm vi in", "groupBox": "Thiết lập bản in",
        "colorMode": "Chế độ màu", "duplex": "In hai mặt"}
    tabs = dialog.findChild(QTabWidget, "tabs")
    assert [tabs.tabText(i) for i in range(tabs.count())] == ["Số bản", "Tùy chọn"]
    printers = dialog.findChild(QComboBox, "printers")
    assert "In ra tệp (PDF)" in [printers.itemText(i) for i in range(printers.count())]
    page_set = dialog.findChild(QComboBox, "pageSetCombo")
    assert [page_set.itemText(i) for i in range(page_set.count())] == [
        "Tất cả các trang", "Các trang lẻ", "Các trang chẵn"]
    plain = [b for b in dialog.findChildren(QPushButton) if not b.objectName()]
    options = next(b for b in plain if b.text().startswith("&Tùy chọn"))
    assert options.text() == "&Tùy chọn >>"
    options.click()
    assert options.text() == "&Tùy chọn <<"
    assert sorted(b.text() for b in plain) == sorted(["&In", "Hủy", "&Tùy chọn <<"])
    dialog.close()


def test_page_setup_widget(vietnamese_qt, qtbot):
    """The page tab of the print dialog's «Thuộc tính» (the same QPageSetupWidget as QPageSetupDialog)."""
    from PySide6.QtPrintSupport import QPageSetupDialog, QPrinter
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QGroupBox, QLabel

    printer = QPrinter()
    dialog = QPageSetupDialog(printer)
    qtbot.addWidget(dialog)
    dialog.show()
    labels = _texts(dialog, QLabel, QLabel.text)
    assert {k: labels[k] for k in ("pageSizeLabel", "widthLabel", "heightLabel", "paperSourceLabel")} == {
        "pageSizeLabel": "Khổ giấy:", "widthLabel": "Rộng:", "heightLabel": "Cao:", "paperSourceLabel": "Nguồn giấy:"}
    assert {"Thứ &tự trang:", "Số trang &mỗi tờ:"} <= set(labels.values())
    buttons = _texts(dialog, QAbstractButton, QAbstractButton.text)
    assert {k: buttons[k] for k in ("portrait", "landscape", "reversePortrait", "reverseLandscape")} == {
        "portrait": "Dọc", "landscape": "Ngang", "reversePortrait": "Dọc, lật ngược",
        "reverseLandscape": "Ngang, lật ngược"}
    assert set(_texts(dialog, QGroupBox, QGroupBox.title).values()) >= {"Giấy", "Hướng giấy", "Lề", "Bố cục trang"}
    units = dialog.findChild(QComboBox, "unitCombo")
    assert [units.itemText(i) for i in range(3)] == ["Milimét (mm)", "Inch (in)", "Điểm (pt)"]
    sizes = dialog.findChild(QComboBox, "pageSizeCombo")
    sizes = [sizes.itemText(i) for i in range(sizes.count())]
    assert {"A4", "Phong bì DL", "Tùy chỉnh"} <= set(sizes) and not any(s.startswith("Envelope") for s in sizes)
    order = dialog.findChild(QComboBox, "pagesPerSheetLayoutCombo")
    assert order.itemText(0) == "Trái sang phải, trên xuống dưới"
    dialog.close()


def test_print_preview_dialog_actions(vietnamese_qt, qtbot):
    from PySide6.QtGui import QAction
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    printer = QPrinter()
    dialog = QPrintPreviewDialog(printer)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Xem trước bản in"
    texts = {action.text() for action in dialog.findChildren(QAction) if action.text()}
    assert texts == {"Trang sau", "Trang trước", "Trang đầu", "Trang cuối", "Vừa chiều rộng", "Vừa trang", "Phóng to",
                     "Thu nhỏ", "Dọc", "Ngang", "Hiện từng trang", "Hiện hai trang đối diện", "Hiện tất cả các trang",
                     "In", "Thiết lập trang"}


@pytest.mark.parametrize(("context", "source", "expected"), [
    ("QPrintDialog", "%1 already exists.\nDo you want to overwrite it?", "«%1» đã có.\nBạn có muốn ghi đè không?"),
    ("QPrintDialog", "The 'From' value cannot be greater than the 'To' value.",
     "Trang «từ» không được lớn hơn trang «đến»."),
    ("QPrintDialog", "Invalid Pages Definition", "Các trang cần in ghi chưa đúng"),
    ("QPrintDialog", "Print To File ...", "In ra tệp…"),
    ("QPrintPropertiesDialog", "Printer Properties", "Thuộc tính máy in"),
    ("QPrintPropertiesDialog", "Job Options", "Tùy chọn lệnh in"),
    ("QPrintPropertiesWidget", "Page", "Trang"),
    ("QPrintPropertiesWidget", "Advanced", "Nâng cao"),
    ("QCupsJobWidget", "Print Immediately", "In ngay"),
    ("QCupsPrinterSupport", "Authentication needed to use %1 on %2.", "Cần xác thực để dùng %1 trên %2."),
    ("QPrintSettingsOutput", "Double Sided Printing", "In hai mặt"),
])
def test_print_messages_are_translated(vietnamese_qt, context, source, expected):
    """Texts of the print dialogs that only show in a message box or a modal sub-dialog."""
    from PySide6.QtCore import QCoreApplication

    assert QCoreApplication.translate(context, source) == expected


def test_wizard_default_buttons(vietnamese_qt, qtbot):
    from PySide6.QtWidgets import QWizard, QWizardPage

    wizard = QWizard()
    qtbot.addWidget(wizard)
    wizard.addPage(QWizardPage())
    wizard.addPage(QWizardPage())
    WB = QWizard.WizardButton
    for style in (QWizard.WizardStyle.ClassicStyle, QWizard.WizardStyle.ModernStyle):
        wizard.setWizardStyle(style)
        texts = [wizard.buttonText(b) for b in (WB.BackButton, WB.NextButton, WB.FinishButton,
                                                 WB.CancelButton, WB.HelpButton)]
        assert texts == ["< &Quay lại", "&Tiếp >", "&Hoàn tất", "Hủy", "Trợ &giúp"]


def test_undo_stack_action_texts(vietnamese_qt, qtbot):
    from PySide6.QtGui import QUndoCommand, QUndoStack

    stack = QUndoStack()
    undo = stack.createUndoAction(None)
    assert undo.text() == "Hoàn tác"
    stack.push(QUndoCommand("gõ chữ"))
    assert undo.text() == "Hoàn tác gõ chữ"


def test_scroll_bar_and_io_texts_are_translated(vietnamese_qt):
    from PySide6.QtCore import QCoreApplication

    assert QCoreApplication.translate("QScrollBar", "Scroll here") == "Cuộn tới đây"
    assert QCoreApplication.translate("QIODevice", "Permission denied") == "Không có quyền truy cập"


# ---------------------------------------------------------------- operating-system errors
@pytest.mark.parametrize(("name", "expected"), [
    ("EISDIR", "là một thư mục"),
    ("EACCES", "không có quyền truy cập"),
    ("ENOSPC", "ổ đĩa đã đầy"),
    ("EROFS", "ổ đĩa chỉ cho phép đọc"),
    ("EEXIST", "tệp hoặc thư mục đã có"),
    ("ENOENT", "không có tệp hoặc thư mục này"),
    ("ENAMETOOLONG", "tên tệp hoặc đường dẫn quá dài"),
    ("ENOTDIR", "một phần của đường dẫn không phải là thư mục"),
    ("EBUSY", "tệp hoặc thiết bị đang bận"),
    ("EMFILE", "chương trình đang mở quá nhiều tệp"),
    ("EIO", "lỗi đọc/ghi ổ đĩa"),
    ("EXDEV", "không chuyển được tệp sang ổ đĩa khác"),
    ("EINVAL", "tên hoặc tham số không hợp lệ"),
])
def test_os_error_text_by_errno(name, expected):
    code = getattr(errno, name)
    assert os_error_text(OSError(code, os.strerror(code))) == expected


def test_os_error_text_windows_codes_and_fallbacks():
    in_use = OSError(errno.EACCES, "The process cannot access the file because it is being used by another process")
    in_use.winerror = 32
    assert os_error_text(in_use) == "tệp đang được một chương trình khác sử dụng"
    denied = OSError(errno.EACCES, "Access is denied")
    denied.winerror = 5
    assert "không có quyền truy cập" in os_error_text(denied)
    assert os_error_text(PermissionError("read-only")) == "không có quyền truy cập"
    assert os_error_text(IsADirectoryError()) == "là một thư mục"
    assert os_error_text(OSError(99999, "Something odd")) == "Something odd"     # unknown: the system's text
    assert os_error_text(OSError()) == "lỗi hệ thống không xác định"
    assert all(not text.isascii() for text in ERRNO_TEXT.values())


def test_real_directory_error_is_vietnamese(tmp_path):
    with pytest.raises(OSError) as caught:
        open(tmp_path, "wb")            # noqa: SIM115 - a directory: EISDIR (POSIX) or EACCES (Windows)
    text = os_error_text(caught.value)
    assert text in ERRNO_TEXT.values() and text != caught.value.strerror


def test_no_english_strerror_left_in_messages():
    package = Path(baocao.__file__).resolve().parent
    offenders = [str(p.relative_to(package)) for p in package.rglob("*.py")
                 if p.name != "oserrors.py" and "strerror" in p.read_text(encoding="utf-8")]
    assert not offenders, f"use baocao.oserrors.os_error_text instead of exc.strerror in {offenders}"


def test_export_onto_a_directory_says_so_in_vietnamese(tmp_path, draft_path):
    target = tmp_path / "bao-cao.docx"
    target.mkdir()
    result = run_cli("export", str(draft_path), "-o", str(target), "--incomplete")
    assert result.returncode == 2
    assert "bao-cao.docx" in result.stderr and "thư mục" in result.stderr
    for english in ("Is a directory", "Permission denied", "Errno", "Traceback"):
        assert english not in result.stderr


def test_reading_a_directory_says_so_in_vietnamese(tmp_path):
    folder = tmp_path / "ban-thao.json"
    folder.mkdir()
    result = run_cli("check", str(folder))
    assert result.returncode == 2
    assert "Is a directory" not in result.stderr and "Permission denied" not in result.stderr
    if os.name == "posix":
        assert "là một thư mục" in result.stderr


# ---------------------------------------------------------------- the command line
def test_cli_help_is_vietnamese():
    result = run_cli("--help")
    assert result.returncode == 0
    for text in ("cách dùng: baocao", "tham số vị trí:", "tùy chọn:", "-h, --help", "hiện hướng dẫn này rồi thoát",
                 "--version", "hiện số phiên bản rồi thoát"):
        assert text in result.stdout
    for english in ("usage:", "positional arguments", "options:", "show this help", "version number"):
        assert english not in result.stdout


def test_cli_subcommand_help_is_vietnamese():
    result = run_cli("export", "--help")
    assert result.returncode == 0
    assert result.stdout.startswith("cách dùng: baocao export")
    assert "tham số vị trí:" in result.stdout and "hiện hướng dẫn này rồi thoát" in result.stdout
    assert "usage:" not in result.stdout and "options:" not in result.stdout


@pytest.mark.parametrize(("args", "expected", "hint"), [
    (("export",), "baocao export: lỗi: thiếu tham số bắt buộc: file, -o/--output", "baocao export --help"),
    (("render", "x.baocao", "-o", "x.html", "--format", "pdf"),
     "tham số --format: giá trị 'pdf' không hợp lệ (chọn một trong:", "baocao render --help"),
    (("--khong-co",), "baocao: lỗi: không hiểu tham số: --khong-co", "baocao --help"),
    (("export", "x.baocao", "-o"), "tham số -o/--output: cần một giá trị", "baocao export --help"),
])
def test_cli_argument_errors_are_vietnamese(args, expected, hint):
    result = run_cli(*args)
    assert result.returncode == 2
    assert "cách dùng: baocao" in result.stderr
    assert expected in result.stderr
    assert f"Xem hướng dẫn: {hint}" in result.stderr
    for english in ("usage:", "error:", "required", "invalid choice", "unrecognized", "expected one"):
        assert english not in result.stderr


def _small_parser() -> argparse.ArgumentParser:
    parser = VietnameseArgumentParser(prog="thu")
    parser.add_argument("--so", type=int)
    parser.add_argument("--output")
    parser.add_argument("--outdir")
    parser.add_argument("--hai", nargs=2)
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--a", action="store_true")
    group.add_argument("--b", action="store_true")
    return parser


@pytest.mark.parametrize(("argv", "expected"), [
    (["--so", "abc"], "tham số --so: giá trị không hợp lệ (cần kiểu int): 'abc'"),
    (["--out", "x"], "tùy chọn --out chưa rõ, có thể là: --output, --outdir"),
    (["--hai", "1"], "tham số --hai: cần 2 giá trị"),
    (["--a", "--b"], "tham số --b: không dùng được cùng với tham số --a"),
    (["--a=1"], "tham số --a: tùy chọn này không nhận giá trị (đã cho '1')"),
])
def test_parser_errors_in_vietnamese(capsys, argv, expected):
    with pytest.raises(SystemExit) as stop:
        _small_parser().parse_args(argv)
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("cách dùng: thu")
    assert f"thu: lỗi: {expected}\n" in err and "Xem hướng dẫn: thu --help" in err


def test_other_argparse_users_keep_their_texts():
    _small_parser().format_help()
    assert argparse._ is gettext.gettext and argparse.ngettext is gettext.ngettext
    assert "show this help message and exit" in argparse.ArgumentParser(prog="x").format_help()


def test_every_argparse_message_of_this_python_is_translated():
    """A new Python may add messages: this lists the ones that would come out in English."""
    tree = ast.parse(Path(argparse.__file__).read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "ngettext"):
            found.update(a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str))
    assert len(found) > 20
    assert not found - MESSAGES.keys()
