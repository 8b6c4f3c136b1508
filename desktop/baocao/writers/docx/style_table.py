"""The styles of the default reference .docx, as data (Nghị định 30/2020, Phụ lục I).

``make_reference`` turns this table into ``word/styles.xml`` of
``resources/reference/reference.docx``; the writer itself never reads it, it
reads the reference .docx.  Sizes are in points, lengths in centimetres.
Values that come from the template pack's ``[page]`` table (font, body size,
first-line indent, spacing, line spacing) are filled in at export time on
``Normal``/``Body Text``; the numbers below are only their defaults.
"""

from __future__ import annotations

from dataclasses import dataclass

from .style_ids import HEADING_STYLES, S


@dataclass(frozen=True)
class Para:
    """Paragraph properties of a style (``None`` = inherited)."""

    align: str | None = None            # both | center | left | right
    first_line_cm: float | None = None
    left_cm: float | None = None
    before_pt: float | None = None
    after_pt: float | None = None
    line: float | None = None           # multiple of single spacing
    keep_next: bool = False
    keep_lines: bool = False
    widow_control: bool = False         # no single first/last line of a paragraph on a page
    outline_level: int | None = None    # 0 = Heading 1
    border: str | None = None           # "bottom" (a rule) or "box"


@dataclass(frozen=True)
class Run:
    """Character properties of a style (``None`` = inherited)."""

    bold: bool | None = None
    italic: bool | None = None
    caps: bool | None = None
    size_pt: float | None = None
    superscript: bool = False


@dataclass(frozen=True)
class StyleDef:
    """One style of the reference: id, Word name, kind, parent and properties."""

    style_id: str
    name: str
    kind: str = "paragraph"             # paragraph | character | table
    based_on: str | None = None
    next_style: str | None = None
    para: Para = Para()
    run: Run = Run()
    table_borders: bool = False         # table styles: single borders everywhere
    is_default: bool = False
    priority: int | None = None


#: Gap between a line of the header block and the short rule under it (points).
RULE_GAP_PT = 3.0
_HEADER_CELL = Para(align="center", first_line_cm=0, before_pt=0, after_pt=0, line=1.0)
_TABLE_CELL = Para(first_line_cm=0, before_pt=2, after_pt=2, line=1.0)

#: Heading N is based on the layout of the usual skeleton (I. / 1. / a) / - / + / none);
#: the writer re-bases each Heading N on the layout the document really uses at that level.
_HEADING_DEFAULT_BASES = (S.ROMAN, S.ARABIC, S.LETTER_PAREN, S.DASH, S.PLUS, S.UNNUMBERED)

