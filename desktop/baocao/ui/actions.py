"""The window's actions, menus and toolbar (shortcuts via QAction only, never key handlers).

The toolbar's icons are the bundled SVGs of ``resources/icons/ui`` (set by
``ui/help/looks.py``), never ``QStyle`` standard icons: touching ``QStyle`` from
Python makes PySide build every one of its enums, which costs more start-up
time than the whole toolbar is worth.

Standard shortcuts come from ``QKeySequence.StandardKey`` so each platform
gets its own (Ctrl+S, Ctrl+Z …).  Redo also answers to both Ctrl+Y and
Ctrl+Shift+Z everywhere (``REDO_KEYS``): the platform's own Redo is only one of
them on Linux, and drafters used to Windows press Ctrl+Y.  A text box with its
own undo (a line edit, a comment box) keeps those keys for itself, as it does
for its platform's Redo (``LocalRedoFirst``).  Section navigation: Ctrl+PgDown / Alt+→
(next), Ctrl+PgUp / Alt+← (previous), Ctrl+Shift+PgDown (next empty).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit, QMenu, QPlainTextEdit, QTextEdit, QToolBar

from . import strings as S

if TYPE_CHECKING:  # pragma: no cover
    from .main_window import MainWindow

SK = QKeySequence.StandardKey
#: redo keys on every platform, beside the platform's own (Windows: Ctrl+Y; Linux, macOS: Ctrl+Shift+Z)
REDO_KEYS = ("Ctrl+Y", "Ctrl+Shift+Z")


@dataclass
class WindowActions:
    """Every QAction of the main window."""

    new: QAction
    open: QAction
    save: QAction
    save_as: QAction
    export_docx: QAction
    export_pdf: QAction
    quit: QAction
    undo: QAction
    redo: QAction
    bold: QAction
    italic: QAction
    footnote: QAction
    next: QAction
    prev: QAction
    next_empty: QAction
    details: QAction
    check: QAction
    refresh_preview: QAction
    focus_outline: QAction
    focus_editor: QAction
    focus_preview: QAction
    history: QAction
    named_version: QAction
    backups: QAction
    recent_menu: QMenu


def _action(window: "MainWindow", text: str, slot, shortcuts=(), tip: str = "") -> QAction:
    action = QAction(text, window)
    expanded: list[QKeySequence] = []
    for key in shortcuts:
        if isinstance(key, QKeySequence.StandardKey):
            expanded.extend(QKeySequence.keyBindings(key))
        else:
            expanded.append(QKeySequence(key))
    expanded = list({sequence.toString(): sequence for sequence in expanded}.values())   # each key once
    if expanded:
        action.setShortcuts(expanded)
    if tip:
        action.setStatusTip(tip)
    action.triggered.connect(slot)
    window.addAction(action)   # shortcuts work even with the menu bar hidden
    return action


def _own_undo_box(widget: object) -> QLineEdit | QTextEdit | QPlainTextEdit | None:
    """*widget* when it is an editable text box with its own undo (not the body or notes: theirs is off)."""
    if isinstance(widget, QLineEdit):
        return widget if not widget.isReadOnly() else None
    if isinstance(widget, (QTextEdit, QPlainTextEdit)):
        return widget if not widget.isReadOnly() and widget.document().isUndoRedoEnabled() else None
    return None


class LocalRedoFirst(QObject):
    """On the window's Redo action: a redo key the platform does not call Redo goes to the focused text box
    when that box has its own undo — as the platform's own Redo key does — instead of redoing the draft."""

    def __init__(self, action: QAction):
        super().__init__(action)
        self.native = {s.toString() for s in QKeySequence.keyBindings(SK.Redo)}
        action.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        """Redo in the focused text box for a non-native redo key; everything else goes on to the action."""
        if event.type() == QEvent.Type.Shortcut and event.key().toString() not in self.native:
            box = _own_undo_box(QApplication.focusWidget())
            if box is not None:
                box.redo()
                return True
        return super().eventFilter(watched, event)


