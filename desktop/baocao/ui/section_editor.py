"""Centre pane for one section: title, status, guidance, fields, body, notes and findings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from html import escape

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox, QFrame, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QScrollArea, QSplitter,
    QTabWidget, QVBoxLayout, QWidget,
)

from ..constants import SectionStatus
from ..model.draft import SectionData
from ..model.richtext import Note
from ..template.manifest import AppendixSpec, SectionSpec
from . import strings as S
from .checks import strings as CS
from .fields_form import FieldsForm
from .guidance import GuidancePanel
from .icons import status_icon
from .navigation import display_title
from .notes_panel import NotesPanel
from .richtext_editor import BodyEditor

FIELDS_MAX_HEIGHT = 150
BODY_MIN_HEIGHT = 100      # the body and the notes tab keep a few lines on a 768-pixel screen
TABS_MIN_HEIGHT = 76
FIELDS_MIN_HEIGHT = 62     # two rows: on a short window the fields scroll instead of growing it
#: row of each status in the status selector (filled in SectionStatus order)
STATUS_INDEX = {status: index for index, status in enumerate(SectionStatus)}

if TYPE_CHECKING:  # pragma: no cover
    from ..checks import Finding


class _FieldsArea(QScrollArea):
    """The fields' scroll area: it asks for all its rows (up to its maximum) and gives way on a short window."""

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        hint = super().sizeHint()
        inner = self.widget()
        wanted = (inner.sizeHint().height() + 2 * self.frameWidth()) if inner is not None else hint.height()
        return QSize(hint.width(), min(wanted, self.maximumHeight()))


