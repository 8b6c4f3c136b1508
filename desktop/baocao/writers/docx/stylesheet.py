"""Adapt the reference's ``styles.xml`` to one document.

* page values from the pack (font, body size, first-line indent, spacing, line
  spacing) and the proofing language go on ``docDefaults``/``Normal``/``Body Text``;
* styles the writer uses but the reference lacks are copied from the shipped
  reference, so a partial pack reference still gives a complete document;
* each ``Heading N`` is re-based on the layout (I., 1., a) …) the document
  uses at level N, so headings are real Word headings *and* follow the decree.
"""

from __future__ import annotations

import copy
from collections import Counter
from collections.abc import Iterable
from ...docmodel import PageSetup
from ...text import clean_line
from .ooxml import W_NS, cm_to_twips, pt_to_half_points, pt_to_twips
from .style_cache import RunFormat
from .style_ids import heading_layout, heading_style_for_level
from .xmlparse import parse_xml, to_bytes

_W = f"{{{W_NS}}}"
_VAL = f"{_W}val"
_STYLE_ID = f"{_W}styleId"
DEFAULT_FONT = "Times New Roman"
_MIN_LINE = 120          # half of single line spacing: the least a pack may ask for

# Schema order of the children we may insert (CT_PPrBase / CT_RPr).
_PPR_ORDER = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl",
              "numPr", "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens",
              "kinsoku", "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN",
              "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing",
              "mirrorIndents", "suppressOverlap", "jc", "textDirection", "textAlignment",
              "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange")
_RPR_ORDER = ("rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike",
              "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish",
              "webHidden", "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight",
              "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang",
              "eastAsianLayout", "specVanish", "oMath")
_STYLE_ORDER = ("name", "aliases", "basedOn", "next", "link", "autoRedefine", "hidden",
                "uiPriority", "semiHidden", "unhideWhenUsed", "qFormat", "locked", "personal",
                "personalCompose", "personalReply", "rsid", "pPr", "rPr", "tblPr", "trPr",
                "tcPr", "tblStylePr")
_PROPS_ORDER = {"pPr": _PPR_ORDER, "rPr": _RPR_ORDER, "style": _STYLE_ORDER}


def _child(parent, name: str, order: tuple[str, ...]):
    """The ``w:name`` child of *parent*, created at its schema position when missing."""
    found = parent.find(_W + name)
    if found is not None:
        return found
    element = parent.makeelement(_W + name, {})
    rank = order.index(name)
    for index, sibling in enumerate(parent):
        local = sibling.tag.rsplit("}", 1)[-1] if isinstance(sibling.tag, str) else ""
        if local in order and order.index(local) > rank:
            parent.insert(index, element)
            return element
    parent.append(element)
    return element


def _props(style, name: str):
    return _child(style, name, _PROPS_ORDER["style"])


def _on(element) -> bool:
    return element.get(_VAL, "1").lower() not in ("0", "false", "off")


