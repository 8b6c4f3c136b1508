"""A safe lxml parser for the XML parts of a reference .docx (no entities, no network)."""

from __future__ import annotations

from lxml import etree

XmlError = etree.XMLSyntaxError
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=False,
                          huge_tree=False)


def parse_xml(data: bytes) -> etree._Element:
    """Parse *data* into an element tree root; raises :data:`XmlError` on malformed XML."""
    return etree.fromstring(data, _PARSER)


def to_bytes(root: etree._Element) -> bytes:
    """Serialize *root* as a standalone UTF-8 XML part."""
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
