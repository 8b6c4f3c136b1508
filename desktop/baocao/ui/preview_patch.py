"""In-place patches of the preview's QTextDocument for the edits that move many chunks a little.

``PreviewPane.update_html`` replaces a changed chunk by parsing its HTML
again.  Three kinds of change are cheaper to patch where they are:

- **note numbers only** (a footnote inserted or removed earlier in the
  report moves every later number): the chunk's HTML with its numbers blanked
  is unchanged, so only the number fragments (anchors ``note:N`` in the text,
  anchors named ``note-N`` in the notes list) get their new text;
- **the notes list**: one note a line; the lines that differ (numbers
  blanked) are replaced as whole blocks, then the numbers are patched;
- **table cells** (an appendix table, whose chunk cannot be re-parsed in
  place): same rows and columns, so only the cells whose HTML changed get
  their new content.

Each function returns False when the change is not of its kind; the caller
then falls back to replacing the chunk or rebuilding the document.  The
tests compare every patched document with a fresh ``setHtml`` of the same HTML.
"""

from __future__ import annotations

import re

from PySide6.QtGui import QTextCharFormat, QTextCursor, QTextDocument, QTextFormat, QTextTable

from ..writers.html import NOTE_LINK_PREFIX, NOTES_TITLE_LINE

RULE = "<hr/>"

_REF = re.compile(r'href="note:(\d+)">(\d+)</a>')
_ITEM = re.compile(r'<a name="note-(\d+)"></a><sup>(\d+)</sup>')
#: Cuts a table's HTML into [between, opening tag, content, closing tag, between, …]: content at index 4k + 2.
_CELL_SPLIT = re.compile(r"(<t[hd][^>]*>)(.*?)(</t[hd]>)", re.S)
NOTE_NAME_PREFIX = "note-"
#: Table structures whose cell positions are kept (``_cell_origins``); beyond, the memo starts again.
MAX_SKELETONS = 32
_ORIGINS: dict[tuple[object, ...], list[tuple[int, int]]] = {}


def blank_numbers(html: str) -> str:
    """*html* with every note number (references and list items) replaced by "#"."""
    html = _REF.sub('href="note:#">#</a>', html)
    return _ITEM.sub('<a name="note-#"></a><sup>#</sup>', html)


def note_numbers(html: str) -> list[int]:
    """The note numbers of *html* in document order (references and list items alike)."""
    found = [(m.start(), int(m.group(2))) for m in _REF.finditer(html)]
    found += [(m.start(), int(m.group(2))) for m in _ITEM.finditer(html)]
    return [number for _, number in sorted(found)]


def _number_fragments(doc: QTextDocument, start: int, end: int) -> list[tuple[int, int, str, bool, QTextCharFormat]]:
    """(position, length, text, named, format) of the note numbers between *start* and *end*.

    A reference is one anchor fragment; a list item's number is its named anchor's first character plus
    the superscript characters that follow it (Qt puts a name on one character only).
    """
    found = []
    block = doc.findBlock(start)
    while block.isValid() and block.position() < end:
        base, text = block.position(), block.text()
        ranges = block.textFormats()              # one call per block: (start, length, format) runs
        for i, run in enumerate(ranges):
            fmt = run.format
            if not fmt.isAnchor():
                continue
            if fmt.anchorHref().startswith(NOTE_LINK_PREFIX):
                found.append((base + run.start, run.length, text[run.start:run.start + run.length], False, QTextCharFormat(fmt)))
            elif any(n.startswith(NOTE_NAME_PREFIX) for n in fmt.anchorNames()):
                length = run.length
                for follower in ranges[i + 1:]:
                    follow = follower.format
                    if follow.isAnchor() or follow.verticalAlignment() != fmt.verticalAlignment():
                        break
                    length += follower.length
                found.append((base + run.start, length, text[run.start:run.start + length], True, QTextCharFormat(fmt)))
        block = block.next()
    return found


def renumber(doc: QTextDocument, cursor: QTextCursor, start: int, end: int, numbers: list[int]) -> bool:
    """Give the note numbers in [*start*, *end*) the values *numbers*; False if they do not match."""
    fragments = _number_fragments(doc, start, end)
    if len(fragments) != len(numbers):
        return False
    for (position, length, text, named, fmt), number in reversed(list(zip(fragments, numbers))):
        if text == str(number):
            continue
        cursor.setPosition(position)
        cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
        digits = str(number)
        if not named:
            fmt.setAnchorHref(f"{NOTE_LINK_PREFIX}{number}")
            cursor.insertText(digits, fmt)
            continue
        fmt.setAnchorNames([f"{NOTE_NAME_PREFIX}{number}"])
        cursor.insertText(digits[0], fmt)
        if len(digits) > 1:
            plain = QTextCharFormat(fmt)
            plain.clearProperty(QTextFormat.Property.AnchorName)
            plain.clearProperty(QTextFormat.Property.IsAnchor)
            cursor.insertText(digits[1:], plain)
    return True


