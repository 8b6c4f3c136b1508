"""Edits made in Word without "track changes", read back as if they had been tracked.

The returned file's body paragraphs are aligned with the exported ones
(``diff.align``, the one diff engine): a paragraph whose text differs from its
exported partner was edited, one without a partner was added, an exported one
without a partner was deleted.  Each becomes what Word would have written with
track changes on (*rejected* = the exported text, *accepted* = the file's), so
the review import places them exactly as tracked changes — or lists them under
«Chưa gắn được» when no draft paragraph matches.  Footnotes are aligned the same way.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from difflib import SequenceMatcher

from ..formatting import parse_number
from .baseline import Baseline
from .constants import PARAGRAPH_MATCH_RATIO
from .diff import align, similarity
from .docx_reader import ROW_ADDED, ROW_REMOVED, ReadDocument, ReadParagraph, RowEdit
from .tokens import normalize

#: below this share of exported paragraphs found unchanged, the file is not a copy of this draft: left alone
MIN_SHARED = 0.5


def baseline_of(document: ReadDocument) -> Baseline:
    """The text of an exported file, as the reader sees it (what ``restore`` compares with)."""
    paragraphs = [p.rejected for p in document.paragraphs if p.where == "body"]
    notes = ["\n".join(p.rejected for p in paras) for paras in document.footnotes().values()]
    cells = [[*spot, para.rejected] for spot, para in _cell_spots(document.paragraphs)]
    return Baseline(paragraphs, notes, cells)


def _cell_spots(paragraphs: list[ReadParagraph]) -> list[tuple[tuple[int, int, int, int], ReadParagraph]]:
    """Table paragraphs with their place: (table, row, cell, paragraph within the cell)."""
    out, seen = [], Counter()
    for para in paragraphs:
        if para.cell is not None:
            out.append(((*para.cell, seen[para.cell]), para))
            seen[para.cell] += 1
    return out


def _aligned(paragraphs: list[ReadParagraph], baseline: Baseline):
    """(file body paragraph indexes, exported texts, their pairs, True when enough paragraphs are unchanged)."""
    mine = [n for n, p in enumerate(paragraphs) if p.where == "body" and not p.inserted and p.rejected.strip()]
    theirs = [t for t in baseline.paragraphs if t.strip()]
    pairs = align([normalize(t) for t in theirs], [normalize(paragraphs[n].rejected) for n in mine], key=str)
    shared = sum(1 for old, new in pairs if old is not None and new is not None
                 and normalize(theirs[old]) == normalize(paragraphs[mine[new]].rejected))
    return mine, theirs, pairs, bool(theirs) and shared >= MIN_SHARED * len(theirs)


def is_copy(document: ReadDocument, baseline: Baseline) -> bool:
    """True when *document* still holds at least ``MIN_SHARED`` of *baseline*'s paragraphs unchanged, so that
    its edits made without track changes can be found (``restore`` looks for none in another file)."""
    return _aligned(list(document.paragraphs), baseline)[3]


def _body(document: ReadDocument, baseline: Baseline,
          only_untracked: bool) -> tuple[list[ReadParagraph], int | None]:
    paragraphs = list(document.paragraphs)
    mine, theirs, pairs, enough = _aligned(paragraphs, baseline)
    if not enough:
        return paragraphs, None
    found = 0
    removed: list[tuple[int, ReadParagraph]] = []       # (insert before this file index, deleted paragraph)
    after = 0
    for old, new in pairs:
        if new is not None:
            number = mine[new]
            para = paragraphs[number]
            after = number + 1
            if only_untracked and para.changed:
                continue                                 # tracked: Word said what changed
            if old is None:
                paragraphs[number] = replace(para, rejected="", inserted=True)
                found += 1
            elif normalize(theirs[old]) != normalize(para.rejected):
                paragraphs[number] = replace(para, rejected=theirs[old])
                found += 1
        elif old is not None:
            removed.append((after, ReadParagraph("body", theirs[old], "", deleted=True)))
            found += 1
    for at, para in reversed(removed):
        paragraphs.insert(at, para)
    return paragraphs, found


def _notes(paragraphs: list[ReadParagraph], baseline: Baseline, only_untracked: bool) -> int:
    """Footnotes whose text matches no exported note, paired with the most similar unmatched one
    (by text, not by order: LibreOffice renumbers and reorders footnotes)."""
    groups: dict[str, list[int]] = {}
    for n, p in enumerate(paragraphs):
        if p.where == "footnote":
            groups.setdefault(p.footnote, []).append(n)
    texts = {i: normalize("\n".join(paragraphs[n].rejected for n in members)) for i, members in groups.items()}
    left = Counter(texts.values())
    spare = []                                          # exported notes not found unchanged in the file
    for text in baseline.notes:
        key = normalize(text)
        if left[key] > 0:
            left[key] -= 1
        else:
            spare.append(text)
    found = 0
    for note_id, members in groups.items():
        if not spare or not texts[note_id] or texts[note_id] in {normalize(t) for t in baseline.notes}:
            continue
        if only_untracked and any(paragraphs[n].changed for n in members):
            continue
        score, best = max((similarity(normalize(t), texts[note_id]), k) for k, t in enumerate(spare))
        if score < PARAGRAPH_MATCH_RATIO:
            continue                                    # a note of its own: placed (or not) as before
        old = spare.pop(best)
        for k, n in enumerate(members):
            paragraphs[n] = replace(paragraphs[n], rejected=old if k == 0 else "")
        found += 1
    return found


Spot = tuple[int, int, int, int]          # table, row, cell, paragraph in the cell


def _is_figure(text: str) -> bool:
    """True for a cell holding a number as the report prints it ("258", "2.573", "88,5", "88,5%")."""
    try:
        return parse_number(text.strip().rstrip("%").strip()) is not None
    except ValueError:
        return False


def _row_key(texts: list[str]) -> str:
    """What tells a table row apart when rows were added or removed: its words (figures left out)."""
    words = [normalize(t) for t in texts if normalize(t) and not _is_figure(t)]
    return " | ".join(words) if words else " | ".join(normalize(t) for t in texts)


def _number(text: str) -> int | None:
    try:
        return int(text.strip())
    except ValueError:
        return None


def _sequence_cells(rows: dict[int, dict[tuple[int, int], str]]) -> set[tuple[int, int]]:
    """Cells holding the row number («STT» 1, 2, 3 …): renumbered when rows are added or removed, no edit."""
    out = set()
    for place in {p for cells in rows.values() for p in cells}:
        numbers = [_number(cells[place]) for _r, cells in sorted(rows.items()) if place in cells]
        numbers = [n for n in numbers if n is not None]
        if len(numbers) >= 2 and numbers == list(range(numbers[0], numbers[0] + len(numbers))):
            out.add(place)
    return out


def _pair_rows(base: dict[int, dict[tuple[int, int], str]],
               mine: dict[int, list[tuple[Spot, ReadParagraph]]]) -> list[tuple[int | None, int | None]]:
    """(exported row, file row) pairs, by the rows' words (numbers left out): rows with the same words pair;
    a stretch of as many changed rows on both sides pairs by position (the rows' words were edited); any
    other row was added or removed (None on the other side)."""
    old, new = sorted(base), sorted(mine)
    old_keys = [_row_key([base[r][p] for p in sorted(base[r])]) for r in old]
    new_keys = [_row_key([para.rejected for _s, para in mine[r]]) for r in new]
    pairs: list[tuple[int | None, int | None]] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old_keys, new_keys, autojunk=False).get_opcodes():
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            pairs.extend(zip(old[i1:i2], new[j1:j2]))
            continue
        pairs.extend((r, None) for r in old[i1:i2])
        pairs.extend((None, r) for r in new[j1:j2])
    return pairs


def _row_text(texts: list[str]) -> str:
    return " | ".join(t.strip() for t in texts)


def _cells(paragraphs: list[ReadParagraph], baseline: Baseline, only_untracked: bool) -> tuple[int, list[RowEdit]]:
    """Cells whose text differs from the exported cell of the same row, and the rows added or removed
    without track changes (listed, not guessed into the appendix)."""
    base: dict[int, dict[int, dict[tuple[int, int], str]]] = {}
    for table, row, cell, k, text in baseline.cells:
        base.setdefault(table, {}).setdefault(row, {})[(cell, k)] = text
    mine: dict[int, dict[int, list[tuple[Spot, ReadParagraph]]]] = {}
    for spot, para in _cell_spots(paragraphs):
        mine.setdefault(spot[0], {}).setdefault(spot[1], []).append((spot, para))
    index = {id(p): n for n, p in enumerate(paragraphs)}
    found, rows = 0, []
    for table, file_rows in mine.items():
        base_rows = base.get(table)
        if base_rows is None:
            continue
        pairs = _pair_rows(base_rows, file_rows)
        resized = any(old is None or new is None for old, new in pairs)
        numbering = _sequence_cells(base_rows) if resized else set()       # «STT» renumbered: no edit
        for old, new in pairs:
            members = file_rows[new] if new is not None else []
            if new is None:
                rows.append(RowEdit(ROW_REMOVED, table, _row_text([base_rows[old][p] for p in sorted(base_rows[old])])))
                continue
            if old is None:
                if not any(para.changed for _s, para in members) and any(p.accepted.strip() for _s, p in members):
                    rows.append(RowEdit(ROW_ADDED, table, _row_text([p.accepted for _s, p in members])))
                continue                                    # a row inserted with track changes: Word said so
            cells = base_rows[old]
            known = [(s, p) for s, p in members if s[2:] in cells]
            differ = [(s, p) for s, p in known if s[2:] not in numbering
                      and normalize(cells[s[2:]]) != normalize(p.rejected)]
            if not differ:
                continue
            if len(differ) == len(known):                  # nothing left to know the row by: listed, not guessed
                if not any(p.changed for _s, p in members):
                    rows.append(RowEdit(ROW_REMOVED, table, _row_text([cells[p] for p in sorted(cells)])))
                    if any(p.accepted.strip() for _s, p in members):
                        rows.append(RowEdit(ROW_ADDED, table, _row_text([p.accepted for _s, p in members])))
                continue
            for spot, para in differ:
                if only_untracked and para.changed:
                    continue
                paragraphs[index[id(para)]] = replace(para, rejected=cells[spot[2:]])
                found += 1
    return found, rows                                  # rows are counted apart (``ImportPlan.rows``)


def restore(document: ReadDocument, baseline: Baseline, only_untracked: bool = False) -> tuple[ReadDocument, int]:
    """*document* with its untracked edits (against *baseline*) turned into tracked ones, and how many.

    *only_untracked*: leave paragraphs that carry tracked changes as they are (used when the
    baseline is the current draft, which may have changed since the export).
    """
    paragraphs, found = _body(document, baseline, only_untracked)
    if found is None:                                    # not a copy of this draft: nothing is guessed
        return document, 0
    found += _notes(paragraphs, baseline, only_untracked)
    cells, rows = _cells(paragraphs, baseline, only_untracked)
    return replace(document, paragraphs=paragraphs, row_edits=[*document.row_edits, *rows]), found + cells


__all__ = ["baseline_of", "is_copy", "restore"]