STYLE_TABLE: tuple[StyleDef, ...] = (
    # -- base and body -------------------------------------------------------------
    StyleDef(S.NORMAL, "Normal", is_default=True, priority=0,
             para=Para(after_pt=0, line=1.0, widow_control=True), run=Run(size_pt=14)),
    StyleDef("DefaultParagraphFont", "Default Paragraph Font", kind="character",
             is_default=True, priority=1),
    StyleDef("TableNormal", "Normal Table", kind="table", is_default=True, priority=99),
    StyleDef(S.BODY, "Body Text", based_on=S.NORMAL, priority=10,
             para=Para(align="both", first_line_cm=1.27, after_pt=6, line=1.15)),
    StyleDef(S.CLOSING_LAST, "BC Đoạn kết thúc (giữ cùng trang chữ ký)", based_on=S.BODY,
             para=Para(keep_next=True, keep_lines=True)),
    StyleDef(S.BULLET_DASH, "BC Đoạn gạch đầu dòng", based_on=S.BODY),
    StyleDef(S.BULLET_PLUS, "BC Đoạn dấu cộng", based_on=S.BODY),
    StyleDef(S.HIDDEN_LINE, "BC Dòng ẩn (ngắt phần)", based_on=S.NORMAL,
             para=Para(before_pt=0, after_pt=0, line=1.0), run=Run(size_pt=1)),
    # -- headings: one style per kind of label, then Word's Heading 1..6 -------------
    StyleDef(S.PART, "BC Đề mục Phần", based_on=S.BODY, next_style=S.BODY,
             para=Para(align="center", first_line_cm=0, before_pt=12, after_pt=6, keep_next=True),
             run=Run(bold=True)),
    StyleDef(S.ROMAN, "BC Đề mục La Mã (I.)", based_on=S.BODY, next_style=S.BODY,
             para=Para(before_pt=6, keep_next=True), run=Run(bold=True, caps=True)),
    StyleDef(S.ARABIC, "BC Đề mục số (1.)", based_on=S.BODY, next_style=S.BODY,
             para=Para(keep_next=True), run=Run(bold=True)),
    StyleDef(S.LETTER_PAREN, "BC Đề mục chữ a)", based_on=S.BODY, next_style=S.BODY,
             para=Para(keep_next=True)),
    StyleDef(S.LETTER_DOT, "BC Đề mục chữ a.", based_on=S.BODY, next_style=S.BODY,
             para=Para(keep_next=True)),
    StyleDef(S.DASH, "BC Đề mục gạch (-)", based_on=S.BODY, next_style=S.BODY,
             para=Para(keep_next=True)),
    StyleDef(S.PLUS, "BC Đề mục cộng (+)", based_on=S.BODY, next_style=S.BODY,
             para=Para(keep_next=True)),
    StyleDef(S.UNNUMBERED, "BC Đề mục không số", based_on=S.BODY, next_style=S.BODY,
             para=Para(keep_next=True), run=Run(bold=True)),
    *(StyleDef(style_id, f"heading {index + 1}", based_on=_HEADING_DEFAULT_BASES[index],
               next_style=S.BODY, priority=9, para=Para(outline_level=index))
      for index, style_id in enumerate(HEADING_STYLES)),
    StyleDef(S.CAPS, "BC Chữ in hoa", kind="character", run=Run(caps=True)),
    StyleDef(S.RUN_IN, "BC Nội dung tiếp đề mục", kind="character",
             run=Run(bold=False, italic=False, caps=False)),
    # -- footnotes, page header ----------------------------------------------------
    StyleDef(S.FOOTNOTE_TEXT, "footnote text", based_on=S.NORMAL, priority=99,
             para=Para(align="both", first_line_cm=0, after_pt=0, line=1.0), run=Run(size_pt=12)),
    StyleDef(S.FOOTNOTE_REF, "footnote reference", kind="character", priority=99,
             run=Run(superscript=True)),
    StyleDef(S.HEADER, "header", based_on=S.NORMAL, priority=99,
             para=Para(align="center", first_line_cm=0, after_pt=0, line=1.0), run=Run(size_pt=14)),
    StyleDef(S.FOOTER, "footer", based_on=S.NORMAL, priority=99,
             para=Para(align="center", first_line_cm=0, after_pt=0, line=1.0), run=Run(size_pt=12)),
    # -- header block (Thể thức: quốc hiệu, tên cơ quan, số, địa danh) ----------------
    StyleDef(S.PARENT_BODY, "BC Cơ quan chủ quản", based_on=S.NORMAL,
             para=_HEADER_CELL, run=Run(bold=False, caps=True, size_pt=13)),
    StyleDef(S.ISSUER, "BC Cơ quan ban hành", based_on=S.NORMAL,
             para=_HEADER_CELL, run=Run(bold=True, caps=True, size_pt=13)),
    StyleDef(S.NUMBER, "BC Số ký hiệu", based_on=S.NORMAL,
             para=Para(align="center", before_pt=6, after_pt=0, line=1.0), run=Run(size_pt=13)),
    StyleDef(S.NATIONAL_TITLE, "BC Quốc hiệu", based_on=S.NORMAL,
             para=_HEADER_CELL, run=Run(bold=True, caps=True, size_pt=12)),
    StyleDef(S.MOTTO, "BC Tiêu ngữ", based_on=S.NORMAL,
             para=_HEADER_CELL, run=Run(bold=True, size_pt=13)),
    StyleDef(S.DATE_LINE, "BC Địa danh ngày tháng", based_on=S.NORMAL,
             para=Para(align="center", before_pt=6, after_pt=0, line=1.0),
             run=Run(italic=True, size_pt=14)),
    StyleDef(S.DRAFT_MARK, "BC Dấu dự thảo", based_on=S.NORMAL,
             para=Para(align="center", before_pt=8, after_pt=0, line=1.0, border="box"),
             run=Run(bold=True, size_pt=13)),
    # the decree's sample leaves a small gap between the text and its rule: ≈ 4 pt below
    # the descenders (3 pt before + the 1 pt line of this paragraph), not on the baseline
    StyleDef(S.RULE, "BC Đường kẻ ngắn", based_on=S.NORMAL,
             para=Para(align="center", first_line_cm=0, before_pt=RULE_GAP_PT, after_pt=0, line=1.0,
                       border="bottom"),
             run=Run(size_pt=1)),
    StyleDef(S.SUMMARY_RULE, "BC Đường kẻ dưới trích yếu", based_on=S.RULE,
             para=Para(after_pt=12)),
    StyleDef(S.DOC_TYPE, "BC Tên loại văn bản", based_on=S.NORMAL, next_style=S.SUMMARY,
             para=Para(align="center", before_pt=18, after_pt=0, line=1.0, keep_next=True),
             run=Run(bold=True, caps=True, size_pt=14)),
    StyleDef(S.SUMMARY, "BC Trích yếu", based_on=S.NORMAL,
             para=Para(align="center", after_pt=2, line=1.0, keep_next=True),
             run=Run(bold=True, size_pt=14)),
    StyleDef(S.TITLE_LINE, "BC Dòng thêm dưới trích yếu", based_on=S.NORMAL,
             para=Para(align="center", after_pt=2, line=1.0, keep_next=True),
             run=Run(italic=True, size_pt=14)),
    StyleDef(S.ADDRESSEE, "BC Kính gửi", based_on=S.NORMAL,
             para=Para(align="center", before_pt=6, after_pt=6, line=1.0, keep_next=True),
             run=Run(size_pt=14)),
    # -- tables ---------------------------------------------------------------------
    StyleDef(S.TABLE, "BC Bảng số liệu", kind="table", based_on="TableNormal", table_borders=True),
    StyleDef(S.TABLE_PLAIN, "BC Bảng không viền", kind="table", based_on="TableNormal"),
    StyleDef(S.TABLE_HEADER, "BC Bảng - tiêu đề cột", based_on=S.NORMAL,
             para=Para(align="center", first_line_cm=0, before_pt=2, after_pt=2, line=1.0),
             run=Run(bold=True, size_pt=12)),
    StyleDef(S.TABLE_CELL, "BC Bảng - nội dung", based_on=S.NORMAL, para=_TABLE_CELL,
             run=Run(size_pt=12)),
    StyleDef(S.TABLE_TOTAL, "BC Bảng - dòng tổng", based_on=S.TABLE_CELL, run=Run(bold=True)),
    StyleDef(S.TABLE_GAP, "BC Khoảng cách sau bảng", based_on=S.NORMAL,
             para=Para(before_pt=0, after_pt=0, line=1.0), run=Run(size_pt=7)),
    # -- appendices -----------------------------------------------------------------
    StyleDef(S.APPENDIX_LABEL, "BC Phụ lục - số", based_on=S.NORMAL, next_style=S.APPENDIX_TITLE,
             para=Para(align="center", after_pt=0, line=1.0, keep_next=True), run=Run(bold=True)),
    StyleDef(S.APPENDIX_TITLE, "BC Phụ lục - tên", based_on=S.NORMAL,   # in the navigation pane
             para=Para(align="center", after_pt=0, line=1.0, keep_next=True, outline_level=0),
             run=Run(bold=True, caps=True)),
    StyleDef(S.APPENDIX_ATTACHED, "BC Phụ lục - kèm theo", based_on=S.NORMAL,
             para=Para(align="center", after_pt=12, line=1.0, keep_next=True), run=Run(italic=True)),
    # -- signature and recipients ----------------------------------------------------
    StyleDef(S.RECIPIENTS_HEADING, "BC Nơi nhận", based_on=S.NORMAL,
             para=Para(align="left", after_pt=0, line=1.0), run=Run(bold=True, italic=True, size_pt=12)),
    StyleDef(S.RECIPIENT, "BC Nơi nhận - dòng", based_on=S.NORMAL,
             para=Para(align="left", after_pt=0, line=1.0), run=Run(size_pt=11)),
    StyleDef(S.AUTHORITY, "BC Thẩm quyền ký", based_on=S.NORMAL,
             para=Para(align="center", after_pt=0, line=1.0), run=Run(bold=True, caps=True, size_pt=14)),
    StyleDef(S.SIGNER, "BC Người ký", based_on=S.NORMAL,
             para=Para(align="center", before_pt=72, after_pt=0, line=1.0), run=Run(bold=True, size_pt=14)),
)
