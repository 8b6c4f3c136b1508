"""Pushing a section editor's body as one labelled undo step (citations, the period's documents note)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...edits import SetSectionBody

if TYPE_CHECKING:  # pragma: no cover
    from ..main_window import MainWindow


def push_body(window: "MainWindow", editor, key: str, label: str) -> bool:
    """Record *editor*'s whole body as section *key*'s new text, under *label*; the notes list follows."""
    edit = SetSectionBody.make(window.session.draft, key, editor.body())
    edit.label = label
    pushed = window.controller.push(edit, editor)
    editor.notesChanged.emit()
    return pushed
