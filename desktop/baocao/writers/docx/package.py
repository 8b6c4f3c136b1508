"""The OPC package: parts, content types, relationships, document properties, zip.

The export is assembled with :mod:`zipfile` directly (python-docx has no
footnote support and its object model is slow); every entry gets a fixed
timestamp so the same document gives the same bytes.
"""

from __future__ import annotations

import io
import os
import time
import zipfile
from dataclasses import dataclass, field
from typing import NamedTuple

from .ooxml import CT_NS, REL_NS, XML_DECL, esc, esc_attr

_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_COMPRESS_LEVEL = 2   # deflate level: 4× faster than 6 for ~25 % larger files


class PartKind(NamedTuple):  # NamedTuple: defined ~10× faster than a dataclass
    """A kind of part: its content type and the relationship type that targets it."""

    content_type: str
    rel_type: str


#: Part kinds by short name (data, not branches).
PART_KINDS: dict[str, PartKind] = {
    "document": PartKind(f"{_WML}.document.main+xml", f"{_RELS}/officeDocument"),
    "styles": PartKind(f"{_WML}.styles+xml", f"{_RELS}/styles"),
    "settings": PartKind(f"{_WML}.settings+xml", f"{_RELS}/settings"),
    "font_table": PartKind(f"{_WML}.fontTable+xml", f"{_RELS}/fontTable"),
    "web_settings": PartKind(f"{_WML}.webSettings+xml", f"{_RELS}/webSettings"),
    "numbering": PartKind(f"{_WML}.numbering+xml", f"{_RELS}/numbering"),
    "theme": PartKind("application/vnd.openxmlformats-officedocument.theme+xml", f"{_RELS}/theme"),
    "footnotes": PartKind(f"{_WML}.footnotes+xml", f"{_RELS}/footnotes"),
    "header": PartKind(f"{_WML}.header+xml", f"{_RELS}/header"),
    "core": PartKind("application/vnd.openxmlformats-package.core-properties+xml",
                     "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"),
    "app": PartKind("application/vnd.openxmlformats-officedocument.extended-properties+xml",
                    f"{_RELS}/extended-properties"),
    # the custom XML part our own import reads back (roundtrip.py); "" = covered by a Default, no Override
    "custom_xml": PartKind("", f"{_RELS}/customXml"),
    "custom_xml_props": PartKind("application/vnd.openxmlformats-officedocument.customXmlProperties+xml",
                                 f"{_RELS}/customXmlProps"),
    "relationships": PartKind("", ""),
}
#: Where each reused or generated part of the main document goes.
PART_NAMES: dict[str, str] = {
    "styles": "word/styles.xml",
    "settings": "word/settings.xml",
    "font_table": "word/fontTable.xml",
    "web_settings": "word/webSettings.xml",
    "numbering": "word/numbering.xml",
    "theme": "word/theme/theme1.xml",
    "footnotes": "word/footnotes.xml",
}


@dataclass
class Package:
    """Parts of the export being assembled: name → (kind, bytes), plus document rels."""

    parts: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    document_rels: list[tuple[str, str, str]] = field(default_factory=list)   # (id, kind, target)

    def add(self, name: str, kind: str, data: bytes, rel_id: str | None = None) -> None:
        """Add part *name*; with *rel_id*, also relate it from ``word/document.xml``."""
        self.parts[name] = (kind, data)
        if rel_id:
            self.document_rels.append((rel_id, kind, name.removeprefix("word/")))

    def to_bytes(self, title: str, language: str) -> bytes:
        """The .docx file."""
        self.parts["docProps/core.xml"] = ("core", _core_properties(title, language))
        self.parts["docProps/app.xml"] = ("app", _app_properties())
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=_COMPRESS_LEVEL) as archive:
            _put(archive, "[Content_Types].xml", self._content_types())
            _put(archive, "_rels/.rels", _relationships([
                ("rId1", "document", "word/document.xml"),
                ("rId2", "core", "docProps/core.xml"),
                ("rId3", "app", "docProps/app.xml"),
            ]))
            _put(archive, "word/_rels/document.xml.rels", _relationships(self.document_rels))
            for name, (_kind, data) in self.parts.items():
                _put(archive, name, data)
        return buffer.getvalue()

    def _content_types(self) -> bytes:
        overrides = "".join(
            f'<Override PartName="/{name}" ContentType="{PART_KINDS[kind].content_type}"/>'
            for name, (kind, _data) in self.parts.items() if PART_KINDS[kind].content_type
        )
        return (f'{XML_DECL}<Types xmlns="{CT_NS}">'
                '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                '<Default Extension="xml" ContentType="application/xml"/>'
                f"{overrides}</Types>").encode()


def _put(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    archive.writestr(info, data, compresslevel=_COMPRESS_LEVEL)


def _relationships(rels: list[tuple[str, str, str]]) -> bytes:
    body = "".join(f'<Relationship Id="{rid}" Type="{PART_KINDS[kind].rel_type}" Target="{esc_attr(target)}"/>'
                   for rid, kind, target in rels)
    return f'{XML_DECL}<Relationships xmlns="{REL_NS}">{body}</Relationships>'.encode()


def _timestamp() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    seconds = int(epoch) if epoch and epoch.isdigit() else time.time()
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(seconds))


def _core_properties(title: str, language: str) -> bytes:
    stamp = _timestamp()
    return (
        f"{XML_DECL}<cp:coreProperties "
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{esc(title)}</dc:title><dc:creator>baocao</dc:creator>"
        f"<cp:lastModifiedBy>baocao</cp:lastModifiedBy><dc:language>{esc(language)}</dc:language>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        "</cp:coreProperties>"
    ).encode()


def _app_properties() -> bytes:
    from ... import __version__

    return (f"{XML_DECL}<Properties "
            'xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
            f"<Application>baocao {esc(__version__)}</Application><DocSecurity>0</DocSecurity>"
            "</Properties>").encode()
