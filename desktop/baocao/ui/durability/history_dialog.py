"""History of a draft: versions kept inside the file; preview, restore a section or everything, name a version.

The window (menu "Tệp › Lịch sử phiên bản…")::

    HistoryDialog(session, apply_edit=undo_stack_push, parent=window).exec()

``apply_edit`` receives the restoring ``Edit`` (``RestoreSection`` or
``ReplaceDraft``): the window pushes it on its undo stack (which calls
``session.apply``), so every restore can be undone with Ctrl+Z.

``record_named(name)`` (default: the parent window's ``record_named_version``
when it has one — the review room gives it) is called right before a named
version is saved, so the version records who saved it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPlainTextEdit, QPushButton, QSplitter, QVBoxLayout,
    QWidget,
)

from ...edits import Edit
from ...errors import BaocaoError
from ...model.draft import Draft
from ...session import DraftSession
from ...storage.history import VersionInfo
from .common import (
    AskText, Confirm, ask_text_with, changed_sections, confirm_with, section_preview, section_titles, show_error,
)

TITLE = "Lịch sử phiên bản"


SEED_TIP = "Phiên bản có sẵn trong bản mẫu (tệp mẫu không chứa lịch sử nên được ghi kèm trong bản mẫu)"


def _sample_versions(session: DraftSession, parent: QWidget | None) -> list:
    """The sample's named versions (``review.seeds``), as the compare view offers them; none for other drafts."""
    from ...review.seeds import seed_versions

    shipped = getattr(getattr(parent, "review", None), "shipped", None)
    return seed_versions(session.draft, shipped)


def _captioned(widget: QWidget, caption: str) -> QWidget:
    """*widget* under a bold caption that names it (Alt+letter goes to it)."""
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    label = QLabel(f"<b>{caption}</b>")
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setBuddy(widget)
    widget.setAccessibleName(caption.replace("&", ""))
    column.addWidget(label)
    column.addWidget(widget, 1)
    return box


