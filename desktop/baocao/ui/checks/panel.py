"""The Kiểm tra tab: the section's findings (or the whole report's), Sửa, Bỏ qua, and a click goes there.

It wraps the section editor's list (``editor.findings``, filled by the
window with ``SectionEditor.set_findings``) rather than replacing it, and
adds the buttons and the "cả báo cáo" view.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QCheckBox, QGridLayout, QHBoxLayout, QPushButton, QWidget

from ...checks.dismissals import dismissed_keys
from ...checks.findings import Finding
from . import strings as CS
from .actions import apply_fix, dismiss, restore_dismissed
from .navigate import show_finding

if TYPE_CHECKING:  # pragma: no cover
    from ..main_window import MainWindow

#: the findings list keeps at least this width beside the buttons (else they go one above the other)
CHECKS_LIST_MIN_WIDTH = 260
ALL_REPORT = "Cả báo cáo"
ALL_REPORT_TIP = "Liệt kê mọi vấn đề của báo cáo, không chỉ của mục đang soạn"


class ChecksPanel(QWidget):
    """Findings list + buttons, in the section editor's Kiểm tra tab."""

    def __init__(self, window: "MainWindow"):
        editor = window.editor
        super().__init__(editor)
        self.window = window
        self.list = editor.findings
        self.fix_button = QPushButton(CS.FIX, self)
        self.fix_button.setToolTip(CS.FIX_TIP)
        self.dismiss_button = QPushButton(CS.DISMISS, self)
        self.dismiss_button.setToolTip(CS.DISMISS_TIP)
        self.restore_button = QPushButton(self)
        self.all_report = QCheckBox(ALL_REPORT, self)
        self.all_report.setToolTip(ALL_REPORT_TIP)
        self.restore_button.setToolTip(CS.RESTORE_DISMISSED_TIP)
        # beside the list (it keeps the tab's whole height): two by two on a wide pane, so the tab needs only
        # two button rows (its least height on a short window), one above the other on a narrow one
        buttons = self.buttons = QGridLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.setSpacing(2)
        self._columns = 0
        self._place_buttons(2)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        index = editor.tabs.indexOf(self.list)
        text = editor.tabs.tabText(index)
        editor.tabs.removeTab(index)
        layout.addWidget(self.list, 1)
        self.list.setVisible(True)                  # it was a hidden page of the tab widget
        layout.addLayout(buttons)
        editor.tabs.insertTab(index, self, text)
        editor.update_tabs_min_height()             # the buttons beside the list need their height
        self.list.currentRowChanged.connect(lambda _row: self._update_buttons())
        self.list.itemClicked.connect(lambda _item: self.go())
        self.list.itemActivated.connect(lambda _item: self.go())
        self.fix_button.clicked.connect(self.fix)
        self.dismiss_button.clicked.connect(self.dismiss)
        self.restore_button.clicked.connect(lambda: restore_dismissed(self.window))
        self.all_report.toggled.connect(lambda _on: self.refill())
        window.preview.timer.timeout.connect(self.refill)         # after the window's own refresh
        window.outline.entrySelected.connect(lambda _key: self.refill())
        window.controller.editApplied.connect(lambda *_: self._update_buttons())
        self._update_buttons()

    def _place_buttons(self, columns: int) -> None:
        """The buttons in *columns* columns (1 or 2)."""
        if columns == self._columns:
            return
        self._columns = columns
        widgets = (self.fix_button, self.dismiss_button, self.all_report, self.restore_button)
        for widget in widgets:
            self.buttons.removeWidget(widget)
        for index, widget in enumerate(widgets):
            self.buttons.addWidget(widget, index // columns, index % columns)
        for row in range(len(widgets) + 1):
            self.buttons.setRowStretch(row, 0)
        self.buttons.setRowStretch(len(widgets) // columns, 1)
        self.window.editor.update_tabs_min_height()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """Two button columns only where the list keeps ``CHECKS_LIST_MIN_WIDTH`` beside them."""
        super().resizeEvent(event)
        two = self.fix_button.sizeHint().width() + self.dismiss_button.sizeHint().width() + 6
        self._place_buttons(2 if event.size().width() - two >= CHECKS_LIST_MIN_WIDTH else 1)

    def current(self) -> Finding | None:
        """The finding of the selected row."""
        row = self.list.currentRow()
        shown = self.window.editor.shown_findings
        return shown[row] if 0 <= row < len(shown) else None

    def go(self) -> None:
        """Show the selected finding in the editor, its characters selected."""
        finding = self.current()
        if finding is not None:
            show_finding(self.window, finding)
        self._update_buttons()

    def fix(self) -> None:
        """Apply the selected finding's fix (undoable)."""
        finding = self.current()
        if finding is not None:
            apply_fix(self.window, finding)

    def dismiss(self) -> None:
        """Dismiss the selected finding (kept in the draft)."""
        finding = self.current()
        if finding is not None:
            dismiss(self.window, finding)

    def refill(self) -> None:
        """The whole report's findings when "Cả báo cáo" is ticked (otherwise the window lists the section's)."""
        window = self.window
        if self.all_report.isChecked():
            findings = list(window._findings)                    # noqa: SLF001 - the window's last check
            window.editor.set_findings(findings)
            labels = getattr(window, "_labels", {})
            for row, finding in enumerate(findings):            # say where: "I.1.a", "Phụ lục 01" …
                item = self.list.item(row)
                where = labels.get(finding.where) or self._appendix_label(finding.where)
                if item is not None and where:
                    item.setText(f"[{where}] {item.text()}")
        elif window.current_key and window.session is not None and window.session.pack.has_section(window.current_key):
            window.editor.set_findings(window._section_findings(window.current_key))  # noqa: SLF001
        self._update_buttons()

    def _appendix_label(self, where: str) -> str:
        session = self.window.session
        if session is None:
            return ""
        return next((a.label for a in session.pack.appendices if a.table == where or a.id == where), "")

    def _update_buttons(self) -> None:
        finding = self.current()
        read_only = self.window.controller.is_read_only()
        self.fix_button.setEnabled(finding is not None and finding.fix is not None and not read_only)
        self.dismiss_button.setEnabled(finding is not None and not read_only)
        session = self.window.session
        count = len(dismissed_keys(session.draft)) if session is not None else 0
        self.restore_button.setText(CS.RESTORE_DISMISSED.format(n=count))
        self.restore_button.setVisible(count > 0)