def _stack_action(window: "MainWindow", text: str, stack, which: str, keys: list) -> QAction:
    """Undo or redo with a fixed label (the toolbar button keeps its width); what it undoes is in the tooltip."""
    action = _action(window, text, getattr(stack, which), keys)
    can = stack.canUndo if which == "undo" else stack.canRedo
    label = stack.undoText if which == "undo" else stack.redoText
    changed = stack.undoTextChanged if which == "undo" else stack.redoTextChanged
    can_changed = stack.canUndoChanged if which == "undo" else stack.canRedoChanged

    def describe(what: str) -> None:
        plain = text.replace("&", "")
        action.setToolTip(f"{plain}: {what}" if what else plain)

    action.setEnabled(can())
    describe(label())
    can_changed.connect(action.setEnabled)
    changed.connect(describe)
    return action


def _roundtrip_toggle(window: "MainWindow") -> QAction:
    """The File menu's checkable «Kèm số liệu để nhập lại», kept in the settings."""
    settings = window.controller.settings
    action = QAction(S.ACT_ROUNDTRIP_DATA, window)
    action.setCheckable(True)
    action.setChecked(settings.roundtrip_data())
    action.setStatusTip(S.TIP_ROUNDTRIP_DATA)
    action.setToolTip(S.TIP_ROUNDTRIP_DATA)
    action.toggled.connect(settings.set_roundtrip_data)
    window.roundtrip_action = action
    return action


def build_actions(window: "MainWindow") -> WindowActions:
    """Create the actions, the menu bar and the toolbar of *window*."""
    c = window.controller
    undo = _stack_action(window, S.ACT_UNDO, c.undo_stack, "undo", [SK.Undo])
    redo = _stack_action(window, S.ACT_REDO, c.undo_stack, "redo", [SK.Redo, *REDO_KEYS])
    LocalRedoFirst(redo)
    acts = WindowActions(
        new=_action(window, S.ACT_NEW, c.new_draft, [SK.New]),
        open=_action(window, S.ACT_OPEN, c.open_dialog, [SK.Open]),
        save=_action(window, S.ACT_SAVE, c.save, [SK.Save]),
        save_as=_action(window, S.ACT_SAVE_AS, lambda: c.save_as(), [SK.SaveAs]),
        export_docx=_action(window, S.ACT_EXPORT_DOCX, lambda: c.export("docx"), ["Ctrl+E"]),
        export_pdf=_action(window, S.ACT_EXPORT_PDF, lambda: c.export("pdf"), ["Ctrl+Shift+E"]),
        quit=_action(window, S.ACT_QUIT, window.close, [SK.Quit]),
        undo=undo,
        redo=redo,
        bold=_action(window, S.ACT_BOLD, window.toggle_bold, [SK.Bold]),
        italic=_action(window, S.ACT_ITALIC, window.toggle_italic, [SK.Italic]),
        footnote=_action(window, S.ACT_FOOTNOTE, window.insert_footnote, ["Ctrl+Alt+F"]),
        next=_action(window, S.ACT_NEXT, lambda: window.go(1), ["Ctrl+PgDown", "Alt+Right"]),
        prev=_action(window, S.ACT_PREV, lambda: window.go(-1), ["Ctrl+PgUp", "Alt+Left"]),
        next_empty=_action(window, S.ACT_NEXT_EMPTY, window.go_next_empty, ["Ctrl+Shift+PgDown"]),
        details=_action(window, S.ACT_DETAILS, window.edit_details, ["Ctrl+Shift+I"]),
        check=_action(window, S.ACT_CHECK, window.check_all, ["F7"]),
        refresh_preview=_action(window, S.ACT_REFRESH_PREVIEW, window.preview.refresh_now, [SK.Refresh]),
        focus_outline=_action(window, S.ACT_FOCUS_OUTLINE, lambda: window.outline.tree.setFocus(), ["Ctrl+1"]),
        focus_editor=_action(window, S.ACT_FOCUS_EDITOR, window.focus_editor, ["Ctrl+2"]),
        focus_preview=_action(window, S.ACT_FOCUS_PREVIEW, lambda: window.preview.setFocus(), ["Ctrl+3"]),
        history=_action(window, S.ACT_HISTORY, window.safekeeping.show_history, ["Ctrl+Shift+H"]),
        named_version=_action(window, S.ACT_NAMED_VERSION, window.safekeeping.save_named_version),
        backups=_action(window, S.ACT_BACKUPS, window.safekeeping.show_backups),
        recent_menu=QMenu(S.MENU_RECENT, window),
    )
    acts.footnote.setToolTip(S.ACT_FOOTNOTE.replace("&", "") + " (Ctrl+Alt+F)")
    acts.export_pdf.setVisible(False)       # until show_pdf_export (after the first paint: it looks for LibreOffice)
    acts.export_pdf.setEnabled(False)
    acts.recent_menu.aboutToShow.connect(lambda: fill_recent_menu(window, acts.recent_menu))
    _menus(window, acts)
    _toolbar(window, acts)
    return acts


