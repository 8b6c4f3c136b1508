"""Export work that runs off the UI thread: .docx writing and PDF conversion with LibreOffice.

The window renders the document model on the UI thread (fast, and the draft
is not touched afterwards) and hands it to an ``ExportJob`` on the global
QThreadPool; the job reports back through a signal.  PDF export writes the
.docx to a temporary folder and runs ``soffice --headless --convert-to pdf``
with a private profile, then moves the PDF into place atomically.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Signal

from ..docmodel import Document
from ..errors import BaocaoError, ExportError, Location
from ..oserrors import os_error_text
from . import strings as S

log = logging.getLogger("baocao.ui")
PDF_TIMEOUT_S = 180


def libreoffice_path() -> str | None:
    """The LibreOffice program (soffice or libreoffice) when installed."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    if os.name == "nt":
        for base in (os.environ.get("PROGRAMFILES", ""), os.environ.get("PROGRAMFILES(X86)", "")):
            candidate = Path(base) / "LibreOffice" / "program" / "soffice.exe"
            if base and candidate.is_file():
                return str(candidate)
    return None


def write_docx_file(document: Document, path: Path, reference_docx: Path | None) -> None:
    """Write the .docx (the DOCX writer is imported only when exporting)."""
    from ..writers.docx import write_docx

    write_docx(document, path, reference_docx)


def convert_to_pdf(docx: Path, pdf: Path, soffice: str) -> None:
    """Convert *docx* to *pdf* with LibreOffice headless; ExportError in Vietnamese on failure."""
    with tempfile.TemporaryDirectory(prefix="baocao-pdf-") as tmp:
        profile = Path(tmp) / "profile"
        command = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                   "--convert-to", "pdf", "--outdir", tmp, str(docx)]
        try:
            subprocess.run(command, capture_output=True, timeout=PDF_TIMEOUT_S, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise ExportError(S.PDF_FAILED, S.PDF_FAILED_HINT, Location(file=str(pdf))) from exc
        produced = Path(tmp) / (docx.stem + ".pdf")
        if not produced.is_file():
            raise ExportError(S.PDF_FAILED, S.PDF_FAILED_HINT, Location(file=str(pdf)))
        from ..fsutil import atomic_write

        with atomic_write(pdf) as handle:
            handle.write(produced.read_bytes())


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
