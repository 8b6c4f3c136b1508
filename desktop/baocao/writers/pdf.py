"""PDF/A-2b through LibreOffice, with one prepared LibreOffice profile reused across exports.

Digital-signing tools for official documents expect PDF/A: every font
embedded, XMP metadata (title, author, ``pdfaid:part=2``/``conformance=B``).
LibreOffice's PDF export does this with ``SelectPdfVersion=2``; the options
are passed in the JSON syntax LibreOffice 7.4 and later understand.

Starting LibreOffice with a fresh profile costs seconds (it builds the
profile first); the profile in the user cache folder is created on the first
export and reused after that.  LibreOffice refuses a second instance on a
profile in use, so while one conversion holds it (another window, the
command line) a throw-away profile is used instead.  No Qt here: the window's
background job and ``baocao export -o X.pdf`` share it.

LibreOffice before 7.4 does not read the JSON filter options, so PDF/A cannot
be asked for: ``soffice --version`` is read once per program, and an older
LibreOffice gets a plain PDF export with a note saying so (``PDF_PLAIN_NOTE``)
instead of a failed export.  An unreadable version is treated as recent.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ExportError, Location
from ..fsutil import atomic_write

if TYPE_CHECKING:
    from ..docmodel import Document

#: LibreOffice's PDF export filter, PDF/A-2b (``SelectPdfVersion`` 2), in the JSON option syntax.
PDFA_FILTER = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'
PLAIN_FILTER = "pdf"
PDF_TIMEOUT_S = 180
#: Folder of the reused profile inside the user cache folder.
PROFILE_FOLDER = "libreoffice-profile"
#: Marker written once LibreOffice has finished building the profile.
PROFILE_READY = ".baocao-ready"
#: What a PDF/A-2b file says about itself in its XMP metadata.
PDFA_MARKERS = (b"<pdfaid:part>2</pdfaid:part>", b"<pdfaid:conformance>B</pdfaid:conformance>")

PDF_FAILED = "LibreOffice không chuyển được tệp sang PDF."
PDF_FAILED_HINT = "Hãy mở tệp .docx bằng Word hoặc LibreOffice rồi tự lưu thành PDF."
NO_OFFICE = "Không tìm thấy LibreOffice để xuất PDF."
NO_OFFICE_HINT = "Hãy cài LibreOffice (miễn phí) rồi xuất lại, hoặc xuất .docx rồi lưu thành PDF bằng Word."

NOT_PDFA = "Đã tạo tệp PDF nhưng không đạt chuẩn PDF/A-2b."
NOT_PDFA_HINT = "Bản LibreOffice này quá cũ (cần từ 7.4 trở lên); hãy cập nhật LibreOffice rồi xuất lại."

PDF_PLAIN_NOTE = ("LibreOffice {version} chưa xuất được PDF/A-2b (cần bản 7.4 trở lên) nên đã xuất PDF thường: "
                  "tệp vẫn đọc và in bình thường; muốn ký số, hãy cập nhật LibreOffice rồi xuất lại.")
#: The first LibreOffice that reads the JSON filter options (``SelectPdfVersion``).
PDFA_MIN_VERSION = (7, 4)
VERSION_TIMEOUT_S = 30

_profile_lock = threading.Lock()
_versions: dict[str, tuple[int, ...] | None] = {}
log = logging.getLogger("baocao.pdf")


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


def profile_dir() -> Path:
    """The reused LibreOffice profile: ``<user cache>/baocao/libreoffice-profile``."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("baocao", appauthor=False)) / PROFILE_FOLDER


def is_pdfa(data: bytes) -> bool:
    """Whether the PDF bytes declare PDF/A-2b in their XMP metadata."""
    return all(marker in data for marker in PDFA_MARKERS)


def parse_version(text: str) -> tuple[int, ...] | None:
    """The version numbers in ``soffice --version`` output ("LibreOffice 7.3.7.2 …" → (7, 3, 7, 2))."""
    found = re.search(r"LibreOffice(?:Dev)?\s+(\d+(?:\.\d+)*)", text)
    return tuple(int(part) for part in found.group(1).split(".")) if found else None


def libreoffice_version(soffice: str) -> tuple[int, ...] | None:
    """The version of the LibreOffice program *soffice* (read once; None when it does not say)."""
    if soffice not in _versions:
        try:
            out = subprocess.run([soffice, "--version"], capture_output=True, text=True,
                                 timeout=VERSION_TIMEOUT_S, check=False).stdout
        except (OSError, subprocess.TimeoutExpired):
            out = ""
        _versions[soffice] = parse_version(out)
    return _versions[soffice]


def pdf_filter_for(version: tuple[int, ...] | None, pdfa: bool = True) -> tuple[str, str | None]:
    """The export filter to use with a LibreOffice of *version*, and the note when PDF/A had to be dropped."""
    if not pdfa:
        return PLAIN_FILTER, None
    if version is not None and version[:2] < PDFA_MIN_VERSION:
        return PLAIN_FILTER, PDF_PLAIN_NOTE.format(version=".".join(str(x) for x in version[:3]))
    return PDFA_FILTER, None


