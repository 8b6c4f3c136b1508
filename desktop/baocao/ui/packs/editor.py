"""The pack editor: section tree, section and report forms, template texts, live preview, errors at their line.

Every change of the pack is a new ``PackDraft`` snapshot; structural, form and
text changes are undoable steps on one ``QUndoStack`` (consecutive typing in one
file merges into one step, as in the draft's section bodies), so Ctrl+Z undoes
them in the order they were made.  The check and the preview run in a worker process
(``PreviewJobs``), so a runaway template cannot freeze the window.  "Lưu mẫu"
writes into the pack folder only a version without errors; otherwise the pack
folder keeps the last good version and the version being edited is kept in
the drafts folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QInputDialog, QLabel, QListWidget,
                               QMainWindow, QMessageBox, QPushButton, QSplitter, QTabWidget, QTextBrowser,
                               QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from ...errors import BaocaoError
from ...render.worker import WorkerResult, pack_texts
from ...template.manifest import MANIFEST_NAME
from ...template.pack_edit import PackDraft, variables_for
from .. import prompts
from ..navigation import display_title
from . import strings as S
from .editor_checks import CheckAndSave
from .forms import ReportForm, SectionForm
from .guidance_source import apply_section_values, section_guidance
from .preview_follow import FollowsEditedSection, PreviewFollower
from .preview_job import PreviewJobs
from .steps import PackStep, TextStep
from .template_pane import TemplatePane
from .undo_keys import UndoKeysToStack

ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1
#: Pause after a change before the check and preview run (ms).
PREVIEW_DEBOUNCE_MS = 500
#: the editor's size when the screen allows it (it never opens larger than the screen)
EDITOR_SIZE = (1360, 820)
#: Pause after typing in manifest.toml before the section tree is read again (ms).
TREE_DEBOUNCE_MS = 400
#: The error hint under the error list: dark brown on pale yellow, so it is read and not missed.
HINT_STYLE = "QLabel#packErrorHint { background: #fff6d5; color: #5a3a00; padding: 4px; }"


class PackEditor(CheckAndSave, FollowsEditedSection, QMainWindow):
    """Edits the pack in folder *root* (a user pack)."""

    saved = Signal()

    def __init__(self, root: Path, open_draft: Callable[[], Any] | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.root = root
        self.open_draft = open_draft
        self.draft = PackDraft(pack_texts(root))
        self.saved_draft = self.draft
        self.good_draft = self.draft          # the last version without errors
        self.undo_stack = QUndoStack(self)
        self.jobs = PreviewJobs(self)
        self.jobs.finished.connect(self._job_finished)
        self.last_result: WorkerResult | None = None
        self._save_request: int | None = None
        self._current: str | None = None
        self._edited: str | None = None                # the section whose template file is worked on
        self._template_users: tuple[str | None, dict[str, list[str]]] = (None, {})   # manifest → file → sections
        self._last_request: tuple[dict[str, str], Any] | None = None
        self._checked: dict[int, PackDraft] = {}      # request id → the files that request checks
        self._applying = False
        self._build()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DEBOUNCE_MS)
        self._timer.timeout.connect(self.request_preview)
        self._tree_timer = QTimer(self)
        self._tree_timer.setSingleShot(True)
        self._tree_timer.setInterval(TREE_DEBOUNCE_MS)
        self._tree_timer.timeout.connect(lambda: self._refresh_tree(self._current, keep_file=True))
        self._refresh_tree()
        self.request_preview()

    # ------------------------------------------------------------ layout
    def _build(self) -> None:
        self.setWindowTitle(S.EDITOR_TITLE.format(name=self.root.name))
        available = self.screen().availableGeometry() if self.screen() is not None else None
        width, height = EDITOR_SIZE
        if available is not None:              # never taller or wider than the screen (1366×768 office PCs)
            width, height = min(width, available.width() - 24), min(height, available.height() - 48)
        self.resize(width, height)
        close = QAction(self)
        close.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        close.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        close.triggered.connect(self.close)    # Esc closes, asking to save as the title-bar button does
        self.addAction(close)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels([S.TREE_HEADER])
        self.tree.currentItemChanged.connect(lambda item, _old: self._select(item.data(0, ID_ROLE) if item else None))
        tree_buttons = QVBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, text, slot in (("add", S.BTN_ADD, self.add_section), ("child", S.BTN_ADD_CHILD, self.add_child),
                                ("remove", S.BTN_REMOVE, self.remove_section), ("up", S.BTN_UP, lambda: self.move(-1)),
                                ("down", S.BTN_DOWN, lambda: self.move(1)), ("indent", S.BTN_INDENT, self.indent),
                                ("outdent", S.BTN_OUTDENT, self.outdent)):
            button = QPushButton(text, self)
            button.clicked.connect(slot)
            self.buttons[key] = button
        row1, row2 = QHBoxLayout(), QHBoxLayout()
        for key in ("add", "child", "remove"):
            row1.addWidget(self.buttons[key])
        for key in ("up", "down", "indent", "outdent"):
            row2.addWidget(self.buttons[key])
        tree_buttons.addLayout(row1)
        tree_buttons.addLayout(row2)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.tree, 1)
        left_layout.addLayout(tree_buttons)

        self.section_form = SectionForm(self)
        self.section_form.changed.connect(self._section_changed)
        self.section_form.fields_changed.connect(self._fields_changed)
        self.template_pane = TemplatePane(self)
        self.template_pane.text_changed.connect(self._text_changed)
        self.template_pane.files.textActivated.connect(self._file_worked_on)     # chosen by the maintainer
        self.report_form = ReportForm(self)
        self.report_form.changed.connect(lambda values: self.change(lambda d: d.set_document(**values),
                                                                     S.TAB_REPORT))
        self.report_form.numbering_changed.connect(
            lambda levels: self.change(lambda d: d.set_numbering(levels), S.R_LEVELS))
        self.make_template = QPushButton(S.BTN_MAKE_TEMPLATE, self)
        self.make_template.clicked.connect(self.create_template)
        template_tab = QWidget(self)
        template_layout = QVBoxLayout(template_tab)
        template_layout.addWidget(self.make_template)
        template_layout.addWidget(self.template_pane, 1)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.section_form, S.TAB_SECTION)
        self.tabs.addTab(template_tab, S.TAB_TEMPLATE)
        self.tabs.addTab(self.report_form, S.TAB_REPORT)
        self.tabs.currentChanged.connect(lambda _i: self._commit_typed())

        self.preview = QTextBrowser(self)
        self.follower = PreviewFollower(self.preview)
        self.preview_with = QComboBox(self)
        self.preview_with.addItem(S.PREVIEW_SAMPLE, "sample")
        if self._open_draft_fits():
            self.preview_with.addItem(S.PREVIEW_OPEN, "open")
        self.preview_with.currentIndexChanged.connect(lambda _i: self.request_preview())
        self.status = QLabel(S.PREVIEW_RUNNING, self)
        self.status.setWordWrap(True)
        self.errors = QListWidget(self)
        self.errors.setMaximumHeight(150)
        self.errors.setWordWrap(True)
        self.errors.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.errors.itemDoubleClicked.connect(self._go_to_error)
        self.errors.currentRowChanged.connect(lambda _row: self._show_hint())
        self.hint = QLabel(self)                 # what to do about the selected error, always visible
        self.hint.setObjectName("packErrorHint")
        self.hint.setWordWrap(True)
        self.hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hint.setStyleSheet(HINT_STYLE)
        self.hint.setVisible(False)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        top = QHBoxLayout()
        top.addWidget(QLabel(S.PREVIEW_WITH, self))
        top.addWidget(self.preview_with, 1)
        right_layout.addLayout(top)
        right_layout.addWidget(self.preview, 1)
        right_layout.addWidget(self.status)
        right_layout.addWidget(self.errors)
        right_layout.addWidget(self.hint)
        save_row = QHBoxLayout()
        self.save_button = QPushButton(S.BTN_SAVE, self)
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(S.BTN_REVERT, self)
        self.revert_button.clicked.connect(self.revert_to_good)
        save_row.addStretch(1)
        save_row.addWidget(self.revert_button)
        save_row.addWidget(self.save_button)
        right_layout.addLayout(save_row)

        split = QSplitter(Qt.Orientation.Horizontal, self)
        for widget in (left, self.tabs, right):
            split.addWidget(widget)
        split.setSizes([300, 560, 500])
        self.setCentralWidget(split)
        undo = self.undo_stack.createUndoAction(self, "Hoàn tác")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self, "Làm lại")
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        for action, step in ((undo, self.undo_stack.undo), (redo, self.undo_stack.redo)):
            action.triggered.disconnect()      # typed form text first becomes a step, then the stack moves
            action.triggered.connect(lambda _checked=False, step=step: (self.commit_forms(), step()))
        save = QAction(S.BTN_SAVE, self)
        save.setShortcut(QKeySequence.StandardKey.Save)
        save.triggered.connect(self.save)
        menu = self.menuBar().addMenu("&Mẫu")
        menu.addActions([save, undo, redo])
        self.template_pane.edit.undo_actions = (undo, redo)
        self._undo_keys = UndoKeysToStack(self.commit_forms, self)
        self._undo_keys.watch(*self.section_form.text_boxes(), *self.report_form.text_boxes())

    def commit_forms(self) -> None:
        """Take what was typed in the forms' boxes into the pack (one step each), e.g. before Ctrl+Z."""
        self.section_form.commit_text()
        self.report_form.commit()

    def _open_draft_fits(self) -> bool:
        """True when the window's open draft was made with this pack (its id), so it can fill the preview."""
        draft = self.open_draft() if self.open_draft is not None else None
        if draft is None:
            return False
        try:
            pack_id = str(self.draft.manifest().get("pack", {}).get("id", ""))
        except BaocaoError:
            return False
        return draft.template_id == pack_id

    # ------------------------------------------------------------ applying changes
    def change(self, make: Callable[[PackDraft], PackDraft], text: str, select: str | None = None,
               show_first: str | None = None) -> bool:
        """Apply one undoable change; a change that cannot be made is shown, nothing else happens.

        What was typed in the section form and not yet taken becomes a step first (a change rebuilds
        the form).  *show_first*: the section shown when the step is first made (else *select*).
        """
        self._commit_typed()
        try:
            after = make(self.draft)
        except BaocaoError as exc:
            prompts.show_error(self, S.ERROR_TITLE, exc)
            return False
        if after.files == self.draft.files:
            return False
        self.undo_stack.push(PackStep(self, self.draft, after, text, select or self._current, show_first))
        return True

    def _commit_typed(self) -> None:
        """What was typed in the forms' boxes and not yet taken, into the pack now (a step each) if any."""
        if self._applying:
            return
        if self._current:
            self.section_form.commit_text()
        self.report_form.commit()

    def _apply(self, draft: PackDraft, select: str | None) -> None:
        self._applying = True                    # no new step while a step is done or undone
        try:
            self.draft = draft
            self._refresh_tree(select)
        finally:
            self._applying = False
        self._timer.start()

    def _text_changed(self, name: str, text: str) -> None:
        """Typing in the text box: one undoable step (merged with the typing just before in the same file)."""
        self._commit_typed()
        if self.draft.files.get(name) != text:
            self.undo_stack.push(TextStep(self, self.draft, self.draft.with_file(name, text), name))
        self._file_worked_on(name)

    def _take_text(self, draft: PackDraft, name: str) -> None:
        """The text box's change, now in the pack (the box shows it already)."""
        self.draft = draft
        if name == MANIFEST_NAME:
            self._tree_timer.start()
        self._timer.start()

    def _apply_text(self, draft: PackDraft, name: str) -> None:
        """Undo/redo of typing: the file comes back in the box, the cursor where the change was."""
        self._applying = True
        try:
            self.draft = draft
            if name == MANIFEST_NAME:
                self._refresh_tree(self._current, keep_file=True)
            self.template_pane.set_texts(draft.files, show=name)
            self.tabs.setCurrentIndex(1)
        finally:
            self._applying = False
        self._timer.start()

    def _refresh_tree(self, select: str | None = None, keep_file: bool = False) -> None:
        """Rebuild the section tree from the manifest; *keep_file*: the text box stays on the file it shows."""
        try:
            rows = self.draft.sections()
        except BaocaoError:
            rows = None                       # manifest.toml does not parse: the error list says where
        self.template_pane.set_texts(self.draft.files)
        if rows is None:
            return
        self.tree.blockSignals(True)
        self.tree.clear()
        items: dict[str, QTreeWidgetItem] = {}
        for row in rows:
            label = display_title(row.title) or row.name or row.id      # "{{ bc.ky }}" shows as "…"
            item = QTreeWidgetItem([label])
            item.setData(0, ID_ROLE, row.id)
            item.setToolTip(0, row.id)
            parent = items.get(row.parent or "")
            (parent.addChild(item) if parent is not None else self.tree.addTopLevelItem(item))
            items[row.id] = item
        self.tree.expandAll()
        self.tree.blockSignals(False)
        target = select if select in items else (rows[0].id if rows else None)
        if target:
            self.tree.blockSignals(True)        # _select once, with keep_file
            self.tree.setCurrentItem(items[target])
            self.tree.blockSignals(False)
            self._select(target, keep_file)
        try:
            self.report_form.load(self.draft.document_values(), self.draft.numbering_levels())
        except BaocaoError:
            pass

    def _select(self, section_id: str | None, keep_file: bool = False) -> None:
        if section_id is None:
            return
        old = self._current
        if old and old != section_id and not self._applying:
            typed = self.section_form.take_typed()      # typed in the section being left: a step of that section
            if typed and self.change(lambda d: apply_section_values(d, old, typed), S.TAB_SECTION,
                                     old, show_first=section_id):
                return                                  # the rebuild has selected and shown *section_id*
        self._current = section_id
        self._edited = None
        try:
            values = self.draft.section_values(section_id)
        except BaocaoError:
            return
        rows = self.draft.sections()
        level = next((r.level for r in rows if r.id == section_id), 1)
        levels = self.draft.numbering_levels()
        guidance, _where = section_guidance(self.draft, section_id)
        self.section_form.load({**values, "guidance": guidance}, levels[level - 1] if level <= len(levels) else "khong")
        name = values.get("template")
        self.make_template.setVisible(not name)
        if name and name in self.draft.files and not keep_file:
            self.template_pane.files.setCurrentText(str(name))
        self.template_pane.set_variables(variables_for(section_id, [f.get("key", "") for f in values.get("fields", [])]))
        self.follow_section()

    def _section_changed(self, values: dict[str, Any]) -> None:
        section = self._current
        if section:
            values = {**self.section_form.take_typed(), **values}    # typed texts go in the same step
            self.change(lambda d: apply_section_values(d, section, values), S.TAB_SECTION, section)

    def _fields_changed(self, fields: list[dict[str, Any]]) -> None:
        section = self._current
        if section:
            self.change(lambda d: d.set_fields(section, fields), S.F_FIELDS, section)

    # ------------------------------------------------------------ tree actions
    def _ask_id(self) -> str | None:
        text, ok = QInputDialog.getText(self, S.ADD_TITLE, S.ADD_ASK_ID)
        return text.strip() if ok and text.strip() else None

    def add_section(self, new_id: str | None = None) -> bool:
        """A new section after the selected one (a sibling)."""
        new_id = new_id or self._ask_id()
        return bool(new_id) and self.change(
            lambda d: d.add_section(new_id, S.NEW_SECTION_TITLE, after=self._current), S.BTN_ADD, new_id)

    def add_child(self, new_id: str | None = None) -> bool:
        """A new last child of the selected section."""
        new_id = new_id or self._ask_id()
        return bool(new_id) and self.change(
            lambda d: d.add_section(new_id, S.NEW_SECTION_TITLE, parent=self._current), S.BTN_ADD_CHILD, new_id)

    def remove_section(self, confirm: bool = True) -> bool:
        """Remove the selected section and its subsections (undoable)."""
        section = self._current
        if not section:
            return False
        if confirm and QMessageBox.question(self, S.BTN_REMOVE, S.REMOVE_CONFIRM.format(title=section)) \
                != QMessageBox.StandardButton.Yes:
            return False
        return self.change(lambda d: d.remove_section(section), S.BTN_REMOVE, None)

    def move(self, delta: int) -> bool:
        """Move the selected section among its siblings."""
        section = self._current
        return bool(section) and self.change(lambda d: d.move_section(section, delta), S.BTN_UP, section)

    def indent(self) -> bool:
        """Nest the selected section under its previous sibling."""
        section = self._current
        return bool(section) and self.change(lambda d: d.indent_section(section), S.BTN_INDENT, section)

    def outdent(self) -> bool:
        """Move the selected section one level up."""
        section = self._current
        return bool(section) and self.change(lambda d: d.outdent_section(section), S.BTN_OUTDENT, section)

    def create_template(self) -> str | None:
        """Give the selected section its own template file and show it."""
        section = self._current
        if not section:
            return None
        holder: dict[str, str] = {}

        def make(d: PackDraft) -> PackDraft:
            new, name = d.ensure_template(section)
            holder["name"] = name
            return new

        self.change(make, S.BTN_MAKE_TEMPLATE, section)
        name = holder.get("name")
        if name:
            self.tabs.setCurrentIndex(1)
            self.template_pane.files.setCurrentText(name)
        return name

    def closeEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        self.commit_forms()
        if self.is_modified():
            answer = QMessageBox.question(self, S.UNSAVED_TITLE, S.UNSAVED_TEXT,
                                          QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                                          | QMessageBox.StandardButton.Cancel)
            if answer == QMessageBox.StandardButton.Cancel:
                event.ignore()
                return
            if answer == QMessageBox.StandardButton.Save:
                self.save()
                event.ignore()
                self.saved.connect(self.close)
                return
        super().closeEvent(event)
