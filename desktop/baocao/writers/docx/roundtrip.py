"""What baocao's own import reads back from an export: one custom XML part and bookmarks on generated text.

An export made for an office to send on (``importing.own_export.attach_roundtrip``) carries a
``RoundTrip``: a JSON *payload* (pack id, field values, table rows, the generated sentences, the
frame lines) and *marks* (``id(Paragraph)`` → bookmark name) on the paragraphs the template wrote
from figures.  This module only writes them:

* ``customXml/item1.xml`` (``<baocao xmlns="urn:baocao:khu-hoi:1">JSON</baocao>``) with its
  ``itemProps1.xml``, related from ``word/document.xml`` — Word and LibreOffice keep custom XML
  parts through open and save;
* a hidden-looking bookmark ``bc_sinh_<n>`` around each marked paragraph's runs — both keep
  bookmarks; a reviewer who rewrites the sentence keeps the bookmark, one who deletes the
  paragraph deletes it.

Nothing visible changes; a document without a ``RoundTrip`` is written exactly as before.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from .ooxml import XML_DECL, esc
from .package import Package

#: namespace of the custom XML part (and its schema reference)
NAMESPACE = "urn:baocao:khu-hoi:1"
#: root element (local name) of the part
ROOT = "baocao"
#: version of the payload's shape
FORMAT = 1
#: ``payload["app"]``: the part is ours
APP = "baocao"
#: prefix of the bookmark on a generated paragraph; the number indexes ``payload["generated"]``
MARK_PREFIX = "bc_sinh_"
#: bookmark ids from here on, clear of the footnote bookmarks (which use the note ids)
MARK_ID_BASE = 1_000_000
ITEM_PART = "customXml/item1.xml"
PROPS_PART = "customXml/itemProps1.xml"
ITEM_RELS_PART = "customXml/_rels/item1.xml.rels"
DOCUMENT_REL_ID = "rIdBcRoundTrip"
#: a fixed item id (the same document gives the same bytes): ``uuid5(NAMESPACE_URL, NAMESPACE)`` in capitals,
#: written out so that an export does not load ``uuid`` (tests/test_export_speed.py checks it)
ITEM_ID = "{558F2959-0DF6-587D-B882-4F094C5C9693}"


@dataclass
class RoundTrip:
    """The data an export carries for its own import, and the paragraphs to mark."""

    payload: dict[str, Any]
    marks: dict[int, int] = field(default_factory=dict)      # id(Paragraph) → index in payload["generated"]


def mark_name(index: int) -> str:
    """The bookmark of the *index*-th generated paragraph."""
    return f"{MARK_PREFIX}{index}"


def marked(xml: str, index: int) -> str:
    """Paragraph *xml* (``<w:p>…</w:p>``) with the bookmark of generated paragraph *index* around its runs."""
    start = f'<w:bookmarkStart w:id="{MARK_ID_BASE + index}" w:name="{mark_name(index)}"/>'
    end = f'<w:bookmarkEnd w:id="{MARK_ID_BASE + index}"/>'
    head = xml.find("</w:pPr>")
    cut = head + len("</w:pPr>") if head >= 0 else xml.find(">") + 1
    return xml[:cut] + start + xml[cut:-len("</w:p>")] + end + "</w:p>"


def item_xml(payload: dict[str, Any]) -> bytes:
    """The custom XML part holding *payload* as JSON text."""
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return f'{XML_DECL}<{ROOT} xmlns="{NAMESPACE}" format="{FORMAT}">{esc(text)}</{ROOT}>'.encode("utf-8")


def _props_xml() -> bytes:
    return (f'{XML_DECL}<ds:datastoreItem ds:itemID="{ITEM_ID}" '
            'xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml">'
            f'<ds:schemaRefs><ds:schemaRef ds:uri="{NAMESPACE}"/></ds:schemaRefs></ds:datastoreItem>').encode()


def _item_rels() -> bytes:
    return (f'{XML_DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'customXmlProps" Target="itemProps1.xml"/></Relationships>').encode()


def add_parts(package: Package, roundtrip: RoundTrip | None) -> None:
    """Add the custom XML part (and its properties) to *package*; nothing when *roundtrip* is None."""
    if roundtrip is None:
        return
    package.parts[ITEM_PART] = ("custom_xml", item_xml(roundtrip.payload))
    package.parts[PROPS_PART] = ("custom_xml_props", _props_xml())
    package.parts[ITEM_RELS_PART] = ("relationships", _item_rels())
    package.document_rels.append((DOCUMENT_REL_ID, "custom_xml", "../" + ITEM_PART))


__all__ = ["APP", "FORMAT", "MARK_PREFIX", "NAMESPACE", "ROOT", "RoundTrip", "add_parts", "item_xml", "mark_name",
           "marked"]
