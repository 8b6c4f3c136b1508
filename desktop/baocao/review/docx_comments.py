"""The report as .docx with the reviewers' comments as real Word comments.

The normal export is written first (the same writer, untouched); the comments
are then added to it: ``w:commentRangeStart``/``End`` around the same text
(found through the paragraph's text), ``comments.xml`` with author, initials,
date and text, replies as Word replies and resolved threads marked done
(``commentsExtended.xml``).  A comment on a section, a field or a detached one
sits on the section's heading; a comment on a table row on that row.  A comment on
the text of a footnote sits on the note's number in the body, its text led by
``NOTE_PREFIX`` with the commented words (Microsoft's validator refuses comment
marks inside ``footnotes.xml``); the review import reads that prefix and puts the
comment back on those words of the footnote.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lxml import etree

from ..docmodel import Document
from ..fsutil import atomic_write
from ..model.draft import Draft
from ..template import Pack
from . import anchors
from ..model.richtext import Note, Span
from .baseline import embed
from .docx_reader import read_parts
from .untracked import baseline_of
from .constants import ANCHOR_ROW, ANCHOR_TEXT, NOTE_PREFIX
from .store import comments as draft_comments
from .tokens import normalize
from .wml import (
    MC_NS, W14_NS, W15_NS, W_NS, DocxParts, XML_NS, insert_point, paragraph_text, runs_between, w,
    word_date,
)

COMMENTS_PART = "word/comments.xml"
COMMENTS_EX_PART = "word/commentsExtended.xml"
COMMENTS_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
COMMENTS_EX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml"
COMMENTS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
COMMENTS_EX_REL = "http://schemas.microsoft.com/office/2011/relationships/commentsExtended"
DETACHED_PREFIX = "[Đoạn chữ được góp ý đã bị xóa: «{quote}»] "


def render_docx(draft: Draft, pack: Pack) -> tuple[Document, bytes]:
    """The normal export of *draft*: its document model and .docx bytes."""
    from ..render import render_draft
    from ..writers.docx import build_docx

    document = render_draft(draft, pack)
    return document, build_docx(document, pack.reference_docx)


class _Locator:
    """Finds the docx paragraph of a draft paragraph, a section heading or a table row."""

    def __init__(self, root: etree._Element, document: Document):
        body = root.find(w("body"))
        self.paragraphs = list(body.iter(w("p")))
        self.texts = [paragraph_text(p) for p in self.paragraphs]
        self.norm = [normalize(t) for t in self.texts]
        self.headings: dict[str, int] = {}
        last = 0
        for heading in document.headings():
            if not heading.section_id:
                continue
            title = normalize(heading.title)
            found = next((i for i in range(last, len(self.norm)) if title and title in self.norm[i]), None)
            if found is not None:
                self.headings[heading.section_id] = last = found

    def text_paragraph(self, section: str, text: str) -> tuple[int, int] | None:
        """(paragraph index, offset of *text* in it), searching from the section's heading."""
        first = self.headings.get(section, 0)
        for order in (range(first, len(self.texts)), range(0, first)):
            for index in order:
                at = self.texts[index].find(text) if text else -1
                if at >= 0:
                    return index, at
        return None

    def heading(self, section: str) -> int:
        """The heading paragraph of *section* (the first paragraph with text when not found)."""
        if section in self.headings:
            return self.headings[section]
        return next((i for i, t in enumerate(self.texts) if t.strip()), 0)

    def row(self, values: list[str]) -> int | None:
        """The first paragraph of the table row holding *values* (None when not found)."""
        wanted = [normalize(v) for v in values if normalize(v)]
        if not wanted:
            return None
        for index, text in enumerate(self.norm):
            if text == wanted[0]:
                return index
        return None


def _note_offset(draft: Draft, found: anchors.TextAnchor) -> int:
    """Text offset, in the calling paragraph, of the note that holds the commented text."""
    pos, count = 0, -1
    for item in draft.section(found.section).body[found.paragraph].content:
        if isinstance(item, Note):
            count += 1
            if count == found.note:
                return pos
        elif isinstance(item, Span):
            pos += len(item.text)
    return pos


def _comment_xml(parent: etree._Element, comment_id: int, entry: dict[str, Any], text: str, para_id: str) -> None:
    comment = etree.SubElement(parent, w("comment"))
    comment.set(w("id"), str(comment_id))
    comment.set(w("author"), str(entry.get("author") or "Người góp ý"))
    comment.set(w("date"), word_date(entry.get("at")))
    comment.set(w("initials"), str(entry.get("initials") or ""))
    lines = text.split("\n") or [""]
    for n, line in enumerate(lines):
        p = etree.SubElement(comment, w("p"))
        if n == len(lines) - 1:
            p.set("{%s}paraId" % W14_NS, para_id)
        if n == 0:
            etree.SubElement(etree.SubElement(p, w("r")), w("annotationRef"))
        t = etree.SubElement(etree.SubElement(p, w("r")), w("t"))
        t.text = line
        t.set("{%s}space" % XML_NS, "preserve")


