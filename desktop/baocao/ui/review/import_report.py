"""What a review import brought, said twice: one short line for the status bar, the details in a window."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QMessageBox, QSizePolicy, QSpacerItem, QWidget

from ...review.constants import BASE_CURRENT_NOTE, BASE_VERSION_NOTE, UNMATCHED_NOTE
from ...review.export_base import BASE_CURRENT, BASE_NONE, BASE_VERSION
from . import strings as S

if TYPE_CHECKING:  # pragma: no cover
    from ...review.importer import ImportPlan

#: the details window's least width (its points wrap at a readable length)
REPORT_WIDTH = 520


def short_line(plan: "ImportPlan") -> str:
    """The status bar's line: counts only (no file or version name, which can be of any length)."""
    line = S.IMPORT_DONE_SHORT.format(changes=len(plan.changes), comments=len(plan.comments))
    if plan.unplaced:
        line += S.IMPORT_SHORT_UNPLACED.format(unplaced=len(plan.unplaced))
    return line


def detail_lines(plan: "ImportPlan", version: str, approved: list[str]) -> list[str]:
    """Everything the import did and did not take, one point a line (*approved*: titles of the «đã duyệt»
    sections whose content it changed)."""
    untracked = S.IMPORT_UNTRACKED.format(n=plan.untracked) if plan.untracked else ""
    updates = S.IMPORT_UPDATES.format(n=len(plan.updates)) if plan.updates else ""
    lines = [S.IMPORT_REPORT_COUNTS.format(changes=len(plan.changes), untracked=untracked,
                                           comments=len(plan.comments), updates=updates)]
    if plan.unplaced:
        lines.append(S.IMPORT_REPORT_UNPLACED.format(n=len(plan.unplaced)))
    if plan.rows:
        lines.append(S.IMPORT_REPORT_ROWS.format(n=plan.rows))
    if plan.base.kind == BASE_VERSION:
        lines.append("• " + BASE_VERSION_NOTE.format(version=plan.base.label))
    elif plan.base.kind == BASE_CURRENT and plan.untracked:
        lines.append("• " + BASE_CURRENT_NOTE)
    if not plan.base.matched and plan.base.kind != BASE_NONE:
        lines.append("• " + UNMATCHED_NOTE)
    if approved:
        lines.append(S.IMPORT_REPORT_APPROVED.format(sections="; ".join(f"«{t}»" for t in approved)))
    lines.append("")
    lines.append(S.IMPORT_REPORT_VERSION.format(version=version))
    return lines


def report_box(parent: QWidget | None, name: str, lines: list[str]) -> QMessageBox:
    """The details window (not shown yet; ``open()`` it: it does not block the window)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(S.IMPORT_REPORT_TITLE)
    box.setText(S.IMPORT_REPORT_TEXT.format(name=name))
    box.setInformativeText("\n".join(lines))
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    close = box.addButton(S.IMPORT_REPORT_CLOSE, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(close)
    box.setEscapeButton(close)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    grid = box.layout()                      # QMessageBox sizes itself: a spacer gives the points room to read
    if isinstance(grid, QGridLayout):
        grid.addItem(QSpacerItem(REPORT_WIDTH, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding),
                     grid.rowCount(), 0, 1, grid.columnCount())
    return box
