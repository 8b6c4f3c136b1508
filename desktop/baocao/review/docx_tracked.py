"""The comparison copy: the current report as Word tracked changes against an older version.

Both versions are written by the normal writer; the newer file is then marked
up from the one diff engine: paragraphs are paired (``diff.align``), each pair
gets syllable-level ``w:ins``/``w:del`` runs, added paragraphs and table rows
are inserted ones, removed ones come back as deleted ones; footnotes are
compared the same way in ``footnotes.xml``.  A footnote removed outright comes
back as a deleted one: its text is copied into ``footnotes.xml`` under a fresh id
with every run and paragraph mark deleted, and its reference is put back in the
body inside a ``w:del`` where it stood (``notes_back``).  Word (or LibreOffice)
can then accept or reject each change.
"""

from __future__ import annotations

import copy
from pathlib import Path

from lxml import etree

from ..fsutil import atomic_write
from ..model.draft import Draft
from ..template import Pack
from .diff import align, diff_text, moved_offset
from ..docmodel import Document
from .tokens import normalize
from .wml import DocxParts, XML_NS, direct_runs, insert_point, paragraph_text, run_text, runs_between, w, word_date

FOOTNOTES_PART = "word/footnotes.xml"


class _Marker:
    """Creates w:ins / w:del wrappers with one author, one date and unique ids."""

    def __init__(self, author: str, date: str):
        self.author, self.date, self.next_id = author, date, 9000
        #: footnotes removed outright: id in the older file → id of their deleted copy in the newer one
        self.removed_notes: dict[str, str] = {}

    def wrapper(self, tag: str) -> etree._Element:
        el = etree.Element(w(tag))
        el.set(w("id"), str(self.next_id))
        el.set(w("author"), self.author)
        el.set(w("date"), self.date)
        self.next_id += 1
        return el

    def mark_paragraph(self, p: etree._Element, tag: str) -> None:
        """Mark the paragraph mark itself inserted/deleted (w:pPr/w:rPr/w:ins|w:del)."""
        ppr = p.find(w("pPr"))
        if ppr is None:
            ppr = etree.Element(w("pPr"))
            p.insert(0, ppr)
        rpr = ppr.find(w("rPr"))
        if rpr is None:
            rpr = etree.Element(w("rPr"))
            tail = [c for c in ppr if c.tag in (w("sectPr"), w("pPrChange"))]
            if tail:
                tail[0].addprevious(rpr)
            else:
                ppr.append(rpr)
        rpr.insert(0, self.wrapper(tag))

    def wrap(self, runs: list[etree._Element], tag: str) -> etree._Element | None:
        """Put *runs* (consecutive children of one paragraph) inside one w:ins/w:del (returned)."""
        if not runs:
            return None
        holder = self.wrapper(tag)
        runs[0].addprevious(holder)
        for run in runs:
            holder.append(run)
            if tag == "del":
                _to_deleted(run, self.removed_notes)
        return holder

    def deleted_run(self, like: etree._Element | None, text: str) -> etree._Element:
        """A w:del holding *text* with the formatting of *like*."""
        holder = self.wrapper("del")
        run = etree.SubElement(holder, w("r"))
        if like is not None and like.find(w("rPr")) is not None:
            run.append(copy.deepcopy(like.find(w("rPr"))))
        t = etree.SubElement(run, w("delText"))
        t.text = text
        t.set("{%s}space" % XML_NS, "preserve")
        return holder


def _to_deleted(run: etree._Element, removed_notes: dict[str, str]) -> None:
    """*run* (a copy from the older file) as deleted text; a reference to a removed footnote is kept (renumbered)."""
    for child in list(run):
        if child.tag == w("t"):
            child.tag = w("delText")
        elif child.tag == w("footnoteReference") and child.get(w("id")) in removed_notes:
            child.set(w("id"), removed_notes[child.get(w("id"))])
        elif child.tag in (w("footnoteReference"), w("commentReference")):
            run.remove(child)


def _note_refs(p: etree._Element) -> list[tuple[int, etree._Element]]:
    """The direct runs of *p* holding a footnote reference, with the text offset where each stands."""
    out, pos = [], 0
    for run in direct_runs(p):
        if run.find(w("footnoteReference")) is not None:
            out.append((pos, run))
        pos += len(run_text(run))
    return out


def notes_back(old_p: etree._Element, new_p: etree._Element, marker: _Marker) -> int:
    """Put the references of footnotes removed outright from *old_p* back into *new_p*, deleted."""
    refs = [(pos, run) for pos, run in _note_refs(old_p)
            if run.find(w("footnoteReference")).get(w("id")) in marker.removed_notes]
    if not refs:
        return 0
    hunks = diff_text(paragraph_text(old_p), paragraph_text(new_p))
    for pos, run in reversed(refs):          # from the end: earlier offsets stay valid
        index = insert_point(new_p, moved_offset(hunks, pos))
        if index == 0 and new_p.find(w("pPr")) is not None:
            index = 1
        holder = marker.wrapper("del")
        holder.append(copy.deepcopy(run))
        _to_deleted(holder[0], marker.removed_notes)
        new_p.insert(index, holder)
    return len(refs)


