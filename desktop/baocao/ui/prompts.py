"""Questions and messages the controller puts to the user, in Vietnamese.

Each is a small function over QFileDialog/QMessageBox so tests can replace
one function (or QMessageBox's static functions) without a real modal loop.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from typing import TYPE_CHECKING

from ..errors import BaocaoError
from . import strings as S

if TYPE_CHECKING:  # pragma: no cover
    from PySide6.QtWidgets import QMessageBox, QWidget

    from ..checks import Finding                # only named here (the window starts without the checks)

# QFileDialog and QMessageBox are imported inside each function: PySide builds a
# class's enums when it is first touched, and these are not needed to start.


class Answer(str, Enum):
    """Reply to "save changes before closing?"."""

    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def ask_open_path(parent: "QWidget | None", start_dir: str) -> str | None:
    """A draft file to open, or None."""
    from PySide6.QtWidgets import QFileDialog

    path, _ = QFileDialog.getOpenFileName(parent, S.OPEN_DIALOG_TITLE, start_dir, S.DRAFT_FILTER)
    return path or None


def ask_save_path(parent: "QWidget | None", suggested: str, file_filter: str, suffix: str,
                  title: str = S.SAVE_DIALOG_TITLE) -> str | None:
    """Where to save (the suffix is added when missing), or None."""
    from PySide6.QtWidgets import QFileDialog

    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, file_filter)
    if not path:
        return None
    if not path.lower().endswith(suffix):
        path += suffix
    return path


def show_error(parent: "QWidget | None", title: str, error: BaocaoError | str) -> None:
    """A warning box with the error's Vietnamese text (never a traceback)."""
    from PySide6.QtWidgets import QMessageBox

    text = error.user_text() if isinstance(error, BaocaoError) else str(error)
    QMessageBox.warning(parent, title, text)


def ask_unsaved(parent: "QWidget | None", name: str) -> Answer:
    """Lưu / Không lưu / Hủy for a draft with unsaved changes."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(S.UNSAVED_TITLE)
    box.setText(S.UNSAVED_TEXT.format(name=name))
    box.setInformativeText(S.UNSAVED_QUESTION)
    save = box.addButton(S.BTN_SAVE, QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton(S.BTN_DISCARD, QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(S.CANCEL, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(save)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    if clicked is save:
        return Answer.SAVE
    if clicked is discard:
        return Answer.DISCARD
    return Answer.CANCEL


def _finding_lines(findings: list[Finding], most: int = 12) -> str:
    shown = [f"• {f.message}" for f in findings[:most]]
    if len(findings) > most:
        shown.append(f"… (+{len(findings) - most})")
    return "\n".join(shown)


def confirm_export_findings(parent: "QWidget | None", errors: list[Finding]) -> bool:
    """List the draft's errors; True when the user chooses "Vẫn xuất bản nháp".

    Over the main window: each error under its section's number and title, and «Đến mục …» (see export_jobs).
    """
    if hasattr(parent, "outline") and getattr(parent, "session", None) is not None:
        from .export_jobs import confirm_export_findings as confirm_in_window

        return confirm_in_window(parent, errors)
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(S.EXPORT_FINDINGS_TITLE)
    box.setText(S.EXPORT_FINDINGS_TEXT.format(n=len(errors)))
    box.setInformativeText(_finding_lines(errors) + "\n\n" + S.EXPORT_FINDINGS_QUESTION)
    anyway = box.addButton(S.EXPORT_ANYWAY, QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(S.CANCEL, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is anyway


def refuse_export_findings(parent: "QWidget | None", blocking: list[Finding]) -> None:
    """Say why the export cannot go ahead at all (figures that cannot be read) and where to fix them."""
    show_error(parent, S.EXPORT_BLOCKED_TITLE,
               S.EXPORT_BLOCKED_TEXT.format(n=len(blocking)) + "\n\n" + _finding_lines(blocking))


def open_url(path: Path) -> bool:
    """Open a file or folder with the system's program."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def export_result_box(parent: "QWidget | None", path: Path) -> "QMessageBox":
    """The non-blocking "exported" message with "Mở tệp" / "Mở thư mục" / "Đóng" (already shown)."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(S.EXPORT_DONE_TITLE)
    box.setText(S.EXPORT_DONE_TEXT.format(path=path))
    open_file = box.addButton(S.EXPORT_OPEN_FILE, QMessageBox.ButtonRole.ActionRole)
    open_folder = box.addButton(S.EXPORT_OPEN_FOLDER, QMessageBox.ButtonRole.ActionRole)
    close = box.addButton(S.CLOSE, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(open_file)
    box.setEscapeButton(close)
    open_file.clicked.connect(lambda: open_url(path))
    open_folder.clicked.connect(lambda: open_url(path.parent))
    box.open()
    return box
