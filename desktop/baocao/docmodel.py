"""The document model: what every writer (DOCX, HTML) and check reads.

The renderer turns a draft plus a template pack into one ``Document``.  All
numbering labels ("Phần thứ nhất", "I.", "1.", "a)", "-") and all figures are
already resolved to text here, and footnotes are numbered in document order,
so writers only lay out; they never compute.

Shape::

    Document
      page: PageSetup              margins, font, size (from the pack)
      header: HeaderInfo           issuing body, number, national motto, date line, title
      body: [Block]                Heading | Paragraph | Table | PageBreak
      closing: [Paragraph]         the closing sentence(s) ending "./."
      signature: SignatureInfo     authority lines, signer name
      recipients: RecipientsInfo   "Nơi nhận:" + entries
      appendices: [Appendix]       each on its own page, maybe landscape
      footnotes: [Footnote]        numbered 1…n in the order first referenced

Inline content is a list of ``Text`` and ``FootnoteRef``.  A footnote cited
twice has two ``FootnoteRef`` with the same ``number``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Union

Align = Literal["justify", "left", "center", "right"]
Orientation = Literal["portrait", "landscape"]


@dataclass
class Text:
    """A run of text with character formatting."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass
class FootnoteRef:
    """A footnote reference mark; ``number`` indexes ``Document.footnotes`` (1-based)."""

    number: int


Inline = Union[Text, FootnoteRef]


@dataclass
class Footnote:
    """One footnote: its number and one or more paragraphs of text runs."""

    number: int
    paragraphs: list[list[Text]]

    def plain_text(self) -> str:
        """All paragraphs joined with newlines, without formatting."""
        return "\n".join("".join(run.text for run in para) for para in self.paragraphs)


@dataclass
class Heading:
    """A numbered heading.  ``level`` counts from 1 (the top level of the body).

    ``label`` is the resolved number ("I.", "1.", "a)", "Phần thứ nhất" or "");
    ``style`` is the ``NumberStyle`` value that produced it, so writers can pick
    the decree's weight and case per kind of label.  ``inline`` holds the body
    of a run-in heading (a heading whose text continues on the same line), if any.
    """

    level: int
    label: str
    title: str
    style: str
    section_id: str | None = None
    inline: list[Inline] = field(default_factory=list)

    def display_text(self) -> str:
        """Label and title as one line ("1. Ưu điểm"); a part label stays separate."""
        if not self.label:
            return self.title
        return f"{self.label} {self.title}".strip()


@dataclass
class Paragraph:
    """A body paragraph.  ``bullet`` is "-" or "+" for items, ``None`` for prose.

    A numbered paragraph ("1." … "7." on long task paragraphs) has ``numbered``
    set; the renderer numbers those of one section in order and puts the label
    ("1.", "a)" …) in ``bullet``, so writers print it like any other mark.
    """

    inlines: list[Inline]
    bullet: str | None = None
    align: Align = "justify"
    indent: bool = True
    section_id: str | None = None
    numbered: bool = False

    def plain_text(self) -> str:
        """The paragraph's text (bullet included) without footnote marks."""
        text = "".join(i.text for i in self.inlines if isinstance(i, Text))
        return f"{self.bullet} {text}" if self.bullet else text


@dataclass
class TableColumn:
    """A column: header text, optional group header above it, width, alignment."""

    key: str
    header: str
    width_mm: float
    align: Align = "left"
    numeric: bool = False
    group: str | None = None


@dataclass
class Table:
    """A table with resolved cell text.  ``total_row`` is computed by the renderer."""

    table_id: str
    columns: list[TableColumn]
    rows: list[list[str]]
    total_row: list[str] | None = None
    section_id: str | None = None
    #: indices into ``rows`` of group headings and sub-total rows ("Cộng"), written bold like the total row
    subtotal_rows: list[int] = field(default_factory=list)

    def header_rows(self) -> list[list[tuple[str, int, int]]]:
        """Header as rows of (text, column span, row span); two rows when columns are grouped.

        A cell whose text is ``""`` with span 0 is covered by a merge above it.
        """
        has_groups = any(c.group for c in self.columns)
        if not has_groups:
            return [[(c.header, 1, 1) for c in self.columns]]
        top: list[tuple[str, int, int]] = []
        bottom: list[tuple[str, int, int]] = []
        index = 0
        while index < len(self.columns):
            column = self.columns[index]
            if column.group:
                span = 1
                while index + span < len(self.columns) and self.columns[index + span].group == column.group:
                    span += 1
                top.append((column.group, span, 1))
                bottom.extend((c.header, 1, 1) for c in self.columns[index:index + span])
                index += span
            else:
                top.append((column.header, 1, 2))
                bottom.append(("", 0, 0))
                index += 1
        return [top, bottom]


