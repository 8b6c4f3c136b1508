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

from .baseline import Baseline
from .constants import PARAGRAPH_MATCH_RATIO
from .diff import align, similarity
from .docx_reader import ReadDocument, ReadParagraph
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


def _body(document: ReadDocument, baseline: Baseline,
          only_untracked: bool) -> tuple[list[ReadParagraph], int | None]:
    paragraphs = list(document.paragraphs)
    mine = [n for n, p in enumerate(paragraphs) if p.where == "body" and not p.inserted and p.rejected.strip()]
    theirs = [t for t in baseline.paragraphs if t.strip()]
    pairs = align([normalize(t) for t in theirs], [normalize(paragraphs[n].rejected) for n in mine], key=str)
    shared = sum(1 for old, new in pairs if old is not None and new is not None
                 and normalize(theirs[old]) == normalize(paragraphs[mine[new]].rejected))
    if not theirs or shared < MIN_SHARED * len(theirs):
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


def _cells(paragraphs: list[ReadParagraph], baseline: Baseline, only_untracked: bool) -> int:
    """Cells whose text differs from the exported cell at the same place, in tables whose rows are where
    they were (same number of rows) and in rows that kept some exported text (so the row is still known)."""
    base = {tuple(c[:4]): c[4] for c in baseline.cells}
    base_rows = Counter(t for t, r in {(c[0], c[1]) for c in baseline.cells})
    spots = _cell_spots(paragraphs)
    file_rows = Counter(t for t, r in {(s[0], s[1]) for s, _p in spots})
    index = {id(p): n for n, p in enumerate(paragraphs)}
    by_row: dict[tuple[int, int], list[tuple[tuple[int, int, int, int], ReadParagraph]]] = {}
    for spot, para in spots:
        by_row.setdefault(spot[:2], []).append((spot, para))
    found = 0
    for (table, _row), members in by_row.items():
        if file_rows[table] != base_rows.get(table):
            continue                                    # rows added or removed: cells are not guessed
        differ = [(s, p) for s, p in members if s in base and normalize(base[s]) != normalize(p.rejected)]
        if not differ or len(differ) == len([s for s, _p in members if s in base]):
            continue                                    # nothing changed, or nothing left to know the row by
        for spot, para in differ:
            if only_untracked and para.changed:
                continue
            paragraphs[index[id(para)]] = replace(para, rejected=base[spot])
            found += 1
    return found


def restore(document: ReadDocument, baseline: Baseline, only_untracked: bool = False) -> tuple[ReadDocument, int]:
    """*document* with its untracked edits (against *baseline*) turned into tracked ones, and how many.

    *only_untracked*: leave paragraphs that carry tracked changes as they are (used when the
    baseline is the current draft, which may have changed since the export).
    """
    paragraphs, found = _body(document, baseline, only_untracked)
    if found is None:                                    # not a copy of this draft: nothing is guessed
        return document, 0
    found += _notes(paragraphs, baseline, only_untracked)
    found += _cells(paragraphs, baseline, only_untracked)
    return ReadDocument(paragraphs, document.comments, document.baseline), found


__all__ = ["baseline_of", "restore"]
