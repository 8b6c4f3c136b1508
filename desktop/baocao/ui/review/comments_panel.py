"""The comments panel: open comments by section, the selected thread, reply / resolve / reopen / delete.

Every change is one undoable edit from ``baocao.review.operations`` pushed
through ``window.controller.push``; the panel itself only reads the draft.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QSplitter, QTextBrowser, QTreeWidget,
    QTreeWidgetItem, QVBoxLayout, QWidget,
)

from ...errors import BaocaoError
from ...review import anchors, operations as ops
from ...review.constants import ANCHOR_FIELD, ANCHOR_ROW, ANCHOR_SECTION, ANCHOR_TEXT
from ...review.store import comments as draft_comments, local_time_text, review_data
from ..navigation import appendix_key, is_appendix_key
from . import strings as S
from .selection import select_in_note, select_range, selection_range

if TYPE_CHECKING:  # pragma: no cover
    from ..main_window import MainWindow

ID_ROLE = int(Qt.ItemDataRole.UserRole) + 40
REFRESH_MS = 250
STATE_COLOURS = {ops.RESOLVED: "#2e7d32", ops.DETACHED: "#b00020"}


def anchor_text(thread: dict[str, Any]) -> str:
    """What the comment is attached to, in a few words."""
    anchor = thread.get("anchor") or {}
    kind = anchor.get("kind", ANCHOR_TEXT)
    if kind == ANCHOR_SECTION:
        return S.WHOLE_SECTION
    if kind == ANCHOR_FIELD:
        return S.FIELD_ANCHOR.format(key=thread.get("quote") or anchor.get("key", ""))
    if kind == ANCHOR_ROW:
        return S.ROW_ANCHOR.format(row=int(anchor.get("row", 0)) + 1, table=anchor.get("table", ""))
    quote = str(thread.get("quote", ""))
    return f"«{quote[:60]}{'…' if len(quote) > 60 else ''}»"


class CommentsPanel(QWidget):
    """Lists the draft's comments by section; jumps to each; writes comments and replies."""

    changed = Signal()        # the list was rebuilt (tests, status bar)

    def __init__(self, window: "MainWindow"):
        super().__init__(window)
        self.window = window
        self.show_resolved = QCheckBox(S.SHOW_RESOLVED, self)
        self.count = QLabel("", self)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        self.tree.setAccessibleName(S.PANEL_TITLE)
        self.thread = QTextBrowser(self)
        self.thread.setOpenLinks(False)
        self.input = QPlainTextEdit(self)
        self.input.setPlaceholderText(S.NEW_PLACEHOLDER)
        self.input.setTabChangesFocus(True)
        self.input.setMaximumHeight(90)
        self.target = QComboBox(self)                  # what "Góp ý cả mục" attaches to: section or one field
        self.target.setAccessibleName(S.TARGET_LABEL)
        self.target.setToolTip(S.TARGET_TIP)
        self.buttons: dict[str, QPushButton] = {}
        row1, row2 = QHBoxLayout(), QHBoxLayout()
        for name, text, handler, row in (
                ("comment", S.BTN_COMMENT, self.comment_on_selection, row1),
                ("section", S.BTN_SECTION, self.comment_on_section, row1),
                ("reply", S.BTN_REPLY, self.reply, row2),
                ("resolve", S.BTN_RESOLVE, self.toggle_resolved, row2),
                ("delete", S.BTN_DELETE, self.delete, row2)):
            button = QPushButton(text, self)
            button.clicked.connect(handler)
            row.addWidget(button)
            self.buttons[name] = button
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.tree)
        split.addWidget(self.thread)
        split.setSizes([300, 160])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.count)
        layout.addWidget(self.show_resolved)
        layout.addWidget(split, 1)
        layout.addWidget(self.input)
        layout.addWidget(self.target)
        layout.addLayout(row1)
        layout.addLayout(row2)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self.show_resolved.toggled.connect(lambda _on: self.refresh())
        self.tree.currentItemChanged.connect(lambda *_: self._show_thread())
        self.tree.itemActivated.connect(lambda item, _col: self.jump(item.data(0, ID_ROLE)))
        self.tree.itemClicked.connect(lambda item, _col: self.jump(item.data(0, ID_ROLE)))
        window.outline.entrySelected.connect(lambda _key: self.fill_targets())
        self._update_buttons()

    # ------------------------------------------------------------ reading
    def schedule(self) -> None:
        """Rebuild the list soon (after typing settles)."""
        self._timer.start()

    def selected_id(self) -> str | None:
        """Id of the comment selected in the list."""
        item = self.tree.currentItem()
        value = item.data(0, ID_ROLE) if item is not None else None
        return str(value) if value else None

    def comment_ids(self) -> list[str]:
        """Ids of the comments listed, in list order (tests)."""
        out = []
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            out.extend(str(group.child(j).data(0, ID_ROLE)) for j in range(group.childCount()))
        return out

    def select_comment(self, comment_id: str) -> bool:
        """Select *comment_id* in the list (False when it is not listed)."""
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            for j in range(group.childCount()):
                if group.child(j).data(0, ID_ROLE) == comment_id:
                    self.tree.setCurrentItem(group.child(j))
                    return True
        return False

    def item_text(self, comment_id: str) -> str:
        """The list line of *comment_id* (tests)."""
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            for j in range(group.childCount()):
                if group.child(j).data(0, ID_ROLE) == comment_id:
                    return group.child(j).text(0)
        return ""

    def refresh(self) -> None:
        """Rebuild the list from the draft, keeping the selection."""
        self._timer.stop()
        session = self.window.session
        keep = self.selected_id()
        self.tree.clear()
        if session is None:
            return
        draft = session.draft
        anchored = anchors.anchored_ids(draft)
        titles = self.window.outline.numbered_titles()
        order = {key: i for i, key in enumerate(self.window.outline.keys())}
        groups: dict[str, QTreeWidgetItem] = {}
        open_count = 0
        threads = draft_comments(draft)
        located = []
        for thread in threads:
            state = ops.comment_state(draft, thread, anchored)
            open_count += state != ops.RESOLVED
            if state == ops.RESOLVED and not self.show_resolved.isChecked():
                continue
            found = anchors.find_anchor(draft, thread["id"]) if thread["id"] in anchored else None
            section = found.section if found else (thread.get("anchor") or {}).get("section", "")
            located.append((order.get(section, len(order)), found.paragraph if found else -1, section, thread, state,
                            found))
        for _o, _p, section, thread, state, found in sorted(located, key=lambda t: t[:2]):
            group = groups.get(section)
            if group is None:
                group = QTreeWidgetItem(self.tree, [titles.get(section) or S.OTHER_GROUP])
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
                font = group.font(0)
                font.setBold(True)
                group.setFont(0, font)
                groups[section] = group
            item = QTreeWidgetItem(group, [self._line(thread, state, found is not None and found.in_note)])
            item.setData(0, ID_ROLE, thread["id"])
            item.setToolTip(0, str(thread.get("text", "")))
            if state in STATE_COLOURS:
                item.setForeground(0, QBrush(QColor(STATE_COLOURS[state])))
            if thread["id"] == keep:
                self.tree.setCurrentItem(item)
        unplaced = review_data(draft)["unplaced"]
        if unplaced:
            group = QTreeWidgetItem(self.tree, [f"{S.UNPLACED_GROUP} ({len(unplaced)})"])
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for entry in unplaced:
                said = str(entry.get("text", "")) or (S.UNPLACED_REMOVED.format(quote=entry["quote"])
                                                      if entry.get("quote") else "")   # a removal: what was removed
                text = f"{entry.get('author', '')}: {said}".strip(": ")
                child = QTreeWidgetItem(group, [text[:160]])
                tip = [str(entry.get(key, "")) for key in ("quote", "note") if entry.get(key)]
                child.setToolTip(0, "\n".join(tip))
        self.tree.expandAll()
        self.count.setText(S.OPEN_COUNT.format(n=open_count) if threads else S.NO_COMMENTS)
        self.count.setWordWrap(True)
        self._show_thread()
        self.changed.emit()

    def _line(self, thread: dict[str, Any], state: str, in_note: bool = False) -> str:
        parts = [f"{thread.get('initials') or thread.get('author', '')}: {thread.get('text', '')}",
                 anchor_text(thread) + (S.IN_NOTE if in_note else "")]
        replies = thread.get("replies") or []
        if replies:
            parts.append(S.REPLIES.format(n=len(replies)))
        if state == ops.RESOLVED:
            parts.append(S.STATE_RESOLVED)
        elif state == ops.DETACHED:
            parts.append(S.STATE_DETACHED)
        return " · ".join(parts)

    def _thread_of(self, comment_id: str | None) -> dict[str, Any] | None:
        session = self.window.session
        if session is None or not comment_id:
            return None
        return next((c for c in draft_comments(session.draft) if c["id"] == comment_id), None)

    def _show_thread(self) -> None:
        thread = self._thread_of(self.selected_id())
        self._update_buttons(thread)
        if thread is None:
            self.thread.clear()
            return
        html = [f"<p style='color:#555'>{escape(anchor_text(thread))}</p>"]
        for entry in [thread, *(thread.get("replies") or [])]:
            html.append("<p>" + S.THREAD_HEAD.format(author=escape(str(entry.get("author", ""))),
                                                     when=escape(local_time_text(entry.get("at", "")))))
            html.append("<br/>" + escape(str(entry.get("text", ""))).replace("\n", "<br/>") + "</p>")
        self.thread.setHtml("".join(html))

    def _update_buttons(self, thread: dict[str, Any] | None = None) -> None:
        for name in ("reply", "resolve", "delete"):
            self.buttons[name].setEnabled(thread is not None)
        self.buttons["resolve"].setText(S.BTN_REOPEN if thread and thread.get("resolved") else S.BTN_RESOLVE)

    def fill_targets(self) -> None:
        """The choices for a comment without selection: the section shown, or one of its fields (or a row)."""
        self.target.clear()
        session, key = self.window.session, self.window.current_key
        if session is None or key is None:
            return
        if is_appendix_key(key):
            self.target.addItem(S.TARGET_ROW, None)
            return
        self.target.addItem(S.TARGET_SECTION, None)
        for spec in session.pack.section(key).fields:
            self.target.addItem(S.TARGET_FIELD.format(label=spec.label), spec.key)

    # ------------------------------------------------------------ jumping
    def jump(self, comment_id: str | None) -> None:
        """Show the comment's section and select its text in the editor."""
        session = self.window.session
        thread = self._thread_of(comment_id)
        if session is None or thread is None:
            return
        found = anchors.find_anchor(session.draft, thread["id"])
        section = found.section if found else (thread.get("anchor") or {}).get("section")
        if section:
            self.window.select(section)
        if found and self.window.current_key == found.section and found.in_note:
            select_in_note(self.window.editor, session.draft.section(found.section).body, found)
        elif found and self.window.current_key == found.section:
            select_range(self.window.editor.body, found.paragraph, found.start, found.end)

    # ------------------------------------------------------------ writing
    def _reviewer(self):
        from .identity import ask_reviewer

        return ask_reviewer(self.window, self.window.settings)

    def _push(self, make) -> bool:
        session = self.window.session
        if session is None:
            return False
        who = self._reviewer()
        if who is None:
            return False
        try:
            edit = make(session.draft, who)
        except BaocaoError as exc:
            self.window.statusBar().showMessage(exc.user_text().replace("\n", " "), 8000)
            return False
        if not self.window.controller.push(edit):
            return False
        self.input.clear()
        self.refresh()
        return True

    def _input_text(self) -> str | None:
        text = self.input.toPlainText().strip()
        if not text:
            self.window.statusBar().showMessage(S.WRITE_FIRST, 6000)
            self.input.setFocus()
            return None
        return text

    def comment_on_selection(self) -> bool:
        """Comment on the text selected in the section editor (the text of the input box)."""
        key = self.window.current_key
        if key is None or is_appendix_key(key) or self.window.stack.currentWidget() is not self.window.editor:
            self.window.statusBar().showMessage(S.SELECT_FIRST, 6000)
            return False
        picked = selection_range(self.window.editor.body.textCursor())
        if picked is None:
            self.window.statusBar().showMessage(S.SELECT_FIRST, 6000)
            return False
        text = self._input_text()
        if text is None:
            return False
        self._flush_typing()
        start, end = picked
        return self._push(lambda draft, who: ops.add_text_comment(draft, key, start, end, text, who))

    def comment_on_section(self) -> bool:
        """Comment on the whole section shown (or on the selected row of an appendix table)."""
        key = self.window.current_key
        if key is None:
            return False
        text = self._input_text()
        if text is None:
            return False
        if is_appendix_key(key):
            return self._comment_on_row(key, text)
        pack = self.window.session.pack
        field = self.target.currentData() if pack.has_section(key) else None   # an orphan has no fields
        if field:
            spec = next(f for f in pack.section(key).fields if f.key == field)
            anchor = {"kind": ANCHOR_FIELD, "section": key, "key": field}
            return self._push(lambda draft, who: ops.add_key_comment(draft, anchor, text, who, quote=spec.label))
        anchor = {"kind": ANCHOR_SECTION, "section": key}
        return self._push(lambda draft, who: ops.add_key_comment(draft, anchor, text, who,
                                                                 quote=self.window.outline.title_of(key)))

    def _comment_on_row(self, key: str, text: str) -> bool:
        session = self.window.session
        appendix = next(a for a in session.pack.appendices if appendix_key(a.id) == key)
        view = self.window.table_editor.view
        row = max(0, view.currentIndex().row())
        anchor = {"kind": ANCHOR_ROW, "section": key, "table": appendix.table, "row": row}
        return self._push(lambda draft, who: ops.add_key_comment(draft, anchor, text, who))

    def _flush_typing(self) -> None:
        """Make sure what was typed in the editor is in the draft before marking it."""
        window = self.window
        key = window.current_key
        if key and window.editor.body.body() != window.session.draft.section(key).body:
            window._body_edited(key)

    def reply(self) -> bool:
        """Reply to the selected comment with the input box's text."""
        comment_id = self.selected_id()
        if comment_id is None:
            self.window.statusBar().showMessage(S.PICK_COMMENT, 6000)
            return False
        text = self._input_text()
        if text is None:
            return False
        return self._push(lambda draft, who: ops.reply(draft, comment_id, text, who))

    def toggle_resolved(self) -> bool:
        """Mark the selected comment done, or open it again."""
        thread = self._thread_of(self.selected_id())
        if thread is None:
            return False
        return self._push(lambda draft, who: ops.set_resolved(draft, thread["id"], not thread.get("resolved"), who))

    def delete(self) -> bool:
        """Delete the selected comment (undoable)."""
        comment_id = self.selected_id()
        if comment_id is None:
            return False
        return self._push(lambda draft, _who: ops.delete_comment(draft, comment_id))
