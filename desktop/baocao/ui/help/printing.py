"""Print (Ctrl+P): the report as it will be issued, through the exported pages.

The draft is rendered on the UI thread (as for export), then a ``PagesJob``
writes the .docx, converts it to PDF with LibreOffice and rasterises the
pages with pdftoppm, off the UI thread.  The pages are then drawn on the
chosen ``QPrinter`` one sheet each, so what comes out of the printer is the
exported file, page for page.  Without pdftoppm (Windows) LibreOffice prints
the .docx itself (``soffice -pt <printer>``).  The page count goes to the
status bar; exports update it too (a .pdf is counted at once, a .docx
through a background conversion).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRectF, QThreadPool, QTime, Qt
from PySide6.QtGui import QImage, QImageReader, QPageLayout, QPageSize, QPainter
from ...errors import BaocaoError
from .. import prompts
from ..export_jobs import libreoffice_path
from ..status_counts import PagesLabel
from . import strings as S
from .pages import PagesJob, pdf_page_count, pdftoppm_path

if TYPE_CHECKING:  # pragma: no cover
    from PySide6.QtPrintSupport import QPrinter

    from ..main_window import MainWindow

# Qt's print support (QtPrintSupport: 0.7 MiB resident, a few ms to load) is imported when something is printed.


def ask_printer(parent) -> QPrinter | None:
    """The system print dialog; the chosen printer, or None when cancelled."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(S.PRINT_TITLE)
    return printer if dialog.exec() == QPrintDialog.DialogCode.Accepted else None


def _orientation(path: Path) -> QPageLayout.Orientation:
    size = QImageReader(str(path)).size()
    wide = size.width() > size.height()
    return QPageLayout.Orientation.Landscape if wide else QPageLayout.Orientation.Portrait


