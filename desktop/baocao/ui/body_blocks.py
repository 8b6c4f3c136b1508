"""The section editor's body, read block by block: a change re-reads only the paragraphs it touched.

Reading a whole ``QTextDocument`` back into a body (``document_to_body``) walks
every fragment of every block; in a section of 150,000 characters that is
far too slow for every keystroke.  ``BlockParas`` keeps one ``Para`` per text
block.  ``QTextDocument.contentsChange(position, removed, added)`` says where
a change happened: the blocks from the one holding *position* to the one
holding *position + added* (in the changed document) are read again, the
blocks before them are unchanged and those after them are the old ones,
shifted by the change in the number of blocks.  Unchanged paragraphs are the
same ``Para`` objects as before, so the undo step and the draft share them
(``edits.SetSectionBody``).  When a report does not fit (the document has a
different number of blocks than the change implies), everything is read
again, as before.  The result is always ``document_to_body(doc)``; the
tests compare the two after many random edits.
"""

from __future__ import annotations

from PySide6.QtGui import QTextBlock, QTextDocument

from ..model.richtext import Body, Para
from .richtext_convert import NOTE_DATA_PROPERTY, OBJECT_CHAR, block_to_para, is_note_format, note_id_of

#: The footnote markers of one block: (note id, note data as stored) for each, in order.
BlockNotes = tuple[tuple[str, str], ...]


def block_notes(block: QTextBlock) -> BlockNotes:
    """The footnote markers of *block* as stored in their formats (no parsing)."""
    found: list[tuple[str, str]] = []
    it = block.begin()
    while not it.atEnd():
        fragment = it.fragment()
        if fragment.isValid():
            fmt = fragment.charFormat()
            if is_note_format(fmt):
                entry = (note_id_of(fmt), str(fmt.property(NOTE_DATA_PROPERTY) or ""))
                found.extend(entry for char in fragment.text() if char == OBJECT_CHAR)
        it += 1
    return tuple(found)


class BlockParas:
    """``Para`` (and footnote markers) per block of *doc*, kept up to date from its ``contentsChange`` reports."""

    def __init__(self, doc: QTextDocument):
        self.doc = doc
        self._paras: list[Para | None] | None = None
        self._notes: list[BlockNotes | None] = []
        #: the blocks of the last change (first, last) in the changed document; None: unknown
        self.last_range: tuple[int, int] | None = None
        self.full_reads = 0
        self.block_reads = 0

    def reset(self) -> None:
        """Forget everything (the document was replaced): the next ``body()`` reads it all."""
        self._paras = None
        self._notes = []
        self.last_range = None

    def changed(self, position: int, removed: int, added: int) -> BlockNotes | None:
        """Take a ``contentsChange`` report; returns the footnote markers of the blocks it replaced (None: unknown)."""
        paras = self._paras
        self.last_range = None
        if paras is None:
            return None
        doc = self.doc
        count = doc.blockCount()
        delta = count - len(paras)
        first_block = doc.findBlock(position)
        if not first_block.isValid():
            first_block = doc.lastBlock()
        first = first_block.blockNumber()
        end_block = doc.findBlock(position + max(added, 0))
        last = end_block.blockNumber() if end_block.isValid() else count - 1
        old_last = last - delta
        if first < 0 or old_last < first - 1 or old_last >= len(paras):
            self.reset()
            return None
        replaced = self._notes[first:old_last + 1]
        fresh: list[None] = [None] * (last - first + 1)
        paras[first:old_last + 1] = fresh
        self._notes[first:old_last + 1] = fresh
        self.last_range = (first, last)
        if any(n is None for n in replaced):
            return None
        return tuple(entry for notes in replaced for entry in notes)   # type: ignore[union-attr]

    def paras(self) -> list[Para]:
        """Every block as a paragraph, reading only the blocks changed since the last call."""
        doc = self.doc
        paras = self._paras
        if paras is None or len(paras) != doc.blockCount():
            self.full_reads += 1
            paras, notes = [], []
            block = doc.firstBlock()
            while block.isValid():
                paras.append(block_to_para(block))
                notes.append(block_notes(block))
                block = block.next()
            self._paras, self._notes = paras, notes
            return list(paras)       # type: ignore[arg-type]
        index = 0
        while True:
            try:
                index = paras.index(None, index)
            except ValueError:
                break
            block = doc.findBlockByNumber(index)
            while index < len(paras) and paras[index] is None and block.isValid():
                paras[index] = block_to_para(block)
                self._notes[index] = block_notes(block)
                self.block_reads += 1
                index += 1
                block = block.next()
        return list(paras)           # type: ignore[arg-type]

    def body(self) -> Body:
        """The document as a body, exactly ``document_to_body(doc)``."""
        body = self.paras()
        if len(body) == 1 and not body[0].content and body[0].kind == "text":
            return []
        return body

    def note_positions(self) -> list[int]:
        """``note_positions(doc)``, looking only into the blocks known to hold a marker (and unread ones)."""
        doc = self.doc
        notes = self._notes
        if self._paras is None or len(notes) != doc.blockCount():
            return note_positions(doc)
        found: list[int] = []
        for number, entry in enumerate(notes):
            if entry != ():
                _block_note_positions(doc.findBlockByNumber(number), found)
        return found

    def range_notes(self) -> BlockNotes | None:
        """The footnote markers of the blocks of the last change, as they are now (None: not known)."""
        if self.last_range is None or self._paras is None:
            return None
        self.paras()
        first, last = self.last_range
        return tuple(entry for notes in self._notes[first:last + 1] for entry in notes)   # type: ignore[union-attr]


def _block_note_positions(block: QTextBlock, found: list[int]) -> None:
    it = block.begin()
    while not it.atEnd():
        fragment = it.fragment()
        if fragment.isValid() and is_note_format(fragment.charFormat()):
            base = fragment.position()
            found.extend(base + i for i, char in enumerate(fragment.text()) if char == OBJECT_CHAR)
        it += 1


def note_positions(doc: QTextDocument) -> list[int]:
    """Positions of the footnote markers of *doc*, in order (blocks without an object character are skipped).

    Called while the document is laid out (a marker's size is its number): no ``QTextCursor`` here, since
    moving one lays the document out again.
    """
    found: list[int] = []
    block = doc.firstBlock()
    while block.isValid():
        if OBJECT_CHAR in block.text():
            _block_note_positions(block, found)
        block = block.next()
    return found
