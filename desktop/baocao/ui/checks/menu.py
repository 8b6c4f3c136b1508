"""Right-click in the body editor: suggestions for an underlined word, "thêm vào từ điển", "bỏ qua"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from ...checks.findings import RULE_MISSPELLING, RULE_REAL_WORD, RULE_SPELLING, Finding
from . import strings as CS
from .actions import add_to_dictionary, apply_fix, dismiss

if TYPE_CHECKING:  # pragma: no cover
    from ..main_window import MainWindow

SPELLING_RULES = frozenset({RULE_SPELLING, RULE_MISSPELLING, RULE_REAL_WORD})


def suggestions_for(finding: Finding) -> list[str]:
    """The replacements offered for *finding*: its fix first, then spelling suggestions."""
    offered = [finding.fix] if finding.fix else []
    if finding.rule in SPELLING_RULES and " " not in finding.text:
        from ...spelling.ngrams import default_model
        from ...spelling.suggest import suggestions

        offered += [s for s in suggestions(finding.text, default_model()) if s not in offered]
    return offered[:6]


def build_menu(window: "MainWindow", finding: Finding | None, parent_menu: QMenu) -> QMenu:
    """*parent_menu* with the finding's actions on top (nothing added when no finding is there)."""
    if finding is None:
        return parent_menu
    first = parent_menu.actions()[0] if parent_menu.actions() else None
    added: list[QAction] = []
    offered = suggestions_for(finding)
    for text in offered:
        action = QAction(text if finding.rule in SPELLING_RULES else (finding.fix_label or text), parent_menu)
        action.triggered.connect(lambda _=False, t=text: apply_fix(window, finding, t))
        added.append(action)
    if not offered and finding.rule in SPELLING_RULES:
        none = QAction(CS.MENU_SUGGESTIONS_NONE, parent_menu)
        none.setEnabled(False)
        added.append(none)
    if finding.rule in SPELLING_RULES and " " not in finding.text:
        word = finding.text
        for label, draft_only in ((CS.MENU_ADD_USER, False), (CS.MENU_ADD_DRAFT, True)):
            action = QAction(label.format(word=word), parent_menu)
            action.triggered.connect(lambda _=False, d=draft_only: add_to_dictionary(window, word, d))
            added.append(action)
    ignore = QAction(CS.MENU_DISMISS, parent_menu)
    ignore.triggered.connect(lambda: dismiss(window, finding))
    added.append(ignore)
    for action in added:
        parent_menu.insertAction(first, action) if first else parent_menu.addAction(action)
    if first:
        parent_menu.insertSeparator(first)
    return parent_menu


class EditorMenu(QObject):
    """Event filter on the body editor's viewport that shows the menu with the finding under the mouse."""

    def __init__(self, window: "MainWindow"):
        super().__init__(window)
        self.window = window
        self.last_menu: QMenu | None = None            # for tests
        window.editor.body.viewport().installEventFilter(self)

    def menu_at(self, pos) -> QMenu:
        """The context menu for the viewport position *pos*."""
        body = self.window.editor.body
        cursor = body.cursorForPosition(pos)
        finding = self.window.checks.live.finding_at(cursor.blockNumber(), cursor.positionInBlock())
        return build_menu(self.window, finding, body.createStandardContextMenu(pos))

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt API)
        """Replace the standard menu by one that starts with the finding's actions."""
        if event.type() == QEvent.Type.ContextMenu:
            menu = self.menu_at(event.pos())
            self.last_menu = menu
            menu.exec(event.globalPos())
            menu.deleteLater()
            return True
        return False