def draw_pages(printer: QPrinter, images: list[Path]) -> int:
    """Draw each page image on its own sheet of *printer*, scaled to the paper; returns pages drawn.

    Each sheet takes the orientation of its page (the appendices are landscape).
    """
    printer.setFullPage(True)
    first, last = printer.fromPage(), printer.toPage()
    chosen = [p for i, p in enumerate(images, start=1) if not first or first <= i <= (last or len(images))]
    if not chosen:
        return 0
    printer.setPageOrientation(_orientation(chosen[0]))
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    try:
        for index, path in enumerate(chosen):
            if index:
                printer.setPageOrientation(_orientation(path))
                if not printer.newPage():
                    return index
            image = QImage(str(path))
            paper = printer.paperRect(type(printer).Unit.DevicePixel)
            size = image.size().scaled(paper.size().toSize(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(QRectF(0, 0, size.width(), size.height()), image)
    finally:
        painter.end()
    return len(chosen)


class PrintController(QObject):
    """Prints the window's report and keeps the status bar's page count."""

    def __init__(self, window: "MainWindow"):
        super().__init__(window)
        self.window = window
        self.pages_label = PagesLabel(window)
        window.statusBar().addPermanentWidget(self.pages_label)
        self.ask_printer: Callable[[object], QPrinter | None] = ask_printer
        self._job: PagesJob | None = None
        self._count_job: PagesJob | None = None
        self._printer: QPrinter | None = None
        self._folder: Path | None = None
        self.last_printed = 0
        window.controller.exportFinished.connect(self._export_finished)
        window.controller.sessionChanged.connect(lambda: self.pages_label.set_pages(None))   # another draft

    # ------------------------------------------------------------ printing
    def busy(self) -> bool:
        """True while a print is being prepared."""
        return self._job is not None

    def print_report(self) -> bool:
        """Ask for a printer and start preparing the pages; False when nothing was started."""
        window = self.window
        session = window.session
        if session is None:
            return False
        if self.busy():
            window.statusBar().showMessage(S.PRINT_BUSY, 6000)
            return False
        soffice = libreoffice_path()
        if soffice is None:
            prompts.show_error(window, S.PRINT_TITLE, S.PRINT_NEEDS_LIBREOFFICE)
            return False
        printer = self.ask_printer(window)
        if printer is None:
            return False
        from ...render import render_draft

        try:
            document = render_draft(session.draft, session.pack)
        except BaocaoError as exc:
            prompts.show_error(window, S.PRINT_TITLE, exc)
            return False
        to_pdf = printer.outputFormat() == type(printer).OutputFormat.PdfFormat
        raster = pdftoppm_path() is not None
        self._folder = Path(tempfile.mkdtemp(prefix="baocao-print-"))
        self._printer = printer
        name = "" if raster or to_pdf else printer.printerName()
        self._job = PagesJob(document, self._folder, soffice, session.pack.reference_docx, raster=raster,
                             printer_name=name)
        self._job.signals.finished.connect(self._pages_ready)
        window.statusBar().showMessage(S.PRINT_PREPARING)
        QThreadPool.globalInstance().start(self._job)
        return True

    def _pages_ready(self, pdf: str, images: list, pages: int, error: str) -> None:
        window, printer, raster = self.window, self._printer, bool(self._job and self._job.raster)
        self._job = None
        try:
            if error:
                prompts.show_error(window, S.PRINT_TITLE, S.PRINT_FAILED.format(error=error))
                return
            self._show_pages(pages, Path(pdf).name)
            if not raster and printer.outputFormat() == type(printer).OutputFormat.PdfFormat:
                self.last_printed = self._copy_pdf(Path(pdf), Path(printer.outputFileName()), pages)
            elif raster:
                if not images:
                    prompts.show_error(window, S.PRINT_TITLE, S.PRINT_NO_PAGES)
                    return
                self.last_printed = draw_pages(printer, [Path(p) for p in images])
            else:
                self.last_printed = pages
            if printer.outputFormat() == type(printer).OutputFormat.PdfFormat:
                text = S.PRINT_SAVED.format(n=self.last_printed, path=printer.outputFileName())
            else:
                text = S.PRINT_SENT.format(n=self.last_printed, printer=printer.printerName())
            window.statusBar().showMessage(text, 8000)
        finally:
            if self._folder is not None:
                shutil.rmtree(self._folder, ignore_errors=True)
                self._folder = None
            self._printer = None

    def _copy_pdf(self, pdf: Path, target: Path, pages: int) -> int:
        """Printing to a PDF file without page images: the exported PDF itself is the print."""
        from ...fsutil import atomic_write

        try:
            with atomic_write(target) as handle:
                handle.write(pdf.read_bytes())
        except BaocaoError as exc:          # locked target, read-only folder, full disk: said in Vietnamese
            prompts.show_error(self.window, S.PRINT_TITLE, S.PRINT_FAILED.format(error=exc.user_text()))
            return 0
        return pages

    # ------------------------------------------------------------ page count
    def _show_pages(self, pages: int | None, name: str) -> None:
        self.pages_label.set_pages(pages or None, name, QTime.currentTime().toString("HH:mm"))

    def _export_finished(self, path: str, error: str) -> None:
        """After an export: count the PDF now, or the .docx through LibreOffice in the background."""
        if error:
            return
        target = Path(path)
        if target.suffix.lower() == ".pdf":
            self._show_pages(pdf_page_count(target), target.name)
            return
        soffice = libreoffice_path()
        if soffice is None or self._count_job is not None or not target.is_file():
            return
        folder = Path(tempfile.mkdtemp(prefix="baocao-pages-"))
        self._count_job = PagesJob(None, folder, soffice, None, docx=target)
        self._count_target = target
        self._count_job.signals.finished.connect(self._counted)   # a method: delivered on the UI thread
        QThreadPool.globalInstance().start(self._count_job)

    def _counted(self, pdf: str, _images: list, pages: int, error: str) -> None:
        self._count_job = None
        shutil.rmtree(Path(pdf).parent, ignore_errors=True)
        if not error:
            self._show_pages(pages, self._count_target.name)
