"""The report's header block in a narrow preview: its two columns one under the other.

The header block (issuer | national title, number | place and date) is a
two-column table.  In a preview pane narrower than ``NARROW_PANE_PX`` each
column gets too little width: «CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM» breaks
before «VIỆT NAM», and in the default pane «ỦY BAN NHÂN DÂN TỈNH» wraps one
word a line.  ``stack_header`` rewrites that table of the preview's HTML as
one column, cells in the same order (issuer, national title, number, date),
so each line gets the whole width.  The rest
of the HTML and the .docx are untouched; the cells keep their order, so the
preview's cell-by-cell patches (``preview_patch.patch_table``) see the same
cells in both layouts.  No Qt.
"""

from __future__ import annotations

import re

#: Below this viewport width (pixels, at 100 % zoom) the header block is shown in one column.
#: Measured with the preview's Times New Roman (Liberation Serif has the same widths): the two
#: columns need a 544 px viewport for «ỦY BAN NHÂN DÂN» on one line, 604 px for the place and
#: date and 704 px for «CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM», which Decree 30 keeps on one line;
#: narrower than that the one-column block reads better than a title broken before «VIỆT NAM».
#: The default pane (466 px) is stacked.
NARROW_PANE_PX = 720
#: How the HTML writer opens the header block (``writers.html._header``); only that table is stacked.
HEADER_OPEN = '<table width="100%" cellspacing="0" cellpadding="0"><col'
_TAG = re.compile(r"<(/?)(table|td)\b[^>]*>")
_CELL_WIDTH = re.compile(r'^<td width="[0-9]+%"')          # a column's share: the one column is whole


def _top_cells(table: str) -> list[str] | None:
    """The top-level cells (``<td …>…</td>``, tags included) of *table*, nested tables inside; None if odd."""
    cells: list[str] = []
    depth = 0                                  # tables open, the header table itself counted
    start = -1
    for match in _TAG.finditer(table):
        closing, name = match.group(1) == "/", match.group(2)
        if name == "table":
            depth += -1 if closing else 1
        elif depth == 1 and not closing:
            start = match.start()
        elif depth == 1 and closing:
            if start < 0:
                return None
            cells.append(table[start:match.end()])
            start = -1
    return cells if depth == 0 else None


def _table_end(html: str, begin: int) -> int:
    """Index just past the ``</table>`` that closes the table opened at *begin* (-1 if none)."""
    depth = 0
    for match in _TAG.finditer(html, begin):
        if match.group(2) != "table":
            continue
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return match.end()
    return -1


def stack_header(html: str) -> str:
    """*html* with its header block as a one-column table (unchanged when it has none or it is not as expected)."""
    begin = html.find(HEADER_OPEN)
    if begin < 0:
        return html
    end = _table_end(html, begin)
    if end < 0:
        return html
    cells = _top_cells(html[begin:end])
    if not cells or len(cells) % 2:
        return html
    rows = "".join(f"<tr>{_CELL_WIDTH.sub('<td', cell)}</tr>" for cell in cells)
    return f'{html[:begin]}<table width="100%" cellspacing="0" cellpadding="0">{rows}</table>{html[end:]}'


def is_narrow(viewport_px: int, zoom: float) -> bool:
    """True when a preview viewport of *viewport_px* at *zoom* (1.0 = 100 %) should stack the header block."""
    return viewport_px < NARROW_PANE_PX * max(zoom, 0.1)
