"""Resolved comments lose their yellow mark in the editor (and get it back when reopened).

Only the background of the text changes: the comment ids stay in the body, so
nothing is edited and undo is untouched.  The body editor's document remembers
the resolved ids, so a section loaded later (another section, undo) is painted
the same way; the notes panel's editors are painted whenever this runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from ...review.store import comments
from .. import richtext_convert as rc
from ..notes_panel import NoteEdit

if TYPE_CHECKING:  # pragma: no cover
    from ..main_window import MainWindow


def resolved_ids(window: "MainWindow") -> frozenset[str]:
    """Ids of the open draft's resolved comments."""
    session = window.session
    if session is None:
        return frozenset()
    return frozenset(t["id"] for t in comments(session.draft) if t.get("resolved"))


class ResolvedPainter:
    """Keeps the editor's comment highlight in step with the threads' resolved state."""

    def __init__(self, window: "MainWindow"):
        self.window = window
        self._timer = QTimer(window)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.paint_now)
        window.outline.entrySelected.connect(lambda _key: self.paint())

    def paint(self) -> None:
        """Repaint soon (after the editor has shown what changed)."""
        self._timer.start()

    def paint_now(self) -> None:
        """Repaint the body editor and the note editors of the section shown."""
        ids = resolved_ids(self.window)
        self.window.editor.body.set_resolved_comments(ids)
        for editor in self.window.editor.notes.findChildren(NoteEdit):
            blocked = editor.blockSignals(True)          # a repaint is not an edit of the note
            try:
                rc.paint_comments(editor.document(), ids)
            finally:
                editor.blockSignals(blocked)
