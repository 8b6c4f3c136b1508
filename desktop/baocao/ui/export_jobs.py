"""Export work that runs off the UI thread: .docx writing and PDF conversion with LibreOffice.

The window renders the document model on the UI thread (fast, and the draft
is not touched afterwards) and hands it to an ``ExportJob`` on the global
QThreadPool; the job reports back through a signal.  PDF export writes the
.docx to a temporary folder and converts it to PDF/A-2b with LibreOffice
(:mod:`baocao.writers.pdf`: one prepared profile in the user cache folder,
reused), then moves the PDF into place atomically.

Before an export of a draft with errors, ``confirm_export_findings`` lists them
under each section's number and title as the outline shows them ("d) Về y tế:
chưa có nội dung.") and offers «Đến mục …»: the first problem section in
outline order opens, its problem selected, and nothing is exported.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRunnable, Signal

from ..docmodel import Document
from ..errors import BaocaoError
from ..oserrors import os_error_text
from ..writers import pdf as pdf_writer
from ..writers.pdf import libreoffice_path  # noqa: F401 - the window and help pages import it from here
from . import strings as S

if TYPE_CHECKING:  # pragma: no cover
    from PySide6.QtWidgets import QMessageBox, QPushButton

    from ..checks import Finding
    from .main_window import MainWindow

log = logging.getLogger("baocao.ui")
#: errors listed in the export warning (the rest are counted)
MOST_FINDINGS_SHOWN = 12
#: longest section title on the «Đến mục …» button (the whole title is its tooltip)
GO_BUTTON_TITLE_CHARS = 40


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


# ------------------------------------------------------------ before the export: the errors warning
def _place(window: "MainWindow", where: str) -> tuple[str, str] | None:
    """(outline key, name as the outline shows it) of a finding's *where*; None for the report details."""
    session = window.session
    if session is None:
        return None
    if session.pack.has_section(where):
        return where, window.outline.numbered_titles().get(where, where)
    from . import navigation as nav

    appendix = next((a for a in session.pack.appendices if a.table == where or a.id == where), None)
    return (nav.appendix_key(appendix.id), appendix.label) if appendix is not None else None


def finding_line(window: "MainWindow", finding: "Finding") -> str:
    """One error of the warning: "• d) Về y tế: chưa có nội dung." (the section as the outline names it)."""
    place = _place(window, finding.where)
    if place is None:                       # the report details: the message says where
        return f"• {finding.message}"
    _key, name = place
    message = finding.message
    session = window.session
    if session is not None and session.pack.has_section(finding.where):
        spec = session.pack.section(finding.where)
        for written in (f"Mục «{spec.title}»", f"Mục «{spec.id}»"):     # how the checks name a section
            if message.startswith(written):
                message = message[len(written):].lstrip(" :")
                break
    elif message.startswith(name):          # "Phụ lục 01, dòng 3: …" says where already
        return f"• {message}"
    return S.EXPORT_FINDING_LINE.format(where=name, message=message)


def first_problem(window: "MainWindow", findings: "list[Finding]") -> "tuple[Finding, str] | None":
    """The finding of the first section (in outline order) that has one, with that section's name."""
    order = {key: index for index, key in enumerate(window.outline.keys())}
    placed = []
    for index, finding in enumerate(findings):
        place = _place(window, finding.where)
        if place is not None:
            placed.append((order.get(place[0], len(order)), index, finding, place[1]))
    if not placed:
        return None
    _rank, _index, finding, name = min(placed, key=lambda item: item[:2])
    return finding, name


def export_findings_box(window: "MainWindow", errors: "list[Finding]") \
        -> "tuple[QMessageBox, QPushButton, QPushButton | None]":
    """The warning box (not shown), its «Vẫn xuất bản nháp» button and its «Đến mục …» button (None when no
    error is in a section or an appendix)."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(window)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(S.EXPORT_FINDINGS_TITLE)
    box.setText(S.EXPORT_FINDINGS_TEXT.format(n=len(errors)))
    lines = [finding_line(window, f) for f in errors[:MOST_FINDINGS_SHOWN]]
    if len(errors) > MOST_FINDINGS_SHOWN:
        lines.append(S.EXPORT_FINDINGS_MORE.format(n=len(errors) - MOST_FINDINGS_SHOWN))
    target = first_problem(window, errors)
    question = S.EXPORT_FINDINGS_QUESTION + ("\n" + S.EXPORT_FINDINGS_GO_HINT if target else "")
    box.setInformativeText("\n".join(lines) + "\n\n" + question)
    anyway = box.addButton(S.EXPORT_ANYWAY, QMessageBox.ButtonRole.AcceptRole)
    go = None
    if target is not None:
        name = target[1]
        short = name if len(name) <= GO_BUTTON_TITLE_CHARS else name[:GO_BUTTON_TITLE_CHARS - 1].rstrip() + "…"
        go = box.addButton(S.EXPORT_GO_TO.format(title=short.replace("&", "&&")),
                           QMessageBox.ButtonRole.ActionRole)
        go.setToolTip(S.EXPORT_GO_TO_TIP.format(title=name))
    cancel = box.addButton(S.CANCEL, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(go or cancel)
    box.setEscapeButton(cancel)
    return box, anyway, go


def confirm_export_findings(window: "MainWindow", errors: "list[Finding]") -> bool:
    """Ask before exporting a draft with *errors*: True for «Vẫn xuất bản nháp»; «Đến mục …» shows the
    first problem section (its problem selected) and returns False, as «Hủy» does."""
    box, anyway, go = export_findings_box(window, errors)
    box.exec()
    clicked = box.clickedButton()
    if go is not None and clicked is go:
        target = first_problem(window, errors)
        if target is not None:
            from .checks.navigate import show_finding

            show_finding(window, target[0])
        return False
    return clicked is anyway
