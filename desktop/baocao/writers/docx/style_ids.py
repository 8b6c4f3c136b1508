"""Style ids the DOCX writer refers to, and which style each kind of heading uses.

The writer only ever names styles by these ids; what they look like is
defined in the reference .docx (``resources/reference/reference.docx``,
generated from :mod:`.style_table` by ``python -m baocao.writers.docx.make_reference``)
so a template maintainer can restyle the report in Word.
"""

from __future__ import annotations

from typing import NamedTuple

from ...constants import NumberStyle


class S:
    """Style ids (``w:styleId``) — one namespace so no id is spelled twice."""

    NORMAL = "Normal"
    BODY = "BodyText"
    CLOSING_LAST = "BCDoanKetThuc"
    BULLET_DASH = "BCDoanGach"
    BULLET_PLUS = "BCDoanCong"
    HIDDEN_LINE = "BCDongAn"

    PART = "BCDeMucPhan"
    ROMAN = "BCDeMucLaMa"
    ARABIC = "BCDeMucSo"
    LETTER_PAREN = "BCDeMucChuNgoac"
    LETTER_DOT = "BCDeMucChuCham"
    DASH = "BCDeMucGach"
    PLUS = "BCDeMucCong"
    UNNUMBERED = "BCDeMucKhong"
    CAPS = "BCChuHoa"
    RUN_IN = "BCNoiDungTiep"

    FOOTNOTE_TEXT = "FootnoteText"
    FOOTNOTE_REF = "FootnoteReference"
    HEADER = "Header"
    FOOTER = "Footer"

    PARENT_BODY = "BCCoQuanChuQuan"
    ISSUER = "BCCoQuanBanHanh"
    NUMBER = "BCSoKyHieu"
    NATIONAL_TITLE = "BCQuocHieu"
    MOTTO = "BCTieuNgu"
    DATE_LINE = "BCDiaDanhNgay"
    DRAFT_MARK = "BCDuThao"
    RULE = "BCDuongKe"
    SUMMARY_RULE = "BCDuongKeTrichYeu"
    DOC_TYPE = "BCTenLoai"
    SUMMARY = "BCTrichYeu"
    TITLE_LINE = "BCDongThemTieuDe"
    ADDRESSEE = "BCKinhGui"

    TABLE = "BCBang"
    TABLE_PLAIN = "BCBangKhongVien"
    TABLE_HEADER = "BCBangTieuDe"
    TABLE_CELL = "BCBangNoiDung"
    TABLE_TOTAL = "BCBangTong"
    TABLE_GAP = "BCSauBang"

    APPENDIX_LABEL = "BCPhuLucNhan"
    APPENDIX_TITLE = "BCPhuLucTieuDe"
    APPENDIX_ATTACHED = "BCPhuLucKemTheo"

    RECIPIENTS_HEADING = "BCNoiNhanTieuDe"
    RECIPIENT = "BCNoiNhan"
    AUTHORITY = "BCChucVu"
    SIGNER = "BCNguoiKy"


#: Word's built-in heading styles, one per outline level (index 0 = level 1).
HEADING_STYLES = tuple(f"Heading{level}" for level in range(1, 7))
MAX_HEADING_LEVEL = len(HEADING_STYLES)


class HeadingLayout(NamedTuple):  # NamedTuple: defined ~10× faster than a dataclass
    """How one kind of heading label is laid out.

    ``style`` holds the decree's weight, case and alignment for the kind;
    the real ``Heading N`` style of the level is based on it.  When
    ``title_on_new_line`` the title follows the label after a line break
    (Phần thứ nhất ↵ TITLE), in ``title_char_style``.
    """

    style: str
    title_on_new_line: bool = False
    title_char_style: str | None = None


#: Number style (``Heading.style``) → layout.  Unknown styles use ``UNNUMBERED``.
HEADING_LAYOUTS: dict[str, HeadingLayout] = {
    NumberStyle.PART.value: HeadingLayout(S.PART, title_on_new_line=True, title_char_style=S.CAPS),
    NumberStyle.ROMAN.value: HeadingLayout(S.ROMAN),
    NumberStyle.ARABIC.value: HeadingLayout(S.ARABIC),
    NumberStyle.LETTER_PAREN.value: HeadingLayout(S.LETTER_PAREN),
    NumberStyle.LETTER_DOT.value: HeadingLayout(S.LETTER_DOT),
    NumberStyle.DASH.value: HeadingLayout(S.DASH),
    NumberStyle.PLUS.value: HeadingLayout(S.PLUS),
    NumberStyle.RUN_IN.value: HeadingLayout(S.UNNUMBERED),
    NumberStyle.NONE.value: HeadingLayout(S.UNNUMBERED),
}
UNKNOWN_HEADING_LAYOUT = HEADING_LAYOUTS[NumberStyle.NONE.value]

#: Bullet character of a paragraph → its paragraph style (others use the dash style).
BULLET_STYLES: dict[str, str] = {"-": S.BULLET_DASH, "+": S.BULLET_PLUS}

#: Paragraph alignment of the model → ``w:jc`` value.
ALIGN_VALUES: dict[str, str] = {"justify": "both", "left": "left", "center": "center", "right": "right"}


def heading_layout(number_style: str) -> HeadingLayout:
    """The layout of a heading numbered with *number_style*."""
    return HEADING_LAYOUTS.get(number_style, UNKNOWN_HEADING_LAYOUT)


def heading_style_for_level(level: int) -> str:
    """The built-in ``Heading N`` style id of a level (deeper levels share the last one)."""
    return HEADING_STYLES[min(max(level, 1), MAX_HEADING_LEVEL) - 1]
