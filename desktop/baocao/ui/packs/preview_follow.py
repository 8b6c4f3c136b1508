"""Keeps the pack editor's preview on the section being edited.

The preview is laid out again after every check; ``PreviewFollower`` keeps the followed section's
heading where it was on screen (the maintainer's own scrolling inside that section is kept), and
``follow`` brings another section's heading to the top when the maintainer moves to it.  Sections
without a heading (an opening or a closing paragraph) are found by the heading before them;
the first of them is the top of the report.  ``FollowsEditedSection`` is the pack editor's part choosing
the section: the selected one, or the one whose template file the maintainer chose or typed in.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Sequence

from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QTextBrowser

from ...errors import BaocaoError
from ...template.manifest import MANIFEST_NAME
from ...template.pack_edit import SectionRow

#: The «anchor» of the top of the report (a section before every heading).
TOP = ""


def anchor_top(document: QTextDocument, name: str) -> float | None:
    """The y of the paragraph holding anchor *name* in *document* (``TOP``: 0), None when it has none."""
    if name == TOP:
        return 0.0
    layout = document.documentLayout()
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            if name in iterator.fragment().charFormat().anchorNames():
                return layout.blockBoundingRect(block).top()
            iterator += 1
        block = block.next()
    return None


def section_anchor(section_id: str | None, rows: Sequence[SectionRow], anchors: Iterable[str]) -> str | None:
    """The heading anchor that shows *section_id*: its own, an ancestor's, or the one before it (``TOP``).

    None when there is no section to follow.
    """
    if not section_id:
        return None
    have = set(anchors)
    by_id = {row.id: row for row in rows}
    current: str | None = section_id
    while current:                               # itself, then the sections it sits in
        if current in have:
            return current
        current = by_id[current].parent if current in by_id else None
    order = [row.id for row in rows]
    if section_id not in order:
        return None
    for earlier in reversed(order[:order.index(section_id)]):
        if earlier in have:
            return earlier
    return TOP


class PreviewFollower:
    """Scrolls *browser* to the followed section and keeps it in place when the HTML is replaced."""

    def __init__(self, browser: QTextBrowser):
        self.browser = browser
        self.target: str | None = None

    def set_html(self, html: str) -> None:
        """Show *html*; the followed heading stays where it was on screen (else the scroll stays)."""
        bar = self.browser.verticalScrollBar()
        value = bar.value()
        before = anchor_top(self.browser.document(), self.target) if self.target is not None else None
        self.browser.setHtml(html)
        after = anchor_top(self.browser.document(), self.target) if self.target is not None else None
        if before is not None and after is not None:
            value = round(after + value - before)
        elif after is not None:
            value = round(after)
        bar.setValue(value)

    def follow(self, anchor: str | None) -> None:
        """Bring *anchor*'s heading to the top, unless it is already the one followed (None: nothing)."""
        if anchor is None or anchor == self.target:
            return
        top = anchor_top(self.browser.document(), anchor)
        if top is None:
            return                               # not in this preview yet: followed after the next check
        self.target = anchor
        self.browser.verticalScrollBar().setValue(round(top))


class FollowsEditedSection:
    """``PackEditor``'s choice of the section the preview follows (kept apart to stay small).

    The editor has ``follower`` (a ``PreviewFollower``), ``draft``, ``last_result``, ``_current`` (the selected
    section) and ``_edited`` (the section whose template file was chosen or typed in since, reset on selection).
    """

    def edited_section(self) -> str | None:
        """The section the maintainer is working on: the one whose template file was last chosen or typed in
        (since a section was selected), else the selected section."""
        return self._edited or self._current

    def _file_section(self, name: str) -> str | None:
        """The section template file *name* belongs to (the selected one when it uses it), None for other files.

        Asked at every keystroke: the manifest is read once per change of it (tomllib, not the editing parser).
        """
        manifest = self.draft.files.get(MANIFEST_NAME, "")
        if self._template_users[0] != manifest:
            try:
                tables = tomllib.loads(manifest).get("sections", [])
            except tomllib.TOMLDecodeError:
                tables = []                   # manifest.toml does not parse: the error list says where
            users: dict[str, list[str]] = {}
            for table in tables if isinstance(tables, list) else []:
                if isinstance(table, dict) and table.get("template"):
                    users.setdefault(str(table["template"]), []).append(str(table.get("id", "")))
            self._template_users = (manifest, users)
        found = self._template_users[1].get(name, [])
        return self._current if self._current in found else (found[0] if found else None)

    def _file_worked_on(self, name: str) -> None:
        """A file chosen in the list or typed in: the preview follows its section (if it is a section's)."""
        section = self._file_section(name)
        if section is None:
            return
        moved = section != self.edited_section()
        self._edited = section
        if moved:                             # (typing on in the same file costs no scrolling)
            self.follow_section()

    def follow_section(self) -> None:
        """Scroll the preview to the section being edited (its heading, or the one before it)."""
        if self.last_result is None:
            return
        try:
            rows = self.draft.sections()
        except BaocaoError:
            return
        anchors = [section for section, _text in self.last_result.headings]
        self.follower.follow(section_anchor(self.edited_section(), rows, anchors))
