"""The general .docx → body reader: headings, paragraphs, items, footnotes and tables, in document order.

Public API (also used by the import of departments' contributions)::

    doc = read_report(path)            # ImportedDocument; DocxImportError for a bad file
    for block in doc.blocks:           # SourceHeading | SourceParagraph | SourceTable
        ...

A paragraph is a **heading** when its outline level says so (direct
``w:outlineLvl``, its style's, or a ``Heading N`` style), or — in files typed
without heading styles — when it starts with a typed label ("Phần thứ nhất",
"II.", "3.", "b)") and is short and bold (Roman and "Phần" labels need not be
bold).  Automatic numbering is counted so a heading numbered by Word gets its
label back.  Other paragraphs become ``Para`` of the body model: "- "/"+ "
items (typed or Word bullets), numbered paragraphs ("1." typed or Word
numbering), prose; bold and italic are kept and each footnote becomes a
``Note`` at its reference.  Tables keep their grid (merged cells resolved).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Union

from lxml import etree

from ..model.richtext import Note, Para, ParaKind, Span
from ..review.wml import w
from .constants import (BULLET_FORMATS, ITEM_MARKERS, LABEL_PATTERNS, LABEL_RANK, MAX_BLOCKS, MAX_HEADING_CHARS,
                        NUMBER_FORMATS)
from .package import DocxImportError, read_package
from .runs import drop_prefix, paragraph_style, read_inlines, strip_inlines
from .styles import Styles, paragraph_numbering
from ..writers.docx.roundtrip import MARK_PREFIX

SEPARATOR_NOTES = ("separator", "continuationSeparator", "continuationNotice")


@dataclass
class SourceHeading:
    """A heading of the file: level (1 = top), the label shown ("II.", "" when none) and the title."""

    level: int
    label: str
    title: str
    how: str = "style"              # "style" (outline level / heading style) or "typed" (label in the text)

    def display(self) -> str:
        """Label and title as the reader sees them."""
        return f"{self.label} {self.title}".strip()


@dataclass
class SourceParagraph:
    """A body paragraph, already in the draft's body model; *mark*: the index of the generated paragraph our
    own export marked it as (a ``bc_sinh_<n>`` bookmark, ``writers.docx.roundtrip``), None when unmarked."""

    para: Para
    mark: int | None = None


@dataclass
class SourceCell:
    """One grid cell: its text (paragraphs joined by newlines), the notes referenced in it, and whether it is
    the continuation of a cell merged from above (its text is the merged cell's, repeated for matching)."""

    text: str
    notes: list[Note] = field(default_factory=list)
    continued: bool = False


@dataclass
class SourceTable:
    """A table as a grid: every row has one cell per grid column (horizontal merges repeated)."""

    rows: list[list[SourceCell]]

    def width(self) -> int:
        """Number of grid columns."""
        return max((len(r) for r in self.rows), default=0)


SourceBlock = Union[SourceHeading, SourceParagraph, SourceTable]


@dataclass
class ImportedDocument:
    """What a .docx holds, in order; ``name`` is the file name (for messages)."""

    name: str
    blocks: list[SourceBlock]
    footnotes: int = 0
    #: the data our own export carries (``own_import.read_payload``), None for any other file
    payload: dict | None = None

    def headings(self) -> list[SourceHeading]:
        """The headings, in order."""
        return [b for b in self.blocks if isinstance(b, SourceHeading)]

    def tables(self) -> list[SourceTable]:
        """The tables, in order."""
        return [b for b in self.blocks if isinstance(b, SourceTable)]


# ---------------------------------------------------------------- footnotes
def _footnotes(root: etree._Element | None, styles: Styles) -> dict[str, Note]:
    out: dict[str, Note] = {}
    if root is None:
        return out
    for note in root.findall(w("footnote")):
        if note.get(w("type")) in SEPARATOR_NOTES:
            continue
        paragraphs: list[list[Span]] = []
        for p in note.iter(w("p")):
            items, _boxes = read_inlines(p, styles)
            spans = [i for i in strip_inlines(items) if isinstance(i, Span)]
            if spans:
                paragraphs.append(spans)
        out[note.get(w("id"), "")] = Note(paragraphs or [[Span("")]])
    return out


# ---------------------------------------------------------------- paragraphs
def _typed_label(text: str) -> tuple[str, str, int] | None:
    """(kind, label, length of the label with its spaces) of a typed heading label at the start of *text*."""
    for kind, pattern in LABEL_PATTERNS:
        match = pattern.match(text)
        if match:
            label = match.group(0).strip()
            return kind, label, len(match.group(0))
    return None


def _all_bold(items) -> bool:
    spans = [i for i in items if isinstance(i, Span) and i.text.strip()]
    return bool(spans) and all(s.bold for s in spans)


def _mark(p: etree._Element) -> int | None:
    """The generated-paragraph index of a ``bc_sinh_<n>`` bookmark starting in *p* (our own export), or None."""
    for start in p.iter(w("bookmarkStart")):
        name = start.get(w("name")) or ""
        if name.startswith(MARK_PREFIX) and name[len(MARK_PREFIX):].isdigit():
            return int(name[len(MARK_PREFIX):])
    return None


def _plain(items) -> str:
    return "".join(i.text for i in items if isinstance(i, Span))


class _Reader:
    def __init__(self, styles: Styles, notes: dict[str, Note]):
        self.styles = styles
        self.notes = notes
        self.used_notes: set[str] = set()
        self.blocks: list[SourceBlock] = []

    def note(self, note_id: str) -> Note | None:
        note = self.notes.get(note_id)
        if note is None:
            return None
        self.used_notes.add(note_id)
        return note

    def add(self, block: SourceBlock) -> None:
        if len(self.blocks) >= MAX_BLOCKS:
            raise DocxImportError(f"Tệp có hơn {MAX_BLOCKS:,} đoạn và dòng bảng: quá dài cho một báo cáo."
                                  .replace(",", "."), "Hãy tách tệp thành nhiều phần rồi nhập lần lượt.")
        self.blocks.append(block)

    # -------------------------------------------------------- one paragraph
    def paragraph(self, p: etree._Element) -> None:
        style = paragraph_style(p)
        items, boxes = read_inlines(p, self.styles, self.note)
        items = strip_inlines(items)
        num = paragraph_numbering(p, self.styles, style)
        auto_label = self.styles.next_label(num) if num is not None else ""
        fmt = self.styles.list_format(num) if num is not None else ""
        text = _plain(items)
        outline = self._outline(p, style)
        has_note = any(isinstance(i, Note) for i in items)
        if outline is not None and text.strip():
            typed = _typed_label(text)
            label, title = auto_label, text.strip()
            if typed and not auto_label:
                label, title = typed[1], text[typed[2]:].strip()
            self.add(SourceHeading(outline + 1, label, title, "style"))
            self._notes_after_heading(items)
        elif text.strip() or has_note:
            typed = _typed_label(text) if not auto_label else None
            titled = bool(text[typed[2]:].strip()) if typed else False
            if typed and len(text) <= MAX_HEADING_CHARS and not has_note and \
                    (_all_bold(items) or typed[0] in ("phan", "la-ma")) and (titled or typed[0] == "phan"):
                self.add(SourceHeading(LABEL_RANK[typed[0]], typed[1], text[typed[2]:].strip(), "typed"))
            else:
                self.add(SourceParagraph(self._para(items, text, fmt, auto_label, typed), _mark(p)))
        for box in boxes:
            self.paragraph(box)

    def _outline(self, p: etree._Element, style: str | None) -> int | None:
        lvl = p.find(w("pPr") + "/" + w("outlineLvl"))
        if lvl is not None and (lvl.get(w("val")) or "").isdigit():
            value = int(lvl.get(w("val")))
            return value if value < 9 else None
        return self.styles.outline_level(style)

    def _notes_after_heading(self, items) -> None:
        notes = [i for i in items if isinstance(i, Note)]       # a footnote on a heading: kept right after it
        if notes:
            self.add(SourceParagraph(Para(notes)))

    @staticmethod
    def _para(items, text: str, fmt: str, auto_label: str, typed) -> Para:
        kind: ParaKind = "text"
        if fmt in BULLET_FORMATS:
            kind = "plus" if auto_label.startswith("+") else "dash"
        elif fmt in NUMBER_FORMATS:
            kind = "number"
        else:
            for marker, marker_kind in ITEM_MARKERS:
                if text.startswith(marker):
                    return Para(drop_prefix(items, len(marker)), marker_kind)   # type: ignore[arg-type]
            if typed and typed[0] == "so" and "." not in typed[1].rstrip(".)"):
                return Para(drop_prefix(items, typed[2]), "number")
        return Para(items, kind)

    # -------------------------------------------------------- one table
    def table(self, tbl: etree._Element) -> None:
        rows: list[list[SourceCell]] = []
        above: dict[int, SourceCell] = {}
        for tr in tbl.findall(w("tr")):
            row: list[SourceCell] = []
            for tc in tr.findall(w("tc")):
                span_el = tc.find(w("tcPr") + "/" + w("gridSpan"))
                span = int(span_el.get(w("val"), "1")) if span_el is not None and \
                    (span_el.get(w("val")) or "").isdigit() else 1
                merge = tc.find(w("tcPr") + "/" + w("vMerge"))
                column = len(row)
                if merge is not None and merge.get(w("val"), "continue") == "continue" and column in above:
                    origin = above[column]
                    cells = [SourceCell(origin.text, [], True) for _ in range(max(1, span))]
                else:
                    cell = self._cell(tc)
                    cells = [cell] + [SourceCell(cell.text, [], True) for _ in range(max(1, span) - 1)]
                for offset, cell in enumerate(cells):
                    above[column + offset] = cell if not cell.continued else above.get(column + offset, cell)
                row.extend(cells)
            rows.append(row)
        if rows:
            self.add(SourceTable(rows))

    def _cell(self, tc: etree._Element) -> SourceCell:
        texts: list[str] = []
        notes: list[Note] = []
        for p in tc.iter(w("p")):
            items, _ = read_inlines(p, self.styles, self.note)
            items = strip_inlines(items)
            line = _plain(items).strip()
            if line:
                texts.append(line)
            notes.extend(i for i in items if isinstance(i, Note))
        return SourceCell("\n".join(texts), notes)

    # -------------------------------------------------------- the body
    def body(self, el: etree._Element) -> None:
        for child in el:
            tag = child.tag
            if tag == w("p"):
                self.paragraph(child)
            elif tag == w("tbl"):
                self.table(child)
            elif tag in (w("sdt"), w("sdtContent"), w("customXml")) or tag == w("ins"):
                self.body(child)


def _merge_split_titles(blocks: list[SourceBlock]) -> list[SourceBlock]:
    """"Phần thứ nhất" alone on its line, its title in the next bold paragraph: one heading."""
    out: list[SourceBlock] = []
    for block in blocks:
        last = out[-1] if out else None
        if isinstance(block, SourceParagraph) and isinstance(last, SourceHeading) and last.label and not last.title \
                and block.para.kind == "text" and _all_bold(block.para.content) and not block.para.notes():
            last.title = block.para.plain_text().strip()
            continue
        out.append(block)
    return out


def read_report(path: str | Path) -> ImportedDocument:
    """Read the .docx at *path* into headings, paragraphs and tables (``DocxImportError`` when it cannot)."""
    parts = read_package(path)
    document = parts.xml("word/document.xml")
    body = document.find(w("body")) if document is not None else None
    if body is None:
        raise DocxImportError(f"Tệp «{Path(path).name}» không có phần thân văn bản.",
                              "Hãy mở tệp bằng Word, lưu lại dưới dạng .docx rồi nhập lại.")
    styles = Styles.read(parts.xml("word/styles.xml"), parts.xml("word/numbering.xml"))
    reader = _Reader(styles, _footnotes(parts.xml("word/footnotes.xml"), styles))
    reader.body(body)
    for note_id, note in reader.notes.items():          # a footnote never referenced: kept at the end
        if note_id not in reader.used_notes and note.plain_text().strip():
            reader.add(SourceParagraph(Para([note])))
    from .own_import import read_payload

    return ImportedDocument(Path(path).name, _merge_split_titles(reader.blocks), len(reader.notes),
                            read_payload(parts))


__all__ = ["DocxImportError", "ImportedDocument", "SourceBlock", "SourceCell", "SourceHeading", "SourceParagraph",
           "SourceTable", "read_report"]
