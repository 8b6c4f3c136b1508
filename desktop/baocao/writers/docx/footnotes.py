"""Real Word footnotes: citation marks in the body and the ``word/footnotes.xml`` part.

Footnote ids are given in order of first citation (1, 2, …), which is also
the number Word and LibreOffice display, so numbering runs on across the body,
the closing and the appendices.  Word forbids two ``w:footnoteReference`` to
one note, so a note cited again is shown by a ``NOTEREF`` field pointing at a
bookmark around its first citation, formatted as a footnote mark.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from ...docmodel import Document, Footnote, FootnoteRef, Heading, Paragraph
from ...errors import ExportError
from .ooxml import ROOT_NS, XML_DECL, run
from .style_ids import S

_MARK_RPR = f'<w:rPr><w:rStyle w:val="{S.FOOTNOTE_REF}"/></w:rPr>'
_SEPARATORS = (
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr>'
    '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
    "<w:r><w:separator/></w:r></w:p></w:footnote>"
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr>'
    '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
    "<w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"
)
#: Ids of the two special notes, listed in ``settings.xml``'s ``w:footnotePr``.
SEPARATOR_IDS = (-1, 0)


def _inline_lists(document: Document) -> Iterable[list]:
    blocks: list = list(document.body)
    blocks.extend(document.closing)
    for appendix in document.appendices:
        blocks.extend(appendix.blocks)
    for block in blocks:
        if isinstance(block, Paragraph):
            yield block.inlines
        elif isinstance(block, Heading):
            yield block.inline


def count_citations(document: Document) -> Counter[int]:
    """How many times each footnote number is cited in the whole document."""
    counts: Counter[int] = Counter()
    for inlines in _inline_lists(document):
        for item in inlines:
            if isinstance(item, FootnoteRef):
                counts[item.number] += 1
    return counts


class FootnoteRegistry:
    """Turns ``FootnoteRef`` marks into XML and collects the notes they cite."""

    def __init__(self, footnotes: list[Footnote], citations: Counter[int]):
        self._notes: dict[int, Footnote] = {}
        for note in footnotes:
            self._notes.setdefault(note.number, note)
        self._cited_again = {number for number, count in citations.items() if count > 1}
        self._ids: dict[int, int] = {}
        self._order: list[Footnote] = []

    def cite(self, number: int) -> str:
        """The XML of one citation of footnote *number* (a real reference the first time)."""
        note_id = self._ids.get(number)
        if note_id is not None:
            return _noteref_field(note_id)
        note = self._notes.get(number)
        if note is None:
            raise ExportError(
                f"Chú thích số {number} được dẫn trong báo cáo nhưng không có nội dung.",
                "Hãy kiểm tra lại chú thích (footnote) trong bản thảo rồi xuất lại.",
            )
        note_id = len(self._order) + 1
        self._ids[number] = note_id
        self._order.append(note)
        mark = f'<w:r>{_MARK_RPR}<w:footnoteReference w:id="{note_id}"/></w:r>'
        if number not in self._cited_again:
            return mark
        return (f'<w:bookmarkStart w:id="{note_id}" w:name="{bookmark_name(note_id)}"/>'
                f'{mark}<w:bookmarkEnd w:id="{note_id}"/>')

    @property
    def count(self) -> int:
        """How many notes have been cited so far."""
        return len(self._order)

    def part(self) -> bytes:
        """``word/footnotes.xml``: the two separators, then every cited note in id order."""
        notes = [_note_xml(index, note) for index, note in enumerate(self._order, start=1)]
        return f"{XML_DECL}<w:footnotes {ROOT_NS}>{_SEPARATORS}{''.join(notes)}</w:footnotes>".encode()


def bookmark_name(note_id: int) -> str:
    """The hidden bookmark around the first citation of note *note_id*."""
    return f"_RefBCFn{note_id}"


def _noteref_field(note_id: int) -> str:
    """A NOTEREF field showing note *note_id*'s number as a footnote mark (\\f), linked (\\h)."""
    fld = f"<w:r>{_MARK_RPR}<w:fldChar w:fldCharType=\"{{}}\"/></w:r>"
    return (
        fld.format("begin")
        + f'<w:r>{_MARK_RPR}<w:instrText xml:space="preserve"> NOTEREF {bookmark_name(note_id)}'
        + ' \\f \\h </w:instrText></w:r>'
        + fld.format("separate")
        + f"<w:r>{_MARK_RPR}<w:t>{note_id}</w:t></w:r>"
        + fld.format("end")
    )


def _note_xml(note_id: int, note: Footnote) -> str:
    paragraphs = note.paragraphs or [[]]
    parts = [f'<w:footnote w:id="{note_id}">']
    for index, texts in enumerate(paragraphs):
        parts.append(f'<w:p><w:pPr><w:pStyle w:val="{S.FOOTNOTE_TEXT}"/></w:pPr>')
        if index == 0:
            parts.append(f'<w:r>{_MARK_RPR}<w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> </w:t></w:r>')
        parts.extend(run(t.text, bold=t.bold, italic=t.italic) for t in texts if t.text)
        parts.append("</w:p>")
    parts.append("</w:footnote>")
    return "".join(parts)

