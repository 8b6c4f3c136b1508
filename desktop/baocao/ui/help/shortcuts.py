"""The keyboard shortcuts page, generated from the window's own actions and menus.

Nothing is written by hand: every QAction of the window with a text is
listed with its shortcuts (as the platform spells them) and the menu it is
in, so the page cannot drift from what the keys really do.  ``clashes`` finds
two actions sharing a key and keys reserved by Vietnamese input methods.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from . import strings as S

#: Keys Unikey and EVKey use by default to switch input mode: never a shortcut of ours.
RESERVED_KEYS = ("Alt+Z",)
#: Qt key codes from here on are media and vendor keys ("New", "Save", "Undo" keys of some keyboards):
#: real bindings, but not what a drafter types, so the page does not list them.
FIRST_MEDIA_KEY = 0x01000060


def typed_keys(action: QAction) -> list[QKeySequence]:
    """The shortcuts of *action* a person types on an ordinary keyboard."""
    return [s for s in action.shortcuts() if s.count() and int(s[0].key()) < FIRST_MEDIA_KEY]


def plain(text: str) -> str:
    """An action's text without "&" markers and trailing dots."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def menu_paths(window: QMainWindow) -> dict[QAction, str]:
    """Each action reachable from the menu bar → "Tệp › Xuất …"."""
    paths: dict[QAction, str] = {}

    def walk(menu: QMenu, prefix: str) -> None:
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu(), f"{prefix} › {plain(action.text())}")
            elif not action.isSeparator():
                paths.setdefault(action, prefix)

    for top in window.menuBar().actions():
        if top.menu() is not None:
            walk(top.menu(), plain(top.text()))
    return paths


def shortcut_rows(window: QMainWindow) -> list[tuple[str, str, str]]:
    """(command, shortcuts, menu) of every named action of *window*, menus first, in menu order."""
    paths = menu_paths(window)
    actions = list(paths) + [a for a in window.findChildren(QAction) if a not in paths]
    rows: list[tuple[str, str, str]] = []
    seen: set[int] = set()
    for action in actions:
        if id(action) in seen or not action.text() or action.isSeparator() or action.menu() is not None:
            continue
        seen.add(id(action))
        keys = ", ".join(s.toString(QKeySequence.SequenceFormat.NativeText) for s in typed_keys(action))
        if not keys and action not in paths:
            continue
        rows.append((plain(action.text()), keys or S.SHORTCUTS_NONE, paths.get(action, "")))
    return rows


def clashes(window: QMainWindow) -> list[str]:
    """Keys bound to two window-wide actions of *window*, and reserved keys in use (empty: none).

    Actions of one pane only (``WidgetWithChildrenShortcut``, e.g. Esc in the
    footnotes) may reuse a key: they never compete with each other.
    """
    owner: dict[str, str] = {}
    problems: list[str] = []
    wide = (Qt.ShortcutContext.WindowShortcut, Qt.ShortcutContext.ApplicationShortcut)
    for action in window.findChildren(QAction):
        for sequence in action.shortcuts():
            if action.shortcutContext() not in wide:
                if sequence.toString(QKeySequence.SequenceFormat.PortableText) in RESERVED_KEYS:
                    problems.append(f"{sequence.toString()}: {plain(action.text())}")
                continue
            key = sequence.toString(QKeySequence.SequenceFormat.PortableText)
            if key in RESERVED_KEYS:
                problems.append(f"{key}: {plain(action.text())}")
            if key in owner and owner[key] != plain(action.text()):
                problems.append(f"{key}: {owner[key]} / {plain(action.text())}")
            owner.setdefault(key, plain(action.text()))
    return problems


def shortcuts_html(window: QMainWindow) -> str:
    """The shortcuts page as HTML."""
    body = "".join(f"<tr><td>{escape(name)}</td><td><b>{escape(keys)}</b></td><td>{escape(menu)}</td></tr>"
                   for name, keys, menu in shortcut_rows(window))
    head = "".join(f"<th align='left'>{escape(c)}</th>" for c in S.SHORTCUTS_COLS)
    return (f"<h1>{escape(S.SHORTCUTS_TITLE)}</h1><p>{escape(S.SHORTCUTS_INTRO)}</p>"
            f"<table cellpadding='4' cellspacing='0' border='1' width='100%'><tr>{head}</tr>{body}</table>"
            "<p><a href='huong-dan.html'>← Hướng dẫn sử dụng</a></p>")