def _menus(window: "MainWindow", a: WindowActions) -> None:
    bar = window.menuBar()
    file_menu = bar.addMenu(S.MENU_FILE)
    file_menu.addActions([a.new, a.open])
    file_menu.addMenu(a.recent_menu)
    file_menu.addSeparator()
    file_menu.addActions([a.save, a.save_as])
    file_menu.addSeparator()
    file_menu.addActions([a.named_version, a.history, a.backups])
    file_menu.addSeparator()
    file_menu.addActions([a.export_docx, a.export_pdf])
    file_menu.addAction(_roundtrip_toggle(window))
    file_menu.addSeparator()
    file_menu.addAction(a.quit)
    edit_menu = bar.addMenu(S.MENU_EDIT)
    edit_menu.addActions([a.undo, a.redo])
    edit_menu.addSeparator()
    edit_menu.addActions([a.bold, a.italic, a.footnote])
    go_menu = bar.addMenu(S.MENU_GO)
    go_menu.addActions([a.prev, a.next, a.next_empty])
    go_menu.addSeparator()
    go_menu.addActions([a.focus_outline, a.focus_editor, a.focus_preview])
    report_menu = bar.addMenu(S.MENU_REPORT)
    report_menu.addActions([a.details, a.check, a.refresh_preview])


def show_pdf_export(acts: WindowActions, available: bool) -> None:
    """Offer «Xuất PDF» only when LibreOffice is installed."""
    acts.export_pdf.setVisible(available)
    acts.export_pdf.setEnabled(available)


def _toolbar(window: "MainWindow", a: WindowActions) -> None:
    bar = QToolBar("Công cụ", window)
    bar.setObjectName("toolbar")
    bar.setMovable(False)
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    for action, text in ((a.new, "Mới"), (a.open, "Mở"), (a.save, "Lưu")):
        action.setIconText(text)
        bar.addAction(action)
    bar.addSeparator()
    bar.addActions([a.undo, a.redo])
    bar.addSeparator()
    for action, text in ((a.bold, "Đậm"), (a.italic, "Nghiêng"), (a.footnote, "Chú thích")):
        action.setIconText(text)
        bar.addAction(action)
    bar.addSeparator()
    for action, text in ((a.prev, "Mục trước"), (a.next, "Mục sau"), (a.next_empty, "Mục trống")):
        action.setIconText(text)
        bar.addAction(action)
    bar.addSeparator()
    a.export_docx.setIconText("Xuất Word")
    bar.addAction(a.export_docx)
    window.addToolBar(bar)


def fill_recent_menu(window: "MainWindow", menu: QMenu) -> None:
    """List the recent files (numbered &1 … for the keyboard)."""
    menu.clear()
    files = window.settings.recent_files()
    if not files:
        empty = menu.addAction(S.RECENT_EMPTY)
        empty.setEnabled(False)
        return
    for index, path in enumerate(files, start=1):
        prefix = f"&{index} " if index < 10 else ""
        action = menu.addAction(prefix + path.replace("&", "&&"))
        action.triggered.connect(lambda _=False, p=path: window.controller.open_path(p))
    menu.addSeparator()
    menu.addAction(S.RECENT_CLEAR, window.settings.clear_recent)