@dataclass
class PageBreak:
    """Start a new page."""


Block = Union[Heading, Paragraph, Table, PageBreak]


@dataclass
class PageSetup:
    """Page size, margins (mm) and base font, from the pack."""

    width_mm: float = 210.0
    height_mm: float = 297.0
    margin_top_mm: float = 20.0
    margin_bottom_mm: float = 20.0
    margin_left_mm: float = 30.0
    margin_right_mm: float = 15.0
    font_name: str = "Times New Roman"
    body_size_pt: float = 14.0
    first_line_indent_cm: float = 1.27
    space_after_pt: float = 6.0
    line_spacing: float = 1.15


@dataclass
class HeaderInfo:
    """The resolved header block and title of the report."""

    issuer_lines: list[str]          # e.g. ["ỦY BAN NHÂN DÂN", "TỈNH ĐẮK NÔNG"]; parent first when set
    parent_line_count: int           # how many of issuer_lines are the parent body (not bold)
    number_line: str                 # "Số:      /BC-UBND"
    national_title: str              # "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    motto: str                       # "Độc lập - Tự do - Hạnh phúc"
    date_line: str                   # "Đắk Nông, ngày 05 tháng 7 năm 2021"
    doc_type: str                    # "BÁO CÁO"
    summary: str                     # the summary line (trích yếu)
    draft_mark: str | None = None    # "DỰ THẢO" while not final
    reference_text: str = ""         # "Báo cáo số …/BC-UBND ngày … của UBND tỉnh …" for appendices
    title_lines: list[str] = field(default_factory=list)   # extra lines under the summary, e.g. "(Trình tại kỳ họp …)"
    addressee_heading: str = "Kính gửi:"
    addressees: list[str] = field(default_factory=list)    # "Kính gửi: …" entries; empty → no such line
    show_table: bool = True          # the header table (issuer, number, motto, date); False for a pack without it


@dataclass
class SignatureInfo:
    """Signature block: authority lines in capitals, then the signer's name."""

    authority_lines: list[str]
    name: str


@dataclass
class RecipientsInfo:
    """The "Nơi nhận:" list; every entry already ends with ";" or the last with "."."""

    heading: str
    entries: list[str]


@dataclass
class Appendix:
    """An appendix: label ("Phụ lục 01"), title, the "(Kèm theo …)" line and its blocks."""

    appendix_id: str
    label: str
    title: str
    attached_line: str
    orientation: Orientation
    blocks: list[Block]


@dataclass
class Document:
    """The whole report, ready for a writer."""

    page: PageSetup
    header: HeaderInfo
    body: list[Block]
    closing: list[Paragraph]
    signature: SignatureInfo
    recipients: RecipientsInfo
    appendices: list[Appendix]
    footnotes: list[Footnote]
    template_id: str = ""
    language: str = "vi-VN"
    show_signature: bool = True
    show_recipients: bool = True
    #: what baocao's own import reads back (``writers.docx.roundtrip.RoundTrip``: field values, table rows,
    #: the generated paragraphs to mark); set only for an export (``importing.own_export``), None otherwise
    roundtrip: object | None = None

    def headings(self) -> list[Heading]:
        """Every heading of the body in order."""
        return [b for b in self.body if isinstance(b, Heading)]

    def tables(self) -> list[Table]:
        """Every table, body first, then appendices."""
        found = [b for b in self.body if isinstance(b, Table)]
        for appendix in self.appendices:
            found.extend(b for b in appendix.blocks if isinstance(b, Table))
        return found
