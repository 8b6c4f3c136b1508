"""Export work that runs off the UI thread: .docx writing and PDF conversion with LibreOffice.

The window renders the document model on the UI thread (fast, and the draft
is not touched afterwards) and hands it to an ``ExportJob`` on the global
QThreadPool; the job reports back through a signal.  PDF export writes the
.docx to a temporary folder and converts it to PDF/A-2b with LibreOffice
(:mod:`baocao.writers.pdf`: one prepared profile in the user cache folder,
reused), then moves the PDF into place atomically.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Signal

from ..docmodel import Document
from ..errors import BaocaoError
from ..oserrors import os_error_text
from ..writers import pdf as pdf_writer
from ..writers.pdf import libreoffice_path  # noqa: F401 - the window and help pages import it from here
from . import strings as S

log = logging.getLogger("baocao.ui")


def write_docx_file(document: Document, path: Path, reference_docx: Path | None) -> None:
    """Write the .docx (the DOCX writer is imported only when exporting)."""
    from ..writers.docx import write_docx

    write_docx(document, path, reference_docx)


def convert_to_pdf(docx: Path, pdf: Path, soffice: str) -> None:
    """Convert *docx* to PDF/A-2b *pdf* with LibreOffice headless, reusing the prepared profile.

    ExportError in Vietnamese on failure (see :mod:`baocao.writers.pdf`).
    """
    pdf_writer.convert_to_pdf(docx, pdf, soffice, pdfa=True, reuse_profile=True)


class JobSignals(QObject):
    """``finished(path, error_text)``: error_text is "" on success."""

    finished = Signal(str, str)


class ExportJob(QRunnable):
    """Write *document* to *target* as .docx, or as .pdf through LibreOffice."""

    def __init__(self, document: Document, target: Path, reference_docx: Path | None, pdf_with: str | None = None):
        super().__init__()
        self.document = document
        self.target = Path(target)
        self.reference_docx = reference_docx
        self.pdf_with = pdf_with
        self.signals = JobSignals()
        self.setAutoDelete(False)

    def run(self) -> None:
        error = ""
        try:
            if self.pdf_with:
                with tempfile.TemporaryDirectory(prefix="baocao-export-") as tmp:
                    docx = Path(tmp) / (self.target.stem + ".docx")
                    write_docx_file(self.document, docx, self.reference_docx)
                    convert_to_pdf(docx, self.target, self.pdf_with)
            else:
                write_docx_file(self.document, self.target, self.reference_docx)
        except BaocaoError as exc:
            error = exc.user_text()
        except OSError as exc:   # e.g. the temporary folder cannot be made: say why, in Vietnamese
            log.exception("export failed")
            error = f"{S.EXPORT_FAILED_TITLE}: {os_error_text(exc)}."
        except Exception as exc:  # noqa: BLE001 - reported politely, details in the log
            log.exception("export failed")
            error = f"{S.EXPORT_FAILED_TITLE}: {type(exc).__name__}: {exc}"
        self.signals.finished.emit(str(self.target), error)
