"""Table cells changed in Word, put back into the draft's appendix tables.

A changed cell is placed when its row can be recognised (a text cell of the
file's row — the unit's name, say — equals a text value of one draft row) and
the cell's old text is the value of exactly one column of that row (numbers
compared as numbers: "2.573" is 2573).  Totals and other computed cells match
no draft value; they stay unplaced, like any text that fits nowhere.
"""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

from ..formatting import parse_number
from ..model.draft import Draft
from .docx_reader import ROW_ADDED, ROW_REMOVED, ReadParagraph, RowEdit
from .tokens import normalize


def _number(text: str) -> Decimal | None:
    try:
        return parse_number(text)
    except ValueError:
        return None


def _same(value: Any, text: str) -> bool:
    if isinstance(value, bool) or value is None:
        return False
    if isinstance(value, (int, float)):
        number = _number(text)
        return number is not None and number == Decimal(str(value))
    return normalize(str(value)) == normalize(text)


def _new_value(old: Any, text: str) -> tuple[bool, Any]:
    if isinstance(old, (int, float)) and not isinstance(old, bool):
        number = _number(text)
        if number is None:
            return False, None
        return True, int(number) if number == number.to_integral_value() else float(number)
    return True, text.strip()


Placed = tuple[str, int, str, str, str]     # table, row, column, old text, new text


def tracked_rows(paragraphs: list[ReadParagraph]) -> tuple[list[RowEdit], set[tuple[int, int]]]:
    """Whole rows inserted or deleted with track changes (every cell's text added, or every cell's text
    removed), and their (table, row): such a row is one item to look at, not cells to put into another row."""
    members: dict[tuple[int, int], list[ReadParagraph]] = {}
    for para in paragraphs:
        if para.cell is not None:
            members.setdefault(para.cell[:2], []).append(para)
    edits, rows = [], set()
    for (table, row), paras in members.items():
        if not any(p.changed for p in paras):
            continue
        if all(not p.rejected.strip() for p in paras) and any(p.accepted.strip() for p in paras):
            edits.append(RowEdit(ROW_ADDED, table, " | ".join(p.accepted.strip() for p in paras)))
        elif all(not p.accepted.strip() for p in paras) and any(p.rejected.strip() for p in paras):
            edits.append(RowEdit(ROW_REMOVED, table, " | ".join(p.rejected.strip() for p in paras)))
        else:
            continue
        rows.add((table, row))
    return edits, rows


def place_cells(draft: Draft, paragraphs: list[ReadParagraph]) -> tuple[dict[str, list[dict[str, Any]]],
                                                                        list[Placed], list[ReadParagraph],
                                                                        list[RowEdit]]:
    """New rows per table for the changed cells that could be placed, those cells, the cells that could not,
    and the whole rows inserted or deleted with track changes (``tracked_rows``: listed, never placed)."""
    row_edits, whole = tracked_rows(paragraphs)
    rows_of: dict[tuple[int, int], list[str]] = {}
    for para in paragraphs:
        if para.cell is not None:
            rows_of.setdefault(para.cell[:2], []).append(para.rejected)
    tables = {tid: copy.deepcopy(rows) for tid, rows in draft.tables.items()}
    changed: set[str] = set()
    placed: list[Placed] = []
    left: list[ReadParagraph] = []
    for para in paragraphs:
        if para.cell is None or not para.changed or para.cell[:2] in whole:
            continue
        cells = [normalize(t) for t in rows_of.get(para.cell[:2], [])]
        spot = None
        for tid, rows in tables.items():
            for index, row in enumerate(draft.tables.get(tid, [])):
                names = [v for v in row.values() if isinstance(v, str) and v.strip()]
                if not names or not all(normalize(v) in cells for v in names):
                    continue
                keys = [k for k, v in row.items() if _same(v, para.rejected)]
                if len(keys) == 1:
                    spot = (tid, index, keys[0])
                    break
            if spot:
                break
        if spot is None:
            left.append(para)
            continue
        tid, index, key = spot
        ok, value = _new_value(draft.tables[tid][index][key], para.accepted)
        if not ok:
            left.append(para)
            continue
        tables[tid][index][key] = value
        changed.add(tid)
        placed.append((tid, index, key, para.rejected, para.accepted))
    return {tid: tables[tid] for tid in changed}, placed, left, row_edits
