"""The inline content of one WordprocessingML paragraph: spans with bold/italic, footnotes in place.

Runs are read wherever they sit (hyperlinks, fields, content controls,
inserted text); deleted text, field instructions, the Fallback copy of
``mc:AlternateContent`` and cross-reference numbers (NOTEREF fields) are not
text.  Text boxes inside a paragraph are returned as paragraphs of their own,
so their words are not glued into the sentence and are not lost either.
"""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree

from ..model.richtext import Inline, Note, Span, merge_spans
from ..review.wml import w
from ..text import clean_text
from .styles import Styles, _on

MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
#: subtrees that hold no visible text of the paragraph
SKIPPED = {w("del"), w("moveFrom"), w("pPr"), w("rPr"), "{%s}Fallback" % MC_NS, w("instrText"), w("delInstrText")}
#: run children and the text they stand for
RUN_TEXT = {w("tab"): " ", w("br"): " ", w("cr"): " ", w("noBreakHyphen"): "-", w("softHyphen"): ""}

NoteMaker = Callable[[str], Note | None]


class _State:
    def __init__(self) -> None:
        self.items: list[Inline] = []
        self.boxes: list[etree._Element] = []
        self.field_instr: list[str] = []
        self.field_depth = 0
        self.hidden_result = False


def _run_toggles(run: etree._Element, styles: Styles, para_toggles: tuple[bool, bool]) -> tuple[bool, bool]:
    bold, italic = para_toggles
    rpr = run.find(w("rPr"))
    if rpr is not None:
        style = rpr.find(w("rStyle"))
        if style is not None:
            sb, si = styles.toggles(style.get(w("val")))
            bold, italic = bold or sb, italic or si
        b, i = _on(rpr.find(w("b"))), _on(rpr.find(w("i")))
        bold = b if b is not None else bold
        italic = i if i is not None else italic
    return bold, italic


def _run(run: etree._Element, state: _State, styles: Styles, para_toggles: tuple[bool, bool],
         notes: NoteMaker | None) -> None:
    bold, italic = _run_toggles(run, styles, para_toggles)
    for child in run:
        tag = child.tag
        if tag == w("fldChar"):
            kind = child.get(w("fldCharType"))
            if kind == "begin":
                state.field_depth += 1
                state.field_instr = []
            elif kind == "separate":
                state.hidden_result = "".join(state.field_instr).strip().upper().startswith("NOTEREF")
            elif kind == "end":
                state.field_depth = max(0, state.field_depth - 1)
                state.hidden_result = False
            continue
        if tag == w("instrText"):
            state.field_instr.append(child.text or "")
            continue
        if state.hidden_result:
            continue
        if tag == w("t"):
            state.items.append(Span(clean_text(child.text or ""), bold, italic))
        elif tag in RUN_TEXT:
            state.items.append(Span(RUN_TEXT[tag], bold, italic))
        elif tag == w("footnoteReference") and notes is not None:
            note = notes(child.get(w("id"), ""))
            if note is not None:
                state.items.append(note)
        elif tag in (w("drawing"), w("pict"), "{%s}AlternateContent" % MC_NS):
            _collect_boxes(child, state)


def _collect_boxes(el: etree._Element, state: _State) -> None:
    for child in el:
        if child.tag == "{%s}Fallback" % MC_NS:
            continue
        if child.tag == w("txbxContent"):
            state.boxes.extend(p for p in child.iter(w("p")))
            continue
        if isinstance(child.tag, str):
            _collect_boxes(child, state)


def _walk(el: etree._Element, state: _State, styles: Styles, para_toggles: tuple[bool, bool],
          notes: NoteMaker | None) -> None:
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag in SKIPPED:
            continue
        if tag == w("r"):
            _run(child, state, styles, para_toggles, notes)
        elif tag == w("fldSimple") and (child.get(w("instr")) or "").strip().upper().startswith("NOTEREF"):
            continue
        else:
            _walk(child, state, styles, para_toggles, notes)


def paragraph_style(p: etree._Element) -> str | None:
    """The paragraph's style id (None: the default paragraph style)."""
    style = p.find(w("pPr") + "/" + w("pStyle"))
    return style.get(w("val")) if style is not None else None


def read_inlines(p: etree._Element, styles: Styles, notes: NoteMaker | None = None
                 ) -> tuple[list[Inline], list[etree._Element]]:
    """The spans and notes of paragraph *p* (merged), and the paragraphs of text boxes inside it."""
    state = _State()
    _walk(p, state, styles, styles.toggles(paragraph_style(p)), notes)
    return merge_spans(state.items), state.boxes


def strip_inlines(items: list[Inline]) -> list[Inline]:
    """Leading and trailing blanks removed from the first and last spans (notes kept)."""
    out = list(items)
    while out and isinstance(out[0], Span) and not out[0].text.strip():
        out.pop(0)
    while out and isinstance(out[-1], Span) and not out[-1].text.strip():
        out.pop()
    if out and isinstance(out[0], Span):
        out[0] = Span(out[0].text.lstrip(), out[0].bold, out[0].italic)
    if out and isinstance(out[-1], Span):
        out[-1] = Span(out[-1].text.rstrip(), out[-1].bold, out[-1].italic)
    return out


def drop_prefix(items: list[Inline], count: int) -> list[Inline]:
    """*items* without their first *count* characters of text (a typed label or "- " mark)."""
    out: list[Inline] = []
    left = count
    for item in items:
        if left and isinstance(item, Span):
            if len(item.text) <= left:
                left -= len(item.text)
                continue
            item = Span(item.text[left:], item.bold, item.italic)
            left = 0
        out.append(item)
    return strip_inlines(out)
