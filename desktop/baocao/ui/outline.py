"""Left pane: the report's outline with a status per section and overall progress."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QFontMetrics
from PySide6.QtWidgets import (
    QHeaderView, QLabel, QStyledItemDelegate, QStyleOptionViewItem, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from ..constants import SectionStatus
from ..model.draft import Draft
from ..template.manifest import Pack
from . import strings as S
from .icons import STATUS_COLOURS, status_icon
from .navigation import Entry, Progress, is_appendix_key, leaf_progress, outline_entries

KEY_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_PADDING = 6
#: wrapped heights remembered by the outline's delegate (cleared when full: titles × widths seen)
HEIGHT_CACHE_SIZE = 4000
#: the outline's least width: titles stay readable when a narrow window (800 px) shrinks every pane
OUTLINE_MIN_WIDTH = 230


def upper_first(text: str) -> str:
    """*text* with its first letter in upper case and the rest as written («UBND» stays «UBND»)."""
    return text[:1].upper() + text[1:]


def appendix_row_text(label: str, title: str) -> str:
    """The outline's row for an appendix: "Phụ lục 01 — Kết quả …"."""
    return f"{label} — {upper_first(title)}"


class WrappingDelegate(QStyledItemDelegate):
    """Titles wrap onto as many lines as the column's width needs, instead of being cut."""

    def __init__(self, tree: QTreeWidget):
        super().__init__(tree)
        self.tree = tree
        #: (text, width, font key, icon size) → the row's size: every layout pass asks again for every row
        #: (several passes before the first paint), and the style's own measure is the costly part
        self._heights: dict[tuple[str, int, str, int, int], QSize] = {}

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802 (Qt API)
        if index.column() != 0:
            return super().sizeHint(option, index)
        depth, parent = 0, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        decoration = option.decorationSize
        icon = decoration.width() + 8 if index.data(Qt.ItemDataRole.DecorationRole) else 0
        width = self.tree.header().sectionSize(0) - self.tree.indentation() * (depth + 1) - (icon or 4) - 4
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        if width <= 40 or not text:
            return super().sizeHint(option, index)
        font = index.data(Qt.ItemDataRole.FontRole) or option.font
        key = (text, width, font.key(), icon, decoration.height())
        size = self._heights.get(key)
        if size is None:
            if len(self._heights) > HEIGHT_CACHE_SIZE:
                self._heights.clear()
            natural = super().sizeHint(option, index)
            flags = int(Qt.TextFlag.TextWordWrap)
            height = QFontMetrics(font).boundingRect(QRect(0, 0, width, 10_000), flags, text).height()
            size = self._heights[key] = QSize(natural.width(), max(natural.height(), height + ROW_PADDING))
        return QSize(size)


