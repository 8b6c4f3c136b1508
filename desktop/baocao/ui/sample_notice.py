"""A dismissable bar above the editor: the open sample is a historical example (Đắk Nông, 2021).

Shown by ``app.open_initial`` when the window starts on the shipped sample;
it goes away when the drafter closes it or opens another draft.  It is a
thin tool bar on a line of its own, so the main window needs no change.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QSizePolicy, QToolBar, QToolButton

from . import strings as S

OBJECT_NAME = "sample_notice"


class SampleNotice(QToolBar):
    """The notice bar; ``dismiss()`` removes it."""

    def __init__(self, window: QMainWindow, text: str = S.SAMPLE_NOTICE):
        super().__init__(S.SAMPLE_NOTICE_TITLE, window)
        self.setObjectName(OBJECT_NAME)
        self.setMovable(False)
        self.setFloatable(False)
        self.toggleViewAction().setVisible(False)         # not in the tool bars' context menu
        self.setStyleSheet(f"QToolBar#{OBJECT_NAME} {{ background: #fff4ce; border: 0; padding: 2px 6px; }}")
        self.label = QLabel(text, self)
        self.label.setWordWrap(True)
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.label.setAccessibleName(S.SAMPLE_NOTICE_TITLE)
        self.addWidget(self.label)
        self.close_button = QToolButton(self)
        self.close_button.setText("✕")
        self.close_button.setToolTip(S.SAMPLE_NOTICE_CLOSE)
        self.close_button.setAccessibleName(S.SAMPLE_NOTICE_CLOSE)
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self.dismiss)
        self.addWidget(self.close_button)
        self._window = window
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, self)
        window.insertToolBarBreak(self)                    # a line of its own, below the main tool bar
        self.show()                                        # the window may be on screen already

    def dismiss(self) -> None:
        """Hide the notice for good."""
        window = self._window
        if window is None:
            return
        self._window = None
        window.removeToolBarBreak(self)
        window.removeToolBar(self)
        self.deleteLater()


def show_sample_notice(window) -> SampleNotice:
    """Show the notice on *window* (a MainWindow); it goes when another draft is opened."""
    notice = SampleNotice(window)
    window.controller.sessionChanged.connect(notice.dismiss)
    return notice
