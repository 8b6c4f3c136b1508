"""Wires the find and replace dock into the window: actions, menu entries, searching, replacing.

Ctrl+F opens the panel for finding, Ctrl+H with the replace row; F3 and
Shift+F3 step through the hits.  Every replacement (one or all) is one
``ReplaceText`` edit pushed through ``DocumentController.push``, so Ctrl+Z
undoes it in one step.  The hits are searched again after every applied
edit while the panel is open (after a pause, not per keystroke).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from ...search import Hit, find_in_draft, plan_replace
from .. import navigation as nav
from . import strings as S
from .jump import appendix_key_of_table, jump_to
from .panel import FindPanel

if TYPE_CHECKING:  # pragma: no cover
    from ..main_window import MainWindow

MAX_LINE = 110


class FindController:
    """Searches the window's draft for the panel and applies its replacements."""

    def __init__(self, window: "MainWindow"):
        self.window = window
        self.panel = FindPanel(window)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.panel)
        self.panel.hide()
        self.panel.searchRequested.connect(self.search)
        self.panel.hitChosen.connect(self._jump)
        self.panel.hitActivated.connect(self._activated)
        self.panel.replaceOne.connect(lambda hit: self.replace([hit]))
        self.panel.replaceAll.connect(lambda: self.replace(self.panel.hits()))
        window.controller.editApplied.connect(lambda *_: self._draft_changed())
        window.controller.sessionChanged.connect(self._draft_changed)
        self._jumping = False

    # ------------------------------------------------------------ opening
    def open(self, replace: bool = False) -> None:
        """Show the panel (with the replace row when *replace*), the editor's selection as the query."""
        selected = self.window.editor.body.textCursor().selectedText()
        if selected and "\u2029" not in selected and len(selected) < 100:
            self.panel.query.setText(selected.replace("\ufffc", ""))
        self.panel.set_replace_visible(replace)
        self.panel.show()
        self.panel.raise_()
        self.panel.query.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.panel.query.selectAll()
        self.search()

    # ------------------------------------------------------------ searching
    def _order(self) -> tuple[list[str], list[str]]:
        keys = self.window.outline.keys()
        sections = [k for k in keys if not nav.is_appendix_key(k)]
        pack = self.window.session.pack
        by_key = {nav.appendix_key(a.id): a.table for a in pack.appendices}
        tables = [by_key[k] for k in keys if k in by_key]
        return sections, tables

    def search(self, keep: int = -1) -> list[Hit]:
        """Search the draft for the panel's query now and list the hits."""
        self.panel.timer.stop()
        session = self.window.session
        query = self.panel.query.text()
        if session is None or not query.strip():
            self.panel.show_hits([], S.COUNT_EMPTY)
            return []
        sections, tables = self._order()
        hits = find_in_draft(session.draft, query, self.panel.options(), sections, tables,
                             session.pack.document.citation_date_style)
        groups: dict[str, list[tuple[Hit, str]]] = {}
        for hit in hits:
            groups.setdefault(hit.group(), []).append((hit, self._line(hit)))
        titled = [(self._group_title(group), rows) for group, rows in groups.items()]
        message = S.COUNT.format(n=len(hits), groups=len(groups)) if hits else S.COUNT_NONE
        self.panel.show_hits(titled, message, keep)
        return hits

    def _draft_changed(self) -> None:
        if self.panel.isVisible() and not self._jumping:
            self.panel.timer.start()

    def _group_title(self, group: str) -> str:
        if group == "meta":
            return S.GROUP_META
        window = self.window
        if group.startswith("table:"):
            key = appendix_key_of_table(window, group[len("table:"):]) or group
        else:
            key = group
        label = window._labels.get(key, "") if hasattr(window, "_labels") else ""
        title = window.outline.title_of(key) or key
        return f"{label} {title}".strip()

    def _line(self, hit: Hit) -> str:
        place = hit.place
        context = hit.context if len(hit.context) <= MAX_LINE else hit.context[:MAX_LINE] + "…"
        if place.kind == "note":
            return f"{S.WHERE_NOTE.format(n=place.note + 1)}: {context}"
        if place.kind == "field":
            spec = self.window.session.pack.section(place.section).field(place.key)
            return f"{S.WHERE_FIELD.format(label=spec.label if spec else place.key)}: {context}"
        if place.kind == "cell":
            spec = self.window.session.pack.tables.get(place.table)
            column = spec.column(place.key) if spec else None
            where = S.WHERE_CELL.format(row=place.row + 1, column=column.header if column else place.key)
            return f"{where}: {context}"
        if place.kind == "meta":
            if place.key.startswith("recipients."):
                name = S.META_LABELS["recipients"].format(n=int(place.key.split(".")[1]) + 1)
            else:
                name = S.META_LABELS.get(place.key, place.key)
            return f"{name}: {context}"
        return context

    def _jump(self, hit: Hit) -> None:
        self._jumping = True
        try:
            note = jump_to(self.window, hit)
        finally:
            self._jumping = False
        if note:
            self.window.statusBar().showMessage(note, 6000)

    def _activated(self, hit: Hit) -> None:
        """Enter or double-click: a report detail opens the details dialog (Ctrl+Shift+I)."""
        if hit.place.kind == "meta":
            self.window.edit_details()

    # ------------------------------------------------------------ replacing
    def replace(self, hits: list[Hit]) -> int:
        """Replace *hits* by the panel's replacement as one undoable edit; returns how many were replaced."""
        session = self.window.session
        if session is None or not hits:
            return 0
        if self.window.controller.is_read_only():
            self.panel.count.setText(S.READ_ONLY)
            return 0
        keep = self.panel.current_index()
        plan = plan_replace(session.draft, hits, self.panel.replacement.text(), self._order()[0],
                            session.pack.document.citation_date_style)
        edit, count = plan.edit, plan.count
        skipped = " " + S.SKIPPED_CITES.format(n=plan.skipped) if plan.skipped else ""
        if edit is None:
            self.panel.count.setText(S.SKIPPED_CITES.format(n=plan.skipped) if plan.skipped else S.REPLACED_NONE)
            return 0
        if not self.window.controller.push(edit):
            return 0
        remaining = self.search(keep if len(hits) == 1 else -1)
        if len(hits) == 1 and 0 <= keep < len(remaining):
            self._jump(remaining[keep])          # the next hit, as Word does after "Thay thế"
        self.panel.count.setText(S.REPLACED.format(n=count) + skipped + " " + self.panel.count.text())
        return count