class HistoryDialog(QDialog):
    """Versions (left), sections of the chosen version (middle), the section's text (right)."""

    def __init__(self, session: DraftSession, apply_edit: Callable[[Edit], object] | None = None,
                 parent: QWidget | None = None, confirm: Confirm | None = None, ask_text: AskText | None = None,
                 titles: dict[str, str] | None = None, record_named: Callable[[str], object] | None = None):
        super().__init__(parent)
        self.record_named = record_named or getattr(parent, "record_named_version", None)
        self.setWindowTitle(f"{TITLE} — {session.display_name()}")
        self.session = session
        self.apply_edit = apply_edit or session.apply
        self.confirm = confirm or confirm_with(self)
        self.ask_text = ask_text or ask_text_with(self)
        self.titles = titles or section_titles(session.pack)     # numbered, as the outline shows them
        self.applied: list[Edit] = []
        self._versions: list[VersionInfo] = []
        self._seeds = _sample_versions(session, parent)     # the bundled sample's versions, listed after the history
        self._labels: list[str] = []
        self._content: Draft | None = None

        self.versions = QListWidget()
        self.sections = QListWidget()
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.restore_section_button = QPushButton("Khôi phục &mục này")
        self.restore_all_button = QPushButton("Khôi phục &toàn bộ")
        self.name_button = QPushButton("Lưu phiên bản có &tên…")
        self.close_button = QPushButton("Đó&ng")
        self.restore_section_button.clicked.connect(self.restore_section)
        self.restore_all_button.clicked.connect(self.restore_all)
        self.name_button.clicked.connect(self.save_named)
        self.close_button.clicked.connect(self.accept)
        self.versions.currentRowChanged.connect(self._version_chosen)
        self.sections.currentRowChanged.connect(self._section_chosen)

        split = QSplitter(Qt.Orientation.Horizontal)
        for widget, caption in ((self.versions, "&Phiên bản đã lưu"), (self.sections, "Các &mục của phiên bản"),
                                (self.preview, "&Nội dung mục (chỉ xem)")):
            split.addWidget(_captioned(widget, caption))
        split.setSizes([230, 230, 420])
        buttons = QHBoxLayout()
        for button in (self.restore_section_button, self.restore_all_button, self.name_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.name_button.setEnabled(not session.read_only)
        self.resize(940, 520)
        self.refresh()

    # ------------------------------------------------------------ lists
    def refresh(self) -> None:
        """Reload the list of versions."""
        try:
            self._versions = self.session.versions()
        except BaocaoError as exc:
            show_error(self, TITLE, exc)
            self._versions = []
        self.versions.clear()
        from ...review.version_list import version_choices

        self._labels = [c.label for c in version_choices(self._versions, self._seeds)]   # told apart
        for row, label in enumerate(self._labels):
            entry = QListWidgetItem(label)
            version = self._versions[row] if row < len(self._versions) else None
            entry.setToolTip(SEED_TIP if version is None else f"Người lưu: {version.author}" if version.author
                             else "")
            self.versions.addItem(entry)
        if self._labels:
            self.versions.setCurrentRow(0)
        else:
            self._version_chosen(-1)

    def current_version(self) -> VersionInfo | None:
        row = self.versions.currentRow()
        return self._versions[row] if 0 <= row < len(self._versions) else None

    def current_seed(self):
        """The sample version chosen (``review.seeds.SeedVersion``), or None."""
        row = self.versions.currentRow() - len(self._versions)
        return self._seeds[len(self._seeds) - 1 - row] if 0 <= row < len(self._seeds) else None

    def _chosen_label(self) -> str:
        row = self.versions.currentRow()
        return self._labels[row] if 0 <= row < len(self._labels) else ""

    def _restore_edit(self, section_id: str | None = None) -> Edit | None:
        version, seed = self.current_version(), self.current_seed()
        if version is not None:
            return self.session.version_edit(version.id, section_id)
        if seed is None:
            return None
        from ...edits import ReplaceDraft, RestoreSection
        from ...model.draft import SectionData

        if section_id is not None:
            return RestoreSection.make(self.session.draft, section_id,
                                       seed.draft.sections.get(section_id) or SectionData())
        return ReplaceDraft.make(self.session.draft, seed.draft)

    def current_section(self) -> str | None:
        entry = self.sections.currentItem()
        return entry.data(Qt.ItemDataRole.UserRole) if entry is not None else None

    def select_version(self, version_id: int) -> None:
        """Select a version by id (keyboard users and tests)."""
        for row, version in enumerate(self._versions):
            if version.id == version_id:
                self.versions.setCurrentRow(row)

    def select_section(self, section_id: str) -> None:
        """Select a section of the shown version by id."""
        for row in range(self.sections.count()):
            if self.sections.item(row).data(Qt.ItemDataRole.UserRole) == section_id:
                self.sections.setCurrentRow(row)

    def _version_chosen(self, row: int) -> None:
        self.sections.clear()
        self.preview.setPlainText("")
        version, seed = self.current_version(), self.current_seed()
        self._content = seed.draft if seed is not None else None
        if version is not None:
            try:
                self._content = self.session.view_version(version.id)
            except BaocaoError as exc:
                self.status.setText(exc.message)
        enabled = self._content is not None and not self.session.read_only
        self.restore_all_button.setEnabled(enabled)
        self.restore_section_button.setEnabled(False)
        if self._content is None:
            return
        changed = set(changed_sections(self._content, self.session.draft))
        order = [s for s in self.session.section_order() if s in self._content.sections]
        order += [s for s in self._content.sections if s not in order]
        for section_id in order:
            mark = "  (khác bản hiện tại)" if section_id in changed else ""
            entry = QListWidgetItem(self.titles.get(section_id, section_id) + mark)
            entry.setData(Qt.ItemDataRole.UserRole, section_id)
            self.sections.addItem(entry)
        self.status.setText(f"{len(changed)} mục khác với bản đang soạn." if changed else
                            "Giống bản đang soạn.")

    def _section_chosen(self, row: int) -> None:
        section_id = self.current_section()
        if self._content is None or section_id is None:
            self.preview.setPlainText("")
            self.restore_section_button.setEnabled(False)
            return
        self.preview.setPlainText(section_preview(self._content.sections.get(section_id)))
        self.restore_section_button.setEnabled(not self.session.read_only)

    # ------------------------------------------------------------ actions
    def restore_section(self) -> None:
        """Put the chosen section back as it was in the chosen version (undoable)."""
        section_id, label = self.current_section(), self._chosen_label()
        edit = self._restore_edit(section_id) if section_id is not None else None
        if edit is None:
            return
        self._apply(edit)
        self.status.setText(f"Đã khôi phục mục «{self.titles.get(section_id, section_id)}» "
                            f"từ phiên bản «{label}» (có thể hoàn tác bằng Ctrl+Z).")
        self._version_chosen(self.versions.currentRow())

    def restore_all(self) -> None:
        """Make the whole draft as it was in the chosen version (asked first; undoable)."""
        label = self._chosen_label()
        if not label or not self.confirm(TITLE, f"Đưa toàn bộ bản thảo về phiên bản «{label}»?\n"
                                                "Có thể hoàn tác bằng Ctrl+Z."):
            return
        edit = self._restore_edit()
        if edit is None:
            return
        self._apply(edit)
        self.status.setText(f"Đã khôi phục toàn bộ theo phiên bản «{label}».")
        self._version_chosen(self.versions.currentRow())

    def _apply(self, edit: Edit) -> None:
        self.apply_edit(edit)
        self.applied.append(edit)

    def save_named(self) -> None:
        """Save now and keep this state under a name."""
        name = self.ask_text("Lưu phiên bản có tên", "Tên phiên bản (ví dụ: Gửi lãnh đạo duyệt 12/6):")
        if not name:
            return
        try:
            if callable(self.record_named):
                self.record_named(name)          # who saved it (an undoable edit of the draft)
            self.session.save_named_version(name)
        except BaocaoError as exc:
            show_error(self, TITLE, exc)
            return
        self.refresh()
        self.status.setText(f"Đã lưu phiên bản «{name}».")