class StyleSheet:
    """A mutable ``styles.xml`` of one export."""

    def __init__(self, data: bytes):
        self.root = parse_xml(data)
        self._styles = {s.get(_STYLE_ID): s for s in self.root.iter(_W + "style")}

    def has(self, style_id: str) -> bool:
        """Whether *style_id* is defined."""
        return style_id in self._styles

    def style_ids(self) -> list[str]:
        """Every defined style id, in document order."""
        return [style_id for style_id in self._styles if style_id]

    def missing(self, required: Iterable[str]) -> list[str]:
        """The ids of *required* not defined here."""
        return [style_id for style_id in required if style_id not in self._styles]

    def copy_styles_from(self, other: StyleSheet, style_ids: Iterable[str]) -> None:
        """Copy the definitions of *style_ids* (and their missing parents) from *other*."""
        pending = list(style_ids)
        while pending:
            style_id = pending.pop()
            if style_id in self._styles or style_id not in other._styles:
                continue
            element = copy.deepcopy(other._styles[style_id])
            self.root.append(element)
            self._styles[style_id] = element
            for link in ("basedOn", "next"):
                parent = element.find(_W + link)
                if parent is not None and parent.get(_VAL):
                    pending.append(parent.get(_VAL))

    # -- page setup ------------------------------------------------------------------
    def apply_page(self, page: PageSetup, language: str, body_style: str) -> None:
        """Put the pack's font, body size, spacing and the language on the base styles."""
        defaults = _child(self.root, "docDefaults", ("docDefaults", "latentStyles", "style"))
        rpr_default = _child(defaults, "rPrDefault", ("rPrDefault", "pPrDefault"))
        rpr = _child(rpr_default, "rPr", ("rPr",))
        self._set_run_base(rpr, page)
        lang = _child(rpr, "lang", _RPR_ORDER)
        lang.attrib.clear()
        lang.set(_VAL, language)
        lang.set(_W + "eastAsia", "en-US")
        lang.set(_W + "bidi", "ar-SA")
        normal = self._styles.get("Normal")
        if normal is not None:
            self._set_run_base(_props(normal, "rPr"), page)
        body = self._styles.get(body_style)
        if body is not None:
            ppr = _props(body, "pPr")
            spacing = _child(ppr, "spacing", _PPR_ORDER)
            spacing.set(_W + "after", str(max(pt_to_twips(page.space_after_pt), 0)))
            spacing.set(_W + "line", str(max(round(page.line_spacing * 240), _MIN_LINE)))
            spacing.set(_W + "lineRule", "auto")
            for attr in ("afterLines", "afterAutospacing"):
                spacing.attrib.pop(_W + attr, None)
            ind = _child(ppr, "ind", _PPR_ORDER)
            for attr in ("firstLineChars", "hanging", "hangingChars"):
                ind.attrib.pop(_W + attr, None)
            ind.set(_W + "firstLine", str(max(cm_to_twips(page.first_line_indent_cm), 0)))

    @staticmethod
    def _set_run_base(rpr, page: PageSetup) -> None:
        fonts = _child(rpr, "rFonts", _RPR_ORDER)
        fonts.attrib.clear()
        font = clean_line(page.font_name or "") or DEFAULT_FONT
        for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
            fonts.set(_W + attr, font)
        size = str(max(pt_to_half_points(page.body_size_pt), 2))
        _child(rpr, "sz", _RPR_ORDER).set(_VAL, size)
        _child(rpr, "szCs", _RPR_ORDER).set(_VAL, size)

    # -- headings --------------------------------------------------------------------
    def bind_headings(self, used: Iterable[tuple[int, str]]) -> dict[tuple[int, str], str]:
        """Re-base ``Heading N`` on the layout used at level N.

        Returns ("HeadingN", number style) → the paragraph style id to use.

        *used* lists (level, number style) of every heading in document order.
        The most frequent number style of a level owns ``Heading N``; a rarer
        one at the same level (a run-in "Đánh giá chung:" among "1.", "2.")
        gets a derived style ``Heading N<layout>`` with the same outline level.
        """
        per_level: dict[str, Counter[str]] = {}
        for level, number_style in used:
            per_level.setdefault(heading_style_for_level(level), Counter())[number_style] += 1
        mapping: dict[tuple[int, str], str] = {}
        for heading_id, counts in per_level.items():
            heading = self._styles.get(heading_id)
            dominant = counts.most_common(1)[0][0]
            for number_style in counts:
                layout_style = heading_layout(number_style).style
                if number_style == dominant or heading is None:
                    target = heading_id
                    if heading is not None:
                        _props(heading, "basedOn").set(_VAL, layout_style)
                else:
                    target = self._derived_heading(heading, heading_id, layout_style)
                mapping[(heading_id, number_style)] = target
        return mapping

    def _derived_heading(self, heading, heading_id: str, layout_style: str) -> str:
        style_id = f"{heading_id}{layout_style}"
        if style_id not in self._styles:
            element = copy.deepcopy(heading)
            element.set(_STYLE_ID, style_id)
            element.attrib.pop(_W + "default", None)
            base_name = heading.find(_W + "name")
            layout = self._styles.get(layout_style)
            layout_name = layout.find(_W + "name") if layout is not None else None
            label = layout_name.get(_VAL) if layout_name is not None else layout_style
            base = base_name.get(_VAL) if base_name is not None else heading_id
            _props(element, "name").set(_VAL, f"{base} - {label}")
            _props(element, "basedOn").set(_VAL, layout_style)
            self.root.append(element)
            self._styles[style_id] = element
        return style_id

    def link_numbering(self, links: dict[str, int], num_id: int) -> None:
        """Put ``w:numPr`` (list *num_id*, level per style) on the styles in *links*.

        Any ``w:numPr`` a heading style brought from the reference is removed first,
        so a document that keeps literal labels never gets Word numbers as well.
        """
        for style_id, style in self._styles.items():
            ppr = style.find(_W + "pPr")
            old = ppr.find(_W + "numPr") if ppr is not None and (style_id or "").startswith("Heading") else None
            if old is not None:
                ppr.remove(old)
        for style_id, ilvl in links.items():
            style = self._styles.get(style_id)
            if style is None:
                continue
            ppr = _props(style, "pPr")
            numpr = _child(ppr, "numPr", _PPR_ORDER)
            numpr.clear()
            numpr.append(numpr.makeelement(_W + "ilvl", {_VAL: str(ilvl)}))
            numpr.append(numpr.makeelement(_W + "numId", {_VAL: str(num_id)}))

    # -- measuring -------------------------------------------------------------------
    def run_format(self, style_id: str) -> RunFormat:
        """Size, bold and caps of *style_id*, following ``basedOn`` and ``docDefaults``."""
        size = bold = caps = None
        seen: set[str] = set()
        current = self._styles.get(style_id)
        while current is not None and (size is None or bold is None or caps is None):
            rpr = current.find(_W + "rPr")
            if rpr is not None:
                size = size if size is not None else _half_points(rpr.find(_W + "sz"))
                if bold is None and rpr.find(_W + "b") is not None:
                    bold = _on(rpr.find(_W + "b"))
                if caps is None and rpr.find(_W + "caps") is not None:
                    caps = _on(rpr.find(_W + "caps"))
            seen.add(current.get(_STYLE_ID))
            parent = current.find(_W + "basedOn")
            name = parent.get(_VAL) if parent is not None else None
            current = self._styles.get(name) if name and name not in seen else None
        if size is None:
            default_sz = self.root.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr/{_W}sz")
            size = _half_points(default_sz) or 14.0
        return RunFormat(size_pt=size, bold=bool(bold), caps=bool(caps))

    def to_bytes(self) -> bytes:
        """The patched ``styles.xml``."""
        return to_bytes(self.root)


def _half_points(element) -> float | None:
    if element is None:
        return None
    try:
        return int(element.get(_VAL, "")) / 2
    except ValueError:
        return None
