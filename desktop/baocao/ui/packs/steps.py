"""The pack editor's undo steps: a change of the pack (snapshots before and after), and typing in one file.

Both keep whole ``PackDraft`` snapshots (a pack is a few small text files), so undo and redo
are exact; typing in one file merges into one step while it follows within ``MERGE_WINDOW_S``.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from ...template.pack_edit import PackDraft
from ..commands import MERGE_WINDOW_S
from . import strings as S

if TYPE_CHECKING:  # pragma: no cover
    from .editor import PackEditor

#: QUndoCommand id of text steps (consecutive typing in one file merges).
TEXT_MERGE_ID = 0x0BD


class PackStep(QUndoCommand):
    """One undoable change of the pack (snapshots before and after)."""

    def __init__(self, editor: "PackEditor", before: PackDraft, after: PackDraft, text: str, select: str | None,
                 show_first: str | None = None):
        super().__init__(text)
        self.editor, self.before, self.after, self.select = editor, before, after, select
        self._show_first = show_first       # the section the maintainer moved to while this step was made

    def redo(self) -> None:
        first, self._show_first = self._show_first, None
        self.editor._apply(self.after, first or self.select)

    def undo(self) -> None:
        self.editor._apply(self.before, self.select)


class TextStep(QUndoCommand):
    """Typing in one pack file: the box already shows it when pushed; undo/redo put the text back in the box."""

    def __init__(self, editor: "PackEditor", before: PackDraft, after: PackDraft, name: str):
        super().__init__(S.UNDO_TEXT.format(name=name))
        self.editor, self.before, self.after, self.name = editor, before, after, name
        self.stamp = time.monotonic()
        self._pushed = False

    def redo(self) -> None:
        if not self._pushed:                # first time: the text is on screen already
            self._pushed = True
            self.editor._take_text(self.after, self.name)
            return
        self.editor._apply_text(self.after, self.name)

    def undo(self) -> None:
        self.editor._apply_text(self.before, self.name)

    def id(self) -> int:  # noqa: A003 (Qt API)
        return TEXT_MERGE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 (Qt API)
        if not isinstance(other, TextStep) or other.name != self.name or other.stamp - self.stamp > MERGE_WINDOW_S:
            return False
        self.after, self.stamp = other.after, other.stamp
        self.setObsolete(self.after.files == self.before.files)     # typed and erased again: no step left
        return True