def _table_in(doc: QTextDocument, start: int, end: int) -> QTextTable | None:
    tables = [f for f in doc.rootFrame().childFrames()
              if isinstance(f, QTextTable) and start <= f.firstPosition() < end]
    return tables[0] if len(tables) == 1 else None


def patch_table(doc: QTextDocument, cursor: QTextCursor, start: int, end: int, old: str, new: str) -> bool:
    """Patch the one table of a chunk cell by cell when only cell contents changed; False otherwise.

    Both HTMLs are cut once into their skeleton (tags, attributes, what lies between cells) and cell
    contents; only the cells whose content differs are looked up in the document and given their text.
    """
    if old.count("<table") != 1 or new.count("<table") != 1:
        return False
    parts_old, parts_new = _CELL_SPLIT.split(old), _CELL_SPLIT.split(new)
    if len(parts_old) != len(parts_new):
        return False
    changed = []
    for index in range(len(parts_new)):
        before, after = parts_old[index], parts_new[index]
        if before == after:
            continue
        if index % 4 != 2:                     # a tag or what lies between cells: not a cell's text
            return False
        if "<" in after.replace("<b>", "").replace("</b>", "") or after.count("<b>") != before.count("<b>"):
            return False                       # only plain or bold text is patched; anything else re-parses
        changed.append((index // 4, after))
    table = _table_in(doc, start, end)
    if table is None:
        return False
    origins = _cell_origins(table, parts_new)
    if origins is None:
        return False
    for number, after in reversed(changed):
        cell = table.cellAt(*origins[number])
        cursor.setPosition(cell.firstCursorPosition().position())
        cursor.setPosition(cell.lastCursorPosition().position(), QTextCursor.MoveMode.KeepAnchor)
        fmt = cursor.charFormat() if cursor.hasSelection() else cell.format()
        text = _unescape(after.replace("<b>", "").replace("</b>", ""))
        cursor.insertText(text, fmt)
    return True


def _cell_origins(table: QTextTable, parts: list[str]) -> list[tuple[int, int]] | None:
    """(row, column) of each cell of *table* in HTML order (spanned cells once); None if the count is not
    the HTML's.  Kept per skeleton: the same tags give the same table, whatever the cells say."""
    key = (len(parts), *parts[0::4], *parts[1::4], *parts[3::4])     # everything but the cells' contents
    origins = _ORIGINS.get(key)
    if origins is None:
        origins = [(r, c) for r in range(table.rows()) for c in range(table.columns())
                   for cell in (table.cellAt(r, c),) if cell.row() == r and cell.column() == c]
        if len(_ORIGINS) >= MAX_SKELETONS:
            _ORIGINS.clear()
        _ORIGINS[key] = origins
    return origins if len(origins) == len(parts) // 4 else None


def _unescape(text: str) -> str:
    from html import unescape

    return unescape(text.replace("<br/>", "\u2028"))


def splice_notes(doc: QTextDocument, cursor: QTextCursor, start: int, end: int, old: str, new: str) -> bool:
    """Patch the notes-list chunk (starting at *start*, its rule block): replace the notes that differ, renumber.

    One note a line, each one block after the rule and the title; False when *old*/*new* are not notes lists.
    """
    if not (old.startswith(NOTES_TITLE_LINE) and new.startswith(NOTES_TITLE_LINE)):
        return False
    lines_old, lines_new = old.split("\n"), new.split("\n")
    blank_old, blank_new = [blank_numbers(x) for x in lines_old], [blank_numbers(x) for x in lines_new]
    prefix = 0
    while prefix < min(len(blank_old), len(blank_new)) and blank_old[prefix] == blank_new[prefix]:
        prefix += 1
    suffix = 0
    while (suffix < min(len(blank_old), len(blank_new)) - prefix
           and blank_old[-1 - suffix] == blank_new[-1 - suffix]):
        suffix += 1
    size = doc.characterCount()
    first_block = doc.findBlock(start).blockNumber() + 1          # the title's block; line i is block first + i
    if prefix < len(blank_old) - suffix or prefix < len(blank_new) - suffix:
        keep = prefix - 1                                          # one unchanged line, re-parsed with the change
        if keep < 0:
            return False
        first = doc.findBlockByNumber(first_block + keep)
        last = doc.findBlockByNumber(first_block + len(lines_old) - suffix - 1)
        if not (first.isValid() and last.isValid()):
            return False
        html = "\n".join(lines_new[keep:len(lines_new) - suffix])
        if keep == 0:
            html = html[len(RULE):]
        cursor.setPosition(first.position())
        cursor.setPosition(last.position() + last.length() - 1, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertHtml(html)
    return renumber(doc, cursor, start, end + doc.characterCount() - size, note_numbers(new))
