"""Puts "Nội dung chưa xếp mục (N)" at the end of the outline (one call from ``MainWindow.__init__``).

Each row is a section id of the draft that the pack does not have (a section removed or renamed
by a newer pack, text an import could not place).  Choosing a row opens its text read-write in
the section editor (typing is the normal ``SetSectionBody`` on that id); "Chuyển vào mục…"
appends it to a section of the pack and empties the orphan in one undoable ``CompoundEdit``.
When no orphan has text left, the group disappears.

The room adds ``show_entry`` to the window's ``entry_hooks``, which ``MainWindow._show_entry``
asks first, so every path that shows an entry (undo/redo, a click in the preview's unplaced text, a
restored draft) can show an orphan too; keys of the pack go to the window's own code unchanged.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QPushButton  # noqa: F401 - QInputDialog: tests patch it here

from ...template.manifest import SectionSpec
from .. import navigation as nav
from .. import strings as WS
from . import strings as S
from .logic import is_orphan, move_edit, orphan_ids, orphan_key, row_text

#: section id the preview gives the printed "NỘI DUNG CHƯA XẾP MỤC" heading (``render.renderer._unplaced``)
UNPLACED_HEADING = "chua-xep-muc"

if TYPE_CHECKING:  # pragma: no cover
    from ..main_window import MainWindow


class UnplacedRoom:
    """The outline group, the editor page and the move action (``window.unplaced``)."""

    def __init__(self, window: "MainWindow"):
        self.window = window
        self.move_action = QAction(S.ACT_MOVE, window)
        self.move_action.setEnabled(False)
        self.move_action.triggered.connect(lambda: self.choose_and_move())
        for action in window.menuBar().actions():
            if action.text() == WS.MENU_EDIT and action.menu() is not None:
                action.menu().addSeparator()
                action.menu().addAction(self.move_action)
                break
        window.entry_hooks.append(self.show_entry)
        window.outline.extraSelected.connect(self._row_chosen)
        window.controller.sessionChanged.connect(self.refresh)
        window.controller.editApplied.connect(lambda _edit, _origin: self.refresh())
        window.outline.entrySelected.connect(lambda _key: QTimer.singleShot(0, window, self.refresh))
        window.preview.rendered.connect(lambda _ms: self._update_note_base())

    # ------------------------------------------------------------ the outline group
    def current_orphan(self) -> str | None:
        """The orphan shown in the editor, if the editor shows one."""
        session, key = self.window.session, self.window.current_key
        return key if session is not None and is_orphan(session.pack, session.draft, key) else None

    def refresh(self, keep: str | None = None) -> None:
        """List the orphans with text (and *keep* / the one being edited) under the outline's last group."""
        window, session = self.window, self.window.session
        if session is None:
            window.outline.set_extra_rows(None, [])
            return
        draft = session.draft
        ids = orphan_ids(session.pack, draft, keep or self.current_orphan())
        rows = [(sid, row_text(sid, draft.sections[sid])) for sid in ids]
        window.outline.set_extra_rows(S.OUTLINE_GROUP.format(n=len(rows)) if rows else None, rows)
        self.move_action.setEnabled(self.current_orphan() is not None and not window.controller.is_read_only())

    def _row_chosen(self, key: str) -> None:
        if key != self.window.current_key:
            self._show(key)

    # ------------------------------------------------------------ showing
    def show_entry(self, key: str) -> bool:
        """A hook of ``MainWindow._show_entry``: show orphans (and links to their printed text); True when handled.

        Keys of the pack and appendices are left to the window (False), except a link to a pack
        section's printed text, which selects that section.
        """
        session = self.window.session
        section_id = orphan_key(key)
        if session is None or nav.is_appendix_key(key) or session.pack.has_section(section_id):
            if section_id != key:
                self.window.select(section_id)
                return True
            return False
        if not is_orphan(session.pack, session.draft, section_id):
            listed = orphan_ids(session.pack, session.draft)    # the printed heading: its first orphan
            if section_id != UNPLACED_HEADING or not listed:
                self._show_first_if_nothing_shown()
                return True                     # an unknown key: nothing to show (and nothing to break)
            section_id = listed[0]
        if section_id == self.window.current_key:
            return True
        self.refresh(keep=section_id)
        self.window.outline.select(section_id)  # emits extraSelected → _show
        if self.window.current_key != section_id:
            self._show(section_id)
        return True

    def _show_first_if_nothing_shown(self) -> None:
        """The orphan shown is gone (e.g. a whole version restored without it): show the first entry instead."""
        keys = self.window.outline.keys()
        if self.window.current_key is None and keys:
            self.window.select(keys[0])

    def _show(self, section_id: str) -> None:
        window, session = self.window, self.window.session
        if session is None or not is_orphan(session.pack, session.draft, section_id):
            return
        from ...constants import UNPLACED_PREFIX

        window.current_key = section_id
        window.word_counts.show_for(session.draft, section_id)
        spec = SectionSpec(id=section_id, guidance=S.GUIDANCE.format(id=section_id))
        window.editor.show_section(spec, "", S.EDITOR_TITLE.format(id=section_id), session.draft.section(section_id),
                                   [], [])
        button = QPushButton(S.BTN_MOVE, window.editor)     # removed with the links when another entry is shown
        button.setToolTip(S.BTN_MOVE_TIP)
        button.setEnabled(not window.controller.is_read_only())
        button.clicked.connect(lambda: self.choose_and_move(section_id))
        window.editor.links.addWidget(button)
        window.editor.links.addStretch(1)
        window.stack.setCurrentWidget(window.editor)
        window.preview.scroll_to_section(UNPLACED_PREFIX + section_id)
        self._update_note_base()
        self.move_action.setEnabled(not window.controller.is_read_only())

    def _update_note_base(self) -> None:
        """Number the orphan's notes as the report prints them (under "Nội dung chưa xếp mục")."""
        section_id = self.current_orphan()
        if section_id is None:
            return
        from ...constants import UNPLACED_PREFIX

        notes = [note for para in self.window.session.draft.section(section_id).body for note in para.notes()]
        first = notes[0].plain_text() if notes else ""
        document = getattr(self.window, "_document", None)
        self.window.editor.set_note_base(nav.note_base(document, UNPLACED_PREFIX + section_id, first))

    # ------------------------------------------------------------ moving
    def targets(self) -> list[tuple[str, str]]:
        """The pack's sections as (id, "label title") in report order, for the move question."""
        titles = self.window.outline.numbered_titles()
        return [(key, text) for key, text in titles.items()]

    def choose_and_move(self, section_id: str | None = None) -> bool:
        """Ask which section receives the orphan's text, then move it (one undoable step)."""
        section_id = section_id or self.current_orphan()
        if section_id is None:
            self.window.statusBar().showMessage(S.NOT_ORPHAN, 6000)
            return False
        targets = self.targets()
        if not targets:
            return False
        from ..review.picking import pick_index      # by position: two sections may read alike

        index = pick_index(self.window, S.MOVE_TITLE, S.MOVE_ASK.format(id=section_id),
                           [text for _key, text in targets])
        if index is None:
            return False
        return self.move_to(targets[index][0], section_id)

    def move_to(self, target_id: str, section_id: str | None = None) -> bool:
        """Append the orphan's text to section *target_id* and empty the orphan (one undoable step)."""
        window, session = self.window, self.window.session
        section_id = section_id or self.current_orphan()
        if session is None or section_id is None or not is_orphan(session.pack, session.draft, section_id) \
                or not session.pack.has_section(target_id):
            return False
        edit = move_edit(session.draft, section_id, target_id)
        window.select(target_id)                # first: the orphan's page closes before its entry goes
        if not window.controller.push(edit):
            return False
        title = window.outline.numbered_titles().get(target_id, target_id)
        window.statusBar().showMessage(S.MOVED.format(id=section_id, title=title), 8000)
        return True


def install_unplaced(window: "MainWindow") -> UnplacedRoom:
    """Add the "Nội dung chưa xếp mục" group to *window*'s outline (``window.unplaced``)."""
    room = UnplacedRoom(window)
    window.unplaced = room
    room.refresh()
    return room