def _run_at(p: etree._Element, offset: int) -> etree._Element | None:
    pos, last = 0, None
    for run in direct_runs(p):
        size = len(run_text(run))
        if size and pos <= offset < pos + size:
            return run
        if size:
            last = run
        pos += size
    return last


def mark_pair(old_p: etree._Element, new_p: etree._Element, marker: _Marker) -> int:
    """Mark *new_p* with the syllable differences from *old_p*; returns how many changes."""
    restored = notes_back(old_p, new_p, marker)
    hunks = diff_text(paragraph_text(old_p), paragraph_text(new_p))
    for hunk in reversed(hunks):              # from the end: earlier offsets stay valid
        like = _run_at(new_p, hunk.new_start) if hunk.new_text else _run_at(new_p, max(0, hunk.new_start - 1))
        inserted = marker.wrap(runs_between(new_p, hunk.new_start, hunk.new_end), "ins") if hunk.new_text else None
        if hunk.old_text and inserted is not None:
            inserted.addprevious(marker.deleted_run(like, hunk.old_text))   # Word's order: deletion, then insertion
        elif hunk.old_text:
            index = insert_point(new_p, hunk.new_start)
            if index == 0 and new_p.find(w("pPr")) is not None:
                index = 1
            new_p.insert(index, marker.deleted_run(like, hunk.old_text))
    return len(hunks) + restored


def _mark_inserted(p: etree._Element, marker: _Marker) -> None:
    marker.wrap(direct_runs(p), "ins")
    marker.mark_paragraph(p, "ins")


def _deleted_copy(p: etree._Element, marker: _Marker) -> etree._Element:
    copy_p = copy.deepcopy(p)
    ppr = copy_p.find(w("pPr"))
    if ppr is not None and ppr.find(w("sectPr")) is not None:
        ppr.remove(ppr.find(w("sectPr")))
    for child in list(copy_p):
        if child.tag not in (w("pPr"), w("r")):
            copy_p.remove(child)
    marker.wrap(direct_runs(copy_p), "del")
    marker.mark_paragraph(copy_p, "del")
    return copy_p


def _key(el: etree._Element) -> str:
    if el.tag == w("tbl"):
        return "T|" + normalize(" ".join(paragraph_text(p) for p in el.iter(w("p"))))
    return "P|" + normalize(paragraph_text(el))


def _is_section_break(el: etree._Element) -> bool:
    return el.tag == w("p") and el.find(w("pPr") + "/" + w("sectPr")) is not None


def _mark_row(tr: etree._Element, marker: _Marker, tag: str) -> None:
    trpr = tr.find(w("trPr"))
    if trpr is None:
        trpr = etree.Element(w("trPr"))
        index = 1 if tr.find(w("tblPrEx")) is not None else 0
        tr.insert(index, trpr)
    trpr.append(marker.wrapper(tag))
    for p in tr.iter(w("p")):
        if tag == "ins":
            _mark_inserted(p, marker)
        else:
            marker.wrap(direct_runs(p), "del")
            marker.mark_paragraph(p, "del")


def _row_text(tr: etree._Element) -> str:
    return normalize(" | ".join(paragraph_text(p) for p in tr.iter(w("p"))))


def mark_table(old_t: etree._Element, new_t: etree._Element, marker: _Marker) -> int:
    """Mark the rows and cells of *new_t* against *old_t*."""
    old_rows, new_rows = old_t.findall(w("tr")), new_t.findall(w("tr"))
    changes = 0
    anchor = None
    for i, j in align(old_rows, new_rows, key=_row_text, ratio=0.3):
        if i is not None and j is not None:
            anchor = new_rows[j]
            old_ps, new_ps = list(old_rows[i].iter(w("p"))), list(new_rows[j].iter(w("p")))
            if len(old_ps) == len(new_ps):
                changes += sum(mark_pair(a, b, marker) for a, b in zip(old_ps, new_ps))
        elif j is not None:
            anchor = new_rows[j]
            _mark_row(new_rows[j], marker, "ins")
            changes += 1
        elif i is not None:
            row = copy.deepcopy(old_rows[i])
            _mark_row(row, marker, "del")
            if anchor is not None:
                anchor.addnext(row)
            else:
                first = new_t.find(w("tr"))
                first.addprevious(row) if first is not None else new_t.append(row)
            anchor = row
            changes += 1
    return changes


