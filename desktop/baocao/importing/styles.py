"""What a paragraph's style and numbering say: outline level, bold/italic, list format and label.

Reads ``styles.xml`` (with ``basedOn`` inheritance) and ``numbering.xml``, and
counts numbered paragraphs the way Word shows them, so that a heading numbered
automatically ("I.", "1.", "a)") gets its label back although the text holds
only the title.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from ..formatting import roman
from ..review.wml import w
from .constants import BODY_OUTLINE_LEVEL, HEADING_STYLE_NAMES



def _format_number(fmt: str, value: int) -> str:
    """One counter as Word prints it for number format *fmt*."""
    if fmt == "upperRoman":
        return roman(value)
    if fmt == "lowerRoman":
        return roman(value).lower()
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)


def _on(el: etree._Element | None) -> bool | None:
    """A w:b / w:i toggle: None when absent, else its value."""
    if el is None:
        return None
    return el.get(w("val"), "true").lower() not in ("0", "false", "off", "none")


@dataclass
class _Style:
    based_on: str | None = None
    name: str = ""
    outline: int | None = None
    bold: bool | None = None
    italic: bool | None = None
    num: tuple[str, int] | None = None


@dataclass
class _Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1


@dataclass
class Styles:
    """The styles and numbering of one file."""

    styles: dict[str, _Style] = field(default_factory=dict)
    default_paragraph: str | None = None
    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)     # numId → ilvl → level
    counters: dict[str, list[int]] = field(default_factory=dict)

    @classmethod
    def read(cls, styles_xml: etree._Element | None, numbering_xml: etree._Element | None) -> "Styles":
        """Both parts parsed (either may be missing)."""
        out = cls()
        if styles_xml is not None:
            for el in styles_xml.findall(w("style")):
                sid = el.get(w("styleId"), "")
                name = el.find(w("name"))
                based = el.find(w("basedOn"))
                ppr, rpr = el.find(w("pPr")), el.find(w("rPr"))
                style = _Style(based.get(w("val")) if based is not None else None,
                               (name.get(w("val"), "") if name is not None else "").strip())
                if ppr is not None:
                    lvl = ppr.find(w("outlineLvl"))
                    if lvl is not None and (lvl.get(w("val")) or "").isdigit():
                        style.outline = int(lvl.get(w("val")))
                    style.num = _numpr(ppr)
                if rpr is not None:
                    style.bold, style.italic = _on(rpr.find(w("b"))), _on(rpr.find(w("i")))
                out.styles[sid] = style
                if el.get(w("type")) == "paragraph" and el.get(w("default")) in ("1", "true"):
                    out.default_paragraph = sid
        if numbering_xml is not None:
            abstract: dict[str, dict[int, _Level]] = {}
            for el in numbering_xml.findall(w("abstractNum")):
                levels: dict[int, _Level] = {}
                for lvl in el.findall(w("lvl")):
                    ilvl = int(lvl.get(w("ilvl"), "0") or 0)
                    fmt, text, start = lvl.find(w("numFmt")), lvl.find(w("lvlText")), lvl.find(w("start"))
                    levels[ilvl] = _Level(fmt.get(w("val"), "decimal") if fmt is not None else "decimal",
                                          text.get(w("val"), "") if text is not None else "",
                                          int(start.get(w("val"), "1")) if start is not None and
                                          (start.get(w("val")) or "").isdigit() else 1)
                abstract[el.get(w("abstractNumId"), "")] = levels
            for el in numbering_xml.findall(w("num")):
                ref = el.find(w("abstractNumId"))
                if ref is not None:
                    out.levels[el.get(w("numId"), "")] = abstract.get(ref.get(w("val"), ""), {})
        return out

    # ------------------------------------------------------------ style chain
    def _chain(self, style_id: str | None):
        seen: set[str] = set()
        sid = style_id if style_id is not None else self.default_paragraph
        while sid and sid not in seen and sid in self.styles:
            seen.add(sid)
            yield self.styles[sid]
            sid = self.styles[sid].based_on

    def outline_level(self, style_id: str | None) -> int | None:
        """0-based outline level the style gives (``Heading N`` names count as level N-1); None for body text."""
        for style in self._chain(style_id):
            if style.outline is not None:
                return style.outline if style.outline < BODY_OUTLINE_LEVEL else None
            match = HEADING_STYLE_NAMES.match(style.name)
            if match:
                return int(match.group(2)) - 1
        return None

    def toggles(self, style_id: str | None) -> tuple[bool, bool]:
        """(bold, italic) a paragraph or character style gives."""
        bold = italic = None
        for style in self._chain(style_id):
            bold = style.bold if bold is None else bold
            italic = style.italic if italic is None else italic
        return bool(bold), bool(italic)

    def numbering_of(self, style_id: str | None) -> tuple[str, int] | None:
        """(numId, ilvl) a paragraph style puts its paragraphs in."""
        for style in self._chain(style_id):
            if style.num is not None:
                return style.num
        return None

    # ------------------------------------------------------------ list labels
    def list_format(self, num: tuple[str, int]) -> str:
        """Word's number format of that list level ("bullet", "decimal" …; "" when unknown)."""
        level = self.levels.get(num[0], {}).get(num[1])
        return level.fmt if level is not None else ""

    def next_label(self, num: tuple[str, int]) -> str:
        """Count one more paragraph in list *num* and return the label Word shows ("II.", "2.", "b)")."""
        num_id, ilvl = num
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels or num_id in ("", "0"):
            return ""
        counts = self.counters.setdefault(num_id, [0] * 10)
        level = levels[ilvl]
        counts[ilvl] = counts[ilvl] + 1 if counts[ilvl] else level.start
        for deeper in range(ilvl + 1, len(counts)):
            counts[deeper] = 0
        if level.fmt == "bullet":
            return level.text.strip() or "-"
        text = level.text
        for k in range(ilvl, -1, -1):
            if f"%{k + 1}" in text:
                other = levels.get(k, _Level())
                text = text.replace(f"%{k + 1}", _format_number(other.fmt, counts[k] or other.start))
        return text.strip()


def _numpr(ppr: etree._Element) -> tuple[str, int] | None:
    numpr = ppr.find(w("numPr"))
    if numpr is None:
        return None
    num_id, ilvl = numpr.find(w("numId")), numpr.find(w("ilvl"))
    value = num_id.get(w("val"), "") if num_id is not None else ""
    level = ilvl.get(w("val"), "0") if ilvl is not None else "0"
    return (value, int(level) if level.isdigit() else 0) if value else None


def paragraph_numbering(p: etree._Element, styles: Styles, style_id: str | None) -> tuple[str, int] | None:
    """(numId, ilvl) of a paragraph: its own w:numPr, else its style's; None when not in a list (numId 0)."""
    ppr = p.find(w("pPr"))
    num = _numpr(ppr) if ppr is not None else None
    if num is None:
        num = styles.numbering_of(style_id)
    return num if num is not None and num[0] != "0" else None
