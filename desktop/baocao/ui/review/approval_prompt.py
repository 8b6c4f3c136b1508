"""The question asked before «Duyệt mục» when the section still has comments not marked done."""

from __future__ import annotations

from enum import Enum

from PySide6.QtWidgets import QMessageBox, QWidget

from . import strings as S


class ApproveAnswer(str, Enum):
    """What the reviewer chose: look at the comments first, approve anyway, or nothing."""

    SHOW = "show"
    APPROVE = "approve"
    CANCEL = "cancel"


def open_comments_box(parent: QWidget | None, title: str, count: int) -> tuple[QMessageBox, dict]:
    """The question (not shown yet) and its buttons by answer; «Xem các góp ý» is the default."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(S.APPROVE_OPEN_TITLE)
    box.setText(S.APPROVE_OPEN_TEXT.format(title=title, n=count))
    box.setInformativeText(S.APPROVE_OPEN_QUESTION)
    buttons = {
        ApproveAnswer.SHOW: box.addButton(S.APPROVE_SHOW, QMessageBox.ButtonRole.AcceptRole),
        ApproveAnswer.APPROVE: box.addButton(S.APPROVE_ANYWAY, QMessageBox.ButtonRole.DestructiveRole),
        ApproveAnswer.CANCEL: box.addButton(S.APPROVE_CANCEL, QMessageBox.ButtonRole.RejectRole),
    }
    box.setDefaultButton(buttons[ApproveAnswer.SHOW])
    box.setEscapeButton(buttons[ApproveAnswer.CANCEL])
    return box, buttons


def ask_open_comments(parent: QWidget | None, title: str, count: int) -> ApproveAnswer:
    """Ask what to do about *count* open comments of the section *title* before approving it."""
    box, buttons = open_comments_box(parent, title, count)
    box.exec()
    clicked = box.clickedButton()
    return next((answer for answer, button in buttons.items() if button is clicked), ApproveAnswer.CANCEL)