class OutlineView(QWidget):
    """Tree of sections (I., 1., a)) and appendices; emits the key of the chosen entry."""

    entrySelected = Signal(str)
    extraSelected = Signal(str)     # a row of the extra group at the end (``set_extra_rows``) was chosen

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderHidden(True)
        self.tree.setColumnCount(2)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        # long titles wrap onto a second line (readable at 1366×768); the full title is also the tooltip
        self.tree.setUniformRowHeights(False)
        self.tree.setAccessibleName(S.OUTLINE_TITLE)
        self.tree.setWordWrap(True)
        self.tree.setIndentation(14)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.tree.setItemDelegate(WrappingDelegate(self.tree))
        # the status column does not wrap: Qt's own delegate, so its many size questions (the header
        # sizes it to its contents at every layout pass) never call into Python
        self.tree.setItemDelegateForColumn(1, QStyledItemDelegate(self.tree))
        header.sectionResized.connect(lambda *_: self.tree.scheduleDelayedItemsLayout())
        self.progress = QLabel(self)
        self.progress.setWordWrap(True)
        self.progress.setToolTip(S.PROGRESS_TIP)
        self.progress.setAccessibleName(S.PROGRESS_TIP)
        title = QLabel(f"<b>{S.OUTLINE_TITLE}</b>", self)
        self.setMinimumWidth(OUTLINE_MIN_WIDTH)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 0, 6)
        layout.addWidget(title)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.progress)
        self._items: dict[str, QTreeWidgetItem] = {}
        self._entries: list[Entry] = []
        self._entry_of: dict[str, Entry] = {}
        self._shown: dict[str, SectionStatus] = {}       # status each row shows now
        self._progress: Progress | None = None
        self._extra_root: QTreeWidgetItem | None = None
        self._extra_items: dict[str, QTreeWidgetItem] = {}
        self.tree.currentItemChanged.connect(self._current_changed)

    # ------------------------------------------------------------ building
    def set_pack(self, pack: Pack, draft: Draft) -> None:
        """Rebuild the tree for *pack* and show *draft*'s statuses."""
        self.tree.blockSignals(True)
        self.tree.setUpdatesEnabled(False)
        self.tree.clear()
        self._items.clear()
        self._extra_root, self._extra_items = None, {}
        self._shown.clear()
        self._progress = None
        self._entries = outline_entries(pack)
        self._entry_of = {e.key: e for e in self._entries}
        # Rows are built detached and added to the tree at once, statuses included: one layout
        # pass instead of one per row (the wrapping rows measure their text at every pass).
        top: list[QTreeWidgetItem] = []
        appendix_root: QTreeWidgetItem | None = None
        bold = None
        for entry in self._entries:
            if entry.appendix is not None:
                if appendix_root is None:
                    appendix_root = QTreeWidgetItem([S.OUTLINE_APPENDICES])
                    appendix_root.setFlags(Qt.ItemFlag.ItemIsEnabled)
                    font = appendix_root.font(0)
                    font.setBold(True)
                    appendix_root.setFont(0, font)
                    top.append(appendix_root)
                item = QTreeWidgetItem(appendix_root, [appendix_row_text(entry.label, entry.title)])
            else:
                parent = self._items.get(entry.parent) if entry.parent else None
                text = f"{entry.label} {entry.title}".strip()
                item = QTreeWidgetItem(parent, [text]) if parent is not None else QTreeWidgetItem([text])
                if parent is None:
                    top.append(item)
                if entry.level == 1:
                    if bold is None:
                        bold = item.font(0)
                        bold.setBold(True)
                    item.setFont(0, bold)
            item.setData(0, KEY_ROLE, entry.key)
            item.setToolTip(0, f"{entry.label} {entry.title}".strip())
            self._items[entry.key] = item
        self.refresh_statuses(pack, draft)
        self.tree.addTopLevelItems(top)
        # every branch open, like expandAll() — which lays out (measures) every row at once, while expanding
        # each item only records it for the layout pass already due
        for item in [*self._items.values(), *([appendix_root] if appendix_root is not None else [])]:
            if item.childCount():
                item.setExpanded(True)
        self.tree.setUpdatesEnabled(True)
        self.tree.blockSignals(False)

    def refresh_statuses(self, pack: Pack, draft: Draft, keys: list[str] | None = None) -> None:
        """Show the status of *keys* (default: every section) and the progress line.

        Called after every edit, so it touches only rows whose status really
        changed: typing in a section normally changes nothing here.
        """
        for key in keys if keys is not None else [e.key for e in self._entries]:
            if key in self._items and not is_appendix_key(key):
                self.set_status(key, draft.section(key).shown_status())
        progress = leaf_progress(pack, draft)
        if progress != self._progress:
            self._progress = progress
            self.progress.setText(S.PROGRESS.format(done=progress.done, total=progress.total,
                                                    writing=progress.writing, empty=progress.empty))

    def set_status(self, key: str, status: SectionStatus) -> None:
        """Show *status* on the row of *key* (nothing to do when it already shows it)."""
        item = self._items.get(key)
        if item is None or self._shown.get(key) is status:
            return
        self._shown[key] = status
        item.setIcon(0, status_icon(status))
        item.setText(1, status.label)
        item.setForeground(1, QBrush(STATUS_COLOURS[status]))
        item.setData(0, Qt.ItemDataRole.AccessibleDescriptionRole, status.label)
        item.setToolTip(0, self._tooltip(key))
        if status is SectionStatus.NEEDS_WORK:
            item.setForeground(0, QBrush(STATUS_COLOURS[status]))
        else:
            item.setData(0, Qt.ItemDataRole.ForegroundRole, None)

    def _tooltip(self, key: str) -> str:
        entry = self._entry_of[key]
        status = self._shown.get(key)
        text = f"{entry.label} {entry.title}".strip()
        return f"{text} — {status.label}" if status is not None else text

    def update_titles(self, titles: dict[str, str]) -> None:
        """Replace titles whose template text could only be resolved by rendering (period, year …)."""
        for entry in self._entries:
            title = titles.get(entry.key)
            item = self._items.get(entry.key)
            if not title or item is None or title == entry.title:
                continue
            entry.title = title
            if entry.appendix is not None:
                item.setText(0, appendix_row_text(entry.label, title))
            else:
                item.setText(0, f"{entry.label} {title}".strip())
            item.setToolTip(0, self._tooltip(entry.key))

    def numbered_titles(self) -> dict[str, str]:
        """Section id → "label title" as the outline shows it (template expressions resolved by the last render)."""
        return {e.key: f"{e.label} {e.title}".strip() for e in self._entries if not is_appendix_key(e.key)}

    def title_of(self, key: str) -> str:
        """The title shown for *key*."""
        return next((e.title for e in self._entries if e.key == key), "")

    # ------------------------------------------------------------ selection
    def keys(self) -> list[str]:
        """Entry keys in outline order."""
        return [e.key for e in self._entries]

    def current_key(self) -> str | None:
        """Key of the selected entry."""
        item = self.tree.currentItem()
        return item.data(0, KEY_ROLE) if item is not None else None

    def set_extra_rows(self, title: str | None, rows: list[tuple[str, str]]) -> None:
        """A group *title* at the end of the tree with one row (key, text) each, e.g. "Nội dung chưa xếp mục (2)".

        Choosing a row emits ``extraSelected(key)``, not ``entrySelected``; None or no rows removes the group.
        Rows already shown are updated in place (the current row stays current).
        """
        if not title or not rows:
            if self._extra_root is not None:
                self.tree.takeTopLevelItem(self.tree.indexOfTopLevelItem(self._extra_root))
                self._extra_root, self._extra_items = None, {}
            return
        if self._extra_root is None:
            self._extra_root = QTreeWidgetItem(self.tree, [title])
            self._extra_root.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = self._extra_root.font(0)
            font.setBold(True)
            self._extra_root.setFont(0, font)
        if self._extra_root.text(0) != title:
            self._extra_root.setText(0, title)
        wanted = dict(rows)
        for key in [k for k in self._extra_items if k not in wanted]:
            self._extra_root.removeChild(self._extra_items.pop(key))
        for index, (key, text) in enumerate(rows):
            item = self._extra_items.get(key)
            if item is None:
                item = self._extra_items[key] = QTreeWidgetItem([text])
                item.setData(0, KEY_ROLE, key)
                self._extra_root.insertChild(index, item)
            if item.text(0) != text:
                item.setText(0, text)
                item.setToolTip(0, text)
        self._extra_root.setExpanded(True)

    def extra_keys(self) -> list[str]:
        """Keys of the extra group's rows, in the order shown."""
        root = self._extra_root
        return [root.child(i).data(0, KEY_ROLE) for i in range(root.childCount())] if root is not None else []

    def select(self, key: str) -> None:
        """Select *key* (emits ``entrySelected`` when it changes)."""
        item = self._items.get(key) or self._extra_items.get(key)
        if item is not None:
            self.tree.setCurrentItem(item)
            self.tree.scrollToItem(item)

    def status_text(self, key: str) -> str:
        """Status label shown for *key* (tests, accessibility)."""
        item = self._items.get(key)
        return str(item.data(0, Qt.ItemDataRole.AccessibleDescriptionRole) or "") if item else ""

    def _current_changed(self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        key = current.data(0, KEY_ROLE) if current is not None else None
        if key and key in self._extra_items and key not in self._items:
            self.extraSelected.emit(key)
        elif key:
            self.entrySelected.emit(key)
