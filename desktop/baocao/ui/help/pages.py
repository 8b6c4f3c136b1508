"""Pages of an exported report, off the UI thread: count a PDF's pages, rasterise them for printing.

No Qt widgets.  ``pdf_page_count`` reads the PDF's page objects (LibreOffice
writes one ``/Type /Page`` per page); ``rasterise`` runs poppler's
``pdftoppm`` when it is installed.  ``PagesJob`` turns a rendered document
into a PDF (through the export code of ``ui/export_jobs``) and, when asked,
into page images, reporting back through a signal.
"""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Signal

from ...docmodel import Document
from ...errors import BaocaoError
from ..export_jobs import convert_to_pdf, write_docx_file

log = logging.getLogger("baocao.ui")
PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")
RASTER_DPI = 200
RASTER_TIMEOUT_S = 180
PRINT_TIMEOUT_S = 300


def pdf_page_count(pdf: Path) -> int | None:
    """Pages of *pdf* (None when it cannot be read)."""
    try:
        data = Path(pdf).read_bytes()
    except OSError:
        return None
    count = len(PAGE_OBJECT.findall(data))
    return count or None


def pdftoppm_path() -> str | None:
    """poppler's pdftoppm when installed (Linux; on Windows printing goes through LibreOffice)."""
    return shutil.which("pdftoppm")


def rasterise(pdf: Path, folder: Path, dpi: int = RASTER_DPI) -> list[Path]:
    """One PNG per page of *pdf* in *folder*, in page order (empty when pdftoppm failed)."""
    tool = pdftoppm_path()
    if tool is None:
        return []
    try:
        subprocess.run([tool, "-r", str(dpi), "-png", str(pdf), str(folder / "trang")], capture_output=True,
                       timeout=RASTER_TIMEOUT_S, check=False)
    except (OSError, subprocess.TimeoutExpired):
        log.exception("pdftoppm failed")
        return []
    return sorted(folder.glob("trang-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))


def print_with_libreoffice(docx: Path, soffice: str, printer: str) -> bool:
    """Send *docx* to *printer* with ``soffice --headless -pt`` (when pages cannot be drawn here)."""
    from tempfile import TemporaryDirectory

    with TemporaryDirectory(prefix="baocao-print-") as tmp:
        command = [soffice, f"-env:UserInstallation={(Path(tmp) / 'profile').as_uri()}", "--headless",
                   "--norestore", "-pt", printer, str(docx)]
        try:
            done = subprocess.run(command, capture_output=True, timeout=PRINT_TIMEOUT_S, check=False)
        except (OSError, subprocess.TimeoutExpired):
            return False
    return done.returncode == 0


#: jobs started and not yet finished (a QRunnable with autoDelete off lives only as long as Python holds it)
_RUNNING: set["PagesJob"] = set()


class PagesSignals(QObject):
    """``finished(pdf path, page image paths, pages, error text)``: error "" on success."""

    finished = Signal(str, list, int, str)


class PagesJob(QRunnable):
    """Write *document* as .docx in *folder*, convert it to PDF, optionally rasterise or send to a printer."""

    def __init__(self, document: Document | None, folder: Path, soffice: str, reference_docx: Path | None,
                 raster: bool = False, printer_name: str = "", docx: Path | None = None):
        super().__init__()
        self.document = document
        self.folder = Path(folder)
        self.soffice = soffice
        self.reference_docx = reference_docx
        self.raster = raster
        self.printer_name = printer_name
        self.docx = docx
        self.signals = PagesSignals()
        self.setAutoDelete(False)
        _RUNNING.add(self)            # alive until run() ends, even when its window has gone meanwhile

    def run(self) -> None:
        pdf = self.folder / "bao-cao.pdf"
        images: list[str] = []
        pages = 0
        error = ""
        try:
            docx = self.docx or self.folder / "bao-cao.docx"
            if self.document is not None:
                write_docx_file(self.document, docx, self.reference_docx)
            convert_to_pdf(docx, pdf, self.soffice)
            pages = pdf_page_count(pdf) or 0
            if self.raster:
                images = [str(p) for p in rasterise(pdf, self.folder)]
            elif self.printer_name and not print_with_libreoffice(docx, self.soffice, self.printer_name):
                error = "LibreOffice không gửi được tệp tới máy in «{}».".format(self.printer_name)
        except BaocaoError as exc:
            error = exc.user_text()
        except Exception as exc:  # noqa: BLE001 - reported politely, details in the log
            log.exception("preparing pages failed")
            error = f"{type(exc).__name__}: {exc}"
        try:
            self.signals.finished.emit(str(pdf), images, pages, error)
        except RuntimeError:          # the window that asked was closed meanwhile: nobody to tell
            log.info("pages ready after their window closed: %s", pdf)
        finally:
            _RUNNING.discard(self)
