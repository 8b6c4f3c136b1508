"""The real pages of a report: .docx → PDF (LibreOffice) → page images (pdftoppm).  No Qt.

``make_pages`` writes the .docx the export would write into a temporary
folder, converts it with :func:`baocao.writers.pdf.convert_to_pdf` (the
prepared LibreOffice profile, a plain PDF: PDF/A is not needed to look at
pages), reads the page count with ``pdfinfo`` and renders every page to PNG
with ``pdftoppm``.  A ``threading.Event`` lets the caller stop between steps
(and it stops ``pdftoppm`` itself); the LibreOffice step cannot be stopped
halfway, its result is then thrown away.  Errors are ``ExportError`` with a
Vietnamese message and what to do.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import threading
from dataclasses import dataclass, field
from pathlib import Path

from ...docmodel import Document
from ...errors import ExportError
from ...writers.pdf import convert_to_pdf, libreoffice_path
from . import strings as S

#: Resolution of the page images (dots per inch): sharp at the usual window sizes, quick to make.
PAGE_DPI = 80
PAGE_TIMEOUT_S = 120


class Cancelled(Exception):
    """The caller stopped the work."""


@dataclass
class Pages:
    """The result: the PDF, its page count and one PNG per page (in order)."""

    pdf: Path
    count: int
    images: list[Path] = field(default_factory=list)


def tools_missing() -> ExportError | None:
    """The error to show when LibreOffice or pdftoppm is not installed (None when both are)."""
    if libreoffice_path() is None:
        return ExportError(S.NO_OFFICE, S.NO_OFFICE_HINT)
    if shutil.which("pdftoppm") is None:
        return ExportError(S.NO_POPPLER, S.NO_POPPLER_HINT)
    return None


def page_count(pdf: Path) -> int:
    """Pages of *pdf*, read by ``pdfinfo`` (0 when it cannot tell)."""
    tool = shutil.which("pdfinfo")
    if tool is None:
        return 0
    try:
        out = subprocess.run([tool, str(pdf)], capture_output=True, text=True, timeout=60, check=False).stdout
    except (OSError, subprocess.TimeoutExpired):
        return 0
    found = re.search(r"^Pages:\s+(\d+)", out, re.M)
    return int(found.group(1)) if found else 0


def _check(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise Cancelled


def _images(pdf: Path, folder: Path, cancel: threading.Event | None) -> list[Path]:
    tool = shutil.which("pdftoppm")
    if tool is None:
        raise ExportError(S.NO_POPPLER, S.NO_POPPLER_HINT)
    process = subprocess.Popen([tool, "-png", "-r", str(PAGE_DPI), str(pdf), str(folder / "trang")],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(PAGE_TIMEOUT_S * 10):
            if process.poll() is not None:
                break
            if cancel is not None and cancel.wait(0.1):
                raise Cancelled
        else:
            raise ExportError(S.FAILED.format(text="pdftoppm chạy quá lâu."), S.NO_POPPLER_HINT)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(5)
    images = sorted(folder.glob("trang-*.png"), key=lambda p: int(re.findall(r"\d+", p.stem)[-1]))
    if not images:
        raise ExportError(S.FAILED.format(text="không đọc được tệp PDF."), S.NO_POPPLER_HINT)
    return images


def make_pages(document: Document, folder: Path, reference_docx: Path | None = None,
               cancel: threading.Event | None = None) -> Pages:
    """Export *document* into *folder* as .docx, convert it to PDF and render its pages to PNG."""
    from ...writers.docx import write_docx

    missing = tools_missing()
    if missing is not None:
        raise missing
    folder.mkdir(parents=True, exist_ok=True)
    docx, pdf = folder / "ban-in.docx", folder / "ban-in.pdf"
    write_docx(document, docx, reference_docx)
    _check(cancel)
    convert_to_pdf(docx, pdf, pdfa=False)
    _check(cancel)
    images = _images(pdf, folder, cancel)
    return Pages(pdf, page_count(pdf) or len(images), images)
