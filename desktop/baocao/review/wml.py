"""Small WordprocessingML helpers shared by the review exports and the reader (lxml, no Qt).

Paragraph text is counted the same way everywhere: ``w:t`` (and ``w:delText``
when asked) as written, ``w:tab`` as a tab, ``w:br``/``w:cr`` as a newline;
footnote references, comment marks and everything else count zero.
"""

from __future__ import annotations

import copy
import io
import zipfile
from collections.abc import Iterator
from datetime import datetime, timezone

from lxml import etree

from ..errors import BaocaoError
from .constants import W_NS

W = "{%s}" % W_NS
XML_NS = "http://www.w3.org/XML/1998/namespace"
W14_NS = "http://schemas.microsoft.com/office/word/2010/wordml"
W15_NS = "http://schemas.microsoft.com/office/word/2012/wordml"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_blank_text=False)


class DocxReadError(BaocaoError):
    """A .docx that cannot be read (not a zip, no document part, broken XML)."""


def w(tag: str) -> str:
    """The Clark name of a w: element or attribute ("p" → "{…main}p")."""
    return W + tag


def word_date(text: str | None) -> str:
    """A stored ISO time as Word's w:date ("2026-06-12T07:05:00Z"); now when missing."""
    try:
        when = datetime.fromisoformat(text) if text else datetime.now(timezone.utc)
    except ValueError:
        when = datetime.now(timezone.utc)
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return when.astimezone(timezone.utc).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def element_text(el: etree._Element, deleted: bool = False) -> str:
    """The text one run child contributes."""
    tag = el.tag
    if tag == w("t") or (deleted and tag == w("delText")):
        return el.text or ""
    if tag == w("tab"):
        return "\t"
    if tag in (w("br"), w("cr")):
        return "\n"
    if tag == w("noBreakHyphen"):
        return "-"
    return ""


def run_text(run: etree._Element, deleted: bool = False) -> str:
    """The text of one w:r."""
    return "".join(element_text(child, deleted) for child in run)


def direct_runs(p: etree._Element) -> list[etree._Element]:
    """The w:r children of a paragraph (not inside w:ins/w:del/hyperlinks)."""
    return [child for child in p if child.tag == w("r")]


def paragraph_text(p: etree._Element) -> str:
    """The text of a paragraph written by baocao (direct runs only)."""
    return "".join(run_text(r) for r in direct_runs(p))


def _make_run(template: etree._Element, children: list[etree._Element]) -> etree._Element:
    run = etree.Element(w("r"))
    rpr = template.find(w("rPr"))
    if rpr is not None:
        run.append(copy.deepcopy(rpr))
    for child in children:
        run.append(child)
    return run


def split_run(run: etree._Element, cut: int) -> tuple[etree._Element, etree._Element] | None:
    """Split *run* so that its first part holds *cut* characters; None when *cut* is at an edge."""
    length = len(run_text(run))
    if cut <= 0 or cut >= length:
        return None
    first, second, pos = [], [], 0
    for child in [c for c in run if c.tag != w("rPr")]:
        size = len(element_text(child))
        if pos + size <= cut:
            first.append(child)
        elif pos >= cut:
            second.append(child)
        else:
            text = child.text or ""
            a, b = copy.deepcopy(child), copy.deepcopy(child)
            a.text, b.text = text[:cut - pos], text[cut - pos:]
            for part in (a, b):
                part.set("{%s}space" % XML_NS, "preserve")
            first.append(a)
            second.append(b)
        pos += size
    one, two = _make_run(run, first), _make_run(run, second)
    parent = run.getparent()
    index = parent.index(run)
    parent.remove(run)
    parent.insert(index, two)
    parent.insert(index, one)
    return one, two


def cut_at(p: etree._Element, offset: int) -> None:
    """Make a run boundary at text *offset* of paragraph *p*."""
    pos = 0
    for run in direct_runs(p):
        size = len(run_text(run))
        if pos < offset < pos + size:
            split_run(run, offset - pos)
            return
        pos += size


