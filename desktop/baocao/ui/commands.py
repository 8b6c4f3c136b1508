"""QUndoCommand wrapper around core edits: every change of the draft goes through here.

``EditCommand.redo`` calls ``DraftSession.apply(edit)`` and ``undo`` calls
``DraftSession.revert(edit)`` — the same code path the crash tests replay.
Consecutive edits of the same thing (typing in one section, one field, one
table) merge into one undo step through ``Edit.merge`` while they follow each
other within ``MERGE_WINDOW_S`` seconds.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from ..edits import Edit, SetFieldValue, SetSectionBody, SetTableRows
from ..session import DraftSession

MERGE_ID = 0x0BC
MERGE_WINDOW_S = 3.0
#: ``notify(edit, origin)`` — origin is the widget that made the change on its
#: first application, ``None`` on undo/redo (every view must then refresh).
Notify = Callable[[Edit, object | None], None]


class EditCommand(QUndoCommand):
    """One undoable edit of the draft."""

    def __init__(self, session: DraftSession, edit: Edit, notify: Notify, origin: object | None = None):
        super().__init__(edit.label)
        self.session = session
        self.edit = edit
        self._notify = notify
        self._origin = origin
        self._stamp = time.monotonic()

    def redo(self) -> None:
        self.session.apply(self.edit)
        origin, self._origin = self._origin, None
        self._notify(self.edit, origin)

    def undo(self) -> None:
        self.session.revert(self.edit)
        self._notify(self.edit, None)

    def id(self) -> int:  # noqa: A003 (Qt API)
        mergeable = isinstance(self.edit, (SetFieldValue, SetTableRows)) or (
            isinstance(self.edit, SetSectionBody) and self.edit.typing)
        return MERGE_ID if mergeable and getattr(self.edit, "merges", True) else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 (Qt API)
        if not isinstance(other, EditCommand) or other.session is not self.session:
            return False
        if other._stamp - self._stamp > MERGE_WINDOW_S:
            return False
        if self.edit.merge(other.edit):
            self._stamp = other._stamp
            return True
        return False