def _run(soffice: str, profile: Path, docx: Path, outdir: Path, pdf_filter: str) -> Path | None:
    command = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
               "--nologo", "--convert-to", pdf_filter, "--outdir", str(outdir), str(docx)]
    subprocess.run(command, capture_output=True, timeout=PDF_TIMEOUT_S, check=False)
    produced = outdir / (docx.stem + ".pdf")
    return produced if produced.is_file() else None


def _profile_free(profile: Path) -> bool:
    """Whether no other LibreOffice uses *profile* (a lock older than any conversion is stale)."""
    lock = profile / ".lock"
    try:
        age = time.time() - lock.stat().st_mtime
    except FileNotFoundError:
        return True
    except OSError:
        return False
    if age > 2 * PDF_TIMEOUT_S:
        lock.unlink(missing_ok=True)
        return True
    return False


def _convert(soffice: str, docx: Path, outdir: Path, pdf_filter: str, reuse_profile: bool) -> Path | None:
    if reuse_profile and _profile_lock.acquire(blocking=False):
        try:
            profile = profile_dir()
            if _profile_free(profile):
                profile.parent.mkdir(parents=True, exist_ok=True)
                produced = _run(soffice, profile, docx, outdir, pdf_filter)
                if produced is not None:
                    (profile / PROFILE_READY).touch()
                    return produced
                shutil.rmtree(profile, ignore_errors=True)   # a broken profile: rebuilt next time
        finally:
            _profile_lock.release()
    with tempfile.TemporaryDirectory(prefix="baocao-lo-") as tmp:
        return _run(soffice, Path(tmp) / "profile", docx, outdir, pdf_filter)


def convert_to_pdf(docx: Path, pdf: Path, soffice: str | None = None, pdfa: bool = True,
                   reuse_profile: bool = True) -> bool:
    """Convert *docx* to *pdf* with LibreOffice headless (PDF/A-2b when *pdfa*).

    The PDF is written atomically: a failure leaves any previous *pdf* untouched.
    Returns whether the result declares PDF/A-2b.  Raises
    :class:`~baocao.errors.ExportError` (Vietnamese message and hint) when
    LibreOffice is missing or produces nothing.
    """
    return convert_to_pdf_noted(docx, pdf, soffice, pdfa, reuse_profile)[0]


def convert_to_pdf_noted(docx: Path, pdf: Path, soffice: str | None = None, pdfa: bool = True,
                         reuse_profile: bool = True) -> tuple[bool, str | None]:
    """``convert_to_pdf``, also returning the note when an old LibreOffice could only make a plain PDF."""
    soffice = soffice or libreoffice_path()
    where = Location(file=str(pdf))
    if soffice is None:
        raise ExportError(NO_OFFICE, NO_OFFICE_HINT, where)
    pdf_filter, note = pdf_filter_for(libreoffice_version(soffice) if pdfa else None, pdfa)
    with tempfile.TemporaryDirectory(prefix="baocao-pdf-") as tmp:
        try:
            produced = _convert(soffice, Path(docx), Path(tmp), pdf_filter, reuse_profile)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise ExportError(PDF_FAILED, PDF_FAILED_HINT, where) from exc
        if produced is None:
            raise ExportError(PDF_FAILED, PDF_FAILED_HINT, where)
        data = produced.read_bytes()
    with atomic_write(pdf) as handle:
        handle.write(data)
    if note:
        log.warning("%s", note)
    return is_pdfa(data), note


def export_pdf(document: Document, pdf: Path, reference_docx: Path | None = None,
               soffice: str | None = None) -> str | None:
    """Write *document* as PDF/A-2b *pdf*: the .docx first (in a temporary folder), then LibreOffice.

    Returns None, or the note (Vietnamese) when LibreOffice is older than 7.4 and a plain PDF was
    written instead.  Raises :class:`~baocao.errors.ExportError` when LibreOffice is missing
    (checked before anything is written), fails, or a recent one still cannot make PDF/A.
    """
    from .docx import write_docx

    soffice = soffice or libreoffice_path()
    if soffice is None:
        raise ExportError(NO_OFFICE, NO_OFFICE_HINT, Location(file=str(pdf)))
    with tempfile.TemporaryDirectory(prefix="baocao-export-") as tmp:
        docx = Path(tmp) / (Path(pdf).stem + ".docx")
        write_docx(document, docx, reference_docx)
        made_pdfa, note = convert_to_pdf_noted(docx, Path(pdf), soffice)
        if not made_pdfa and note is None:
            raise ExportError(NOT_PDFA, NOT_PDFA_HINT, Location(file=str(pdf)))
        return note