def mark_container(old_root: etree._Element, new_root: etree._Element, marker: _Marker) -> int:
    """Mark the block children (paragraphs, tables) of *new_root* against *old_root*."""
    blocks = lambda root: [c for c in root if c.tag in (w("p"), w("tbl"))]  # noqa: E731
    old, new = blocks(old_root), blocks(new_root)
    changes = 0
    previous: etree._Element | None = None
    for i, j in align(old, new, key=_key):
        if i is not None and j is not None:
            a, b = old[i], new[j]
            if a.tag == b.tag == w("p"):
                changes += mark_pair(a, b, marker)
            elif a.tag == b.tag == w("tbl"):
                changes += mark_table(a, b, marker)
            previous = b
        elif j is not None:
            b = new[j]
            if b.tag == w("p") and paragraph_text(b).strip() and not _is_section_break(b):
                _mark_inserted(b, marker)
                changes += 1
            elif b.tag == w("tbl"):
                for tr in b.findall(w("tr")):
                    _mark_row(tr, marker, "ins")
                changes += 1
            previous = b
        elif i is not None:
            a = old[i]
            if a.tag != w("p") or not paragraph_text(a).strip():
                continue
            copy_p = _deleted_copy(a, marker)
            if previous is not None:
                previous.addnext(copy_p)
            else:
                first = new[0] if new else None
                first.addprevious(copy_p) if first is not None else new_root.insert(0, copy_p)
            previous = copy_p
            changes += 1
    return changes


def _notes(root: etree._Element | None) -> list[etree._Element]:
    if root is None:
        return []
    return [n for n in root.findall(w("footnote")) if int(n.get(w("id"), "0")) > 0]


def mark_footnotes(old_root: etree._Element | None, new_root: etree._Element | None, marker: _Marker) -> int:
    """Footnotes: each new footnote against the old one with the same (or most similar) text."""
    old, new = _notes(old_root), _notes(new_root)
    note_text = lambda n: normalize(" ".join(paragraph_text(p) for p in n.iter(w("p"))))  # noqa: E731
    changes = 0
    pairs = align(old, new, key=note_text, ratio=0.4)
    _copy_removed(new_root, [old[i] for i, j in pairs if j is None and i is not None], marker)
    for i, j in pairs:
        if j is None:
            continue                  # a removed footnote: copied back deleted above, referenced by notes_back
        if i is None:
            for p in new[j].iter(w("p")):
                marker.wrap([r for r in direct_runs(p) if r.find(w("footnoteRef")) is None], "ins")
            changes += 1
            continue
        old_ps, new_ps = list(old[i].iter(w("p"))), list(new[j].iter(w("p")))
        if len(old_ps) == len(new_ps):
            changes += sum(mark_pair(a, b, marker) for a, b in zip(old_ps, new_ps))
    return changes


def _copy_removed(new_root: etree._Element, removed: list[etree._Element], marker: _Marker) -> None:
    """Copy the footnotes removed outright into *new_root* under fresh ids, all their content deleted."""
    taken = [int(n.get(w("id"), "0")) for n in new_root.findall(w("footnote"))]
    next_id = max([0, *taken]) + 1
    for note in removed:
        copy_note = copy.deepcopy(note)
        copy_note.set(w("id"), str(next_id))
        marker.removed_notes[note.get(w("id"), "")] = str(next_id)
        next_id += 1
        for p in copy_note.iter(w("p")):
            marker.wrap(direct_runs(p), "del")
            marker.mark_paragraph(p, "del")
        new_root.append(copy_note)


def tracked_docx(old_data: bytes, new_data: bytes, author: str, date: str | None = None) -> tuple[bytes, int]:
    """The newer .docx marked as tracked changes against the older one; and how many changes."""
    marker = _Marker(author or "baocao", word_date(date))
    old_parts, new_parts = DocxParts(old_data, "cu.docx"), DocxParts(new_data, "moi.docx")
    old_doc, new_doc = old_parts.xml("word/document.xml"), new_parts.xml("word/document.xml")
    changes = 0
    new_notes = new_parts.xml(FOOTNOTES_PART)
    if new_notes is not None:              # first: the body needs the ids of the removed footnotes' copies
        changes += mark_footnotes(old_parts.xml(FOOTNOTES_PART), new_notes, marker)
        new_parts.set_xml(FOOTNOTES_PART, new_notes)
    changes += mark_container(old_doc.find(w("body")), new_doc.find(w("body")), marker)
    new_parts.set_xml("word/document.xml", new_doc)
    return new_parts.to_bytes(), changes


def tracked_from_documents(old: Document, new: Document, reference_docx: Path | None, author: str = "",
                           date: str | None = None) -> tuple[bytes, int]:
    """The comparison copy from two rendered documents (no rendering: the window runs it in the background)."""
    from ..writers.docx import build_docx

    return tracked_docx(build_docx(old, reference_docx), build_docx(new, reference_docx), author, date)


def export_tracked(old: Draft, new: Draft, pack: Pack, path: Path, author: str = "", date: str | None = None) -> int:
    """Write the comparison copy of *new* against *old* to *path* (atomically); returns the number of changes."""
    from ..render import render_draft

    data, changes = tracked_from_documents(render_draft(old, pack), render_draft(new, pack), pack.reference_docx,
                                           author, date)
    with atomic_write(Path(path)) as handle:
        handle.write(data)
    return changes
