"""The one reader of .docx files: paragraphs (body, table cells, footnotes) with their tracked changes
and comment ranges, and the comments themselves (author, initials, date, text, replies, done).

Works on files from Word, LibreOffice and baocao: runs are read wherever they
sit (inside ``w:ins``, ``w:del``, ``w:moveFrom``/``w:moveTo``, hyperlinks,
fields, content controls).  Each paragraph is known in two states: *rejected*
(every change refused: the text before review) and *accepted* (every change
taken: the text after review).  Comment ranges are offsets in the accepted text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from lxml import etree

from .baseline import Baseline, embedded
from .wml import W14_NS, W15_NS, DocxParts, DocxReadError, element_text, w

DELETED_WRAPPERS = (w("del"), w("moveFrom"))
INSERTED_WRAPPERS = (w("ins"), w("moveTo"))


@dataclass
class ReadComment:
    """A comment of the file."""

    id: str
    author: str
    initials: str
    date: str
    text: str
    done: bool = False
    parent: str | None = None          # id of the comment this one replies to
    para_id: str = ""


@dataclass
class CommentRange:
    """Where a comment sits in one paragraph (accepted-text offsets)."""

    comment_id: str
    start: int
    end: int


@dataclass
class ReadParagraph:
    """One paragraph of the file in both states, with comment ranges."""

    where: str                         # "body", "table" or "footnote"
    rejected: str
    accepted: str
    inserted: bool = False             # the whole paragraph was added (its mark is an insertion)
    deleted: bool = False              # the whole paragraph was removed
    footnote: str = ""                 # footnote id for footnote paragraphs
    comments: list[CommentRange] = field(default_factory=list)
    cell: tuple[int, int, int] | None = None   # table paragraphs: (table, row, cell) in document order

    @property
    def changed(self) -> bool:
        """True when the paragraph carries tracked changes."""
        return self.rejected != self.accepted or self.inserted or self.deleted


#: kinds of ``RowEdit``
ROW_ADDED = "added"
ROW_REMOVED = "removed"


@dataclass(frozen=True)
class RowEdit:
    """A whole table row added or removed in Word (its cells' text joined by « | »)."""

    kind: str                          # ROW_ADDED or ROW_REMOVED
    table: int                         # the table's number in the file (document order, from 0)
    text: str


@dataclass
class ReadDocument:
    """Everything the review import needs from a .docx."""

    paragraphs: list[ReadParagraph]
    comments: dict[str, ReadComment]
    baseline: Baseline | None = None   # the text baocao exported, when the file carries it (review.baseline)
    row_edits: list[RowEdit] = field(default_factory=list)   # rows added/removed without track changes
    created: datetime | None = None    # when the file was first written (docProps/core.xml), if it says

    def footnotes(self) -> dict[str, list[ReadParagraph]]:
        """Footnote paragraphs grouped by footnote id, in order."""
        out: dict[str, list[ReadParagraph]] = {}
        for para in self.paragraphs:
            if para.where == "footnote":
                out.setdefault(para.footnote, []).append(para)
        return out


def _state(el: etree._Element, stop: etree._Element) -> str:
    node = el.getparent()
    while node is not None and node is not stop:
        if node.tag in DELETED_WRAPPERS:
            return "del"
        if node.tag in INSERTED_WRAPPERS:
            return "ins"
        node = node.getparent()
    return ""


def _mark_change(p: etree._Element) -> str:
    rpr = p.find(w("pPr") + "/" + w("rPr"))
    if rpr is None:
        return ""
    if rpr.find(w("del")) is not None or rpr.find(w("moveFrom")) is not None:
        return "del"
    if rpr.find(w("ins")) is not None or rpr.find(w("moveTo")) is not None:
        return "ins"
    return ""


def _read_paragraph(p: etree._Element, where: str, open_ranges: dict[str, int], footnote: str = "") -> ReadParagraph:
    rejected: list[str] = []
    accepted: list[str] = []
    ranges: list[CommentRange] = []
    starts: dict[str, int] = {cid: 0 for cid in open_ranges}       # ranges continuing from earlier paragraphs
    for el in p.iter():
        if el is p or not isinstance(el.tag, str):
            continue
        if el.tag == w("p"):
            continue
        tag = el.tag
        if tag == w("commentRangeStart"):
            cid = el.get(w("id"), "")
            starts[cid] = len("".join(accepted))
            open_ranges[cid] = 1
            continue
        if tag == w("commentRangeEnd"):
            cid = el.get(w("id"), "")
            ranges.append(CommentRange(cid, starts.pop(cid, 0), len("".join(accepted))))
            open_ranges.pop(cid, None)
            continue
        if tag == w("commentReference"):
            cid = el.get(w("id"), "")
            if cid not in {r.comment_id for r in ranges} and cid not in starts:
                here = len("".join(accepted))
                ranges.append(CommentRange(cid, here, here))            # a point comment
            continue
        parent = el.getparent()
        if parent is None or parent.tag != w("r"):
            continue
        state = _state(parent, p)
        text = element_text(el, deleted=True)
        if not text:
            continue
        if state != "ins":
            rejected.append(text)
        if state != "del":
            accepted.append(text)
    end = len("".join(accepted))
    for cid, start in starts.items():                  # still open at the paragraph's end
        ranges.append(CommentRange(cid, start, end))
    mark = _mark_change(p)
    rejected_text, accepted_text = "".join(rejected), "".join(accepted)
    return ReadParagraph(where, rejected_text, accepted_text, inserted=mark == "ins" and not rejected_text.strip(),
                         deleted=mark == "del" and not accepted_text.strip(), footnote=footnote, comments=ranges)


def _comments(parts: DocxParts) -> dict[str, ReadComment]:
    root = parts.xml("word/comments.xml")
    if root is None:
        return {}
    out: dict[str, ReadComment] = {}
    for comment in root.findall(w("comment")):
        paragraphs = comment.findall(".//" + w("p"))
        text = "\n".join("".join(element_text(t) for t in p.iter() if t.getparent() is not None
                                 and t.getparent().tag == w("r")) for p in paragraphs).strip()
        para_id = paragraphs[-1].get("{%s}paraId" % W14_NS, "") if paragraphs else ""
        cid = comment.get(w("id"), "")
        out[cid] = ReadComment(cid, comment.get(w("author"), ""), comment.get(w("initials"), ""),
                               comment.get(w("date"), ""), text, para_id=para_id)
    extended = parts.xml("word/commentsExtended.xml")
    if extended is not None:
        by_para = {c.para_id: c for c in out.values() if c.para_id}
        for ex in extended.iter("{%s}commentEx" % W15_NS):
            comment = by_para.get(ex.get("{%s}paraId" % W15_NS, ""))
            if comment is None:
                continue
            comment.done = ex.get("{%s}done" % W15_NS, "0") in ("1", "true")
            parent = by_para.get(ex.get("{%s}paraIdParent" % W15_NS, ""))
            comment.parent = parent.id if parent is not None else None
    return out


def read_docx(path: Path) -> ReadDocument:
    """Read *path*; ``DocxReadError`` (Vietnamese message) when it is not a readable .docx."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise DocxReadError(f"Không đọc được tệp «{Path(path).name}».",
                            "Hãy kiểm tra tệp còn đó và bạn có quyền đọc.") from exc
    return read_parts(DocxParts(data, Path(path).name))


def read_bytes(data: bytes, name: str = "") -> ReadDocument:
    """Read .docx *data* (as ``read_docx``)."""
    return read_parts(DocxParts(data, name))


def read_parts(parts: DocxParts) -> ReadDocument:
    """Read a .docx already in memory; ``DocxReadError`` when it has no body."""
    document = parts.xml("word/document.xml")
    body = document.find(w("body")) if document is not None else None
    if body is None:
        raise DocxReadError(f"Tệp «{parts.name}» không có phần thân văn bản.",
                            "Hãy mở tệp bằng Word và lưu lại dưới dạng .docx rồi thử lại.")
    paragraphs: list[ReadParagraph] = []
    open_ranges: dict[str, int] = {}
    tables = {t: n for n, t in enumerate(body.iter(w("tbl")))}      # the elements kept: their proxies stay the same
    for p in body.iter(w("p")):
        tc = next((a for a in p.iterancestors() if a.tag == w("tc")), None)
        para = _read_paragraph(p, "table" if tc is not None else "body", open_ranges)
        if tc is not None:
            tr = tc.getparent()
            tbl = tr.getparent()
            para.cell = (tables.get(tbl, -1), tbl.index(tr), tr.index(tc))
        paragraphs.append(para)
    notes = parts.xml("word/footnotes.xml")
    if notes is not None:
        for note in notes.findall(w("footnote")):
            if note.get(w("type")) in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            for p in note.iter(w("p")):
                paragraphs.append(_read_paragraph(p, "footnote", {}, note.get(w("id"), "")))
    return ReadDocument(paragraphs, _comments(parts), embedded(parts), created=_created(parts))


def _created(parts: DocxParts) -> datetime | None:
    """The file's creation time (``dcterms:created``; Word and LibreOffice keep it on save), None when absent."""
    try:
        core = parts.xml("docProps/core.xml")
    except DocxReadError:
        return None
    node = core.find("{http://purl.org/dc/terms/}created") if core is not None else None
    text = (node.text or "").strip() if node is not None else ""
    try:
        when = datetime.fromisoformat(text.replace("Z", "+00:00")) if text else None
    except ValueError:
        return None
    return when.replace(tzinfo=timezone.utc) if when is not None and when.tzinfo is None else when


__all__ = ["CommentRange", "DocxReadError", "ROW_ADDED", "ROW_REMOVED", "ReadComment", "ReadDocument", "ReadParagraph",
           "RowEdit", "read_bytes", "read_docx", "read_parts"]