def _find_menu(window: "MainWindow", title: str) -> QMenu | None:
    for action in window.menuBar().actions():
        menu = action.menu()
        if menu is not None and action.text() == title:
            return menu
    return None


def install_find(window: "MainWindow") -> FindController:
    """Add the find dock, its actions (Ctrl+F, Ctrl+H, F3, Shift+F3) and the Edit-menu entries."""
    from .. import strings as WS

    finder = FindController(window)
    specs = (
        ("find", S.ACT_FIND, [QKeySequence.StandardKey.Find], lambda: finder.open(False)),
        ("replace", S.ACT_REPLACE, ["Ctrl+H"], lambda: finder.open(True)),
        ("find_next", S.ACT_FIND_NEXT, ["F3"], lambda: _step(finder, 1)),
        ("find_prev", S.ACT_FIND_PREV, ["Shift+F3"], lambda: _step(finder, -1)),
    )
    actions: dict[str, QAction] = {}
    for name, text, keys, slot in specs:
        action = QAction(text, window)
        action.setObjectName(f"act_{name}")
        sequences: list[QKeySequence] = []
        for key in keys:
            sequences.extend(QKeySequence.keyBindings(key) if isinstance(key, QKeySequence.StandardKey)
                             else [QKeySequence(key)])
        action.setShortcuts(sequences)
        action.triggered.connect(slot)
        window.addAction(action)
        actions[name] = action
    menu = _find_menu(window, WS.MENU_EDIT)
    if menu is not None:
        menu.addSeparator()
        menu.addActions(list(actions.values()))
    finder.actions = actions   # type: ignore[attr-defined]
    window.finder = finder     # type: ignore[attr-defined]
    return finder


def _step(finder: FindController, delta: int) -> None:
    if not finder.panel.isVisible() or not finder.panel.query.text():
        finder.open(False)
        return
    finder.panel.step(delta)