def _mark(p: etree._Element, start: int | None, end: int | None, ids: list[int]) -> None:
    """Put comment range marks for *ids* around [start, end) of *p* (None: the whole paragraph)."""
    length = len(paragraph_text(p))
    start = 0 if start is None else max(0, min(start, length))
    end = length if end is None else max(start, min(end, length))
    runs = runs_between(p, start, end) if end > start else []
    if runs:
        first_index, after = p.index(runs[0]), p.index(runs[-1]) + 1
    else:
        first_index = after = insert_point(p, start)
        if p.find(w("pPr")) is not None and first_index == 0:
            first_index = after = 1
    for n, cid in enumerate(ids):
        mark = etree.Element(w("commentRangeStart"))
        mark.set(w("id"), str(cid))
        p.insert(first_index + n, mark)
    after += len(ids)
    for n, cid in enumerate(ids):
        end_mark = etree.Element(w("commentRangeEnd"))
        end_mark.set(w("id"), str(cid))
        run = etree.Element(w("r"))
        etree.SubElement(run, w("commentReference")).set(w("id"), str(cid))
        p.insert(after + 2 * n, end_mark)
        p.insert(after + 2 * n + 1, run)


def add_comments(data: bytes, document: Document, draft: Draft, threads: list[dict[str, Any]]) -> bytes:
    """*data* (a baocao .docx of *draft*) with *threads* as Word comments, and its text as exported
    (``review.baseline``: the import finds edits made without track changes against it)."""
    parts = DocxParts(data, "bao-cao.docx")
    embed(parts, baseline_of(read_parts(parts)))
    root = parts.xml("word/document.xml")
    locate = _Locator(root, document)
    comments_root = etree.Element(w("comments"), nsmap={"w": W_NS, "w14": W14_NS, "mc": MC_NS})
    comments_root.set("{%s}Ignorable" % MC_NS, "w14")
    extended = etree.Element("{%s}commentsEx" % W15_NS, nsmap={"w15": W15_NS, "mc": MC_NS})
    extended.set("{%s}Ignorable" % MC_NS, "w15")
    next_id = 0
    for thread in threads:
        anchor = thread.get("anchor") or {}
        section = str(anchor.get("section", ""))
        found = anchors.find_anchor(draft, thread["id"]) if anchor.get("kind", ANCHOR_TEXT) == ANCHOR_TEXT else None
        text = str(thread.get("text", ""))
        place: tuple[int, int | None, int | None]
        if found is not None:
            para_text = draft.section(found.section).body[found.paragraph].plain_text()
            hit = locate.text_paragraph(found.section, para_text)
            if found.in_note:                   # on the note's number, saying which words of the note
                text = NOTE_PREFIX.format(quote=found.quote) + text
                at = hit[1] + _note_offset(draft, found) if hit else None
                place = (hit[0], at, at) if hit else (locate.heading(section), None, None)
            else:
                place = (hit[0], hit[1] + found.start, hit[1] + found.end) if hit else (locate.heading(section), None, None)
        elif anchor.get("kind") == ANCHOR_ROW:
            rows = draft.tables.get(str(anchor.get("table", "")), [])
            row = int(anchor.get("row", 0))
            values = [str(v) for v in rows[row].values()] if 0 <= row < len(rows) else []
            index = locate.row(values)
            place = (index if index is not None else locate.heading(section), None, None)
        else:
            if anchor.get("kind", ANCHOR_TEXT) == ANCHOR_TEXT:
                text = DETACHED_PREFIX.format(quote=thread.get("quote", "")) + text
            place = (locate.heading(section), None, None)
        ids = []
        entries = [(thread, text), *((r, str(r.get("text", ""))) for r in thread.get("replies") or [])]
        parent_para = ""
        for n, (entry, body) in enumerate(entries):
            cid = next_id
            next_id += 1
            para_id = f"{0x10000000 + cid:08X}"
            _comment_xml(comments_root, cid, entry if n else thread, body, para_id)
            ex = etree.SubElement(extended, "{%s}commentEx" % W15_NS)
            ex.set("{%s}paraId" % W15_NS, para_id)
            if n:
                ex.set("{%s}paraIdParent" % W15_NS, parent_para)
            else:
                parent_para = para_id
            ex.set("{%s}done" % W15_NS, "1" if thread.get("resolved") else "0")
            ids.append(cid)
        _mark(locate.paragraphs[place[0]], place[1], place[2], ids)
    parts.set_xml("word/document.xml", root)
    parts.add_part(COMMENTS_PART, comments_root, COMMENTS_TYPE, COMMENTS_REL)
    parts.add_part(COMMENTS_EX_PART, extended, COMMENTS_EX_TYPE, COMMENTS_EX_REL)
    return parts.to_bytes()


def comments_docx(document: Document, draft: Draft, threads: list[dict[str, Any]],
                  reference_docx: Path | None) -> bytes:
    """The .docx bytes of the rendered *document* with *threads* as Word comments (no rendering: thread-safe
    on copies, which is how the window runs it in the background)."""
    from ..writers.docx import build_docx

    return add_comments(build_docx(document, reference_docx), document, draft, threads)


def chosen_threads(draft: Draft, include_resolved: bool = True) -> list[dict[str, Any]]:
    """The threads an export with comments writes (copies)."""
    return [t for t in draft_comments(draft) if include_resolved or not t.get("resolved")]


def export_with_comments(draft: Draft, pack: Pack, path: Path, include_resolved: bool = True) -> int:
    """Write *draft* to *path* (.docx, atomically) with its comments; returns how many threads were written."""
    from ..render import render_draft

    from ..importing.own_export import attach_roundtrip   # what the import of the reviewed copy reads back

    threads = chosen_threads(draft, include_resolved)
    document = attach_roundtrip(render_draft(draft, pack), draft, pack)
    output = comments_docx(document, draft, threads, pack.reference_docx)
    with atomic_write(Path(path)) as handle:
        handle.write(output)
    return len(threads)


