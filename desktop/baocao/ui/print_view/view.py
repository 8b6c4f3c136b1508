"""The "xem bản in" window: the real pages, made in the background, scaled to the window's width."""

from __future__ import annotations

import shutil
import tempfile
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog, QHBoxLayout, QLabel, QProgressBar, QPushButton, QScrollArea, QVBoxLayout, QWidget,
)

from ...errors import BaocaoError
from . import strings as S
from .pages import Cancelled, Pages, make_pages

if TYPE_CHECKING:  # pragma: no cover
    from ..main_window import MainWindow

#: Space between pages and around them (pixels).
PAGE_GAP = 12
#: The document the window last rendered waits this long for a fresh render before the pages are made.
FRESH_RENDER_WAIT_S = 2.0


class _Signals(QObject):
    done = Signal(int, object)        # (job number, Pages | BaocaoError | None when cancelled)


class PrintView(QDialog):
    """Non-modal window with the pages of the exported report (LibreOffice → PDF → images)."""

    finished_pages = Signal(int)      # page count, after a successful build

    def __init__(self, window: "MainWindow"):
        super().__init__(window)
        self.window = window
        self.setWindowTitle(S.TITLE)
        self.setObjectName("print_view")
        self.resize(760, 720)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setMaximumHeight(10)
        self.busy.setTextVisible(False)
        self.cancel_button = QPushButton(S.CANCEL, self)
        self.refresh_button = QPushButton(S.REFRESH, self)
        close = QPushButton(S.CLOSE, self)
        self.cancel_button.clicked.connect(self.cancel)
        self.refresh_button.clicked.connect(self.start)
        close.clicked.connect(self.close)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.scroll.setStyleSheet("QScrollArea { background: #808080; }")
        self.pages_widget = QWidget()
        self.pages_widget.setStyleSheet("background: #808080;")
        self.pages_layout = QVBoxLayout(self.pages_widget)
        self.pages_layout.setSpacing(PAGE_GAP)
        self.pages_layout.setContentsMargins(PAGE_GAP, PAGE_GAP, PAGE_GAP, PAGE_GAP)
        self.scroll.setWidget(self.pages_widget)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        for button in (self.cancel_button, self.refresh_button, close):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.busy)
        layout.addWidget(self.scroll, 1)
        self.signals = _Signals(self)
        self.signals.done.connect(self._done)
        self._job = 0
        self._cancel: threading.Event | None = None
        self._folder: Path | None = None
        self._pixmaps: list[QPixmap] = []
        self.labels: list[QLabel] = []
        self.count = 0
        self.error_text = ""
        self._set_busy(False)

    # ------------------------------------------------------------ work
    def start(self) -> None:
        """Make the pages again from the window's draft (in the background)."""
        self.cancel()
        self.error_text = ""
        session = self.window.session
        if session is None:
            self._show_error(BaocaoError(S.NO_DRAFT))
            return
        preview = self.window.preview
        preview.refresh_now()                     # waits briefly for the worker's fresh render
        if preview.error_shown:
            self._show_error(BaocaoError(
                "Bản xem trước đang báo lỗi của mẫu báo cáo nên chưa dựng được bản in.",
                "Hãy xem thông báo ở khung xem trước và sửa mẫu, rồi bấm «Dựng lại»."))
            return
        from ...render import render_draft

        try:                                      # the window keeps no document model (render.doc_summary)
            document = render_draft(session.draft, session.pack)
        except BaocaoError as exc:
            self._show_error(exc)
            return
        self._job += 1
        job, cancel = self._job, threading.Event()
        self._cancel = cancel
        folder = Path(tempfile.mkdtemp(prefix="baocao-ban-in-"))
        reference = session.pack.reference_docx
        self._set_busy(True)
        self.status.setText(S.WORKING)

        def run() -> None:
            try:
                result: Any = make_pages(document, folder, reference, cancel)
            except Cancelled:
                result = None
            except BaocaoError as exc:
                result = exc
            except Exception as exc:  # noqa: BLE001 - shown as a message, never a traceback
                result = BaocaoError(S.FAILED.format(text=f"{type(exc).__name__}: {exc}"))
            if result is None or job != self._job:
                shutil.rmtree(folder, ignore_errors=True)
            try:
                self.signals.done.emit(job, (result, folder))
            except RuntimeError:          # the view is gone
                shutil.rmtree(folder, ignore_errors=True)

        threading.Thread(target=run, name="baocao-ban-in", daemon=True).start()

    def cancel(self) -> None:
        """Stop the running build (its result is thrown away)."""
        if self._cancel is not None and not self._cancel.is_set():
            self._cancel.set()
            self._job += 1
            self._set_busy(False)
            self.status.setText(S.CANCELLED)

    def busy_now(self) -> bool:
        """True while pages are being made."""
        return self.busy.isVisible()

    def _done(self, job: int, payload: tuple) -> None:
        result, folder = payload
        if job != self._job:
            return
        self._cancel = None
        self._set_busy(False)
        if isinstance(result, Pages):
            self._show_pages(result, folder)
        elif isinstance(result, BaocaoError):
            self._show_error(result)

    # ------------------------------------------------------------ showing
    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.cancel_button.setEnabled(busy)
        self.refresh_button.setEnabled(not busy)

    def _show_error(self, error: BaocaoError) -> None:
        self.error_text = error.user_text()
        self.status.setText(self.error_text)
        self._set_busy(False)

    def _clear_pages(self) -> None:
        for label in self.labels:
            self.pages_layout.removeWidget(label)
            label.deleteLater()
        self.labels, self._pixmaps = [], []
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None

    def _show_pages(self, pages: Pages, folder: Path) -> None:
        self._clear_pages()
        self._folder = folder
        self.count = pages.count
        for number, image in enumerate(pages.images, 1):
            label = QLabel(self.pages_widget)
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            label.setToolTip(S.PAGE_LABEL.format(number=number, count=pages.count))
            label.setAccessibleName(S.PAGE_LABEL.format(number=number, count=pages.count))
            self._pixmaps.append(QPixmap(str(image)))
            self.labels.append(label)
            self.pages_layout.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
        shutil.rmtree(folder, ignore_errors=True)     # the pages are in memory now: no files left behind
        self._folder = None
        self._scale_pages()
        self.status.setText(S.PAGES_OF.format(count=pages.count, time=time.strftime("%H:%M")))
        self.finished_pages.emit(pages.count)

    def _scale_pages(self) -> None:
        bar = self.scroll.verticalScrollBar()
        width = max(self.scroll.width() - bar.sizeHint().width() - 2 * PAGE_GAP - 4, 100)
        for label, pixmap in zip(self.labels, self._pixmaps):
            if not pixmap.isNull():
                scaled = pixmap.scaledToWidth(min(width, pixmap.width() * 2), Qt.TransformationMode.SmoothTransformation)
                label.setPixmap(scaled)
                label.setFixedSize(scaled.size())

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """Pages follow the window's width."""
        super().resizeEvent(event)
        self._scale_pages()

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """Stop any build and drop the page files."""
        self.cancel()
        self._clear_pages()
        super().closeEvent(event)
