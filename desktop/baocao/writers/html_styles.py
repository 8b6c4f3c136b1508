"""CSS for the HTML writer, read from the DOCX writer's style table, so the preview looks like the page.

Each style of ``docx/style_table.py`` is resolved along its ``based_on``
chain; the values the pack's ``[page]`` table sets at export time (body
size, first-line indent, space after, line spacing) replace the table's
defaults on ``Normal``/``Body Text`` exactly as the DOCX writer does.  The
result is inline CSS that Qt's rich-text engine understands (block lengths in
px — Qt ignores pt there —, font sizes in pt, line height in %).  Body-size text gets no explicit size, so the preview's
zoom (which scales the document's default font) still works.
"""

from __future__ import annotations

from dataclasses import fields
from functools import lru_cache

from ..docmodel import PageSetup
from .docx.metrics import text_width_pt
from .docx.style_table import STYLE_TABLE, Para, Run
from .docx.style_ids import S

PT_PER_CM = 72 / 2.54
PT_PER_MM = 72 / 25.4
PX_PER_PT = 96 / 72
_BY_ID = {style.style_id: style for style in STYLE_TABLE}
_ALIGN = {"both": "justify", "center": "center", "left": "left", "right": "right"}


def _key(page: PageSetup) -> tuple:
    """A cheap hashable key of *page* (its field values in order; ``astuple`` deep-copies and is slow)."""
    return tuple(vars(page).values())


def _page_values(page: PageSetup) -> dict[str, dict[str, object]]:
    """What the pack's [page] table puts on Normal and Body Text (as the DOCX writer does)."""
    return {S.NORMAL: {"size_pt": page.body_size_pt},
            S.BODY: {"first_line_cm": page.first_line_indent_cm, "after_pt": page.space_after_pt,
                     "line": page.line_spacing}}


def resolved(style_id: str, page: PageSetup) -> dict[str, object]:
    """Paragraph and run properties of *style_id* after inheritance and the page's values (None: unset)."""
    return dict(_resolved(style_id, _key(page)))


@lru_cache(maxsize=256)
def _resolved(style_id: str, key: tuple) -> dict[str, object]:
    page = PageSetup(*key)
    chain = []
    current: str | None = style_id
    while current and current in _BY_ID:
        chain.append(_BY_ID[current])
        current = _BY_ID[current].based_on
    values: dict[str, object] = {f.name: None for f in fields(Para)} | {f.name: None for f in fields(Run)}
    overrides = _page_values(page)
    for style in reversed(chain):
        for part in (style.para, style.run):
            for f in fields(part):
                value = getattr(part, f.name)
                if value is not None and value is not False:
                    values[f.name] = value
        values.update(overrides.get(style.style_id, {}))
    return values


def px(points: float) -> str:
    """*points* as CSS pixels (1/96 inch): Qt's rich text reads block lengths in px only."""
    return _number(points * PX_PER_PT)


def _number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def paragraph_css(style_id: str, page: PageSetup, indent: bool = True) -> str:
    """Inline CSS of a paragraph in *style_id* (alignment, indent, spacing, line height, run look)."""
    return _paragraph_css(style_id, _key(page), indent)


@lru_cache(maxsize=256)
def _paragraph_css(style_id: str, key: tuple, indent: bool) -> str:
    page = PageSetup(*key)
    v = _resolved(style_id, key)
    css = []
    if v["align"]:
        css.append(f"text-align:{_ALIGN.get(str(v['align']), 'left')};")
    first = float(v["first_line_cm"] or 0) if indent else 0.0
    css.append(f"text-indent:{px(first * PT_PER_CM)}px;")
    css.append(f"margin-top:{px(float(v['before_pt'] or 0))}px; margin-bottom:{px(float(v['after_pt'] or 0))}px;")
    if v["line"]:
        css.append(f"line-height:{round(float(v['line']) * 100)}%;")   # type: ignore[arg-type]
    return "".join(css) + run_css(style_id, page)


def run_css(style_id: str, page: PageSetup) -> str:
    """Inline CSS of the character look of *style_id*; the body size is left to the document's font."""
    return _run_css(style_id, _key(page))


@lru_cache(maxsize=256)
def _run_css(style_id: str, key: tuple) -> str:
    page = PageSetup(*key)
    v = _resolved(style_id, key)
    css = [f"font-weight:{'bold' if v['bold'] else 'normal'};"]
    if v["italic"]:
        css.append("font-style:italic;")
    if v["caps"]:
        css.append("text-transform:uppercase;")
    size = v["size_pt"]
    if size and abs(float(size) - page.body_size_pt) > 0.01:   # type: ignore[arg-type]
        css.append(f"font-size:{_number(float(size))}pt;")       # type: ignore[arg-type]
    return "".join(css)


def size_pt(style_id: str, page: PageSetup) -> float:
    """The font size of *style_id* (points)."""
    return float(resolved(style_id, page)["size_pt"] or page.body_size_pt)   # type: ignore[arg-type]


def rule_percent(style_id: str, lines: list[str], share: float, box_pt: float, page: PageSetup) -> int:
    """Length of a short rule under *lines* set in *style_id*, as a percentage of a box *box_pt* wide."""
    v = resolved(style_id, page)
    widest = max((text_width_pt(line, size_pt(style_id, page), bool(v["bold"]), bool(v["caps"])) for line in lines),
                 default=0.0)
    return max(5, min(100, round(min(widest, box_pt) * share / box_pt * 100))) if box_pt > 0 else 100


def text_width_of(page: PageSetup) -> float:
    """Width of the text area of *page* (points)."""
    return (page.width_mm - page.margin_left_mm - page.margin_right_mm) * PT_PER_MM


def paragraph_open(style_id: str, page: PageSetup, indent: bool = True, align: str | None = None) -> str:
    """``<p …>`` of a paragraph in *style_id*: the alignment also as an attribute (Qt justifies only that way)."""
    return _paragraph_open(style_id, _key(page), indent, align)


@lru_cache(maxsize=512)
def _paragraph_open(style_id: str, key: tuple, indent: bool, align: str | None) -> str:
    css = _paragraph_css(style_id, key, indent)
    value = align or _ALIGN.get(str(_resolved(style_id, key)["align"] or "left"), "left")
    if align:
        css += f"text-align:{align};"
    return f'<p align="{value}" style="{css}">'