class SectionEditor(QWidget):
    """Edits the section chosen in the outline; every change leaves as a signal for an undoable edit."""

    bodyEdited = Signal(str)                 # section id
    fieldEdited = Signal(str, str, object)   # section id, field key, value
    statusChosen = Signal(str, object)       # section id, SectionStatus
    appendixRequested = Signal(str)          # appendix id

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.section_id: str | None = None
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.status = QComboBox(self)
        for status in SectionStatus:
            self.status.addItem(status_icon(status), status.label, status.value)
        status_label = QLabel(S.STATUS_LABEL, self)
        status_label.setBuddy(self.status)
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(status_label)
        header.addWidget(self.status)

        self.guidance = GuidancePanel(self)
        self.fields = FieldsForm()
        self.fields_area = _FieldsArea(self)
        self.fields_area.setWidget(self.fields)
        self.fields_area.setWidgetResizable(True)
        self.fields_area.setFrameShape(QFrame.Shape.StyledPanel)
        self.fields_area.setMaximumHeight(FIELDS_MAX_HEIGHT)
        self.links = QHBoxLayout()
        self.linked_appendix_ids: list[str] = []     # the appendices the link row opens
        self.group_note = QLabel(S.GROUP_SECTION_NOTE, self)
        self.group_note.setWordWrap(True)
        self.group_note.setStyleSheet("color: #555;")

        self.body_label = QLabel(S.BODY_LABEL, self)
        self.body = BodyEditor(self)
        self.body.setPlaceholderText(S.BODY_PLACEHOLDER)
        self.body.setAccessibleName(S.BODY_LABEL.replace("&", "").rstrip(":"))
        self.body_label.setBuddy(self.body)
        self.notes = NotesPanel(self)
        self.findings = QListWidget(self)
        self.shown_findings: list[Finding] = []     # row of ``findings`` → the finding it shows
        self.findings.setWordWrap(True)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.notes, S.NOTES_TAB.format(n=0))
        self.tabs.addTab(self.findings, S.FINDINGS_TAB.format(n=0))
        body_box = QWidget(self)
        body_layout = QVBoxLayout(body_box)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.setSpacing(2)
        body_layout.addWidget(self.body_label)
        body_layout.addWidget(self.body, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(body_box)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([320, 130])
        self.body.setMinimumHeight(BODY_MIN_HEIGHT)
        self.tabs.setMinimumHeight(TABS_MIN_HEIGHT)
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(6)
        layout.addLayout(header)
        layout.addWidget(self.guidance)
        layout.addWidget(self.fields_area)
        layout.addLayout(self.links)
        layout.addWidget(self.group_note)
        layout.addWidget(self.splitter, 1)

        self.body.bodyEdited.connect(self._body_edited)
        self.body.notesChanged.connect(self._notes_changed)
        self.body.noteInserted.connect(self._note_inserted)
        self.notes.noteEdited.connect(lambda nid, note: self.body.set_note(nid, note))
        self.notes.noteRemoveRequested.connect(self._remove_note)
        self.notes.backToBody.connect(lambda: self.body.setFocus(Qt.FocusReason.ShortcutFocusReason))
        self.fields.fieldEdited.connect(self._field_edited)
        self.status.activated.connect(self._status_activated)
        self.setTabOrder(self.status, self.guidance.toggle)

    # ------------------------------------------------------------ showing a section
    def show_section(self, spec: SectionSpec, label: str, title: str, data: SectionData, findings: list[Finding],
                     appendices: list[AppendixSpec]) -> None:
        """Load *spec*'s data into every part of the pane."""
        self.section_id = spec.id
        title = escape(title or display_title(spec.title))
        self.title.setText(f"<span style='font-size:13pt'><b>{escape(label)} {title}</b></span>")
        self.guidance.set_section(spec)
        self._set_links(appendices)           # before the fields: their decorations look at the links
        self.fields.set_fields(spec.fields, data.fields)
        self.fields_area.setVisible(bool(spec.fields))
        self.fields_area.setMinimumHeight(min(FIELDS_MIN_HEIGHT, 28 * len(spec.fields) + 6) if spec.fields else 0)
        self.group_note.setVisible(bool(spec.children))
        self.body.set_body(data.body)
        self.set_status(data.shown_status())
        self.set_findings(findings)
        self._chain_tab_order()

    def _chain_tab_order(self) -> None:
        """Tab goes status → guidance → each field → appendix links → body → notes (widgets built per section)."""
        chain: list[QWidget] = [self.status, self.guidance.toggle]
        for key in self.fields.keys():
            widget = self.fields.widget(key)
            inner = [w for w in (getattr(widget, "kind", None), *getattr(widget, "boxes", {}).values()) if w]
            chain.extend(inner or [widget])
        for index in range(self.links.count()):
            item = self.links.itemAt(index)
            if item is not None and item.widget() is not None:
                chain.append(item.widget())
        chain.append(self.body)
        chain.append(self.tabs.tabBar())
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)

    def _set_links(self, appendices: list[AppendixSpec]) -> None:
        self.linked_appendix_ids = [a.id for a in appendices]    # the appendices the link row opens
        while self.links.count():
            item = self.links.takeAt(0)
            if item.widget() is not None:
                item.widget().hide()
                item.widget().deleteLater()
        for appendix in appendices:
            button = QPushButton(S.APPENDIX_LINK.format(label=appendix.label), self)
            button.setToolTip(S.APPENDIX_LINK_TIP.format(label=appendix.label))
            button.clicked.connect(lambda _=False, aid=appendix.id: self.appendixRequested.emit(aid))
            self.links.addWidget(button)
        if appendices:
            self.links.addStretch(1)

    def refresh(self, data: SectionData) -> None:
        """Show *data* again after undo/redo, keeping the cursor where possible."""
        if self.body.body() != data.body:
            self.body.set_body(data.body, keep_cursor=True)
        self.fields.update_values(data.fields)
        self.set_status(data.shown_status())

    def set_status(self, status: SectionStatus) -> None:
        """Show *status* in the selector (nothing to do when it shows it already)."""
        index = STATUS_INDEX[SectionStatus(status)]
        if self.status.currentIndex() != index:
            self.status.setCurrentIndex(index)

    def set_findings(self, findings: list[Finding]) -> None:
        """List this section's findings under the editor."""
        self.findings.clear()
        self.shown_findings = list(findings)        # item row → finding (the Kiểm tra panel acts on them)
        for finding in findings:
            mark = CS.SEVERITY_LABELS.get(finding.severity, S.FINDING_WARNING)
            item = QListWidgetItem(f"{mark}: {finding.message}")
            item.setForeground({"error": Qt.GlobalColor.darkRed, "hint": Qt.GlobalColor.darkBlue}.get(
                finding.severity, Qt.GlobalColor.darkYellow))
            self.findings.addItem(item)
        if not findings:
            self.findings.addItem(QListWidgetItem(S.FINDINGS_NONE))
        self.tabs.setTabText(1, S.FINDINGS_TAB.format(n=len(findings)))

    def set_read_only(self, read_only: bool) -> None:
        """Refuse typing everywhere in the pane (text stays selectable and copyable)."""
        self.body.setReadOnly(read_only)
        self.notes.set_read_only(read_only)
        self.fields.set_read_only(read_only)
        self.status.setEnabled(not read_only)

    # ------------------------------------------------------------ signals out
    def _body_edited(self) -> None:
        if self.section_id:
            self.bodyEdited.emit(self.section_id)

    def set_note_base(self, base: int) -> None:
        """Number this section's notes as the report does: from *base* + 1."""
        if base != self.body.note_base:
            self.body.set_note_base(base)
            self._notes_changed()

    def _notes_changed(self) -> None:
        notes = self.body.notes()
        self.notes.set_notes(notes, self.body.note_base)
        self.tabs.setTabText(0, S.NOTES_TAB.format(n=len(notes)))

    def _note_inserted(self, note_id: str) -> None:
        self._notes_changed()
        self.tabs.setCurrentWidget(self.notes)
        self.notes.focus_note(note_id)

    def _remove_note(self, note_id: str) -> None:
        self.body.remove_note(note_id)
        self.body.setFocus()

    def _field_edited(self, key: str, value: object) -> None:
        if self.section_id:
            self.fieldEdited.emit(self.section_id, key, value)

    def _status_activated(self, index: int) -> None:
        if self.section_id:
            self.statusChosen.emit(self.section_id, list(SectionStatus)[index])

    def insert_note(self) -> str:
        """Insert a footnote at the body's cursor and move to its text (Ctrl+Alt+F)."""
        return self.body.insert_note(Note([[]]))