def runs_between(p: etree._Element, start: int, end: int) -> list[etree._Element]:
    """The direct runs whose text lies in [start, end) (cut first); zero-length runs inside count too."""
    cut_at(p, start)
    cut_at(p, end)
    out, pos = [], 0
    for run in direct_runs(p):
        size = len(run_text(run))
        if start <= pos and pos + size <= end and (size or start < pos < end):
            out.append(run)
        pos += size
    return out


def insert_point(p: etree._Element, offset: int) -> int:
    """Index in *p*'s children where text *offset* starts (after pPr; before the run at that offset)."""
    cut_at(p, offset)
    pos = 0
    for index, child in enumerate(p):
        if child.tag != w("r"):
            continue
        if pos >= offset:
            return index
        pos += len(run_text(child))
    return len(p)


def body_paragraphs(root: etree._Element) -> Iterator[etree._Element]:
    """Every w:p of a part in document order (table cells included)."""
    return root.iter(w("p"))


def add_override(types: etree._Element, part: str, content_type: str) -> bool:
    """Give *part* its content type in ``[Content_Types].xml`` (*types*); False when it already has one."""
    name = "/" + part
    if any(o.get("PartName") == name for o in types):
        return False
    override = etree.SubElement(types, "{%s}Override" % CT_NS)
    override.set("PartName", name)
    override.set("ContentType", content_type)
    return True


class DocxParts:
    """The parts of a .docx in memory: read, change, add, write back."""

    def __init__(self, data: bytes, name: str = ""):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                self.parts = {info.filename: archive.read(info) for info in archive.infolist()}
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise DocxReadError(f"Tệp «{name}» không phải tệp Word (.docx) đọc được.",
                                "Hãy mở tệp bằng Word và lưu lại dưới dạng .docx rồi thử lại.") from exc
        if "word/document.xml" not in self.parts:
            raise DocxReadError(f"Tệp «{name}» thiếu phần nội dung (word/document.xml).",
                                "Hãy mở tệp bằng Word và lưu lại dưới dạng .docx rồi thử lại.")
        self.name = name

    def xml(self, part: str) -> etree._Element | None:
        """A part parsed (None when absent)."""
        data = self.parts.get(part)
        if data is None:
            return None
        try:
            return etree.fromstring(data, PARSER)
        except etree.XMLSyntaxError as exc:
            raise DocxReadError(f"Tệp «{self.name}» bị hỏng (phần {part} không đọc được).",
                                "Hãy mở tệp bằng Word và lưu lại rồi thử lại.") from exc

    def set_xml(self, part: str, root: etree._Element) -> None:
        """Replace (or add) a part."""
        self.parts[part] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    def add_part(self, part: str, root: etree._Element, content_type: str, rel_type: str) -> None:
        """Add a part related from the main document, with its content type."""
        self.set_xml(part, root)
        types = self.xml("[Content_Types].xml")
        if add_override(types, part, content_type):
            self.set_xml("[Content_Types].xml", types)
        rels_part = "word/_rels/document.xml.rels"
        rels = self.xml(rels_part)
        target = part.split("word/", 1)[1]
        if not any(r.get("Target") == target for r in rels):
            ids = {r.get("Id") for r in rels}
            n = 1
            while f"rIdRv{n}" in ids:
                n += 1
            rel = etree.SubElement(rels, "{%s}Relationship" % REL_NS)
            rel.set("Id", f"rIdRv{n}")
            rel.set("Type", rel_type)
            rel.set("Target", target)
            self.set_xml(rels_part, rels)

    def to_bytes(self) -> bytes:
        """The package as .docx bytes ([Content_Types].xml first)."""
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            names = sorted(self.parts, key=lambda n: (n != "[Content_Types].xml", n))
            for name in names:
                archive.writestr(name, self.parts[name])
        return out.getvalue()
