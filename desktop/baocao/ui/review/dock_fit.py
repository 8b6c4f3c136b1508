"""The comments panel at small screens: it opens by itself only when the window has room for it, and
when it opens in a narrow window the width comes out of the preview, so the editor keeps its width.

A button in the status bar ("Góp ý: 3 chưa xử lý") shows how many comments are open and opens or
closes the panel, so a draft with comments says so even while the panel is closed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QToolButton

from ...review import anchors, operations as ops
from ...review.store import comments
from . import strings as S

if TYPE_CHECKING:  # pragma: no cover
    from ..main_window import MainWindow

#: width of the comments panel when it opens
DOCK_WIDTH = 340
#: narrowest window in which the panel opens by itself (outline + editor + preview keep their room)
WIDE_WINDOW = 1700
#: the preview never gets narrower than this to make room for the panel
PREVIEW_MIN = 240


def open_count(window: "MainWindow") -> int:
    """How many comments of the open draft are not resolved."""
    session = window.session
    if session is None:
        return 0
    draft = session.draft
    anchored = anchors.anchored_ids(draft)
    return sum(1 for t in comments(draft) if ops.comment_state(draft, t, anchored) != ops.RESOLVED)


class DockFitter:
    """Opens the comments dock sensibly and keeps the editor's width when it opens."""

    def __init__(self, window: "MainWindow", dock: QDockWidget):
        self.window, self.dock = window, dock
        self.button = QToolButton(window)
        self.button.setObjectName("review_status_button")
        self.button.setAutoRaise(True)
        self.button.setToolTip(S.STATUS_BUTTON_TIP)
        self.button.clicked.connect(self.toggle)
        self.button.hide()
        window.statusBar().addPermanentWidget(self.button)
        self._editor_width: int | None = None
        dock.visibilityChanged.connect(self._visibility_changed)

    def toggle(self) -> None:
        """Open the panel, or close it."""
        self.show_dock() if not self.dock.isVisible() else self.dock.hide()

    def show_dock(self) -> None:
        """Open the panel (brought to the front when tabbed with another); in a narrow window the width comes
        out of the preview."""
        if self.dock.isVisible():
            self.dock.raise_()                              # tabbed behind another dock: show this one
            return
        self._editor_width = self.window.editor.width()
        bar = self.window.statusBar()
        if bar.currentMessage().startswith(S.HAS_COMMENTS.split("{n}")[0]):
            bar.clearMessage()                              # the hint is done with
        self.dock.show()
        self.window.resizeDocks([self.dock], [DOCK_WIDTH], Qt.Orientation.Horizontal)
        QTimer.singleShot(0, self._keep_editor_width)

    def _visibility_changed(self, visible: bool) -> None:
        if not visible:
            self._editor_width = None

    def _keep_editor_width(self) -> None:
        splitter, wanted = self.window.splitter, self._editor_width
        if wanted is None or not self.dock.isVisible():
            return
        sizes = splitter.sizes()
        if len(sizes) != 3 or sizes[1] >= wanted:
            return
        total = sum(sizes)
        editor = min(wanted, total - sizes[0] - PREVIEW_MIN)
        if editor > sizes[1]:
            splitter.setSizes([sizes[0], editor, total - sizes[0] - editor])

    def session_opened(self) -> None:
        """A draft was opened: the panel opens by itself when it has comments and the window has room."""
        self.update_button()
        session = self.window.session
        if session is None or not comments(session.draft):
            return
        if self.window.width() >= WIDE_WINDOW:
            self.show_dock()
        elif not self.dock.isVisible():
            self.window.statusBar().showMessage(S.HAS_COMMENTS.format(n=open_count(self.window)), 12000)

    def update_button(self) -> None:
        """The status bar button: the open comments' count (hidden when the draft has no comment)."""
        session = self.window.session
        has = session is not None and bool(comments(session.draft))
        self.button.setVisible(has)
        if has:
            self.button.setText(S.STATUS_BUTTON.format(n=open_count(self.window)))
