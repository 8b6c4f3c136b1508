"""Read the reference .docx: the styles, settings, theme and fonts the export reuses.

Only these parts are taken; the reference's own body, headers, footnotes and
comments are ignored, so a maintainer may restyle any .docx in Word (even one
exported by baocao) and use it as a reference.  Parts are found through the
package relationships, not by fixed names.  A file that is not a usable .docx
raises :class:`~baocao.errors.ExportError` with a Vietnamese message.
"""

from __future__ import annotations

import posixpath
import zipfile
from typing import NamedTuple
from functools import lru_cache
from pathlib import Path

from ...errors import ExportError, Location

_OFFICE_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_REL_BASE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
#: Reused part → relationship type suffix.
_PART_TYPES = {
    "styles": "styles",
    "settings": "settings",
    "theme": "theme",
    "font_table": "fontTable",
    "web_settings": "webSettings",
    "numbering": "numbering",
}
_REL_TAG = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"


class ReferenceParts(NamedTuple):  # NamedTuple: defined ~10× faster than a dataclass
    """Raw bytes of the reused parts of one reference .docx (``styles`` is required)."""

    source: str
    styles: bytes
    settings: bytes | None = None
    theme: bytes | None = None
    font_table: bytes | None = None
    web_settings: bytes | None = None
    numbering: bytes | None = None


def default_reference_path() -> Path:
    """The shipped reference: ``resources/reference/reference.docx``."""
    from ...paths import resources_dir

    return resources_dir() / "reference" / "reference.docx"


def bad_reference(path: Path | str, detail: str) -> ExportError:
    """The error for a reference .docx that cannot be used."""
    name = Path(path).name
    return ExportError(
        f"Tệp mẫu định dạng «{name}» không dùng được: {detail}.",
        "Hãy mở và lưu lại tệp mẫu bằng Word (định dạng .docx), hoặc bỏ tệp mẫu riêng "
        "của gói mẫu để dùng mẫu định dạng mặc định.",
        Location(file=str(path)),
    )


def load_reference(path: Path | str | None = None) -> ReferenceParts:
    """The reused parts of the reference at *path* (the shipped one when ``None``).

    Results are cached per (path, size, modification time), so repeated exports
    from the window do not re-read the file.
    """
    target = Path(path) if path is not None else default_reference_path()
    try:
        stat = target.stat()
    except OSError as exc:
        raise bad_reference(target, "không tìm thấy hoặc không đọc được tệp") from exc
    return _load_cached(str(target), stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=8)
def _load_cached(path: str, size: int, mtime_ns: int) -> ReferenceParts:
    try:
        with zipfile.ZipFile(path) as archive:
            return _read_parts(archive, path)
    except ExportError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError) as exc:
        raise bad_reference(path, "tệp không phải tài liệu Word .docx hoặc đã bị hỏng") from exc
    except OSError as exc:
        raise bad_reference(path, "không đọc được tệp") from exc


#: largest XML part read from a reference .docx (a real styles.xml is well under 200 KB)
MAX_PART_BYTES = 8 * 1024 * 1024


def _read_member(archive: zipfile.ZipFile, name: str, path: str) -> bytes:
    """One part, refusing one that unpacks to more than ``MAX_PART_BYTES`` (a zip bomb) before inflating it all."""
    info = archive.getinfo(name)            # KeyError when missing
    if info.file_size > MAX_PART_BYTES:
        raise bad_reference(path, f"phần {name} lớn bất thường ({info.file_size // (1024 * 1024)} MB)")
    with archive.open(info) as member:
        data = member.read(MAX_PART_BYTES + 1)
    if len(data) > MAX_PART_BYTES:
        raise bad_reference(path, f"phần {name} lớn bất thường")
    return data


def _clean_part(data: bytes, name: str, path: str) -> bytes:
    """The part parsed with entities off and written back: a DTD or entity is refused, never copied."""
    from .xmlparse import XmlError, parse_xml, to_bytes

    try:
        root = parse_xml(data)
    except XmlError as exc:
        raise bad_reference(path, f"phần {name} không hợp lệ") from exc
    if root.getroottree().docinfo.doctype or b"<!ENTITY" in data or b"<!DOCTYPE" in data:
        raise bad_reference(path, f"phần {name} có khai báo DTD/ENTITY, Word không dùng và baocao không chép")
    return to_bytes(root)


def _relationships(archive: zipfile.ZipFile, rels_name: str, path: str) -> dict[str, str]:
    """Relationship type → target name (first of each type) from a ``.rels`` part."""
    from .xmlparse import XmlError, parse_xml

    try:
        root = parse_xml(_clean_part(_read_member(archive, rels_name, path), rels_name, path))
    except KeyError as exc:
        raise bad_reference(path, f"thiếu phần {rels_name}") from exc
    except XmlError as exc:
        raise bad_reference(path, f"phần {rels_name} không hợp lệ") from exc
    found: dict[str, str] = {}
    for rel in root.iter(_REL_TAG):
        if rel.get("TargetMode") == "External":
            continue
        found.setdefault(rel.get("Type", ""), rel.get("Target", ""))
    return found


def _resolve(base_dir: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(base_dir, target))


def _read_parts(archive: zipfile.ZipFile, path: str) -> ReferenceParts:
    package_rels = _relationships(archive, "_rels/.rels", path)
    main = package_rels.get(_OFFICE_DOC)
    if not main:
        raise bad_reference(path, "không có phần nội dung chính (word/document.xml)")
    main = _resolve("", main)
    main_dir, main_name = posixpath.split(main)
    doc_rels = _relationships(archive, posixpath.join(main_dir, "_rels", f"{main_name}.rels"), path)
    parts: dict[str, bytes | None] = {}
    for field_name, rel_type in _PART_TYPES.items():
        target = doc_rels.get(_REL_BASE + rel_type)
        if target is None:
            parts[field_name] = None
            continue
        try:
            data = _read_member(archive, _resolve(main_dir, target), path)
        except KeyError as exc:
            raise bad_reference(path, f"thiếu phần {target}") from exc
        parts[field_name] = _clean_part(data, target, path)
    if parts["styles"] is None:
        raise bad_reference(path, "không có phần kiểu định dạng (styles.xml)")
    return ReferenceParts(source=path, **parts)  # type: ignore[arg-type]
