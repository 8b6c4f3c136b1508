"""Opening an untrusted .docx with bounds: file size, zip entries, inflated size, XML part size.

The parts are then read with the review room's ``DocxParts`` (one zip/XML reader
for the product); its parser resolves no entities and never touches the network.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from lxml import etree

from ..review.wml import DocxParts, DocxReadError
from .constants import MAX_DOCX_BYTES, MAX_UNCOMPRESSED_BYTES, MAX_XML_PART_BYTES, MAX_ZIP_ENTRIES

RESAVE_HINT = "Hãy mở tệp bằng Word hoặc LibreOffice, lưu lại dưới dạng Word (.docx) rồi nhập lại."


class DocxImportError(DocxReadError):
    """A .docx that cannot be imported: not a Word file, damaged, or beyond the bounds."""


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.0f} MB"


def read_package(path: str | Path) -> "BoundedParts":
    """The parts of the .docx at *path*, after checking it is a bounded, readable Word file.

    Raises ``DocxImportError`` with a Vietnamese message and hint: missing file,
    not a zip (a .doc, a PDF renamed …), too large, too many entries, a zip bomb,
    no ``word/document.xml``.
    """
    path = Path(path)
    name = path.name
    try:
        size = path.stat().st_size
        if size > MAX_DOCX_BYTES:
            raise DocxImportError(f"Tệp «{name}» quá lớn ({_megabytes(size)}, tối đa {_megabytes(MAX_DOCX_BYTES)}).",
                                  "Một báo cáo thường dưới 5 MB; hãy bỏ bớt hình ảnh rồi lưu lại.")
        data = path.read_bytes()
    except OSError as exc:
        raise DocxImportError(f"Không đọc được tệp «{name}».",
                              "Hãy kiểm tra tệp còn đó và bạn có quyền đọc.") from exc
    if data[:2] != b"PK":
        what = "tệp Word cũ (.doc)" if data[:4] == b"\xd0\xcf\x11\xe0" else \
            "tệp PDF" if data[:4] == b"%PDF" else "tệp Word (.docx)"
        lead = f"Tệp «{name}» là {what}, chưa nhập được." if what != "tệp Word (.docx)" else \
            f"Tệp «{name}» không phải tệp Word (.docx)."
        raise DocxImportError(lead, RESAVE_HINT)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise DocxImportError(f"Tệp «{name}» bị hỏng (không mở được như tệp .docx).", RESAVE_HINT) from exc
    if len(infos) > MAX_ZIP_ENTRIES:
        raise DocxImportError(f"Tệp «{name}» có {len(infos)} phần, tối đa {MAX_ZIP_ENTRIES}: "
                              "không giống tệp Word thật.", RESAVE_HINT)
    inflated = sum(info.file_size for info in infos)
    if inflated > MAX_UNCOMPRESSED_BYTES:
        raise DocxImportError(f"Tệp «{name}» khi giải nén lớn tới {_megabytes(inflated)} (tối đa "
                              f"{_megabytes(MAX_UNCOMPRESSED_BYTES)}): không giống tệp Word thật.", RESAVE_HINT)
    try:
        return BoundedParts(data, name)
    except DocxImportError:
        raise
    except DocxReadError as exc:
        raise DocxImportError(exc.message, exc.hint) from exc
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:   # CRC errors, sizes that lie
        raise DocxImportError(f"Tệp «{name}» bị hỏng (một phần của tệp không giải nén được).", RESAVE_HINT) from exc


class BoundedParts(DocxParts):
    """``DocxParts`` whose XML parts are refused beyond ``MAX_XML_PART_BYTES`` before parsing."""

    def xml(self, part: str) -> etree._Element | None:
        """A part parsed (None when absent); ``DocxImportError`` when too large or broken."""
        data = self.parts.get(part)
        if data is not None and len(data) > MAX_XML_PART_BYTES:
            raise DocxImportError(f"Phần {part} của tệp «{self.name}» quá lớn ({_megabytes(len(data))}).",
                                  RESAVE_HINT)
        try:
            return super().xml(part)
        except DocxReadError as exc:
            raise DocxImportError(exc.message, exc.hint) from exc
