"""The text a copy for review had when baocao wrote it, kept inside the copy.

A reviewer who edits in Word without "track changes" leaves no ``w:ins``/``w:del``;
the review import finds those edits by comparing the returned file with the text
it had when exported (``review.untracked``).  The export with comments therefore
carries that text: one custom XML part (``<gopy xmlns="urn:baocao:gop-y:goc:1">JSON</gopy>``
holding the body paragraphs and footnotes as the one reader of .docx reads them).
Word and LibreOffice keep custom XML parts through open and save; a file without
the part (an ordinary export) is compared with the current draft instead.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from lxml import etree

from .wml import DocxParts, DocxReadError, add_override

#: namespace of the part's root element
NAMESPACE = "urn:baocao:gop-y:goc:1"
ROOT = "gopy"
FORMAT = 1
#: where the export puts the part (Word may renumber custom XML parts on save: reading looks at every one)
ITEM_PART = "customXml/item90.xml"
PROPS_PART = "customXml/itemProps90.xml"
ITEM_RELS_PART = "customXml/_rels/item90.xml.rels"
ITEM_ID = "{6B1E9A52-3C0D-5E7F-9A41-2D8C7B6E5F90}"
REL_ID = "rIdBcGopY"
CUSTOM_XML_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml"
PROPS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps"
PROPS_TYPE = "application/vnd.openxmlformats-officedocument.customXmlProperties+xml"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
DS_NS = "http://schemas.openxmlformats.org/officeDocument/2006/customXml"


@dataclass
class Baseline:
    """The exported text: body paragraphs (tables left out), footnotes, and table cells' paragraphs
    as ``[table, row, cell, paragraph in cell, text]``, in document order."""

    paragraphs: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    cells: list[list] = field(default_factory=list)

    def to_json(self) -> str:
        """The baseline as compact JSON."""
        return json.dumps({"format": FORMAT, "paragraphs": self.paragraphs, "notes": self.notes, "cells": self.cells},
                          ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> "Baseline | None":
        """The baseline in *text*, or None when it is not one (another program's part, a broken copy)."""
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):       # not JSON, or nested beyond reason: a file from outside
            return None
        if not isinstance(data, dict):
            return None
        paragraphs, notes = data.get("paragraphs"), data.get("notes")
        if not isinstance(paragraphs, list) or not isinstance(notes, list):
            return None
        raw_cells = data.get("cells")
        cells = [c for c in (raw_cells if isinstance(raw_cells, list) else []) if isinstance(c, list) and len(c) == 5
                 and all(isinstance(n, int) for n in c[:4])]
        return cls([str(p) for p in paragraphs], [str(n) for n in notes], [[*c[:4], str(c[4])] for c in cells])


def _ensure_default_xml(parts: DocxParts) -> None:
    types = parts.xml("[Content_Types].xml")
    if not any(el.get("Extension") == "xml" for el in types):
        default = etree.Element("{%s}Default" % CT_NS)
        default.set("Extension", "xml")
        default.set("ContentType", "application/xml")
        types.insert(0, default)
    add_override(types, PROPS_PART, PROPS_TYPE)
    parts.set_xml("[Content_Types].xml", types)


def embed(parts: DocxParts, baseline: Baseline) -> None:
    """Add *baseline* to the package *parts* (the custom XML part, its properties and relationships)."""
    root = etree.Element("{%s}%s" % (NAMESPACE, ROOT), nsmap={None: NAMESPACE})
    root.set("format", str(FORMAT))
    root.text = baseline.to_json()
    parts.set_xml(ITEM_PART, root)
    props = etree.Element("{%s}datastoreItem" % DS_NS, nsmap={"ds": DS_NS})
    props.set("{%s}itemID" % DS_NS, ITEM_ID)
    refs = etree.SubElement(props, "{%s}schemaRefs" % DS_NS)
    etree.SubElement(refs, "{%s}schemaRef" % DS_NS).set("{%s}uri" % DS_NS, NAMESPACE)
    parts.set_xml(PROPS_PART, props)
    item_rels = etree.Element("{%s}Relationships" % REL_NS, nsmap={None: REL_NS})
    rel = etree.SubElement(item_rels, "{%s}Relationship" % REL_NS)
    rel.set("Id", "rId1")
    rel.set("Type", PROPS_REL)
    rel.set("Target", PROPS_PART.rsplit("/", 1)[1])
    parts.set_xml(ITEM_RELS_PART, item_rels)
    _ensure_default_xml(parts)
    rels_part = "word/_rels/document.xml.rels"
    rels = parts.xml(rels_part)
    if not any(r.get("Id") == REL_ID for r in rels):
        doc_rel = etree.SubElement(rels, "{%s}Relationship" % REL_NS)
        doc_rel.set("Id", REL_ID)
        doc_rel.set("Type", CUSTOM_XML_REL)
        doc_rel.set("Target", "../" + ITEM_PART)
        parts.set_xml(rels_part, rels)


def embedded(parts: DocxParts) -> Baseline | None:
    """The baseline a copy carries (any ``customXml/item*.xml`` with our root), or None."""
    for name in sorted(parts.parts):
        if not (name.startswith("customXml/item") and name.endswith(".xml")) or "Props" in name:
            continue
        try:
            root = parts.xml(name)
        except DocxReadError:            # another program's part that does not parse: not ours
            continue
        if root is not None and root.tag == "{%s}%s" % (NAMESPACE, ROOT):
            return Baseline.from_json(root.text or "")
    return None


__all__ = ["Baseline", "NAMESPACE", "embed", "embedded"]
